"""How the search index is written: the index and the browser write words the same way
(search_terms.py and its JavaScript twin); Khmer word lists; index documents."""

import json
import re
import subprocess
import unicodedata
from pathlib import Path

from daklak_portal.search.index import (
    _PageText,
    build_search_index,
    index_document,
    khmer_word_parts,
    write_khmer_words,
)
from daklak_portal.search.terms import encode_khmer, fold, telex, telex_words

TERMS_JS = Path(__file__).resolve().parent.parent / "docs/assets/javascripts/portal-search-terms.js"
SAMPLES = ["Đắk Lắk", "Buôn Ma Thuột", "khu công nghiệp", "Hồ Lắk", "trường", "Ea H'leo", "M’Đrắk", "Phú Yên", "ĐƯỜNG", "café", "plain words", "tiếng¹ Đắk² Ⅻ", unicodedata.normalize("NFD", "Đắk Lắk nghiệp"), "ខេត្តមណ្ឌលគិរី", "កាហ្វេ", "Krông Pắc ២០២៥", "ខេត្ត\u200bដាក់ឡាក់ ᧠"]


def test_folding_and_telex():
    assert fold("Đắk Lắk, Buôn Ma Thuột") == "Dak Lak, Buon Ma Thuot"
    assert fold("ខេត្ត") == "ខេត្ត"  # Khmer signs are not accents
    assert [telex(word) for word in ("Đắk", "nghiệp", "thuột", "trường", "Đôn", "khu")] == ["ddawks", "nghieepj", "thuootj", "truwowngf", "ddoonz", None]
    assert telex_words("khu công nghiệp") == ["coongz", "nghieepj"]
    assert telex_words(unicodedata.normalize("NFD", "Đắk Lắk")) == ["ddawks", "lawks"]  # decomposed text too
    assert telex_words("tiếng¹") == ["tieengs"]  # a footnote mark is not a letter


def test_no_telex_word_is_the_start_of_another():
    """Pagefind matches the start of words: "Đôn" typed with its marks must not find "Đông"."""
    words = {telex(w) for w in ("Đôn", "Đông", "Nguyên", "Nguyễn", "ngư", "người", "ngữ", "cô", "công", "cố", "cổ")}
    assert not [(a, b) for a in words for b in words if a != b and b.startswith(a)]


def test_khmer_words_are_written_as_letters():
    assert encode_khmer("ខេត្ត") == "0abebapfcap"  # "0": no Latin word begins like this
    assert encode_khmer("ខេត្ត") != encode_khmer("ខត")  # signs kept: different words, different keys


def test_browser_writes_words_as_the_index_does():
    script = f"""
      const terms = require({json.dumps(str(TERMS_JS))});
      const samples = {json.dumps(SAMPLES, ensure_ascii=False)};
      console.log(JSON.stringify(samples.map((text) => ({{
        fold: terms.fold(text),
        telex: terms.telexWords(text),
        khmer: [...text.matchAll(/[\\u1780-\\u17FF\\u19E0-\\u19FF]+/g)].map((m) => terms.encodeKhmer(m[0])),
      }}))));
    """
    done = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    expected = [{"fold": fold(text), "telex": telex_words(text), "khmer": [encode_khmer(run) for run in re.findall(r"[\u1780-\u17FF\u19E0-\u19FF]+", text)]} for text in SAMPLES]
    assert json.loads(done.stdout) == expected


def page(lang, title, text, headings=()):
    parsed = _PageText()
    parsed.lang, parsed.title, parsed.headings = lang, title, list(headings)
    parsed.parts = [text]
    return parsed


def test_vietnamese_document_holds_folded_words_pairs_and_telex():
    document, _ = index_document(page("vi", "Hồ Lắk", "Hồ nước ngọt ở Đắk Lắk.", ["Đường đến hồ"]))
    body = document.split("<body>")[1]
    assert "<h1>Ho Lak</h1>" in body and "<h2>Duong den ho</h2>" in body
    assert "holak" in body and "duongden" in body  # pairs of title and heading syllables
    assert "hoof" in body and "ddawks" in body  # exact spellings, for queries typed with marks
    assert not any(ord(char) > 127 for char in body)  # nothing left for Pagefind to fold
    assert 'content="Hồ Lắk"' in document  # the title readers see keeps its marks


def test_khmer_document_holds_encoded_words():
    document, words = index_document(page("km", "ខេត្តដាក់ឡាក់", "ទេសចរណ៍នៅខេត្តដាក់ឡាក់ Buôn Ma Thuột"))
    assert "ខេត្ត" in words
    body = document.split("<body>")[1]
    assert encode_khmer("ខេត្ត") in body and "Buon Ma Thuot" in body
    assert not any("\u1780" <= char <= "\u17ff" for char in body)


def test_khmer_nouns_are_also_found_by_the_word_after_their_prefix():
    assert khmer_word_parts("ការវិនិយោគ") == ["ការវិនិយោគ", "វិនិយោគ"]
    assert khmer_word_parts("អ្នកសារព័ត៌មាន") == ["អ្នកសារព័ត៌មាន", "សារព័ត៌មាន"]
    assert khmer_word_parts("ការ៉េ") == ["ការ៉េ"]  # a sign follows: not a prefix (square, as in km²)
    document, words = index_document(page("km", "ការវិនិយោគនៅខេត្តដាក់ឡាក់", ""))
    assert "វិនិយោគ" in words  # the browser can cut a query into it
    assert encode_khmer("វិនិយោគ") in document.split("<h1>")[1].split("</h1>")[0]  # in the title


def test_khmer_word_lists_one_per_first_letter(tmp_path):
    write_khmer_words({"ខេត្ត", "ខ្មែរ", "កាហ្វេ", "២០២៥"}, tmp_path / "km-words")
    assert json.loads((tmp_path / "km-words/1781.json").read_text(encoding="utf-8")) == ["ខេត្ត", "ខ្មែរ"]  # ខ
    assert json.loads((tmp_path / "km-words/1780.json").read_text(encoding="utf-8")) == ["កាហ្វេ"]  # ក
    assert json.loads((tmp_path / "km-words/17e2.json").read_text(encoding="utf-8")) == ["២០២៥"]  # ២
    assert json.loads((tmp_path / "km-words/1782.json").read_text(encoding="utf-8")) == []  # no word: an empty list, not a missing file
    assert len(list((tmp_path / "km-words").iterdir())) == 0x34 + 10


def test_a_site_with_nothing_to_search_gets_no_index(tmp_path):
    (tmp_path / "index.html").write_text('<html lang="vi"><head><meta name="robots" content="noindex"></head><body><article>x</article></body></html>', encoding="utf-8")
    assert build_search_index(tmp_path) == {}
    assert not (tmp_path / "pagefind").exists()
