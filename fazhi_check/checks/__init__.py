"""The closed set of check kinds. Each is a small generator of Hits over a Subject; rules configure them."""

from . import content, dates, genre, layout, numbering, sections, title, typography  # noqa: F401  (registers the kinds)
from .base import BATCH_CHECKS, CHECKS, PARAMS, PART_PARAMS, RUN_WITHOUT_TEXT, TEXT_CHECKS, Hit, Subject

__all__ = ["BATCH_CHECKS", "CHECKS", "PARAMS", "PART_PARAMS", "RUN_WITHOUT_TEXT", "TEXT_CHECKS", "Hit", "Subject"]
