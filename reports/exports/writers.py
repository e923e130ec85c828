"""CSV and XLSX, written row by row.

CSV: a generator of encoded lines for a StreamingHttpResponse (UTF-8 with a byte-order mark, so Excel
reads Korean correctly). Text that a spreadsheet would run as a formula (starting with =, +, -, @, a
tab or a carriage return) gets a leading apostrophe (OWASP "CSV injection").

XLSX: openpyxl's write-only workbook, which streams rows to a temporary file instead of holding them.
Text is always stored as text: a string starting with "=" is written as an inline string cell, never
as a formula, so it keeps its exact value and nothing is evaluated.
"""

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 1_000


def csv_safe(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Line:
    """A file-like object whose write() returns what it was given (Django's streaming CSV recipe)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    yield "\ufeff".encode()
    yield writer.writerow([csv_safe(h) for h in header]).encode()
    for row in rows:
        yield writer.writerow([csv_safe(v) for v in row]).encode()


def write_xlsx(target, *, title: str, header: list[str], rows: Iterable[list],
               progress: Callable[[int], None] | None = None) -> int:
    """Write the rows to ``target`` (a path or a binary file); returns how many data rows were written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])

    def cell(value):
        if isinstance(value, str) and value.startswith("="):
            text = WriteOnlyCell(sheet, value=value)
            text.data_type = "s"  # text, never a formula
            return text
        return value

    sheet.append([cell(h) for h in header])
    written = 0
    for row in rows:
        sheet.append([cell(v) for v in row])
        written += 1
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written)
    workbook.save(target)
    return written
