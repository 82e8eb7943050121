/**
 * The Sheets advanced service (Sheets API v4 through Apps Script): `Sheets.Spreadsheets.get` and
 * `Sheets.Spreadsheets.batchUpdate` over the same spreadsheet model as SpreadsheetApp, each counted
 * as one call of the service "Sheets" («Spreadsheets.get», «Spreadsheets.batchUpdate»).
 *
 * As documented (developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/batchUpdate):
 * - the requests apply in order, and «if any request is not valid then the entire request will
 *   fail and nothing will be applied»: every request is checked before the first one applies;
 * - an update request changes only the fields its `fields` mask names («*» for all); a named field
 *   missing from the object is cleared;
 * - rows, columns and indexes are 0-based and end-exclusive; a GridRange without bounds runs to
 *   the end of the sheet; a protected range whose range names only the sheet protects the sheet;
 * - colours are RGB fractions (`{ rgbColor: { red, green, blue } }`, a zero component omitted);
 * - `Spreadsheets.get(id, { fields, ranges })` returns only the fields of the mask; with `ranges`,
 *   only the sheets of those ranges, each with the grid data of its ranges (one GridData per range);
 *   a cell's data carries its note, its formula (userEnteredValue.formulaValue), its effectiveValue
 *   (numberValue, stringValue, boolValue, errorValue; dates as serial numbers of the spreadsheet's
 *   zone) and effectiveFormat.numberFormat (type DATE, TIME, DATE_TIME…; absent for the default).
 * Errors are thrown as Apps Script throws them for an advanced service:
 * «API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[2].repeatCell: …»
 * (name GoogleJsonResponseException). The wording after the request's name follows the API's
 * messages where they are known («No grid with id: 5», «Range ('Лист1'!A1:A1001) exceeds grid
 * limits. Max rows: 1000, max columns: 26»); the others are guesses.
 *
 * Each request is carried out by the same model operations as the SpreadsheetApp methods that do
 * the same thing (setNumberFormat, setDataValidation, protect…), untracked, so both paths leave the
 * same cells. Modelled requests: updateSheetProperties (frozen rows and columns, tab colour),
 * appendDimension, updateDimensionProperties (pixelSize, hiddenByUser), repeatCell and updateCells
 * (note; userEnteredFormat numberFormat, textFormat bold / foregroundColor / fontSize (an int32) /
 * fontFamily, wrapStrategy,
 * backgroundColor), setDataValidation (ONE_OF_LIST, ONE_OF_RANGE, DATE_IS_VALID, NUMBER_BETWEEN,
 * NUMBER_GREATER_THAN_EQ, TEXT_IS_EMAIL, BOOLEAN), addProtectedRange, deleteProtectedRange,
 * addConditionalFormatRule and deleteConditionalFormatRule (CUSTOM_FORMULA), addChart (a basic chart
 * anchored by an overlayPosition), deleteEmbeddedObject (a chart) and setBasicFilter (its range
 * only; `basicFilter.range` read back, bounded). Any other request or
 * field throws «gas-fake: …», so nothing is silently ignored.
 */
import { type GridRect, parseA1, qualifiedA1, splitSheetName, toA1 } from "./a1";
import { instrument } from "./calls";
import { tzOffsetMinutes } from "./dates";
import { type Env, Fake } from "./env";
import type { ConditionalRuleData, ProtectionData, SheetModel, SpreadsheetModel } from "./model";
import { canEditRect, newRangeProtection, sheetProtection } from "./protection";
import { cellValue, FakeRange } from "./range";
import { FakeSheet } from "./sheet";
import { type FakeDataValidation, FakeDataValidationBuilder } from "./validation";
import { isDate, sheetsDatePattern } from "./values";

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Field masks

/** A field mask as a tree: "a,b(c,d.e)" → { a: {}, b: { c: {}, d: { e: {} } } }; {} is the whole field. */
export type Mask = { [field: string]: Mask };

export function parseMask(mask: string): Mask {
  let i = 0;
  const list = (): Mask => {
    const out: Mask = {};
    for (;;) {
      const start = i;
      while (i < mask.length && !",()".includes(mask[i])) i++;
      const path = mask.slice(start, i).trim();
      let sub: Mask = {};
      if (mask[i] === "(") {
        i++;
        sub = list();
        if (mask[i] !== ")") throw new Error(`gas-fake: bad field mask «${mask}»`);
        i++;
      }
      if (path !== "") {
        const parts = path.split(".");
        let node = out;
        for (let k = 0; k < parts.length - 1; k++) node = node[parts[k]] ??= {};
        const last = parts[parts.length - 1];
        node[last] = merge(node[last], sub);
      }
      if (mask[i] === ",") {
        i++;
        continue;
      }
      return out;
    }
  };
  const tree = list();
  if (i !== mask.length) throw new Error(`gas-fake: bad field mask «${mask}»`);
  return tree;
}

function merge(a: Mask | undefined, b: Mask): Mask {
  if (!a) return b;
  if (Object.keys(a).length === 0 || Object.keys(b).length === 0) return {};
  const out: Mask = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v);
  return out;
}

/** The fields of `value` the mask names (arrays: each element). */
export function applyMask(value: unknown, mask: Mask): unknown {
  if (Object.keys(mask).length === 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => applyMask(v, mask));
  const out: Json = {};
  for (const [k, sub] of Object.entries(mask))
    if ((value as Json)[k] !== undefined) out[k] = applyMask((value as Json)[k], sub);
  return out;
}

/** The leaf paths of a mask: { a: { b: {} }, c: {} } → ["a.b", "c"]. */
function leaves(mask: Mask, prefix = ""): string[] {
  const out: string[] = [];
  for (const [k, sub] of Object.entries(mask)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (Object.keys(sub).length === 0) out.push(path);
    else out.push(...leaves(sub, path));
  }
  return out;
}

