// Filters of the legal documents' listing (legal/index.md): no server, no third-party code.
// Without this script the form stays hidden and the complete list, grouped by subject, is the
// page. The choices are kept in the address (?type=decree&year=2025) so a filtered list can be
// shared or bookmarked, and the number of documents shown is announced to screen readers.
(function () {
  var form = document.querySelector(".portal-legal-filters");
  if (!form) return;
  var count = document.querySelector(".portal-legal-count");
  var items = Array.prototype.slice.call(document.querySelectorAll(".portal-legal-list > li"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  // A number in the page's digits (Khmer digits on Khmer pages).
  function digits(number) {
    var shapes = count.getAttribute("data-digits") || "0123456789";
    return String(number).replace(/[0-9]/g, function (digit) { return shapes.charAt(+digit); });
  }

  function matches(item, select) {
    var wanted = select.value;
    if (!wanted) return true;
    var value = item.getAttribute("data-" + select.name) || "";
    return value.split(" ").indexOf(wanted) !== -1;
  }

  function apply(remember) {
    var shown = 0;
    items.forEach(function (item) {
      var visible = selects.every(function (select) { return matches(item, select); });
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    // A subject whose documents are all filtered out loses its heading too.
    document.querySelectorAll(".portal-legal-list").forEach(function (list) {
      var empty = !list.querySelector("li:not([hidden])");
      list.hidden = empty;
      var heading = list.previousElementSibling;
      if (heading && /^H[23]$/.test(heading.tagName)) heading.hidden = empty;
    });
    count.textContent = count.getAttribute("data-template")
      .replace("%(shown)s", digits(shown)).replace("%(total)s", digits(items.length));
    if (remember) {
      var query = selects.filter(function (s) { return s.value; })
        .map(function (s) { return encodeURIComponent(s.name) + "=" + encodeURIComponent(s.value); }).join("&");
      history.replaceState(null, "", query ? "?" + query : location.pathname);
    }
  }

  var params = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var value = params.get(select.name);
    if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
    select.addEventListener("change", function () { apply(true); });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.hidden = false;
  count.hidden = false;
  apply(false);
})();
