/**
 * Sheet layouts (frozen and hidden rows, tab colours, header notes and style, column widths,
 * number formats, data validations, conditional formats, the program's protections) applied
 * through the Sheets advanced service: one Spreadsheets.get reads what is in place for every sheet
 * laid out, one Spreadsheets.batchUpdate writes every difference — three calls for the twenty
 * sheets of «Инициализировать / восстановить книгу» where SpreadsheetApp took about 1,800 (a width,
 * a validation, a protection of each column one call at a time). The result is the same as
 * GasWorkbook's SpreadsheetApp path, which runs when the service is not enabled.
 *
 * The Sheets API is reached with the `spreadsheets` scope (Sheets API scopes: «spreadsheets:
 * Sensitive»); `spreadsheets.currentonly` covers only SpreadsheetApp («The currentonly scope is
 * only available within Apps Script Services. This does not include Apps Script Advanced
 * Services», googleworkspace/developer-tools). The request shapes follow the Sheets API v4
 * reference (spreadsheets.batchUpdate); rows and columns there are 0-based and end-exclusive.
 *
 * For reading (issue 17): a basic filter on every table (setBasicFilter, sent only when none is in
 * place from the header row, so a curator's criteria survive a repair), the columns up to the name
 * column frozen, technical columns hidden, long text wrapped, the header row in the template's font
 * (TextFormat fontFamily / fontSize), yes / no columns as a «да, нет» dropdown (ONE_OF_LIST), the
 * states coloured by conditional formats (CUSTOM_FORMULA; a conditional format may set only bold,
 * italic, strikethrough, the text and the background colour — BooleanRule.format in the API
 * reference). A layout's `print` (A4 landscape, fit to width, header rows repeated, a print area)
 * is not applied here: neither the Sheets API nor SpreadsheetApp has print settings (they are the
 * print dialog's); the offline .xlsx carries them.
 */
import { RULE_MARKER, type SheetLayout, type Validation } from "../core/ports";
import { PRIVACY_TAG } from "../core/privacy/sheets";
import { columnLetter } from "../core/workbook/a1";

type ColumnLayout = SheetLayout["columns"][number];
type Json = Record<string, unknown>;

/** Description that marks the protections this program owns (so re-applying replaces them). */
export const PROTECTION_TAG = "Наставничество:";

/** Rows added at a time when a sheet is full. */
export const GROW_ROWS = 1000;

/** Header row style: bold, wrapped, on a light blue-grey. */
export const HEADER_BACKGROUND = "#eef2f8";

/** A range protection the layout asks for; `key` is its description and A1 range. */
export interface WantedProtection {
  description: string;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  key: string;
}

/** `key` of a wanted protection: its description and the A1 notation of its range (1-based). */
export function protection(
  description: string,
  row: number,
  col: number,
  numRows: number,
  numCols: number,
): WantedProtection {
  const topLeft = `${columnLetter(col - 1)}${row}`;
  const a1 =
    numRows === 1 && numCols === 1
      ? topLeft
      : `${topLeft}:${columnLetter(col + numCols - 2)}${row + numRows - 1}`;
  return { description, row, col, numRows, numCols, key: `${description}\n${a1}` };
}

/** Columns sorted by index, cut into runs of adjacent ones on which `same` holds pairwise. */
export function runs(
  columns: ColumnLayout[],
  same: (a: ColumnLayout, b: ColumnLayout) => boolean = () => true,
): ColumnLayout[][] {
  const out: ColumnLayout[][] = [];
  for (const c of columns) {
    const run = out[out.length - 1];
    const prev = run?.[run.length - 1];
    if (prev && c.index === prev.index + 1 && same(prev, c)) run.push(c);
    else out.push([c]);
  }
  return out;
}

