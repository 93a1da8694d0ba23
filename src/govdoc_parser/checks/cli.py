"""``govdoc check``: the click command (registered by ``govdoc_parser.cli``). Importing this
module costs click only; the checks load when the command runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("check")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--previous", type=click.Path(path_type=Path),
              help="The same issuer's report of the year before (for SIMILAR_TO_PREVIOUS_YEAR).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="json: {\"findings\": [...], \"indicators\": {...}} (a list for several files).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="An ingest database: without FILE checks every document stored there; writes the "
                   "check_findings and check_indicators tables; finds the previous year's report there.")
@click.option("--sheet", type=click.Path(dir_okay=False, path_type=Path),
              help="With --db: write the check_indicators table as CSV (one row per document).")
@click.option("--engine", type=click.Choice(["pdfium", "pdfplumber"]), default="pdfium", show_default=True)
@click.option("--no-layout", is_flag=True, help="Skip the checks of the printed page (colour, type size, page numbers).")
@click.option("--timeout", type=click.FloatRange(min=0), default=300.0, show_default=True,
              help="Give up a file after this many seconds (0: no limit).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the output here.")
@click.option("--debug", is_flag=True, help="Show the traceback on errors.")
def check_command(files, previous, fmt, db, sheet, engine, no_layout, timeout, output, debug) -> None:
    """GB/T 9704 format and annual-report content checks of FILE(s), with indicators.

    Every finding has a code, a severity, a message, the rule (GB/T 9704-2012 clause or
    article of the 2019 规定) and where it is; docs/checks.md lists the codes.
    """
    import traceback
    import warnings

    import govdoc_parser

    from ..errors import GovdocError
    from . import check
    from .output import as_json, as_markdown, as_text

    if not debug:
        warnings.simplefilter("ignore")
    if not files and db is None:
        raise click.UsageError("give one or more FILEs, or --db with an ingest database")
    if sheet is not None and db is None:
        raise click.UsageError("--sheet needs --db")
    conn = None
    if db is not None:
        from .store import open_db

        conn = open_db(db)
    exit_code = 0

    def parse(path: Path):
        return govdoc_parser.parse(path, engine=engine, timeout=timeout or None)

    def failed(exc: BaseException, path) -> int:
        if debug:
            traceback.print_exc()
        if isinstance(exc, GovdocError):
            click.echo(f"govdoc: error: {exc.one_line()}", err=True)
            return exc.exit_code
        click.echo(f"govdoc: error: {path}: internal error {type(exc).__name__}: {exc} [internal]", err=True)
        return 70

    before = None
    if previous is not None:
        try:
            before = parse(previous)
        except Exception as exc:  # noqa: BLE001 - one line, its exit code
            sys.exit(failed(exc, previous))

    results = []
    if files:
        jobs = ((None, path) for path in files)
    else:
        from .store import archived_reports

        jobs = ((document_id, report) for document_id, report in archived_reports(conn))
    for document_id, item in jobs:
        try:
            report = parse(item) if isinstance(item, Path) else item
            prior = before
            if prior is None and conn is not None:
                from .store import previous_report

                prior = previous_report(conn, report)
            result = check(report, prior, layout=not no_layout)
        except Exception as exc:  # noqa: BLE001
            exit_code = failed(exc, item if isinstance(item, Path) else document_id)
            continue
        if conn is not None:
            from .store import save

            save(conn, report, result, document_id)
        results.append(result)

    if fmt == "json":
        text = as_json(results, single=len(files) == 1) + "\n"
    elif fmt == "markdown":
        text = as_markdown(results)
    else:
        text = as_text(results)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if sheet is not None:
        from .store import sheet as to_csv

        sheet.write_text(to_csv(conn), encoding="utf-8-sig", newline="")
    if conn is not None:
        conn.close()
    sys.exit(exit_code)
