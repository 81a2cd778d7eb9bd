"""Every regular expression of the package runs alike on every Python it supports.

CPython 3.11.0-3.11.4 match possessive quantifiers (`*+`, `++`, `?+`, `{m,n}+`) wrongly
(python/cpython gh-100061, gh-106052): on Debian 12's Python 3.11.2 the EDGAR splitter's
possessive pattern found no document in any submission, while 3.11.5 and later were right.
Atomic groups (`(?>...)`), new in the same release, are kept out with them. The check reads
each module-level pattern's parsed form, so a `*+` written inside a character class or
escaped is not mistaken for one.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import reportgen

_UNSAFE = {sre_constants.POSSESSIVE_REPEAT, sre_constants.ATOMIC_GROUP}


def _modules() -> Iterator[object]:
    """Every module of the package, imported."""
    for info in pkgutil.walk_packages(reportgen.__path__, "reportgen."):
        yield importlib.import_module(info.name)


def _patterns(value: object) -> Iterator[re.Pattern[str]]:
    """The compiled patterns a module-level value is or holds (tuples, lists, dict values)."""
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _patterns(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns(item)


def _opcodes(parsed: object) -> Iterator[object]:
    """Every opcode of a parsed pattern, nested groups and repeats included."""
    for op, av in parsed:  # type: ignore[attr-defined]
        yield op
        for arg in av if isinstance(av, (tuple, list)) else (av,):
            if isinstance(arg, sre_parse.SubPattern):
                yield from _opcodes(arg)
            elif isinstance(arg, (tuple, list)):
                for sub in arg:
                    if isinstance(sub, sre_parse.SubPattern):
                        yield from _opcodes(sub)


def _package_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(module.name, pattern) for every module-level compiled pattern of the package."""
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for module in _modules():
        for name, value in vars(module).items():
            for pattern in _patterns(value):
                if isinstance(pattern.pattern, str):
                    found.setdefault(id(pattern), (f"{module.__name__}.{name}", pattern))
    return list(found.values())


def test_the_check_finds_possessive_and_atomic_syntax() -> None:
    """The detector itself: it must flag both forms, and not a literal "*+" in a class."""
    assert _UNSAFE & set(_opcodes(sre_parse.parse(r"<a>([^<]*+)")))
    assert _UNSAFE & set(_opcodes(sre_parse.parse(r"x(?:y(?>ab|a)c)+")))
    assert not _UNSAFE & set(_opcodes(sre_parse.parse(r"[*+]+\*+(?:a|b)*?")))


def test_the_package_has_patterns_to_check() -> None:
    """The scan reaches the EDGAR splitter's patterns (the ones that once broke)."""
    names = {name for name, _ in _package_patterns()}
    assert {"reportgen.sources.edgar._DOCUMENT", "reportgen.sources.edgar._TEXT",
            "reportgen.extract.textclean._TEXT_PART"} <= names
    assert len(names) > 100


def test_no_possessive_quantifier_or_atomic_group() -> None:
    """No pattern relies on regex syntax that CPython 3.11.0-3.11.4 runs wrongly."""
    unsafe = [
        name for name, pattern in _package_patterns()
        if _UNSAFE & set(_opcodes(sre_parse.parse(pattern.pattern, pattern.flags)))
    ]
    assert unsafe == []
