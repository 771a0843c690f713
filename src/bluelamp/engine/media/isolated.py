"""Image work in a process of its own, under a memory cap, so that no image (a decompression
bomb, a huge photo, a hostile file that makes a decoder misbehave) can take the calling process
(the web server, the worker) beyond its own size.

``run(op, data, **params)`` starts ``python -m bluelamp.engine.media.isolated``, which first
limits its own address space (``RLIMIT_AS``) to ``memory_mb``, then does one operation on the
bytes it is given and answers with the result: ``prepare`` (``upload.prepare_upload``) or
``blur`` (``sanitise.blur_regions``). An image the child cannot handle within the cap, or in
``timeout`` seconds, is refused with an InputError like any other bad image; the caller's
memory grows by the bytes sent and received only.

The wire format on stdin and stdout: a 4-byte big-endian length, that many bytes of JSON, then
the image bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from bluelamp.engine.model import InputError

#: The address space a child may use, in MiB: the interpreter with Pillow, NumPy and OpenCV
#: loaded takes about 300 of it; a 40-megapixel RGBA image is 160 MiB a copy, and stripping its
#: metadata holds two copies and the encoded output.
MEMORY_MB = 1024
#: Seconds a child may take before it is stopped.
TIMEOUT_S = 60
# One thread each for the numeric libraries, set in the child before they load: every thread's
# stack and malloc arena counts against the address-space cap, and each upload already has a
# process of its own.
_CHILD_THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _frame(header: dict[str, Any], payload: bytes) -> bytes:
    encoded = json.dumps(header).encode()
    return len(encoded).to_bytes(4, "big") + encoded + payload


def _unframe(blob: bytes) -> tuple[dict[str, Any], bytes]:
    size = int.from_bytes(blob[:4], "big")
    if len(blob) < 4 + size:
        raise ValueError("truncated answer")
    header = json.loads(blob[4 : 4 + size])
    if not isinstance(header, dict):
        raise ValueError("not an answer")
    return header, blob[4 + size :]


def run(
    op: str,
    data: bytes,
    *,
    label: str,
    memory_mb: int = MEMORY_MB,
    timeout: float = TIMEOUT_S,
    **params: Any,
) -> tuple[bytes, dict[str, Any]]:
    """The result of ``op`` on ``data`` computed in a capped child process: (bytes, facts).

    Raises InputError (naming ``label``) for a bad image, and for one the child could not
    handle within ``memory_mb`` MiB or ``timeout`` seconds.
    """
    request = _frame({"op": op, "label": label, "memory_mb": memory_mb, "params": params}, data)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bluelamp.engine.media.isolated"],
            input=request,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            f"{label} took more than {timeout:g} seconds to process; upload a smaller image"
        ) from None
    try:
        header, payload = _unframe(done.stdout)
    except (ValueError, json.JSONDecodeError):
        header, payload = {}, b""
    if done.returncode != 0 or ("error" not in header and "facts" not in header):
        raise InputError(
            f"{label} could not be processed within the {memory_mb} MB Bluelamp allows for one "
            "image; upload a smaller image"
        )
    if "error" in header:
        raise InputError(str(header["error"]))
    return payload, header["facts"]


def _limit_memory(memory_mb: int) -> None:
    import resource

    cap = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _do(op: str, data: bytes, label: str, params: dict[str, Any]) -> tuple[bytes, dict]:
    import cv2

    cv2.setNumThreads(1)
    if op == "prepare":
        from bluelamp.engine.media.upload import prepare_upload

        formats = params.get("formats")
        return prepare_upload(
            data,
            label=label,
            max_pixels=int(params["max_pixels"]),
            formats=tuple(formats) if formats is not None else None,
        )
    if op == "blur":
        from bluelamp.engine.media.sanitise import blur_regions

        return blur_regions(data, params["boxes"], max_pixels=int(params["max_pixels"])), {}
    raise ValueError(f"unknown operation {op!r}")


def main() -> int:
    for name in _CHILD_THREADS:
        os.environ.setdefault(name, "1")
    request = sys.stdin.buffer.read()
    header, data = _unframe(request)
    label = str(header["label"])
    _limit_memory(int(header["memory_mb"]))
    try:
        payload, facts = _do(str(header["op"]), data, label, header.get("params") or {})
        answer = _frame({"facts": facts}, payload)
    except InputError as exc:
        answer = _frame({"error": str(exc)}, b"")
    except MemoryError:
        answer = _frame(
            {
                "error": f"{label} needs more than the {header['memory_mb']} MB Bluelamp allows "
                "for one image; upload a smaller image"
            },
            b"",
        )
    sys.stdout.buffer.write(answer)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
