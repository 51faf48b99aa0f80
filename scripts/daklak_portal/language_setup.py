"""`portal language add lo --name ພາສາລາວ`: a new portal language in one step.

It writes what the portal needs to know about the language and what translators fill in:
- its entry in mkdocs.yml (the i18n plugin's `languages:`), with `build: false`: nothing is built
  for readers until its home page docs/<code>/index.md exists and `build: true` is set;
- overrides/partials/languages/<code>.html: the theme's strings, in English until translated
  (coverage counts them);
- in the package, unless they are there already (they ship with the code, as Khmer's do):
  locales/<code>/language.yml from CLDR (Babel): English name, Open Graph locale, script, date
  pattern, the preloaded font when the script has one in docs/assets/css/fonts.css; and
  locales/<code>/LC_MESSAGES/messages.po, the templates' strings, empty, to translate.
Everything else follows the configured languages: switcher, hreflang, sitemap, coverage,
search (one Pagefind index per language), the dataset's name@<code> columns.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.pofile import read_po, write_po

from .config import REFERENCE_LANGUAGE, load_settings
from .errors import PortalError, relative
from .files import write_atomically
from .site_build.fonts import faces
from .text_language import SCRIPT_LETTERS
from .translations import LOCALES_DIR, catalog_path

_CODE = re.compile(r"^[a-z]{2,3}$")


def _language_yml(code: str, settings_docs: Path) -> str:
    parts = str(get_global("likely_subtags").get(code, code)).split("_")  # lo -> lo_Laoo_LA
    script = next((part for part in parts[1:] if len(part) == 4), "Latn")
    territory = next((part for part in parts[1:] if len(part) == 2 and part.isupper()), None)
    english = Locale.parse(REFERENCE_LANGUAGE).languages.get(code, code)
    font = None
    letters = SCRIPT_LETTERS.get(script)
    css = settings_docs / "assets" / "css" / "fonts.css"
    if letters is not None and css.is_file():
        for face in faces(css.read_text(encoding="utf-8")):
            sample = next((point for point in face.unicode_range if letters.match(chr(point))), None)
            if sample is not None and "400" in face.group:
                font = face.file
                break
    elif css.is_file():
        font = "noto-sans-latin-400-normal.woff2"
    lines = [
        f"# {english}: what the portal's code needs to know about the language besides the translated",
        "# strings of messages.po (see vi/language.yml for what each field means). Written by",
        "# `portal language add` from CLDR; check it with a native reader.",
        f"english_name: {english}",
        f"og_locale: {code}_{territory}" if territory else f"og_locale: {code}",
        f"script: {script}",
        f"babel_locale: {code}",
        "date_pattern: long",
        'year_pattern: "y"',
        f"joins_lines: {'true' if script in SCRIPT_LETTERS else 'false'}   # no spaces between words: soft line breaks join",
    ]
    if font:
        lines.append(f"preload_font: {font}")
    lines.append("# dataset: the open dataset's texts in this language (until then: English)")
    return "\n".join(lines) + "\n"


def _mkdocs_entry(text: str, code: str, name: str) -> str:
    """mkdocs.yml with the language appended to the i18n plugin's `languages:` list."""
    lines = text.split("\n")
    start = next((index for index, line in enumerate(lines) if re.match(r"^\s*-\s*i18n:\s*$", line)), None)
    if start is None:
        raise PortalError("config.no-i18n")
    listing = next(index for index in range(start, len(lines)) if lines[index].strip() == "languages:")
    item_indent = len(lines[listing + 1]) - len(lines[listing + 1].lstrip())
    end = listing + 1
    def inside(line: str) -> bool:  # a line of the list: an item, or deeper than its items
        indent = len(line) - len(line.lstrip())
        return not line.strip() or indent > item_indent or (indent == item_indent and line.lstrip().startswith("- "))

    while end < len(lines) and inside(lines[end]):
        end += 1
    while not lines[end - 1].strip():
        end -= 1
    pad = " " * item_indent
    entry = [
        f"{pad}- locale: {code}",
        f"{pad}  name: {name}",
        f"{pad}  build: false  # true once docs/{code}/index.md exists",
    ]
    return "\n".join(lines[:end] + entry + lines[end:])


def add_language(root: Path, code: str, name: str) -> list[Path]:
    """Adds `code` to the portal; returns the files written or changed."""
    settings = load_settings(root)
    if not _CODE.match(code):
        raise PortalError("language.bad-code", code=code)
    if code in settings.languages:
        raise PortalError("language.exists", code=code)
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise PortalError("language.bad-code", code=code) from None
    written = []
    mkdocs = settings.mkdocs_yml
    write_atomically(mkdocs, _mkdocs_entry(mkdocs.read_text(encoding="utf-8"), code, name))
    written.append(mkdocs)
    theme = settings.root / "overrides" / "partials" / "languages" / f"{code}.html"
    if not theme.exists():
        english = (files("material") / "templates" / "partials" / "languages" / f"{REFERENCE_LANGUAGE}.html").read_text(encoding="utf-8")
        header = f"{{#-\n  {Locale.parse(REFERENCE_LANGUAGE).languages.get(code, code)} ({name}) user-interface strings for Material for MkDocs: the\n  English strings to translate (written by `portal language add`; coverage counts them).\n-#}}\n"
        body = english[english.find("{% macro t(key) %}") :].replace(f'"language": "{REFERENCE_LANGUAGE}"', f'"language": "{code}"')
        theme.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(theme, header + body)
        written.append(theme)
    language_yml = LOCALES_DIR / code / "language.yml"
    if not language_yml.exists():
        language_yml.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(language_yml, _language_yml(code, settings.docs_dir))
        written.append(language_yml)
    po = catalog_path(code)
    if not po.exists():
        with (LOCALES_DIR / "messages.pot").open("rb") as handle:
            catalog = read_po(handle)
        catalog.locale = locale
        po.parent.mkdir(parents=True, exist_ok=True)
        with po.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=True)
        written.append(po)
    return [Path(relative(path, settings.root)) for path in written]
