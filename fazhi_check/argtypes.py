"""Option values the command lines share (the checker's and the service's)."""

from __future__ import annotations

import argparse


def megabytes(value: str) -> int:
    """A size in MB, as bytes."""
    try:
        size = float(value)
    except ValueError:
        size = -1
    if size <= 0:
        raise argparse.ArgumentTypeError(f"not a size in MB: '{value}'")
    return int(size * 1024 * 1024)
