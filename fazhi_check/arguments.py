"""The command line's options: argv -> settings, with the help and every complaint in the user's language
(``--lang``, read before the rest). argparse builds and parses; its own words (which change between
Python versions) never reach the user: values are checked by our own type functions, abbreviations
are off, and each error argparse raises is told again from what it is about."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from collections.abc import Sequence

from . import batch, budget
from .messages import say
from .read import MAX_BYTES
from .version import __version__

TYPE_CHECKING = False  # typing costs a run's start-up 2 ms: its names are for the type checker only
if TYPE_CHECKING:
    from typing import Any

FORMATS = ("text", "json", "sarif", "github", "summary", "csv", "html")
YEARS = (1990, 2099)  # a report year outside these is a typo ("24", "20244")


class UsageError(Exception):
    """The command line is wrong: the message says how, in the user's language (exit 2)."""


_LABELS = {"bad configuration": "config", "bad waiver file": "waivers", "bad rule file": "rules"}


def told_data_file_error(e, lang: str) -> str:
    """A rule, configuration or waiver file's fault (a DataFileError), told in ``lang``."""
    import re

    from .report.escape import shown

    label = say(f"label.{_LABELS.get(e.label, 'file')}", lang)
    message = e.message if lang == "en" else getattr(e, "message_zh", None) or e.message
    where = e.json_path if lang == "en" else re.sub(r"^line (\d+), column (\d+)$", r"第\1行第\2列", e.json_path)
    return say("data-file", lang, label=label, path=shown(e.path), where=where, message=message)


def language(argv: Sequence[str]) -> str:
    """The --lang given (zh unless "en"), found before parsing so that help and errors use it."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "zh"


class _Formatter(argparse.HelpFormatter):
    lang = "zh"

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width=None) -> None:
        # the width argparse would ask shutil for (importing shutil costs every run 2 ms)
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, say("usage", self.lang))


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` tells it: $COLUMNS, the terminal, or 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def help_formatter(lang: str) -> Any:
    """An argparse formatter whose usage line starts in ``lang`` (用法：)."""
    return type("Formatter", (_Formatter,), {"lang": lang})


class _Parser(argparse.ArgumentParser):
    lang = "zh"
    problems: dict[str, str]  # option -> what our type function found wrong with its value

    def error(self, message: str):  # argparse's own words, where it still calls error()
        raise UsageError(say("bad-arguments", self.lang, detail=message))


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The settings ``argv`` asks for; raises UsageError. --help and --version print and exit."""
    lang = language(argv)
    parser = build(lang)
    try:
        args, extra = parser.parse_known_args(argv)
    except argparse.ArgumentError as e:
        raise UsageError(_told(e, parser)) from None
    if extra:
        raise UsageError(say("unknown-option", lang, options=" ".join(extra)))
    args.lang = lang if args.lang is None else args.lang
    return args


def _told(e: argparse.ArgumentError, parser) -> str:
    """An argparse error, told from what it is about rather than from argparse's wording."""
    lang, name = parser.lang, e.argument_name or ""
    action = next((a for a in parser._actions if a.option_strings and "/".join(a.option_strings) == name), None)
    if action is None:
        return say("bad-arguments", lang, detail=str(e))
    option = action.option_strings[-1]
    if option in parser.problems:  # our type function refused the value
        return say("bad-value", lang, option=option, problem=parser.problems[option])
    return say("needs-value" if action.nargs != 0 else "takes-no-value", lang, option=option)


def _typed(parser: _Parser, option: str, check):
    """A type function for ``option`` that keeps its complaint, in the parser's language, for _told."""

    def convert(value: str):
        try:
            return check(value)
        except ValueError as e:
            problem = say(str(e), parser.lang, value=value, low=YEARS[0], high=YEARS[1], choices=", ".join(FORMATS))
            parser.problems[option] = problem
            raise argparse.ArgumentTypeError(problem) from None

    return convert


