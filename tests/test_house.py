"""The house rules of the package, checked on its source: imports flow one way (readers -> outline ->
document -> checks -> rules and results -> reports -> engine -> API -> batch -> CLI), heading markers are
written only in markers.lark, and the vocabulary's words live in YAML, never in a .py file."""

import ast
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

PACKAGE = ROOT / "fazhi_check"
# Each top-level module or subpackage of fazhi_check, by rank: a module may import one of lower rank,
# or one of its own subpackage; nothing imports upward, so no circle can form between them.
RANKS = {
    "rules": 0,  # the rule pack's data files
    "version": 0,
    "numerals": 0,
    "positions": 1,
    "script": 0,
    "datafiles": 0,
    "messages": 0,  # what the command line and reports say, in Chinese and English
    "budget": 0,  # the time and memory a check may take
    "literals": -1,  # what every match of a pattern contains (a pattern is not run, or compiled, where it cannot match)
    "writing": 0,  # atomic writes
    "cache": 1,
    "markers": 1,
    "read": 2,
    "samples": 2,  # the layout rules' example drafts
    "outline": 2,
    "lark_scanner": 1,  # Lark builds the outline's scanner from the grammar (outline_scanner.json)
    "vocabulary": 2,
    "document": 3,
    "checks": 4,
    "results": 5,
    "rulebook": 5,
    "report": 6,
    "engine": 7,
    "api": 8,
    "config": 9,
    "fixes": 9,
    "waivers": 10,
    "review": 10,  # --annotate: checks a Word file and writes its reviewed copy
    "examples": 11,
    "batch": 11,
    "pool": 10,  # batch's worker processes
    "runner": 12,
    "arguments": 12,
    "serve": 13,
    "cli": 14,
    "__main__": 15,
    "__init__": 15,
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(PACKAGE / "rules"):
            continue
        yield path, path.relative_to(PACKAGE).with_suffix("").parts


def _imported(path: Path, parts: tuple[str, ...]):
    """(line, top-level name inside fazhi_check) of every import of the package the module makes,
    at module level or inside a function."""
    package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    tree = ast.parse(path.read_text("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = (*base, *(node.module.split(".") if node.module else ()))
            names = [target] if node.module else [(*target, alias.name) for alias in node.names]
            for name in names:
                yield node.lineno, name
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            for name in [module] if module else [a.name for a in node.names]:
                if name and name.startswith("fazhi_check"):
                    yield node.lineno, tuple(name.split(".")[1:])


def _top(parts: tuple[str, ...]) -> str:
    return parts[0] if parts else "__init__"


@pytest.mark.parametrize("path, parts", list(_modules()), ids=lambda v: "/".join(v) if isinstance(v, tuple) else "")
def test_imports_flow_one_way(path, parts):
    own = _top(parts)
    assert own in RANKS, f"{path}: give its package a rank in this test"
    for line, target in _imported(path, parts):
        other = _top(target)
        if other == own and len(parts) > 1:
            continue  # within a subpackage
        assert other in RANKS, f"{path}:{line} imports {target}"
        assert RANKS[other] < RANKS[own], f"{path.relative_to(ROOT)}:{line}: {own} imports {other}, which is above it"


def test_no_module_is_longer_than_about_400_lines():
    long = {str(p.relative_to(ROOT)): n for p, _ in _modules() if (n := len(p.read_text("utf-8").splitlines())) > 420}
    assert not long


# -- heading markers: written once, in markers.lark ------------------------------------------------

# a class of Chinese numerals, or of digits, followed by what makes a heading or item marker of it
_MARKER_PATTERN = re.compile(
    r"\[一二三四五六七八九十\].{0,16}?(?:、|\\\)|）|部分|是)"
    r"|\\d\{1,2\}\[ \\t\]\*\(\?:、"
    r"|\\u3220|\\u2460|一是"
)


def _docstrings(tree) -> set[int]:
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _strings(path: Path):
    """Every string literal of a module but its docstrings, with its line."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


@pytest.mark.parametrize("path", [p for p, _ in _modules()], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_heading_markers_are_written_only_in_markers_lark(path):
    found = [(line, s) for line, s in _strings(path) if _MARKER_PATTERN.search(s)]
    assert not found, f"{path.relative_to(ROOT)}: marker patterns belong in markers.lark: {found}"


def test_the_marker_test_catches_the_patterns_it_is_for():
    for pattern in (
        r"[一二三四五六七八九十]{1,3}[ \t]*、",
        r"\([ \t]*[一二三四五六七八九十]{1,3}[ \t]*\)",
        r"第[一二三四五六七八九十]{1,3}部分",
        r"([一二三四五六七八九十]{1,3})是",
        r"[\u3220-\u3229]",
        r"[ \t]*\d{1,2}[ \t]*(?:、|\.(?!\d))",
        r"一是(?=x)",
    ):
        assert _MARKER_PATTERN.search(pattern), pattern
    assert not _MARKER_PATTERN.search(r"(\d{1,2}|[一二三四五六七八九十]{1,3})[ \t]*月")  # a date is no marker


def test_the_grammar_and_markers_py_read_the_same_markers():
    from lark import Lark

    from fazhi_check import markers

    built = Lark.open_from_package("fazhi_check", "outline.lark", parser="lalr", lexer="contextual")
    lines = ["一、总体", "  十二.x", "第三部分:", "(一)好", "( 二 )", "㈢", "1.要", "12、", "1.5万", "(3)", "⑳"]
    lines += ["2024年", "一，"]
    for level in range(1, 5):
        name = f"H{level}_MARK"
        grammar = re.compile(built.get_terminal(name).pattern.to_regexp())
        ours = markers.pattern(name)
        assert [bool(grammar.match(x)) for x in lines] == [bool(ours.match(x)) for x in lines], name
        assert any(ours.match(x) for x in lines), name


# -- vocabulary: words in YAML, never in Python ------------------------------------------------------

_NUMERALS = re.compile(r"[〇○零一二三四五六七八九十百千两点分之年月日度]+")  # numbers and dates: syntax, not words
_MATCHING = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "split",
    "endswith",
    "startswith",
    "find",
    "index",
    "count",
    "replace",
    "strip",
    "rstrip",
    "lstrip",
    "partition",
}
_REGEX = re.compile(r"\||\(\?|\\|[.\])]\{|[.\])][*+?]|\[\^|^\^|\$$")  # a pattern's syntax, which messages have not
_MESSAGE = re.compile("[，：。（；、“]")


def _vocabulary_words() -> set[str]:
    """The Chinese words of the vocabulary files and of the rules' options: every run of two or more
    Chinese characters their patterns and lists hold (numerals aside, and the labels, which are how
    messages name the parts)."""
    texts = []
    for path in sorted((ROOT / "rules" / "vocabulary").glob("*.yaml")):
        texts.append(yaml.safe_dump(yaml.safe_load(path.read_text("utf-8")), allow_unicode=True))
    for path in sorted((ROOT / "rules").glob("FZ*.yaml")):
        texts.append(yaml.safe_dump(yaml.safe_load(path.read_text("utf-8")).get("options", {}), allow_unicode=True))
    labels = {"label", "label_en", "short_label", "short_label_en", "what", "what_en", "where", "where_en"}
    words = set()
    for text in texts:
        for line in text.splitlines():
            if line.strip().split(":")[0] not in labels:
                words.update(w for w in re.findall(r"[\u4e00-\u9fff]{2,}", line) if not _NUMERALS.fullmatch(w))
    return words


WORDS = _vocabulary_words()


def _matching_strings(path: Path):
    """String literals a module matches text against: those inside a call of a regex or string
    matching method, in a comparison, or written as a pattern (regex syntax), but not messages
    (sentences with Chinese punctuation)."""
    tree = ast.parse(path.read_text("utf-8"))
    inside = set()
    for node in ast.walk(tree):
        called = getattr(node.func, "attr", getattr(node.func, "id", None)) if isinstance(node, ast.Call) else None
        matching = called in _MATCHING
        if matching or isinstance(node, ast.Compare):
            inside.update(id(n) for n in ast.walk(node))
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
            if (_MESSAGE.search(text) or len(text) >= 16) and not _REGEX.search(text):
                continue  # a message
            if id(node) in inside or _REGEX.search(text):
                yield node.lineno, text


def test_the_vocabulary_words_include_those_the_issue_named():
    assert {"报告", "发布时间", "举措", "第一责任人", "主要负责人", "司法局"} <= WORDS


def test_the_vocabulary_test_finds_a_planted_literal(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text(
        'import re\nTITLE = re.compile(r"(?:关于)?[^，]{0,30}报告$")\nok = x.endswith("报告")\n'
        'say("未找到报告，请检查")\n',
        "utf-8",
    )
    assert [line for line, s in _matching_strings(planted) if any(w in s for w in WORDS)] == [2, 3]


@pytest.mark.parametrize("path", [p for p, _ in _modules()], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_vocabulary_word_stands_in_a_python_module(path):
    found = [(line, w) for line, s in _matching_strings(path) for w in WORDS if w in s]
    assert not found, f"{path.relative_to(ROOT)}: vocabulary words belong in rules/vocabulary or a rule's options"
