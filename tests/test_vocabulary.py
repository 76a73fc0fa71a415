"""Every vocabulary entry is needed: its case (tests/vocabulary/cases.yaml) reads right with the full
vocabulary and wrongly without that one entry. The cases cover every entry of every list."""

import copy
from pathlib import Path

import pytest
import yaml

import fazhi_check
from fazhi_check.rulebook import builtin_files
from fazhi_check.vocabulary import HEAD_LISTS, KIND_LISTS, ORDERED_LISTS, Vocabulary

CASES = yaml.safe_load((Path(__file__).parent / "vocabulary" / "cases.yaml").read_text("utf-8"))
DATA: dict = {}
for _path, _raw in builtin_files():
    if "/vocabulary/" in _path:
        DATA.update(yaml.safe_load(_raw.decode("utf-8")))


def _without(path: tuple) -> Vocabulary:
    data = copy.deepcopy(DATA)
    target = data
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return Vocabulary.from_dict(data)


def _gives_kind(vocabulary: Vocabulary, kind: str, key: str, heading: str, body: str) -> bool:
    if key == "heading":
        return kind in vocabulary.heading_kinds(heading)
    if key == "fold_sentence":
        return vocabulary.fold_match(kind, body) is not None
    return vocabulary.weak_kind(heading, body) == kind  # weak_heading and body: the pair confirms it


def _matches(vocabulary: Vocabulary, name: str, text: str) -> bool:
    if name in ORDERED_LISTS:
        return vocabulary.first_match(name, text) is not None
    return vocabulary.pattern(name).search(text) is not None


@pytest.mark.parametrize("kind, key, index, heading, body", CASES["kinds"], ids=lambda v: str(v))
def test_each_kind_entry_gives_its_kind_and_is_needed(kind, key, index, heading, body):
    full = fazhi_check.load_rules().vocabulary
    assert _gives_kind(full, kind, key, heading, body)
    assert not _gives_kind(_without(("kinds", kind, key, index)), kind, key, heading, body)


@pytest.mark.parametrize("name, index, text", CASES["lists"], ids=lambda v: str(v))
def test_each_list_entry_matches_its_case_and_is_needed(name, index, text):
    full = fazhi_check.load_rules().vocabulary
    assert _matches(full, name, text)
    assert not _matches(_without((name, index)), name, text)


def test_every_entry_has_a_case():
    kinds = {
        (k, key, i) for k, spec in DATA["kinds"].items() for key in KIND_LISTS for i in range(len(spec.get(key, [])))
    }
    lists = {(name, i) for name in (*HEAD_LISTS, *ORDERED_LISTS) for i in range(len(DATA.get(name, [])))}
    assert {(k, key, i) for k, key, i, _, _ in CASES["kinds"]} == kinds
    assert {(name, i) for name, i, _ in CASES["lists"]} == lists
