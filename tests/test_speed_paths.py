"""The short cuts taken for speed give what the plain way gives: each against the plain code it replaces,
on generated input."""

import dataclasses
import itertools
import re
import signal

import pytest
from conftest import ROOT, seed_files
from hypothesis import given, settings
from hypothesis import strategies as st
from test_fast_paths import _repeats_by_every_window

import fazhi_check
from fazhi_check import budget, engine, literals, numerals, vocabulary
from fazhi_check.checks import content, dates, repeats, typography
from fazhi_check.checks.base import Subject
from fazhi_check.checks.patterns import _compiled_each
from fazhi_check.checks.repeats import find_repeats
from fazhi_check.document import build_document, lines
from fazhi_check.positions import LineIndex, normalize
from fazhi_check.results import Finding, Fix, built
from fazhi_check.rulebook import RulePack
from fazhi_check.vocabulary import HEAD_LISTS

_SPACES = [" ", "\t", "\u3000", "\xa0", "\u2003", "\n", "\r", "\x1c", "\x85", "\u2028"]
_DIGITS = ["1", "23", "4567", "12345", "０", "٣", "²"]  # ASCII, full-width and Arabic-Indic digits; ² is no decimal
_PAGE_PIECES = [*_SPACES, *_DIGITS, "-", "—", "–", "第", "页", "页码", "x", "一"]
_PAGEISH = st.lists(st.sampled_from(_PAGE_PIECES), max_size=8).map("".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_PAGEISH, st.text(max_size=12)))
def test_page_numbers_are_what_the_pattern_says(text):
    assert lines.is_page_number(text) == bool(lines._PAGE_NUMBER.match(text))


_DATE_PIECES = [
    *_SPACES,
    "2024年",
    "二〇二四年",
    "1月",
    "十二月",
    "10日",
    "三十一日",
    "日",
    "(",
    ")",
    "）",
    "司法局",
    "x",
]
_DATEISH = st.lists(st.sampled_from(_DATE_PIECES), max_size=8).map("".join)


def _plain_strip_trailing_date(text):
    m = numerals._TRAILING_DATE.search(text)
    return text[: m.start()].rstrip() if m and m.start() > 0 else text


@settings(max_examples=800, deadline=None)
@given(st.one_of(_DATEISH, st.text(max_size=12)))
def test_a_trailing_date_is_stripped_as_the_pattern_says(text):
    assert numerals.strip_trailing_date(text) == _plain_strip_trailing_date(text)


def test_the_date_test_sees_a_date_before_a_final_line_break():
    assert numerals.strip_trailing_date("某某县司法局 2024年1月10日 \n") == "某某县司法局"
    assert numerals.strip_trailing_date("某某县司法局（2024年1月10日)\t") == "某某县司法局（"


@pytest.mark.parametrize(
    "select, extend, ignore",
    [(None, None, None), (["FZ2"], None, None), (None, ["FZ5"], ["FZ402"]), (["ALL"], [], ["layout"]), ([], [], [])],
)
def test_a_selection_made_again_is_the_selection_made_anew(select, extend, ignore):
    pack = fazhi_check.load_rules()
    first = engine.select_rules(pack, select, extend, ignore)
    assert engine.select_rules(pack, select, extend, ignore) is first
    assert first == engine._select(pack, select, tuple(extend or ()), tuple(ignore or ()))
    fewer = RulePack(tuple(r for r in pack.rules if r.code != "FZ501"), pack.vocabulary)  # its own selection
    assert engine.select_rules(fewer, select, extend, ignore) == engine._select(
        fewer, select, tuple(extend or ()), tuple(ignore or ())
    )


def test_a_selection_naming_no_rule_fails_every_time():
    pack = fazhi_check.load_rules()
    for _ in range(2):
        with pytest.raises(engine.SelectionError):
            engine.select_rules(pack, ["FZ999"])


def test_the_clock_stops_and_the_alarm_handler_comes_back_after_the_rules():
    before = signal.getsignal(signal.SIGALRM)
    fazhi_check.check_text(seed_files()[0].read_text("utf-8"))
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_deadline_inside_a_ticking_block_still_ends_its_own_block():
    with budget.ticking(), pytest.raises(TimeoutError), budget.deadline(0.3, TimeoutError):
        while True:
            re.search(r"(a+)+$", "a" * 28 + "b")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