/** One updateDimensionProperties request setting `properties` on a run of adjacent columns. */
function columnRunRequest(sheetId: number, run: ColumnLayout[], properties: Json): Json {
  return {
    updateDimensionProperties: {
      range: { sheetId, dimension: "COLUMNS", startIndex: run[0].index, endIndex: run[0].index + run.length },
      properties,
      fields: Object.keys(properties).join(","),
    },
  };
}

/** The Sheets advanced service's spreadsheets collection, or null when the manifest does not enable it. */
export function sheetsApi(): GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection | null {
  return typeof Sheets !== "undefined" && Sheets?.Spreadsheets ? Sheets.Spreadsheets : null;
}

/** One sheet to lay out. */
export interface LayoutTarget {
  name: string;
  layout: SheetLayout;
  /** Inserted by this execution and not laid out yet: it has no frozen rows, notes or protections. */
  fresh: boolean;
}

interface SheetState {
  sheetId: number;
  rows: number;
  cols: number;
  frozenRows: number;
  frozenColumns: number;
  /** The basic filter's range, or null when the sheet has none. */
  filter: Json | null;
  /** Columns hidden by the user (0-based), as far as the header row was read. */
  hiddenColumns: Set<number>;
  protections: Json[];
  conditionalFormats: Json[];
  /** Notes of the header row (when it was read). */
  headerNotes: string[] | null;
}

const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** «Справочники» and the other sheets a dropdown of the layouts reads from. */
function sourcesOf(targets: LayoutTarget[]): string[] {
  const out = new Set<string>();
  for (const t of targets) {
    for (const c of t.layout.columns) if (c.validation?.kind === "range") out.add(c.validation.sheet);
    for (const c of t.layout.cells ?? []) if (c.validation.kind === "range") out.add(c.validation.sheet);
  }
  return [...out];
}

const GET_FIELDS =
  "sheets(properties(sheetId,title,gridProperties(rowCount,columnCount,frozenRowCount,frozenColumnCount))," +
  "basicFilter(range)," +
  "protectedRanges(protectedRangeId,range,description,warningOnly,unprotectedRanges)," +
  "conditionalFormats(booleanRule(condition(values)))," +
  "data(rowData(values(note)),columnMetadata(hiddenByUser)))";

/**
 * Lays the sheets out with one Spreadsheets.get and one Spreadsheets.batchUpdate. Pending
 * SpreadsheetApp writes are flushed first: the API sees the spreadsheet as it is stored.
 */
export function applyLayoutsWithApi(
  api: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection,
  spreadsheetId: string,
  targets: LayoutTarget[],
): void {
  if (targets.length === 0) return;
  SpreadsheetApp.flush();
  const names = [...new Set([...targets.map((t) => t.name), ...sourcesOf(targets)])];
  const headerRow = (t: LayoutTarget | undefined) =>
    t && !t.fresh && t.layout.headerRows > 0 && t.layout.columns.length > 0 ? t.layout.headerRows : 0;
  const byName = new Map(targets.map((t) => [t.name, t]));
  const ranges = names.map((n) => {
    const h = headerRow(byName.get(n));
    return h > 0 ? `${quoted(n)}!${h}:${h}` : `${quoted(n)}!A1`;
  });
  const got = api.get(spreadsheetId, { ranges, fields: GET_FIELDS }) as unknown as Json;
  const states = new Map<string, SheetState>();
  for (const s of (got.sheets ?? []) as Json[]) {
    const p = (s.properties ?? {}) as Json;
    const grid = (p.gridProperties ?? {}) as Json;
    const title = String(p.title);
    const data = ((s.data ?? []) as Json[])[0];
    const row = (((data?.rowData ?? []) as Json[])[0]?.values ?? []) as Json[];
    states.set(title, {
      sheetId: Number(p.sheetId),
      rows: Number(grid.rowCount ?? 0),
      cols: Number(grid.columnCount ?? 0),
      frozenRows: Number(grid.frozenRowCount ?? 0),
      frozenColumns: Number(grid.frozenColumnCount ?? 0),
      filter: ((s.basicFilter as Json | undefined)?.range as Json | undefined) ?? null,
      hiddenColumns: new Set(
        ((data?.columnMetadata ?? []) as Json[]).flatMap((m, i) =>
          m.hiddenByUser === true ? [Number(data?.startColumn ?? 0) + i] : [],
        ),
      ),
      protections: (s.protectedRanges ?? []) as Json[],
      conditionalFormats: (s.conditionalFormats ?? []) as Json[],
      headerNotes: headerRow(byName.get(title)) > 0 ? row.map((v) => String(v.note ?? "")) : null,
    });
  }
  const state = (name: string): SheetState => {
    const st = states.get(name);
    if (!st)
      throw new Error(
        `Нет листа «${name}». Выполните «Наставничество → Инициализировать / восстановить книгу».`,
      );
    return st;
  };
  const requests: Json[] = [];
  for (const t of targets) requests.push(...sheetRequests(t, state(t.name), state));
  if (requests.length > 0) api.batchUpdate({ requests } as never, spreadsheetId);
}

