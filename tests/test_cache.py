"""The per-user cache holds data only: JSON that is read, never imported, executed or unpickled; a
damaged, foreign or planted entry is passed over, and a folder that is not the user's own is not used."""

import json
import os
import pickle
import subprocess
import sys

import pytest
from conftest import seed_files

from fazhi_check import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", str(where))
    return where


def test_data_comes_back_as_it_went_in(folder):
    data = {"a": [1, (2, "三")], 4: {"k": None}, (5, 6): True}
    cache.store("thing", [b"source"], data)
    assert cache.load("thing", [b"source"]) == data
    assert cache.load("thing", [b"edited source"]) is None
    (entry,) = folder.iterdir()
    assert entry.suffix == ".json" and folder.stat().st_mode & 0o777 == 0o700


def test_an_edited_source_replaces_its_entry_and_keeps_another_pythons(folder):
    cache.store("thing", [b"one"], [1])
    other_python = folder / "thing_py00_0123456789abcdef.json"
    other_python.write_text("[0]", "utf-8")
    cache.store("thing", [b"two"], [2])
    assert sorted(p.name for p in folder.iterdir() if p.name != other_python.name) == [
        os.path.basename(cache.entry("thing", [b"two"]))
    ]
    assert other_python.exists()


@pytest.mark.parametrize("content", [b"", b"{cut sho", b"\x80\x04\x95pickle", b'{"~items": [[[1], 2]]}', b"\xff\xfe"])
def test_a_damaged_or_foreign_entry_is_passed_over(folder, content):
    cache.store("thing", [b"source"], {"a": 1})
    with open(cache.entry("thing", [b"source"]), "wb") as f:
        f.write(content)
    assert cache.load("thing", [b"source"]) is None


def test_anything_not_plain_data_is_refused_before_a_file_is_written(folder):
    with pytest.raises(TypeError):
        cache.store("thing", [b"source"], {"a": object()})
    assert not folder.exists() or not any(folder.iterdir())


def test_a_folder_open_to_others_or_owned_by_another_user_is_not_used(folder):
    cache.store("thing", [b"source"], [1])
    folder.chmod(0o755)
    assert cache.load("thing", [b"source"]) is None
    cache.store("thing", [b"source"], [1])  # the user's own folder, open to others: closed, then used
    assert folder.stat().st_mode & 0o777 == 0o700 and cache.load("thing", [b"source"]) == [1]
    if os.getuid() == 0:  # root can hand the folder to someone else
        os.chown(folder, 12345, 12345)
        assert cache.load("thing", [b"source"]) is None
        cache.store("thing", [b"new"], [2])
        assert cache.load("thing", [b"new"]) is None


def test_turned_off_or_not_writable(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_CHECK_NO_CACHE", "1")
    assert cache.entry("thing", [b"x"]) is None and cache.load("thing", [b"x"]) is None
    monkeypatch.delenv("FAZHI_CHECK_NO_CACHE")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("FAZHI_CHECK_CACHE_DIR", str(blocked / "cache"))
    cache.store("thing", [b"x"], 6)  # passed over, no error
    assert cache.load("thing", [b"x"]) is None


def _check(env):
    seed = str(seed_files()[1])
    command = [sys.executable, "-m", "fazhi_check", "--isolated", "--format", "json", seed]
    return subprocess.run(command, env=env, capture_output=True, text=True)


def test_runs_leave_only_json_and_planted_code_never_runs(tmp_path):
    """Two runs fill the cache with JSON only. Then every entry is replaced by something that would run
    code if it were imported or unpickled, beside a planted module and pickle: the next run reads none
    of it as code, rebuilds, and reports exactly what a run without a cache reports."""
    where = tmp_path / "cache"
    env = {**os.environ, "FAZHI_CHECK_CACHE_DIR": str(where)}
    first, second = _check(env), _check(env)
    assert {p.suffix for p in where.iterdir()} == {".json"}, list(where.iterdir())
    marker = tmp_path / "ran"
    payload = f"open({str(marker)!r}, 'w').write('pwned')"

    class Evil:
        def __reduce__(self):
            return (exec, (payload,))

    for entry in where.iterdir():
        entry.write_bytes(pickle.dumps(Evil()))
        (where / (entry.stem + ".py")).write_text(payload, "utf-8")
        (where / (entry.stem + ".pickle")).write_bytes(pickle.dumps(Evil()))
    third = _check(env)
    plain = _check({**env, "FAZHI_CHECK_NO_CACHE": "1"})
    assert not marker.exists()
    assert first.stdout == second.stdout == third.stdout == plain.stdout and '"FZ201"' in plain.stdout
    assert third.stderr == "" and first.returncode == third.returncode == 1
    assert all(json.loads(p.read_text("utf-8")) is not None for p in where.glob("*.json"))


_COUNTING = (
    "import sys\nfrom fazhi_check import literals\nread = []\nplain = literals._read\n"
    "literals._read = lambda p, f: read.append(p) or plain(p, f)\n"
    "from fazhi_check.cli import command\nsys.argv = ['fazhi-check', sys.argv[1]]\ncode = command()\n"
    "print(code, len(read), file=sys.stderr)"
)


def test_a_second_run_reads_no_patterns_literals_and_finds_the_same(tmp_path):
    """The first run keeps what it read of its patterns' literals; the next one parses none of them."""
    env = {**os.environ, "FAZHI_CHECK_CACHE_DIR": str(tmp_path / "cache")}
    seed = str(seed_files()[1])
    runs = [subprocess.run([sys.executable, "-c", _COUNTING, seed], env=env, capture_output=True, text=True)]
    runs.append(subprocess.run([sys.executable, "-c", _COUNTING, seed], env=env, capture_output=True, text=True))
    (first_code, first_read), (second_code, second_read) = (map(int, r.stderr.split()) for r in runs)
    assert first_read > 20 and second_read == 0
    assert first_code == second_code == 1 and runs[0].stdout == runs[1].stdout
    assert any(p.name.startswith("literals_") for p in (tmp_path / "cache").iterdir())


def test_learned_literals_of_the_wrong_shape_are_passed_over():
    from fazhi_check import literals

    literals.learn([("甲(?:乙|丙)", 0, (("甲",), ("乙", "丙"))), ("x", "0", None), ("y", 0, ((1,),)), ("z", 0, ("z",))])
    literals.learn({"not": "a list"})
    assert literals._known[("甲(?:乙|丙)", 0)] == (("甲",), ("乙", "丙"))
    assert ("x", "0") not in literals._known and ("y", 0) not in literals._known and ("z", 0) not in literals._known


def test_kept_literals_are_keyed_by_the_rules_and_the_code_that_reads_them():
    from pathlib import Path

    from fazhi_check import literals, rulebook

    sources = rulebook._literal_sources()
    assert sources[-1] == Path(literals.__file__).read_bytes()
    assert sources[:-1] == [data for _, data in rulebook.builtin_files()]
