"""One Markdown table from several `bench_scale.py` results, a column each (for the README):
median / p95 wall time, and the server's CPU time per request, of each request.

    .venv/bin/python bench/scale_table.py bench/out/before-sqlite-100000.json \\
        bench/out/after-sqlite-100000.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def column_title(result: dict) -> str:
    database = "PostgreSQL" if result["database"] == "postgresql" else "SQLite"
    posts = result["dataset"]["generated"]["posts"]
    size = f"{posts / 1e6:g}M" if posts >= 950_000 else f"{round(posts, -3) // 1000:,.0f}k"
    label = f"{result.get('label') or ''} ".lstrip()
    return f"{label}{size} {database}".strip()


def main(paths: list[str]) -> int:
    results = [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]
    print("| request | " + " | ".join(column_title(r) for r in results) + " |")
    print("|---|" + "---|" * len(results))
    names = [row["request"] for row in results[0]["requests"]]
    for name in names:
        cells = []
        for result in results:
            row = next((r for r in result["requests"] if r["request"] == name), None)
            if row is None:
                cells.append("")
                continue
            cpu = row.get("server_cpu_ms")
            cell = f"{row['median_ms']:,.0f} / {row['p95_ms']:,.0f} ms"
            cell += f" ({cpu:,.0f})" if cpu is not None else ""
            if row["status"] != [200]:
                cell += f" status {','.join(map(str, row['status']))}"
            cells.append(cell)
        print(f"| {name} | " + " | ".join(cells) + " |")
    loads = ", ".join(
        f"{column_title(r)}: {r['load_average_start'][0]}–{r['load_average_end'][0]}"
        for r in results
    )
    print(f"\nLoad average (1 minute) at start–end: {loads}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