function at(obj: unknown, path: string): unknown {
  let v = obj;
  for (const k of path.split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Json)[k];
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Colours

/** "#eef2f8" → { red: 0.933…, green: 0.949…, blue: 0.972… } (zero components omitted, as the API does). */
export function rgbOf(hex: string): Json {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`gas-fake: colour «${hex}» is not #rrggbb`);
  const out: Json = {};
  (["red", "green", "blue"] as const).forEach((c, k) => {
    const v = Number.parseInt(m[k + 1], 16) / 255;
    if (v !== 0) out[c] = v;
  });
  return out;
}

/** An API colour (a Color, or a ColorStyle with rgbColor) as "#rrggbb", or null when absent. */
export function hexOf(color: unknown): string | null {
  if (color === undefined || color === null) return null;
  const rgb = ((color as Json).rgbColor ?? color) as Json;
  if ((color as Json).themeColor !== undefined) throw new Error("gas-fake: theme colours are not modelled");
  const part = (v: unknown) =>
    Math.round(Math.min(1, Math.max(0, Number(v ?? 0))) * 255)
      .toString(16)
      .padStart(2, "0");
  return `#${part(rgb.red)}${part(rgb.green)}${part(rgb.blue)}`;
}

// ---------------------------------------------------------------------------------------------
// The service

/** An error as Apps Script reports a failed advanced-service call. */
class ApiError extends Error {}

export class FakeSheetsSpreadsheets extends Fake {
  readonly gasType = "Spreadsheets";

  get(spreadsheetId: string, optionalArgs: Json = {}): Json {
    const ss = this.spreadsheet("get", spreadsheetId);
    const ranges = (optionalArgs.ranges as string[] | string | undefined) ?? [];
    const list = Array.isArray(ranges) ? ranges : [ranges];
    const wanted = new Map<SheetModel, GridRect[]>();
    for (const a1 of list) {
      const { sheet, rect } = this.resolveA1("get", ss, a1);
      wanted.set(sheet, [...(wanted.get(sheet) ?? []), rect]);
    }
    const sheets = list.length > 0 ? ss.sheets.filter((s) => wanted.has(s)) : ss.sheets;
    const fields = optionalArgs.fields as string | undefined;
    const withData = fields !== undefined ? /\bdata\b/.test(fields) : optionalArgs.includeGridData === true;
    const full: Json = {
      spreadsheetId: ss.id,
      properties: { title: ss.name, locale: ss.locale, timeZone: ss.timeZone },
      sheets: sheets.map((s) => this.sheetJson(s, withData ? (wanted.get(s) ?? [wholeSheet(s)]) : null)),
      spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.id}/edit`,
    };
    return this.toScript(fields === undefined ? full : applyMask(full, parseMask(fields))) as Json;
  }

  batchUpdate(resource: Json, spreadsheetId: string): Json {
    const ss = this.spreadsheet("batchUpdate", spreadsheetId);
    const requests = (resource?.requests as Json[] | undefined) ?? [];
    if (!Array.isArray(requests) || requests.length === 0)
      throw this.apiError("batchUpdate", "Must specify at least one request.");
    // Every request is checked before the first applies: one invalid request applies none.
    const plan = new Plan(ss);
    const steps: (() => Json)[] = [];
    requests.forEach((request, i) => {
      const kinds = Object.keys(request ?? {});
      if (kinds.length !== 1)
        throw this.apiError("batchUpdate", `Invalid requests[${i}]: exactly one kind of request`);
      const kind = kinds[0];
      const body = (request as Json)[kind] as Json;
      try {
        steps.push(this.prepare(plan, kind, body ?? {}));
      } catch (e) {
        if (e instanceof ApiError)
          throw this.apiError("batchUpdate", `Invalid requests[${i}].${kind}: ${e.message}`);
        throw e;
      }
    });
    const replies = this.env.calls.untracked(() => steps.map((step) => step()));
    return this.toScript({ spreadsheetId: ss.id, replies }) as Json;
  }

  // ---- requests ----

  private prepare(plan: Plan, kind: string, body: Json): () => Json {
    switch (kind) {
      case "updateSheetProperties":
        return this.updateSheetProperties(plan, body);
      case "appendDimension":
        return this.appendDimension(plan, body);
      case "deleteDimension":
        return this.deleteDimension(plan, body);
      case "updateDimensionProperties":
        return this.updateDimensionProperties(plan, body);
      case "repeatCell":
        return this.repeatCell(plan, body);
      case "updateCells":
        return this.updateCells(plan, body);
      case "setDataValidation":
        return this.setDataValidation(plan, body);
      case "addProtectedRange":
        return this.addProtectedRange(plan, body);
      case "deleteProtectedRange":
        return this.deleteProtectedRange(plan, body);
      case "addConditionalFormatRule":
        return this.addConditionalFormatRule(plan, body);
      case "deleteConditionalFormatRule":
        return this.deleteConditionalFormatRule(plan, body);
      case "addChart":
        return this.addChart(plan, body);
      case "deleteEmbeddedObject":
        return this.deleteEmbeddedObject(plan, body);
      case "setBasicFilter":
        return this.setBasicFilter(plan, body);
      default:
        throw new Error(`gas-fake: the Sheets API request ${kind} is not modelled`);
    }
  }

  private updateSheetProperties(plan: Plan, body: Json): () => Json {
    const props = (body.properties ?? {}) as Json;
    const sheet = plan.sheet(props.sheetId);
    const fields = this.fields(body, props, [
      "gridProperties.frozenRowCount",
      "gridProperties.frozenColumnCount",
      "tabColorStyle",
      "tabColor",
    ]);
    for (const f of ["gridProperties.frozenRowCount", "gridProperties.frozenColumnCount"]) {
      const n = Number(at(props, f) ?? 0);
      const max = f.endsWith("RowCount") ? sheet.maxRows : sheet.maxCols;
      if (fields.includes(f) && (!Number.isInteger(n) || n < 0 || n > max))
        throw new ApiError(`Invalid ${f}: ${n}`);
    }
    return () => {
      const s = this.sheetApi(sheet);
      if (fields.includes("gridProperties.frozenRowCount"))
        s.setFrozenRows(Number(at(props, "gridProperties.frozenRowCount") ?? 0));
      if (fields.includes("gridProperties.frozenColumnCount"))
        s.setFrozenColumns(Number(at(props, "gridProperties.frozenColumnCount") ?? 0));
      if (fields.includes("tabColorStyle") || fields.includes("tabColor"))
        sheet.tabColor = hexOf(props.tabColorStyle ?? props.tabColor);
      return {};
    };
  }

  private appendDimension(plan: Plan, body: Json): () => Json {
    const sheet = plan.sheet(body.sheetId);
    const length = Number(body.length);
    if (!Number.isInteger(length) || length < 1) throw new ApiError("length must be at least 1");
    const rows = this.dimension(body.dimension);
    plan.grow(sheet, rows, length);
    return () => {
      const s = this.sheetApi(sheet);
      if (rows) s.insertRowsAfter(sheet.maxRows, length);
      else s.insertColumnsAfter(sheet.maxCols, length);
      return {};
    };
  }

  /**
   * deleteDimension: «Deletes the dimensions from the sheet» (DeleteDimensionRequest); what is below
   * moves up, as Sheet.deleteRows / deleteColumns. Requests apply in order, so a later request's
   * indexes are those after the earlier deletions.
   */
  private deleteDimension(plan: Plan, body: Json): () => Json {
    const range = (body.range ?? {}) as Json;
    const sheet = plan.sheet(range.sheetId);
    const rows = this.dimension(range.dimension);
    const max = rows ? plan.rows(sheet) : plan.cols(sheet);
    const start = Number(range.startIndex ?? 0);
    const end = Number(range.endIndex ?? max);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > max || start >= end)
      throw new ApiError(
        `Range (${start}..${end}) exceeds grid limits. Max ${rows ? "rows" : "columns"}: ${max}`,
      );
    const n = end - start;
    if (n >= max) throw new ApiError(`You can't delete all the ${rows ? "rows" : "columns"} on the sheet.`);
    if (rows && max - n <= sheet.frozenRows)
      throw new ApiError("Sorry, it is not possible to delete all non-frozen rows.");
    plan.grow(sheet, rows, -n);
    return () => {
      const s = this.sheetApi(sheet);
      if (rows) s.deleteRows(start + 1, n);
      else s.deleteColumns(start + 1, n);
      return {};
    };
  }

