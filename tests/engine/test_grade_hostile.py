"""Hostile and broken submissions: the grader never crashes, never runs anything, never writes
outside its folder, and accounts for every file as graded or rejected with a reason."""

from __future__ import annotations

import csv
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizbook.grade import Options, grade

from .grading import RIGHT, notebook_bytes, response, response_bytes, write_key, write_zip


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def outcome(out: Path) -> tuple[list[dict], list[dict]]:
    return read(out / "received.csv"), read(out / "rejected.csv")


def grade_folder(tmp: Path, files: dict[str, bytes]) -> tuple[list[dict], list[dict]]:
    key = write_key(tmp / "keys")
    subs = tmp / "subs"
    subs.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (subs / name).write_bytes(data)
    out = tmp / "out"
    grade([str(key)], [str(subs)], out, Options(jobs=1, progress=False))
    return outcome(out)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


def mutated_responses():
    """A real response with one field replaced by anything."""
    base = response("ann", RIGHT)
    fields = [*base, "answers.longest", "answers.lakes", "answers.pairs", "answers.capital"]
    return st.tuples(st.sampled_from(fields), json_values).map(lambda fv: _replace(base, *fv))


def _replace(base: dict, field: str, value) -> dict:
    data = json.loads(json.dumps(base))
    if field.startswith("answers."):
        data["answers"][field.split(".")[1]] = value
    else:
        data[field] = value
    return data


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_as_a_response_file(tmp_path_factory, data):
    received, rejected = grade_folder(
        tmp_path_factory.mktemp("b"), {"x.json": data, "y.ipynb": data}
    )
    assert len(received) + len(rejected) == 2
    assert all(r["reason"] for r in rejected)


@SETTINGS
@given(json_values)
def test_any_json_as_a_response_file(tmp_path_factory, value):
    received, rejected = grade_folder(
        tmp_path_factory.mktemp("j"), {"x.json": json.dumps(value).encode()}
    )
    assert len(received) + len(rejected) == 1