/** The requests that make one sheet match its layout (GasWorkbook.applyLayout's steps, in order). */
function sheetRequests(t: LayoutTarget, st: SheetState, state: (name: string) => SheetState): Json[] {
  const { layout, fresh } = t;
  const sheetId = st.sheetId;
  const out: Json[] = [];
  const columns = [...layout.columns].sort((a, b) => a.index - b.index);
  const lastCol = columns.reduce((m, c) => Math.max(m, c.index + 1), 0);
  let size: { rows: number; cols: number } | null = null;
  if (lastCol > 0) {
    const rows = layout.headerRows + 1;
    if (rows > st.rows) {
      const added = Math.max(rows - st.rows, GROW_ROWS);
      out.push({ appendDimension: { sheetId, dimension: "ROWS", length: added } });
      st.rows += added;
    }
    if (lastCol > st.cols) {
      out.push({ appendDimension: { sheetId, dimension: "COLUMNS", length: lastCol - st.cols } });
      st.cols = lastCol;
    }
    size = { rows: st.rows, cols: st.cols };
  }
  // Frozen rows and the frozen columns up to the name column, in one request when both change.
  const frozen: Json = {};
  if ((fresh ? 0 : st.frozenRows) !== layout.frozenRows) frozen.frozenRowCount = layout.frozenRows;
  if (layout.frozenColumns !== undefined && (fresh ? 0 : st.frozenColumns) !== layout.frozenColumns)
    frozen.frozenColumnCount = layout.frozenColumns;
  if (Object.keys(frozen).length > 0)
    out.push({
      updateSheetProperties: {
        properties: { sheetId, gridProperties: frozen },
        fields: Object.keys(frozen)
          .map((k) => `gridProperties.${k}`)
          .join(","),
      },
    });
  for (const r of layout.hiddenRows)
    out.push({
      updateDimensionProperties: {
        range: { sheetId, dimension: "ROWS", startIndex: r, endIndex: r + 1 },
        properties: { hiddenByUser: true },
        fields: "hiddenByUser",
      },
    });
  // Technical columns: hidden, still read and found by their key.
  for (const run of runs(columns.filter((c) => c.hidden && (fresh || !st.hiddenColumns.has(c.index)))))
    out.push(columnRunRequest(sheetId, run, { hiddenByUser: true }));
  if (layout.tabColor)
    out.push({
      updateSheetProperties: {
        properties: { sheetId, tabColorStyle: { rgbColor: rgb(layout.tabColor) } },
        fields: "tabColorStyle",
      },
    });

  const first = layout.headerRows + 1;
  const dataRows = size ? Math.max(1, size.rows - layout.headerRows) : 0;
  const wanted: WantedProtection[] = [];
  if (size && !layout.protectSheet) {
    if (layout.headerRows > 0 && layout.protectHeader)
      wanted.push(protection(`${PROTECTION_TAG} заголовки`, 1, 1, layout.headerRows, size.cols));
    for (const c of columns)
      if (c.protected)
        wanted.push(protection(`${PROTECTION_TAG} вычисляемый столбец`, first, c.index + 1, dataRows, 1));
  }
  const { requests: protections, missing } = syncProtections(sheetId, st, layout.protectSheet, wanted, fresh);
  out.push(...protections);

  if (size) {
    const grid = (row: number, col: number, numRows: number, numCols: number): Json => ({
      sheetId,
      startRowIndex: row - 1,
      endRowIndex: row - 1 + numRows,
      startColumnIndex: col - 1,
      endColumnIndex: col - 1 + numCols,
    });
    if (layout.conditionalRules) {
      const own = (f: Json) =>
        ((((f.booleanRule as Json | undefined)?.condition as Json | undefined)?.values ?? []) as Json[]).some(
          (v) => String(v.userEnteredValue ?? "").indexOf(RULE_MARKER) >= 0,
        );
      const kept = st.conditionalFormats.filter((f) => !own(f)).length;
      for (let i = st.conditionalFormats.length - 1; i >= 0; i--)
        if (own(st.conditionalFormats[i])) out.push({ deleteConditionalFormatRule: { sheetId, index: i } });
      layout.conditionalRules.forEach((rule, i) => {
        out.push({
          addConditionalFormatRule: {
            index: kept + i,
            rule: {
              ranges: [grid(layout.headerRows + 1, 1, dataRows, lastCol)],
              booleanRule: {
                condition: { type: "CUSTOM_FORMULA", values: [{ userEnteredValue: rule.formula }] },
                format: {
                  backgroundColorStyle: { rgbColor: rgb(rule.background) },
                  ...(rule.fontColor
                    ? { textFormat: { foregroundColorStyle: { rgbColor: rgb(rule.fontColor) } } }
                    : {}),
                },
              },
            },
          },
        });
      });
    }
    if (layout.headerRows > 0) {
      const notes: string[] = new Array(lastCol).fill("");
      for (const c of columns) notes[c.index] = c.note ?? "";
      // Curators' own notes on their own columns survive; notes already in place are not rewritten.
      const existing = fresh ? null : st.headerNotes;
      const known = new Set(columns.map((c) => c.index));
      if (existing) for (let i = 0; i < lastCol; i++) if (!known.has(i)) notes[i] = existing[i] ?? "";
      if (!existing || notes.some((n, i) => n !== (existing[i] ?? "")))
        out.push({
          updateCells: {
            start: { sheetId, rowIndex: layout.headerRows - 1, columnIndex: 0 },
            rows: [{ values: notes.map((n) => (n === "" ? {} : { note: n })) }],
            fields: "note",
          },
        });
      // The header row in the template's font (TextFormat: fontFamily, fontSize an int32, bold).
      const h = layout.header;
      out.push({
        repeatCell: {
          range: grid(layout.headerRows, 1, 1, lastCol),
          cell: {
            userEnteredFormat: {
              textFormat: h
                ? { bold: h.bold, fontFamily: h.fontFamily, fontSize: h.fontSize }
                : { bold: true },
              wrapStrategy: "WRAP",
              backgroundColorStyle: { rgbColor: rgb(h?.background ?? HEADER_BACKGROUND) },
            },
          },
          fields: h
            ? "userEnteredFormat(textFormat.bold,textFormat.fontFamily,textFormat.fontSize,wrapStrategy,backgroundColorStyle)"
            : "userEnteredFormat(textFormat.bold,wrapStrategy,backgroundColorStyle)",
        },
      });
    }
    for (const run of runs(
      columns.filter((c) => c.width),
      (a, b) => a.width === b.width,
    ))
      out.push(columnRunRequest(sheetId, run, { pixelSize: run[0].width }));
    for (const run of runs(
      columns.filter((c) => c.numberFormat),
      (a, b) => a.numberFormat === b.numberFormat,
    ))
      out.push({
        repeatCell: {
          range: grid(first, run[0].index + 1, dataRows, run.length),
          cell: { userEnteredFormat: { numberFormat: numberFormat(run[0].numberFormat as string) } },
          fields: "userEnteredFormat.numberFormat",
        },
      });
    // Data at the top of a row its wrapped text makes tall (Sheets' default is the bottom).
    if (layout.headerRows > 0 && lastCol > 0)
      out.push({
        repeatCell: {
          range: grid(first, 1, dataRows, lastCol),
          cell: { userEnteredFormat: { verticalAlignment: "TOP" } },
          fields: "userEnteredFormat.verticalAlignment",
        },
      });
    // Long text wraps in its data cells (the header row is wrapped with the header style).
    for (const run of runs(columns.filter((c) => c.wrap)))
      out.push({
        repeatCell: {
          range: grid(first, run[0].index + 1, dataRows, run.length),
          cell: { userEnteredFormat: { wrapStrategy: "WRAP" } },
          fields: "userEnteredFormat.wrapStrategy",
        },
      });
    // A filter from the header row across the table, to the sheet's last row. One in place from the
    // header row is the curator's to keep: setting it again would drop their criteria.
    if (layout.filter && layout.headerRows > 0) {
      const f = fresh ? null : st.filter;
      const inPlace =
        f !== null &&
        Number(f.startRowIndex ?? 0) === layout.headerRows - 1 &&
        Number(f.startColumnIndex ?? 0) === 0 &&
        (f.endColumnIndex === undefined || Number(f.endColumnIndex) >= lastCol);
      if (!inPlace)
        out.push({
          setBasicFilter: {
            filter: {
              range: {
                sheetId,
                startRowIndex: layout.headerRows - 1,
                startColumnIndex: 0,
                endColumnIndex: lastCol,
              },
            },
          },
        });
    }
    const spec = (c: ColumnLayout) => JSON.stringify(c.validation ?? null);
    for (const run of runs(columns, (a, b) => spec(a) === spec(b))) {
      const v = run[0].validation;
      out.push({
        setDataValidation: {
          range: grid(first, run[0].index + 1, dataRows, run.length),
          ...(v ? { rule: rule(v, state) } : {}),
        },
      });
    }
    // Single cells after their columns (a parameter of «Настройки» chosen from a list).
    for (const cell of layout.cells ?? [])
      out.push({
        setDataValidation: {
          range: grid(cell.row + 1, cell.col + 1, 1, 1),
          rule: rule(cell.validation, state),
        },
      });
  }
  for (const w of missing)
    out.push({
      addProtectedRange: {
        protectedRange: {
          range: {
            sheetId,
            startRowIndex: w.row - 1,
            endRowIndex: w.row - 1 + w.numRows,
            startColumnIndex: w.col - 1,
            endColumnIndex: w.col - 1 + w.numCols,
          },
          description: w.description,
          warningOnly: true,
        },
      },
    });
  return out;
}

