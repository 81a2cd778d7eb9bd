"""The accuracy report: one table per corpus and variant, the misses listed with their labels."""

from __future__ import annotations

from collections.abc import Iterable

from reportgen.accuracy.score import ABSENT_OK, CORRECT, Score, Tally, tally

HEAD = (
    f"{'':<26} {'files':>5} {'figures':>7} {'correct':>7} {'wrong':>6} {'missing':>7} {'invented':>8} "
    f"{'silent':>6} {'flagged ok':>10} {'excused':>7} {'periods':>8} {'errors':>6}"
)


def row(name: str, scores: list[Score]) -> str:
    """One line of totals: figures, then the period fields apart."""
    t = tally(scores, period=False)
    p = tally(scores, period=True)
    periods = f"{p.correct}/{p.printed}" if p.printed else "-"
    return (
        f"{name:<26} {len(scores):>5} {t.printed:>7} {t.correct:>7} {t.wrong:>6} {t.missing:>7} {t.invented:>8} "
        f"{t.silent:>6} {t.correct_flagged:>10} {t.excused:>7} {periods:>8} {t.errors:>6}"
    )


def table(title: str, groups: dict[str, list[Score]]) -> list[str]:
    """A titled table of totals per group, and a total line."""
    everything = [s for scores in groups.values() for s in scores]
    return [title, HEAD] + [row(name, scores) for name, scores in groups.items()] + [row("TOTAL", everything), ""]


def misses(scores: Iterable[Score]) -> list[str]:
    """Every figure that is not right, with what was read and what was expected."""
    out: list[str] = []
    for s in scores:
        lines = [
            f"    {o.outcome:<16} {o.id:<36} got {o.got}, want {list(o.want) if o.want is not None else None}"
            + (" [flagged]" if o.flagged else "")
            for o in s.outcomes
            if o.outcome not in (CORRECT, ABSENT_OK)
        ]
        if s.error:
            lines.insert(0, f"    error: {s.error}")
        if lines:
            out.append(f"  {s.name} / {s.variant}")
            out.extend(lines)
    return out


def flag_quality(scores: list[Score]) -> list[str]:
    """Right and wrong crossed with flagged and not: how much the flag tells a reader."""
    t: Tally = tally(scores, period=False)
    wrong = t.wrong + t.invented
    return [
        "The flag",
        f"  correct figures flagged: {t.correct_flagged} of {t.correct}" + _share(t.correct_flagged, t.correct),
        f"  wrong or invented figures not flagged (silently wrong): {t.silent} of {wrong}" + _share(t.silent, wrong),
        "",
    ]


def floors(groups: dict[str, list[Score]]) -> list[str]:
    """Per group, `"name": (correct, silent),` as the tests record their floors."""
    out = []
    for name, scores in groups.items():
        t = tally(scores, period=False)
        out.append(f'    "{name}": ({t.correct}, {t.silent}),')
    return out


def _share(part: int, whole: int) -> str:
    """' (12.5%)', or nothing for an empty whole."""
    return f" ({100 * part / whole:.1f}%)" if whole else ""
