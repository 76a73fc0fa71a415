"""The library entry points: check text, bytes or a file and get a Result (frozen data, ``to_dict()``)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable

from . import engine
from .read import MAX_BYTES, ReadError, Source, decode_source, read_path
from .results import Result
from .rulebook import RulePack, load_rules


def check_text(
    text: str,
    path: str = "<text>",
    year: int | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    extend_select: Iterable[str] | None = None,
    rules: RulePack | None = None,
    lang: str = "zh",
    encoding: str | None = None,
    published: datetime.date | None = None,
) -> Result:
    """Check report text. ``select`` replaces the default rule set; ``year`` overrides the report year;
    ``published`` is the date the report was made public, when known (FZ208)."""
    pack = rules or load_rules()
    options = dict(select=select, ignore=ignore, extend_select=extend_select, lang=lang, year=year, published=published)
    return engine.check(Source(text, encoding), path, pack, **options)


def check_bytes(
    data: bytes, path: str = "<bytes>", encoding: str | None = None, max_bytes: int = MAX_BYTES, **kwargs
) -> Result:
    """Decode ``data`` (by ``path``'s suffix a .docx, Markdown or an office file to convert; else BOM,
    UTF-8, GB18030, Big5 unless ``encoding``) and check it; bad or oversized bytes give FZ001."""
    pack = kwargs.pop("rules", None) or load_rules()
    try:
        if len(data) > max_bytes:
            raise ReadError(f"输入过大（超过 {max_bytes} 字节）", f"too large (over {max_bytes} bytes)")
        source: Source | ReadError = decode_source(data, path, encoding, pack.vocabulary)
    except ReadError as e:
        source = e
    return engine.check(source, path, pack, **kwargs)


def check_file(path: str | os.PathLike, encoding: str | None = None, max_bytes: int = MAX_BYTES, **kwargs) -> Result:
    """Read and check one file; a file that cannot be read gives a Result holding FZ001."""
    shown = os.fspath(path)
    pack = kwargs.pop("rules", None) or load_rules()
    try:
        source: Source | ReadError = read_path(shown, encoding, max_bytes, pack.vocabulary)
    except ReadError as e:
        source = e
    return engine.check(source, shown, pack, **kwargs)
