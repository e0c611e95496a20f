"""Write a sheet model as ODS by hand: content.xml with table:content-validations, protected sheets and header rows."""

from __future__ import annotations

import zipfile

from generator.forms.odsparts import (
    DATA_STYLES,
    FONTS,
    HEAD,
    MANIFEST,
    MIMETYPE,
    NAMESPACES,
    TABLE_STYLE,
    cell_style,
    column_style,
    meta_xml,
    row_style,
    settings_xml,
    styles_xml,
)
from generator.forms.sheet import Cell, Rule, Sheet, Workbook, odf_formula
from generator.office.zipfiles import escape_text, xml_safe, zip_bytes


def _attr(text: str) -> str:
    return escape_text(xml_safe(text)).replace('"', "&quot;")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def condition(rule: Rule) -> str:
    """The OpenFormula condition of a rule, as LibreOffice reads it (between takes a comma, lists a semicolon)."""
    if rule.kind in {"whole", "decimal"}:
        test = "cell-content-is-whole-number()" if rule.kind == "whole" else "cell-content-is-decimal-number()"
        return f"of:{test} and cell-content-is-between({_number(rule.minimum)},{_number(rule.maximum)})"
    if rule.kind == "date":
        low = f"MAX([.{rule.after}];{_number(rule.minimum)})" if rule.after else _number(rule.minimum)
        return f"of:cell-content-is-date() and cell-content-is-between({low},{_number(rule.maximum)})"
    if rule.kind == "list":
        return "of:cell-content-is-in-list(" + ";".join('"' + c.replace('"', '""') + '"' for c in rule.choices) + ")"
    return f"of:cell-content-text-length()<={rule.max_length}"


def _validation(name: str, rule: Rule, sheet: str) -> str:
    listing = ' table:display-list="unsorted"' if rule.kind == "list" else ""
    return (f'<table:content-validation table:name="{name}" table:condition="{_attr(condition(rule))}" table:allow-empty-cell="true"{listing} '
            f'table:base-cell-address="{_attr(_quoted(sheet))}.A1">'
            f'<table:help-message table:title="{_attr(rule.title)}" table:display="true"><text:p>{escape_text(xml_safe(rule.prompt))}</text:p></table:help-message>'
            f'<table:error-message table:message-type="stop" table:title="{_attr(rule.title)}" table:display="true"><text:p>{escape_text(xml_safe(rule.error))}</text:p></table:error-message>'
            "</table:content-validation>")


def _quoted(sheet: str) -> str:
    return sheet if sheet.isalnum() else "'" + sheet.replace("'", "''") + "'"


_PREFIX = {"cell": "ce", "column": "co", "row": "ro"}


class _Styles:
    """Automatic styles, each named in order of first use so the same model gives the same names."""

    def __init__(self) -> None:
        self.names: dict[tuple[object, ...], str] = {}
        self.xml: list[str] = []

    def name(self, key: tuple[object, ...]) -> str:
        if key not in self.names:
            kind = key[0]
            name = f"{_PREFIX[str(kind)]}{sum(1 for k in self.names if k[0] == kind) + 1}"
            self.names[key] = name
            self.xml.append(cell_style(name, *key[1:]) if kind == "cell" else column_style(name, *key[1:]) if kind == "column" else row_style(name, *key[1:]))  # type: ignore[arg-type]
        return self.names[key]


def _cell(cell: Cell, styles: _Styles, validations: dict[Rule, str]) -> str:
    attrs = f' table:style-name="{styles.name(("cell", cell.style, cell.number, cell.locked))}"'
    if cell.span > 1:
        attrs += f' table:number-columns-spanned="{cell.span}" table:number-rows-spanned="1"'
    if cell.rule is not None:
        attrs += f' table:content-validation-name="{validations[cell.rule]}"'
    body = ""
    if cell.formula:
        attrs += f' table:formula="{_attr(odf_formula(cell.formula))}" office:value-type="string" office:string-value=""'
        body = "<text:p/>"
    elif isinstance(cell.value, str):
        text = escape_text(xml_safe(cell.value))
        if cell.link:
            text = f'<text:a xlink:type="simple" xlink:href="{_attr(cell.link)}">{text}</text:a>'
        attrs += ' office:value-type="string"'
        body = f"<text:p>{text}</text:p>"
    elif isinstance(cell.value, (int, float)):
        attrs += f' office:value-type="float" office:value="{_number(cell.value)}"'
        body = f"<text:p>{_number(cell.value)}</text:p>"
    covered = f'<table:covered-table-cell table:style-name="{styles.name(("cell", cell.style, "", cell.locked))}"/>' * (cell.span - 1)
    return f"<table:table-cell{attrs}>{body}</table:table-cell>{covered}"


def _table(sheet: Sheet, styles: _Styles, validations: dict[Rule, str]) -> str:
    columns = "".join(f'<table:table-column table:style-name="{styles.name(("column", w))}"/>' for w in sheet.widths)
    rows = []
    for number, row in enumerate(sheet.rows, start=1):
        xml = f'<table:table-row table:style-name="{styles.name(("row", row.lines))}">' + "".join(_cell(c, styles, validations) for c in row.cells) + "</table:table-row>"
        if sheet.repeat_rows and number == sheet.repeat_rows[0]:
            xml = "<table:table-header-rows>" + xml
        if sheet.repeat_rows and number == sheet.repeat_rows[1]:
            xml += "</table:table-header-rows>"
        rows.append(xml)
    protected = ' table:protected="true"' if sheet.protected else ""
    return f'<table:table table:name="{_attr(sheet.name)}" table:style-name="ta1"{protected}>{columns}{"".join(rows)}</table:table>'


def content_xml(book: Workbook) -> bytes:
    """The spreadsheet body: validations first, then each sheet."""
    styles = _Styles()
    validations: dict[Rule, str] = {}
    declared = []
    for sheet in book.sheets:
        for row in sheet.rows:
            for cell in row.cells:
                if cell.rule is not None and cell.rule not in validations:
                    validations[cell.rule] = f"val{len(validations) + 1}"
                    declared.append(_validation(validations[cell.rule], cell.rule, sheet.name))
    tables = "".join(_table(s, styles, validations) for s in book.sheets)
    numbers = "".join(xml for _, xml in DATA_STYLES.values())
    return (f"{HEAD}<office:document-content {NAMESPACES} office:version=\"1.3\">{FONTS}<office:automatic-styles>{numbers}{TABLE_STYLE}{''.join(styles.xml)}"
            f"</office:automatic-styles><office:body><office:spreadsheet><table:content-validations>{''.join(declared)}</table:content-validations>"
            f"{tables}</office:spreadsheet></office:body></office:document-content>").encode()


def render_ods(book: Workbook) -> bytes:
    """The workbook as ODS bytes (mimetype first and stored, as the format requires)."""
    entries = [
        ("mimetype", MIMETYPE.encode(), zipfile.ZIP_STORED),
        ("content.xml", content_xml(book), zipfile.ZIP_DEFLATED),
        ("styles.xml", styles_xml(), zipfile.ZIP_DEFLATED),
        ("meta.xml", meta_xml(book), zipfile.ZIP_DEFLATED),
        ("settings.xml", settings_xml(book.sheets), zipfile.ZIP_DEFLATED),
        ("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED),
    ]
    return zip_bytes(entries, book.created)
