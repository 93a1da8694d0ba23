"""The ``govdoc`` command line."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .errors import GovdocError

INTERNAL_ERROR_EXIT = 70


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
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--engine", type=click.Choice(["pdfplumber", "pdfium"]), default="pdfplumber", show_default=True,
              help="PDF engine.")
@click.option("--no-metrics", is_flag=True, help="Skip metric extraction.")
@click.option("--compact", is_flag=True, help="One-line JSON instead of indented.")
@click.option("--max-pages", default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON here.")
@click.option("--debug", is_flag=True, help="Show the traceback on errors.")
def parse(file: Path, engine: str, no_metrics: bool, compact: bool, max_pages: int, output: Path | None,
          debug: bool) -> None:
    """Parse FILE (PDF, text or markdown) and print the Report JSON."""
    from .pipeline import parse_file

    try:
        report = parse_file(file, engine=engine, metrics=not no_metrics, max_pages=max_pages)
    except Exception as exc:  # every failure becomes one line and an exit code
        _fail(exc, str(file), debug)
        return
    text = report.model_dump_json(indent=None if compact else 1)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--inputs", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of the documents (default: the gold folder's parent).")
@click.option("--suffix", default=None, help="Input file suffix to pair with NAME.gold.json (default: as in gold 'file').")
@click.option("--per-file", is_flag=True, help="Also print a line per file.")
@click.option("--engine", type=click.Choice(["pdfplumber", "pdfium"]), default="pdfplumber", show_default=True)
def eval_command(gold_dir: Path, inputs: Path | None, suffix: str | None, per_file: bool, engine: str) -> None:
    """Score parses against gold JSON files: field-level P/R/F1, exact and soft."""
    from .evaluation import evaluate_folder, format_report

    result = evaluate_folder(gold_dir, inputs or gold_dir.parent, suffix=suffix, engine=engine)
    click.echo(format_report(result, per_file=per_file))


if __name__ == "__main__":  # pragma: no cover
    main()
