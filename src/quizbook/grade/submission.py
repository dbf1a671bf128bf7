"""A submitted file's responses: a response file holds one; a saved notebook holds the ones its
live quiz left in it when the student pressed "Save my answers".

A notebook is read as data (nbformat), never run. Only a display output carrying the
response media type counts: text a cell printed, however much it looks like a response, is
not one.
"""

from __future__ import annotations

import json

from ..response import MEDIA_TYPE, ResponseError, check_response, read_response


def responses_in(name: str, data: bytes) -> list[dict]:
    """The responses in a file's bytes; `ResponseError` says why a file holds none."""
    if name.lower().endswith(".ipynb"):
        return _in_notebook(data)
    return [read_response(data)]


def _in_notebook(data: bytes) -> list[dict]:
    import warnings

    import nbformat

    try:
        with warnings.catch_warnings():  # an old notebook's missing cell ids are no matter here
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
    except UnicodeDecodeError as err:
        raise ResponseError(f"not UTF-8 text (byte {err.start})") from None
    except RecursionError:
        raise ResponseError("JSON nested too deeply") from None
    except Exception as err:  # nbformat raises many kinds for a file that is not a notebook
        raise ResponseError(f"not a notebook ({str(err).splitlines()[0][:60]})") from None
    found = []
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if output.get("output_type") in ("display_data", "execute_result"):
                payload = output.get("data", {}).get(MEDIA_TYPE)
                if payload is not None:
                    found.append(_payload(payload))
    if not found:
        raise ResponseError("a notebook with no saved answers (press 'Save my answers', then save)")
    return _latest_per_quiz(found)


def _payload(payload) -> dict:
    if isinstance(payload, str):  # a front end may store JSON media as text
        try:
            payload = json.loads(payload)
        except ValueError:
            raise ResponseError("a saved-answers output that is not JSON") from None
    return check_response(payload)


def _latest_per_quiz(responses: list[dict]) -> list[dict]:
    latest: dict[str, dict] = {}
    for response in responses:
        kept = latest.get(response["quiz"])
        if kept is None or response["saved"] >= kept["saved"]:
            latest[response["quiz"]] = response
    return [latest[quiz] for quiz in sorted(latest)]
