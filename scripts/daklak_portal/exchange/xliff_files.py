"""XLIFF 1.2 files of units (memoQ, Trados, OmegaT, Okapi and translate-toolkit read them).

XLIFF 1.2 rather than 2.0: every CAT tool the portal's translators are likely to use, and
translate-toolkit (the tests' independent reader), read 1.2; 2.0 support is partial in several.
One `<file>` per page (`original` = the page), a `<group>` per section, a `<trans-unit>` per
unit (`resname` = page#unit). Placeholders are `<g id="1">text</g>` and `<x id="2"/>`. States:
`translated`, `needs-review-translation`; a new unit has no `<target>`. Notes carry the page's
URL, glossary terms and the English translation; a context group, the Vietnamese file and line.
"""

from __future__ import annotations

import xml.sax
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..config import REFERENCE_LANGUAGE
from ..errors import PortalError
from .exchange_file import ImportedUnit, split_context, unit_context
from .inline import Pc, Ph, Segment, number_like_source, to_po, tokenize
from .units import PageUnits

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
FINAL_STATES = {"translated", "final", "signed-off"}
STATE = {"translated": "translated", "needs-review": "needs-review-translation"}


def inline_xml(segments: list[Segment]) -> str:
    parts = []
    for segment in segments:
        if isinstance(segment, str):
            parts.append(escape(segment))
        elif isinstance(segment, Ph):
            parts.append(f'<x id="{segment.id}"/>')
        else:
            parts.append(f'<g id="{segment.id}">{inline_xml(segment.children)}</g>')
    return "".join(parts)


def xliff_bytes(pages: list[PageUnits], language: str, source_language: str) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<xliff version="1.2" xmlns="{NAMESPACE}">']
    for page in pages:
        out.append(f'  <file original={quoteattr(page.key)} source-language="{source_language}" target-language="{language}" datatype="x-markdown" tool-id="portal">')
        out.append('    <header><tool tool-id="portal" tool-name="portal export"/></header>')
        out.append("    <body>")
        section = None
        for unit in page.units:
            if unit.section != section:
                if section is not None:
                    out.append("      </group>")
                section = unit.section
                out.append(f"      <group id={quoteattr(page.key + '#' + section)} resname={quoteattr(section)}>")
            context = unit_context(page.key, unit.id)
            out.append(f'        <trans-unit id={quoteattr(context)} resname={quoteattr(context)} xml:space="preserve">')
            out.append(f"          <source>{inline_xml(tokenize(unit.source))}</source>")
            if unit.target:
                out.append(f'          <target state="{STATE[unit.state]}">{inline_xml(number_like_source(tokenize(unit.target), tokenize(unit.source))[0])}</target>')
            out.append('          <context-group purpose="location">')
            out.append(f'            <context context-type="sourcefile">docs/{source_language}/{escape(page.key)}</context>')
            out.append(f'            <context context-type="linenumber">{unit.line}</context>')
            out.append("          </context-group>")
            out.append(f'          <note from="portal">{escape(page.url)}</note>')
            out.extend(f'          <note from="glossary">{escape(note)}</note>' for note in unit.notes)
            if unit.reference:
                out.append(f'          <note from="reference" xml:lang="{REFERENCE_LANGUAGE}">{escape(to_po(number_like_source(tokenize(unit.reference), tokenize(unit.source))[0]))}</note>')
            out.append("        </trans-unit>")
        if section is not None:
            out.append("      </group>")
        out.append("    </body>")
        out.append("  </file>")
    out.append("</xliff>")
    return ("\n".join(out) + "\n").encode("utf-8")


class _Reader(xml.sax.handler.ContentHandler):
    """Collects the trans-units with their line, and the segments of source and target."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.units: list[ImportedUnit] = []
        self.file_language = ""
        self.unit: dict | None = None
        self.stack: list[list[Segment]] = []  # the segment lists being filled
        self.problem: str | None = None

    def setDocumentLocator(self, locator):  # noqa: N802 - SAX's name
        self.locator = locator

    def startElementNS(self, name, qname, attrs):  # noqa: N802 - SAX's name
        namespace, local = name
        values = {key[1]: value for key, value in attrs.items()}
        if local == "xliff" and values.get("version") != "1.2":
            raise PortalError("exchange.unreadable", where=f"{self.path}:{self.locator.getLineNumber()}", problem=f"XLIFF version {values.get('version')}, not 1.2")
        if local == "file":
            self.file_language = values.get("target-language", "")
        elif local == "trans-unit":
            self.unit = {"id": values.get("resname") or values.get("id", ""), "line": self.locator.getLineNumber(), "source": None, "target": None, "state": None}
        elif self.unit is not None and local in ("source", "target"):
            self.stack = [[]]
            self.unit[local] = self.stack[0]
            if local == "target":
                self.unit["state"] = values.get("state")
        elif self.stack and local == "g":
            pc = Pc(int(values.get("id", "0")) if values.get("id", "").isdigit() else 0)
            self.stack[-1].append(pc)
            self.stack.append(pc.children)
        elif self.stack and local == "x":
            self.stack[-1].append(Ph(int(values.get("id", "0")) if values.get("id", "").isdigit() else 0))

    def endElementNS(self, name, qname):  # noqa: N802 - SAX's name
        local = name[1]
        if local in ("source", "target"):
            self.stack = []
        elif local == "g" and len(self.stack) > 1:
            self.stack.pop()
        elif local == "trans-unit" and self.unit is not None:
            key, unit_id = split_context(self.unit["id"])
            target = self.unit["target"] if self.unit["target"] else None
            final = target is not None and (self.unit["state"] or "translated") in FINAL_STATES
            self.units.append(ImportedUnit(self.path, self.unit["line"], self.file_language, key, unit_id, self.unit["source"] or [], target, final))
            self.unit = None

    def characters(self, content):
        if self.stack:
            if self.stack[-1] and isinstance(self.stack[-1][-1], str):
                self.stack[-1][-1] += content
            else:
                self.stack[-1].append(content)


def read_xliff_units(path: Path) -> list[ImportedUnit]:
    reader = _Reader(path)
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setFeature(xml.sax.handler.feature_external_ges, False)  # no entity fetched from anywhere
    parser.setContentHandler(reader)
    try:
        parser.parse(str(path))
    except xml.sax.SAXParseException as error:
        raise PortalError("exchange.unreadable", where=f"{path}:{error.getLineNumber()}", problem=error.getMessage()) from None
    return reader.units
