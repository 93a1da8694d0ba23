"""The mutation fuzzer (scripts/fuzz.py) on a few hundred mutants of every format, with its
fixed seed: each gives a Report or its one-line error, never exit 70, a traceback, a signal,
a hang or a memory blow-up. Thousands more by hand: docs/robustness.md."""

import importlib.util
import sys

import pytest

from .conftest import ROOT

MUTANTS = 200
SEED = 16


@pytest.fixture(scope="module")
def fuzz():
    spec = importlib.util.spec_from_file_location("govdoc_fuzz", ROOT / "scripts" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_mutants_are_repeatable_and_every_damage_applies(fuzz):
    seeds = fuzz.load_seeds(include_slow=False)
    assert {"pdf-reportlab", "docx", "ofd", "html", "txt", "md"} <= {s.name for s in seeds}
    round_ = fuzz.schedule(seeds)
    first = [fuzz.make_mutant(i, SEED, round_) for i in range(60)]
    again = [fuzz.make_mutant(i, SEED, round_) for i in range(60)]
    assert [(m.mutation, m.data) for m in first] == [(m.mutation, m.data) for m in again]
    unchanged = [m for m in first if m.data == next(s.data for s in seeds if s.name == m.seed)]
    assert len(unchanged) <= 3, [m.mutation for m in unchanged]  # (a flip back, a byte set to itself)
    import random

    for seed in seeds:  # each damage of each format, once
        for mutation in fuzz.mutations_for(seed):
            data, what = mutation(random.Random(7), seed.data)
            assert isinstance(data, bytes) and what


def test_a_few_hundred_mutants_of_every_format(fuzz):
    run = fuzz.fuzz(MUTANTS, seed=SEED, jobs=2, timeout=60, fast_weight=8)  # OCR and LibreOffice: 1 in 14
    assert len(run.outcomes) == MUTANTS
    formats = {o.seed for o in run.outcomes}
    assert {"pdf-reportlab", "pdf-chromium", "pdf-libreoffice", "docx", "ofd", "html", "txt", "md"} <= formats
    findings = run.findings()
    assert not findings, "\n".join(
        f"mutant {o.index} ({o.seed}: {o.mutation}): {o.outcome}, exit {o.exit}: "
        f"{o.stderr.strip().splitlines()[-1] if o.stderr.strip() else ''} "
        f"(again: python scripts/fuzz.py --seed {SEED} --only {o.index} --keep DIR)" for o in findings)
    assert sum(o.outcome == "report" for o in run.outcomes) > MUTANTS // 5  # not all refused at the door
