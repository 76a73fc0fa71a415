"""How fast fazhi-check is, next to the floors measured in the same run.

    python benchmarks/run.py                       # print the table
    python benchmarks/run.py --write docs/performance.md

It builds its corpus from seeds/ in a temporary folder: FILES copies of the seeds with varied first
lines (other agencies), and one report of BIG_MB megabytes made of the seeds' bodies. Every figure is
given in absolute numbers and as a ratio to its floor:

- cold start: `fazhi-check SEED` as a whole process, next to `python -c "import json"`;
- warm latency: `check_text` in the library, median and p95 over all seeds;
- batch: `fazhi-check --jobs 1 DIR` and `--jobs N` (all cores), in MB/s and reports/s, against a
  whole process that reads and decodes the corpus, and one that also runs a compiled regex finding the
  heading lines; the serial and parallel JSON reports must be byte-identical;
- peak memory of the batch process at FILES/4 and FILES files (flat means streamed), for JSON and for
  the reports that gather a whole run (SARIF, HTML, the summary table), and their CPU time against JSON's;
- size: seconds per MB on the big report against seconds per MB on the seeds (linear means about 1), and
  on 1 MB of heading-only lines ("一、") against the seeds.

Peers (AutoCorrect from PyPI: `pip install autocorrect-py`) get rows when installed: over the same files
in this process (against the library) and as a whole process (against the batch on one core).

Every fazhi-check process uses a cache folder of the run's own (filled by the first run, as any second
run finds it), so another checkout's runs on the same machine cannot replace its entries midway.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PLACES = [
    "清河县",
    "临江区",
    "东湖区",
    "北城区",
    "南山县",
    "西峡县",
    "云溪区",
    "青山县",
    "白沙区",
    "长宁县",
    "金水区",
    "鼓楼区",
    "新华区",
    "和平区",
    "城关镇",
]
OFFICES = [
    "人民政府",
    "司法局",
    "市场监督管理局",
    "生态环境局",
    "住房和城乡建设局",
    "教育局",
    "卫生健康委员会",
    "交通运输局",
]
HEADING = r"^[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.、．])"
HEADING_ONLY = "一、\n"  # a file of nothing but this: each line a part of its own
FLOOR_READ = (
    "import os,sys\nfor p in sorted(os.listdir(sys.argv[1])): open(os.path.join(sys.argv[1],p),'rb').read().decode()"
)
PEER_AUTOCORRECT = (
    "import os,sys,autocorrect_py\nfor p in sorted(os.listdir(sys.argv[1])):"
    " autocorrect_py.lint_for(open(os.path.join(sys.argv[1],p),'rb').read().decode(),p)"
)
FLOOR_REGEX = (
    "import os,re,sys\nh=re.compile(sys.argv[2],re.M)\n"
    "for p in sorted(os.listdir(sys.argv[1])): h.findall(open(os.path.join(sys.argv[1],p),'rb').read().decode())"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="reports in the batch corpus (default 2000)")
    parser.add_argument("--big-mb", type=float, default=5.0, help="size of the one big report (default 5)")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each batch command (7x as many cold starts); medians count"
    )
    parser.add_argument("--write", metavar="FILE", help="also write the results as Markdown to FILE")
    args = parser.parse_args()
    run([sys.executable, "-c", ""], dict(os.environ))  # starts the launcher while this process is small

    cli = shutil.which("fazhi-check", path=os.path.dirname(sys.executable)) or "fazhi-check"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: bytecode kept
    env.pop("FAZHI_CHECK_NO_CACHE", None)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        env["FAZHI_CHECK_CACHE_DIR"] = os.environ["FAZHI_CHECK_CACHE_DIR"] = str(Path(tmp, "cache"))
        corpus, big = Path(tmp, "corpus"), Path(tmp, "big", "report.txt")
        build_corpus(corpus, args.files)
        big.parent.mkdir()
        big.write_text(big_report(int(args.big_mb * 1024 * 1024)), "utf-8")
        quarter = Path(tmp, "quarter")
        quarter.mkdir()
        for p in sorted(corpus.iterdir())[: max(args.files // 4, 1)]:
            shutil.copy(p, quarter / p.name)
        rows = measure(cli, env, cores, corpus, quarter, big, Path(tmp), args.runs)
    table = format_table(rows)
    print(table)
    if args.write:
        write_results(Path(args.write), markdown(table, args, cores))
        print(f"written to {args.write}")


def build_corpus(folder: Path, count: int) -> None:
    """``count`` copies of the seeds, each with its first non-blank line naming another agency."""
    folder.mkdir(parents=True)
    texts = [p.read_text("utf-8") for p in SEEDS]
    for i in range(count):
        lines = texts[i % len(texts)].split("\n")
        first = next(k for k, line in enumerate(lines) if line.strip())
        agency = PLACES[i // len(texts) % len(PLACES)] + OFFICES[i // len(texts) // len(PLACES) % len(OFFICES)]
        lines[first] = re.sub(r"^\s*\S*?(?:局|政府|委员会|管委会)", agency, lines[first], count=1)
        if lines[first] == texts[i % len(texts)].split("\n")[first]:
            lines[first] = agency + lines[first].strip()
        (folder / f"{i:05d}.txt").write_text("\n".join(lines), "utf-8")


def big_report(size: int) -> str:
    """One report of about ``size`` bytes: a seed's title block, then its parts over and over, every
    copy made distinct (numbered items), so it is one long report, not one passage repeated."""
    text = SEEDS[3].read_text("utf-8")
    head, body = text.split("\n", 2)[:2], text.split("\n", 2)[2]
    chunks, total, k = ["\n".join(head)], 0, 0
    rng = random.Random(2024)
    words = sorted(set(re.findall(r"[\u4e00-\u9fff]{2}", body)))
    while total < size:
        k += 1
        # a number and a random word every 20 characters: no 30-character run repeats between copies
        copy = re.sub(r"([^\n]{20})", lambda m, k=k: m.group(1) + f"{rng.choice(words)}{k}", body)
        chunks.append(copy)
        total += len(copy.encode("utf-8"))
    return "\n".join(chunks)


# Whole processes are started by a small process of their own: a child's peak memory (ru_maxrss) counts
# the memory of the process it was forked from, which for this script grows to the size of its corpus.
LAUNCHER = """
import json, os, sys, time
for request in sys.stdin:
    cmd, env = json.loads(request)
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        try:
            os.execvpe(cmd[0], cmd, env)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    done = [time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss]
    print(json.dumps([*done, os.waitstatus_to_exitcode(status)]), flush=True)
