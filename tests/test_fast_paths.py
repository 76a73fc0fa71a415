"""The fast paths give exactly what the plain algorithms they replace give."""

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_check.checks.text import _repeats


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
    assert list(_repeats(chars, size)) == list(_repeats_by_every_window(chars, size))


def test_repeated_passage_found_across_anchor_free_text():
    passage = "乙" * 35
    chars = "甲," + passage + "丙。" + passage
    assert list(_repeats(chars, 30)) == [(39, 2, 35)]
