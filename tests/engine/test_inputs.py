"""What a notebook cell's outputs depend on (quizbook.inputs): the book's files it names and,
when it uses quizbook, the engine."""

from __future__ import annotations

from quizbook.inputs import cell_inputs, digest, engine_files


def book(tmp_path):
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "a.yml").write_text("id: a\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "n.csv").write_text("n\n1\n")
    (tmp_path / "chapters").mkdir()
    return tmp_path, tmp_path / "chapters"


def test_a_cell_depends_on_the_book_files_it_names(tmp_path):
    root, folder = book(tmp_path)
    code = 'with open("../data/n.csv") as f:\n    rows = f.read()\nname = "../data/none.csv"'
    assert cell_inputs(code, folder, root) == [root / "data" / "n.csv"]


def test_a_cell_that_uses_quizbook_depends_on_the_engine_too(tmp_path):
    root, folder = book(tmp_path)
    found = cell_inputs('import quizbook\nquizbook.show("../keys/a.yml")', folder, root)
    assert found == [root / "keys" / "a.yml", *engine_files()]
    engine = {p.name for p in engine_files()}
    assert {"model.py", "quizbook.js", "quiz.schema.json"} <= engine
    assert not any(p.suffix == ".pyc" for p in engine_files())


def test_magics_and_files_outside_the_book_are_read_as_text_or_left_out(tmp_path):
    root, folder = book(tmp_path)
    outside = tmp_path.parent / "elsewhere.txt"
    outside.write_text("x")
    code = f'%matplotlib inline\nopen("../keys/a.yml"); open("{outside}")'
    assert cell_inputs(code, folder, root) == [root / "keys" / "a.yml"]
    assert cell_inputs("print(1)", folder, root) == []


def test_the_digest_follows_content(tmp_path):
    root, _ = book(tmp_path)
    key = root / "keys" / "a.yml"
    before = digest([key])
    key.write_text("id: b\n")
    assert digest([key]) != before
    key.write_text("id: a\n")
    assert digest([key]) == before
