"""Going live from the book: one setting, `repository.url`, turns the launch buttons on.

A small book is built with the course's own configuration, extensions and templates, once
as the repository ships it (no address: no launch button, no crash) and once as a publisher
would set it. Both times every chapter page offers its notebook for download.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
REPOSITORY = "https://github.com/example-org/example-course"


def build_small_book(tmp_path: Path, repository_url: str, hub: str = "") -> Path:
    yaml = YAML()
    config = yaml.load((ROOT / "_config.yml").read_text())
    config["repository"]["url"] = repository_url
    config["launch_buttons"]["jupyterhub_url"] = hub
    config["execute"]["execute_notebooks"] = "off"
    with open(tmp_path / "_config.yml", "w") as f:
        yaml.dump(config, f)
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/intro\nchapters:\n  - file: chapters/demo\n"
    )
    for folder in ("_ext", "_templates"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "references.bib", tmp_path)
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    (chapters / "intro.md").write_text("# A small book\n\nAn introduction.\n")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Demo chapter\n\nSome prose."),
        nbformat.v4.new_code_cell("print(1 + 1)"),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    notebook.metadata["language_info"] = {"name": "python"}
    nbformat.write(notebook, chapters / "demo.ipynb")
    done = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(tmp_path), "--warningiserror", "--nitpick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return tmp_path / "_build" / "html" / "chapters" / "demo.html"


@pytest.mark.parametrize("hub", ["", "https://hub.example.edu"])
def test_a_repository_address_gives_launch_buttons(tmp_path, hub):
    page = build_small_book(tmp_path, REPOSITORY, hub).read_text()
    binder = "https://mybinder.org/v2/gh/example-org/example-course/main?urlpath=lab/tree/"
    assert binder + "chapters/demo.ipynb" in page
    assert ("https://hub.example.edu/hub/user-redirect/git-pull?" in page) == bool(hub)
    assert "colab.research.google.com" not in page, "Colab opens a chapter without its course"
    assert "_sources/chapters/demo.ipynb" in page, "the download button offers the notebook"


def test_without_an_address_there_is_no_launch_button(tmp_path):
    page = build_small_book(tmp_path, "").read_text()
    assert "mybinder.org" not in page and "git-pull" not in page
    assert "_sources/chapters/demo.ipynb" in page, "the download button offers the notebook"
