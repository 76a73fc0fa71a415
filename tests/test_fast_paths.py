"""The fast paths give exactly what the plain ones give: the linear FZ402 scan, parallel runs, the cache."""

import os
import re
import subprocess
import sys
from functools import partial

import pytest
from conftest import ROOT, run, seed_files
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_check
from fazhi_check import batch
from fazhi_check.checks.patterns import union, union_matches
from fazhi_check.checks.repeats import find_repeats


def _repeats_by_every_window(chars: str, size: int):
    """The plain scan FZ402 started with: every window looked up, left to right."""
    seen: dict[str, int] = {}
    i = 0
    while i + size <= len(chars):
        window = chars[i : i + size]
        j = seen.setdefault(window, i)
        if j + size > i:
            i += 1
            continue
        length = size
        while i + length < len(chars) and j + length < i and chars[j + length] == chars[i + length]:
            length += 1
        yield i, j, length
        i += length


# few letters and anchors, so repeats, overlaps and anchor-free stretches are common
_TEXT = st.text(alphabet="甲乙丙,。的", max_size=400)
_PHRASES = st.lists(st.sampled_from(["依法行政", ",", "推进法治政府建设", "。", "的", "甲乙", "丙"]), max_size=120)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXT, _PHRASES.map("".join)), st.integers(2, 40))
def test_repeated_passages_match_the_scan_of_every_window(chars, size):
    assert list(find_repeats(chars, size)) == list(_repeats_by_every_window(chars, size))


def test_repeated_passage_found_across_anchor_free_text():
    passage = "乙" * 35
    chars = "甲," + passage + "丙。" + passage
    assert list(find_repeats(chars, 30)) == [(39, 2, 35)]


# patterns that overlap, tie, look behind and ahead, anchor to lines, match empty or refer back
_PATTERNS = [
    "甲乙",
    "甲",
    "乙+",
    "[甲乙](?<=丙[甲乙])",
    "(?<![甲])乙",
    "乙(?=丙)",
    "^丙",
    "丙$",
    "^[ \t]*甲[ \t]*$",
    "丙?",
    "(甲)\\1",
    "x*",
    "甲 +乙",
    "[甲乙](?<![ x][甲乙])丙",
    "[甲 ]乙|丙",
    "[甲乙]丙|乙",
    "[乙丙]?甲",
    "[\\t 甲]乙*",
    "(?:[甲乙]|丙)乙",
    "[|]|甲",
    "(?:甲|乙甲)丙",
    "(?:甲乙|甲)乙?",
    "(?:甲|\\|)乙",
    "[\\[甲]乙",
    "(?:乙|丙)(?<!甲..)甲",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PATTERNS), min_size=1, max_size=4), st.text(alphabet="甲乙丙 \t\nx|", max_size=60))
def test_patterns_searched_one_by_one_match_what_their_union_matches(patterns, text):
    expected = [m.span() for m in union(tuple(patterns)).finditer(text)]
    assert union_matches(tuple(patterns), text) == expected


