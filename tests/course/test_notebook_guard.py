"""nbval guards every answer key: change a key and the chapter's notebook test fails until its
expected self-check output is refreshed on purpose."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def nbval(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval-lax",
            "-q",
            "-p",
            "no:cacheprovider",
            "chapters/01-history.ipynb",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_a_changed_key_fails_the_notebook_test(tmp_path):
    for name in ("chapters", "quizzes", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("_config.yml", "_toc.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    assert nbval(tmp_path).returncode == 0

    key = tmp_path / "quizzes" / "01-history.yml"
    text = key.read_text()
    # a plausible slip: the right answer's date mistyped (the key still loads)
    key.write_text(text.replace("19 October 1950", "19 October 1951", 1))
    changed = nbval(tmp_path)
    assert changed.returncode != 0
    assert "01-history.ipynb" in changed.stdout
