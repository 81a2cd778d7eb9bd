"""`python -m reportgen.accuracy`: how well the reader reads fixtures, their re-laid-out
copies, and inline-XBRL filings that label themselves. Prints figures; never fails on them.

    python -m reportgen.accuracy [--labels tests/fixtures/filings/labels.json]
                                 [--corpus DIR ...] [--only NAME ...] [--misses]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from reportgen.accuracy.corpus import corpus_scores
from reportgen.accuracy.fixtures import fixture_scores
from reportgen.accuracy.layouts import describe
from reportgen.accuracy.report import flag_quality, floors, misses, table

DEFAULT_LABELS = Path("tests/fixtures/filings/labels.json")
DEFAULT_CORPORA = (Path("../shared/corpus/ixbrl"), Path("tests/fixtures/ixbrl"))


def main(argv: list[str] | None = None) -> int:
    """Run the measurement and print its tables."""
    parser = argparse.ArgumentParser(prog="python -m reportgen.accuracy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="a labels.json of hand-checked filings")
    parser.add_argument("--corpus", type=Path, action="append", help="a folder of inline-XBRL filings (repeatable)")
    parser.add_argument("--only", action="append", help="only these transformations or variants (repeatable)")
    parser.add_argument("--misses", action="store_true", help="list every figure that is not right")
    parser.add_argument("--no-fixtures", action="store_true", help="skip the labelled fixtures")
    parser.add_argument("--no-corpus", action="store_true", help="skip the inline-XBRL corpus")
    parser.add_argument("--floors", action="store_true", help="also print (correct, silent) per layout, as the tests' floors")
    parser.add_argument("--list", action="store_true", help="list the transformations and what each does, and stop")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(describe()))
        return 0
    only = frozenset(args.only) if args.only else None
    started = time.perf_counter()
    everything = []
    if not args.no_fixtures and args.labels.is_file():
        groups = fixture_scores(args.labels, only)
        everything += [s for scores in groups.values() for s in scores]
        print("\n".join(table(f"Labelled fixtures ({args.labels.parent}), per layout", groups)))
        print("\n".join(flag_quality([s for scores in groups.values() for s in scores])))
        if args.floors:
            print("\n".join(floors(groups)) + "\n")
    corpora = [] if args.no_corpus else args.corpus or [p for p in DEFAULT_CORPORA if p.is_dir()][:1]
    for folder in corpora:
        groups = corpus_scores(folder, only)
        everything += [s for scores in groups.values() for s in scores]
        print("\n".join(table(f"Inline-XBRL filings ({folder}), per variant", groups)))
        print("\n".join(flag_quality([s for scores in groups.values() for s in scores])))
        if args.floors:
            print("\n".join(floors(groups)) + "\n")
    if args.misses:
        print("Misses")
        print("\n".join(misses(everything)))
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