/**
 * The program's protections (described with PROTECTION_TAG) made to match, as GasWorkbook's
 * syncProtections: the whole sheet when `protectSheet`, else the `wanted` ranges. One already in
 * place (same description and range, warning only) is kept; the program's others are deleted; the
 * curator's own are left alone. A protection of personal data («Защитить персональные данные») is
 * kept and never weakened. Returns the requests and the wanted ranges still to add.
 */
function syncProtections(
  sheetId: number,
  st: SheetState,
  protectSheet: boolean,
  wanted: WantedProtection[],
  fresh: boolean,
): { requests: Json[]; missing: WantedProtection[] } {
  const requests: Json[] = [];
  const missing = [...wanted];
  const isSheet = (p: Json) => {
    const r = (p.range ?? {}) as Json;
    return ["startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"].every(
      (k) => r[k] === undefined,
    );
  };
  const del = (p: Json) => requests.push({ deleteProtectedRange: { protectedRangeId: p.protectedRangeId } });
  let personalData = false;
  let otherSheet = false;
  const ownSheet: Json[] = [];
  if (!fresh) {
    for (const p of st.protections.filter((x) => !isSheet(x))) {
      const d = String(p.description ?? "");
      if (d.indexOf(PROTECTION_TAG) !== 0) continue;
      let i = -1;
      if (missing.some((w) => w.description === d) && p.warningOnly === true) {
        const key = `${d}\n${a1Of(p.range as Json, st)}`;
        i = missing.findIndex((w) => w.key === key);
      }
      if (i >= 0) missing.splice(i, 1);
      else del(p);
    }
    for (const p of st.protections.filter(isSheet)) {
      const d = String(p.description ?? "");
      if (d.indexOf(PRIVACY_TAG) === 0) personalData = true;
      else if (d.indexOf(PROTECTION_TAG) === 0) ownSheet.push(p);
      else otherSheet = true;
    }
  }
  const sheetDescription = `${PROTECTION_TAG} лист`;
  let sheetProtected = false;
  for (const p of ownSheet) {
    const d = String(p.description ?? "");
    const keep =
      protectSheet &&
      !personalData &&
      !sheetProtected &&
      d === sheetDescription &&
      p.warningOnly === true &&
      ((p.unprotectedRanges ?? []) as Json[]).length === 0;
    if (keep) sheetProtected = true;
    else del(p);
  }
  // A sheet has one sheet protection: a curator's own one stays as it is.
  if (protectSheet && !personalData && !sheetProtected && !otherSheet)
    requests.push({
      addProtectedRange: {
        protectedRange: { range: { sheetId }, description: sheetDescription, warningOnly: true },
      },
    });
  return { requests, missing };
}

