from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Row:
    name: str
    measured: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    ok: bool | None = None
    database: str = ""  # filled in by the runner: "SQLite" or "PostgreSQL"


def print_table(rows: list[Row]) -> None:
    headers = ("benchmark", "database", "measured", "baseline (same run)", "ratio", "target", "ok")
    cells = [
        (r.name, r.database, r.measured, r.baseline, r.ratio, r.target, "" if r.ok is None else ("yes" if r.ok else "NO"))
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-+-".join("-" * w for w in widths))
    for c in cells:
        print(" | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)))
