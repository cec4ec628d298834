"""Checking an uploaded xlsx before any reader builds its sheets in memory.

A worksheet's cells are stored sparsely in the file, but readers (calamine, pandas) hold a sheet as a
dense grid from its first to its last cell: a 5 KB workbook with a value in A1 and another in
XFD1048576 asks for 17 billion cells and takes the server down. So every worksheet's real extent —
the rows and columns its cells (and its declared <dimension>) reach — is measured first, from the
compressed XML as a stream, in constant memory, and a workbook whose sheets reach further than an
import can use is refused with a message saying which sheet, how far, and what the limit is.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

CHUNK = 1 << 22  # 4 MB of XML at a time
# A cell reference in a worksheet's XML: <c r="AB123" ...> or <dimension ref="A1:XFD1048576"/>.
_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')
_DIMENSION = re.compile(rb'<dimension\b[^>]*?\bref="[A-Z]{1,3}[0-9]{1,7}:([A-Z]{1,3})([0-9]{1,7})"')
_OVERLAP = 512  # a reference cut by a chunk boundary is found in the next chunk's overlap


@dataclass(frozen=True)
class SheetExtent:
    part: str  # the worksheet's part in the package, e.g. "xl/worksheets/sheet1.xml"
    rows: int  # the last row any cell reaches (1-based), 0 for an empty sheet
    columns: int  # the last column any cell reaches (1-based: A = 1, XFD = 16384)
    cells: int  # cells stored

    @property
    def last_cell(self) -> str:
        return f"{column_name(self.columns)}{self.rows}" if self.rows and self.columns else ""


def column_number(letters: bytes | str) -> int:
    number = 0
    for letter in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def column_name(number: int) -> str:
    name = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        name = chr(65 + remainder) + name
    return name


def worksheet_extents(archive: zipfile.ZipFile) -> list[SheetExtent]:
    """The extent of every worksheet in the package, read as a stream (memory stays at a few MB)."""
    extents = []
    for entry in archive.infolist():
        name = entry.filename
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        rows = columns = cells = 0
        tail = b""
        with archive.open(entry) as stream:
            first = True
            while chunk := stream.read(CHUNK):
                text = tail + chunk
                if first:
                    declared = _DIMENSION.search(text)
                    if declared:
                        columns, rows = column_number(declared.group(1)), int(declared.group(2))
                    first = False
                # Cells wholly inside the part already seen (the overlap) are not counted twice.
                for match in _CELL.finditer(text):
                    if match.end() <= len(tail):
                        continue
                    cells += 1
                    row = int(match.group(2))
                    if row > rows:
                        rows = row
                    column = column_number(match.group(1))
                    if column > columns:
                        columns = column
                tail = text[-_OVERLAP:]
        extents.append(SheetExtent(name, rows, columns, cells))
    return extents


def oversized(archive: zipfile.ZipFile, *, max_rows: int, max_columns: int) -> SheetExtent | None:
    """The first worksheet that reaches beyond `max_rows` or `max_columns`, or None."""
    for extent in worksheet_extents(archive):
        if extent.rows > max_rows or extent.columns > max_columns:
            return extent
    return None
