"""Write a sheet model as XLSX with openpyxl, then re-zip it with fixed timestamps (same model, same bytes)."""

from __future__ import annotations

import io
import zipfile
from copy import copy
from functools import cache

from openpyxl import Workbook as XlWorkbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from generator.forms.sheet import Cell, Rule, Sheet, Workbook, cells_in
from generator.office.zipfiles import normalise_zip

FONT = "Arial"
INPUT_FILL, FIXED_FILL, HEADING_FILL = "FFF2A8", "F2F2F2", "D9D9D9"
NUMBER_FORMATS = {"count": "#,##0", "decimal": "#,##0.0#", "percent": "0.0", "money": "£#,##0.00", "date": "DD/MM/YYYY", "": "General"}
LOOKS = {  # style: (bold, size, fill, wrap, border)
    "title": (True, 14, "", False, False),
    "note": (False, 10, "", True, False),
    "label": (True, 10, "", True, False),
    "heading": (True, 10, HEADING_FILL, True, True),
    "fixed": (False, 10, FIXED_FILL, True, True),
    "formula": (False, 10, FIXED_FILL, False, True),
    "input": (False, 10, INPUT_FILL, True, True),
    "section": (True, 11, "", False, False),
    "text": (False, 10, "", True, False),
    "strong": (True, 10, "", True, False),
    "link": (False, 10, "", True, False),
}
_THIN = Side(style="thin", color="808080")


@cache
def _style(style: str) -> tuple[Font, PatternFill | None, Alignment, Border | None]:
    bold, size, fill, wrap, border = LOOKS[style]
    colour = "1D70B8" if style == "link" else "0B0C0C"
    font = Font(name=FONT, size=size, bold=bold, color=colour, underline="single" if style == "link" else None)
    return (font, PatternFill("solid", fgColor=fill) if fill else None, Alignment(wrap_text=wrap, vertical="top"),
            Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN) if border else None)


def _validation(rule: Rule) -> DataValidation:
    kwargs = {"allow_blank": True, "showInputMessage": True, "showErrorMessage": True, "errorStyle": "stop",
              "promptTitle": rule.title, "prompt": rule.prompt, "errorTitle": rule.title, "error": rule.error}
    if rule.kind in {"whole", "decimal"}:
        return DataValidation(type=rule.kind, operator="between", formula1=_num(rule.minimum), formula2=_num(rule.maximum), **kwargs)
    if rule.kind == "date":
        low = f"MAX({rule.after},{_num(rule.minimum)})" if rule.after else _num(rule.minimum)
        return DataValidation(type="date", operator="between", formula1=low, formula2=_num(rule.maximum), **kwargs)
    if rule.kind == "list":
        return DataValidation(type="list", formula1='"' + ",".join(rule.choices) + '"', **kwargs)
    return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(rule.max_length), **kwargs)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


Looks = dict[tuple[str, str, bool], StyleArray]


def _apply_look(target: XlCell, cell: Cell, looks: Looks) -> None:
    """Style a cell; the first cell of each look is styled attribute by attribute (slow in openpyxl), the rest copy it."""
    key = (cell.style, cell.number, cell.locked)
    if key in looks:
        target._style = copy(looks[key])
        return
    font, fill, alignment, border = _style(cell.style)
    target.font, target.alignment = font, alignment
    if fill:
        target.fill = fill
    if border:
        target.border = border
    target.number_format = NUMBER_FORMATS[cell.number]
    target.protection = Protection(locked=cell.locked)
    looks[key] = copy(target._style)


def _write_cell(ws: Worksheet, r: int, c: int, cell: Cell, looks: Looks) -> None:
    target = ws.cell(row=r, column=c + 1)
    if cell.formula:
        target.value = "=" + cell.formula
    elif cell.value is not None:
        target.value = cell.value
    _apply_look(target, cell, looks)
    font, fill, alignment, border = _style(cell.style)
    if cell.link:
        target.hyperlink = cell.link
    if cell.span > 1:
        ws.merge_cells(start_row=r, start_column=c + 1, end_row=r, end_column=c + cell.span)
        for extra in range(c + 2, c + cell.span + 1):  # merged cells keep the look of the first (borders and fill)
            covered = ws.cell(row=r, column=extra)
            covered.fill, covered.protection = fill or PatternFill(), Protection(locked=cell.locked)
            if border:
                covered.border = border


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    for i, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for r, row in enumerate(sheet.rows, start=1):
        ws.row_dimensions[r].height = 14 * row.lines + 2
    rules: dict[Rule, list[str]] = {}
    looks: Looks = {}
    for r, c, cell in cells_in(sheet):
        _write_cell(ws, r, c, cell, looks)
        if cell.rule is not None:
            rules.setdefault(cell.rule, []).append(f"{get_column_letter(c + 1)}{r}")
    for rule, addresses in rules.items():  # in order of first use, so the bytes are stable
        validation = _validation(rule)
        validation.sqref = " ".join(addresses)  # type: ignore[assignment]
        ws.add_data_validation(validation)
    _page_setup(ws, sheet)


def _page_setup(ws: Worksheet, sheet: Sheet) -> None:
    if sheet.freeze_rows:
        ws.freeze_panes = f"A{sheet.freeze_rows + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if sheet.repeat_rows:
        ws.print_title_rows = f"{sheet.repeat_rows[0]}:{sheet.repeat_rows[1]}"
    ws.oddFooter.center.text = "Page &P of &N"
    ws.oddFooter.left.text = "&A"
    if sheet.protected:  # no password: the aim is to stop accidents, not to hide anything
        ws.protection.sheet = True
        ws.protection.formatColumns = ws.protection.formatRows = False


def render_xlsx(book: Workbook) -> bytes:
    """The workbook as XLSX bytes."""
    wb = XlWorkbook()
    wb.remove(wb.active)
    for sheet in book.sheets:
        _write_sheet(wb.create_sheet(sheet.name), sheet)
    when = book.created.replace(tzinfo=None, microsecond=0)
    props = wb.properties
    props.title, props.subject, props.description, props.keywords = book.title, book.subject, book.description, book.keywords
    props.language, props.creator, props.lastModifiedBy = book.language, book.creator, book.creator
    props.created = props.modified = when
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    return normalise_zip(buffer.getvalue(), book.created)
