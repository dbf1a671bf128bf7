"""The JSON island: how a static quiz's data travels inside its page.

`html.render_html` writes each quiz's data as one `<script type="application/json"
class="qb-data">` element (its keys are listed in `html`'s module doc); the Sphinx extension
finds it again to rewrite its reread links; quizbook.js reads it to build the quiz. This
module is the wire format alone: it imports nothing of the model, so the extension stays
light.
"""

from __future__ import annotations

import json
import re

ISLAND = re.compile(r'(<script type="application/json" class="qb-data">)(.*?)(</script>)', re.S)
_SCRIPT = re.compile(r"<(script)", re.IGNORECASE)


def island_json(data: dict) -> str:
    """The island as script text: compact JSON in which nothing can end the <script> element
    or open a comment (`</`, `<!--`, `<script`), nor end a line for old JavaScript parsers."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
    text = _SCRIPT.sub(r"\\u003c\1", text)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def island_element(data: dict) -> str:
    return f'<script type="application/json" class="qb-data">{island_json(data)}</script>'


def read_island(html: str) -> dict | None:
    """The island of the (first) quiz in `html`, or None."""
    m = ISLAND.search(html)
    return json.loads(m.group(2)) if m else None