"""
_launcher: list = []


def run(cmd: list[str], env: dict, wall: bool = False) -> tuple[float, int]:
    """CPU seconds (user + system, the process and the workers it waited for; with ``wall``, wall
    seconds) and peak resident memory (KB) of one whole process. CPU time is what a busy neighbour on
    the machine does not inflate, so it is the measure; wall time only shows what --jobs gains."""
    import json

    if not _launcher:
        _launcher.append(
            subprocess.Popen(
                [sys.executable, "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
            )
        )
    launcher = _launcher[0]
    launcher.stdin.write(json.dumps([cmd, env]) + "\n")
    launcher.stdin.flush()
    elapsed, cpu, peak, status = json.loads(launcher.stdout.readline())
    if status not in (0, 1):
        sys.exit(f"failed ({status}): {' '.join(cmd)}")
    return (elapsed if wall else cpu), peak


def fastest_run(cmd: list[str], env: dict, runs: int, wall: bool = False) -> tuple[float, int]:
    """The fastest of ``runs`` whole processes (the machine's noise only ever adds time), and the
    largest peak memory."""
    results = [run(cmd, env, wall) for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


def measure(cli, env, cores, corpus, quarter, big, tmp, runs) -> list[tuple]:
    py = sys.executable
    megabytes = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
    files = len(list(corpus.iterdir()))
    rows = []

    # cold start: whole processes, alternating, so that the machine's drift hits both alike
    seed = str(SEEDS[0])
    run([cli, seed], env)  # fills the per-user cache and writes bytecode, as any first run does
    colds, bares = [], []
    for _ in range(7 * runs):
        colds.append(run([cli, seed], env)[0])
        bares.append(run([py, "-c", "import json"], env)[0])
    cold, bare = statistics.median(colds), statistics.median(bares)
    rows.append(
        (
            "cold start, `fazhi-check SEED` (fastest)",
            f"{cold * 1e3:.0f} ms ({min(colds) * 1e3:.0f})",
            f"{bare * 1e3:.0f} ms ({min(bares) * 1e3:.0f})",
            cold / bare,
            "≤ 4",
        )
    )

    # warm latency in the library
    sys.path.insert(0, str(ROOT))
    import fazhi_check

    rules = fazhi_check.load_rules()
    times, per10k = [], []
    for path in SEEDS:
        text = path.read_text("utf-8")
        kb = len(text.encode("utf-8")) / 10240
        fazhi_check.check_text(text, rules=rules)
        for _ in range(30):
            start = time.perf_counter()
            fazhi_check.check_text(text, rules=rules)
            times.append(time.perf_counter() - start)
            per10k.append(times[-1] / kb)
    # the floor in process: the heading regex over the same texts
    heading = re.compile(HEADING, re.M)
    texts = [p.read_text("utf-8") for p in SEEDS]
    floor = min(timed(each, heading.findall, texts) for _ in range(30)) / len(texts)
    median, p95 = statistics.median(times), statistics.quantiles(times, n=20)[-1]
    floor_text = f"{floor * 1e3:.3f} ms regex"
    rows.append(("warm latency, median over seeds", f"{median * 1e3:.2f} ms", floor_text, median / floor, ""))
    rows.append(("warm latency, p95 over seeds", f"{p95 * 1e3:.2f} ms", "", None, ""))
    rows.append(("warm latency per 10 KB, median", f"{statistics.median(per10k) * 1e3:.2f} ms", "", None, "≤ 1 ms"))

    # floors and batch throughput (whole processes)
    read = fastest_run([py, "-c", FLOOR_READ, str(corpus)], env, runs)[0]
    regex = fastest_run([py, "-c", FLOOR_REGEX, str(corpus), HEADING], env, runs)[0]
    rows.append(("floor: read + decode", f"{megabytes / read:.1f} MB per CPU s", "", None, ""))
    rows.append(("floor: + one heading regex", f"{megabytes / regex:.1f} MB per CPU s", "", None, ""))
    serial_out, parallel_out = tmp / "serial.json", tmp / "parallel.json"
    base = [cli, "--isolated", "--format", "json"]
    serial, peak = fastest_run([*base, "--jobs", "1", "-o", str(serial_out), str(corpus)], env, runs)
    parallel_cmd = [*base, "--jobs", str(cores), "-o", str(parallel_out), str(corpus)]
    parallel, peak_jobs = fastest_run(parallel_cmd, env, runs, wall=True)
    serial_wall = fastest_run([*base, "--jobs", "1", "-o", os.devnull, str(corpus)], env, runs, wall=True)[0]
    peak_quarter = fastest_run([*base, "--jobs", "1", "-o", os.devnull, str(quarter)], env, 1)[1]
    rows.append(
        (
            "batch, 1 core",
            f"{megabytes / serial:.1f} MB per CPU s, {files / serial:.0f} reports per CPU s",
            "regex floor",
            serial / regex,
            "≤ 15",
        )
    )
    rows.append(("batch vs read + decode", "", "read floor", serial / read, ""))
    rows.append(
        (
            f"batch, --jobs {cores}",
            f"{megabytes / parallel:.1f} MB/s wall, {files / parallel:.0f} reports/s",
            "1 core, wall",
            serial_wall / parallel,
            f"≥ {0.9 * cores:.1f}×",
        )
    )
    identical = serial_out.read_bytes() == parallel_out.read_bytes()
    rows.append(("--jobs output identical to --jobs 1", "yes" if identical else "NO", "", None, "yes"))
    quarter_files = len(list(quarter.iterdir()))
    rows.append((f"peak memory, {quarter_files} files", f"{peak_quarter / 1024:.0f} MB", "", None, ""))
    rows.append(
        (
            f"peak memory, {files} files",
            f"{peak / 1024:.0f} MB",
            f"{quarter_files} files",
            peak / peak_quarter,
            "< 150 MB",
        )
    )
    rows.append((f"peak memory per process, --jobs {cores}", f"{peak_jobs / 1024:.0f} MB", "", None, ""))
    rows += peer_process(py, env, corpus, megabytes, serial, runs)
    rows += whole_run_reports(base, env, corpus, quarter, serial, peak_quarter, files, quarter_files)

    # cost per byte: the big report against the seeds, and against 1 MB made the same way (the fastest
    # of a few runs: the machine's noise only ever adds)
    def seconds_per_mb(texts: list[str], runs: int) -> float:
        size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        check = lambda t: fazhi_check.check_text(t, rules=rules)  # noqa: E731
        return min(timed(each, check, texts) for _ in range(runs)) / size

    big_text = big.read_text("utf-8")
    small = seconds_per_mb([p.read_text("utf-8") for p in SEEDS], 10)
    large = seconds_per_mb([big_text], 2)
    same_kind = seconds_per_mb([big_report(1024 * 1024)], 3)
    found = len(fazhi_check.check_text(big_text, rules=rules).findings)
    mb = len(big_text.encode("utf-8")) / 1e6
    rows.append(
        (
            f"one {mb:.1f} MB report ({found} findings)",
            f"{large:.3f} s/MB",
            f"{small:.3f} s/MB seeds",
            large / small,
            "≤ 1.2",
        )
    )
    rows.append(("  the same, against 1 MB made the same way", "", f"{same_kind:.3f} s/MB", large / same_kind, "≈ 1"))
    headings = seconds_per_mb([HEADING_ONLY * (1024 * 1024 // len(HEADING_ONLY.encode("utf-8")))], 1)
    rows.append(
        ("1 MB of heading-only lines (一、)", f"{headings:.3f} s/MB", f"{small:.3f} s/MB seeds", headings / small, "")
    )

    # in process, one core: the library and its peers over the same corpus
    texts = [p.read_text("utf-8") for p in sorted(corpus.iterdir())]
    library = timed(each, lambda t: fazhi_check.check_text(t, rules=rules), texts)
    rows.append(("library `check_text`, 1 core", f"{megabytes / library:.1f} MB per CPU s", "", None, ""))
    rows += peers(texts, megabytes, library)
    return rows


def peer_process(py, env, corpus, megabytes, serial, runs) -> list[tuple]:
    """AutoCorrect as a whole process over the same folder, timed as the batch is (when installed)."""
    try:
        import autocorrect_py  # noqa: F401
    except ImportError:
        return []
    peer = fastest_run([py, "-c", PEER_AUTOCORRECT, str(corpus)], env, runs)[0]
    return [
        (
            "peer: AutoCorrect lint, whole process, 1 core",
            f"{megabytes / peer:.1f} MB per CPU s",
            "batch ÷ it",
            peer / serial,
            "≥ 1.05",
        )
    ]


def whole_run_reports(base, env, corpus, quarter, serial, peak_quarter, files, quarter_files) -> list[tuple]:
    """The reports made from a whole run (not streamed as JSON is): peak memory at a quarter of the
    files and at all of them (flat means each file is let go once written), CPU time against JSON's."""
    rows = []
    for fmt, cpu_target in (("sarif", "≤ 1.3"), ("html", ""), ("summary", "")):
        whole = [*base[:2], "--format", fmt, "--jobs", "1", "-o", os.devnull]
        small = run([*whole, str(quarter)], env)[1]
        cpu, peak = run([*whole, str(corpus)], env)
        name = f"{fmt}, {files} files: CPU against JSON"
        rows.append((name, f"{cpu:.2f} CPU s", f"{serial:.2f} CPU s JSON", cpu / serial, cpu_target))
        rows.append(
            (
                f"{fmt}, peak memory at {files} files",
                f"{peak / 1024:.0f} MB",
                f"{small / 1024:.0f} MB at {quarter_files}",
                peak / small,
                "< 100 MB" if fmt == "sarif" else "flat",
            )
        )
    return rows


def each(fn, items) -> None:
    """``fn`` over ``items``, keeping no result (a batch holds one at a time)."""
    for item in items:
        fn(item)


def timed(fn, *args, **kwargs) -> float:
    """CPU seconds of this process spent in ``fn``."""
    start = time.process_time()
    fn(*args, **kwargs)
    return time.process_time() - start


def peers(texts: list[str], megabytes: float, library: float) -> list[tuple]:
    """Other Chinese prose linters over the same texts, when installed (in process, one core)."""
    try:
        import autocorrect_py
    except ImportError:
        return [("peer: AutoCorrect (`pip install autocorrect-py`)", "not installed", "", None, "")]
    elapsed = timed(each, lambda t: autocorrect_py.lint_for(t, "report.txt"), texts)
    return [
        (
            "peer: AutoCorrect lint, in process, 1 core",
            f"{megabytes / elapsed:.1f} MB per CPU s",
            "library ÷ it",
            elapsed / library,
            "≥ 1.05",
        )
    ]


def format_table(rows: list[tuple]) -> str:
    lines = ["| measure | value | against | ratio | target |", "|---|---|---|---|---|"]
    for name, value, against, ratio, target in rows:
        shown = f"{ratio:.2f}" if ratio is not None else ""
        lines.append(f"| {name} | {value} | {against} | {shown} | {target} |")
    return "\n".join(lines)


BEGIN, END = "<!-- results: written by benchmarks/run.py -->", "<!-- end of results -->"


def write_results(path: Path, results: str) -> None:
    """Put the results between the markers of ``path``, keeping the rest of the page."""
    page = path.read_text("utf-8") if path.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in page or END not in page:
        page += f"\n{BEGIN}\n{END}\n"
    head, rest = page.split(BEGIN, 1)
    path.write_text(f"{head}{BEGIN}\n{results}{END}{rest.split(END, 1)[1]}", "utf-8")


def markdown(table: str, args, cores: int) -> str:
    command = "python benchmarks/run.py" + (f" --files {args.files}" if args.files != 2000 else "")
    return (
        f"Measured {datetime.date.today().isoformat()} on {cpu_name()}, {cores} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, with `{command} --write {args.write}`.\n\n"
        f"Corpus: {args.files} copies of the five seeds, each naming another agency in its first line, and one "
        f"{args.big_mb:g} MB report: a seed's title, then its body again and again with a number and a word "
        "put in every 20 characters. Batch figures are whole processes (`fazhi-check --isolated --format json "
        f"-o FILE DIR`), the fastest of {args.runs} runs; the floors are whole processes over the same "
        f"files, timed the same way. Cold start is the median of {7 * args.runs} runs.\n\n"
        f"{table}\n"
    )


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()


if __name__ == "__main__":
    main()
