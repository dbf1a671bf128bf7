/* Wide tables on a narrow screen (see _ext/book_reading.py): a table that does not fit gets
   a line above it saying that it scrolls sideways, a faded right edge until its last column
   is in view, and keyboard focus, so that arrow keys scroll it. */
(function () {
  "use strict";
  const HINT = "Scroll sideways to see every column \u2192";

  function fits(box) {
    return box.scrollWidth <= box.clientWidth + 1;
  }

  function showEnd(box) {
    box.classList.toggle("lt-at-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 1);
  }

  function mark(box) {
    const wide = !fits(box), hint = box.previousElementSibling;
    const hinted = hint && hint.classList.contains("lt-scroll-hint");
    box.classList.toggle("lt-wide", wide);
    if (wide && !hinted) {
      const line = document.createElement("p");
      line.className = "lt-scroll-hint";
      line.textContent = HINT;
      box.before(line);
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Wide table: " + HINT);
    } else if (!wide && hinted) {
      hint.remove();
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
    showEnd(box);
  }

  function start() {
    const boxes = [...document.querySelectorAll(".bd-article .pst-scrollable-table-container")];
    let pending = false;
    const markAll = () => {
      pending = false;
      boxes.forEach(mark);
    };
    boxes.forEach(box => box.addEventListener("scroll", () => showEnd(box), { passive: true }));
    window.addEventListener("resize", () => pending || (pending = requestAnimationFrame(markAll)));
    markAll();
  }

  document.readyState == "loading" ? document.addEventListener("DOMContentLoaded", start) : start();
})();
