"""SMTP settings from `[tool.reportgen.email]` (pyproject.toml) or `[email]` (reportgen.toml) and options.

Command-line options win over the file. The password is never read from either: only from
the REPORTGEN_SMTP_PASSWORD environment variable, so it stays out of files and shell history.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reportgen.errors import ConfigError
from reportgen.mail.message import format_address
from reportgen.mail.smtp import DEFAULT_PORTS, PASSWORD_VARIABLE, SECURITIES, SmtpSettings

KEYS = ("host", "port", "security", "user", "from", "to", "timeout", "attempts", "backoff")


def email_table(cwd: Path, config_file: Path | None = None) -> tuple[dict[str, Any], str]:
    """The email table of the project's configuration file, and where it came from ('' if none)."""
    from reportgen.config import find_config_file, read_config_table

    source = config_file if config_file is not None else find_config_file(cwd.resolve())
    if source is None:
        return {}, ""
    if not source.is_file():
        raise ConfigError([f"{source}: configuration file not found"])
    table = read_config_table(source).get("email", {})
    if not isinstance(table, dict):
        raise ConfigError([f"{source.name}: email must be a table"])
    return table, source.name


def smtp_settings(table: Mapping[str, Any], options: Mapping[str, Any], origin: str = "") -> SmtpSettings:
    """Merge the file's table with the options (None means not given); raise every problem at once."""
    problems: list[str] = []
    where = f"{origin}: email" if origin else "email"
    for key in sorted(set(table) - set(KEYS)):
        if key == "password":
            problems.append(f"{where}: password is never read from a file; set {PASSWORD_VARIABLE}")
            continue
        problems.append(f"{where}: unknown key '{key}' (known: {', '.join(KEYS)})")
    values = {k: v for k, v in table.items() if k in KEYS}
    values.update({k: v for k, v in options.items() if v is not None and v != ()})
    security = _text(values, "security", where, problems, default="starttls").lower()
    if security not in SECURITIES:
        problems.append(f"{where}: security {security!r} not one of {', '.join(SECURITIES)}")
    settings = SmtpSettings(
        host=_text(values, "host", where, problems, default=""),
        port=_number(values, "port", int, where, problems, default=DEFAULT_PORTS.get(security, 587)),
        security=security,
        sender=_text(values, "from", where, problems, default=""),
        recipients=_addresses(values.get("to", ()), where, problems),
        user=_text(values, "user", where, problems, default="") or None,
        timeout=_number(values, "timeout", float, where, problems, default=30.0),
        attempts=_number(values, "attempts", int, where, problems, default=3),
        backoff=_number(values, "backoff", float, where, problems, default=1.0),
    )
    check_addresses(settings.sender, settings.recipients, where, problems)
    if problems:
        raise ConfigError(problems)
    return settings


def check_addresses(sender: str, recipients: tuple[str, ...], where: str, problems: list[str]) -> None:
    """Append a problem for each address that is not one, before any brief is built."""
    for address in (sender, *recipients):
        if not address:
            continue
        try:
            format_address(address)
        except ConfigError as error:
            problems.extend(f"{where}: {p.removeprefix('email: ')}" for p in error.problems)


def password_from_environment() -> str | None:
    """The SMTP password, from the environment only."""
    return os.environ.get(PASSWORD_VARIABLE)


def _text(values: Mapping[str, Any], key: str, where: str, problems: list[str], default: str) -> str:
    """A string setting."""
    value = values.get(key, default)
    if not isinstance(value, str):
        problems.append(f"{where}: {key} must be a string, not {value!r}")
        return default
    return value.strip()


def _number(values: Mapping[str, Any], key: str, kind: type, where: str, problems: list[str], default: Any) -> Any:
    """A positive number setting (int, or int/float for float settings)."""
    value = values.get(key, default)
    allowed = (int, float) if kind is float else (int,)
    if isinstance(value, bool) or not isinstance(value, allowed) or value <= 0:
        problems.append(f"{where}: {key} must be a positive number, not {value!r}")
        return default
    return kind(value)


def _addresses(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    """One address or a list of them."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) and i.strip() for i in items):
        problems.append(f"{where}: to must be an address or a list of addresses")
        return ()
    return tuple(i.strip() for i in items)