/** The A1 notation of a GridRange ("B3:B1000", "A1" for one cell), as Range.getA1Notation gives it. */
function a1Of(r: Json, st: { rows: number; cols: number }): string {
  const r0 = Number(r.startRowIndex ?? 0);
  const r1 = Number(r.endRowIndex ?? st.rows);
  const c0 = Number(r.startColumnIndex ?? 0);
  const c1 = Number(r.endColumnIndex ?? st.cols);
  const topLeft = `${columnLetter(c0)}${r0 + 1}`;
  return r1 - r0 === 1 && c1 - c0 === 1 ? topLeft : `${topLeft}:${columnLetter(c1 - 1)}${r1}`;
}

/** "#eef2f8" as the API's RGB fractions. */
function rgb(hex: string): Json {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Внутренняя ошибка: цвет «${hex}» не в формате #rrggbb`);
  return {
    red: Number.parseInt(m[1], 16) / 255,
    green: Number.parseInt(m[2], 16) / 255,
    blue: Number.parseInt(m[3], 16) / 255,
  };
}

/** A number format pattern with its type (the API requires one). */
function numberFormat(pattern: string): Json {
  const type =
    pattern === "@" ? "TEXT" : /[dy]/i.test(pattern) ? (/h/i.test(pattern) ? "DATE_TIME" : "DATE") : "NUMBER";
  return { type, pattern };
}

