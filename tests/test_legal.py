"""The legal database: document numbers, the checks of the front matter (each a file:line
message, nothing built), relations in both directions, status over time, the pages and the
listing a reader gets, the JSON-LD and the dataset's resources."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from conftest import BASIC_NAV, BASIC_PAGES, build, make_site, portal
from daklak_portal.config import load_settings
from daklak_portal.content import load_pages
from daklak_portal.dataset import collect_records
from daklak_portal.legal.numbers import (
    document_key,
    number_problem,
    number_slug,
    parse_number,
    search_variants,
)


def source_page(number: str, type_: str, issuer: str, signed: str, extra: str = "", in_force: str | None = None, status: str = "in-force", subjects: str = "[investment]", title: str = "") -> str:
    title = title or f"Văn bản số {number}"
    return (
        f"---\ntitle: {title}\ndescription: Tóm tắt văn bản {number}.\nas_of: 2026-12-01\n"
        "sources:\n  - title: Nguồn thử\n    url: https://example.org/\n    read: 2026-12-01\n"
        f"legal_document:\n  number: {number}\n  type: {type_}\n  issuer: {issuer}\n  signer: Nguyễn Văn A\n"
        f"  signed: {signed}\n  in_force: {in_force or signed}\n  status: {status}\n  status_checked: 2026-12-01\n"
        f"  subjects: {subjects}\n  official_text: https://vanban.chinhphu.vn/?pageid=1\n{extra}"
        "---\n\n## Tóm tắt {#summary}\n\nNội dung tóm tắt.\n"
    )


LAW = ("vi/legal/law/2020/61-qh14.md", source_page("61/2020/QH14", "law", "national-assembly", "2020-06-17", in_force="2021-01-01",
       extra="  ceased: 2026-03-01\n", status="in-force", title="Luật Đầu tư"))
DECREE = ("vi/legal/decree/2021/31-nd-cp.md", source_page("31/2021/NĐ-CP", "decree", "government", "2021-03-26",
          extra="  relations:\n    implements: [61/2020/QH14]\n", title="Nghị định hướng dẫn Luật Đầu tư"))
AMENDMENT = ("vi/legal/decree/2025/239-nd-cp.md", source_page("239/2025/NĐ-CP", "decree", "government", "2025-09-03",
             extra="  relations:\n    amends: [31/2021/NĐ-CP]\n", subjects="[investment, administrative-units]"))
DECISION = ("vi/legal/decision/2024/1708-qd-ttg.md", source_page("1708/QĐ-TTg", "decision", "prime-minister", "2024-12-30", subjects="[industrial-zones]"))
PROCEDURE = ("vi/legal/procedures/investment-registration.md", (
    "---\ntitle: Cấp Giấy chứng nhận đăng ký đầu tư\ndescription: Thủ tục cấp giấy.\nas_of: 2026-12-01\n"
    "sources:\n  - title: Nguồn thử\n    url: https://example.org/\n    read: 2026-12-01\n"
    "procedure:\n  subject: investment\n  authority: department-of-finance\n  submit_to: provincial-public-administration-service-centre\n"
    "  processing_days: 10\n  fee_vnd: 0\n  legal_basis: [31/2021/NĐ-CP, 239/2025/NĐ-CP]\n  official_url: https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1\n"
    "---\n\n## Đối tượng thực hiện {#who}\n\nNhà đầu tư nước ngoài.\n"
))
INDEX = {
    "vi/legal/index.md": "---\ntitle: Văn bản pháp luật\n---\nDanh mục văn bản.\n",
    "en/legal/index.md": "---\ntitle: Legal documents\n---\nThe list of documents.\n",
    "en/legal/decree/2021/31-nd-cp.md": "---\ntitle: Decree 31/2021/NĐ-CP guiding the Law on Investment\ndescription: Summary of the decree.\n---\n\n## Summary {#summary}\n\nWhat the decree says.\n",
}
LEGAL_PAGES = {**BASIC_PAGES, **INDEX, **dict([LAW, DECREE, AMENDMENT, DECISION, PROCEDURE])}
LEGAL_NAV = [*BASIC_NAV, {"Văn bản": ["legal/index.md"]}]


def records(root):
    settings = load_settings(root)
    pages, _ = load_pages(settings)
    return collect_records(settings, pages)


# -- numbers ----------------------------------------------------------------------------------


def test_numbers_as_issued_give_their_parts_their_address_and_the_ways_readers_type_them():
    assert parse_number("31/2021/NĐ-CP").__dict__ == {"serial": "31", "year": 2021, "kind": "NĐ", "issuer": "CP"}
    assert parse_number("202/2025/QH15").kind == "" and parse_number("1708/QĐ-TTg").year is None
    assert number_slug("1708/QĐ-TTg") == "1708-qd-ttg" and number_slug("202/2025/QH15") == "202-qh15"
    assert document_key("31/2021/NĐ-CP", "decree", 2021) == "legal/decree/2021/31-nd-cp.md"
    assert {"1708/QĐ-TTg", "1708/QD-TTg", "1708 QD TTg"} <= set(search_variants("1708/QĐ-TTg"))
    assert "202/2025" in search_variants("202/2025/QH15")


@pytest.mark.parametrize(("number", "type_", "issuer", "year", "problem"), [
    ("31/2021/NĐ-CP", "decree", "government", 2021, None),
    ("1708/QĐ-TTg", "decision", "prime-minister", 2024, None),
    ("202/2025/QH15", "resolution", "national-assembly", 2025, None),
    ("1660/NQ-UBTVQH15", "resolution", "national-assembly-standing-committee", 2025, None),
    ("1708/QD-TTg", "decision", "prime-minister", 2024, "legal.number-kind"),  # Đ typed as D
    ("1708/QĐ-TTG", "decision", "prime-minister", 2024, "legal.number-issuer"),  # case
    ("1708/QĐ-TTg", "decree", "prime-minister", 2024, "legal.number-kind"),
    ("31/2021/NĐ-CP", "decree", "prime-minister", 2021, "legal.number-issuer"),
    ("31/2012/NĐ-CP", "decree", "government", 2021, "legal.number-year"),
    ("31-2021-ND-CP", "decree", "government", 2021, "legal.number-shape"),
    ("１７０８/QĐ-TTg", "decision", "prime-minister", 2024, "legal.number-shape"),  # full-width digits
])
def test_a_typo_in_a_number_is_found(number, type_, issuer, year, problem):
    found = number_problem(number, type_, issuer, year)
    assert (found[0] if found else None) == problem


# -- the database -----------------------------------------------------------------------------


def test_relations_appear_on_both_documents_and_procedures_link_their_legal_basis(tmp_path):
    root = make_site(tmp_path / "src", LEGAL_PAGES, LEGAL_NAV)
    dataset, findings = records(root)
    assert findings == []
    database = dataset.legal
    assert database.relations_of("31/2021/NĐ-CP") == {"amended_by": ["239/2025/NĐ-CP"], "implements": ["61/2020/QH14"]}
    assert database.relations_of("61/2020/QH14") == {"implemented_by": ["31/2021/NĐ-CP"]}
    # Both ways, for every relation of the database.
    from daklak_portal.legal.vocabulary import RELATIONS
    for number in database.documents:
        for name, others in database.relations_of(number).items():
            for other in others:
                assert number in database.relations_of(other)[RELATIONS[name][0]]
    rows = {record.id: record.values for record in dataset.records["legal-documents"]}
    assert rows["31/2021/NĐ-CP"]["amended_by"] == "239/2025/NĐ-CP" and rows["31/2021/NĐ-CP"]["title@en"].startswith("Decree 31")
    assert rows["31/2021/NĐ-CP"]["status_name@vi"] == "Còn hiệu lực" and rows["31/2021/NĐ-CP"]["type_name@km"] == "អនុក្រឹត្យ"
    procedure = dataset.records["procedures"][0].values
    assert procedure["legal_basis"] == "31/2021/NĐ-CP 239/2025/NĐ-CP" and procedure["processing_days"] == 10


def test_status_follows_the_dates_over_time():
    from daklak_portal.legal.model import LegalDocument

    law = LegalDocument("k", "61/2020/QH14", "law", "national-assembly", "A", date(2020, 6, 17), date(2021, 1, 1), date(2026, 3, 1), "in-force", date(2025, 12, 1), ("investment",), "https://vbpl.vn/", None, {})
    assert law.status_on(date(2020, 12, 31)) == "not-yet-in-force"
    assert law.status_on(date(2026, 2, 28)) == "in-force"
    assert law.status_on(date(2026, 3, 1)) == "not-in-force"  # the editor's "in-force" is out of date
    pending = LegalDocument("k", "1/2026/QH15", "law", "national-assembly", "A", date(2025, 12, 11), date(2026, 3, 1), None, "not-yet-in-force", date(2025, 12, 11), ("investment",), "https://vbpl.vn/", None, {})
    assert pending.status_on(date(2026, 3, 1)) == "in-force"


BAD_INPUTS = [
    ("unknown relation target", DECREE[0], lambda text: text.replace("implements: [61/2020/QH14]", "implements: [61/2020/QH15]"), "legal.unknown-document", "61/2020/QH15"),
    ("cycle", AMENDMENT[0], lambda text: text.replace("    amends: [31/2021/NĐ-CP]\n", "    amends: [31/2021/NĐ-CP]\n    amended_by: [31/2021/NĐ-CP]\n"), "legal.relation-cycle", "relations:"),
    ("in force before signed", DECISION[0], lambda text: text.replace("in_force: 2024-12-30", "in_force: 2024-12-01"), "legal.in-force-before-signed", "in_force:"),
    ("ceased before in force", LAW[0], lambda text: text.replace("ceased: 2026-03-01", "ceased: 2019-01-01"), "legal.ceased-before-in-force", "ceased:"),
    ("impossible date", DECISION[0], lambda text: text.replace("signed: 2024-12-30", "signed: 2024-02-30"), "dataset.format", "signed:"),
    ("unknown status", DECISION[0], lambda text: text.replace("status: in-force", "status: valid"), "dataset.enum", "status: valid"),
    ("typo in the symbol", DECISION[0], lambda text: text.replace("number: 1708/QĐ-TTg", "number: 1708/QĐ-TTG"), "legal.number-issuer", "number:"),
    ("wrong place", DECISION[0], lambda text: text.replace("number: 1708/QĐ-TTg", "number: 1709/QĐ-TTg"), "legal.path", "number:"),
    ("unknown legal basis", PROCEDURE[0], lambda text: text.replace("239/2025/NĐ-CP]", "293/2025/NĐ-CP]"), "legal.unknown-document", "293/2025/NĐ-CP"),
]


@pytest.mark.parametrize(("case", "path", "change", "message_id", "on_line"), BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_is_a_file_and_line_message_and_nothing_is_built(tmp_path, case, path, change, message_id, on_line):
    pages = dict(LEGAL_PAGES)
    pages[path] = change(pages[path])
    assert pages[path] != LEGAL_PAGES[path], "the change must apply"
    root = make_site(tmp_path / "src", pages, LEGAL_NAV)
    _, findings = records(root)
    assert [f.message_id for f in findings] == [message_id], findings
    finding = findings[0]
    lines = (root / "docs" / path).read_text(encoding="utf-8").splitlines()
    assert finding.path == f"docs/{path}" and on_line in lines[finding.line - 1], (finding, lines[finding.line - 1])
    result = build(root)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"docs/{path}:{finding.line}:" in result.output
    assert not (root / "site" / "index.html").exists()
    linted = portal(root, "lint", "--root", str(root))
    assert linted.returncode == 1 and f"docs/{path}:{finding.line}:" in linted.output and "Traceback" not in linted.output


# -- the built pages --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("legal") / "src", LEGAL_PAGES, LEGAL_NAV)
    result = build(root, env={"SOURCE_DATE_EPOCH": "1780000000"})  # 2026-05-28: after the 2020 law ceased
    assert result.returncode == 0, result.output
    return root / "site"


def jsonld(html: str) -> list[dict]:
    return [json.loads(body) for body in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_a_document_page_shows_its_facts_notice_and_relations_both_ways(built):
    vi = (built / "legal/decree/2021/31-nd-cp/index.html").read_text(encoding="utf-8")
    assert 'class="portal-legal-notice"' in vi and "Còn hiệu lực" in vi and "31/2021/NĐ-CP" in vi
    assert 'href="/legal/decree/2025/239-nd-cp/"' in vi and "Được sửa đổi, bổ sung bởi" in vi  # computed, not written on this page
    assert 'href="/legal/law/2020/61-qh14/"' in vi and 'href="/legal/procedures/investment-registration/"' in vi
    en = (built / "en/legal/decree/2021/31-nd-cp/index.html").read_text(encoding="utf-8")
    assert "has no legal force" in en and "Only the Vietnamese text is authoritative" in en
    assert 'href="/en/legal/decree/2025/239-nd-cp/"' in en and "Amended by" in en
    law = (built / "legal/law/2020/61-qh14/index.html").read_text(encoding="utf-8")
    assert "Hết hiệu lực" in law and "Còn hiệu lực" not in law  # its end date passed on the build date


def test_document_pages_carry_legislation_jsonld(built):
    en = (built / "en/legal/decree/2021/31-nd-cp/index.html").read_text(encoding="utf-8")
    (node,) = [n for n in jsonld(en) if n.get("@type") == "Legislation"]
    assert node["legislationIdentifier"] == "31/2021/NĐ-CP" and node["legislationType"] == "Decree"
    assert node["legislationDate"] == "2021-03-26" and node["legislationDateOfApplicability"] == "2021-03-26"
    assert node["legislationLegalForce"] == "https://schema.org/InForce" and node["inLanguage"] == "vi"
    assert node["isBasedOn"] == [{"@id": "https://daklak-portal.example.org/legal/law/2020/61-qh14/#document"}]
    (translation,) = node["workExample"]
    assert translation["translationOfWork"]["@id"] == node["@id"] and translation["inLanguage"] == "en"
    amendment = (built / "legal/decree/2025/239-nd-cp/index.html").read_text(encoding="utf-8")
    (node,) = [n for n in jsonld(amendment) if n.get("@type") == "Legislation"]
    assert node["legislationChanges"] == [{"@id": "https://daklak-portal.example.org/legal/decree/2021/31-nd-cp/#document"}]


def test_the_listing_groups_by_subject_and_carries_what_the_filters_need(built):
    listing = (built / "en/legal/index.html").read_text(encoding="utf-8")
    assert '<form class="portal-legal-filters" hidden' in listing and "portal-legal-filter.js" in listing
    assert listing.index('id="subject-investment"') < listing.index('id="subject-industrial-zones"') < listing.index('id="procedures"')
    entry = re.search(r'<li data-type="decree" data-year="2025" data-status="in-force" data-subject="investment administrative-units" data-issuer="government">(.*?)</li>', listing, re.S)
    assert entry and 'href="/en/legal/decree/2025/239-nd-cp/"' in entry[1] and '<span lang="vi">' in entry[1]  # not translated: its Vietnamese title, marked
    for select in ("type", "year", "status", "subject", "issuer"):
        assert f'<label for="legal-{select}">' in listing and f'<select id="legal-{select}" name="{select}">' in listing


def test_the_dataset_has_legal_resources(built):
    package = json.loads((built / "data/datapackage.json").read_text(encoding="utf-8"))
    names = {resource["name"] for resource in package["resources"]}
    assert {"legal-documents", "procedures"} <= names
    csv = (built / "data/legal-documents.csv").read_text(encoding="utf-8")
    assert "title@vi,title@en,title@km" in csv and "31/2021/NĐ-CP" in csv


# -- the vocabularies, the schedule -------------------------------------------------------------


def test_the_schemas_name_the_vocabularies_ids():
    from daklak_portal.dataset.records import SCHEMA_DIR
    from daklak_portal.legal.vocabulary import (
        BODIES,
        DOCUMENT_TYPES,
        STATUSES,
        SUBJECTS,
    )

    documents = json.loads((SCHEMA_DIR / "legal-documents.schema.json").read_text(encoding="utf-8"))["properties"]["legal_document"]["properties"]
    assert documents["type"]["enum"] == list(DOCUMENT_TYPES) and documents["status"]["enum"] == list(STATUSES)
    assert documents["subjects"]["items"]["enum"] == list(SUBJECTS)
    assert documents["issuer"]["enum"] == [body for body, info in BODIES.items() if info.code]
    procedures = json.loads((SCHEMA_DIR / "procedures.schema.json").read_text(encoding="utf-8"))["properties"]["procedure"]["properties"]
    assert procedures["authority"]["enum"] == procedures["submit_to"]["enum"] == list(BODIES)


def test_the_publishing_workflow_rebuilds_weekly_on_the_day_of_the_build():
    import yaml

    from conftest import PROJECT

    publish = yaml.safe_load((PROJECT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = publish[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["schedule"][0]["cron"].endswith("* * 1")
    dated = [step for step in publish["jobs"]["build"]["steps"] if "SOURCE_DATE_EPOCH" in step.get("run", "")]
    assert dated and dated[0]["if"] == "github.event_name == 'schedule'"


@pytest.mark.parametrize("text", ["", "/", "1708/", "//QĐ-", "1708/2024/2024/QĐ-TTg", "１７０８/QĐ-TTg", "1708/QĐ-TTg\n", None, 1708])
def test_any_number_gives_a_message_or_nothing_never_an_exception(text):
    found = number_problem(text, "decision", "prime-minister", 2024)
    assert found is None or found[0].startswith("legal.number")


def test_a_procedure_page_shows_its_body_time_fee_basis_and_official_page(built):
    vi = (built / "legal/procedures/investment-registration/index.html").read_text(encoding="utf-8")
    notice = re.search(r'<p class="portal-legal-notice" role="note">(.*?)</p>', vi, re.S)[1]
    assert 'href="https://dichvucong.gov.vn/' in notice
    facts = re.search(r'<dl class="portal-legal-facts">(.*?)</dl>', vi, re.S)[1]
    assert "Sở Tài chính" in facts and "10 ngày làm việc" in facts and "Không thu phí" in facts
    assert 'href="/legal/decree/2021/31-nd-cp/"' in facts and 'href="/legal/decree/2025/239-nd-cp/"' in facts
    (node,) = [n for n in jsonld(vi) if n.get("@type") == "GovernmentService"]
    assert node["provider"]["name"] == "Sở Tài chính" and len(node["isBasedOn"]) == 2


# -- the real database --------------------------------------------------------------------------


def test_the_real_database_is_complete_and_its_relations_hold_both_ways():
    from conftest import PROJECT
    from daklak_portal.legal.vocabulary import RELATIONS

    dataset, findings = records(PROJECT)
    assert findings == []
    database = dataset.legal
    assert len(database.documents) >= 25 and len(database.procedures) >= 8
    for number in database.documents:
        for name, others in database.relations_of(number).items():
            for other in others:
                assert number in database.relations_of(other)[RELATIONS[name][0]], (number, name, other)
    for procedure in database.procedures.values():
        assert procedure.legal_basis and all(n in database.documents for n in procedure.legal_basis)
    # Khmer readers have the listing and at least five documents in Khmer.
    km = load_pages(load_settings(PROJECT))[0]["km"]
    assert "legal/index.md" in km and sum(1 for d in database.documents.values() if d.key in km) >= 5


def test_every_real_document_page_carries_its_legislation_jsonld(built_real_site):
    from conftest import PROJECT

    database = records(PROJECT)[0].legal
    for document in database.documents.values():
        path = document.key.removesuffix(".md")
        for prefix in ("", "en/"):
            html = (built_real_site / prefix / path / "index.html").read_text(encoding="utf-8")
            (node,) = [n for n in jsonld(html) if n.get("@type") == "Legislation"]
            assert node["legislationIdentifier"] == document.number and node["legislationDate"] == document.signed.isoformat()
            assert node["legislationType"] and node["legislationLegalForce"].startswith("https://schema.org/") and node["inLanguage"] == "vi"
            assert node["legislationPassedBy"]["name"] and node["sameAs"] == document.official_text
            if prefix:
                assert any(work.get("translationOfWork", {}).get("@id") == node["@id"] and work["inLanguage"] == "en" for work in node["workExample"])
                assert "has no legal force" in html
