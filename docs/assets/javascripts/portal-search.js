// The portal's search box (partials/portal-search.html), on Pagefind.
// Pagefind chooses the index of the page's <html lang>, so a reader gets results in the
// language of the page only. A query is written the way the index writes words
// (portal-search-terms.js, the twin of search_terms.py): Latin folded, Khmer words as
// letters. Khmer is written without spaces between words: the index holds words segmented
// at build time (khmer-nltk), and a query is cut into the same words by longest match
// against the index's own word list (pagefind/km-words.json).
(function () {
  "use strict";
  const form = document.querySelector(".portal-search");
  if (!form) return;
  const input = form.querySelector(".portal-search__input");
  const panel = form.querySelector(".portal-search__panel");
  const status = form.querySelector(".portal-search__status");
  const list = form.querySelector(".portal-search__results");
  const base = form.dataset.base;
  const language = document.documentElement.lang;
  const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/;
  const terms = window.portalSearchTerms;
  let pagefind = null;
  let khmerWords = null;
  let longestWord = 0;
  let latest = 0;

  async function engine() {
    if (!pagefind) {
      pagefind = await import(base + "pagefind/pagefind.js");
      await pagefind.options({ baseUrl: base, excerptLength: 24 });
      pagefind.init();
    }
    return pagefind;
  }

  async function loadKhmerWords() {
    if (!khmerWords) {
      const response = await fetch(base + "pagefind/km-words.json");
      const words = await response.json();
      khmerWords = new Set(words);
      longestWord = words.reduce((max, word) => Math.max(max, word.length), 0);
    }
  }

  // Longest match against the index's words; a run with no known word keeps one character.
  function segmentKhmer(text) {
    return text.replace(/[\u1780-\u17FF\u19E0-\u19FF]+/g, (run) => {
      const words = [];
      let at = 0;
      while (at < run.length) {
        let length = Math.min(longestWord, run.length - at);
        while (length > 1 && !khmerWords.has(run.slice(at, at + length))) length -= 1;
        words.push(terms.encodeKhmer(run.slice(at, at + length)));
        at += length;
      }
      return " " + words.join(" ") + " ";
    }).trim();
  }

  // Vietnamese: titles and headings are also indexed as pairs of neighbouring syllables
  // (search.py: syllable_pairs); "ho lak" -> "holak", "khu cong nghiep" -> "khucong congnghiep".
  function syllablePairs(query) {
    const syllables = query.toLowerCase().match(/[^\s\d.,;:!?()"'«»\-–—]+/g) || [];
    return syllables.slice(1).map((syllable, i) => syllables[i] + syllable).join(" ");
  }

  function say(text) {
    status.textContent = text;
  }

  function count(total) {
    if (total === 0) return form.dataset.none;
    if (total === 1) return form.dataset.one;
    const digits = language === "km" ? String(total).replace(/[0-9]/g, (d) => "០១២៣៤៥៦៧៨៩"[d]) : String(total);
    return form.dataset.many.replace("%(count)s", digits);
  }

  async function search(query) {
    const ticket = ++latest;
    panel.hidden = false;
    say(form.dataset.loading);
    try {
      const search = await engine();
      const typed = query.normalize("NFC");
      let words = terms.fold(typed);
      if (KHMER.test(words)) {
        await loadKhmerWords();
        words = segmentKhmer(words);
      }
      const found = (await search.search(words)).results;
      // Vietnamese: pages with the phrase in a title or heading first, then pages with the
      // syllables as typed with their marks (Telex spellings in the index), then the rest.
      const pairs = language === "vi" ? syllablePairs(words) : "";
      const exact = language === "vi" ? terms.telexWords(typed).join(" ") : "";
      const inPhrase = new Set(pairs ? (await search.search(pairs)).results.map((result) => result.id) : []);
      const asTyped = new Set(exact ? (await search.search(exact)).results.map((result) => result.id) : []);
      const rank = (result) => (inPhrase.has(result.id) ? 0 : 2) + (asTyped.has(result.id) ? 0 : 1);
      found.sort((a, b) => rank(a) - rank(b)); // stable: Pagefind's order within each group
      if (ticket !== latest) return;
      say(count(found.length));
      list.replaceChildren();
      // Each result is shown as soon as its own data arrives, in ranking order.
      const items = found.slice(0, 10).map(() => list.appendChild(document.createElement("li")));
      await Promise.all(found.slice(0, 10).map(async (result, index) => {
        const data = await result.data();
        if (ticket === latest) items[index].replaceWith(render(data));
      }));
    } catch (error) {
      say(form.dataset.failed);
    }
  }

  function render(data) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta && data.meta.title ? data.meta.title : data.url;
    const summary = document.createElement("p");
    // The page's own description; the index text is folded (Đ as D) and word-segmented.
    summary.textContent = data.meta && data.meta.description ? data.meta.description : "";
    item.append(link, summary);
    return item;
  }

  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query) {
      panel.hidden = true;
      list.replaceChildren();
      say("");
      return;
    }
    timer = setTimeout(() => search(query), 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      input.value = "";
      panel.hidden = true;
      list.replaceChildren();
    } else if (event.key === "ArrowDown" && list.firstElementChild) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    if (event.key === "Escape") { panel.hidden = true; input.focus(); }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.value.trim()) search(input.value.trim());
  });
  document.addEventListener("keydown", (event) => {
    // "/" jumps to the search box, as on many sites (not while typing elsewhere)
    if (event.key === "/" && !["INPUT", "TEXTAREA"].includes(document.activeElement.tagName)) {
      event.preventDefault();
      input.focus();
    }
  });
})();