  private updateDimensionProperties(plan: Plan, body: Json): () => Json {
    const range = (body.range ?? {}) as Json;
    const sheet = plan.sheet(range.sheetId);
    const rows = this.dimension(range.dimension);
    const max = rows ? plan.rows(sheet) : plan.cols(sheet);
    const start = Number(range.startIndex ?? 0);
    const end = Number(range.endIndex ?? max);
    if (start < 0 || end > max || start >= end)
      throw new ApiError(
        `Range (${start}..${end}) exceeds grid limits. Max ${rows ? "rows" : "columns"}: ${max}`,
      );
    const props = (body.properties ?? {}) as Json;
    const fields = this.fields(body, props, ["pixelSize", "hiddenByUser"]);
    return () => {
      const s = this.sheetApi(sheet);
      const n = end - start;
      if (fields.includes("pixelSize")) {
        const px = Number(props.pixelSize ?? (rows ? 21 : 100));
        if (rows) s.setRowHeights(start + 1, n, px);
        else s.setColumnWidths(start + 1, n, px);
      }
      if (fields.includes("hiddenByUser")) {
        const hide = props.hiddenByUser === true;
        if (rows) hide ? s.hideRows(start + 1, n) : s.showRows(start + 1, n);
        else if (hide) s.hideColumns(start + 1, n);
        else s.showColumns(start + 1, n);
      }
      return {};
    };
  }

  private static readonly CELL_FIELDS = [
    "note",
    "dataValidation",
    "userEnteredFormat.numberFormat",
    "userEnteredFormat.textFormat.bold",
    "userEnteredFormat.textFormat.foregroundColor",
    "userEnteredFormat.textFormat.foregroundColorStyle",
    "userEnteredFormat.textFormat.fontSize",
    "userEnteredFormat.textFormat.fontFamily",
    "userEnteredFormat.verticalAlignment",
    "userEnteredFormat.wrapStrategy",
    "userEnteredFormat.backgroundColor",
    "userEnteredFormat.backgroundColorStyle",
  ];

  private repeatCell(plan: Plan, body: Json): () => Json {
    const { sheet, rect } = plan.range(body.range);
    const cell = (body.cell ?? {}) as Json;
    const fields = this.fields(body, cell, FakeSheetsSpreadsheets.CELL_FIELDS);
    this.checkEditable(sheet, rect);
    const apply = this.cellWriter(plan, cell, fields);
    return () => {
      apply(this.rangeOf(sheet, rect));
      return {};
    };
  }

  private updateCells(plan: Plan, body: Json): () => Json {
    const rows = (body.rows ?? []) as Json[];
    const start = body.start as Json | undefined;
    const target = start
      ? plan.range({
          sheetId: start.sheetId,
          startRowIndex: start.rowIndex ?? 0,
          endRowIndex: Number(start.rowIndex ?? 0) + Math.max(1, rows.length),
          startColumnIndex: start.columnIndex ?? 0,
          endColumnIndex:
            Number(start.columnIndex ?? 0) +
            Math.max(1, ...rows.map((r) => ((r.values as Json[] | undefined) ?? []).length)),
        })
      : plan.range(body.range);
    const { sheet, rect } = target;
    const mask = body.fields;
    if (typeof mask !== "string" || mask === "")
      throw new ApiError("At least one field must be updated, but none were specified.");
    const fields = mask === "*" ? FakeSheetsSpreadsheets.CELL_FIELDS : leaves(parseMask(mask));
    for (const f of fields)
      if (!FakeSheetsSpreadsheets.CELL_FIELDS.includes(f))
        throw new Error(`gas-fake: the field ${f} of updateCells is not modelled`);
    this.checkEditable(sheet, rect);
    const writers = rows.map((r) =>
      ((r.values as Json[] | undefined) ?? []).map((c) => this.cellWriter(plan, c ?? {}, fields)),
    );
    return () => {
      writers.forEach((row, i) => {
        row.forEach((apply, j) => {
          if (i < rect.numRows && j < rect.numCols)
            apply(this.rangeOf(sheet, { row: rect.row + i, col: rect.col + j, numRows: 1, numCols: 1 }));
        });
      });
      return {};
    };
  }

