"""E-publications assembled from the portal's pages (`portal publications`): PDF and EPUB 3.

- book.py: the publications of publications/*.yml, which languages can have them (every page
  translated), and each page's article taken from the built site;
- render.py: the book as print-ready HTML, the PDF (WeasyPrint) and the EPUB, cached on their
  inputs, with reproducible bytes.
"""
