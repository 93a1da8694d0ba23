"""The ``govdoc`` command line."""

from __future__ import annotations

import logging
import os
import sys
import traceback
import warnings
from pathlib import Path

import click

from . import __version__
from .errors import GovdocError
from .read import DEFAULT_ENGINE, ENGINES

INTERNAL_ERROR_EXIT = 70
DEFAULT_TIMEOUT = 300.0  # seconds per file, for parse and ingest
DEFAULT_MEMORY_MB = 2048  # address space per ingest worker


def _quiet_libraries(debug: bool) -> None:
    """Library log records and warnings (pdfminer's on damaged files) stay off stderr, which
    carries our one line; ``--debug`` shows them."""
    if debug:
        logging.basicConfig(level=logging.WARNING)
        return
    logging.getLogger().addHandler(logging.NullHandler())
    warnings.simplefilter("ignore")


def _fail(exc: BaseException, path: str, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    if isinstance(exc, GovdocError):
        click.echo(f"govdoc: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    message = str(exc).splitlines()[0] if str(exc) else ""
    click.echo(
        f"govdoc: error: {path}: internal error {type(exc).__name__}: {message} [internal] (rerun with --debug)",
        err=True,
    )
    sys.exit(INTERNAL_ERROR_EXIT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govdoc")
def main() -> None:
    """Turn Chinese official documents (公文) into JSON: fields, sections and metrics."""


@main.command()
@click.argument("file", type=click.Path(path_type=Path))  # a directory: our one-line [unreadable]
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
              help="PDF engine: both give the same Report; pdfium is 8 times faster.")
@click.option("--no-metrics", is_flag=True, help="Skip metric extraction.")
@click.option("--no-ocr", is_flag=True, help="Never OCR pages without a text layer.")
@click.option("--compact", is_flag=True, help="One-line JSON instead of indented.")
@click.option("--max-pages", default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              help="Give up after this many seconds (0: no limit).")
@click.option("--max-memory", type=click.IntRange(min=0), default=0, show_default=True,
              help="Cap the address space at this many MB (0: no cap; POSIX only).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON here.")
@click.option("--explain", is_flag=True, help="Print each block with its label and the rule that gave it.")
@click.option("--debug", is_flag=True, help="Show the traceback on errors.")
def parse(file: Path, engine: str, no_metrics: bool, no_ocr: bool, compact: bool, max_pages: int, timeout: float,
          max_memory: int, output: Path | None, explain: bool, debug: bool) -> None:
    """Parse FILE (PDF, text, markdown, HTML, DOCX, DOC, WPS, OFD, image) and print the Report JSON."""
    from .limits import MB, limit_memory
    from .pipeline import explain_file, parse_file

    _quiet_libraries(debug)
    limit_memory(max_memory * MB)
    try:
        if explain:
            click.echo("\n".join(explain_file(file, engine=engine, max_pages=max_pages, ocr=not no_ocr)))
            return
        report = parse_file(file, engine=engine, metrics=not no_metrics, max_pages=max_pages, ocr=not no_ocr,
                            timeout=timeout or None)
    except Exception as exc:  # every failure becomes one line and an exit code
        _fail(exc, str(file), debug)
        return
    text = report.model_dump_json(indent=None if compact else 1)
    if output:
        try:
            output.write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        click.echo(text)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--inputs", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of the documents (default: the gold folder's parent).")
@click.option("--suffix", default=None, help="Input file suffix to pair with NAME.gold.json (default: as in gold 'file').")
@click.option("--per-file", is_flag=True, help="Also print a line per file.")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True)
def eval_command(gold_dir: Path, inputs: Path | None, suffix: str | None, per_file: bool, engine: str) -> None:
    """Score parses against gold JSON files: field-level P/R/F1, exact and soft."""
    from .evaluation import evaluate_folder, format_report

    result = evaluate_folder(gold_dir, inputs or gold_dir.parent, suffix=suffix, engine=engine)
    click.echo(format_report(result, per_file=per_file))