@SETTINGS
@given(mutated_responses())
def test_a_response_with_any_field_replaced(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("m")
    received, rejected = grade_folder(tmp, {"x.json": json.dumps(data).encode()})
    assert len(received) + len(rejected) == 1
    if received:
        (row,) = read(tmp / "out" / "rivers" / "grades.csv")
        assert 0 <= float(row["total"]) <= 7


@SETTINGS
@given(st.text(max_size=200))
def test_any_student_name_stays_inside_the_output_folder(tmp_path_factory, name):
    tmp = tmp_path_factory.mktemp("n")
    received, _ = grade_folder(tmp, {"x.json": response_bytes(name, RIGHT)})
    assert len(received) == 1
    inside = {p.resolve() for p in (tmp / "out").rglob("*")}
    assert all(str(p).startswith(str((tmp / "out").resolve())) for p in inside)
    assert {p.name for p in tmp.iterdir()} == {"keys", "subs", "out"}


def test_unknown_questions_duplicates_and_huge_strings(tmp_path):
    odd = response("ann", {**RIGHT, "capital": "x" * 5000})
    odd["answers"]["no-such-question"] = 1
    text = json.dumps(odd)
    duplicated = text[:-1] + ', "answers": {}}'  # a repeated key: JSON takes the last
    received, rejected = grade_folder(
        tmp_path, {"odd.json": text.encode(), "dup.json": duplicated.encode()}
    )
    assert len(received) == 2 and not rejected
    rows = read(tmp_path / "out" / "rivers" / "grades.csv")
    assert "capital: answer unreadable (answer longer than 1000 characters)" in rows[0]["status"]
    assert "1 answer(s) to questions the key does not have ignored" in rows[0]["status"]


def test_deep_nesting_and_bad_encodings(tmp_path):
    files = {
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "latin1.json": '{"student": "Jos\u00e9"}'.encode("latin-1"),
        "bom.json": b"\xef\xbb\xbf" + response_bytes("ann", RIGHT),
        "empty.json": b"",
        "nan.json": response_bytes("nan", RIGHT).replace(b"6650", b"NaN"),
    }
    received, rejected = grade_folder(tmp_path, files)
    reasons = {Path(r["file"]).name: r["reason"] for r in rejected}
    assert reasons["deep.json"] == "JSON nested too deeply"
    assert reasons["latin1.json"].startswith("not UTF-8 text")
    assert reasons["empty.json"].startswith("not JSON")
    assert "bom.json" in reasons and "nan.json" not in reasons
    assert len(received) + len(rejected) == len(files)


def test_an_oversized_file_is_not_read(tmp_path):
    key = write_key(tmp_path / "keys")
    subs = tmp_path / "subs"
    subs.mkdir()
    with open(subs / "huge.json", "wb") as f:
        f.truncate(100 * 1024 * 1024)  # 100 MB, sparse: nothing is really written
    grade([str(key)], [str(subs)], tmp_path / "out", Options(jobs=1, progress=False))
    (row,) = outcome(tmp_path / "out")[1]
    assert row["reason"].startswith("100 MB: larger than any response or notebook")


def test_symlinks_are_not_followed(tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_bytes(response_bytes("ann", RIGHT))
    subs = tmp_path / "subs"
    subs.mkdir()
    os.symlink(secret, subs / "link.json")
    os.symlink(tmp_path, subs / "loop")
    key = write_key(tmp_path / "keys")
    grade([str(key)], [str(subs)], tmp_path / "out", Options(jobs=1, progress=False))
    received, rejected = outcome(tmp_path / "out")
    assert not received
    assert {r["reason"] for r in rejected} == {"a symbolic link: not followed"}
    assert len(rejected) == 2


def test_a_zip_that_escapes_bombs_or_nests(tmp_path):
    zipped = tmp_path / "evil.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("../../escape.json", response_bytes("eve", RIGHT))
        z.writestr("/abs.json", response_bytes("eve", RIGHT))
        z.writestr("bomb.json", b"0" * (30 * 1024 * 1024))
        inner = write_zip(tmp_path / "inner.zip", {"ok.json": response_bytes("ann", RIGHT)})
        z.write(inner, "student-upload.zip")
        link = zipfile.ZipInfo("link.json")
        link.external_attr = 0o120777 << 16
        z.writestr(link, "/etc/passwd")
    key = write_key(tmp_path / "keys")
    out = tmp_path / "out"
    grade([str(key)], [str(zipped)], out, Options(jobs=1, progress=False))
    received, rejected = outcome(out)
    assert [r["student"] for r in received] == ["ann"]
    reasons = {r["file"].split("!")[-1]: r["reason"] for r in rejected}
    assert reasons["../../escape.json"] == "a path that leaves the archive: not read"
    assert reasons["/abs.json"] == "a path that leaves the archive: not read"
    assert reasons["bomb.json"].endswith("a zip bomb, not read")
    assert reasons["link.json"] == "a symbolic link inside the archive: not followed"
    assert not (tmp_path / "escape.json").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil.zip", "inner.zip", "keys", "out"]


def test_an_empty_folder_and_a_missing_one(tmp_path):
    key = write_key(tmp_path / "keys")
    (tmp_path / "empty").mkdir()
    grade(
        [str(key)],
        [str(tmp_path / "empty"), str(tmp_path / "missing")],
        tmp_path / "out",
        Options(jobs=1, progress=False),
    )
    received, rejected = outcome(tmp_path / "out")
    assert not received
    assert rejected == [{"file": str(tmp_path / "missing"), "reason": "no such file or folder"}]


def test_a_notebook_with_two_saves_counts_the_later(tmp_path):
    early = response("ann", {**RIGHT, "delta": False}, saved="2026-12-01T09:00:00Z")
    late = response("ann", RIGHT, saved="2026-12-01T10:00:00Z")
    received, _ = grade_folder(tmp_path, {"ann.ipynb": notebook_bytes([late, early])})
    assert len(received) == 1
    (row,) = read(tmp_path / "out" / "rivers" / "grades.csv")
    assert row["total"] == "7"


@pytest.mark.parametrize("junk", [b"<html>", b"\x00\x01", b'{"cells": 5, "nbformat": 4}'])
def test_broken_notebooks(tmp_path, junk):
    _, rejected = grade_folder(tmp_path, {"nb.ipynb": junk})
    assert rejected[0]["reason"].startswith(("not a notebook", "not UTF-8"))
