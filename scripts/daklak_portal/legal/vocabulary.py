"""The fixed vocabularies of the legal database: document types, issuing and competent bodies,
subject areas and statuses. Front matter names them by id; readers see the label, translated
through the Babel catalogs (N_ marks a label for `make catalogs` without translating it here).

A document number is written as issued, `<number>[/<year>]/[<kind>-]<issuer code>`
(`31/2021/NĐ-CP`, `1708/QĐ-TTg`, `202/2025/QH15`): `kind` must be one its type allows, and the
issuer code one its issuing body uses, so that a typo in the symbol is found (numbers.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def N_(label: str) -> str:
    return label


@dataclass(frozen=True)
class DocumentType:
    label: str  # singular, in the catalogs' reference language
    kinds: tuple[str, ...]  # the symbol's kind part ("" when the number has none: a law)
    schema_type: str  # schema.org legislationType


DOCUMENT_TYPES: dict[str, DocumentType] = {
    "law": DocumentType(N_("Law"), ("",), "Law"),
    "resolution": DocumentType(N_("Resolution"), ("NQ", ""), "Resolution"),
    "decree": DocumentType(N_("Decree"), ("NĐ",), "Decree"),
    "decision": DocumentType(N_("Decision"), ("QĐ",), "Decision"),
    "circular": DocumentType(N_("Circular"), ("TT",), "Circular"),
    "plan": DocumentType(N_("Plan"), ("KH",), "Plan"),
    "directive": DocumentType(N_("Directive"), ("CT",), "Directive"),
}


@dataclass(frozen=True)
class Body:
    label: str
    code: str = ""  # a regular expression for the issuer code in its documents' numbers


BODIES: dict[str, Body] = {
    "national-assembly": Body(N_("National Assembly"), r"QH\d{2}"),
    "national-assembly-standing-committee": Body(N_("Standing Committee of the National Assembly"), r"UBTVQH\d{2}"),
    "government": Body(N_("Government"), "CP"),
    "prime-minister": Body(N_("Prime Minister"), "TTg"),
    "ministry-of-finance": Body(N_("Ministry of Finance"), "BTC"),
    "ministry-of-planning-and-investment": Body(N_("Ministry of Planning and Investment"), "BKHĐT"),
    "ministry-of-justice": Body(N_("Ministry of Justice"), "BTP"),
    "ministry-of-public-security": Body(N_("Ministry of Public Security"), "BCA"),
    "ministry-of-foreign-affairs": Body(N_("Ministry of Foreign Affairs"), "BNG"),
    "ministry-of-culture-sports-and-tourism": Body(N_("Ministry of Culture, Sports and Tourism"), "BVHTTDL"),
    "ministry-of-home-affairs": Body(N_("Ministry of Home Affairs"), "BNV"),
    "ministry-of-labour-invalids-and-social-affairs": Body(N_("Ministry of Labour, Invalids and Social Affairs"), "BLĐTBXH"),
    "ministry-of-industry-and-trade": Body(N_("Ministry of Industry and Trade"), "BCT"),
    "ministry-of-natural-resources-and-environment": Body(N_("Ministry of Natural Resources and Environment"), "BTNMT"),
    "ministry-of-construction": Body(N_("Ministry of Construction"), "BXD"),
    "provincial-peoples-council": Body(N_("Provincial People's Council"), "HĐND"),
    "provincial-peoples-committee": Body(N_("Provincial People's Committee"), "UBND"),
    "provincial-peoples-committee-chairperson": Body(N_("Chairperson of the Provincial People's Committee")),
    "phu-yen-provincial-peoples-council": Body(N_("People's Council of the former Phú Yên province"), "HĐND"),
    "phu-yen-provincial-peoples-committee": Body(N_("People's Committee of the former Phú Yên province"), "UBND"),
    "department-of-finance": Body(N_("Department of Finance"), "STC"),
    "department-of-justice": Body(N_("Department of Justice"), "STP"),
    "department-of-home-affairs": Body(N_("Department of Home Affairs"), "SNV"),
    "provincial-public-administration-service-centre": Body(N_("Provincial Public Administration Service Centre")),
    "provincial-police": Body(N_("Provincial Police")),
    "commune-peoples-committee": Body(N_("Commune People's Committee")),
    "economic-zone-management-board": Body(N_("Economic Zone Management Board")),
    "immigration-department": Body(N_("Immigration Department, Ministry of Public Security")),
}

SUBJECTS: dict[str, str] = {
    "investment": N_("Investment"),
    "enterprises": N_("Enterprises"),
    "land": N_("Land"),
    "tax": N_("Tax"),
    "industrial-zones": N_("Industrial parks and economic zones"),
    "tourism": N_("Tourism"),
    "administrative-units": N_("Administrative units"),
    "planning": N_("Planning"),
    "foreigners": N_("Foreigners: entry and residence"),
    "labour": N_("Labour"),
    "press": N_("Press and information"),
    "justice": N_("Justice and civil status"),
    "digital-government": N_("Digital government"),
}

# Status id -> (label, schema.org LegalForceStatus)
STATUSES: dict[str, tuple[str, str]] = {
    "in-force": (N_("In force"), "InForce"),
    "partly-in-force": (N_("Partly in force"), "PartiallyInForce"),
    "not-in-force": (N_("No longer in force"), "NotInForce"),
    "not-yet-in-force": (N_("Not yet in force"), "NotInForce"),
}

# Relation name -> (its reverse, label of the relation as read on the page)
RELATIONS: dict[str, tuple[str, str]] = {
    "amends": ("amended_by", N_("Amends")),
    "amended_by": ("amends", N_("Amended by")),
    "replaces": ("replaced_by", N_("Replaces")),
    "replaced_by": ("replaces", N_("Replaced by")),
    "implements": ("implemented_by", N_("Implements")),
    "implemented_by": ("implements", N_("Implemented by")),
}
FORWARD_RELATIONS = ("amends", "replaces", "implements")  # a cycle among these is an error


def issuer_matches(body_id: str, code: str) -> bool:
    pattern = BODIES[body_id].code if body_id in BODIES else ""
    return bool(pattern) and re.fullmatch(pattern, code) is not None
