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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def cli() -> None:
    """Turn SEC earnings filings (8-K releases, 10-Qs) into quarterly briefs."""


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
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


def main() -> None:
    """Console-script entry point."""
    cli()
