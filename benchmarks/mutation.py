"""Mutation testing of the outline, the document model and the checks with cosmic-ray (not part of the test
run or CI: about four hours on two cores, one with --sample 500). The configuration is ``[tool.cosmic-ray]``
in pyproject.toml.

    .venv/bin/pip install -e '.[mutation]'
    .venv/bin/python benchmarks/mutation.py                 # the whole run, then the table
    .venv/bin/python benchmarks/mutation.py --report        # the table of the last run (build/mutation/)
    .venv/bin/python benchmarks/mutation.py --survivors fazhi_check/checks/dates.py   # their diffs
    .venv/bin/python benchmarks/mutation.py --sample 500    # a uniform sample of 500 mutants (about an hour)

How it runs: cosmic-ray mutates one place of a module on disk and runs the test command; here that is
``mutation.py run-tests`` in one of ``--workers`` copies of the repository, each served by a
``cosmic-ray http-worker``. The test command runs first only the tests that execute the mutated
statement (a coverage map made once, with every cache emptied before each test so that a test is
credited with all it runs), then, when those pass, the whole selection: a mutant is reported survived
only when every selected test passes with it.

How it makes sure the mutants are what is tested: the package is installed editable, so a copy is
imported only when its folder comes first on ``PYTHONPATH``; every test run checks that each
``fazhi_check`` module it imported, the mutated one above all, came from that copy (else the run is
void), and before the run each copy must see a planted mutant killed and cosmic-ray's no-op mutant
survive, through cosmic-ray's own ``mutate-and-test``.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutation"
ALARM = "wrong-code-under-test"  # a file in WORK: some run imported code other than its copy's
CACHE_DECORATORS = ("lru_cache", "cache", "functools.lru_cache", "functools.cache")


def settings() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["cosmic-ray"]


def modules(cfg: dict) -> list[str]:
    paths = []
    for entry in cfg["module-path"]:
        path = ROOT / entry
        paths += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [p.relative_to(ROOT).as_posix() for p in paths]


# --- the copies the workers mutate ---------------------------------------------------------------------------


def make_copy(dest: Path) -> Path:
    """The repository's files (tracked and new, not ignored) copied to ``dest``, with ``fazhi_check/rules``
    pointing at the copy's ``rules/`` as package-dir maps it, so nothing is imported from the original."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    (dest / "fazhi_check" / "rules").symlink_to(Path("..") / "rules")
    (dest / ".tmp").mkdir(exist_ok=True)
    return dest


def copy_env(copy: Path) -> dict:
    """The environment a test run in ``copy`` needs: the copy first on the path, hypothesis replaying the
    same examples (CI), temporary files (and the tests' own rule-pack cache) inside the copy."""
    env = dict(os.environ)
    env.update(PYTHONPATH=str(copy), CI="1", TMPDIR=str(copy / ".tmp"), PYTHONDONTWRITEBYTECODE="1")
    env.pop("FAZHI_CHECK_NO_CACHE", None)
    return env


def foreign_modules(copy: Path) -> list[str]:
    """The imported fazhi_check modules whose file is not inside ``copy``."""
    wrong = []
    for name, module in list(sys.modules.items()):
        if name == "fazhi_check" or name.startswith("fazhi_check."):
            file = getattr(module, "__file__", None)
            if file and not Path(file).resolve().is_relative_to(copy.resolve()):
                wrong.append(f"{name}: {file}")
    return wrong


# --- pytest in this process: the selection, the coverage map ------------------------------------------------


class Quiet:
    """pytest plugin: hypothesis without deadlines or health checks, which a loaded machine trips."""

    def pytest_configure(self, config):
        from hypothesis import HealthCheck
        from hypothesis import settings as hypothesis_settings

        hypothesis_settings.register_profile(
            "mutation", derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck)
        )
        hypothesis_settings.load_profile("mutation")


class Only:
    """pytest plugin: runs only the tests whose node id is in ``ids`` and every test of the files in ``files``."""

    def __init__(self, ids, files=()):
        self.ids, self.files = set(ids), set(files)

    def pytest_collection_modifyitems(self, config, items):
        wanted = [item.nodeid in self.ids or item.nodeid.split("::")[0] in self.files for item in items]
        config.hook.pytest_deselected(items=[item for item, keep in zip(items, wanted) if not keep])
        items[:] = [item for item, keep in zip(items, wanted) if keep]


