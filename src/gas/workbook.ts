import {
  type Cell,
  type CellInput,
  isDate,
  isFormula,
  RULE_MARKER,
  type SheetLayout,
  type WorkbookPort,
} from "../core/ports";
import { PRIVACY_TAG } from "../core/privacy/sheets";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Rows added at a time when a sheet is full. */
const GROW_ROWS = 1000;

/** Description that marks the protections this program owns (so re-applying replaces them). */
const PROTECTION_TAG = "Наставничество:";

/**
 * Strings Sheets would not keep as typed: formulas (= + - @), numbers, dates, booleans.
 * A leading apostrophe makes Sheets store the rest as literal text.
 */
export function asLiteralText(s: string): string {
  if (s === "") return s;
  if (/^[=+\-@']/.test(s)) return "'" + s;
  if (/^\s*[\d\s.,]+%?\s*$/.test(s)) return "'" + s;
  if (/^\s*\d{1,4}[./-]\d{1,2}([./-]\d{1,4})?(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$/.test(s)) return "'" + s;
  if (/^\s*(true|false|истина|ложь)\s*$/i.test(s)) return "'" + s;
  return s;
}

/** The spreadsheet zone's offset from UTC in milliseconds at a given instant. */
function zoneOffsetMs(timeZone: string, at: Date): number {
  const z = Utilities.formatDate(at, timeZone, "Z"); // "+0300"
  const m = /^([+-])(\d{2})(\d{2})$/.exec(z);
  if (!m) return 0;
  const ms = (Number(m[2]) * 60 + Number(m[3])) * 60000;
  return m[1] === "-" ? -ms : ms;
}

export class GasWorkbook implements WorkbookPort {
  private readonly sheets = new Map<string, Sheet | null>();
  private offset: number | null = null;

  constructor(private readonly ss: Spreadsheet) {}

  private offsetMs(): number {
    if (this.offset === null) this.offset = zoneOffsetMs(this.ss.getSpreadsheetTimeZone(), new Date());
    return this.offset;
  }

  private sheet(name: string): Sheet | null {
    if (!this.sheets.has(name)) this.sheets.set(name, this.ss.getSheetByName(name));
    return this.sheets.get(name) ?? null;
  }

  private must(name: string): Sheet {
    const sh = this.sheet(name);
    if (!sh)
      throw new Error(
        `Нет листа «${name}». Выполните «Наставничество → Инициализировать / восстановить книгу».`,
      );
    return sh;
  }

  sheetNames(): string[] {
    return this.ss.getSheets().map((s) => s.getName());
  }

  renameSheet(from: string, to: string): void {
    this.must(from).setName(to);
    this.sheets.delete(from);
    this.sheets.delete(to);
  }

  ensureSheet(name: string, position?: number): boolean {
    if (this.sheet(name)) return false;
    const sh =
      position === undefined
        ? this.ss.insertSheet(name)
        : this.ss.insertSheet(name, Math.min(position, this.ss.getSheets().length));
    this.sheets.set(name, sh);
    return true;
  }

  read(name: string): Cell[][] {
    const sh = this.sheet(name);
    if (!sh) return [];
    const values = sh.getDataRange().getValues() as Cell[][];
    if (values.length === 1 && values[0].length === 1 && values[0][0] === "") return [];
    const off = this.offsetMs();
    for (const row of values)
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (isDate(v)) row[c] = new Date(v.getTime() + off);
      }
    return values;
  }

  /** A block of rows (1-based) as wall-clock values: the rows a submit trigger reported. */
  readRows(name: string, firstRow: number, numRows: number): Cell[][] {
    const sh = this.must(name);
    const width = sh.getLastColumn();
    if (width === 0 || numRows < 1) return [];
    const values = sh.getRange(firstRow, 1, numRows, width).getValues() as Cell[][];
    const off = this.offsetMs();
    for (const row of values)
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (isDate(v)) row[c] = new Date(v.getTime() + off);
      }
    return values;
  }

  /** The ID of the form whose responses land in a sheet, or null (init's unlinked-form check). */
  linkedFormId(name: string): string | null {
    const url = this.sheet(name)?.getFormUrl() ?? null;
    const m = url ? /\/forms\/d\/(?!e\/)([^/]+)/.exec(url) : null;
    return m ? m[1] : null;
  }

  private toRaw(v: CellInput): unknown {
    if (v === null || v === undefined) return "";
    if (isFormula(v)) return v.formula;
    if (isDate(v)) return new Date(v.getTime() - this.offsetMs());
    if (typeof v === "string") return asLiteralText(v);
    return v;
  }

  write(name: string, row: number, col: number, values: CellInput[][]): void {
    if (values.length === 0) return;
    const width = values[0].length;
    if (width === 0) return;
    for (const r of values)
      if (r.length !== width)
        throw new Error(`Внутренняя ошибка: строки разной длины при записи на лист «${name}»`);
    const sh = this.must(name);
    this.grow(sh, row + values.length, col + width);
    const raw = values.map((r) => r.map((v) => this.toRaw(v)));
    sh.getRange(row + 1, col + 1, values.length, width).setValues(raw);
  }

  append(name: string, values: CellInput[][]): void {
    if (values.length === 0) return;
    const sh = this.must(name);
    this.write(name, sh.getLastRow(), 0, values);
  }

  /** Grows the grid to hold a write; rows come in chunks so appends rarely pay for growth. */
  private grow(sh: Sheet, rows: number, cols: number): void {
    const maxRows = sh.getMaxRows();
    if (rows > maxRows) sh.insertRowsAfter(maxRows, Math.max(rows - maxRows, GROW_ROWS));
    const maxCols = sh.getMaxColumns();
    if (cols > maxCols) sh.insertColumnsAfter(maxCols, cols - maxCols);
  }

  applyLayout(name: string, layout: SheetLayout): void {
    const sh = this.must(name);
    const lastCol = layout.columns.reduce((m, c) => Math.max(m, c.index + 1), 0);
    if (lastCol > 0) this.grow(sh, layout.headerRows + 1, lastCol);
    const maxRows = sh.getMaxRows();
    if (sh.getFrozenRows() !== layout.frozenRows) sh.setFrozenRows(layout.frozenRows);
    for (const r of layout.hiddenRows) sh.hideRows(r + 1);
    if (layout.tabColor) sh.setTabColor(layout.tabColor);

    // Protections this program owns are replaced, the curator's own are left alone. A real
    // protection of personal data («Защитить персональные данные») is kept and never weakened.
    for (const p of sh.getProtections(SpreadsheetApp.ProtectionType.RANGE))
      if (p.getDescription().indexOf(PROTECTION_TAG) === 0) p.remove();
    let personalData = false;
    for (const p of sh.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
      const d = p.getDescription();
      if (d.indexOf(PRIVACY_TAG) === 0) personalData = true;
      else if (d.indexOf(PROTECTION_TAG) === 0) p.remove();
    }
    if (layout.protectSheet && !personalData)
      sh.protect().setDescription(`${PROTECTION_TAG} лист`).setWarningOnly(true);

    if (lastCol === 0) return;
    const dataRows = Math.max(1, maxRows - layout.headerRows);
    if (layout.conditionalRules) this.applyRules(sh, layout, lastCol, dataRows);
    if (layout.headerRows > 0) {
      const notes: string[] = new Array(lastCol).fill("");
      for (const c of layout.columns) notes[c.index] = c.note ?? "";
      const headerRange = sh.getRange(layout.headerRows, 1, 1, lastCol);
      // Curators' own notes on their own columns survive.
      const existing = headerRange.getNotes()[0];
      const known = new Set(layout.columns.map((c) => c.index));
      for (let i = 0; i < lastCol; i++) if (!known.has(i)) notes[i] = existing[i];
      headerRange.setNotes([notes]);
      headerRange.setFontWeight("bold").setWrap(true).setBackground("#eef2f8");
      if (layout.protectHeader && !layout.protectSheet)
        sh.getRange(1, 1, layout.headerRows, sh.getMaxColumns())
          .protect()
          .setDescription(`${PROTECTION_TAG} заголовки`)
          .setWarningOnly(true);
    }
    for (const c of layout.columns) {
      if (c.width) sh.setColumnWidth(c.index + 1, c.width);
      const data = sh.getRange(layout.headerRows + 1, c.index + 1, dataRows, 1);
      if (c.numberFormat) data.setNumberFormat(c.numberFormat);
      data.setDataValidation(c.validation ? this.rule(c.validation) : null);
      if (c.protected && !layout.protectSheet)
        data.protect().setDescription(`${PROTECTION_TAG} вычисляемый столбец`).setWarningOnly(true);
    }
  }

  private applyRules(sh: Sheet, layout: SheetLayout, lastCol: number, dataRows: number): void {
    const own = (r: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) => {
      const cond = r.getBooleanCondition();
      return cond?.getCriteriaValues().some((v) => String(v).indexOf(RULE_MARKER) >= 0);
    };
    const kept = sh.getConditionalFormatRules().filter((r) => !own(r));
    const range = sh.getRange(layout.headerRows + 1, 1, dataRows, lastCol);
    const ours = (layout.conditionalRules ?? []).map((rule) => {
      const b = SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(rule.formula)
        .setBackground(rule.background)
        .setRanges([range]);
      return (rule.fontColor ? b.setFontColor(rule.fontColor) : b).build();
    });
    sh.setConditionalFormatRules([...kept, ...ours]);
  }

  private rule(v: NonNullable<SheetLayout["columns"][number]["validation"]>) {
    const b = SpreadsheetApp.newDataValidation();
    switch (v.kind) {
      case "list":
        return b.requireValueInList(v.values, true).setAllowInvalid(!v.strict).build();
      case "range": {
        const src = this.must(v.sheet);
        const range = src.getRange(
          v.firstRow + 1,
          v.column + 1,
          Math.max(1, src.getMaxRows() - v.firstRow),
          1,
        );
        return b.requireValueInRange(range, true).setAllowInvalid(!v.strict).build();
      }
      case "date":
        return b
          .requireDate()
          .setAllowInvalid(false)
          .setHelpText("Введите дату в формате ДД.ММ.ГГГГ")
          .build();
      case "number":
        return (
          v.min !== undefined && v.max !== undefined
            ? b.requireNumberBetween(v.min, v.max)
            : b.requireNumberGreaterThanOrEqualTo(v.min ?? 0)
        )
          .setAllowInvalid(false)
          .setHelpText(
            v.min !== undefined && v.max !== undefined
              ? `Введите число от ${v.min} до ${v.max}`
              : `Введите число не меньше ${v.min ?? 0}`,
          )
          .build();
      case "email":
        return b
          .requireTextIsEmail()
          .setAllowInvalid(true)
          .setHelpText("Введите адрес электронной почты")
          .build();
      case "checkbox":
        return b.requireCheckbox().build();
    }
  }
}
