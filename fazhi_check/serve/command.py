"""``fazhi-check serve``: its options, and the service started with uvicorn (the optional extra
``fazhi-check[serve]``)."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from collections.abc import Sequence

from ..arguments import megabytes
from ..batch import cores
from ..datafiles import DataFileError
from .limits import Limits

TOKEN_VARIABLE = "FAZHI_CHECK_TOKEN"


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: '{value}'")
    return int(value)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="fazhi-check serve",
        description="在浏览器中检查报告的网页服务 / a web page and JSON service that checks reports",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument(
        "--config",
        metavar="FILE",
        help="the configuration for every upload (default: the .fazhi-check.yaml of the folder the service starts in)",
    )
    p.add_argument(
        "--workers", type=_count, metavar="N", help="processes that check uploads (default: one per core, at least 2)"
    )
    p.add_argument(
        "--token",
        help=f"an access token that every request must carry (better: set {TOKEN_VARIABLE}, which ps does not show)",
    )
    p.add_argument(
        "--max-upload", type=megabytes, default=Limits.upload, metavar="MB", help="largest request (default 100 MB)"
    )
    p.add_argument(
        "--max-files",
        type=_count,
        default=Limits.files,
        metavar="N",
        help="files checked per request, members of a .zip included (default 100)",
    )
    p.add_argument(
        "--max-size",
        type=megabytes,
        default=Limits.file_size,
        metavar="MB",
        help="largest file; a larger one is a finding (FZ001), as for the command line (default 50 MB)",
    )
    return p


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(argv)
    try:
        import uvicorn

        from .app import Settings, create_app
    except ImportError as e:
        print(
            f"fazhi-check: serve 需要可选组件（缺少 {e.name}），请先安装：pip install 'fazhi-check[serve]'",
            file=sys.stderr,
        )
        return 2
    token = args.token or os.environ.get(TOKEN_VARIABLE) or None
    if not is_loopback(args.host) and not token:
        print(
            f"fazhi-check: 警告：服务对其他计算机开放（{args.host}）却未设访问口令；建议设置 {TOKEN_VARIABLE}",
            file=sys.stderr,
        )
    limits = Limits(upload=args.max_upload, files=args.max_files, file_size=args.max_size)
    settings = Settings(limits=limits, workers=args.workers or max(2, cores()), config_file=args.config, token=token)
    try:
        app = create_app(settings)
    except DataFileError as e:  # the configuration, as the command line reports it
        print(f"fazhi-check: {e.label} {e.path}: at {e.json_path}: {e.message}", file=sys.stderr)
        return 2
    print("fazhi-check: 检查服务正在启动，启动后请在浏览器中打开下面的地址（按 Ctrl+C 停止）", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
