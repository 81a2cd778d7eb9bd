"""How well reportgen reads a kind of filing, not just the files it knows.

Scores `reportgen parse --json` against expected figures from three sources: the hand-checked
labels of the fixture filings, the same fixtures laid out differently (transformations that
keep every figure), and inline-XBRL filings whose tagged facts label their own statements.
Run it as `python -m reportgen.accuracy`; `docs/accuracy.md` explains the figures.
"""
