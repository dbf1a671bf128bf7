"""Widgets built without a front end (the self-check builds the quiz in the kernel but never
displays it, so none of its models may reach the notebook's saved widget state)."""

from __future__ import annotations

import uuid
from contextlib import contextmanager

import ipywidgets as widgets


def close_widget(w) -> None:
    """Close a widget with its layout and style models."""
    if w.comm is None:
        return
    for part in (w.layout, getattr(w, "style", None)):
        if isinstance(part, widgets.Widget) and part.comm is not None:
            part.close()
    widgets.Widget.close(w)  # the widget itself: a quiz's own close() closes its parts


class NullComm:
    """A comm that goes nowhere: a detached widget's models never reach a front end."""

    kernel = None

    def __init__(self, **_kwargs):
        self.comm_id = uuid.uuid4().hex

    def on_msg(self, callback):
        pass

    def send(self, *args, **kwargs):
        pass

    def close(self, *args, **kwargs):
        pass


@contextmanager
def comms_off(enabled: bool):
    """While building a detached widget, every model it makes gets a `NullComm`."""
    if not enabled:
        yield
        return
    from ipywidgets import comm as widget_comm

    original = widget_comm.create_comm
    widget_comm.create_comm = NullComm
    try:
        yield
    finally:
        widget_comm.create_comm = original
