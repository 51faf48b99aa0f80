"""`portal export` and `portal import` on a copy of the real content: round trips that leave
every file as it was, a changed unit that changes only its paragraph, files a CAT tool's parser
reads (translate-toolkit), and every refusal with its `file:line`."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import BIN, PROJECT, offline_env, run
from daklak_portal.config import load_settings
from daklak_portal.coverage import build_report
from daklak_portal.exchange.inline import Pc, Ph, from_po, markdown, to_po, tokenize

FORMATS = {"po": ".po", "xliff": ".xlf"}


@pytest.fixture
def project(tmp_path) -> Path:
    """The real docs and configuration, in a git repository of their own (stamps name commits)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(PROJECT / "docs", root / "docs")
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "content"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    return root


def portal(root: Path, *args: str):
    return run([str(BIN / "portal"), *args, "--root", str(root)], cwd=root, env=offline_env())


def digests(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted((root / "docs").rglob("*.md"))}


def export(root: Path, language: str, file_format: str, *paths: str, only: str = "all") -> list[Path]:
    out = root.parent / f"out-{language}-{file_format}"
    result = portal(root, "export", "--lang", language, "--format", file_format, "--only", only, "--out", str(out), *paths)
    assert result.returncode == 0, result.output
    return sorted(out.rglob(f"*{FORMATS[file_format]}"))


def edit_po(path: Path, edits: dict[str, str], fuzzy: bool = False, language: str | None = None) -> None:
    """Sets the msgstr of the units whose context ends with each key (as a translator would)."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        for unit, text in edits.items():
            if message.context and message.context.endswith("#" + unit):
                message.string = text
                message.flags.discard("fuzzy")
                if fuzzy:
                    message.flags.add("fuzzy")
    if language:
        catalog.locale = language
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)


def messages_of(path: Path) -> dict[str, tuple[str, str]]:
    with path.open("rb") as handle:
        return {message.context.split("#", 1)[1]: (message.id, message.string) for message in read_po(handle) if message.context}


@pytest.mark.parametrize("language", ["en", "km"])
@pytest.mark.parametrize("file_format", ["po", "xliff"])
def test_export_then_import_unchanged_leaves_every_file_byte_identical(project, language, file_format):
    before = digests(project)
    files = export(project, language, file_format)
    assert len(files) == len(list((project / "docs/vi").rglob("*.md")))
    result = portal(project, "import", *map(str, files))
    assert result.returncode == 0, result.output
    assert "0 page(s) updated" in result.output
    assert digests(project) == before


def test_exported_files_open_in_translate_toolkit_and_msgfmt(project):
    from translate.storage import factory

    for language in ("en", "km"):
        for file_format in FORMATS:
            for path in export(project, language, file_format):
                store = factory.getobject(str(path))
                units = [unit for unit in store.units if not unit.isheader()]
                assert units, path
                assert all(unit.source for unit in units), path
                if file_format == "po":  # gettext's own checker (.ci/run installs it)
                    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
                    assert checked.returncode == 0, checked.stderr


XLIFF_STATES = {"new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation", "needs-review-adaptation", "needs-review-l10n", "translated", "signed-off", "final"}


def test_xliff_follows_the_xliff_1_2_structure(project):
    """The rules of the XLIFF 1.2 schema the files rely on (the OASIS XSD is not available
    offline here): namespace and version, file attributes, unique unit ids, <source> first,
    one <target> at most with a state from the 1.2 list, <g>/<x> with ids only inside them."""
    from lxml import etree

    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    for path in export(project, "km", "xliff", "tourism/lak-lake.md", "about/glossary.md") + export(project, "en", "xliff", "tourism/lak-lake.md"):
        tree = etree.parse(str(path))
        root = tree.getroot()
        assert root.tag == "{urn:oasis:names:tc:xliff:document:1.2}xliff" and root.get("version") == "1.2"
        for file in root.findall("x:file", ns):
            assert file.get("original") and file.get("source-language") == "vi" and file.get("target-language") and file.get("datatype")
            assert [child.tag.split("}")[1] for child in file] == ["header", "body"]
        ids = [unit.get("id") for unit in root.iter("{*}trans-unit")]
        assert len(ids) == len(set(ids)) > 0
        for unit in root.iter("{*}trans-unit"):
            children = [child.tag.split("}")[1] for child in unit]
            assert children[0] == "source" and children.count("target") <= 1
            for target in unit.findall("x:target", ns):
                assert target.get("state") in XLIFF_STATES
            for inline in unit.iter("{*}g", "{*}x"):
                assert inline.get("id", "").isdigit() and inline.getparent().tag.split("}")[1] in ("source", "target", "g")


def test_placeholders_keep_markup_out_of_the_text_and_come_back_exactly():
    text = 'Hồ Lắk (<span lang="vi">Hồ Lắk</span>) là **hồ** lớn, xem [bản đồ *mới*](../map.md#a){ .x } và `code`'
    segments = tokenize(text)
    assert to_po(segments) == "Hồ Lắk ({1}Hồ Lắk{2}) là <3>hồ</3> lớn, xem <4>bản đồ <5>mới</5></4> và {6}"
    assert markdown(from_po("<4>the <5>new</5> map</4> {6}, {1}Hồ Lắk{2} <3>lake</3>"), segments) == (
        '[the *new* map](../map.md#a){ .x } `code`, <span lang="vi">Hồ Lắk</span> **lake**'
    )
    assert isinstance(segments[1], Ph) and isinstance(segments[5], Pc)  # <span> stays markup; **hồ** encloses text


def test_one_edited_unit_changes_only_its_paragraph(project):
    path = export(project, "en", "po", "tourism/lak-lake.md")[0]
    page = project / "docs/en/tourism/lak-lake.md"
    before = page.read_text(encoding="utf-8").split("\n")
    new = "In the Central Highlands part of the province the rainy season lasts from May to October and the dry season from November to April."
    edit_po(path, {"season/2": new})
    result = portal(project, "import", str(path))
    assert result.returncode == 0, result.output
    after = page.read_text(encoding="utf-8").split("\n")
    removed = [line for line in before if line not in after]
    added = [line for line in after if line not in before]
    assert added == [new]
    assert removed == ["In the highland part of the province the rainy season runs from May to October and the dry", "season from November to April."]
    assert build_report(load_settings(project)).status_of("tourism/lak-lake.md", "en").status == "translated"


def khmer_for(source: str, notes: list[str]) -> str:
    """A stand-in Khmer translation for the tests: Khmer words around the source's
    placeholders, with the glossary's required forms."""
    def khmerize(segments):
        out = []
        for segment in segments:
            if isinstance(segment, str):
                out.append("ការបកប្រែ" if segment.strip() else segment)
            elif isinstance(segment, Pc):
                out.append(Pc(segment.id, children=khmerize(segment.children)))
            else:
                out.append(segment)
        return out

    required = " ".join(note.split(" → ", 1)[1] for note in notes if note.startswith("glossary: "))
    return (to_po(khmerize(from_po(source))) + " " + required).strip()