class Contexts:
    """pytest plugin for the coverage map: each test is its own coverage context, and every cache of the
    package is emptied before it, so the test is credited with what it would run alone; what a test file runs
    while it is collected (its parameters) is credited to the file."""

    def __init__(self, cov):
        self.cov = cov

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(self, collector):
        path = getattr(collector, "path", None)
        if path and path.suffix == ".py":
            self.cov.switch_context("collect::" + path.relative_to(collector.config.rootpath).as_posix())
        try:
            return (yield)
        finally:
            self.cov.switch_context("")

    def pytest_runtest_setup(self, item):
        for name, module in list(sys.modules.items()):
            if name.startswith("fazhi_check"):
                for value in list(vars(module).values()):
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
        self.cov.switch_context(item.nodeid)

    def pytest_runtest_teardown(self, item, nextitem):
        pass

    def pytest_runtest_logfinish(self, nodeid, location):
        self.cov.switch_context("")


def pytest_args(tests: list[str]) -> list[str]:
    return [*tests, "-q", "-x", "-p", "no:cacheprovider", "--no-header", "-W", "ignore::DeprecationWarning"]


def coverage_map(cfg: dict, copy: Path, out: Path) -> None:
    """Which tests run each line of the mutated modules (run inside ``copy`` with its environment)."""
    import coverage

    os.chdir(copy)
    cov = coverage.Coverage(data_file=None, source=[str(copy / "fazhi_check")])
    cov.start()
    code = pytest.main(pytest_args(cfg["selection"]["tests"]), plugins=[Quiet(), Contexts(cov)])
    cov.stop()
    if code != 0:
        sys.exit(f"the selected tests fail on the unmutated code (pytest exit {code})")
    data = cov.get_data()
    tests: dict[str, int] = {}
    lines: dict[str, dict[int, list[int]]] = {}
    outside: dict[str, list[int]] = {}  # run outside every test and every test file: their mutants run all
    for file in data.measured_files():
        name = Path(file).resolve().relative_to(copy.resolve()).as_posix()
        by_line = {}
        for number, contexts in data.contexts_by_lineno(file).items():
            ids = sorted(tests.setdefault(c, len(tests)) for c in contexts if c)
            if ids:
                by_line[number] = ids
            if "" in contexts:
                outside.setdefault(name, []).append(number)
        lines[name] = by_line
    names = sorted(tests, key=tests.get)
    out.write_text(json.dumps({"tests": names, "lines": lines, "outside": outside}), "utf-8")
    if wrong := foreign_modules(copy):
        sys.exit("the coverage map ran code from outside its copy:\n" + "\n".join(wrong))


# --- the test command cosmic-ray runs for each mutant --------------------------------------------------------


def changed_lines(original: str, mutated: str) -> list[int]:
    """Line numbers (1-based, in ``original``) that the mutation replaced or removed."""
    changed = []
    matcher = difflib.SequenceMatcher(None, original.splitlines(), mutated.splitlines(), autojunk=False)
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op != "equal":
            changed += list(range(i1 + 1, max(i2, i1 + 1) + 1))
    return changed


def statement_lines(tree: ast.Module, line: int) -> range | None:
    """The lines of the innermost statement inside a function body that holds ``line``: all of a simple
    statement's, a compound one's header (coverage credits whichever of them the interpreter reports); None
    when ``line`` runs at import (module or class level, a def's header and decorators)."""
    found = None

    def visit(node, in_body):
        nonlocal found
        for child in ast.iter_child_nodes(node):
            if not hasattr(child, "lineno") or not child.lineno <= line <= child.end_lineno:
                continue
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                if child.body[0].lineno <= line:
                    visit(child, True)
                elif not in_body:
                    found = None
            elif isinstance(child, ast.stmt):
                if in_body:
                    inner = [n.lineno for n in ast.iter_child_nodes(child) if isinstance(n, ast.stmt)]
                    found = range(child.lineno, min(inner) if inner else child.end_lineno + 1)
                visit(child, in_body)
            else:
                visit(child, in_body)

    visit(tree, False)
    return found


