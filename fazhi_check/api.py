"""The library entry points: check text, bytes or a file and get a Result (frozen data, ``to_dict()``).

Beyond the text, bytes or file given first, every option is keyword-only and checked before anything runs:
a misspelt keyword is a TypeError, a wrong value a ValueError (or SelectionError) naming the option."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable

from . import engine
from .engine import SelectionError
from .read import MAX_BYTES, ReadError, Source, decode_source, read_path
from .results import Result
from .rulebook import RulePack, load_rules

LANGS = ("zh", "en")
YEARS = (1990, 2099)  # a report year outside these is a typo ("24", "20244")

__all__ = ["SelectionError", "check_bytes", "check_file", "check_text"]


def check_text(
    text: str,
    *,
    path: str = "<text>",
    year: int | str | None = None,
    published: datetime.date | None = None,
    select: Iterable[str] | str | None = None,
    extend_select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    rules: RulePack | None = None,
    lang: str = "zh",
    encoding: str | None = None,
) -> Result:
    """Check report text.

    ``path`` names it in the result; ``year`` overrides the report year (an int, or four digits as
    text); ``published`` is the date it was made public (FZ208); ``select`` replaces the default
    rules, ``extend_select`` adds to them and ``ignore`` leaves rules out (codes, prefixes such as
    "FZ2", names or groups; a string is one selector); ``rules`` is the pack to use (default: the
    built-in one); ``lang`` is the language of messages ("zh" or "en"); ``encoding`` is recorded as
    the text's encoding. Raises TypeError or ValueError for a bad option, SelectionError for a
    selector that names no rule."""
    if not isinstance(text, str):
        raise TypeError(f"text: expected str, got {type(text).__name__}")
    options = _options(year, published, select, extend_select, ignore, rules, lang)
    return _check(Source(text, encoding), path, options)


def check_bytes(
    data: bytes,
    *,
    path: str = "<bytes>",
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    year: int | str | None = None,
    published: datetime.date | None = None,
    select: Iterable[str] | str | None = None,
    extend_select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    rules: RulePack | None = None,
    lang: str = "zh",
) -> Result:
    """Decode ``data`` and check it: by ``path``'s suffix a .docx, Markdown, PDF, web page or an office
    file to convert; else text by BOM, UTF-8, GB18030, Big5 unless ``encoding`` names the codec.
    Bad or oversized (over ``max_bytes``) data gives a Result holding FZ001. The other options are
    check_text's."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data: expected bytes, got {type(data).__name__}")
    options = _options(year, published, select, extend_select, ignore, rules, lang)
    data = bytes(data)
    try:
        if len(data) > max_bytes:
            raise ReadError(f"输入过大（超过 {max_bytes} 字节）", f"too large (over {max_bytes} bytes)")
        source: Source | ReadError = decode_source(data, path, _encoding(encoding), _pack(options).vocabulary)
    except ReadError as e:
        source = e
    return _check(source, path, options)


def check_file(
    path: str | os.PathLike,
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    year: int | str | None = None,
    published: datetime.date | None = None,
    select: Iterable[str] | str | None = None,
    extend_select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    rules: RulePack | None = None,
    lang: str = "zh",
) -> Result:
    """Read and check one file; a file that cannot be read (missing, no permission, damaged, over
    ``max_bytes``) gives a Result holding FZ001 with the reason. The other options are check_bytes's."""
    shown = os.fspath(path)
    options = _options(year, published, select, extend_select, ignore, rules, lang)
    try:
        source: Source | ReadError = read_path(shown, _encoding(encoding), max_bytes, _pack(options).vocabulary)
    except ReadError as e:
        source = e
    return _check(source, shown, options)


def _options(year, published, select, extend_select, ignore, rules, lang) -> dict:
    """The checking options, validated (each fault names its option)."""
    if lang not in LANGS:
        raise ValueError(f"lang: expected 'zh' or 'en', got {lang!r}")
    if published is not None and not isinstance(published, datetime.date):
        raise TypeError(f"published: expected a datetime.date, got {type(published).__name__}")
    if rules is not None and not isinstance(rules, RulePack):
        raise TypeError(f"rules: expected a RulePack (fazhi_check.load_rules()), got {type(rules).__name__}")
    return {
        "year": report_year(year),
        "published": published,
        "select": _selectors("select", select),
        "extend_select": _selectors("extend_select", extend_select),
        "ignore": _selectors("ignore", ignore),
        "rules": rules,
        "lang": lang,
    }


def report_year(year: int | str | None) -> int | None:
    """A report year as given (an int, or its four digits as text); ValueError names a bad one."""
    if year is None:
        return None
    if isinstance(year, bool) or not isinstance(year, (int, str)):
        raise TypeError(f"year: expected an int such as 2024, got {type(year).__name__}")
    text = str(year).strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4 and YEARS[0] <= int(text) <= YEARS[1]):
        raise ValueError(f"year: {year!r} is not a report year (four digits, {YEARS[0]} to {YEARS[1]})")
    return int(text)


def _selectors(name: str, value) -> list[str] | None:
    """Selectors as a list: a string is one selector (not its characters)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name}: expected a code or a list of codes, got {type(value).__name__}") from None
    if not all(isinstance(item, str) for item in items):
        raise TypeError(f"{name}: every selector must be a string, got {items!r}")
    return items


def _encoding(encoding: str | None) -> str | None:
    if encoding is None:
        return None
    import codecs

    try:
        codecs.lookup(encoding)
    except (LookupError, TypeError):
        raise ValueError(f"encoding: unknown encoding {encoding!r}") from None
    return encoding


def _pack(options: dict) -> RulePack:
    return options["rules"] or load_rules()


def _check(source: Source | ReadError, path: str, options: dict) -> Result:
    options = dict(options)
    pack = options.pop("rules", None) or load_rules()
    return engine.check(source, path, pack, **options)