# -- literals: a pattern is skipped only where it cannot match ----------------------------------------


def _all_patterns():
    pack = fazhi_check.load_rules()
    found = []
    for rule in pack.rules:
        patterns = rule.options.get("patterns")
        if isinstance(patterns, list) and all(isinstance(p, str) for p in patterns):
            found += [re.compile(p, re.MULTILINE) for p in patterns]
            if rule.check == "pattern":
                found += _compiled_each(tuple(patterns)) or []
    vocabulary = pack.vocabulary
    found += [vocabulary.patterns[name].compiled() for name in HEAD_LISTS]
    for words in vocabulary.kinds.values():
        found += [words.heading, words.weak_heading, words.body, words.fold_sentence]
    return found


PATTERNS = _all_patterns()


def _pieces(pattern):
    """Text a pattern is likely to match pieces of: its literal strings, and characters around them."""
    groups = literals.required(pattern.pattern, pattern.flags) or ()
    return [s for group in groups for s in group] + ["X", "x", "×", "2024年", "月", "日", "(", ")", " ", "\n", "的"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_pattern_said_not_to_match_finds_nothing(data):
    pattern = data.draw(st.sampled_from(PATTERNS))
    pieces = _pieces(pattern)
    text = data.draw(st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=3)), max_size=12).map("".join))
    for candidate in (text, text[1:], text[:-1]):
        assert literals.may_match(pattern, candidate) or pattern.search(candidate) is None


def test_the_built_in_patterns_said_not_to_match_find_nothing_in_every_report_here():
    paths = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("tests/**/*.txt"))
    texts = [normalize(p.read_text("utf-8", errors="replace")) for p in paths]
    skipped = 0
    for pattern in PATTERNS:
        for text in texts:
            if not literals.may_match(pattern, text):
                skipped += 1
                assert pattern.search(text) is None, (pattern.pattern, text[:40])
    assert skipped > 1000  # the test tests something


_ATOMS = st.sampled_from(
    ["a", "b", "ab", "的", "[ab]", "[a-z]", ".", r"\d", "(?=a)", "(?<!b)", "^", "$", r"\(", "[^a]"]
)


def _regexes():
    return st.recursive(
        _ATOMS,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map("".join),
            st.tuples(inner, inner).map(lambda t: f"(?:{t[0]}|{t[1]})"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "{2}", "{0,2}", "{1,3}", "+?", "*+"])).map(
                lambda t: f"(?:{t[0]}){t[1]}"
            ),
            inner.map(lambda t: f"({t})"),
            inner.map(lambda t: f"(?>{t})"),
            inner.map(lambda t: f"(?={t})"),
        ),
        max_leaves=8,
    )


@settings(max_examples=1500, deadline=None)
@given(_regexes(), st.text(alphabet="ab的(c\n", max_size=10))
def test_any_pattern_said_not_to_match_finds_nothing(regex, text):
    pattern = re.compile(regex)
    assert literals.may_match(pattern, text) or pattern.search(text) is None


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_report_long_text_is_answered_as_its_lines_would_be(data):
    """From MEMO_FROM characters on, a text's answers are kept for the next pattern asked about it: the
    patterns asked in turn about one long text get what each gets about the same text short."""
    patterns = data.draw(st.lists(st.sampled_from(PATTERNS), min_size=2, max_size=5))
    pieces = [piece for pattern in patterns for piece in _pieces(pattern)]
    text = "".join(data.draw(st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=3)), max_size=12)))
    long = text + "\x01" * literals.MEMO_FROM  # no literal holds \x01
    for pattern in patterns:
        assert literals.may_match(pattern, long) == literals.may_match(pattern, text), pattern.pattern
        assert literals.may_match(pattern, long) or pattern.search(long) is None


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_lazy_head_list_answers_as_its_compiled_pattern(data):
    source = data.draw(st.sampled_from([p.pattern for p in PATTERNS]))
    lazy, compiled = literals.Lazy(source), re.compile(source)  # a new one each time: it is still uncompiled
    text = data.draw(st.lists(st.one_of(st.sampled_from(_pieces(compiled)), st.text(max_size=3)), max_size=12))
    text = "".join(text)
    for method in ("search", "match", "fullmatch"):
        found, expected = getattr(lazy, method)(text), getattr(compiled, method)(text)
        assert (found and found.span()) == (expected and expected.span()), method
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text) and lazy.sub("", text) == compiled.sub("", text)