  private setDataValidation(plan: Plan, body: Json): () => Json {
    const { sheet, rect } = plan.range(body.range);
    this.checkEditable(sheet, rect);
    const rule = body.rule === undefined ? null : this.validation(plan, body.rule as Json);
    return () => {
      this.rangeOf(sheet, rect).setDataValidation(rule as never);
      return {};
    };
  }

  private addProtectedRange(plan: Plan, body: Json): () => Json {
    const pr = (body.protectedRange ?? {}) as Json;
    const range = (pr.range ?? {}) as Json;
    const whole = ["startRowIndex", "endRowIndex", "startColumnIndex", "endColumnIndex"].every(
      (k) => range[k] === undefined,
    );
    const { sheet, rect } = plan.range(range);
    if (whole && sheet.protections.some((p) => p.type === "SHEET" && plan.protectionAlive(p.id)))
      throw new ApiError("You are trying to protect a sheet that is already protected.");
    const unprotected = ((pr.unprotectedRanges ?? []) as Json[]).map((u) => plan.range(u));
    if (!whole && unprotected.length > 0)
      throw new ApiError("Unprotected ranges may only be set on a sheet protection.");
    if (pr.editors !== undefined && pr.warningOnly === true)
      throw new ApiError("Editors are not supported with warningOnly protection.");
    return () => {
      const p = whole ? sheetProtection(sheet) : newRangeProtection(sheet, rect);
      p.description = String(pr.description ?? "");
      p.warningOnly = pr.warningOnly === true;
      p.unprotected = unprotected.map((u) => u.sheet.track(u.rect));
      return { addProtectedRange: { protectedRange: this.protectionJson(p) } };
    };
  }

  private deleteProtectedRange(plan: Plan, body: Json): () => Json {
    const id = Number(body.protectedRangeId);
    const found = plan.protection(id);
    if (!found) throw new ApiError(`No protected range with id: ${body.protectedRangeId}`);
    if (!this.userMayEdit(found))
      throw new ApiError("You don't have permission to delete this protected range.");
    plan.dropProtection(id);
    return () => {
      const { sheet } = found;
      sheet.protections = sheet.protections.filter((p) => p !== found);
      if (found.region) sheet.untrack(found.region);
      for (const u of found.unprotected) sheet.untrack(u);
      return {};
    };
  }

  private addConditionalFormatRule(plan: Plan, body: Json): () => Json {
    const rule = (body.rule ?? {}) as Json;
    const ranges = ((rule.ranges ?? []) as Json[]).map((r) => plan.range(r));
    if (ranges.length === 0) throw new ApiError("A conditional format rule needs at least one range.");
    const sheet = ranges[0].sheet;
    if (ranges.some((r) => r.sheet !== sheet))
      throw new ApiError("All ranges of a conditional format rule must be on the same sheet.");
    const boolean = rule.booleanRule as Json | undefined;
    if (!boolean) throw new Error("gas-fake: only booleanRule conditional formats are modelled");
    const condition = (boolean.condition ?? {}) as Json;
    if (condition.type !== "CUSTOM_FORMULA")
      throw new Error(`gas-fake: the condition ${String(condition.type)} is not modelled`);
    const values = ((condition.values ?? []) as Json[]).map((v) => String(v.userEnteredValue ?? ""));
    if (values.length !== 1 || !values[0].startsWith("="))
      throw new ApiError("CUSTOM_FORMULA takes one value, a formula that starts with =.");
    const format = (boolean.format ?? {}) as Json;
    const text = (format.textFormat ?? {}) as Json;
    // «Conditional formatting can only apply a subset of formatting: bold, italic, strikethrough,
    // foreground color and background color» (BooleanRule.format, Sheets API reference).
    const allowed = ["backgroundColor", "backgroundColorStyle", "textFormat"];
    const allowedText = [
      "bold",
      "italic",
      "strikethrough",
      "underline",
      "foregroundColor",
      "foregroundColorStyle",
    ];
    const refused = [
      ...Object.keys(format).filter((k) => !allowed.includes(k)),
      ...Object.keys(text)
        .filter((k) => !allowedText.includes(k))
        .map((k) => `textFormat.${k}`),
    ];
    if (refused.length > 0)
      throw new ApiError(
        `Conditional formatting can only apply bold, italic, strikethrough, foreground color and background color: ${refused.join(", ")}`,
      );
    const count = plan.rules(sheet);
    const index = body.index === undefined ? count : Number(body.index);
    if (index < 0 || index > count) throw new ApiError(`Invalid index: ${index}`);
    plan.setRules(sheet, count + 1);
    return () => {
      const data: ConditionalRuleData = {
        criteria: "CUSTOM_FORMULA",
        values: [values[0]],
        format: {
          background: hexOf(format.backgroundColorStyle ?? format.backgroundColor),
          fontColor: hexOf(text.foregroundColorStyle ?? text.foregroundColor),
          bold: typeof text.bold === "boolean" ? text.bold : null,
          italic: typeof text.italic === "boolean" ? text.italic : null,
          strikethrough: typeof text.strikethrough === "boolean" ? text.strikethrough : null,
          underline: typeof text.underline === "boolean" ? text.underline : null,
        },
        regions: ranges.map((r) => sheet.track(r.rect)),
      };
      sheet.conditionalRules.splice(index, 0, data);
      return {};
    };
  }

  private deleteConditionalFormatRule(plan: Plan, body: Json): () => Json {
    const sheet = plan.sheet(body.sheetId);
    const index = Number(body.index);
    const count = plan.rules(sheet);
    if (!Number.isInteger(index) || index < 0 || index >= count)
      throw new ApiError(`No conditional format on sheet: ${sheet.id} at index: ${body.index}`);
    plan.setRules(sheet, count - 1);
    return () => {
      const [old] = sheet.conditionalRules.splice(index, 1);
      for (const region of old.regions) region.sheet.untrack(region);
      return {};
    };
  }

