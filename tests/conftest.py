import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

GOOD_KEY = textwrap.dedent("""\
    id: demo
    title: A demo quiz
    questions:
      - id: pick-one
        type: single
        prompt: Pick one.
        choices:
          - text: Right
            correct: true
          - text: Wrong
            feedback: Not this one.
        explanation: Because.
      - id: year
        type: numeric
        prompt: Which year?
        answer: 1961
      - id: order
        type: ordering
        prompt: Put these in order.
        items: [first, second, third]
    """)


@pytest.fixture
def good_key() -> str:
    return GOOD_KEY


@pytest.fixture
def dummy_comm():
    """Widgets without a kernel: a comm that records messages, as ipywidgets tests itself."""
    from ipywidgets.widgets.tests.utils import setup_test_comm, teardown_test_comm

    setup_test_comm()
    yield
    teardown_test_comm()
