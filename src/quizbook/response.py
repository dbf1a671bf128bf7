"""A response file: one student's answers to one quiz, as the live and static quizzes save it.

    {"format": "quizbook-response/1", "quiz": "history", "quiz_hash": "sha256:…",
     "student": "s1234567", "saved": "2026-11-28T12:00:00Z",
     "answers": {"question-id": <answer, shaped as score.py describes>}}

`quiz_hash` is the key's content hash when the answers were given, so grading against a
changed key can be flagged.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT = "quizbook-response/1"


class Response(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["quizbook-response/1"] = FORMAT
    quiz: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    quiz_hash: str = Field(pattern=r"^sha256:[0-9a-f]{16}$")
    student: str = Field("", max_length=200)
    saved: str = Field(description="When the file was written, ISO 8601 UTC.")
    answers: dict[str, Any] = Field(
        description="Answers by question id; a question left blank is absent or null."
    )


def make_response(quiz, answers: dict, student: str = "", saved: str | None = None) -> dict:
    saved = saved or datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    response = Response(
        quiz=quiz.id,
        quiz_hash=quiz.content_hash(),
        student=student,
        saved=saved,
        answers={qid: a for qid, a in answers.items() if a is not None},
    )
    return response.model_dump(mode="json")


def write_json_atomic(path: str | Path, data: dict) -> Path:
    """Write the whole file or nothing: a temporary file renamed into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def json_schema() -> dict:
    schema = Response.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "quizbook-response.schema.json"
    return schema