def tests_for(path: str, original: str, mutated: str, covmap: dict) -> list[str] | None:
    """The tests that run the mutated statement; None when it runs at import or while the tests are collected
    (then all of them)."""
    tree = ast.parse(original)
    ids: set[int] = set()
    outside = set(covmap.get("outside", {}).get(path, []))
    by_line = covmap["lines"].get(path, {})
    for line in changed_lines(original, mutated):
        lines = statement_lines(tree, line)
        if lines is None or outside.intersection(lines):
            return None
        for number in lines:
            ids.update(by_line.get(str(number), []))
    return [covmap["tests"][i] for i in sorted(ids)]


def split_selection(selected: list[str]) -> tuple[list[str], list[str]]:
    """Test ids, and the test files whose collection runs the statement (every test of theirs runs)."""
    files = [t.removeprefix("collect::") for t in selected if t.startswith("collect::")]
    return [t for t in selected if not t.startswith("collect::")], files


def run_tests(work: Path) -> int:
    """cosmic-ray's test command (cwd: a copy): 0 when the mutant survives, 1 when the tests kill it."""

    copy = Path.cwd()
    shutil.rmtree(copy / ".tmp", ignore_errors=True)  # what the last mutant's tests left
    (copy / ".tmp").mkdir()
    cfg = settings()
    pristine = json.loads((work / "pristine.json").read_text("utf-8"))
    covmap = json.loads((work / "coverage-map.json").read_text("utf-8"))
    mutated = {p: (copy / p).read_text("utf-8") for p in pristine if (copy / p).read_text("utf-8") != pristine[p]}
    everything = cfg["selection"]["tests"]
    selected = None
    module = None
    if len(mutated) == 1:
        [(path, text)] = mutated.items()
        selected = tests_for(path, pristine[path], text, covmap)
        module = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
    if selected == []:
        print("survived: no selected test runs the mutated statement")
        return 0
    if selected is not None:
        ids, whole = split_selection(selected)
        files = sorted({t.split("::")[0] for t in ids} | set(whole), key=everything.index)
        code = pytest.main(pytest_args(files), plugins=[Quiet(), Only(ids, whole)])
        wrong = foreign_modules(copy)
        if module and module in sys.modules and not Path(sys.modules[module].__file__).resolve().is_relative_to(copy):
            wrong.append(f"{module}: {sys.modules[module].__file__}")
        if wrong:
            (work / ALARM).write_text("\n".join(wrong), "utf-8")
            print("WRONG CODE UNDER TEST:", *wrong, sep="\n")
            return 0
        if code != pytest.ExitCode.OK:  # failed, or could not even import the tests (a conftest import error)
            print(f"killed by the tests that run the mutated statement ({len(selected)} selected)")
            return 1
    if selected is not None and not cfg["selection"].get("confirm", True):
        print("survived: the tests that run the mutated statement pass")
        return 0
    done = subprocess.run([sys.executable, __file__, "run-all", str(work)], cwd=copy)
    if done.returncode == 0:
        print("survived: the whole selection passes")
        return 0
    print("killed by the whole selection")
    return 1


def run_all(work: Path) -> int:
    """The whole selection on the copy in the current folder (a fresh process, after ``run_tests``)."""

    code = pytest.main(pytest_args(settings()["selection"]["tests"]), plugins=[Quiet()])
    if wrong := foreign_modules(Path.cwd()):
        (work / ALARM).write_text("\n".join(wrong), "utf-8")
        return 0
    return 0 if code == pytest.ExitCode.OK else 1


# --- the session: init, skip the equivalent by construction, preflight, exec, report -------------------------


def cosmic_ray(*args, cwd=ROOT, env=None, **kw):
    return subprocess.run([str(Path(sys.executable).parent / "cosmic-ray"), *args], cwd=cwd, env=env, **kw)


def test_command(work: Path) -> str:
    return f"{sys.executable} {Path(__file__).resolve()} run-tests {work}"


def write_config(cfg: dict, work: Path, urls: list[str]) -> Path:
    from cosmic_ray.config import serialize_config

    cr = {k: v for k, v in cfg.items() if k != "selection"}
    cr["test-command"] = test_command(work)
    cr["distributor"] = {"name": "http", "http": {"worker-urls": urls}}
    path = work / "cosmic-ray.toml"
    path.write_text(serialize_config(cr), "utf-8")
    return path


