import textwrap

import pytest

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
        answer: 1869
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
    """Widgets without a kernel: every model gets a comm that goes nowhere (the engine's own
    `NullComm`, as a detached quiz uses), the way ipywidgets tests its own widgets."""
    from quizbook.detached import comms_off

    with comms_off(True):
        yield
