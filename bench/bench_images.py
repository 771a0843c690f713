"""Peak memory of an image upload: what one upload (or three at once) costs the web process.

Each case runs in a fresh Python process that sets up Django (test settings, no database
needed), reads its resident size, calls the publishing service that an upload goes through
(``compose.read_upload``: size checks, metadata stripped, faces looked for), and reports its
own peak resident set (``ru_maxrss``), that of any child process it started, and the time.

Cases:

- ``bomb``: a 9400 × 9400 PNG of one colour, 257 KB (265 MB decoded), as a hostile upload.
- ``bomb×3``: three of them at once, in three threads (one web process serving three requests).
- ``photo-12mp``: a 4000 × 3000 JPEG, a phone camera's default.
- ``photo-39mp``: a 7680 × 5120 JPEG, just under the 40-megapixel limit.

    .venv/bin/python bench/bench_images.py                     # this checkout
    .venv/bin/python bench/bench_images.py --src OTHER/src     # another checkout, to compare

``make bench-images`` runs it. Results go to bench/out/images.json and a table on stdout.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
OUT = BENCH_DIR / "out" / "images.json"
CASES = ("bomb", "bomb×3", "photo-12mp", "photo-39mp")


def _photo(width: int, height: int) -> bytes:
    """A JPEG with some texture (so that it is not trivially small), made without NumPy."""
    from PIL import Image, ImageDraw, ImageFilter

    small = Image.effect_noise((width // 16, height // 16), 64).convert("RGB")
    draw = ImageDraw.Draw(small)
    for i in range(0, small.width, 25):
        draw.line((i, 0, small.width - i, small.height), fill=(200, 90, 40), width=3)
    picture = small.resize((width, height), Image.Resampling.BILINEAR)
    picture = picture.filter(ImageFilter.GaussianBlur(1))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _inputs(case: str) -> list[bytes]:
    cache = BENCH_DIR / "out" / f"image-{case.replace('×3', '')}.bin"
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        if case.startswith("bomb"):
            sys.path.insert(0, str(ROOT / "src"))
            from bluelamp.engine.tests.bombs import bomb_png

            cache.write_bytes(bomb_png(9400, 9400))
        elif case == "photo-12mp":
            cache.write_bytes(_photo(4000, 3000))
        else:
            cache.write_bytes(_photo(7680, 5120))
    data = cache.read_bytes()
    return [data] * (3 if case.endswith("×3") else 1)


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_case(case: str) -> dict:
    """In this (fresh) process: one case, measured."""
    import resource
    import threading

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluelamp.config.test_settings")
    django.setup()
    from bluelamp.core.errors import InvalidInputError
    from bluelamp.publishing.services import compose

    inputs = _inputs(case)
    base = _rss_mb()
    outcomes: list[str] = []

    def upload(data: bytes) -> None:
        try:
            _, facts = compose.read_upload(data, name=f"{case}.img")
            outcomes.append(f"stored {facts['width']}×{facts['height']}")
        except InvalidInputError as exc:
            outcomes.append(f"refused: {exc}")

    started = time.perf_counter()
    threads = [threading.Thread(target=upload, args=(data,)) for data in inputs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "case": case,
        "bytes": len(inputs[0]),
        "uploads": len(inputs),
        "rss_before_mb": round(base, 1),
        "peak_rss_mb": round(own, 1),
        "peak_rss_growth_mb": round(own - base, 1),
        "held_after_mb": round(_rss_mb() - base, 1),
        "child_peak_rss_mb": round(children, 1),
        "seconds": round(seconds, 2),
        "outcome": sorted(set(outcomes)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="the src directory of the checkout to measure")
    parser.add_argument("--only", help="comma-separated cases", default=",".join(CASES))
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return 0
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(Path(args.src).resolve())
    results = []
    print(
        f"{'case':<12} {'web peak MB':>11} {'growth':>7} {'held':>6} {'child MB':>8} {'s':>6}  outcome"
    )
    for case in args.only.split(","):
        _inputs(case)  # made here, so that making it is not measured
        done = subprocess.run(
            [sys.executable, __file__, "--case", case],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(f"{case:<12} failed: {done.stderr.strip()[-500:]}")
            results.append({"case": case, "failed": done.stderr.strip()[-2000:]})
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(row)
        print(
            f"{case:<12} {row['peak_rss_mb']:>11.0f} {row['peak_rss_growth_mb']:>7.0f} "
            f"{row['held_after_mb']:>6.0f} {row['child_peak_rss_mb']:>8.0f} {row['seconds']:>6.2f}  "
            f"{'; '.join(row['outcome'])[:70]}"
        )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        json.dumps({"src": args.src or "this checkout", "cases": results}, indent=2)
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