def test_a_partly_translated_batch_shows_in_coverage_as_translated_and_partial(project):
    done, half = "tourism/lak-lake.md", "tourism/ban-don.md"
    for key in (done, half):  # (every page is in Khmer now: this copy starts them over)
        (project / "docs/km" / key).unlink()
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "start over"], cwd=project, check=True, capture_output=True)
    files = {Path(path).stem: path for path in export(project, "km", "po", done, half)}
    for stem, path in files.items():
        with path.open("rb") as handle:
            catalog = read_po(handle)
        units = [message for message in catalog if message.context]
        chosen = units if stem == "lak-lake" else units[:3]
        for message in chosen:
            message.string = khmer_for(message.id, message.auto_comments)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0)
    result = portal(project, "import", *map(str, files.values()))
    assert result.returncode == 0, result.output
    report = build_report(load_settings(project))
    assert report.status_of(done, "km").status == "translated"
    assert report.status_of(half, "km").status == "partial"


def refused(project: Path, path: Path) -> str:
    before = digests(project)
    result = portal(project, "import", str(path))
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    assert digests(project) == before, "nothing is written when an import is refused"
    return result.output


def line_of(path: Path, unit: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if line.startswith("msgctxt") and line.endswith(f'#{unit}"')) + 1


def test_broken_placeholders_are_refused_with_the_files_line(project):
    path = export(project, "en", "po", "tourism/lak-lake.md")[0]
    source, _ = messages_of(path)["what-to-see/2"]
    assert source.startswith("<1>")  # **bold** in the Vietnamese
    edit_po(path, {"what-to-see/2": "<1>The lake and the mountain and forest scenery around it."})
    output = refused(project, path)
    assert re.search(rf"lak-lake\.po:{line_of(path, 'what-to-see/2')}: the placeholders do not match the source \(<1> is not closed\)", output), output


