"""The web service: ``GET /`` the page, ``POST /api/check`` the JSON of ``fazhi-check --format json``,
``POST /api/report`` what the page shows (progress as each file is checked, then the HTML report, the
reviewer's table and CSV), ``POST /api/reviewed`` the reviewed Word copy. Uploads are read in memory
and checked in worker processes; nothing is written or kept."""

from __future__ import annotations

import asyncio
import datetime
import hmac
import json
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from html import escape
from importlib import resources
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from .. import engine, runner
from ..config import Resolver
from ..read import CONVERTIBLE, ReadError
from ..report import tables
from ..report.html import format_html, verdict
from ..report.text import format_json
from ..results import Result
from ..rulebook import load_rules
from ..version import __version__
from . import workers
from .limits import Limits, Refused, Upload, expand, shown_name, too_many

log = logging.getLogger(__name__)
WORD_SUFFIXES = (".docx", *CONVERTIBLE)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
_HEADERS = {"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


@dataclass(frozen=True)
class Settings:
    """How the service runs: its limits, worker processes, configuration file and access token."""

    limits: Limits = Limits()
    workers: int = 2
    config_file: str | None = None
    token: str | None = None


class _TooLarge(Exception):
    pass


class _BodyLimit:
    """Counts the bytes of each request body as they arrive; past ``limit`` reading it raises _TooLarge,
    which the handler turns into a refusal (a body without Content-Length is bounded too)."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        received = 0

        async def limited():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise _TooLarge
            return message

        await self.app(scope, limited, send)


def create_app(settings: Settings) -> _BodyLimit:
    """The ASGI application; its worker processes start (and are ready) before it takes requests."""
    checker = workers.Checker(settings.workers, settings.config_file)
    resolver = Resolver(load_rules(), settings.config_file)
    resolver.options("-")  # a bad configuration fails here, at start, as the command line would
    limits = settings.limits

    @asynccontextmanager
    async def lifespan(app) -> AsyncIterator[None]:
        await checker.start()
        try:
            yield
        finally:
            checker.close()

    def refusal(zh: str, en: str, status: int = 400) -> JSONResponse:
        return JSONResponse({"error": zh, "error_en": en}, status, headers=_HEADERS)

    def allowed(request: Request) -> bool:
        if not settings.token:
            return True
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), settings.token.encode())

    async def read_form(request: Request) -> tuple[list[tuple[str, bytes]], dict[str, str]]:
        """The uploaded files (shown name, bytes) and the form's other fields; raises Refused."""
        if not allowed(request):
            raise Refused("访问口令不正确或未填写", "a valid access token is required", 401)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limits.upload:
            raise _TooLarge
        files, fields = [], {}
        async with request.form(max_files=limits.files, max_fields=20, max_part_size=64 * 1024) as form:
            for key, value in form.multi_items():
                if key == "file" and isinstance(value, UploadFile):
                    files.append((shown_name(value.filename), await value.read()))
                elif isinstance(value, str):
                    fields[key] = value.strip()
        if not files:
            raise Refused("没有收到文件：请选择要检查的报告", "no file received: send one or more 'file' fields")
        return files, fields

    async def check_all(uploads: list[Upload], job: runner.Job) -> list[Result]:
        results = await asyncio.gather(*(check_one(u, job) for u in uploads))
        return _waived(list(results), resolver, job.lang)

    async def check_one(upload: Upload, job: runner.Job) -> Result:
        try:
            return await checker.call(workers.check, replace(job, stdin_name=upload.name), upload.data)
        except workers.WorkerLost:
            failure = ReadError("检查此文件时检查进程意外退出（文件可能过大或已损坏）", "the checking process died")
        except Exception as e:  # a fault of fazhi-check's own: this file gets FZ001, the server's log the traceback
            log.exception("checking %s failed", upload.name)
            failure = ReadError(f"检查此文件时出错（{type(e).__name__}）", f"checking it failed ({type(e).__name__})")
        options = resolver.options("-")  # the configured FZ001, as a file the command line cannot read gets
        return engine.check(failure, upload.name, options.pop("rules"), lang=job.lang, **options)

    async def guarded(request: Request, handle) -> Response:
        """``handle(files, job, fields)`` on the request's form; each refusal a clear message, not a server error."""
        try:
            files, fields = await read_form(request)
            return await handle(files, _job(fields, limits), fields)
        except Refused as e:
            return refusal(e.reason, e.reason_en, e.status)
        except _TooLarge:
            mb = limits.upload // (1024 * 1024)
            return refusal(f"上传内容超过 {mb} MB 上限", f"the upload is over the {mb} MB limit", 413)
        except HTTPException as e:  # the multipart parser's refusals
            if str(e.detail).startswith("Too many files"):
                return refusal(*too_many(limits.files), 413)
            return refusal(f"上传内容无法读取或超出限制（{e.detail}）", f"the upload cannot be read: {e.detail}")

    async def page(request: Request) -> Response:
        shown = {"token": bool(settings.token), "upload": limits.upload, "files": limits.files}
        html = _resource("page.html").replace("{{settings}}", escape(json.dumps(shown)))
        html = html.replace("{{version}}", escape(__version__))
        return Response(html, media_type="text/html; charset=utf-8", headers=_HEADERS)

    async def script(request: Request) -> Response:
        return Response(_resource("page.js"), media_type="text/javascript; charset=utf-8", headers=_HEADERS)

    async def api_check(request: Request) -> Response:
        async def handle(files, job, fields):
            uploads, _ = expand(files, limits)
            results = await check_all(sorted(uploads, key=lambda u: u.name), job)
            body = format_json(results, __version__)
            return Response(body, media_type="application/json; charset=utf-8", headers=_HEADERS)

        return await guarded(request, handle)

    async def api_report(request: Request) -> Response:
        async def handle(files, job, fields):
            uploads, skipped = expand(files, limits)
            uploads.sort(key=lambda u: u.name)
            return StreamingResponse(
                _progress(uploads, skipped, replace(job, keep_document=True)),
                media_type="application/x-ndjson; charset=utf-8",
                headers=_HEADERS,
            )

        return await guarded(request, handle)

    async def _progress(uploads: list[Upload], skipped: list[str], job: runner.Job) -> AsyncIterator[str]:
        """One line as each file is checked ({"done", "total"}), then {"report": ...}. A page that goes
        away takes its files still waiting for a worker with it."""
        total = len(uploads)
        yield _line({"done": 0, "total": total})
        tasks = [asyncio.ensure_future(check_one(u, job)) for u in uploads]
        try:
            for done, task in enumerate(asyncio.as_completed(tasks), 1):
                await task
                yield _line({"done": done, "total": total})
        finally:
            for task in tasks:
                task.cancel()
        results = _waived([t.result() for t in tasks], resolver, job.lang)
        report = await asyncio.to_thread(_report, results, uploads, skipped, resolver, job.lang)
        yield _line({"report": report})

    async def api_reviewed(request: Request) -> Response:
        async def handle(files, job, fields):
            uploads, _ = expand(files[:1], limits)  # one file; for a .zip, its member named by "member"
            member = fields.get("member") or None
            chosen = [u for u in uploads if u.member == member]
            if member is not None and not chosen:
                return refusal(f"压缩包中没有此文件：{member}", f"the archive holds no file named {member}")
            if len(chosen) != 1 or not chosen[0].name.lower().endswith(WORD_SUFFIXES):
                return refusal("批注版只能为 Word 或 WPS 文件生成", "a reviewed copy is made for Word files only")
            data, why = await checker.call(workers.reviewed, replace(job, stdin_name=chosen[0].name), chosen[0].data)
            if data is None:
                return refusal(f"无法生成批注版：{why[0]}", f"no reviewed copy: {why[1]}", 422)
            name = re.sub(r"\.[^.]*$", "", chosen[0].name.rsplit("/", 1)[-1]) + "（审阅）.docx"
            disposition = f"attachment; filename=\"reviewed.docx\"; filename*=UTF-8''{quote(name)}"
            return Response(data, media_type=DOCX_TYPE, headers={**_HEADERS, "Content-Disposition": disposition})

        return await guarded(request, handle)

    routes = [
        Route("/", page),
        Route("/page.js", script),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/report", api_report, methods=["POST"]),
        Route("/api/reviewed", api_reviewed, methods=["POST"]),
    ]
    return _BodyLimit(Starlette(routes=routes, lifespan=lifespan), limits.upload)


def _job(fields: dict[str, str], limits: Limits) -> runner.Job:
    """The checking options of the form's fields: year, published, lang."""
    year, published, lang = fields.get("year", ""), fields.get("published", ""), fields.get("lang", "") or "zh"
    if year and not re.fullmatch(r"(19|20|21)\d\d", year):
        raise Refused(f"报告年度应为四位年份（如 2024），收到“{year}”", f"year must be like 2024, not '{year}'")
    try:
        date = datetime.date.fromisoformat(published) if published else None
    except ValueError:
        zh = f"公开日期应写作 年-月-日（如 2025-03-20），收到“{published}”"
        raise Refused(zh, f"published must be YYYY-MM-DD, not '{published}'") from None
    if lang not in ("zh", "en"):
        raise Refused(f"语言只能是 zh 或 en，收到“{lang}”", f"lang must be zh or en, not '{lang}'")
    return runner.Job(
        year=int(year) if year else None,
        published=date,
        lang=lang,
        max_size=limits.file_size,
    )


def _waived(results: list[Result], resolver: Resolver, lang: str) -> list[Result]:
    """The configuration's waivers applied over the request, as the command line applies them over a run."""
    return runner.waive(results, None, resolver, lang) if resolver.config("-").waivers else results


def _report(results: list[Result], uploads: list[Upload], skipped: list[str], resolver: Resolver, lang: str) -> dict:
    """What the page shows: the HTML report, each file's verdict and whether it has a reviewed Word copy,
    and for several files the reviewer's table and its CSV."""
    by_name = {u.name: u for u in uploads}
    files = []
    for result in results:
        upload = by_name[result.path]
        counts = {s: sum(1 for f in result.findings if f.severity == s) for s in ("error", "warning", "info")}
        files.append(
            {
                "name": result.path,
                "verdict": verdict(result),
                **counts,
                "upload": upload.upload,
                "member": upload.member,
                "word": result.path.lower().endswith(WORD_SUFFIXES)
                and not any(f.code == "FZ001" for f in result.findings),
            }
        )
    several = len(results) > 1
    return {
        "html": format_html(results, resolver.pack.rules, __version__, lang),
        "files": files,
        "table": [list(row) for row in tables.rows(results, resolver.pack.vocabulary, lang)] if several else None,
        "csv": tables.format_csv(results, resolver.pack.vocabulary, lang) if several else None,
        "skipped": skipped,
    }


def _line(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"


def _resource(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text("utf-8")
