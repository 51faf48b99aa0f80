"""The legal database: documents and procedures read from the Vietnamese pages' front matter,
their status on a given day, their relations in both directions, and the checks across them.

A document is a page docs/<source>/legal/<type>/<year>/<slug>.md with a `legal_document:`
block, a procedure a page docs/<source>/legal/procedures/<slug>.md with a `procedure:` block
(CONTENT.md shows both). The blocks' shape is checked by their JSON Schemas
(schemas/records/legal-documents.schema.json, procedures.schema.json) before they are read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from ..content import SourceFile
from ..errors import Finding
from ..page_text import line_of_path
from .numbers import document_key, number_problem
from .vocabulary import FORWARD_RELATIONS, RELATIONS

LEGAL_PREFIX = "legal/"
LEGAL_INDEX = "legal/index.md"
PROCEDURES_PREFIX = "legal/procedures/"
DOCUMENT_BLOCK, PROCEDURE_BLOCK = "legal_document", "procedure"


def as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class LegalDocument:
    key: str
    number: str
    type: str
    issuer: str
    signer: str  # "" when no source names the signer
    signed: date
    in_force: date | None
    ceased: date | None
    status: str  # as the editor last checked it
    status_checked: date
    subjects: tuple[str, ...]
    official_text: str
    english_text: dict | None
    written_relations: dict[str, tuple[str, ...]]

    def status_on(self, day: date) -> str:
        """The status on a day: the dates decide when they can (a document whose end date has
        passed is no longer in force, whatever the editor last wrote), else the checked status."""
        if self.ceased is not None and self.ceased <= day:
            return "not-in-force"
        if self.in_force is not None and self.in_force > day:
            return "not-yet-in-force"
        return "in-force" if self.status == "not-yet-in-force" else self.status


@dataclass(frozen=True)
class Procedure:
    key: str
    code: str
    subject: str
    authority: str
    submit_to: str
    processing_days: int | None
    fee_vnd: int | None
    legal_basis: tuple[str, ...]
    official_url: str


def read_document(page: SourceFile) -> LegalDocument:
    block = page.meta[DOCUMENT_BLOCK]
    relations = {name: tuple(str(n) for n in block.get("relations", {}).get(name) or []) for name in RELATIONS}
    return LegalDocument(
        page.key, str(block["number"]), block["type"], block["issuer"], str(block.get("signer") or ""), as_date(block["signed"]),
        as_date(block.get("in_force")), as_date(block.get("ceased")), block["status"], as_date(block["status_checked"]),
        tuple(block["subjects"]), str(block["official_text"]), block.get("english_text"), relations,
    )


def read_procedure(page: SourceFile) -> Procedure:
    block = page.meta[PROCEDURE_BLOCK]
    return Procedure(
        page.key, str(block.get("code") or ""), block["subject"], block["authority"], block["submit_to"],
        block.get("processing_days"), block.get("fee_vnd"), tuple(str(n) for n in block["legal_basis"]), str(block["official_url"]),
    )


@dataclass
class LegalDatabase:
    documents: dict[str, LegalDocument]  # number -> document
    procedures: dict[str, Procedure]  # page key -> procedure

    def relations_of(self, number: str) -> dict[str, list[str]]:
        """Every relation of a document, the ones written on it and the reverse of the ones
        written on the others ("amended by" appears on the older document by itself)."""
        found: dict[str, list[str]] = {name: [] for name in RELATIONS}
        for other in self.documents.values():
            for name, targets in other.written_relations.items():
                for target in targets:
                    if other.number == number:
                        found[name].append(target)
                    elif target == number:
                        found[RELATIONS[name][0]].append(other.number)
        return {name: sorted(set(numbers), key=self.order) for name, numbers in found.items() if numbers}

    def order(self, number: str):
        document = self.documents.get(number)
        return (document.signed if document else date.min, number)

    @cached_property
    def by_key(self) -> dict[str, LegalDocument]:
        """Page key -> document (read once the database is complete: every page asks)."""
        return {document.key: document for document in self.documents.values()}

    def procedures_citing(self, number: str) -> list[Procedure]:
        return [procedure for procedure in self.procedures.values() if number in procedure.legal_basis]


def document_problems(page: SourceFile, shown: str) -> list[Finding]:
    """A document's own problems: its number against its type, issuer and year, its page path,
    the order of its dates."""
    block, text = page.meta[DOCUMENT_BLOCK], page.text
    signed, in_force, ceased = as_date(block["signed"]), as_date(block.get("in_force")), as_date(block.get("ceased"))
    where = lambda *path: line_of_path(text, [DOCUMENT_BLOCK, *path])  # noqa: E731
    problems = []
    number = str(block["number"])
    wrong = number_problem(number, block["type"], block["issuer"], signed.year if signed else None)
    if wrong is not None:
        message_id, values = wrong
        return [Finding.of(shown, where("number"), message_id, field=f"{DOCUMENT_BLOCK}.number", **values)]
    expected = document_key(number, block["type"], signed.year)
    if page.key != expected:
        problems.append(Finding.of(shown, where("number"), "legal.path", field=f"{DOCUMENT_BLOCK}.number", number=number, expected=expected))
    if in_force is not None and in_force < signed:
        problems.append(Finding.of(shown, where("in_force"), "legal.in-force-before-signed", field=f"{DOCUMENT_BLOCK}.in_force", in_force=in_force, signed=signed))
    if ceased is not None and ceased < (in_force or signed):
        problems.append(Finding.of(shown, where("ceased"), "legal.ceased-before-in-force", field=f"{DOCUMENT_BLOCK}.ceased", ceased=ceased, start=in_force or signed))
    checked = as_date(block["status_checked"])
    if checked is not None and checked < signed:
        problems.append(Finding.of(shown, where("status_checked"), "legal.checked-before-signed", field=f"{DOCUMENT_BLOCK}.status_checked", checked=checked, signed=signed))
    return problems


def database_problems(database: LegalDatabase, pages: dict[str, SourceFile], shown_of) -> list[Finding]:
    """Problems across documents: a relation or legal basis naming a document that is not in
    the database, a document related to itself, a cycle of amends/replaces/implements."""
    problems = []
    for key, document in database.by_key.items():
        page = pages[key]
        for name, targets in document.written_relations.items():
            for index, target in enumerate(targets):
                line = line_of_path(page.text, [DOCUMENT_BLOCK, "relations", name, index])
                field = f"{DOCUMENT_BLOCK}.relations.{name}"
                if target == document.number:
                    problems.append(Finding.of(shown_of(page), line, "legal.self-relation", field=field, number=target))
                elif target not in database.documents:
                    problems.append(Finding.of(shown_of(page), line, "legal.unknown-document", field=field, number=target))
    for key, procedure in database.procedures.items():
        page = pages[key]
        for index, target in enumerate(procedure.legal_basis):
            if target not in database.documents:
                line = line_of_path(page.text, [PROCEDURE_BLOCK, "legal_basis", index])
                problems.append(Finding.of(shown_of(page), line, "legal.unknown-document", field=f"{PROCEDURE_BLOCK}.legal_basis", number=target))
    cycle = find_cycle(database)
    if cycle:
        first = database.documents[cycle[0]]
        line = line_of_path(pages[first.key].text, [DOCUMENT_BLOCK, "relations"])
        problems.append(Finding.of(shown_of(pages[first.key]), line, "legal.relation-cycle", field=f"{DOCUMENT_BLOCK}.relations", cycle=" → ".join(cycle)))
    return problems


def forward_edges(database: LegalDatabase) -> dict[str, set[str]]:
    """number -> the documents it amends, replaces or implements (each relation turned forward)."""
    edges: dict[str, set[str]] = {number: set() for number in database.documents}
    for document in database.documents.values():
        for name, targets in document.written_relations.items():
            for target in targets:
                if target not in database.documents or target == document.number:
                    continue
                if name in FORWARD_RELATIONS:
                    edges[document.number].add(target)
                else:
                    edges[target].add(document.number)
    return edges


def find_cycle(database: LegalDatabase) -> list[str]:
    """One cycle of the forward relations as [a, b, …, a], or [] (a document cannot amend one
    that amends it, directly or through others)."""
    edges = forward_edges(database)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(number: str) -> list[str]:
        state[number] = 1
        path.append(number)
        for target in sorted(edges[number]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[number] = 2
        return []

    for number in sorted(edges):
        if number not in state and (cycle := visit(number)):
            return cycle
    return []