def _codes(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def megabytes(value: str) -> int:
    """A size in MB, as bytes; ValueError("value.size") otherwise (the service's options use it too)."""
    try:
        size = float(value)
    except ValueError:
        size = -1
    if not size > 0:
        raise ValueError("value.size")
    return int(size * 1024 * 1024)


def _memory(value: str) -> int | None:
    try:
        return None if float(value) == 0 else megabytes(value)
    except ValueError:
        raise ValueError("value.size") from None


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1
    if not seconds >= 0 or seconds == float("inf"):
        raise ValueError("value.seconds")
    return seconds or None


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise ValueError("value.jobs")
    return int(value)


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError("value.date") from None


def year(value: str | int) -> int:
    """A four-digit report year within YEARS; ValueError("value.year") otherwise."""
    text = str(value).strip()
    if not (text.isdigit() and text.isascii() and len(text) == 4 and YEARS[0] <= int(text) <= YEARS[1]):
        raise ValueError("value.year")
    return int(text)


def _format(value: str) -> str:
    if value not in FORMATS:
        raise ValueError("value.format")
    return value


def _lang(value: str) -> str:
    if value not in ("zh", "en"):
        raise ValueError("value.lang")
    return value


def build(lang: str = "zh") -> argparse.ArgumentParser:
    """The parser, its help in ``lang``."""

    def h(key: str, **params) -> str:
        return say(f"help.{key}", lang, **params).replace("%", "%%")

    def m(key: str) -> str:
        return say(f"metavar.{key}", lang)

    formatter: Any = help_formatter(lang)
    p = _Parser(
        prog="fazhi-check",
        description=say("help.description", lang),
        epilog=say("help.epilog", lang),
        formatter_class=formatter,
        add_help=False,
        allow_abbrev=False,
        exit_on_error=False,
    )
    p.lang, p.problems = lang, {}
    p._positionals.title = say("arguments", lang)
    p._optionals.title = say("options", lang)

    def option(*names, check=None, help=None, **kwargs):
        if check is not None:
            kwargs["type"] = _typed(p, names[-1], check)
        p.add_argument(*names, help=help or h(names[-1].lstrip("-").replace("-", "_")), **kwargs)

    p.add_argument("paths", nargs="*", metavar=m("paths"), help=h("paths"))
    option("-h", "--help", action="help")
    option("--version", action="version", version=f"fazhi-check {__version__}")
    option("--format", check=_format, default="text", metavar=m("format"))
    option("--outline", action="store_true")
    option("--statistics", action="store_true")
    option("--show-info", action="store_true")
    option("--select", check=_codes, action="extend", metavar=m("codes"))
    option("--extend-select", check=_codes, action="extend", default=[], metavar=m("codes"))
    option("--ignore", check=_codes, action="extend", default=[], metavar=m("codes"))
    option("--encoding", metavar=m("encoding"))
    option("--exclude", action="append", default=[], metavar=m("glob"))
    option("--stdin-filename", metavar=m("name"))
    option("--max-size", check=megabytes, default=MAX_BYTES, metavar=m("megabytes"))
    option(
        "--timeout",
        check=_seconds,
        default=budget.DEFAULT_SECONDS,
        metavar=m("seconds"),
        help=h("timeout", seconds=budget.DEFAULT_SECONDS),
    )
    option(
        "--max-memory",
        check=_memory,
        default=budget.DEFAULT_MEMORY,
        metavar=m("megabytes"),
        help=h("max_memory", megabytes=budget.DEFAULT_MEMORY // 1024**2),
    )
    option("--debug", action="store_true")
    option("--rules", action="append", default=[], metavar=m("folder"))
    option("--year", check=year, metavar=m("year"))
    option("--published", check=_date, metavar=m("date"))
    option("--lang", check=_lang, default=None, metavar=m("lang"))
    option("--strict", action="store_true")
    option("--quiet", action="store_true")
    option("--exit-zero", action="store_true")
    option("-o", "--output", metavar=m("file"))
    option("--fix", action="store_true")
    option("--diff", action="store_true")
    option("--annotate", metavar=m("folder"))
    option("--config", metavar=m("file"))
    option("--isolated", action="store_true")
    option("--show-config", action="store_true")
    option("--waivers", metavar=m("file"))
    option("--add-waivers", metavar=m("file"))
    option("-j", "--jobs", check=_jobs, metavar=m("jobs"), help=h("jobs", count=batch.PARALLEL_FROM))
    option("--list-rules", action="store_true")
    option("--test-rules", metavar=m("folder"))
    option("--explain", metavar=m("code"))
    return p
