"""Small helpers to build XML deterministically with the standard library: elements with
their attributes in the order given, indented, UTF-8, no namespace prefixes invented."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def element(tag: str, attrs: dict[str, str] | None = None, *children, text: str | None = None):
    node = ET.Element(tag, attrs or {})
    if text is not None:
        node.text = text
    node.extend(c for c in children if c is not None)
    return node


def serialise(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