def test_a_lazy_pattern_is_compiled_only_for_a_string_that_holds_its_literals():
    lazy = literals.Lazy(r"签发人[:：]\s*\S+")
    assert lazy.search("某某县司法局") is None and lazy.sub("", "某某") == "某某" and lazy._compiled is None
    assert lazy.search("签发人：张三").group() == "签发人：张三" and lazy._compiled is not None
    assert lazy.search("某某县司法局") is None  # compiled, it is simply run


def test_a_prepared_vocabulary_hands_out_its_compiled_patterns():
    from fazhi_check.rulebook import _builtin
    from fazhi_check.vocabulary import Vocabulary

    vocabulary = Vocabulary.from_dict(_builtin()[1])
    assert all(isinstance(vocabulary.pattern(name), literals.Lazy) for name in HEAD_LISTS)
    vocabulary.prepare()
    assert all(isinstance(vocabulary.pattern(name), re.Pattern) for name in HEAD_LISTS)


def test_literals_of_a_few_patterns():
    assert literals.required("内部(?:资料|文件)[ \\t]*★") == (("内部",), ("资料", "文件"), ("★",))
    assert literals.required("(?:ab)+c?") == (("ab",),)
    assert literals.required("a{0,3}|b") is None  # an alternative that needs nothing
    assert literals.required("(?i)abc") is None and literals.required("x(?i:abc)") is None  # case-insensitive
    assert literals.required("(a)\\1") == (("a",),)  # the back-reference itself needs nothing known
    assert literals.required("(?=abc)d") == (("d",),)  # what a lookahead sees is not consumed: only d counts


