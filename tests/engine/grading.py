"""A course-free answer key and ways to make submissions for it, shared by the grading tests."""

from __future__ import annotations

import json
import textwrap
import zipfile
from pathlib import Path

from quizbook import parse_quiz
from quizbook.response import MEDIA_TYPE, make_response

KEY = textwrap.dedent("""\
    id: rivers
    title: Rivers
    mode: practice
    questions:
      - id: longest
        type: single
        prompt: Which river do most atlases list as the longest in Africa?
        choices:
          - text: The Nile
            correct: true
          - text: The Congo
            feedback: The Congo is the deepest, not the longest.
          - text: The Niger
        explanation: Most atlases give the Nile about 6,650 km.
      - id: lakes
        type: multiple
        prompt: Which lakes feed the Nile?
        choices:
          - {text: Lake Victoria, correct: true}
          - {text: Lake Tana, correct: true}
          - {text: Lake Chad}
      - id: delta
        type: truefalse
        prompt: "True or false: the Nile ends in a delta."
        answer: true
      - id: length
        type: numeric
        prompt: How long is the Nile, in kilometres?
        answer: 6650
        tolerance: 100
      - id: capital
        type: text
        prompt: Name the city at the head of the delta.
        accepted: [Cairo]
      - id: north
        type: ordering
        prompt: From south to north.
        items: [Khartoum, Aswan, Cairo]
      - id: pairs
        type: matching
        prompt: Match each river to its sea.
        pairs:
          - {left: Nile, right: Mediterranean}
          - {left: Congo, right: Atlantic}
    """)
RIGHT = {
    "longest": 0,
    "lakes": [0, 1],
    "delta": True,
    "length": 6650,
    "capital": "Cairo",
    "north": [0, 1, 2],
    "pairs": [0, 1],
}


def quiz():
    return parse_quiz(KEY)


def write_key(folder: Path, text: str = KEY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rivers.yml"
    path.write_text(text, encoding="utf-8")
    return path


def response(student: str, answers: dict, saved: str = "2026-12-01T10:00:00Z", **extra) -> dict:
    return make_response(quiz(), answers, student=student, saved=saved, **extra)


def response_bytes(student: str, answers: dict, **kw) -> bytes:
    return json.dumps(response(student, answers, **kw)).encode()


def notebook_bytes(responses: list[dict], extra_outputs: list[dict] = ()) -> bytes:
    """A saved notebook whose quiz cell carries the given responses as display outputs."""
    outputs = [
        {
            "output_type": "display_data",
            "data": {MEDIA_TYPE: r, "text/plain": "saved"},
            "metadata": {},
        }
        for r in responses
    ]
    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "source": "quiz = quizbook.show('rivers.yml')",
        "outputs": [*outputs, *extra_outputs],
    }
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    return json.dumps(nb).encode()


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path
