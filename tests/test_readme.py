"""Every example of README.md and docs/*.md runs as written.

Each ```sh and ```python block is taken from the page (no list kept here: a new example is run
as soon as it is written) and run as a user would, in a temporary folder, blocks in page order:
shell lines through bash with the ``govdoc`` entry point on PATH, Python blocks as a script.
A block fails on a non-zero exit or a traceback. The folder holds a copy of ``corpora/`` and,
under the names the examples use for a user's own files (``report.pdf``, ``reports/``,
``2022.json`` …), copies of corpus documents (``SAMPLES``), Reports parsed from them and an
ingest database. Blocks without a language (program output, trees) are not run.

Install commands are not run (they would reinstall the package): a ``pip install -e .[extras]``
is checked to name this project and extras that pyproject.toml declares, and ``python3 -m
pytest`` (the suite this test belongs to) to be the command ``.ci/run`` runs. The rest of such a
line runs. A block that cannot run anywhere (a fragment of code, a cluster's address) has the
line ``<!-- not-run: REASON -->`` just above it; README.md has none.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import CORPORA, ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LANGUAGES = {"sh": "shell", "shell": "shell", "bash": "shell", "python": "python", "py": "python"}
NOT_RUN = re.compile(r"^<!--\s*not-run:(.*?)-->\s*$")
FENCE = re.compile(r"^(```|~~~)\s*([\w+-]*)")
COMMAND_SECONDS = 300
OUT = Path("out")  # under corpora/

# a user's own files in the examples -> the corpus documents that stand in for them
SAMPLES = {
    "report.pdf": OUT / "pdf-reportlab" / "qingchuan_2022_report.pdf",
    "report.txt": OUT / "text" / "qingchuan_2022_report.txt",
    "report.docx": OUT / "docx" / "qingchuan_2022_report.docx",
    "page.html": OUT / "html" / "yunling_gov_office_2024_portal_notice.html",
    "a.pdf": OUT / "pdf-reportlab" / "yunling_2023_report.pdf",
    "b.docx": OUT / "docx" / "qingchuan_sfj_2024_consult_letter.docx",
    "c.txt": OUT / "text" / "chenghu_2023_report.txt",
    "2022.pdf": OUT / "pdf-reportlab" / "qingchuan_2022_report.pdf",
    "2023.pdf": OUT / "pdf-reportlab" / "qingchuan_2023_report.pdf",
    "old/2021/qingchuan_2021_report.ofd": OUT / "ofd" / "qingchuan_2021_report.ofd",
    "more/report.pdf": OUT / "pdf-reportlab" / "yunling_2022_report.pdf",
    **{f"reports/qingchuan_{year}_report.pdf": OUT / "pdf-reportlab" / f"qingchuan_{year}_report.pdf"
       for year in (2021, 2022, 2023)},
    **{f"gold/qingchuan_{year}_report.gold.json": Path("gold") / f"qingchuan_{year}_report.gold.json"
       for year in (2021, 2022, 2023)},
}
# Report JSON files the examples compare: parsed from these corpus documents
REPORTS = {name: OUT / "text" / f"qingchuan_{year}_report.txt"
           for names, year in ((("2021.json", "a.json"), 2021), (("2022.json", "b.json"), 2022),
                               (("2023.json", "c.json"), 2023)) for name in names}
DATABASE = "reports.sqlite"  # ingested from reports/, for examples that read a database first


@dataclass
class Block:
    document: Path
    line: int  # of the opening fence, 1-based
    language: str  # shell or python
    code: str
    not_run: str | None  # the marker's reason

    @property
    def name(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def code_blocks(document: Path) -> list[Block]:
    """The shell and Python blocks of a Markdown page, in page order."""
    blocks, lines = [], document.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = next((i for i in range(index + 1, len(lines)) if lines[i].startswith(opening[1])), len(lines))
        language = LANGUAGES.get(opening[2].lower())
        if language:
            code = "\n".join(lines[index + 1:end]) + "\n"
            blocks.append(Block(document, index + 1, language, code, _marker_above(lines, index)))
        index = end + 1
    return blocks


def _marker_above(lines: list[str], fence: int) -> str | None:
    above = next((line for line in reversed(lines[:fence]) if line.strip()), "")
    marker = NOT_RUN.match(above.strip())
    return marker[1].strip() if marker else None


def shell_commands(code: str) -> list[str]:
    """The command lines of a shell block: continuations joined, blank and comment lines dropped."""
    commands, pending = [], ""
    for line in code.splitlines():
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        command = (pending + line).strip()
        pending = ""
        if command and not command.startswith("#"):
            commands.append(command)
    return commands


# ---------------------------------------------------------------- install commands

PIP_INSTALL = re.compile(r"""pip install (?:--\S+ )*-e ["']?(?P<path>[^\s"'\[]+)(?:\[(?P<extras>[^\]]*)\])?["']?""")
PYTEST_RUN = re.compile(r"^python3? -m pytest$")


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def install_problems(text: str) -> list[str]:
    """What a ``pip install -e PATH[EXTRAS]`` in ``text`` names that does not exist."""
    problems = []
    project = pyproject()["project"]
    declared = set(project["optional-dependencies"])
    for found in PIP_INSTALL.finditer(text):
        if not (ROOT / found["path"] / "pyproject.toml").exists():
            problems.append(f"{found[0]}: no pyproject.toml in {found['path']}")
        unknown = {e.strip() for e in (found["extras"] or "").split(",") if e.strip()} - declared
        if unknown:
            problems.append(f"{found[0]}: extras {sorted(unknown)} not in pyproject.toml (has {sorted(declared)})")
    return problems


def runnable_part(command: str) -> str:
    """The command without its install and test-suite steps, which are checked instead of run."""
    steps = [step.strip() for step in command.split("&&")]
    kept = []
    for step in steps:
        if "pip install" in step:
            assert not install_problems(step), install_problems(step)
            assert PIP_INSTALL.search(step), f"an install command this test cannot check: {step}"
        elif PYTEST_RUN.match(step):
            assert step in (ROOT / ".ci" / "run").read_text(encoding="utf-8"), f"{step} is not what .ci/run runs"
        else:
            kept.append(step)
    return " && ".join(kept)


# ---------------------------------------------------------------- the user's folder

@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The folder every page's examples start from."""
    import govdoc_parser

    folder = tmp_path_factory.mktemp("readme") / "template"
    shutil.copytree(CORPORA, folder / "corpora", ignore=shutil.ignore_patterns("__pycache__"))
    for name, source in SAMPLES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPORA / source, folder / name)
    for name, source in REPORTS.items():
        (folder / name).write_text(govdoc_parser.parse(CORPORA / source).model_dump_json(), encoding="utf-8")
    summary = govdoc_parser.ingest([folder / "reports"], db=folder / DATABASE, workers=1)
    assert summary.parsed == 3 and not summary.failed, str(summary)
    return folder


