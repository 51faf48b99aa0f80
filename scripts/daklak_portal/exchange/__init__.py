"""Translation exchange with CAT tools: pages exported as XLIFF 1.2 or gettext PO units and
imported back into Markdown (`portal export`, `portal import`).

- inline.py: the Markdown inside a unit (links, code, HTML, emphasis) as numbered placeholders;
- blocks.py: a page body cut into translatable blocks (headings, paragraphs, list items, table
  cells, admonition titles), and a block written back;
- units.py: the units of one page in one language: source, current translation, state, notes;
- po_files.py, xliff_files.py: the two file formats, written and read with line numbers;
- apply.py: checks an imported file against the current pages and writes the translations back.
"""
