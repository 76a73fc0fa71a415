"""Shared fixtures: the repository's folders and the built-in rule pack."""

from pathlib import Path

import pytest

import fazhi_check

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def pack():
    return fazhi_check.load_rules()


def seed_files():
    return sorted(SEEDS.glob("*.txt"))


def run(capsys, *argv):
    """The command line run in-process: (exit status, stdout, stderr)."""
    from fazhi_check.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
