"""Accuracy summary over the labelled fixture filings: right, wrong, missing, unexpected.

Run: .venv/bin/python tests/accuracy.py  (prints figures; it never fails on them)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from labelled import FIXTURES, actual, expected, labels  # noqa: E402

from reportgen.contract import to_contract  # noqa: E402
from reportgen.errors import ReportgenError  # noqa: E402
from reportgen.parse import parse_path  # noqa: E402


def main() -> None:
    """Print per-filing, per-figure outcomes and the totals."""
    totals = {"right": 0, "wrong": 0, "missing": 0, "unexpected": 0, "absent-ok": 0}
    for name, entry in labels().items():
        try:
            got = actual(to_contract(parse_path(FIXTURES / entry["file"])))
        except ReportgenError as error:
            got = {fid: None for fid in expected(entry)}
            print(f"{name}: ERROR {error}")
        counts = {k: 0 for k in totals}
        lines = []
        for fid, accepted in expected(entry).items():
            value = got.get(fid)
            if accepted is None:
                outcome = "absent-ok" if value is None else "unexpected"
            elif value is None:
                outcome = "missing"
            else:
                outcome = "right" if value in accepted else "wrong"
            counts[outcome] += 1
            if outcome not in ("right", "absent-ok"):
                want = sorted(str(v) for v in accepted) if accepted else None
                lines.append(f"    {outcome:<10} {fid}: got {value}, want {want}")
        for k in totals:
            totals[k] += counts[k]
        labelled = counts["right"] + counts["wrong"] + counts["missing"]
        print(f"{name}: {counts['right']}/{labelled} right, {counts['wrong']} wrong, "
              f"{counts['missing']} missing, {counts['unexpected']} unexpected")
        print("\n".join(lines)) if lines else None
    labelled = totals["right"] + totals["wrong"] + totals["missing"]
    print(f"TOTAL: {totals['right']}/{labelled} labelled figures right, {totals['wrong']} wrong, "
          f"{totals['missing']} missing; {totals['unexpected']} given where the label has none, "
          f"{totals['absent-ok']} correctly absent")


if __name__ == "__main__":
    main()
