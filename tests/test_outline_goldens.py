"""Every corpus text is read as its golden says (tests/outline_goldens.yaml, made by
tests/outline_goldens.py): a change in any heading, level, kind or year shows as a failure here."""

import pytest
import yaml
from outline_goldens import GOLDENS, outline, texts

EXPECTED = yaml.safe_load(GOLDENS.read_text("utf-8"))


@pytest.mark.parametrize("name, text", list(texts()), ids=lambda v: v[:40] if isinstance(v, str) and "/" in v else "")
def test_outline_is_read_as_its_golden_says(name, text):
    assert outline(text) == EXPECTED[name]


def test_every_golden_has_its_text():
    assert set(EXPECTED) == {name for name, _ in texts()}
