"""Shared fixtures: the repository's folders and the built-in rule pack."""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

import fazhi_check

# CI replays the same examples every run (a red build must mean a regression, not a new random draw);
# runs elsewhere draw new examples and keep what they find in .hypothesis/.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# the tests build their own cache of the rule pack and parser, never touching the user's
os.environ["FAZHI_CHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="fazhi-check-cache-")

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