  // ---- cells ----

  /** What a CellData does to a range, for the fields of the mask; each missing field clears. */
  private cellWriter(plan: Plan, cell: Json, fields: string[]): (range: FakeRange) => void {
    const rule =
      fields.includes("dataValidation") && cell.dataValidation !== undefined
        ? this.validation(plan, cell.dataValidation as Json)
        : null;
    const steps: ((r: FakeRange) => void)[] = [];
    for (const f of fields) {
      const v = at(cell, f);
      switch (f) {
        case "note":
          steps.push((r) => r.setNote(v === undefined ? null : String(v)));
          break;
        case "dataValidation":
          steps.push((r) => r.setDataValidation(rule as never));
          break;
        case "userEnteredFormat.numberFormat": {
          const pattern = v === undefined ? null : String((v as Json).pattern ?? "");
          steps.push((r) => r.setNumberFormat(pattern as string));
          break;
        }
        case "userEnteredFormat.textFormat.bold":
          steps.push((r) => r.setFontWeight(v === undefined ? null : v ? "bold" : "normal"));
          break;
        case "userEnteredFormat.textFormat.fontSize":
          // TextFormat.fontSize is an int32: JSON's 10.5 or "10" is refused before anything runs.
          if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v <= 0))
            throw new ApiError(`Invalid value at 'text_format.font_size' (TYPE_INT32), ${JSON.stringify(v)}`);
          steps.push((r) => r.setFontSize(v === undefined ? (null as never) : Number(v)));
          break;
        case "userEnteredFormat.verticalAlignment": {
          const a = v === undefined ? null : String(v);
          if (a !== null && !["TOP", "MIDDLE", "BOTTOM"].includes(a))
            throw new ApiError(
              `Invalid value at 'vertical_alignment' (type.googleapis.com/google.apps.sheets.v4.CellFormat.VerticalAlign), "${a}"`,
            );
          steps.push((r) => r.setVerticalAlignment(a === null ? null : (a.toLowerCase() as "top")));
          break;
        }
        case "userEnteredFormat.textFormat.fontFamily":
          steps.push((r) => r.setFontFamily(v === undefined ? null : String(v)));
          break;
        case "userEnteredFormat.textFormat.foregroundColor":
        case "userEnteredFormat.textFormat.foregroundColorStyle":
          steps.push((r) => r.setFontColor(hexOf(v)));
          break;
        case "userEnteredFormat.backgroundColor":
        case "userEnteredFormat.backgroundColorStyle":
          steps.push((r) => r.setBackground(hexOf(v)));
          break;
        case "userEnteredFormat.wrapStrategy":
          steps.push((r) => r.setWrap(v === "WRAP"));
          break;
      }
    }
    return (range) => {
      for (const step of steps) step(range);
    };
  }

  /** An API DataValidationRule as the rule SpreadsheetApp's builder makes for the same condition. */
  private validation(plan: Plan, rule: Json): FakeDataValidation {
    const condition = (rule.condition ?? {}) as Json;
    const values = ((condition.values ?? []) as Json[]).map((v) => String(v.userEnteredValue ?? ""));
    const b = new FakeDataValidationBuilder(this.env);
    const n = (k: number) => {
      const x = Number(values[k]);
      if (values[k] === undefined || !Number.isFinite(x))
        throw new ApiError(`Invalid condition value «${values[k] ?? ""}» for ${String(condition.type)}`);
      return x;
    };
    const dropdown = rule.showCustomUi === true;
    switch (condition.type) {
      case "ONE_OF_LIST":
        if (values.length === 0) throw new ApiError("ONE_OF_LIST needs at least one value");
        b.requireValueInList(values, dropdown);
        break;
      case "ONE_OF_RANGE": {
        if (values.length !== 1 || !values[0].startsWith("="))
          throw new ApiError("ONE_OF_RANGE takes one value, a range reference that starts with =");
        const { sheet, rect } = this.resolveA1("batchUpdate", plan.ss, values[0].slice(1), true);
        b.requireValueInRange(this.rangeOf(sheet, rect) as never, dropdown);
        break;
      }
      case "DATE_IS_VALID":
        b.requireDate();
        break;
      case "NUMBER_BETWEEN":
        b.requireNumberBetween(n(0), n(1));
        break;
      case "NUMBER_GREATER_THAN_EQ":
        b.requireNumberGreaterThanOrEqualTo(n(0));
        break;
      case "TEXT_IS_EMAIL":
        b.requireTextIsEmail();
        break;
      case "BOOLEAN":
        b.requireCheckbox();
        break;
      default:
        throw new Error(`gas-fake: the validation condition ${String(condition.type)} is not modelled`);
    }
    b.setAllowInvalid(rule.strict !== true);
    b.setHelpText(String(rule.inputMessage ?? ""));
    return b.build() as unknown as FakeDataValidation;
  }

  /**
   * addChart of a basic chart (COLUMN, BAR, LINE, AREA): the first domain and the series are the
   * chart's ranges, in that order, as EmbeddedChartBuilder.addRange makes them; anchored by an
   * overlayPosition. The chart gets the options the builder's setters write (title, isStacked,
   * width, height, legend), so both ways give the same chart. Reply: the chart with its chartId.
   */
  private addChart(plan: Plan, body: Json): () => Json {
    const chart = (body.chart ?? {}) as Json;
    const spec = (chart.spec ?? {}) as Json;
    const basic = spec.basicChart as Json | undefined;
    if (!basic) throw new Error("gas-fake: only basicChart specs are modelled");
    const type = String(basic.chartType ?? "");
    if (!["COLUMN", "BAR", "LINE", "AREA"].includes(type)) throw new ApiError(`Invalid chartType: ${type}`);
    const sources = (x: unknown) =>
      ((((x ?? {}) as Json).sourceRange ?? {}) as Json).sources as Json[] | undefined;
    const domains = ((basic.domains ?? []) as Json[]).map((d) => sources(d.domain) ?? []);
    const series = ((basic.series ?? []) as Json[]).map((d) => sources(d.series) ?? []);
    const ranges = [...domains.slice(0, 1), ...series].flat().map((g) => plan.range(g));
    const overlay = (((chart.position ?? {}) as Json).overlayPosition ?? {}) as Json;
    const anchor = (overlay.anchorCell ?? {}) as Json;
    const sheet = plan.sheet(anchor.sheetId);
    const options: Json = {};
    if (spec.title !== undefined) options.title = String(spec.title);
    if (basic.stackedType === "STACKED") options.isStacked = true;
    if (overlay.widthPixels !== undefined) options.width = Number(overlay.widthPixels);
    if (overlay.heightPixels !== undefined) options.height = Number(overlay.heightPixels);
    const legend = { BOTTOM_LEGEND: "bottom", TOP_LEGEND: "top", LEFT_LEGEND: "left", RIGHT_LEGEND: "right" }[
      String(basic.legendPosition ?? "")
    ];
    if (legend) options.legend = { position: legend };
    return () => {
      const id = sheet.spreadsheet.nextId();
      sheet.charts.push({
        id,
        chartType: type,
        regions: ranges.map(({ sheet: s, rect }) => s.track(rect)),
        options,
        position: {
          anchorRow: Number(anchor.rowIndex ?? 0) + 1,
          anchorCol: Number(anchor.columnIndex ?? 0) + 1,
          offsetX: Number(overlay.offsetXPixels ?? 0),
          offsetY: Number(overlay.offsetYPixels ?? 0),
        },
        numHeaders: basic.headerCount === undefined ? -1 : Number(basic.headerCount),
        transpose: false,
        mergeStrategy: "MERGE_COLUMNS",
        hiddenDimensionStrategy: "IGNORE_BOTH",
      });
      return { addChart: { chart: { ...chart, chartId: id } } };
    };
  }

  /**
   * setBasicFilter: «Sets the basic filter associated with a sheet» (SetBasicFilterRequest), replacing
   * the one in place — a sheet has at most one. The filter's `range` is a GridRange of the sheet (its
   * unset bounds run to the sheet's edge); sort and filter criteria are not modelled and throw.
   */
  private setBasicFilter(plan: Plan, body: Json): () => Json {
    const filter = body.filter as Json | undefined;
    if (!filter || typeof filter !== "object") throw new ApiError("filter must be set");
    for (const k of Object.keys(filter))
      if (k !== "range") throw new Error(`gas-fake: the field filter.${k} of setBasicFilter is not modelled`);
    if (!filter.range) throw new ApiError("filter.range must be set");
    const { sheet, rect } = plan.range(filter.range);
    return () => {
      if (sheet.basicFilter) sheet.untrack(sheet.basicFilter);
      sheet.basicFilter = sheet.track(rect);
      return {};
    };
  }

  /** deleteEmbeddedObject of a chart, by its ID (the message of an unknown ID is a guess). */
  private deleteEmbeddedObject(plan: Plan, body: Json): () => Json {
    const id = Number(body.objectId);
    const sheet = plan.ss.sheets.find((s) => s.charts.some((c) => c.id === id));
    if (!sheet || plan.chartGone(id))
      throw new ApiError(`No embedded object with id: ${String(body.objectId)}`);
    plan.dropChart(id);
    return () => {
      const data = sheet.charts.find((c) => c.id === id);
      if (data) for (const r of data.regions) r.sheet.untrack(r);
      sheet.charts = sheet.charts.filter((c) => c.id !== id);
      return {};
    };
  }

  // ---- reading ----

  private sheetJson(sheet: SheetModel, data: GridRect[] | null): Json {
    const grid: Json = { rowCount: sheet.maxRows, columnCount: sheet.maxCols };
    if (sheet.frozenRows > 0) grid.frozenRowCount = sheet.frozenRows;
    if (sheet.frozenCols > 0) grid.frozenColumnCount = sheet.frozenCols;
    const properties: Json = {
      sheetId: sheet.id,
      title: sheet.name,
      index: sheet.spreadsheet.sheets.indexOf(sheet),
      sheetType: "GRID",
      gridProperties: grid,
    };
    if (sheet.hidden) properties.hidden = true;
    if (sheet.tabColor) {
      properties.tabColor = rgbOf(sheet.tabColor);
      properties.tabColorStyle = { rgbColor: rgbOf(sheet.tabColor) };
    }
    const out: Json = { properties };
    if (sheet.basicFilter?.valid) out.basicFilter = { range: gridRange(sheet, sheet.basicFilter) };
    const merges = sheet.merges.filter((g) => g.valid);
    if (merges.length > 0) out.merges = merges.map((g) => gridRange(sheet, g));
    if (sheet.protections.length > 0)
      out.protectedRanges = sheet.protections.map((p) => this.protectionJson(p));
    if (sheet.conditionalRules.length > 0)
      out.conditionalFormats = sheet.conditionalRules.map((r) => ({
        ranges: r.regions.filter((g) => g.valid).map((g) => gridRange(sheet, g)),
        booleanRule: {
          condition: { type: r.criteria, values: r.values.map((v) => ({ userEnteredValue: String(v) })) },
          format: {
            ...(r.format.background
              ? { backgroundColorStyle: { rgbColor: rgbOf(r.format.background) } }
              : {}),
            ...(r.format.fontColor
              ? { textFormat: { foregroundColorStyle: { rgbColor: rgbOf(r.format.fontColor) } } }
              : {}),
          },
        },
      }));
    if (sheet.charts.length > 0)
      out.charts = sheet.charts.map((c) => ({
        chartId: c.id,
        spec: {
          ...(c.options.title !== undefined ? { title: String(c.options.title) } : {}),
          basicChart: { chartType: c.chartType },
        },
        position: {
          overlayPosition: {
            anchorCell: {
              sheetId: sheet.id,
              rowIndex: c.position.anchorRow - 1,
              columnIndex: c.position.anchorCol - 1,
            },
          },
        },
      }));
    if (data) out.data = data.map((rect) => this.gridData(sheet, rect));
    return out;
  }

  /**
   * GridData of a range: per cell its note, its formula (userEnteredValue.formulaValue), its
   * effective value and number format type (the cell fields modelled for reading); row and column
   * sizes. As the API documents (CellData, ExtendedValue): a value is a numberValue, stringValue,
   * boolValue or errorValue; dates and times are numberValues as serial numbers (days since
   * 30.12.1899 in the spreadsheet's zone), told apart by effectiveFormat.numberFormat.type (DATE,
   * TIME, DATE_TIME), which is left out where the format is the default. Which cells are dates
   * follows the fake's getValues (a stored Date), not the pattern alone.
   */
  private gridData(sheet: SheetModel, rect: GridRect): Json {
    const rowData: Json[] = [];
    for (let r = rect.row; r < rect.row + rect.numRows && r <= sheet.maxRows; r++) {
      const values: Json[] = [];
      for (let c = rect.col; c < rect.col + rect.numCols && c <= sheet.maxCols; c++)
        values.push(this.cellData(sheet, r, c));
      rowData.push({ values });
    }
    return {
      ...(rect.row > 1 ? { startRow: rect.row - 1 } : {}),
      ...(rect.col > 1 ? { startColumn: rect.col - 1 } : {}),
      rowData,
      rowMetadata: rowData.map((_, k) => {
        const meta = sheet.rowMeta[rect.row - 1 + k];
        return { pixelSize: meta?.height ?? 21, ...(meta?.hidden ? { hiddenByUser: true } : {}) };
      }),
      columnMetadata: Array.from({ length: Math.min(rect.numCols, sheet.maxCols - rect.col + 1) }, (_, k) => {
        const meta = sheet.colMeta[rect.col - 1 + k];
        return { pixelSize: meta?.width ?? 100, ...(meta?.hidden ? { hiddenByUser: true } : {}) };
      }),
    };
  }

  /** One cell as a CellData (see gridData). */
  private cellData(sheet: SheetModel, row: number, col: number): Json {
    const cell = sheet.cell(row, col);
    if (!cell) return {};
    const out: Json = {};
    if (cell.note) out.note = cell.note;
    if (cell.formula !== undefined) out.userEnteredValue = { formulaValue: cell.formula };
    const hasContent = cell.value !== undefined || cell.formula !== undefined;
    if (!hasContent) return out;
    const v = cellValue(this.env, sheet, cell, row, col);
    const pattern = cell.format?.numberFormat;
    if (cell.formula !== undefined && cell.formulaError)
      out.effectiveValue = { errorValue: { type: "ERROR", message: "Formula parse error." } };
    else if (isDate(v)) {
      const t = v.getTime();
      const serial = (t + tzOffsetMinutes(sheet.spreadsheet.timeZone, t) * 60000) / 86_400_000 + 25569;
      out.effectiveValue = { numberValue: serial };
      const datePattern = pattern ? sheetsDatePattern(pattern) : undefined;
      const type = !datePattern
        ? "DATE_TIME"
        : /[dMy]/.test(datePattern)
          ? /[Hhms]/.test(datePattern)
            ? "DATE_TIME"
            : "DATE"
          : "TIME";
      out.effectiveFormat = { numberFormat: { type, ...(pattern ? { pattern } : {}) } };
    } else if (typeof v === "number") out.effectiveValue = { numberValue: v };
    else if (typeof v === "boolean") out.effectiveValue = { boolValue: v };
    else out.effectiveValue = { stringValue: String(v) };
    if (!out.effectiveFormat && pattern && pattern !== "0.###############")
      out.effectiveFormat = { numberFormat: { type: pattern === "@" ? "TEXT" : "NUMBER", pattern } };
    return out;
  }

  private protectionJson(p: ProtectionData): Json {
    const out: Json = {
      protectedRangeId: p.id,
      range: p.type === "SHEET" || !p.region ? { sheetId: p.sheet.id } : gridRange(p.sheet, p.region),
      requestingUserCanEdit: this.userMayEdit(p),
    };
    if (p.description) out.description = p.description;
    if (p.warningOnly) out.warningOnly = true;
    if (p.unprotected.length > 0) out.unprotectedRanges = p.unprotected.map((u) => gridRange(p.sheet, u));
    if (!p.warningOnly && this.userMayEdit(p))
      out.editors = {
        users: [...(p.editors ?? p.sheet.spreadsheet.editors)],
        ...(p.domainEdit ? { domainUsersCanEdit: true } : {}),
      };
    return out;
  }

  // ---- helpers ----

  private userMayEdit(p: ProtectionData): boolean {
    const user = this.env.users.effective;
    const editors = p.editors ?? p.sheet.spreadsheet.editors;
    return p.warningOnly || user === p.sheet.spreadsheet.owner || editors.includes(user);
  }

  private checkEditable(sheet: SheetModel, rect: GridRect): void {
    if (!canEditRect(this.env, sheet, rect))
      throw new ApiError(
        "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
      );
  }

  private fields(body: Json, object: Json, known: string[]): string[] {
    const mask = body.fields;
    if (typeof mask !== "string" || mask === "")
      throw new ApiError("At least one field must be updated, but none were specified.");
    if (mask === "*") return known.filter((f) => at(object, f) !== undefined);
    const list = leaves(parseMask(mask));
    for (const f of list)
      if (!known.includes(f)) throw new Error(`gas-fake: the field ${f} of this request is not modelled`);
    return list;
  }

  private dimension(d: unknown): boolean {
    if (d === "ROWS") return true;
    if (d === "COLUMNS") return false;
    throw new ApiError(`Invalid dimension: ${String(d)}`);
  }

  private sheetApi(sheet: SheetModel): FakeSheet {
    return new FakeSheet(this.env, sheet);
  }

  private rangeOf(sheet: SheetModel, rect: GridRect): FakeRange {
    return new FakeRange(this.env, sheet, rect.row, rect.col, rect.numRows, rect.numCols);
  }

  private spreadsheet(method: string, id: string): SpreadsheetModel {
    const ss = this.env.spreadsheets.get(String(id));
    if (!ss) throw this.apiError(method, "Requested entity was not found.");
    return ss;
  }

  /** "'Name'!A1:B2" (or a whole sheet by its name) as a sheet and a 1-based rectangle. */
  private resolveA1(
    method: string,
    ss: SpreadsheetModel,
    a1: string,
    insideRequest = false,
  ): { sheet: SheetModel; rect: GridRect } {
    const { sheet: name, range } = splitSheetName(a1);
    const sheetName = name ?? range.replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    const sheet = ss.sheetByName(sheetName);
    const fail = (): never => {
      if (insideRequest) throw new ApiError(`Unable to parse range: ${a1}`);
      throw this.apiError(method, `Unable to parse range: ${a1}`);
    };
    if (!sheet) return fail();
    if (name === undefined) return { sheet, rect: wholeSheet(sheet) };
    const rect = parseA1(range, sheet.maxRows, sheet.maxCols);
    if (!rect) return fail();
    return { sheet, rect };
  }

  private apiError(method: string, message: string): Error {
    const e = this.env.error(`API call to sheets.spreadsheets.${method} failed with error: ${message}`);
    e.name = "GoogleJsonResponseException";
    return e;
  }

  /** A JSON value made of the script realm's objects and arrays. */
  private toScript(value: unknown): unknown {
    if (Array.isArray(value)) return this.env.realm.array(value.map((v) => this.toScript(v)));
    if (value !== null && typeof value === "object") {
      const out: Json = {};
      for (const [k, v] of Object.entries(value as Json)) out[k] = this.toScript(v);
      return this.env.realm.object(out);
    }
    return value;
  }
}
instrument(FakeSheetsSpreadsheets, "Sheets", "Spreadsheets", ["get", "batchUpdate"]);