/** A validation spec as a DataValidationRule (the same rule GasWorkbook builds with SpreadsheetApp). */
function rule(v: Validation, state: (name: string) => SheetState): Json {
  switch (v.kind) {
    case "list":
      return {
        condition: { type: "ONE_OF_LIST", values: v.values.map((x) => ({ userEnteredValue: x })) },
        strict: v.strict,
        showCustomUi: true,
      };
    case "range": {
      // The source column's rows below its header, as far as its grid goes now.
      const rows = Math.max(1, state(v.sheet).rows - v.firstRow);
      const col = columnLetter(v.column);
      const ref = `=${quoted(v.sheet)}!$${col}$${v.firstRow + 1}:$${col}$${v.firstRow + rows}`;
      return {
        condition: { type: "ONE_OF_RANGE", values: [{ userEnteredValue: ref }] },
        strict: v.strict,
        showCustomUi: true,
      };
    }
    case "date":
      return {
        condition: { type: "DATE_IS_VALID" },
        strict: true,
        inputMessage: "Введите дату в формате ДД.ММ.ГГГГ",
      };
    case "number": {
      const between = v.min !== undefined && v.max !== undefined;
      return {
        condition: between
          ? {
              type: "NUMBER_BETWEEN",
              values: [{ userEnteredValue: String(v.min) }, { userEnteredValue: String(v.max) }],
            }
          : { type: "NUMBER_GREATER_THAN_EQ", values: [{ userEnteredValue: String(v.min ?? 0) }] },
        strict: true,
        inputMessage: between
          ? `Введите число от ${v.min} до ${v.max}`
          : `Введите число не меньше ${v.min ?? 0}`,
      };
    }
    case "email":
      return {
        condition: { type: "TEXT_IS_EMAIL" },
        strict: false,
        inputMessage: "Введите адрес электронной почты",
      };
    case "checkbox":
      return { condition: { type: "BOOLEAN" } };
  }
}

