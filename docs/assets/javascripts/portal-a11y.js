// Wide tables scroll sideways on a phone: Material wraps them in .md-typeset__scrollwrap
// after the page loads. A region that scrolls must be reachable by keyboard (WCAG 2.1.1;
// axe scrollable-region-focusable), so each wrapper gets tabindex="0", the role of a region
// and, as its name, the caption or the first header row of its table.
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    if (wrap.scrollWidth <= wrap.clientWidth) return;  // (it does not scroll at this width)
    var table = wrap.querySelector("table");
    var caption = table && (table.caption || table.querySelector("tr"));
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption ? caption.textContent.replace(/\s+/g, " ").trim() : "table");
  });
});