/**
 * The state a batch is checked against, request by request, before anything applies: the grid
 * sizes (appendDimension), the protected ranges (added ones get their ID only when applied, so a
 * batch cannot refer to them) and the count of conditional formats per sheet.
 */
class Plan {
  private readonly size = new Map<SheetModel, { rows: number; cols: number }>();
  private readonly deleted = new Set<number>();
  private readonly ruleCounts = new Map<SheetModel, number>();
  private readonly chartsGone = new Set<number>();

  constructor(readonly ss: SpreadsheetModel) {}

  sheet(id: unknown): SheetModel {
    const sheet = this.ss.sheets.find((s) => s.id === Number(id) && id !== undefined && id !== null);
    if (!sheet) throw new ApiError(`No grid with id: ${String(id)}`);
    return sheet;
  }

  rows(sheet: SheetModel): number {
    return this.size.get(sheet)?.rows ?? sheet.maxRows;
  }

  cols(sheet: SheetModel): number {
    return this.size.get(sheet)?.cols ?? sheet.maxCols;
  }

  grow(sheet: SheetModel, rows: boolean, n: number): void {
    const s = { rows: this.rows(sheet), cols: this.cols(sheet) };
    if (rows) s.rows += n;
    else s.cols += n;
    this.size.set(sheet, s);
  }

