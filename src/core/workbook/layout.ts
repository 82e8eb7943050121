import { NO, YES } from "../cells";
import type { ColumnLayout, HeaderStyle, SheetLayout, Validation, WorkbookPort } from "../ports";
import { workbookTemplate } from "../templates/load";
import type { ColumnTemplate, SheetTemplate } from "../templates/schema";
import { FIRST_DATA_ROW, HEADER_ROW, KEY_ROW } from "./repair";
import { stateRules } from "./state-colors";

/** The header rows' font and background of every table, from sheets-templates/workbook.json. */
export function headerStyle(): HeaderStyle {
  return { ...workbookTemplate().headerStyle };
}

/** Where each «Справочники» list lives, so dropdowns can point at it. */
export interface ListsLocation {
  sheet: string;
  columnIndex: Record<string, number>;
}

const numberFormats: Partial<Record<ColumnTemplate["type"], string>> = {
  id: "@",
  text: "@",
  longtext: "@",
  email: "@",
  phone: "@",
  url: "@",
  date: "dd.mm.yyyy",
  datetime: "dd.mm.yyyy hh:mm",
  integer: "0",
};

function validationOf(col: ColumnTemplate, lists: ListsLocation | null): Validation | undefined {
  if (col.type === "choice" && col.values) return { kind: "list", values: col.values, strict: true };
  if (col.type === "choice" && col.list && lists && col.list in lists.columnIndex)
    return {
      kind: "range",
      sheet: lists.sheet,
      column: lists.columnIndex[col.list],
      firstRow: FIRST_DATA_ROW,
      strict: false,
    };
  // Multiple choice joins values with ", ": a dropdown would flag every such cell.
  if (col.type === "date" || col.type === "datetime") return { kind: "date" };
  if (col.type === "integer" || col.type === "number" || col.type === "percent")
    return { kind: "number", min: col.min, max: col.max };
  if (col.type === "email") return { kind: "email" };
  // Yes / no as the words a reader reads (and a curator picks); core reads TRUE / FALSE / 0 / 1 too.
  if (col.type === "bool") return { kind: "list", values: [YES, NO], strict: true };
  return undefined;
}

function noteOf(col: ColumnTemplate, listsSheet: string | null, listHeader: (key: string) => string): string {
  const parts: string[] = [];
  if (col.note) parts.push(col.note);
  if (col.required) parts.push("Обязательное поле.");
  if (col.type === "multichoice" && col.list && listsSheet)
    parts.push(`Значения из списка «${listHeader(col.list)}» листа «${listsSheet}», через запятую.`);
  if (col.computed) parts.push("Заполняется программой.");
  return parts.join(" ");
}

/** The layout of a sheet whose columns sit at `columnIndex`. */
export function buildLayout(
  sheet: SheetTemplate,
  columnIndex: Record<string, number>,
  lists: ListsLocation | null,
  listHeader: (key: string) => string,
  /** Settings: the 0-based row of each parameter, for the dropdowns of `choices`. */
  rowIndex: Record<string, number> = {},
): SheetLayout {
  if (sheet.kind === "dashboard")
    return {
      frozenRows: 0,
      hiddenRows: [],
      headerRows: 0,
      columns: [],
      protectHeader: false,
      protectSheet: true,
      tabColor: sheet.tabColor,
      // The director's pages: A4 landscape, one page wide (as «Сводка»'s own layout, summary/layout.ts).
      ...(sheet.print ? { print: true } : {}),
    };
  const columns: ColumnLayout[] = sheet.columns
    .filter((c) => c.key in columnIndex)
    .map((col) => ({
      index: columnIndex[col.key],
      width: col.width,
      note: noteOf(col, lists?.sheet ?? null, listHeader) || undefined,
      validation: sheet.kind === "lists" ? undefined : validationOf(col, lists),
      numberFormat: numberFormats[col.type],
      protected: col.computed === true && sheet.protected !== true,
      ...(col.hidden ? { hidden: true } : {}),
      ...((col.wrap ?? col.type === "longtext") ? { wrap: true } : {}),
    }));
  // The name column stays in view with every column left of it, wherever the curator moved it.
  const nameAt = sheet.nameColumn !== undefined ? columnIndex[sheet.nameColumn] : undefined;
  const printTo = sheet.printThrough !== undefined ? columnIndex[sheet.printThrough] : undefined;
  const rules = stateRules(sheet.key, columnIndex);
  const cells: NonNullable<SheetLayout["cells"]> = [];
  for (const [key, values] of Object.entries(sheet.choices ?? {}))
    if (key in rowIndex && "value" in columnIndex)
      cells.push({
        row: rowIndex[key],
        col: columnIndex.value,
        validation: { kind: "list", values, strict: true },
      });
  return {
    frozenRows: HEADER_ROW + 1,
    hiddenRows: [KEY_ROW],
    headerRows: FIRST_DATA_ROW,
    columns,
    protectHeader: true,
    protectSheet: sheet.protected === true,
    tabColor: sheet.tabColor,
    ...(nameAt !== undefined ? { frozenColumns: nameAt + 1 } : {}),
    // A filter on every table (not on the lists the dropdowns read, whose columns are independent).
    ...(sheet.kind === "table" ? { filter: true } : {}),
    // Every sheet prints legibly: the whole workbook at once came out one column a page (issue 17).
    print: true,
    ...(printTo !== undefined ? { printColumns: printTo + 1 } : {}),
    header: headerStyle(),
    ...(rules.length > 0 ? { conditionalRules: rules } : {}),
    ...(cells.length > 0 ? { cells } : {}),
  };
}

/**
 * How many A4 landscape pages wide a printed table takes so that it prints at `minScale` or
 * larger, the frozen columns (`titlePx`, repeated on every page) included: 1 when the whole width
 * fits at that scale. `pagePx` is the printable width at 100 % (A4 landscape, narrow margins).
 */
export function printPagesWide(
  widthPx: number,
  titlePx: number,
  minScale = PRINT_MIN_SCALE,
  pagePx = A4_LANDSCAPE_PX,
): number {
  for (let n = 1; n < 10; n++) {
    const scale = (n * pagePx) / (widthPx + titlePx * (n - 1));
    if (scale >= minScale) return n;
  }
  return 10;
}

/**
 * The smallest print scale a table is printed at (10-point text prints at 6.5 points): at 60 %
 * LibreOffice printed «Пары» two pages wide at 57 % (a page breaks between columns), too small.
 */
export const PRINT_MIN_SCALE = 0.65;
/** A4 landscape's printable width at 96 pixels an inch: 297 mm less 2 × 0.25 in margins. */
export const A4_LANDSCAPE_PX = Math.floor((297 / 25.4 - 0.5) * 96);

/** Applies the layouts of several sheets: in one batch where the workbook can, else one by one. */
export function applyLayouts(wb: WorkbookPort, layouts: { sheet: string; layout: SheetLayout }[]): void {
  if (layouts.length === 0) return;
  if (wb.applyLayouts) wb.applyLayouts(layouts);
  else for (const l of layouts) wb.applyLayout(l.sheet, l.layout);
}
