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
from .waivers import WaiverFileError

__version__ = "0.1.0"
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
    "check_bytes",
    "check_file",
    "check_text",
    "load_rules",
]