def equivalent_by_construction(path: str, source: str) -> tuple[set, list]:
    """The lines of cache decorators (they only save time: removing one or changing its size changes no
    result), and the spans of type annotations (never evaluated: every module has ``from __future__ import
    annotations``)."""
    lines = source.splitlines()

    def col(row, byte_col):
        return len(lines[row - 1].encode()[:byte_col].decode())

    spans, cache_lines = [], set()
    for node in ast.walk(ast.parse(source)):
        notes = []
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            notes.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            notes += [node.returns] if node.returns else []
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                if ast.unparse(target) in CACHE_DECORATORS:
                    cache_lines.add(deco.lineno)
        for n in notes:
            spans.append(((n.lineno, col(n.lineno, n.col_offset)), (n.end_lineno, col(n.end_lineno, n.end_col_offset))))
    return cache_lines, spans


def skip_equivalent(session: Path, pristine: dict) -> int:
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    found = {p: equivalent_by_construction(p, s) for p, s in pristine.items()}
    skipped = 0
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in list(db.pending_work_items):
            for m in item.mutations:
                cache_lines, spans = found[Path(m.module_path).as_posix()]
                start, end = tuple(m.start_pos), tuple(m.end_pos)
                why = None
                if start[0] in cache_lines:  # removed, or its size changed
                    why = "equivalent: a cache decorator only saves time"
                elif any(a <= start and end <= b for a, b in spans):
                    why = "equivalent: inside a type annotation, never evaluated"
                if why:
                    db.set_result(item.job_id, WorkResult(output=why, worker_outcome=WorkerOutcome.SKIPPED))
                    skipped += 1
    return skipped


NOT_SAMPLED = "not in the sample"


def keep_sample(session: Path, size: int, seed: int) -> int:
    """Leave ``size`` of the pending mutants, drawn uniformly (``seed``), and mark the others as not in the
    sample: a run that fits in an hour, whose kill rate estimates the whole one's. Returns how many are left
    out."""
    import random

    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    with use_db(str(session), WorkDB.Mode.open) as db:
        pending = sorted(item.job_id for item in db.pending_work_items)
        kept = set(random.Random(seed).sample(pending, min(size, len(pending))))
        for job in pending:
            if job not in kept:
                db.set_result(job, WorkResult(output=NOT_SAMPLED, worker_outcome=WorkerOutcome.SKIPPED))
    return len(pending) - len(kept)


def planted_line(cfg: dict) -> int:
    """The line of the planted mutant's module that holds its ``source`` (the one line that does)."""
    lines = (ROOT / cfg["module"]).read_text("utf-8").splitlines()
    found = [n for n, line in enumerate(lines, 1) if cfg["source"] in line]
    if len(found) != 1:
        sys.exit(f"the planted mutant's source {cfg['source']!r} stands on {len(found)} lines of {cfg['module']}")
    return found[0]


