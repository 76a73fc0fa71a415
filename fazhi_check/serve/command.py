"""``fazhi-check serve``: its options, and the service started with uvicorn (the optional extra
``fazhi-check[serve]``)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Sequence

from ..arguments import help_formatter, language, megabytes, told_data_file_error
from ..batch import cores
from ..datafiles import DataFileError
from ..messages import say
from .limits import Limits

TOKEN_VARIABLE = "FAZHI_CHECK_TOKEN"


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise ValueError(value)
    return int(value)


class _Parser(argparse.ArgumentParser):
    lang = "zh"

    def error(self, message: str):  # exit 2, as the checker's own command line does, in the user's language
        self.exit(2, f"fazhi-check serve: {say('bad-arguments', self.lang, detail=message)}\n")


def parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The service's options, their help in ``lang``."""

    def h(key: str, **params) -> str:
        return say(f"serve.{key}", lang, **params).replace("%", "%%")

    p = _Parser(
        prog="fazhi-check serve", description=h("description"), formatter_class=help_formatter(lang), add_help=False
    )
    p.lang = lang
    p._positionals.title, p._optionals.title = say("arguments", lang), say("options", lang)
    p.add_argument("-h", "--help", action="help", help=say("help.help", lang))
    p.add_argument("--host", default="127.0.0.1", help=h("host"))
    p.add_argument("--port", type=int, default=8000, help=h("port"))
    p.add_argument("--config", metavar=say("metavar.file", lang), help=h("config"))
    p.add_argument("--workers", type=_count, metavar="N", help=h("workers"))
    p.add_argument("--token", help=h("token", variable=TOKEN_VARIABLE))
    p.add_argument("--max-upload", type=megabytes, default=Limits.upload, metavar="MB", help=h("max_upload"))
    p.add_argument("--max-files", type=_count, default=Limits.files, metavar="N", help=h("max_files"))
    p.add_argument("--max-size", type=megabytes, default=Limits.file_size, metavar="MB", help=h("max_size"))
    p.add_argument("--lang", choices=("zh", "en"), default=lang, help=say("help.lang", lang))
    return p


def main(argv: Sequence[str]) -> int:
    lang = language(argv)
    args = parser(lang).parse_args(argv)

    def note(key: str, **params) -> None:
        print(f"fazhi-check: {say(key, lang, **params)}", file=sys.stderr)

    try:
        import uvicorn

        from .app import Settings, create_app
    except ImportError as e:
        note("serve.needs-extra", name=e.name or "", command="pip install 'fazhi-check[serve]'")
        return 2
    token = args.token or os.environ.get(TOKEN_VARIABLE) or None
    if not is_loopback(args.host) and not token:
        note("serve.open-without-token", host=args.host, variable=TOKEN_VARIABLE)
    limits = Limits(upload=args.max_upload, files=args.max_files, file_size=args.max_size)
    settings = Settings(limits=limits, workers=args.workers or max(2, cores()), config_file=args.config, token=token)
    try:
        app = create_app(settings)
    except DataFileError as e:  # the configuration, as the command line reports it
        note("serve.bad-config", problem=told_data_file_error(e, lang))
        return 2
    note("serve.starting", stop="Ctrl+C")
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
