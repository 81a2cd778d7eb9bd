"""The command line: thin click commands over the library; errors become one clean line.

Heavy modules (matplotlib, weasyprint, lxml) are imported inside the commands, so
`reportgen --help` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reportgen import __version__
from reportgen.errors import ReportgenError


def _fail(error: ReportgenError) -> None:
    """Print a library error as one line on stderr and exit with its code."""
    click.echo(f"reportgen: error: {error}", err=True)
    sys.exit(error.exit_code)


FORMAT_CHOICES = ("md", "html", "pdf")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", count=True, help="Say more: one line per filing, with stage timings.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: int) -> None:
    """Turn SEC earnings filings (8-K releases, 10-Qs) into quarterly briefs."""
    ctx.obj = {"verbosity": -1 if quiet else verbose}


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))  # a folder fails in parse_path, in one line
@click.option("--json", "as_json", is_flag=True, help="Print the parsed model as JSON (the contract).")
def parse(path: Path, as_json: bool) -> None:
    """Parse one filing and print what was read."""
    from reportgen.contract import to_contract
    from reportgen.parse import parse_path

    try:
        filing = parse_path(path)
    except ReportgenError as error:
        _fail(error)
    import json

    document = to_contract(filing)
    if as_json:
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        from reportgen.contract import summary_lines

        for line in summary_lines(filing):
            click.echo(line)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder [default: ./output].")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMAT_CHOICES),
              help="A format to write; repeat for several [default: md, html and pdf].")
@click.option("--page-size", type=click.Choice(("letter", "a4"), case_sensitive=False), help="PDF page size [default: letter].")
@click.option("--templates", "templates", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="A folder of templates searched before the built-in ones; repeatable.")
@click.option("--styles", "styles", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="A folder of stylesheets cascaded after the built-in ones; repeatable.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes [default: number of CPUs].")
@click.option("--force", is_flag=True, help="Rebuild every brief, even unchanged ones.")
@click.option("--strict/--no-strict", default=None, help="Count a brief with unverified figures as failed (exit 1).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file [default: ./reportgen.toml, else [tool.reportgen] in ./pyproject.toml].")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", count=True, help="One line per filing, with stage timings.")
@click.pass_context
def build(ctx: click.Context, paths: tuple[str, ...], out: Path | None, formats: tuple[str, ...],
          page_size: str | None, templates: tuple[Path, ...], styles: tuple[Path, ...], jobs: int | None,
          force: bool, strict: bool | None, config_file: Path | None, quiet: bool, verbose: int) -> None:
    """Build briefs for filings: files, folders (searched recursively) or globs.

    With no PATHS, builds the configured inputs, or the bundled sample filing.
    Exit status: 0 all built or skipped, 1 some filing failed, 2 usage or configuration error.
    """
    from reportgen.console import run_build

    verbosity = -1 if quiet else (verbose or (ctx.obj or {}).get("verbosity", 0))
    overrides = {"inputs": paths or None, "output": out, "formats": formats or None, "page_size": page_size,
                 "templates": templates or None, "styles": styles or None, "jobs": jobs, "strict": strict}
    sys.exit(run_build(Path.cwd(), overrides, config_file, force=force, verbosity=verbosity))


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--eml", "eml_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write each brief's message as DIR/<name>.eml.")
@click.option("--send", "sending", is_flag=True, help="Deliver each message over SMTP.")
@click.option("--smtp-host", help="SMTP server [config: email.host].")
@click.option("--smtp-port", type=click.IntRange(1, 65535), help="SMTP port [default: 587, 465 for ssl, 25 for none].")
@click.option("--security", type=click.Choice(("starttls", "ssl", "none")), help="Connection security [default: starttls].")
@click.option("--user", help="SMTP login; the password is read from REPORTGEN_SMTP_PASSWORD only.")
@click.option("--from", "sender", help="Sender address [config: email.from].")
@click.option("--to", "recipients", multiple=True, help="A recipient; repeat for several [config: email.to].")
@click.option("--templates", "templates", multiple=True, type=click.Path(file_okay=False, path_type=Path),
              help="A folder of templates searched before the built-in ones; repeatable.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file [default: ./reportgen.toml, else [tool.reportgen] in ./pyproject.toml].")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.pass_context
def email(ctx: click.Context, paths: tuple[str, ...], eml_dir: Path | None, sending: bool, smtp_host: str | None,
          smtp_port: int | None, security: str | None, user: str | None, sender: str | None,
          recipients: tuple[str, ...], templates: tuple[Path, ...], config_file: Path | None, quiet: bool) -> None:
    """Email each filing's brief: text and HTML with inline charts, the PDF attached.

    With no PATHS, the configured inputs, or the bundled sample filing.
    Exit status: 0 done, 1 a filing failed, 2 usage or configuration error, 5 delivery refused,
    75 temporary delivery failure (retry later).
    """
    from reportgen.mail.command import main as email_main

    quiet = quiet or (ctx.obj or {}).get("verbosity", 0) < 0
    overrides = {"inputs": paths or None, "templates": templates or None}
    smtp = {"host": smtp_host, "port": smtp_port, "security": security, "user": user, "from": sender,
            "to": recipients or None}
    sys.exit(email_main(Path.cwd(), overrides, config_file, eml_dir, sending, smtp, quiet))


def main() -> None:
    """Console-script entry point: any unexpected error is one line on stderr, never a traceback."""
    try:
        cli()
    except KeyboardInterrupt:
        click.echo("reportgen: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # the last line of defence: one clean line
        click.echo(f"reportgen: error: {type(error).__name__}: {error}", err=True)
        sys.exit(1)
