"""The ``govdoc`` command line."""

from __future__ import annotations

import glob
import logging
import os
import sys
import traceback
import warnings
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import GovdocError, TooLarge
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


def _error_line(exc: BaseException, path: str) -> tuple[str, int, str]:
    """The one stderr line for a failed file, its exit code and its error code."""
    if isinstance(exc, GovdocError):
        return f"govdoc: error: {exc.one_line()}", exc.exit_code, exc.code
    from .limits import TOO_LARGE_MESSAGE, out_of_memory

    if out_of_memory(exc):  # e.g. writing the Report's JSON, outside the parse's own guard
        return _error_line(TooLarge(TOO_LARGE_MESSAGE, path), path)
    message = str(exc).splitlines()[0] if str(exc) else ""
    return (f"govdoc: error: {path}: internal error {type(exc).__name__}: {message} [internal] (rerun with --debug)",
            INTERNAL_ERROR_EXIT, "internal")


def _fail(exc: BaseException, path: str, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    line, exit_code, _ = _error_line(exc, path)
    click.echo(line, err=True)
    sys.exit(exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govdoc")
def main() -> None:
    """Turn Chinese official documents (公文) into JSON: fields, sections and metrics."""


SOME_FAILED_EXIT = 1  # parse of several inputs: at least one failed, or none was found
STDIN = "-"
_GLOB_CHARS = frozenset("*?[")
_SUFFIXES = {"json": ".json", "markdown": ".md"}


class _Input:
    """One document to parse: ``source`` is a path or ``-`` (stdin); ``out`` is its output name
    under ``--output DIR``, without the suffix."""

    def __init__(self, source: str | Path, label: str, out: Path):
        self.source, self.label, self.out = source, label, out


def _is_single(args: tuple[str, ...]) -> bool:
    """One file named as it is (or ``-``): today's ``govdoc parse FILE``, with its output and exit codes."""
    if len(args) != 1:
        return False
    arg = args[0]
    if arg == STDIN:
        return True
    path = Path(arg)
    return not path.is_dir() and (path.exists() or not _GLOB_CHARS & set(arg))


def _expand(args: tuple[str, ...]) -> tuple[list[_Input], list[tuple[str, Exception]]]:
    """Files, folders (their documents, recursively, hidden ones left out, as ``ingest`` finds
    them) and glob patterns (``**`` included) to documents in a stable order, each once; and
    the arguments that gave nothing, with the error to report."""
    from .errors import FileUnreadable
    from .store.ingest import DOCUMENT_SUFFIXES

    found: list[_Input] = []
    problems: list[tuple[str, Exception]] = []
    seen: set = set()

    def add(path: Path, out: Path) -> None:
        try:
            key = path.resolve()
        except OSError:
            key = path
        if key not in seen:
            seen.add(key)
            found.append(_Input(path, str(path), out))

    def folder(root: Path) -> int:
        count = 0
        for path in sorted(root.rglob("*")):
            relative = path.relative_to(root)
            if path.is_file() and path.suffix.lower() in DOCUMENT_SUFFIXES \
                    and not any(part.startswith(".") for part in relative.parts):
                add(path, relative.with_suffix(""))
                count += 1
        return count

    for arg in args:
        path = Path(arg)
        if arg == STDIN:
            found.append(_Input(STDIN, "<stdin>", Path("stdin")))
        elif path.is_dir():
            if not folder(path):
                problems.append((arg, FileUnreadable("a folder without documents (" + ", ".join(
                    sorted(DOCUMENT_SUFFIXES)) + ")", arg)))
        elif path.exists() or not _GLOB_CHARS & set(arg):
            add(path, Path(path.stem))  # a missing file fails when it is parsed: [unreadable]
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                problems.append((arg, FileUnreadable("no file matches this pattern", arg)))
            for match in map(Path, matches):
                if match.is_dir():
                    folder(match)
                elif match.is_file():
                    add(match, Path(match.stem))
    _unique_outputs(found)
    return found, problems


def _unique_outputs(inputs: list[_Input]) -> None:
    """Two inputs never write the same output: a.pdf and a.docx become a.pdf.json and
    a.docx.json, and what still collides gets -2, -3 …"""
    counts: dict[Path, int] = {}
    for item in inputs:
        counts[item.out] = counts.get(item.out, 0) + 1
    taken: set[Path] = set()
    for item in inputs:
        out = item.out
        if counts[out] > 1 and item.source != STDIN:
            out = out.with_name(Path(item.source).name)
        candidate, n = out, 1
        while candidate in taken:
            n += 1
            candidate = out.with_name(f"{out.name}-{n}")
        taken.add(candidate)
        item.out = candidate


class _Bar:
    """``[####------] 3/10  failed 1  name`` redrawn on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.drawn = total, enabled, False

    def draw(self, done: int, failed: int, label: str) -> None:
        if not self.enabled:
            return
        width = 20
        filled = width * done // self.total if self.total else width
        name = label if len(label) <= 40 else "…" + label[-39:]
        sys.stderr.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{self.total}  failed {failed}  {name}\x1b[K")
        sys.stderr.flush()
        self.drawn = True

    def clear(self) -> None:
        if self.enabled and self.drawn:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.drawn = False


def _render(report, fmt: str, indent: int | None) -> str:
    if fmt == "markdown":
        from .output.markdown import render

        return render(report).rstrip("\n")
    return report.model_dump_json(indent=indent)


def _parse_one(source: str | Path, engine: str, metrics: bool, max_pages: int, ocr: bool, timeout: float):
    from . import parse as parse_document

    if source == STDIN:
        return parse_document(sys.stdin.buffer, engine=engine, metrics=metrics, max_pages=max_pages, ocr=ocr,
                              timeout=timeout or None, name="<stdin>")
    return parse_document(Path(source), engine=engine, metrics=metrics, max_pages=max_pages, ocr=ocr,
                          timeout=timeout or None)


def _explain_one(source: str | Path, engine: str, max_pages: int, ocr: bool) -> str:
    from .pipeline import explain_file

    if source == STDIN:
        raise click.UsageError("--explain reads a file, not stdin")
    return "\n".join(explain_file(Path(source), engine=engine, max_pages=max_pages, ocr=ocr))


def _write(target: Path, text: str) -> None:
    import errno

    from .errors import DiskFull
    from .output.files import write_atomic

    try:
        write_atomic(target, text + "\n")
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):  # nothing is left behind: the file is whole or absent
            _exit_with(DiskFull(f"the disk is full: cannot write the output ({exc.strerror})", str(target)))
        raise click.ClickException(f"cannot write {target}: {exc.strerror or exc}") from None


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
              help="PDF engine: both give the same Report; pdfium is about 4 times faster a page.")
@click.option("--no-metrics", is_flag=True, help="Skip metric extraction.")
@click.option("--no-ocr", is_flag=True, help="Never OCR pages without a text layer.")
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json", show_default=True,
              help="Report JSON, or Markdown: title, headings, paragraphs and tables.")
@click.option("--compact", is_flag=True, help="One-line JSON instead of indented.")
@click.option("--max-pages", default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              help="Give up on a file after this many seconds (0: no limit).")
@click.option("--max-memory", type=click.IntRange(min=0), default=0, show_default=True,
              help="Cap the address space at this many MB (0: no cap; POSIX only).")
@click.option("-o", "--output", type=click.Path(),
              help="One input: write here (a file; into a folder when it exists or ends with /). Several: a folder "
                   "(created) with one FILE.json or FILE.md per input.")
@click.option("--explain", is_flag=True, help="Print each block with its label and the rule that gave it.")
@click.option("--debug", is_flag=True, help="Show the traceback on errors.")
def parse(inputs: tuple[str, ...], engine: str, no_metrics: bool, no_ocr: bool, fmt: str, compact: bool,
          max_pages: int, timeout: float, max_memory: int, output: str | None, explain: bool, debug: bool) -> None:
    """Parse documents (PDF, text, markdown, HTML, DOCX, DOC, WPS, OFD, image) and print the Report JSON.

    FILE... is one or more files, folders (every document inside, recursively), glob patterns
    ('reports/**/*.pdf', quoted) or - for stdin. One file: the Report on stdout (or -o FILE)
    and on failure one line on stderr and its own exit code. Several: each failure is one
    line, a summary line ends the run and the exit code is 1 when any failed; without
    --output, JSON goes to stdout as one line per Report (JSON lines).
    """
    from .limits import MB, TOO_LARGE_MESSAGE, run_capped

    _quiet_libraries(debug)

    def work() -> None:
        try:
            if _is_single(inputs):
                _parse_single(inputs[0], engine, not no_metrics, max_pages, not no_ocr, timeout, fmt, compact,
                              output, explain, debug)
            else:
                _parse_many(inputs, engine, not no_metrics, max_pages, not no_ocr, timeout, fmt,
                            Path(output) if output else None, explain, debug)
        except click.ClickException as exc:  # (in a child process, click is not there to show it)
            if not max_memory:
                raise
            exc.show()
            sys.exit(exc.exit_code)

    if not max_memory:
        work()
        return
    # a native library that cannot allocate may abort or crash the process: the parse runs in a
    # child under the cap, and this process tells a death from a finished parse
    died = run_capped(max_memory * MB, work)
    if died is not None:
        label = str(Path(inputs[0])) if len(inputs) == 1 and inputs[0] != STDIN else "the parse"
        click.echo(f"govdoc: error: {label}: {TOO_LARGE_MESSAGE} (--max-memory {max_memory} MB; {died}) "
                   f"[{TooLarge.code}]", err=True)
        sys.exit(TooLarge.exit_code)


def _parse_single(source: str, engine: str, metrics: bool, max_pages: int, ocr: bool, timeout: float, fmt: str,
                  compact: bool, output: str | None, explain: bool, debug: bool) -> None:
    label = "<stdin>" if source == STDIN else str(Path(source))
    try:
        if explain:
            click.echo(_explain_one(source, engine, max_pages, ocr))
            return
        report = _parse_one(source, engine, metrics, max_pages, ocr, timeout)
        text = _render(report, fmt, None if compact else 1)
    except click.UsageError:
        raise
    except Exception as exc:  # every failure becomes one line and an exit code
        _fail(exc, label, debug)
        return
    if output:
        target = Path(output)
        if target.is_dir() or output.endswith(("/", os.sep)):
            target = target / (("stdin" if source == STDIN else Path(source).stem) + _SUFFIXES[fmt])
        _write(target, text)
    else:
        click.echo(text)


def _parse_many(args: tuple[str, ...], engine: str, metrics: bool, max_pages: int, ocr: bool, timeout: float,
                fmt: str, output: Path | None, explain: bool, debug: bool) -> None:
    import time
    from collections import Counter

    started = time.monotonic()
    if output is not None and output.exists() and not output.is_dir():
        raise click.UsageError(f"--output {output} is a file; several inputs need a folder")
    inputs, problems = _expand(args)
    if explain:
        output = None
    errors: Counter = Counter()
    bar = _Bar(len(inputs), enabled=sys.stderr.isatty())

    def failed(line: str, code: str) -> None:
        bar.clear()
        click.echo(line, err=True)
        errors[code] += 1

    for arg, exc in problems:
        bar.clear()
        click.echo(_error_line(exc, arg)[0], err=True)
    parsed = 0
    for done, item in enumerate(inputs):
        bar.draw(done, sum(errors.values()), item.label)
        try:
            if explain:
                text = _explain_one(item.source, engine, max_pages, ocr)
            else:
                report = _parse_one(item.source, engine, metrics, max_pages, ocr, timeout)
        except click.UsageError:
            raise
        except Exception as exc:  # one line per failure; the batch goes on
            if debug:
                bar.clear()
                traceback.print_exception(exc)
            line, _, code = _error_line(exc, item.label)
            failed(line, code)
            continue
        if explain:
            bar.clear()
            click.echo(f"==> {item.label} <==\n{text}")
        elif output is not None:
            from .output.files import write_atomic

            target = output / item.out.with_name(item.out.name + _SUFFIXES[fmt])
            try:
                write_atomic(target, _render(report, fmt, 1) + "\n")
            except OSError as exc:  # nothing is left behind: the file is whole or absent
                failed(f"govdoc: error: {item.label}: cannot write {target}: {exc.strerror or exc} [output]", "output")
                continue
        elif fmt == "markdown":
            bar.clear()
            click.echo(f"<!-- govdoc: {item.label} -->\n\n{_render(report, fmt, None)}\n")
        else:
            bar.clear()
            click.echo(_render(report, fmt, None))  # JSON lines: one Report a line
        parsed += 1
    bar.clear()
    count = sum(errors.values())
    summary = f"govdoc: {len(inputs)} file{'s' if len(inputs) != 1 else ''}: {parsed} parsed, {count} failed"
    if errors:
        summary += " (" + ", ".join(f"{n} {code}" for code, n in sorted(errors.items())) + ")"
    if problems:
        summary += f"; {len(problems)} argument{'s' if len(problems) != 1 else ''} gave no file"
    if output is not None and parsed:
        summary += f"; written to {output}"
    click.echo(f"{summary}; {time.monotonic() - started:.1f} s", err=True)
    if count or problems or not inputs:
        sys.exit(SOME_FAILED_EXIT)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--inputs", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of the documents (default: the gold folder's parent).")
@click.option("--suffix", default=None, help="Input file suffix to pair with NAME.gold.json (default: as in gold 'file').")
@click.option("--per-file", is_flag=True, help="Also print a line per file.")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True)
def eval_command(gold_dir: Path, inputs: Path | None, suffix: str | None, per_file: bool, engine: str) -> None:
    """Score parses against gold JSON files: field-level P/R/F1, exact and soft.

    Exits with 1 when no gold file was paired with an input or a paired input failed to parse."""
    from .evaluation import evaluate_folder, format_report

    result = evaluate_folder(gold_dir, inputs or gold_dir.parent, suffix=suffix, engine=engine)
    click.echo(format_report(result, per_file=per_file))
    if not result.files:
        click.echo(f"govdoc: error: no gold file in {gold_dir} was paired with an input in {inputs or gold_dir.parent}",
                   err=True)
    elif result.errors:
        click.echo(f"govdoc: error: {len(result.errors)} of {result.files} inputs failed to parse", err=True)
    if not result.files or result.errors:
        sys.exit(SOME_FAILED_EXIT)



@main.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="SQLite database file (or --parquet with --dask).")
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
@click.option("--force", is_flag=True, help="Parse every file again, even one stored by this parser.")
@click.option("--follow-links", is_flag=True,
              help="Follow links inside the folders to files and folders outside them (by default left out).")
@click.option("--dask", "scheduler", metavar="SCHEDULER",
              help="Parse on a Dask cluster: its scheduler's address (tcp://host:8786), or local / local:N "
                   "to start N worker processes here (needs the dask extra).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False, path_type=Path),
              help="With --dask: the workers write a Parquet dataset into this folder instead of --db.")
@click.option("--batch-size", type=click.IntRange(min=1), help="Files per Dask task with --parquet (default 16).")
def ingest_command(paths: tuple[Path, ...], db: Path | None, workers: int | None, timeout: float, max_memory: int,
                   max_pages: int, engine: str, no_metrics: bool, no_ocr: bool, retry_errors: bool,
                   force: bool, follow_links: bool, scheduler: str | None, parquet_dir: Path | None,
                   batch_size: int | None) -> None:
    """Parse every document under PATHS into a SQLite database (resumable: rerun to continue).

    Exits with 1 when a file failed in this run or no document was found."""
    from .limits import MB
    from .store.ingest import ingest

    _check_ingest_target(db, scheduler, parquet_dir, force)
    try:
        with _dask_client(scheduler, workers) as client:
            summary = ingest(paths, db=db, workers=workers, timeout=timeout or None,
                             max_memory=max_memory * MB or None, max_pages=max_pages, engine=engine,
                             metrics=not no_metrics, ocr=not no_ocr, retry_errors=retry_errors, force=force,
                             follow_links=follow_links, client=client, parquet_dir=parquet_dir,
                             batch_size=batch_size, progress=True)
    except KeyboardInterrupt:
        click.echo("govdoc: interrupted; run the same command again to continue", err=True)
        sys.exit(130)
    except GovdocError as exc:  # the database: missing folder, not a database, damaged, read-only, full disk
        _exit_with(exc)
    click.echo(str(summary))
    if not summary.found:
        click.echo(f"govdoc: error: no document to ingest in {', '.join(map(str, paths))}", err=True)
    if summary.failed or not summary.found:  # this run's failures: files skipped as failed before do not count
        sys.exit(SOME_FAILED_EXIT)


def _check_ingest_target(db: Path | None, scheduler: str | None, parquet_dir: Path | None, force: bool) -> None:
    if (db is None) == (parquet_dir is None):
        raise click.UsageError("give --db DATABASE, or --parquet FOLDER with --dask")
    if parquet_dir is not None and not scheduler:
        raise click.UsageError("--parquet needs --dask (local, local:N or a scheduler's address)")
    if parquet_dir is not None and force:
        raise click.UsageError("--force does not apply to --parquet: ingest into a new folder")


@contextmanager
def _dask_client(scheduler: str | None, workers: int | None):
    """A Dask client for --dask (dask is imported only then), or None."""
    if not scheduler:
        yield None
        return
    from .store.dask_ingest import cluster_client

    with cluster_client(scheduler, workers) as client:
        yield client


def _exit_with(exc: GovdocError) -> None:
    click.echo(f"govdoc: error: {exc.one_line()}", err=True)
    sys.exit(exc.exit_code)


@main.command(name="export")
@click.option("--db", required=True, type=click.Path(path_type=Path), help="Ingest database (opened read-only).")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True)
@click.option("--table", type=click.Choice(["metrics", "documents", "sections", "tables", "errors"]), default="metrics",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file, written whole or not at all (default: stdout).")
@click.option("--bom/--no-bom", default=True, show_default=True,
              help="Start CSV with the UTF-8 byte-order mark, so Excel reads the Chinese text right.")
def export_command(db: Path, fmt: str, table: str, output: Path | None, bom: bool) -> None:
    """Write a table of an ingest database as CSV (UTF-8 with BOM, CRLF), JSON lines or Parquet."""
    import sqlite3

    from .store.export import ExportError, export

    try:
        export(db, table, fmt, output, bom=bom)
    except GovdocError as exc:  # the database, or a full disk under the output
        _exit_with(exc)
    except (ExportError, sqlite3.DatabaseError) as exc:
        raise click.ClickException(str(exc)) from None
    except BrokenPipeError:  # `govdoc export … | head`: click ends quietly
        raise
    except OSError as exc:
        raise click.ClickException(f"cannot write {output or 'stdout'}: {exc.strerror or exc}") from None


@main.command(name="compare")
@click.argument("reports", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--db", type=click.Path(path_type=Path), help="Ingest database (opened read-only).")
@click.option("--issuer", help="Issuer to compare, e.g. 青川市人民政府 (with --db).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "markdown"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Output file (default: stdout).")
@click.option("--html", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the year-over-year page: one self-contained HTML file with a chart per key (needs "
                   "the charts extra). The table then goes to stdout only with --format or -o.")
def compare_command(reports: tuple[Path, ...], db: Path | None, issuer: str | None, fmt: str,
                    output: Path | None, html: Path | None) -> None:
    """Metrics by year reported: one issuer from --db, or Report JSON files REPORTS.

    Exits with 1 when no report has a year reported or the reports hold no figure."""
    import sqlite3

    from .store import compare

    if bool(reports) == bool(db) or bool(db) != bool(issuer):
        raise click.UsageError("give either --db and --issuer, or Report JSON files")
    try:
        result = compare.from_db(db, issuer) if db else compare.from_reports(reports)
    except compare.UnknownIssuer as exc:
        raise click.ClickException(str(exc)) from None
    except GovdocError as exc:  # the database: missing, not a database, damaged …
        _exit_with(exc)
    except (sqlite3.DatabaseError, ValueError, KeyError) as exc:  # not a database, not Report JSON
        raise click.ClickException(f"{type(exc).__name__}: {exc}") from None
    click.echo(f"{len(result.documents)} reports, years {', '.join(map(str, result.years)) or 'none'}", err=True)
    if result.left_out:
        click.echo(f"left out, no year reported: {'; '.join(result.left_out)}", err=True)
    if not result.documents or not result.rows:  # no output written: there is nothing to compare
        missing = "no report with a year reported" if not result.documents else "no figure in the reports"
        click.echo(f"govdoc: error: {missing}: nothing to compare", err=True)
        sys.exit(SOME_FAILED_EXIT)
    if html:
        _write_compare_page(result, html, issuer)
        if not output and click.get_current_context().get_parameter_source("fmt").name == "DEFAULT":
            return
    text = compare.render(result, fmt)
    if output:
        _write(output, text)
    else:
        click.echo(text)


def _write_compare_page(result, target: Path, issuer: str | None) -> None:
    from .output.compare_html import ChartsMissing, build  # only here: matplotlib is loaded for --html alone

    try:
        page = build(result, title=issuer)
    except ChartsMissing as exc:
        raise click.ClickException(str(exc)) from None
    _write(target, page)
    click.echo(f"govdoc: wrote {target}", err=True)


@main.command(name="view")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="The HTML file, written whole or not at all (default: FILE's name with .html in the current "
                   "folder; - for stdout).")
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True)
@click.option("--no-metrics", is_flag=True, help="Skip metric extraction.")
@click.option("--no-ocr", is_flag=True, help="Never OCR pages without a text layer.")
@click.option("--dpi", type=click.IntRange(36, 300), default=108, show_default=True,
              help="Resolution of the page images of PDFs and images.")
@click.option("--max-pages", default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
              help="Give up after this many seconds (0: no limit).")
@click.option("--debug", is_flag=True, help="Show the traceback on errors.")
def view_command(file: str, output: str | None, engine: str, no_metrics: bool, no_ocr: bool, dpi: int,
                 max_pages: int, timeout: float, debug: bool) -> None:
    """Write a review page of FILE: one self-contained HTML file (no network) with each page and a
    box over every parsed element, beside the parsed structure; clicking one side selects the other."""
    from .output.view import build  # only here: `govdoc parse` never imports the view

    _quiet_libraries(debug)
    try:
        page = build(Path(file), engine=engine, metrics=not no_metrics, max_pages=max_pages, ocr=not no_ocr,
                     timeout=timeout or None, dpi=dpi)
    except Exception as exc:  # one line and the error's exit code, as for parse
        _fail(exc, str(Path(file)), debug)
        return
    if output == "-":
        click.echo(page)
        return
    target = Path(output) if output else Path(Path(file).stem + ".html")
    _write(target, page)
    click.echo(f"govdoc: wrote {target}", err=True)


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


from .checks.cli import check_command; main.add_command(check_command)  # noqa: E402,E702 govdoc check

if __name__ == "__main__":  # pragma: no cover
    run()