def user_environment() -> dict:
    """PATH starts with this interpreter's folder: its ``govdoc`` and ``python3``."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONPATH", None)
    return env


def run_block(block: Block, folder: Path) -> list[str]:
    """Run one block in ``folder``: the failures, one message each."""
    if block.language == "python":
        script = folder / f"example_{block.document.stem}_{block.line}.py"
        script.write_text(block.code, encoding="utf-8")
        return _outcome(block, "python " + script.name, [sys.executable, script.name], folder)
    failures = []
    for command in shell_commands(block.code):
        runnable = runnable_part(command)
        if runnable:
            failures += _outcome(block, runnable, ["bash", "-o", "pipefail", "-c", runnable], folder)
    return failures


def _outcome(block: Block, shown: str, argv: list[str], folder: Path) -> list[str]:
    done = subprocess.run(argv, cwd=folder, env=user_environment(), capture_output=True, text=True,
                          timeout=COMMAND_SECONDS)
    if done.returncode == 0 and "Traceback (most recent call last)" not in done.stderr:
        return []
    return [f"{block.name}: `{shown}` exited with {done.returncode}:\n{done.stderr[-1500:]}"]


# ---------------------------------------------------------------- tests

PAGES = [document for document in DOCUMENTS if code_blocks(document)]


@pytest.mark.parametrize("document", PAGES, ids=lambda path: path.name)
def test_every_example_runs_as_written(document, template, tmp_path):
    folder = tmp_path / "user"
    shutil.copytree(template, folder)
    failures = []
    for block in code_blocks(document):
        if block.not_run is None:
            failures += run_block(block, folder)
    assert not failures, "\n\n".join(failures)


def test_readme_runs_all_its_examples():
    blocks = code_blocks(ROOT / "README.md")
    assert {block.language for block in blocks} == {"shell", "python"}
    assert [block.name for block in blocks if block.not_run is not None] == []
    commands = [command for block in blocks if block.language == "shell" for command in shell_commands(block.code)]
    assert any(command.startswith("python3 -m pip install -e . && govdoc parse ") for command in commands)
    assert len(commands) >= 20


def test_not_run_markers_give_a_reason_and_stand_above_a_block():
    for document in DOCUMENTS:
        lines = document.read_text(encoding="utf-8").splitlines()
        marked = {block.line - 1 for block in code_blocks(document) if block.not_run is not None}
        for number, line in enumerate(lines):
            if NOT_RUN.match(line.strip()):
                following = next(i for i in range(number + 1, len(lines) + 1) if i == len(lines) or lines[i].strip())
                assert following in marked, f"{document.name}:{number + 1}: a not-run marker above no code block"
                assert NOT_RUN.match(line.strip())[1].strip(), f"{document.name}:{number + 1}: give the reason"


def test_every_install_command_names_this_project_and_declared_extras():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(PIP_INSTALL.findall(readme)) >= 3  # the two fresh-machine commands and the extras in the text
    for document in DOCUMENTS:
        assert not install_problems(document.read_text(encoding="utf-8")), document.name
    assert "govdoc" in pyproject()["project"]["scripts"]


def test_install_checks_catch_an_unknown_extra():
    assert install_problems('python3 -m pip install -e ".[test,charts_of_nowhere]"')
    assert not install_problems('python3 -m pip install -e ".[test,all]"')
    assert runnable_part('python3 -m pip install -e . && govdoc parse x.pdf') == "govdoc parse x.pdf"


def test_readme_quotes_the_measured_engine_speeds():
    """The speed-up README gives for pdfium over pdfplumber is one docs/benchmarks.md records."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("The pdfplumber engine's cost"):].split("\n\n")[0]
    ratios = re.findall(r"\d+(?:\.\d+)?×", paragraph)
    benchmarks = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert len(ratios) >= 2 and all(ratio in benchmarks for ratio in ratios), ratios