  /** A GridRange (0-based, end-exclusive, open ends run to the grid's end) as a 1-based rectangle. */
  range(value: unknown): { sheet: SheetModel; rect: GridRect } {
    const g = (value ?? {}) as Json;
    const sheet = this.sheet(g.sheetId);
    const maxRows = this.rows(sheet);
    const maxCols = this.cols(sheet);
    const r0 = Number(g.startRowIndex ?? 0);
    const r1 = Number(g.endRowIndex ?? maxRows);
    const c0 = Number(g.startColumnIndex ?? 0);
    const c1 = Number(g.endColumnIndex ?? maxCols);
    if ([r0, r1, c0, c1].some((n) => !Number.isInteger(n)) || r0 < 0 || c0 < 0 || r0 > r1 || c0 > c1)
      throw new ApiError(`Invalid range: ${JSON.stringify(g)}`);
    const rect = { row: r0 + 1, col: c0 + 1, numRows: r1 - r0, numCols: c1 - c0 };
    if (r1 > maxRows || c1 > maxCols)
      throw new ApiError(
        `Range (${qualifiedA1(sheet.name, toA1(rect))}) exceeds grid limits. Max rows: ${maxRows}, max columns: ${maxCols}`,
      );
    if (rect.numRows === 0 || rect.numCols === 0) throw new ApiError(`Empty range: ${JSON.stringify(g)}`);
    return { sheet, rect };
  }

