"""The check kind that judges a report's title: there is one, it names the subject, it names its genre."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import Hit, Subject, check, whole_file


@check("title-form", params=("problem", "problem_en"))
def title_form(subject: Subject, options: dict) -> Iterator[Hit]:
    """No title at all; or a title that does not name the subject (the vocabulary's ``title``); or one
    without its genre word (``genre``). Each case says so in its own words (``problems``)."""
    doc = subject.doc
    title = doc.title
    if title is None:
        problem = "missing"
    elif not doc.vocabulary.pattern("title").search(title.text):
        problem = "subject"
    elif not re.search(options["genre"], title.text):
        problem = "genre"
    else:
        return
    params = {"problem": options["problems"][problem], "problem_en": options["problems_en"][problem]}
    yield Hit(*whole_file(doc), params)
