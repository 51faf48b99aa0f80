// How a query's words are written so that they match the index: the twin of
// scripts/daklak_portal/search/terms.py (read it for the reasons). A test runs both on the
// same words and compares.
(function (root) {
  "use strict";
  const ACCENTS = /[\u0300-\u036f]/g; // Latin combining marks only: Khmer signs are not in this block
  const TONES = { "\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j" };
  const SHAPES = { "\u0302": null, "\u0306": "w", "\u031b": "w" }; // circumflex doubles its vowel
  const LETTERS = /\p{L}+/gu; // runs of letters (category L), as letter_runs in Python
  const KHMER_MARKER = "0";

  // Latin letters without accents, Đ/đ as D/d.
  function fold(text) {
    return text.normalize("NFD").replace(ACCENTS, "").replace(/Đ/g, "D").replace(/đ/g, "d").normalize("NFC");
  }

  // The Telex spelling of a syllable with marks, tone last, "z" for the level tone
  // ("thuột" -> "thuootj", "Đôn" -> "ddoonz"); null without marks.
  function telex(syllable) {
    const decomposed = syllable.toLowerCase().normalize("NFD");
    if (decomposed === fold(syllable).toLowerCase()) return null;
    const letters = [];
    let tone = "";
    for (const char of decomposed) {
      if (char in TONES) tone = TONES[char];
      else if (char in SHAPES) { if (letters.length) letters.push(SHAPES[char] || letters[letters.length - 1]); }
      else if (char === "đ") letters.push("dd");
      else letters.push(char);
    }
    return letters.join("") + (tone || "z");
  }

  // The Telex spellings of the marked syllables of a text, in order.
  function telexWords(text) {
    return (text.normalize("NFC").match(LETTERS) || []).map(telex).filter(Boolean);
  }

  // A Khmer word as letters: "0" and two letters a-p per character.
  function encodeKhmer(word) {
    let letters = KHMER_MARKER;
    for (const char of word) {
      const code = char.codePointAt(0);
      const offset = code < 0x19e0 ? code - 0x1780 : code - 0x19e0 + 0x80;
      letters += String.fromCharCode(97 + (offset >> 4), 97 + (offset & 15));
    }
    return letters;
  }

  const terms = { fold, telex, telexWords, encodeKhmer };
  if (typeof module !== "undefined" && module.exports) module.exports = terms;
  else root.portalSearchTerms = terms;
})(this);