def _plain_line_index(text):
    starts, ends = [0], []
    for m in re.finditer(r"\r\n|\r|\n", text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return starts, ends


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab\n\r一", max_size=30))
def test_a_line_index_has_the_lines_the_breaks_make(text):
    index = LineIndex(text)
    assert (index.starts, index.ends) == _plain_line_index(text)


# -- reports of a whole run: written as the files arrive, with the text a whole-run dump gives ---------


def _results():
    pack = fazhi_check.load_rules()
    found = [fazhi_check.check_file(p, rules=pack) for p in seed_files()]
    found.append(fazhi_check.check_text("x", path="名\udcc4\udce3.txt", rules=pack))  # bytes no UTF-8 in a name
    found.append(fazhi_check.check_text("关于2024年法治政府建设情况的报告\n", path="/elsewhere/a b.txt", rules=pack))
    return pack, found


def _plain_sarif(results, rules, version):
    """SARIF as one json.dumps of the whole log (how it was written before it was streamed)."""
    import json

    from fazhi_check.read import editable
    from fazhi_check.report import sarif
    from fazhi_check.report.escape import json_safe

    index = {rule.code: i for i, rule in enumerate(rules)}
    items = [
        sarif._result(f, n, index, sarif.artifact_uri(r.path), editable(r.path))
        for r in results
        for f, n in sarif._numbered(r)
    ]
    driver = {
        "name": "fazhi-check",
        "version": version,
        "semanticVersion": version,
        "informationUri": sarif.INFORMATION_URI,
        "rules": [sarif._rule(rule) for rule in rules],
    }
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": items}
    log = {"$schema": sarif.SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json_safe(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def test_streamed_sarif_is_the_text_of_one_dump_of_the_log():
    from fazhi_check.report.sarif import format_sarif

    pack, results = _results()
    for subset in (results, results[:1], [], results[-2:]):
        assert format_sarif(iter(subset), pack.rules, "9.9") == _plain_sarif(subset, pack.rules, "9.9")


def _counting(results, taken):
    for result in results:
        taken.append(result)
        yield result


def test_sarif_and_html_take_the_files_one_at_a_time():
    from fazhi_check.report.html import html_pieces
    from fazhi_check.report.sarif import sarif_pieces

    pack, results = _results()
    taken: list = []
    pieces = sarif_pieces(_counting(results, taken), pack.rules, "9.9")
    next(pieces), next(pieces)
    assert len(taken) == 1  # the first file's first two results written: the rest not yet checked
    taken.clear()
    page = html_pieces(_counting(results, taken), pack.rules, "9.9")
    assert next(page).startswith("<!DOCTYPE html>") and len(taken) == len(results)


def test_an_html_page_spooled_to_disk_is_the_page_kept_in_memory(monkeypatch):
    from fazhi_check.report import html

    pack, results = _results()
    kept = html.format_html(results, pack.rules, "9.9", "en")
    monkeypatch.setattr(html, "SPOOL", 0)  # every section on disk
    assert html.format_html(iter(results), pack.rules, "9.9", "en") == kept
    assert kept.count('<section class="file"') == len(results) and '<nav class="toc">' in kept


# -- FZ402: the windows left out are windows that cannot repeat --------------------------------------


_every_window = _repeats_by_every_window  # the plain scan, as test_fast_paths holds it


_BODY = st.lists(st.sampled_from(["甲乙", "丙", ",", "。", "的", "依法行政", "推进"]), min_size=1, max_size=30).map(
    "".join
)


@pytest.mark.parametrize("split_above", [1, repeats.SPLIT_ABOVE, 100])
@settings(max_examples=400, deadline=None)
@given(_BODY, st.integers(1, 12), st.integers(2, 8), st.integers(2, 36), st.randoms())
def test_copies_with_marks_put_in_give_the_repeats_of_the_plain_scan(split_above, body, copies, every, size, rng):
    """A text made as the benchmark's big report is (a body again and again, a numbered mark put in
    every few characters), so that most windows are near a repeat and most anchors' keys are unique;
    with the groups of windows split down to single offsets, as they are, and never. No candidate range
    runs past the last window or is empty before it (a bound one off adds such ranges, finding the same)."""
    repeats.SPLIT_ABOVE, kept = split_above, repeats.SPLIT_ABOVE
    pieces = []
    for k in range(copies):
        copy = "".join(
            ch + (f"丁{rng.randint(0, 3)}{k}" if i % every == every - 1 else "") for i, ch in enumerate(body)
        )
        pieces.append(copy)
    chars = "".join(pieces)
    try:
        assert list(find_repeats(chars, size)) == list(_every_window(chars, size))
        last = len(chars) - size + 1
        ranges = repeats._candidate_windows(chars, size, last)
        assert all(lo >= 0 and hi <= last for lo, hi in ranges)
        assert all(lo < hi for lo, hi in ranges if hi < last)  # (cut off at the last window, one may be empty)
    finally:
        repeats.SPLIT_ABOVE = kept


# -- FZ501: the marks found in one scan of the text are the marks found line by line -----------------


def _halfwidth_by_line(doc):
    """The plain FZ501: each line searched on its own, its fix retyped mark by mark."""
    touching = typography._HALFWIDTH_TOUCHING
    for line in doc.lines:
        original = doc.text[line.start : line.end]
        convert = {m.start() for m in touching.finditer(original)}
        if not convert or line.start in doc._page_starts:
            continue
        for opening, closing in typography._bracket_pairs(original):
            if opening in convert or closing in convert:
                convert |= {opening, closing}
        fixed = "".join(typography._HALFWIDTH.get(ch, ch) if i in convert else ch for i, ch in enumerate(original))
        yield line.start, line.end, len(convert), fixed


_TYPED = st.lists(
    st.sampled_from([",", ";", ":", "(", ")", "?", "!", "法治", "a", "1", " ", "\u3000", "\n", "\u2028", "，", "《"]),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_TYPED)
def test_halfwidth_marks_counted_and_replaced_in_c_give_the_plain_hits(text):
    doc = build_document(text, fazhi_check.load_rules().vocabulary)
    hits = typography.halfwidth_punctuation(Subject(doc, not_report=None), {})
    assert [(h.start, h.end, h.params["count"], h.replacement) for h in hits] == list(_halfwidth_by_line(doc))


# -- vocabulary: a head list's union joined as "p1|p2|…" matches as "(?:p1)|(?:p2)|…" -------------------


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.one_of(_regexes(), st.tuples(_regexes(), _regexes()).map("|".join)), min_size=1, max_size=4),
    st.text(alphabet="ab的(c\n", max_size=12),
)
def test_a_union_joined_without_groups_matches_as_the_grouped_union(regexes, text):
    grouped = re.compile("|".join(f"(?:{r})" for r in regexes))
    joined = re.compile(vocabulary._union_source(regexes))
    assert [m.span() for m in joined.finditer(text)] == [m.span() for m in grouped.finditer(text)]


def test_a_union_is_grouped_where_a_pattern_sets_global_flags():
    assert vocabulary._union_source(["(?x) a # b", "c"]) == "(?:(?x) a # b)|(?:c)"
    assert vocabulary._union_source([]) == vocabulary._NOTHING


_VALUES = st.one_of(st.none(), st.integers(), st.text(max_size=4), st.tuples(st.text(max_size=3)))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_finding_built_from_its_values_is_the_one_its_init_makes(data):
    fix_values = data.draw(st.lists(_VALUES, min_size=6, max_size=6))
    fix = Fix(*fix_values)
    assert_same(built(Fix, *fix_values), fix)
    values = data.draw(st.lists(_VALUES, min_size=15, max_size=15))
    values[11] = fix
    finding = built(Finding, *values)
    assert_same(finding, Finding(*values))
    assert engine._SORT_KEY(finding) == finding.sort_key


def assert_same(made, expected):
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert list(vars(made).items()) == list(vars(expected).items())  # to_dict's keys in the same order
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.code = "x"  # type: ignore[misc]


def _context_plainly(text, start, end):
    """A finding's context as first written: the window cut at the line ends around the span."""
    low = max(0, start - engine.CONTEXT)
    low = max(low, text.rfind("\n", low, start) + 1, text.rfind("\r", low, start) + 1)
    high = min(len(text), end + engine.CONTEXT)
    for brk in ("\n", "\r"):
        at = text.find(brk, end, high)
        if at >= 0:
            high = at
    context = text[low:high]
    return context.replace("\r\n", "\n").replace("\r", "\n") if "\r" in context else context


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab\n\r 中", max_size=40), st.data())
def test_a_context_is_the_window_cut_at_the_line_ends(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert engine._context(text, start, end) == _context_plainly(text, start, end)


_DATE_BITS = ["2024", "二〇二四", "年", "月", "日", "1", "十二", " ", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_BITS), max_size=12).map("".join))
def test_a_written_date_is_found_as_the_plain_search_finds_it(text):
    found, plain = dates._written_date(text), dates._WRITTEN_DATE.search(text)
    assert (found and found.span()) == (plain and plain.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["法治", "建设", " ", "\u3000", "\t", "\n", "1", "。"]), max_size=30).map("".join))
