"""`reportgen email`: build each filing's brief in memory, write it as .eml and/or send it.

Reads the same configuration as `build` (inputs, templates, styles, commentary, page size)
plus the `email` table; the library never prints, the CLI reports what this returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.errors import ConfigError, DeliveryError, ReportgenError, TemporaryDeliveryError
from reportgen.mail.compose import DEFAULT_SENDER, compose
from reportgen.mail.settings import check_addresses, email_table, password_from_environment, smtp_settings
from reportgen.mail.smtp import SmtpSettings, send, validate

EX_OK = 0
EX_FAILED = 1  # as `build`: a filing could not be parsed or rendered
EX_USAGE = 2  # as `build`: a usage or configuration error


@dataclass(frozen=True)
class EmailResult:
    """What happened to one filing's message."""

    source: Path
    name: str | None  # the brief's safe name, once parsed
    eml: Path | None = None
    sent_to: tuple[str, ...] = ()
    error: ReportgenError | None = None


def run_email(
    cwd: Path,
    overrides: Mapping[str, Any],
    config_file: Path | None,
    eml_dir: Path | None,
    sending: bool,
    smtp_options: Mapping[str, Any],
    on_result: Callable[[EmailResult], None] = lambda result: None,
) -> list[EmailResult]:
    """Every configured filing as a message; configuration problems raise before any work."""
    from reportgen.build import BuildOptions, discover_inputs
    from reportgen.config import load_config

    config = load_config(cwd, overrides, config_file)
    table, origin = email_table(cwd, config_file)
    settings = _settings(table, smtp_options, origin, sending)
    sender, recipients = (settings.sender, settings.recipients) if settings else _headers(table, smtp_options)
    options = BuildOptions.from_config(config)
    results = []
    for path in discover_inputs(config):
        result = _one(path, options, sender, recipients, settings, eml_dir)
        on_result(result)
        results.append(result)
    return results


def exit_code(results: list[EmailResult]) -> int:
    """0 if all went out; 1 if a brief failed (as `build`), 5 if refused; 75 (try later) only if nothing worse."""
    codes = [_code(r.error) for r in results if r.error is not None]
    permanent = [c for c in codes if c != TemporaryDeliveryError.exit_code]
    if permanent:
        return min(permanent)
    return codes[0] if codes else EX_OK


def _code(error: ReportgenError) -> int:
    """A delivery error keeps its own code; any other failure of one filing is 1, as in `build`."""
    return error.exit_code if isinstance(error, DeliveryError) else EX_FAILED


def _settings(table: Mapping[str, Any], options: Mapping[str, Any], origin: str, sending: bool) -> SmtpSettings | None:
    """Full SMTP settings when sending, checked now (password included) so no brief is built in vain."""
    if not sending:
        return None
    settings = smtp_settings(table, options, origin)
    validate(settings, password_from_environment())
    return settings


def _headers(table: Mapping[str, Any], options: Mapping[str, Any]) -> tuple[str, tuple[str, ...]]:
    """Sender and recipients for a stored message: options, else the file, else a local sender, no To."""
    sender = str(options.get("from") or table.get("from") or DEFAULT_SENDER)
    found = options.get("to") or table.get("to") or ()
    recipients = tuple(str(r) for r in ([found] if isinstance(found, str) else found))
    problems: list[str] = []
    check_addresses(sender, recipients, "email", problems)
    if problems:
        raise ConfigError(problems)
    return sender, recipients


def _one(
    path: Path,
    options: Any,
    sender: str,
    recipients: tuple[str, ...],
    settings: SmtpSettings | None,
    eml_dir: Path | None,
) -> EmailResult:
    """Parse, render, compose, then write and/or send one filing's message; errors are kept, not raised."""
    from reportgen.analysis import brief_view
    from reportgen.brief import BriefOptions, render_brief
    from reportgen.build import _commentary_for
    from reportgen.outputs import atomic_write, brief_folder_name
    from reportgen.parse import parse_path

    name = None
    try:
        filing = parse_path(path)
        name = brief_folder_name(filing)
        commentary = _commentary_for(filing, name, options.commentary)
        brief_options = BriefOptions(
            page_size=options.page_size, formats=frozenset({"pdf"}), chart_images=frozenset({"png"}), template_dirs=tuple(options.template_dirs),
            style_dirs=tuple(options.style_dirs), commentary_md=commentary,
        )
        files = render_brief(filing, brief_options)
        view = brief_view(filing, commentary)
        sending = settings is not None
        message = compose(filing, view, files, sender, recipients, options.template_dirs, sending)
        eml = None
        if eml_dir is not None:
            eml = eml_dir / f"{name}.eml"
            atomic_write(eml, message.as_bytes())
        if settings is not None:
            send(message, settings, password_from_environment())
        return EmailResult(path, name, eml, settings.recipients if settings else ())
    except ReportgenError as error:
        return EmailResult(path, name, error=error)
    except OSError as error:
        return EmailResult(path, name, error=ReportgenError(f"{path.name}: {error.strerror or error}"))


def report(result: EmailResult, quiet: bool) -> None:
    """One line per filing: where its message went, or why it did not (always, on stderr)."""
    import click

    if result.error is not None:
        text = " ".join(str(result.error).split())
        click.echo(f"reportgen: error: {result.source.name}: {text}", err=True)
        return
    if quiet:
        return
    done = [f"wrote {result.eml}"] if result.eml else []
    if result.sent_to:
        done.append(f"sent to {', '.join(result.sent_to)}")
    click.echo(f"{result.name}: {'; '.join(done)}")


def main(
    cwd: Path,
    overrides: Mapping[str, Any],
    config_file: Path | None,
    eml_dir: Path | None,
    sending: bool,
    smtp_options: Mapping[str, Any],
    quiet: bool = False,
) -> int:
    """The command's whole run: messages out, one clean line per problem, the exit status back."""
    import click

    if eml_dir is None and not sending:
        click.echo("reportgen: error: nothing to do: give --eml DIR, --send or both", err=True)
        return EX_USAGE
    try:
        results = run_email(cwd, overrides, config_file, eml_dir, sending, smtp_options,
                            on_result=lambda result: report(result, quiet))
    except ConfigError as error:
        for problem in error.problems:
            click.echo(f"reportgen: error: {problem}", err=True)
        return EX_USAGE
    except ReportgenError as error:
        click.echo(f"reportgen: error: {' '.join(str(error).split())}", err=True)
        return error.exit_code
    return exit_code(results)
