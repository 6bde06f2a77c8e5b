"""`cchc import`: a draft plan file from the signed document (.docx, .pdf, .txt).

read (readers.py: every format becomes one list of paragraphs and tables) -> recognise
(recognise.py: header, legal bases, numbered structure, appendix table, signer, recipients)
-> write (emit.py: YAML text with `# KIỂM TRA:` comments where the text could not be placed
with confidence) -> a summary of what was placed.

Every piece of text placed is copied from the document; nothing is made up. What cannot be
placed is kept as a comment at its position, never dropped.
"""
from __future__ import annotations

from .recognise import Draft, import_blocks
from .readers import MissingLibrary, UnknownFormat, read

__all__ = ["Draft", "MissingLibrary", "UnknownFormat", "import_file", "import_blocks", "read"]


def import_file(path, ocr: bool | None = None) -> Draft:
    """The draft plan for a document file. `ocr` forces (True/False) the OCR provenance flag;
    None detects text without Vietnamese diacritics."""
    blocks = read(path)
    return import_blocks(blocks, source_name=path.name, ocr=ocr)
