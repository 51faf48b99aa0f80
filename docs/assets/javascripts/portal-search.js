// The portal's search box (partials/portal-search.html), on Pagefind.
// Pagefind chooses the index of the page's <html lang>, so a reader gets results in the
// language of the page only. A query is written the way the index writes words
// (portal-search-terms.js, the twin of search/terms.py): Latin folded, Khmer words as
// letters. Khmer is written without spaces between words: the index holds words segmented
// at build time (khmer-nltk), and a query is cut into the same words by longest match
// against the index's own word lists (pagefind/km-words/).
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
  const WORD_START = /[\u1780-\u17B3\u17E0-\u17E9]/g; // letters a Khmer word can begin with
  const khmerWords = new Map(); // first letter -> { words, longest }
  let latest = 0;

  async function engine() {
    if (!pagefind) {
      pagefind = await import(base + "pagefind/pagefind.js");
      await pagefind.options({ baseUrl: base, excerptLength: 24 });
      pagefind.init();
    }
    return pagefind;
  }

  // The index's Khmer words beginning with each letter of the query (pagefind/km-words/,
  // one list per first letter: search/index.py, write_khmer_words).
  async function loadKhmerWords(text) {
    const letters = [...new Set(text.match(WORD_START) || [])].filter((letter) => !khmerWords.has(letter));
    await Promise.all(letters.map(async (letter) => {
      const response = await fetch(`${base}pagefind/km-words/${letter.codePointAt(0).toString(16).padStart(4, "0")}.json`);
      const words = response.ok ? await response.json() : [];
      const longest = words.reduce((max, word) => Math.max(max, word.length), 0);
      khmerWords.set(letter, { words: new Set(words), longest });
    }));
  }

  // Longest match against the index's words; a run with no known word keeps one character.
  function segmentKhmer(text) {
    return text.replace(/[\u1780-\u17FF\u19E0-\u19FF]+/g, (run) => {
      const words = [];
      let at = 0;
      while (at < run.length) {
        const known = khmerWords.get(run[at]) || { words: new Set(), longest: 1 };
        let length = Math.min(known.longest, run.length - at);
        while (length > 1 && !known.words.has(run.slice(at, at + length))) length -= 1;
        length = Math.max(length, 1);
        words.push(terms.encodeKhmer(run.slice(at, at + length)));
        at += length;
      }
      return " " + words.join(" ") + " ";
    }).trim();
  }

  // Vietnamese: titles and headings are also indexed as pairs of neighbouring syllables
  // (search/index.py: syllable_pairs); "ho lak" -> "holak", "khu cong nghiep" -> "khucong congnghiep".
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
        await loadKhmerWords(words);
        words = segmentKhmer(words);
      }
      // Vietnamese: pages with the phrase in a title or heading first, then pages with the
      // syllables as typed with their marks (Telex spellings in the index), then the rest.
      const pairs = language === "vi" ? syllablePairs(words) : "";
      const exact = language === "vi" ? terms.telexWords(typed).join(" ") : "";
      const ids = async (phrase) => new Set(phrase ? (await search.search(phrase)).results.map((result) => result.id) : []);
      const [{ results: found }, inPhrase, asTyped] = await Promise.all([search.search(words), ids(pairs), ids(exact)]);
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
      if (ticket === latest) say(form.dataset.failed);
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
      latest += 1; // a search still running must not fill the closed panel
      panel.hidden = true;
      list.replaceChildren();
      say("");
      return;
    }
    timer = setTimeout(() => search(query), 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      latest += 1;
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
