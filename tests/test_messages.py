"""The message catalogue: every message in Vietnamese and English, used by the code, listed in
the contributor guides; editors get Vietnamese, naming the file, the line and the wrong value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import BASIC_PAGES, PROJECT, make_site, run
from conftest import BIN as VENV_BIN
from daklak_portal import messages
from daklak_portal.errors import Finding, PortalError

PACKAGE = PROJECT / "scripts" / "daklak_portal"
# Schema errors: the English text is jsonschema's own ({detail}); the Vietnamese one is made of its parts.
SCHEMA_MESSAGES = {"dataset.required", "dataset.enum", "dataset.type", "dataset.format", "dataset.invalid"}


def test_every_message_has_both_languages_and_the_same_values():
    for message_id, entry in messages.catalogue().items():
        assert entry["vi"].strip() and entry["en"].strip(), message_id
        fix = entry.get("fix") or {}
        assert set(fix) in (set(), {"vi", "en"}), message_id
        vi = messages.placeholders(entry["vi"]) | messages.placeholders(fix.get("vi", ""))
        en = messages.placeholders(entry["en"]) | messages.placeholders(fix.get("en", ""))
        if message_id not in SCHEMA_MESSAGES:  # the Vietnamese may leave a value out, never add one
            assert vi <= en, message_id
        assert entry["vi"] != entry["en"], f"{message_id}: the Vietnamese text is the English one"


def code_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))


def test_every_message_the_code_names_is_in_the_catalogue_and_none_is_unused():
    code = code_text()
    named = set(re.findall(r'"((?:file|front-matter|post|glossary|nav|policy|sidecar|image|dataset|coverage|editor|config|summary|build|audit|search|publish|exchange|language|publication|bulletin|legal|figures)(?:\.[a-z0-9-]+)+)"', code))
    named -= {name for name in named if name.startswith("search.config.")}  # Material's interface keys, not messages
    named -= {name for name in named if name.endswith((".yml", ".html", ".xhtml"))}  # file names ("language.yml")
    catalogue = set(messages.catalogue())
    assert named - catalogue == set(), "messages the code uses without a catalogue entry"
    assert catalogue - named == set(), "catalogue entries no code uses"


def test_the_guides_list_every_message_from_the_catalogue():
    for guide, language in (("CONTRIBUTING.vi.md", "vi"), ("CONTRIBUTING.md", "en")):
        text = (PROJECT / guide).read_text(encoding="utf-8")
        assert messages.guide_table(language) in text, f"{guide}: run `make guides`"


def test_language_is_chosen_by_portal_lang_then_the_locale(monkeypatch):
    finding = Finding.of("docs/vi/news/posts/a.md", 3, "post.slug", field="slug", stem="a")
    monkeypatch.setenv("PORTAL_LANG", "vi")
    assert str(finding) == "docs/vi/news/posts/a.md:3: `slug:` của tin bài phải trùng với tên tệp: ghi `slug: a` trong phần khai báo đầu trang (thêm dòng này nếu chưa có, sửa lại nếu đã có)"
    monkeypatch.setenv("PORTAL_LANG", "vi+en")
    assert str(finding).splitlines()[1] == "    [en] the news post's `slug:` must be its file name: write `slug: a` in the front matter (add the line, or correct it)"
    monkeypatch.delenv("PORTAL_LANG")
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert messages.message_languages() == ("vi",)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert messages.message_languages() == ("en",)
    monkeypatch.setenv("PORTAL_LANG", "fr")  # not a language of the catalogue: English
    assert messages.message_languages() == ("en",)


def test_library_errors_are_plain_exceptions_with_their_place(monkeypatch):
    monkeypatch.setenv("PORTAL_LANG", "vi")
    error = PortalError("coverage.nothing-to-stamp", path="docs/km/a.md")
    assert not hasattr(error, "show")  # not a click exception: the CLI and the plugin map it
    assert str(error) == "docs/km/a.md: chưa được dịch, không có gì để xác nhận."


MISTAKES = {
    # A date written the usual Vietnamese way, a decomposed title, a script tag, a misnamed post.
    "vi/news/posts/le-hoi.md": "---\ntitle: Lễ hội\ndate: 15/03/2027\nslug: le-hoi-2027\n---\nNội dung.\n",
    "vi/province/as-of.md": "---\ntitle: Số liệu\nas_of: \"2027-03-15\"\nsources:\n  - title: Nguồn\n    url: https://example.org/\n    read: 2027-13-45\n---\nNội dung.\n",
    "vi/province/nfd.md": "---\ntitle: " + __import__("unicodedata").normalize("NFD", "Tây Nguyên") + "\n---\n<script>alert(1)</script>\n",
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_lint_speaks_the_editors_language(tmp_path, language):
    root = make_site(tmp_path / "src", {**BASIC_PAGES, **MISTAKES})
    result = run([str(VENV_BIN / "portal"), "lint"], cwd=root, env={"PORTAL_LANG": language})
    assert result.returncode == 1 and "Traceback" not in result.output
    expected = {
        "vi": [
            "docs/vi/news/posts/le-hoi.md:3: `date: 15/03/2027` không phải là ngày hợp lệ: viết ngày theo dạng NNNN-TT-NN",
            "docs/vi/news/posts/le-hoi.md:4: `slug:` của tin bài phải trùng với tên tệp: ghi `slug: le-hoi` trong phần khai báo đầu trang (thêm dòng này nếu chưa có, sửa lại nếu đã có)",
            "docs/vi/province/nfd.md:2: chữ có dấu trong 'Tây' bị tách thành chữ và dấu rời",
            "docs/vi/province/nfd.md:4: thẻ HTML <script> không được dùng trên cổng thông tin: dùng Markdown",
            "docs/vi/province/as-of.md:7: `sources.0.read: 2027-13-45` không phải là ngày hợp lệ",
            "Có 5 lỗi (1 lỗi sửa được bằng `portal lint --fix`).",
        ],
        "en": [
            "docs/vi/news/posts/le-hoi.md:3: `date: 15/03/2027` is not a date: write it as YYYY-MM-DD",
            "docs/vi/news/posts/le-hoi.md:4: the news post's `slug:` must be its file name: write `slug: le-hoi` in the front matter (add the line, or correct it)",
            "docs/vi/province/nfd.md:2: decomposed Unicode letters in 'Tây'",
            "docs/vi/province/nfd.md:4: the HTML tag <script> is not allowed on the portal: use Markdown instead",
            "docs/vi/province/as-of.md:7: `sources.0.read: 2027-13-45` is not a date",
            "5 problem(s) found (1 can be repaired with `portal lint --fix`).",
        ],
    }[language]
    for line in expected:
        assert line in result.output, result.output


def test_make_targets_default_to_vietnamese():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^export PORTAL_LANG \?= vi$", makefile, re.M)


def test_lint_cache_keeps_message_ids_not_texts(tmp_path, monkeypatch):
    from daklak_portal.config import load_settings
    from daklak_portal.lint import lint

    root = make_site(tmp_path / "src", {**BASIC_PAGES, "vi/province/x.md": "Không có tiêu đề.\n"})
    monkeypatch.setenv("PORTAL_LANG", "en")
    first = lint(load_settings(root), cache=True)
    monkeypatch.setenv("PORTAL_LANG", "vi")
    second = lint(load_settings(root), cache=True)  # from the cache, shown in the language asked now
    assert first == second and "trang chưa có `title:`" in str(second[0])


def test_guide_command_prints_the_table():
    result = run([str(VENV_BIN / "portal"), "messages", "--guide", "vi"], cwd=Path(PROJECT))
    assert result.returncode == 0 and result.stdout.strip() == messages.guide_table("vi")