@main.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--db", required=True, type=click.Path(dir_okay=False, path_type=Path), help="SQLite database file.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds per file before it is given up and its worker stopped (0: no limit).")
@click.option("--max-memory", type=click.IntRange(min=0), default=DEFAULT_MEMORY_MB, show_default=True,
              help="Address space per worker in MB: a bomb ends one file, not the machine (0: no cap).")
@click.option("--max-pages", default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True)
@click.option("--no-metrics", is_flag=True, help="Skip metric extraction.")
@click.option("--no-ocr", is_flag=True, help="Never OCR pages without a text layer.")
@click.option("--retry-errors", is_flag=True, help="Parse again the files recorded in the errors table.")
def ingest_command(paths: tuple[Path, ...], db: Path, workers: int | None, timeout: float, max_memory: int,
                   max_pages: int, engine: str, no_metrics: bool, no_ocr: bool, retry_errors: bool) -> None:
    """Parse every document under PATHS into a SQLite database (resumable: rerun to continue)."""
    from .limits import MB
    from .store.ingest import ingest

    try:
        summary = ingest(paths, db=db, workers=workers, timeout=timeout or None, max_memory=max_memory * MB or None,
                         max_pages=max_pages, engine=engine, metrics=not no_metrics, ocr=not no_ocr,
                         retry_errors=retry_errors, progress=True)
    except KeyboardInterrupt:
        click.echo("govdoc: interrupted; run the same command again to continue", err=True)
        sys.exit(130)
    click.echo(str(summary))


@main.command(name="export")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True)
@click.option("--table", type=click.Choice(["metrics", "documents", "sections", "tables", "errors"]), default="metrics",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: stdout).")
def export_command(db: Path, fmt: str, table: str, output: Path | None) -> None:
    """Write a table of an ingest database as CSV, JSON lines or Parquet."""
    import sqlite3

    from .store.export import ExportError, export

    try:
        export(db, table, fmt, output)
    except (ExportError, sqlite3.DatabaseError) as exc:
        raise click.ClickException(str(exc)) from None


@main.command(name="compare")
@click.argument("reports", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--db", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Ingest database.")
@click.option("--issuer", help="Issuer to compare, e.g. 青川市人民政府 (with --db).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "markdown"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: stdout).")
def compare_command(reports: tuple[Path, ...], db: Path | None, issuer: str | None, fmt: str,
                    output: Path | None) -> None:
    """Metrics by year reported: one issuer from --db, or Report JSON files REPORTS."""
    import sqlite3

    from .store import compare

    if bool(reports) == bool(db) or bool(db) != bool(issuer):
        raise click.UsageError("give either --db and --issuer, or Report JSON files")
    try:
        result = compare.from_db(db, issuer) if db else compare.from_reports(reports)
    except compare.UnknownIssuer as exc:
        raise click.ClickException(str(exc)) from None
    except (sqlite3.DatabaseError, ValueError, KeyError) as exc:  # not a database, not Report JSON
        raise click.ClickException(f"{type(exc).__name__}: {exc}") from None
    click.echo(f"{len(result.documents)} reports, years {', '.join(map(str, result.years)) or 'none'}", err=True)
    if result.left_out:
        click.echo(f"left out, no year reported: {'; '.join(result.left_out)}", err=True)
    text = compare.render(result, fmt)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


def run() -> None:
    """The ``govdoc`` console entry point: ``main``, and after ``parse`` no interpreter teardown."""
    # pydantic looks for plugins in every installed distribution on first use (15 ms or more);
    # the command line has none to offer them
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        main()
    except SystemExit as done:
        if sys.argv[1:2] != ["parse"]:
            raise
        _exit_without_teardown(done.code)


def _exit_without_teardown(code: object) -> None:
    """After a parse nothing is left open (no files, pools or databases), and freeing every
    module and object one by one costs 45 ms, a tenth of parsing a short report."""
    if isinstance(code, str):
        click.echo(code, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else int(code is not None))


if __name__ == "__main__":  # pragma: no cover
    run()