# -- parallel runs ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch_folder(tmp_path_factory):
    """A reviewer's folder: 40 copies of the seeds naming other agencies, one in GB18030, one
    Markdown draft, one unreadable file."""
    folder = tmp_path_factory.mktemp("reports")
    seeds = [p.read_text("utf-8") for p in seed_files()]
    for i in range(40):
        text = seeds[i % len(seeds)]
        (folder / f"{i:03d}.txt").write_text(text.replace("司法局", f"第{i}司法局", 1), "utf-8")
    (folder / "gbk.txt").write_bytes(seeds[1].encode("gb18030"))
    (folder / "draft.md").write_text("# " + seeds[3], "utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "summary"])
def test_parallel_run_reports_exactly_what_a_serial_run_does(capsys, batch_folder, fmt):
    serial = run(capsys, "--isolated", "--jobs", "1", "--format", fmt, str(batch_folder))
    parallel = run(capsys, "--isolated", "--jobs", "2", "--format", fmt, str(batch_folder))
    assert parallel == serial
    assert serial[0] == 1 and len(serial[1].splitlines()) > 40


def test_a_large_batch_uses_every_core_unless_told_otherwise():
    assert batch.jobs_for(None, batch.PARALLEL_FROM) == 1
    assert batch.jobs_for(None, batch.PARALLEL_FROM + 1) == batch.cores()
    assert batch.jobs_for(0, 500) == batch.cores()
    assert batch.jobs_for(8, 3) == 3 and batch.jobs_for(1, 500) == 1


def test_parallel_fix_prints_its_notes_in_file_order(capsys, tmp_path):
    text = (seed_files()[0]).read_text("utf-8")
    for i in range(4):
        (tmp_path / f"{i}.txt").write_text(text, "utf-8")
    code, out, err = run(capsys, "--isolated", "--fix", "--jobs", "2", str(tmp_path))
    assert [line.split("：")[0] for line in err.splitlines()] == [
        f"fazhi-check: 已修复 {tmp_path / f'{i}.txt'}" for i in range(4)
    ]
    assert "FZ502" not in out and code == 0


def test_jobs_must_be_a_number(capsys):
    code, _, err = run(capsys, "--jobs", "many", "x.txt")
    assert code == 2 and err == "fazhi-check: 选项 --jobs：“many”不是进程数\n"
    code, _, err = run(capsys, "--lang", "en", "--jobs", "many", "x.txt")
    assert code == 2 and err == "fazhi-check: option --jobs: not a number of processes: 'many'\n"


def test_checking_a_draft_imports_no_schema_validator_yaml_parser_or_office_library(tmp_path):
    """Start-up stays short: with the cache filled, a check of a .txt file loads none of these (nor the
    standard library's modules it needs only elsewhere: a TOML parser for a pyproject.toml naming us
    only in a comment, the worker pool's, the atomic writer's, the type checker's)."""
    env = {**os.environ, "FAZHI_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    heavy = ("jsonschema", "yaml", "lark", "docx", "lxml", "pdfplumber", "tqdm", "multiprocessing")
    heavy += ("tomllib", "selectors", "tempfile", "shutil", "heapq", "typing")
    script = (
        "import sys\nfrom fazhi_check.cli import main\n"
        f"main(['--format', 'json', {str(seed_files()[0])!r}])\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})), file=sys.stderr)"
    )
    subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=False)  # fills the cache
    second = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert second.stderr.strip() == "[]", second.stderr


def test_the_benchmark_runs_and_writes_its_table_between_the_markers(tmp_path):
    """benchmarks/run.py on a tiny corpus: every row is printed and the page keeps its own text."""
    page = tmp_path / "performance.md"
    page.write_text(
        "# Performance\n\nintro\n\n<!-- results: written by benchmarks/run.py -->\nSTALE TABLE\n"
        "<!-- end of results -->\n\nanalysis\n",
        "utf-8",
    )
    script = str(ROOT / "benchmarks" / "run.py")
    args = ["--files", "12", "--big-mb", "0.05", "--runs", "1", "--write", str(page)]
    done = subprocess.run([sys.executable, script, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for row in ("cold start", "warm latency per 10 KB", "batch, 1 core", "batch, --jobs", "peak memory, 12 files"):
        assert row in done.stdout
    assert "| --jobs output identical to --jobs 1 | yes |" in done.stdout
    written = page.read_text("utf-8")
    assert written.startswith("# Performance\n\nintro\n") and written.endswith("analysis\n")
    assert "STALE TABLE" not in written and "| batch, 1 core |" in written


def test_spawned_workers_as_on_macos_and_windows_report_what_one_process_does(batch_folder):
    """Where workers are spawned, the task (arguments, configuration, rules) travels pickled."""
    from fazhi_check import runner
    from fazhi_check.config import Resolver

    resolver = Resolver(fazhi_check.load_rules(), None, True, None, [], [])
    task = partial(runner._one, runner.Job(render="json"), resolver)
    paths = sorted(str(p) for p in batch_folder.iterdir())[:6]
    spawned = [(entry, counts.to_dict()) for (entry, counts), _, _ in batch.run_all(task, paths, 2, start="spawn")]
    here = [(entry, counts.to_dict()) for (entry, counts), _, _ in map(task, paths)]
    assert spawned == here and len(here) == 6


@pytest.mark.parametrize(
    "pattern, alternatives",
    [
        ("[ab]c|d", True), ("x|y", True), ("(a|b)|c", True), (r"\[a|b", True),  # a | outside groups and classes
        ("[ab](c|d)", False), ("[ab]c(?:x|y)", False),  # inside a group
        ("[|]x", False), ("[^]|]x", False), ("[]|]x", False), ("[a\\]|]x", False),  # inside a class
        (r"[ab]\|c", False),  # escaped
    ],
)  # fmt: skip
def test_a_bar_splits_a_pattern_only_outside_its_groups_and_classes(pattern, alternatives):
    from fazhi_check.checks.patterns import _alternatives_at_top

    assert _alternatives_at_top(pattern) is alternatives


def test_a_leading_class_becomes_one_pattern_per_character_only_where_it_starts_every_match():
    from fazhi_check.checks.patterns import _by_first_character, _compiled_each

    assert _by_first_character("[Xx×]ab") == ["Xab", "xab", "×ab"]
    assert _by_first_character("[ab]b") == ["ab", "bb"]
    assert _by_first_character("[ab]c|d") == ["[ab]c|d"]  # "d" needs no class
    assert _by_first_character(r"[\[(]a") == [r"\[a", r"\(a"]
    assert _by_first_character(r"[\\t]a") == [r"\\a", "ta"] and _by_first_character(r"[\t ]a") == ["\\\ta", r"\ a"]
    assert _by_first_character(r"(?:19|2\|)(?<!x..)a") == ["19(?<!x..)a", r"2\|(?<!x..)a"]
    assert _by_first_character("(?:a|b)*c") == ["(?:a|b)*c"]  # the group may start no match
    assert _compiled_each((r"(a)\1",)) is None and _compiled_each((r"(?P<n>a)(?P=n)",)) is None  # numbering
    assert [p.pattern for p in _compiled_each(("[ab]c", "d"))] == ["ac", "bc", "d"]
    for patterns, text in [(("[ab]c|d",), "xd ac bc"), (("[Xx]1", "x"), "X1 x1 x"), ((r"(a)\1", "b"), "aa b")]:
        assert union_matches(patterns, text) == [m.span() for m in union(patterns).finditer(text)]


def test_a_piece_whose_literals_the_text_lacks_is_not_compiled():
    from fazhi_check.checks.patterns import _piece

    patterns = ("签发人[:：]", r"(?<=\d)[ \t]+年", "[甲乙]方")
    _piece.cache_clear()
    assert union_matches(patterns, "2024 年，甲方") == [(4, 6), (7, 9)]
    assert _piece.cache_info().currsize == 2  # the space before 年, and 甲方; 签发人 and 乙方 are absent
    assert union_matches(patterns, "签发人：乙方") == [(0, 4), (4, 6)]
    assert _piece.cache_info().currsize == 4


@given(st.text(alphabet="一二三四十是的，", max_size=60))
def test_items_found_before_each_shi_are_what_a_search_through_the_text_finds(text):
    from fazhi_check import markers
    from fazhi_check.document.parts import ITEM_END, ITEM_WIDTH, items
    from fazhi_check.literals import _parser

    item = markers.pattern("ENUMERATION")
    assert item.pattern.endswith(ITEM_END) and item.pattern.count(ITEM_END) == 1
    assert _parser.parse(item.pattern).getwidth()[1] <= ITEM_WIDTH
    assert [m.span() for m in items(text)] == [m.span() for m in item.finditer(text)]


def test_a_literal_is_told_absent_by_a_character_the_text_lacks():
    from fazhi_check import literals

    text = "甲乙丙丁" * 600  # long enough for the kept answers
    for pattern, expected in [("甲乙", True), ("甲戊", False), ("(?:戊己|甲乙)", True), ("[戊己庚]丙", False)]:
        assert literals.may_find(pattern, re.UNICODE, text) is expected
        assert literals.may_find(pattern, re.UNICODE, text[:10]) is expected


def _value_by_ranges(numeral: str):
    """The plain markers.value: each range of one-character numerals tried in turn."""
    from fazhi_check.numerals import chinese_number

    for low, high in ((0x3220, 0x3229), (0x2460, 0x2473), (0x2160, 0x2169)):
        if len(numeral) == 1 and low <= ord(numeral) <= high:
            return ord(numeral) - low + 1
    return chinese_number(numeral) if numeral else None


def _outcome(value, numeral: str):
    """What ``value`` gives for ``numeral``, or the error it raises ("1①" is digits int() cannot read)."""
    try:
        return value(numeral)
    except ValueError as error:
        return type(error)


@given(st.text(alphabet="一二三十12 ㈠㈩①⑳ⅠⅩ\u321f\u245f\u216a", max_size=4))
def test_a_numeral_gives_by_its_table_what_the_ranges_give(numeral):
    from fazhi_check import markers

    assert _outcome(markers.value, numeral) == _outcome(_value_by_ranges, numeral)


def test_every_one_character_numeral_gives_what_its_range_gives():
    from fazhi_check import markers

    for low, high in ((0x3220, 0x3229), (0x2460, 0x2473), (0x2160, 0x2169)):
        for cp in range(low - 1, high + 2):
            if not chr(cp).isdigit():  # (a digit int() cannot read fails either way: "⑴")
                assert markers.value(chr(cp)) == _value_by_ranges(chr(cp))


@given(st.sampled_from(["measures", "plan", "other"]), st.sampled_from(["heading", "position"]), st.booleans())
def test_a_part_classified_or_given_a_year_is_what_dataclasses_replace_makes(kind, source, also_given):
    from dataclasses import replace

    from fazhi_check.engine import build_document
    from fazhi_check.numerals import YearMention

    vocabulary = fazhi_check.load_rules().vocabulary
    for path in seed_files()[:2]:
        for part in build_document(path.read_text("utf-8"), vocabulary).parts:
            if also_given:
                expected = replace(part, kind=kind, also=("plan",), kind_source=source)
                assert part.classified(kind, source, ("plan",)) == expected
            else:
                assert part.classified(kind, source) == replace(part, kind=kind, kind_source=source)
            assert part.with_year(YearMention(2025, 3, 8)) == replace(part, year=YearMention(2025, 3, 8))


_KIND, _TEXT_OF_LINE = st.sampled_from(["h1", "h2", "text"]), st.sampled_from(["甲乙。", "丙", "- 2 -"])
_OUTLINE_LINE = st.tuples(_KIND, st.integers(1, 4), _TEXT_OF_LINE)


@given(st.lists(_OUTLINE_LINE, max_size=12))
def test_without_a_wrap_width_no_heading_is_unwrapped(rows):
    from fazhi_check.document.parts import previous_lines
    from fazhi_check.document.repair import unwrap_false_headings, wrap_width
    from fazhi_check.outline import Line, Marker

    lines = [
        Line(kind, n, n * 10, text, Marker(kind, str(value), value, n * 10) if kind != "text" else None)
        for n, (kind, value, text) in enumerate(rows)
    ]
    assert wrap_width(lines) is None  # (lines this short give none)
    assert unwrap_false_headings(lines, previous_lines(lines), "h1", "h2", None) == lines
