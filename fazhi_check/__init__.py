"""fazhi-check: checks 法治政府建设年度报告 against the rules that govern them.

>>> import fazhi_check
>>> result = fazhi_check.check_text(text, path="draft.txt")
>>> result.report_year, result.sections, result.findings
"""

from .api import check_bytes, check_file, check_text
from .config import ConfigError
from .datafiles import DataFileError
from .engine import SelectionError
from .read import ReadError
from .results import Finding, Fix, Result, Section
from .rulebook import Rule, RuleFileError, RulePack, load_rules
from .version import __version__


def __getattr__(name: str):
    """WaiverFileError is imported when asked for: a check reads no waiver file unless told to, and
    the waivers module costs start-up a millisecond and a half."""
    if name == "WaiverFileError":
        from .waivers import WaiverFileError

        return WaiverFileError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def annotate_docx(data: bytes, result: Result, lang: str = "zh") -> bytes:
    """The reviewed copy of a .docx: ``result``'s findings as Word comments, its safe fixes as
    tracked changes (``result`` is what checking these bytes gave)."""
    from .report.docx import annotate

    return annotate(data, result, lang)


__all__ = [
    "ConfigError",
    "DataFileError",
    "Finding",
    "Fix",
    "Result",
    "Rule",
    "RuleFileError",
    "RulePack",
    "Section",
    "SelectionError",
    "ReadError",
    "WaiverFileError",
    "__version__",
    "annotate_docx",
    "check_bytes",
    "check_file",
    "check_text",
    "load_rules",
]
