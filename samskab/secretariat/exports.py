"""The committee report as PDF (WeasyPrint) and its figures as CSV and XLSX.

WeasyPrint never reaches the network: the report's print template carries its styles and
charts inline, and the URL fetcher refuses every address, so a stray link or image in
the secretariat's Markdown cannot make the server fetch anything.
"""

from __future__ import annotations

import csv
import io
import logging
from typing import Any

from django.utils.translation import gettext as _


def report_header() -> tuple[str, ...]:
    """The committee report's columns, in the reader's language (Danish by default)."""
    return (_("Period"), _("Section"), _("Chart"), _("What"), _("Value"))


def refusing_fetcher() -> Any:
    """A WeasyPrint URL fetcher that fetches nothing: everything is inside the HTML."""
    from weasyprint.urls import URLFetcher, URLFetchingError

    class RefusingFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise URLFetchingError(f"Not fetched (the PDF uses no outside resources): {url}")

    return RefusingFetcher()


def pdf_bytes(html: str) -> bytes:
    # WeasyPrint reports every step at INFO; the server log only needs its warnings.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    # Imported here: WeasyPrint is large, and only the PDF view needs it.
    from weasyprint import HTML

    document = HTML(string=html, base_url=None, url_fetcher=refusing_fetcher())
    result = document.write_pdf()
    assert result is not None
    return result


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_text(
    header: tuple[str, ...], rows: list[tuple[Any, ...]], *, for_spreadsheet: bool = False
) -> str:
    """CSV text. ``for_spreadsheet``: separated by ";" and starting with a byte order mark,
    which is what Danish Excel needs to open the file with its columns and æ, ø and å."""
    buffer = io.StringIO()
    if for_spreadsheet:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";" if for_spreadsheet else ",")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def xlsx_bytes(header: tuple[str, ...], rows: list[tuple[str, ...]], *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(list(header))
    for row in rows:
        # Whole numbers as numbers, so that the spreadsheet can add them up.
        sheet.append([int(cell) if cell.isdigit() else safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