def test_glossary_terms_translated_otherwise_are_refused(project):
    path = export(project, "en", "po", "tourism/lak-lake.md")[0]
    edit_po(path, {"season/2": "In the highlands the rainy season lasts from May to October."})
    output = refused(project, path)
    assert 'the term "Tây Nguyên" must be translated as "Central Highlands"' in output


def test_a_file_for_another_language_is_refused(project):
    path = export(project, "en", "po", "tourism/lak-lake.md")[0]
    edit_po(path, {"season/2": "Dans les Hauts Plateaux du Centre la saison des pluies dure de mai à octobre."}, language="fr")
    assert 'the file is a translation into "fr", not one of the portal\'s languages (en, km)' in refused(project, path)


def test_text_in_the_wrong_language_is_refused(project):
    path = export(project, "km", "po", "tourism/lak-lake.md")[0]
    edit_po(path, {"season/2": "Khu vực Tây Nguyên của tỉnh có mùa mưa từ tháng 5 đến tháng 10 và mùa khô."})
    assert 'a translation into "km" whose text is in another language' in refused(project, path)


def test_a_source_changed_since_the_export_is_refused_with_what_changed(project):
    path = export(project, "en", "po", "tourism/lak-lake.md")[0]
    edit_po(path, {"season/2": "In the Central Highlands the rainy season lasts from May to October."})
    source = project / "docs/vi/tourism/lak-lake.md"
    source.write_text(source.read_text(encoding="utf-8").replace("mùa mưa từ tháng 5", "mùa mưa kéo dài từ tháng 5"), encoding="utf-8")
    output = refused(project, path)
    assert "the Vietnamese text of unit season/2 changed since the export" in output
    assert "mùa mưa từ tháng 5" in output and "mùa mưa kéo dài từ tháng 5" in output


def test_a_unit_whose_section_is_gone_is_refused(project):
    path = export(project, "en", "xliff", "tourism/lak-lake.md")[0]
    source = project / "docs/vi/tourism/lak-lake.md"
    source.write_text(source.read_text(encoding="utf-8").replace("{#season}", "{#best-season}"), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("rainy season runs from May", "rainy season lasts from May"), encoding="utf-8")
    output = refused(project, path)
    assert re.search(r"lak-lake\.xlf:\d+: unit season/1 is no longer in docs/vi/tourism/lak-lake\.md", output), output


def test_an_unreadable_file_is_refused(project, tmp_path):
    broken = tmp_path / "broken.xlf"
    broken.write_text('<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file>', encoding="utf-8")
    assert re.search(r"broken\.xlf:1: the translation file cannot be read", refused(project, broken))
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    assert "not a translation file portal reads" in refused(project, other)


def test_only_multi_word_glossary_terms_are_enforced_and_at_word_boundaries():
    from daklak_portal.exchange.import_units import _glossary_problem
    from daklak_portal.glossary import Term

    terms = [Term("commune", {"vi": "xã", "km": "ឃុំ"}), Term("province", {"vi": "tỉnh Đắk Lắk", "km": "ខេត្តដាក់ឡាក់"})]
    # "xã hội" (society) holds "xã" (commune): a one-syllable term is a note, not a rule.
    assert _glossary_problem("nhà ở xã hội", "លំនៅឋានសង្គម", terms, "vi", "km") is None
    assert _glossary_problem("Tỉnh Đắk Lắk có nhiều hồ", "មានបឹងច្រើន", terms, "vi", "km") == ("tỉnh Đắk Lắk", "ខេត្តដាក់ឡាក់")
    assert _glossary_problem("Tỉnh Đắk Lắk có nhiều hồ", "ខេត្តដាក់ឡាក់មានបឹងច្រើន", terms, "vi", "km") is None