  protection(id: number): ProtectionData | undefined {
    if (this.deleted.has(id)) return undefined;
    for (const s of this.ss.sheets) {
      const p = s.protections.find((x) => x.id === id);
      if (p) return p;
    }
    return undefined;
  }

  protectionAlive(id: number): boolean {
    return !this.deleted.has(id);
  }

  dropProtection(id: number): void {
    this.deleted.add(id);
  }

  chartGone(id: number): boolean {
    return this.chartsGone.has(id);
  }

  dropChart(id: number): void {
    this.chartsGone.add(id);
  }

  rules(sheet: SheetModel): number {
    return this.ruleCounts.get(sheet) ?? sheet.conditionalRules.length;
  }

  setRules(sheet: SheetModel, n: number): void {
    this.ruleCounts.set(sheet, n);
  }
}

function wholeSheet(sheet: SheetModel): GridRect {
  return { row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxCols };
}

/** A 1-based rectangle as a GridRange. */
function gridRange(sheet: SheetModel, rect: GridRect): Json {
  return {
    sheetId: sheet.id,
    startRowIndex: rect.row - 1,
    endRowIndex: rect.row - 1 + rect.numRows,
    startColumnIndex: rect.col - 1,
    endColumnIndex: rect.col - 1 + rect.numCols,
  };
}

/** The `Sheets` global of a script whose manifest enables the Sheets advanced service (v4). */
export class FakeSheetsAdvancedService {
  readonly Spreadsheets: FakeSheetsSpreadsheets;
  constructor(env: Env) {
    this.Spreadsheets = new FakeSheetsSpreadsheets(env);
  }
}