/** A protection as «Проверить доступ» lists it (core/usecases/access.ts ProtectionInfo). */
export interface ProtectionRead {
  sheet: string;
  whole: boolean;
  range: string;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  editorsHidden?: true;
}

/**
 * Every protection of the workbook in one Spreadsheets.get, as the Protection objects give them:
 * the sheets' protections first, then the ranges' that do more than warn (the program's own only
 * warn), each in the order of the tabs. Editors are those the API shows: it leaves them out where the
 * user may not edit the protection («editorsHidden»), as Protection.getEditors throws there.
 */
export function protectionsWithApi(
  api: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection,
  spreadsheetId: string,
): ProtectionRead[] {
  const got = api.get(spreadsheetId, {
    fields:
      "sheets(properties(title,gridProperties(rowCount,columnCount))," +
      "protectedRanges(range,description,warningOnly,editors))",
  }) as unknown as Json;
  const sheets = ((got.sheets ?? []) as Json[]).map((s) => {
    const p = (s.properties ?? {}) as Json;
    const grid = (p.gridProperties ?? {}) as Json;
    return {
      title: String(p.title),
      size: { rows: Number(grid.rowCount ?? 0), cols: Number(grid.columnCount ?? 0) },
      protections: (s.protectedRanges ?? []) as Json[],
    };
  });
  const whole = (p: Json) => {
    const r = (p.range ?? {}) as Json;
    return ["startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"].every(
      (k) => r[k] === undefined,
    );
  };
  const read = (sheet: (typeof sheets)[number], p: Json, isWhole: boolean): ProtectionRead => {
    const warningOnly = p.warningOnly === true;
    const editors = p.editors as Json | undefined;
    return {
      sheet: sheet.title,
      whole: isWhole,
      range: isWhole ? "" : a1Of(p.range as Json, sheet.size),
      description: String(p.description ?? ""),
      warningOnly,
      ...(warningOnly
        ? { editors: [], domainEdit: false }
        : editors
          ? {
              editors: ((editors.users ?? []) as string[]).filter((e) => e !== ""),
              domainEdit: editors.domainUsersCanEdit === true,
            }
          : { editors: [], domainEdit: false, editorsHidden: true as const }),
    };
  };
  const out: ProtectionRead[] = [];
  for (const s of sheets) for (const p of s.protections) if (whole(p)) out.push(read(s, p, true));
  for (const s of sheets)
    for (const p of s.protections) if (!whole(p) && p.warningOnly !== true) out.push(read(s, p, false));
  return out;
}