def preflight(copy: Path, work: Path, session: Path) -> None:
    """In ``copy``: the planted mutant is killed and the no-op mutant survives, else stop."""
    cfg = settings()["selection"]["planted"]
    line = planted_line(cfg)
    with sqlite3.connect(session) as db:
        row = db.execute(
            "select occurrence from mutation_specs where module_path=? and operator_name=? and start_pos_row=?",
            (cfg["module"], cfg["operator"], line),
        ).fetchone()
    if row is None:
        sys.exit(f"the planted mutant {cfg} is not among the session's mutants")
    for operator, occurrence, want in ((cfg["operator"], row[0], "killed"), ("core/NoOp", 0, "survived")):
        done = cosmic_ray(
            "mutate-and-test",
            cfg["module"],
            operator,
            str(occurrence),
            test_command(work),
            cwd=copy,
            env=copy_env(copy),
            capture_output=True,
            text=True,
        )
        result = json.loads(done.stdout)
        outcome = result.get("test_outcome")
        print(f"  {copy.name}: {operator} at {cfg['module']}:{line} -> {outcome} (want {want})")
        if outcome != want or (work / ALARM).exists():
            sys.exit(f"preflight failed in {copy}:\n{result.get('output', '')[-3000:]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, proc) -> None:
    for _ in range(100):
        if proc.poll() is not None:
            sys.exit("a cosmic-ray worker did not start")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    sys.exit("a cosmic-ray worker did not answer")


def run(workers: int, again: bool = False, sample: int | None = None, seed: int = 1) -> None:
    """A whole run; ``again``: the survivors of the last run tested anew (with the tests as they are now), the
    other verdicts kept (a test added can only kill more), the last run's session kept as session-before."""
    cfg = settings()
    session = WORK / "session.sqlite"
    pristine = {p: (ROOT / p).read_text("utf-8") for p in modules(cfg)}
    if again:
        if json.loads((WORK / "pristine.json").read_text("utf-8")) != pristine:
            sys.exit("the mutated modules changed since the last run: run it afresh")
        if not (WORK / "session-before.sqlite").exists():
            shutil.copy2(session, WORK / "session-before.sqlite")
        for old in WORK.glob("w*"):
            shutil.rmtree(old)
        (WORK / ALARM).unlink(missing_ok=True)
    else:
        if WORK.exists():
            shutil.rmtree(WORK)
        WORK.mkdir(parents=True)
        (WORK / "pristine.json").write_text(json.dumps(pristine), "utf-8")
    copies = [make_copy(WORK / f"w{i}") for i in range(workers)]
    ports = [free_port() for _ in copies]
    config = write_config(cfg, WORK, [f"http://127.0.0.1:{p}" for p in ports])
    started = time.monotonic()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))  # the workers are stopped on the way out
    if again:
        with sqlite3.connect(session) as db:
            gone = db.execute("delete from work_results where worker_outcome='NORMAL' and test_outcome='SURVIVED'")
            print(f"{gone.rowcount} survivors to test again")
            # a run stopped midway leaves the mutants its stopped workers had as errors: they are tried again
            lost = db.execute("delete from work_results where worker_outcome='ABNORMAL'")
            print(f"{lost.rowcount} mutants of a stopped run to test again")
    else:
        cosmic_ray("init", str(config), str(session), check=True)
        subprocess.run(
            [str(Path(sys.executable).parent / "cr-filter-operators"), str(session), str(config)], cwd=ROOT, check=True
        )
    print(f"{skip_equivalent(session, pristine)} mutants skipped as equivalent by construction")
    if sample is not None and not again:
        print(f"{keep_sample(session, sample, seed)} mutants left out of a sample of {sample} (seed {seed})")
    print("coverage map ...", flush=True)
    subprocess.run(
        [sys.executable, __file__, "map", str(copies[0])],
        cwd=copies[0],
        env=copy_env(copies[0]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    for copy in copies:
        preflight(copy, WORK, session)
    procs = [
        subprocess.Popen(
            [str(Path(sys.executable).parent / "cosmic-ray"), "http-worker", "--port", str(p)],
            cwd=c,
            env=copy_env(c),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for c, p in zip(copies, ports)
    ]
    try:
        for proc, port in zip(procs, ports):
            wait_for(port, proc)
        execution = subprocess.Popen(
            [str(Path(sys.executable).parent / "cosmic-ray"), "exec", str(config), str(session)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while execution.poll() is None:
            time.sleep(60)
            done, total = progress(session)
            print(f"  {done}/{total} mutants, {(time.monotonic() - started) / 60:.0f} min", flush=True)
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait()
    if (WORK / ALARM).exists():
        sys.exit("VOID: some test run imported code from outside its copy:\n" + (WORK / ALARM).read_text("utf-8"))
    report(session)


def confirm(sample: int) -> None:
    """``sample`` survivors of the last run, drawn at random, tested against the whole selection (in a copy,
    through cosmic-ray's mutate-and-test): how often the tests that run the mutated statement miss a kill."""
    import random

    session = WORK / "session.sqlite"
    with sqlite3.connect(session) as db:
        rows = db.execute(
            "select m.module_path, m.operator_name, m.occurrence from mutation_specs m join work_results r "
            "on r.job_id = m.job_id where r.worker_outcome='NORMAL' and r.test_outcome='SURVIVED'"
        ).fetchall()
    copy = WORK / "w0"
    flipped = []
    for module, operator, occurrence in random.Random(19).sample(rows, min(sample, len(rows))):
        command = f"{sys.executable} {Path(__file__).resolve()} run-all {WORK}"
        done = cosmic_ray(
            "mutate-and-test",
            module,
            operator,
            str(occurrence),
            command,
            cwd=copy,
            env=copy_env(copy),
            capture_output=True,
            text=True,
        )
        if json.loads(done.stdout).get("test_outcome") != "survived":
            flipped.append((module, operator, occurrence))
    print(f"{len(flipped)} of {min(sample, len(rows))} survivors killed by the whole selection", *flipped, sep="\n")


def progress(session: Path) -> tuple[int, int]:
    with sqlite3.connect(session) as db:
        total = db.execute("select count(*) from work_items").fetchone()[0]
        done = db.execute("select count(*) from work_results").fetchone()[0]
    return done, total


def outcomes(session: Path):
    """(module, verdict, job_id, diff, output) of every mutant: killed, timed out, survived, skipped, error."""
    with sqlite3.connect(session) as db:
        rows = db.execute(
            "select m.module_path, r.worker_outcome, r.test_outcome, r.output, r.diff, m.job_id from mutation_specs m "
            "left join work_results r on r.job_id = m.job_id"
        ).fetchall()
    for module, worker, test, output, diff, job in rows:
        worker, test = (worker or "").lower() or None, (test or "").lower()
        if worker is None:
            verdict = "pending"
        elif worker == "skipped":
            verdict = {"Filtered operator": "filtered", NOT_SAMPLED: "not sampled"}.get(output, "equivalent")
        elif worker != "normal" or test == "incompetent":
            verdict = "error"
        elif test == "killed":
            verdict = "timed out" if output == "timeout" else "killed"
        else:
            verdict = "survived"
        yield module, verdict, job, diff or "", output or ""


def report(session: Path) -> None:
    counts: dict[str, Counter] = defaultdict(Counter)
    for module, verdict, *_ in outcomes(session):
        counts[module][verdict] += 1
    columns = ("tried", "killed", "timed out", "survived", "error", "equivalent", "filtered", "not sampled", "pending")
    print(f"{'module':36} " + " ".join(f"{c:>10}" for c in columns) + "  killed %")
    total: Counter = Counter()
    for module in sorted(counts) + ["all"]:
        c = counts[module] if module != "all" else total
        c["tried"] = c["killed"] + c["timed out"] + c["survived"] + c["error"]
        if module != "all":
            total.update({k: v for k, v in c.items() if k != "tried"})
        rate = 100 * (c["killed"] + c["timed out"]) / c["tried"] if c["tried"] else 0.0
        name = module.removeprefix("fazhi_check/")
        print(f"{name:36} " + " ".join(f"{c[k]:>10}" for k in columns) + f"  {rate:7.1f}")


def survivors(session: Path, module: str) -> None:
    for path, verdict, job, diff, output in outcomes(session):
        if verdict == "survived" and path == module:
            print(f"--- {job}: {output.strip().splitlines()[-1] if output.strip() else ''}\n{diff}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", nargs="?", default="all", choices=("all", "map", "run-tests", "run-all"))
    parser.add_argument("where", nargs="?", help="(internal) the copy or the work folder")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--report", action="store_true", help="print the table of the last run")
    parser.add_argument("--survivors", metavar="MODULE", help="print the diffs of a module's surviving mutants")
    parser.add_argument("--again", action="store_true", help="test the last run's survivors anew")
    parser.add_argument("--sample", type=int, metavar="N", help="test a uniform sample of N mutants, not all")
    parser.add_argument("--seed", type=int, default=1, help="the sample's seed (default 1)")
    parser.add_argument("--confirm", type=int, metavar="N", help="test N survivors against the whole selection")
    parser.add_argument("--session", type=Path, default=WORK / "session.sqlite", help="for --report, --survivors")
    args = parser.parse_args(argv)
    if args.step == "map":
        coverage_map(settings(), Path(args.where), Path(args.where).parent / "coverage-map.json")
        return 0
    if args.step == "run-tests":
        return run_tests(Path(args.where))
    if args.step == "run-all":
        return run_all(Path(args.where))
    if args.report:
        report(args.session)
    elif args.survivors:
        survivors(args.session, args.survivors)
    elif args.confirm:
        confirm(args.confirm)
    else:
        run(args.workers, again=args.again, sample=args.sample, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
