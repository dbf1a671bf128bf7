"""A response file: one student's answers to one quiz, as the live and static quizzes save it.

    {"format": "quizbook-response/2", "quiz": "history", "quiz_hash": "sha256:…",
     "student": "s1234567", "saved": "2026-11-28T12:00:00Z",
     "answers": {"question-id": <final answer, shaped as score.py describes>},
     "checks": {"question-id": <how many times the student pressed Check>},
     "first": {"question-id": <the answer at the first Check>}}

`quiz_hash` is the key's content hash when the answers were given, so grading against a
changed key can be flagged. Version 1 files have no `checks` and `first`: they still read,
as responses whose first attempts are unknown.

`read_response` is what a grader uses on a file it received: it checks the shape by hand
(no model per file) and says in one line what is wrong with a file that is not a response.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .files import write_atomic

FORMAT = "quizbook-response/2"
# The media type under which the live quiz leaves a saved response in the notebook itself.
MEDIA_TYPE = "application/vnd.quizbook.response+json"
FORMATS = ("quizbook-response/1", FORMAT)
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
HASH = re.compile(r"^sha256:[0-9a-f]{16}$")
MAX_STUDENT = 200
MAX_QUESTIONS = 1000


class Response(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["quizbook-response/1", "quizbook-response/2"] = FORMAT
    quiz: str = Field(pattern=ID.pattern, max_length=64)
    quiz_hash: str = Field(pattern=HASH.pattern)
    student: str = Field("", max_length=MAX_STUDENT)
    saved: str = Field(description="When the file was written, ISO 8601 UTC.")
    answers: dict[str, Any] = Field(
        description="Final answers by question id; a question left blank is absent or null."
    )
    checks: dict[str, int] = Field(
        {}, description="How many times each question was checked (version 2)."
    )
    first: dict[str, Any] = Field(
        {}, description="The answer each question had when first checked (version 2)."
    )
    order: Literal["key", "listed"] = Field(
        "key",
        description="How ordering and matching answers count items: by the key's order, or"
        " (an assessed page, which must not show the key's order) by the order the page"
        " lists them, the question's `listed()` (version 2).",
    )


class ResponseError(ValueError):
    """A file that is not a readable response; the message says why, in one line."""


def read_response(data: bytes) -> dict:
    """A received file's bytes as a response dict, or `ResponseError`. Answers are not
    checked against any key here: the grader does that per question."""
    try:
        value = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise ResponseError(f"not UTF-8 text (byte {err.start})") from None
    except RecursionError:
        raise ResponseError("JSON nested too deeply") from None
    except ValueError as err:
        raise ResponseError(f"not JSON: {str(err).split(':')[0]}") from None
    return check_response(value)


def check_response(value) -> dict:
    """`value` if it has a response's shape, else `ResponseError` naming the field."""
    if not isinstance(value, dict):
        raise ResponseError("not a response: expected a JSON object")
    fmt = value.get("format", "quizbook-response/1")
    if fmt not in FORMATS:
        raise ResponseError(f"format: unknown format {str(fmt)[:60]!r}")
    extra = set(value) - set(Response.model_fields)
    if extra:
        raise ResponseError(f"unknown field {sorted(extra)[0][:60]!r}")
    _need(value, "quiz", lambda v: isinstance(v, str) and ID.match(v), "a quiz id")
    _need(value, "quiz_hash", lambda v: isinstance(v, str) and HASH.match(v), "a key hash")
    _need(value, "saved", lambda v: isinstance(v, str) and len(v) <= 40, "a time")
    student = value.get("student", "")
    if not isinstance(student, str) or len(student) > MAX_STUDENT:
        raise ResponseError(f"student: expected text of at most {MAX_STUDENT} characters")
    for field in ("answers", "checks", "first"):
        _check_map(value, field, required=field == "answers")
    if any(not _count(v) for v in value.get("checks", {}).values()):
        raise ResponseError("checks: expected a count (a whole number, 0 or more)")
    if value.get("order", "key") not in ("key", "listed"):
        raise ResponseError("order: expected 'key' or 'listed'")
    return value


def _need(value: dict, field: str, ok, what: str) -> None:
    if field not in value:
        raise ResponseError(f"missing field '{field}'")
    if not ok(value[field]):
        raise ResponseError(f"{field}: expected {what}, got {json.dumps(value[field])[:40]}")


def _check_map(value: dict, field: str, required: bool) -> None:
    if field not in value:
        if required:
            raise ResponseError(f"missing field '{field}'")
        return
    mapping = value[field]
    if not isinstance(mapping, dict):
        raise ResponseError(f"{field}: expected an object of question ids")
    if len(mapping) > MAX_QUESTIONS:
        raise ResponseError(f"{field}: more than {MAX_QUESTIONS} questions")
    bad = next((k for k in mapping if not ID.match(k)), None)
    if bad is not None:
        raise ResponseError(f"{field}: {bad[:40]!r} is not a question id")


def _count(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 1_000_000


def make_response(
    quiz,
    answers: dict,
    student: str = "",
    saved: str | None = None,
    checks: dict[str, int] | None = None,
    first: dict | None = None,
) -> dict:
    """A response to write. With `checks` (and `first`), a version 2 response that records
    attempts; without, version 1."""
    saved = saved or datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    response = Response(
        format=FORMAT if checks is not None else FORMATS[0],
        quiz=quiz.id,
        quiz_hash=quiz.content_hash(),
        student=student,
        saved=saved,
        answers={qid: a for qid, a in answers.items() if a is not None},
        checks={qid: n for qid, n in (checks or {}).items() if n},
        first={qid: a for qid, a in (first or {}).items() if a is not None},
    )
    exclude = set() if checks is not None else {"checks", "first"}
    return response.model_dump(mode="json", exclude=exclude)


def write_json_atomic(path: str | Path, data: dict) -> Path:
    """A response file, written whole or not at all."""
    return write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def json_schema() -> dict:
    schema = Response.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "quizbook-response.schema.json"
    return schema