def test_a_line_of_one_run_is_placed_as_its_match_places_it(text):
    doc = build_document(text, fazhi_check.load_rules().vocabulary)
    lines_ = doc.body_lines()
    offsets, starts = content._runs(doc.normalized, lines_)
    plain = [m for ln in lines_ for m in re.compile(r"\S+").finditer(doc.normalized, ln.start, ln.end)]
    assert offsets == [m.start() for m in plain]
    assert starts == [0, *itertools.accumulate(m.end() - m.start() for m in plain)]


def test_the_candidate_windows_of_a_text_are_only_those_that_may_repeat():
    """FZ402's scan is exact whatever windows it is given; what the candidates decide is its cost. In
    normalised text ("," and "。" anchor it), a text that repeats nothing keeps only the starts inside its
    anchor-free stretches longer than a window; one that repeats a sentence keeps the windows of the
    groups whose keys occur twice as well, bounded by the anchor before each."""
    a = "依法行政是政府工作的基本准则,各部门认真落实。"
    b = "严格规范公正文明执法,持续深化行政执法体制改革。"
    c = "完善重大行政决策程序制度,推进政务公开工作。"
    once, twice = a + b + c, a + b + a + c
    assert repeats._candidate_windows(once, 12, len(once) - 11) == [(34, 35), (47, 48)]
    assert repeats._candidate_windows(twice, 12, len(twice) - 11) == [
        (0, 4), (3, 10), (10, 15), (15, 17), (34, 35), (47, 51), (50, 57), (57, 62), (62, 64), (70, 71)
    ]  # fmt: skip
    assert list(find_repeats(twice, 12)) == [(47, 0, 23)]
