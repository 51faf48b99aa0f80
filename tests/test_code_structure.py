"""The package's structure stays as the README describes it: no import cycle, languages named
in one place (so that a fourth language is a folder and a line in mkdocs.yml), a plugin that
only maps MkDocs events, and front matter and headings parsed in one module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "daklak_portal"
LANGUAGE_CODES = {path.name for path in (PACKAGE / "locales").iterdir() if path.is_dir()}


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("daklak_portal", *path.relative_to(PACKAGE).with_suffix("").parts)
        found[".".join(parts).removesuffix(".__init__")] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules a module imports (at any place in it, functions included)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(filter(None, [base, node.module]))
            # (`from . import x` imports the submodule x; the package itself is already loading)
            targets = [module] * bool(node.module) + [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        found |= {target for target in targets if target in known and target != name}
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, nxt])):
                return cycle
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [start])):
            return cycle
    return None


def test_no_import_cycle_in_the_package():
    found = modules()
    graph = {name: imports_of(name, path, set(found)) for name, path in found.items()}
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def string_constants(path: Path) -> list[tuple[int, str]]:
    """(line, text) of the string literals of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [(node.lineno, node.value) for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def names_a_language(text: str) -> bool:
    return text in LANGUAGE_CODES or bool(re.search(r'lang="(%s)"' % "|".join(LANGUAGE_CODES), text))


def test_no_module_but_config_names_a_language():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {text!r}"
        for path in modules().values()
        if path.name != "config.py"
        for line, text in string_constants(path)
        if names_a_language(text)
    ]
    assert offenders == [], "language codes belong in mkdocs.yml, locales/<code>/language.yml or config.py"


def test_the_language_check_sees_a_code():
    assert names_a_language("km") and names_a_language('<span lang="vi">') and not names_a_language("kmz")


def test_every_language_of_mkdocs_yml_has_its_language_file():
    from daklak_portal.config import language_info, load_settings

    settings = load_settings(PACKAGE.parent.parent)
    for language in settings.languages:
        assert (PACKAGE / "locales" / language / "language.yml").is_file(), language
        info = language_info(language)
        assert info.dataset.get("title") and info.og_locale and len(info.digits) == 10, language


def test_plugin_only_maps_events():
    plugin = PACKAGE / "plugin.py"
    assert len(plugin.read_text(encoding="utf-8").splitlines()) <= 150
    tree = ast.parse(plugin.read_text(encoding="utf-8"))
    helpers = [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and not node.name.startswith(("on_", "__"))]
    assert set(helpers) <= {"_key", "_source_file"}, helpers


def test_front_matter_and_headings_parsed_in_one_module():
    patterns = (r"\\A---", r"#\{2,6\}", r"\(\?:---\|\\\.\\\.\\\.\)")
    parsers = {path.name for path in modules().values() if any(re.search(pattern, path.read_text(encoding="utf-8")) for pattern in patterns)}
    assert parsers == {"page_text.py"}
