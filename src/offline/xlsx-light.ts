/**
 * Large sheets kept light (issue 15, item 6). exceljs holds about 400 bytes per cell: at 3,000
 * mentors, 10,000 mentees and 90,000 meetings «Встречи» alone (1.2 million cells, 43 MB of XML) took
 * 440 MB of heap and its reading more. A sheet whose XML is at least `LIGHT_SHEET_BYTES` keeps its
 * data rows (below the `HEAD_ROWS` header rows) as the file's own XML bytes plus their plain values;
 * exceljs loads the rest of the sheet (header rows, columns, validations, conditional formats, notes,
 * views, filter, protection) as before. On save the raw rows are written back as they were, with
 * only their style and shared-string numbers renumbered into the new file's tables (a rich-text
 * shared string becomes the same runs inline); a cell the command changed is written anew.
 *
 * A sheet is kept light only when nothing in its data rows needs exceljs: no hyperlinks, no shared
 * formulas, no merged ranges or notes below the header rows, no cell metadata, every row and cell
 * numbered, rows in order; a workbook with pictures or tables has no light sheets (its save is not
 * streamed). Otherwise the sheet is loaded whole, as before.
 */
import ExcelJS from "exceljs";
import type JSZip from "jszip";
import { type Cell, type CellInput, isDate, isFormula } from "../core/ports";
import { shifted, shiftFormulaRows } from "./xlsx-rows";

/** Sheet XML at which a sheet's data rows stay raw. */
export const LIGHT_SHEET_BYTES = 2_000_000;

/** Rows at the top that exceljs holds in a light sheet: the key row and the header row. */
export const HEAD_ROWS = 2;

/** The workbook's shared strings: plain text per index, the XML of those with rich runs. */
export interface SharedStringTable {
  readonly text: string[];
  readonly rich: Map<number, string>;
}

/** A sheet whose data rows are held as the file's XML. */
export interface LightSheet {
  /** Rows 1..head are in exceljs. */
  readonly head: number;
  /** The raw rows' bytes, as in the file. */
  readonly data: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  /** 1-based row numbers, ascending, all above `head`. */
  numbers: Int32Array;
  /** Each raw row's number in the file (rows move up when rows above are deleted). */
  origins: Int32Array;
  /** Plain values per raw row (0-based columns), as exceljs would read them. */
  values: Cell[][];
  /** Row number → index into the arrays above. */
  index: Map<number, number>;
  /** Style of each original style number the raw rows use, as exceljs reads it. */
  readonly styles: Map<number, Partial<ExcelJS.Style>>;
  /** Style numbers whose numbers exceljs reads as dates. */
  readonly dates: Set<number>;
  readonly strings: SharedStringTable;
  /** The workbook counts dates from 1904 (a Mac workbook). */
  readonly date1904: boolean;
  /** Cells the command changed: row → column (1-based) → new value. */
  changes: Map<number, Map<number, CellInput>>;
  /** Rows deleted since the read, in order (1-based, sorted): formulas are shifted for each. */
  readonly deletions: { sheet: string; rows: number[] }[];
}

/** What the reduced package needs after exceljs has read it. */
interface Pending {
  name: string;
  head: number;
  data: Buffer;
  starts: number[];
  ends: number[];
  numbers: number[];
  styleIds: number[];
}

export interface LightSplit {
  /** The package for exceljs: light sheets without their data rows, with a style-sampler row. */
  bytes: Uint8Array;
  /** Finishes the light sheets once exceljs has loaded `bytes` (removes the sampler rows). */
  finish(book: ExcelJS.Workbook): Map<ExcelJS.Worksheet, LightSheet>;
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/** Entities as the XML parser resolves them. */
function unescapeXml(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10),
      );
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[e] as string;
  });
}

/** exceljs's second decoding of a formula's string result (utils.xmlDecode). */
function xmlDecodeAgain(s: string): string {
  return s.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case "&lt;":
        return "<";
      case "&gt;":
        return ">";
      case "&amp;":
        return "&";
      case "&apos;":
        return "'";
      case "&quot;":
        return '"';
      default:
        return c;
    }
  });
}

function escapeXml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string,
  );
}

/** The text of `<t>` elements (not phonetic runs), as exceljs reads a string item. */
function runsText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out += m[1];
  return unescapeXml(out).replace(/_x([0-9A-F]{4})_/g, (_m, h: string) =>
    String.fromCharCode(Number.parseInt(h, 16)),
  );
}

export function parseSharedStrings(xml: string): SharedStringTable {
  const text: string[] = [];
  const rich = new Map<number, string>();
  const re = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const inner = m[1] ?? "";
    const k = text.length;
    text.push(runsText(inner));
    if (/<r>|<r\s/.test(inner)) rich.set(k, inner);
  }
  return { text, rich };
}

/** The value exceljs would give a raw cell, through `plainCell`. */
function rawValue(
  t: string | null,
  s: number,
  inner: string,
  light: Pick<LightSheet, "dates" | "strings">,
  date1904: boolean,
): Cell {
  const hasF = /<f[\s>/]/.test(inner);
  const vm = /<v>([\s\S]*?)<\/v>/.exec(inner);
  const v = vm ? unescapeXml(vm[1]) : undefined;
  if (hasF) {
    if (v === undefined || v === "") return "";
    if (t === "str") return xmlDecodeAgain(v);
    if (t === "b") return Number.parseInt(v, 10) !== 0;
    if (t === "e") return "#ERROR!";
    const n = Number.parseFloat(v);
    return light.dates.has(s) ? excelToDate(n, date1904) : n;
  }
  if (t === "inlineStr") {
    const is = /<is>([\s\S]*?)<\/is>/.exec(inner);
    return is ? runsText(is[1]) : "";
  }
  if (v === undefined) return "";
  switch (t) {
    case "s":
      return light.strings.text[Number.parseInt(v, 10)] ?? "";
    case "str":
      return xmlDecodeAgain(v);
    case "b":
      return Number.parseInt(v, 10) !== 0;
    case "e":
      return v;
    default: {
      const n = Number.parseFloat(v);
      return light.dates.has(s) ? excelToDate(n, date1904) : n;
    }
  }
}

function excelToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

function indexOfBytes(buf: Buffer, text: string, from: number): number {
  return buf.indexOf(text, from, "latin1");
}

/** The zip path a relationship target names, from a part in folder `base`. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").filter(Boolean);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function uncompressedSize(file: JSZip.JSZipObject): number {
  const size = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  return typeof size === "number" ? size : 0;
}

/**
 * Splits the large sheets of a package (already checked to be an .xlsx) into exceljs's part and
 * their raw data rows; null when no sheet is kept light.
 */
export async function splitLightSheets(zip: JSZip, minBytes = LIGHT_SHEET_BYTES): Promise<LightSplit | null> {
  const names = Object.keys(zip.files);
  // Pictures and tables are written by exceljs's whole-book writer only: no streaming, no light sheets.
  if (names.some((n) => /^xl\/(media|tables)\//.test(n))) return null;
  const workbookXml = await zip.file("xl/workbook.xml")?.async("string");
  const relsXml = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (!workbookXml || !relsXml) return null;
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbookXml);
  const targets = new Map<string, { target: string; type: string }>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target)
      targets.set(id, { target: resolveTarget("xl", target), type: attr(m[0], "Type") ?? "" });
  }
  const sstPath = [...targets.values()].find((t) => /\/sharedStrings$/.test(t.type))?.target;
  const candidates: { name: string; path: string }[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name");
    const id = attr(m[0], "r:id");
    const path = id ? targets.get(id)?.target : undefined;
    const file = path ? zip.file(path) : null;
    if (name && path && file && uncompressedSize(file) >= minBytes)
      candidates.push({ name: unescapeXml(name), path });
  }
  if (candidates.length === 0) return null;

  const pending: Pending[] = [];
  for (const { name, path } of candidates) {
    const split = await splitSheet(zip, path, name);
    if (split) pending.push(split);
  }
  if (pending.length === 0) return null;
  const sstXml = sstPath ? await zip.file(sstPath)?.async("string") : undefined;
  const strings = parseSharedStrings(sstXml ?? "");
  const bytes = await zip.generateAsync({ type: "uint8array" });

  return {
    bytes,
    finish(book) {
      const out = new Map<ExcelJS.Worksheet, LightSheet>();
      for (const p of pending) {
        const ws = book.getWorksheet(p.name);
        if (!ws) throw new Error(`Лист «${p.name}» не прочитан`);
        const styles = new Map<number, Partial<ExcelJS.Style>>();
        const dates = new Set<number>();
        const sampler = ws.getRow(p.head + 1);
        p.styleIds.forEach((id, i) => {
          const cell = sampler.getCell(i + 1);
          styles.set(id, cell.style);
          if (cell.type === ExcelJS.ValueType.Date) dates.add(id);
        });
        // The sampler row goes: it was the last row exceljs holds.
        const rows = (ws as unknown as { _rows: unknown[] })._rows;
        rows.length = Math.min(rows.length, p.head);
        const light: LightSheet = {
          head: p.head,
          data: p.data,
          starts: Int32Array.from(p.starts),
          ends: Int32Array.from(p.ends),
          numbers: Int32Array.from(p.numbers),
          origins: Int32Array.from(p.numbers),
          values: [],
          index: new Map(),
          styles,
          dates,
          strings,
          date1904,
          changes: new Map(),
          deletions: [],
        };
        for (let k = 0; k < p.numbers.length; k++) {
          light.index.set(p.numbers[k], k);
          const xml = p.data.toString("utf8", p.starts[k], p.ends[k]);
          const row: Cell[] = [];
          for (const m of xml.matchAll(CELL)) {
            const ref = /\sr="([A-Z]+)\d+"/.exec(m[1]);
            if (!ref) continue;
            const c = columnNumber(ref[1]);
            const v = rawValue(attr(m[1], "t"), Number(attr(m[1], "s") ?? 0), m[2] ?? "", light, date1904);
            if (v !== "") {
              while (row.length < c - 1) row.push("");
              row[c - 1] = v;
            }
          }
          light.values.push(row);
        }
        out.set(ws, light);
      }
      return out;
    },
  };
}

/** One sheet's split, or null when it must be loaded whole. Replaces the sheet's part in `zip`. */
async function splitSheet(zip: JSZip, path: string, name: string): Promise<Pending | null> {
  const buf = await zip.file(path)!.async("nodebuffer");
  const open = indexOfBytes(buf, "<sheetData>", 0);
  const close = buf.lastIndexOf("</sheetData>", undefined, "latin1");
  if (open < 0 || close < open) return null;
  const prefix = buf.subarray(0, open + "<sheetData>".length);
  const suffix = buf.subarray(close);
  const tail = suffix.toString("utf8");
  if (/<(hyperlinks|drawing|tableParts|picture|oleObjects|controls)\b/.test(tail)) return null;
  const head = HEAD_ROWS;
  for (const m of tail.matchAll(/<mergeCell\b[^>]*\sref="[A-Z]+(\d+)(?::[A-Z]+(\d+))?"/g))
    if (Number(m[2] ?? m[1]) > head) return null;
  // Notes below the header rows are exceljs's to carry.
  const relsPath = path.replace(/([^/]+)$/, "_rels/$1.rels");
  const rels = await zip.file(relsPath)?.async("string");
  if (rels)
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      if (!/\/comments$/.test(attr(m[0], "Type") ?? "")) continue;
      const target = attr(m[0], "Target") ?? "";
      const part = resolveTarget(path.replace(/\/[^/]+$/, ""), target);
      const xml = await zip.file(part)?.async("string");
      if (xml === undefined) return null;
      for (const c of xml.matchAll(/<comment\b[^>]*\sref="[A-Z]+(\d+)"/g))
        if (Number(c[1]) > head) return null;
    }

  const starts: number[] = [];
  const ends: number[] = [];
  const numbers: number[] = [];
  let headEnd = prefix.length;
  let pos = prefix.length;
  let last = 0;
  const ids = new Set<number>();
  while (pos < close) {
    const at = indexOfBytes(buf, "<row", pos);
    if (at < 0 || at >= close) break;
    const tagEnd = buf.indexOf(0x3e, at); // ">"
    if (tagEnd < 0 || tagEnd > close) return null;
    const tag = buf.toString("latin1", at, tagEnd + 1);
    const r = Number(attr(tag, "r"));
    if (!Number.isInteger(r) || r <= last) return null;
    last = r;
    const selfClosing = buf[tagEnd - 1] === 0x2f; // "/"
    const end = selfClosing ? tagEnd + 1 : indexOfBytes(buf, "</row>", tagEnd) + "</row>".length;
    if (end <= tagEnd || end > close) return null;
    if (r <= head) {
      if (numbers.length > 0) return null;
      headEnd = end;
    } else {
      const xml = buf.toString("utf8", at, end);
      if (/\st="shared"|\s(cm|vm)="/.test(xml)) return null;
      const rowStyle = attr(tag, "s");
      if (rowStyle !== null) ids.add(Number(rowStyle));
      for (const m of xml.matchAll(CELL)) {
        if (!/\sr="[A-Z]+\d+"/.test(m[1])) return null;
        ids.add(Number(attr(m[1], "s") ?? 0));
      }
      starts.push(at);
      ends.push(end);
      numbers.push(r);
    }
    pos = end;
  }
  if (numbers.length === 0) return null;
  const styleIds = [...ids].sort((a, b) => a - b);
  const sampler = `<row r="${head + 1}">${styleIds
    .map((id, i) => `<c r="${columnLetters(i + 1)}${head + 1}" s="${id}"><v>0</v></c>`)
    .join("")}</row>`;
  const reduced = Buffer.concat([prefix, buf.subarray(prefix.length, headEnd), Buffer.from(sampler), suffix]);
  zip.file(path, reduced);
  // The raw rows in one buffer of their own: the sheet's other bytes are not kept.
  const first = starts[0];
  const data = Buffer.from(buf.subarray(first, ends[ends.length - 1]));
  return {
    name,
    head,
    data,
    starts: starts.map((s) => s - first),
    ends: ends.map((e) => e - first),
    numbers,
    styleIds,
  };
}

/** The current plain value of a light sheet's cell (1-based row and column), or undefined if not raw. */
export function lightValue(light: LightSheet, r: number, c: number): Cell | undefined {
  const k = light.index.get(r);
  if (k === undefined) return undefined;
  const changed = light.changes.get(r);
  if (changed?.has(c)) return inputAsCell(changed.get(c) as CellInput);
  return light.values[k][c - 1] ?? "";
}

/** A written value as the read gives it back (a formula has no result until recalculated). */
export function inputAsCell(v: CellInput): Cell {
  if (v === null || v === undefined) return "";
  if (isFormula(v)) return "";
  if (isDate(v)) return new Date(v.getTime());
  return v as Cell;
}

/** What the streaming writer offers a raw row: its style and shared-string tables. */
export interface WriterTables {
  styles: { addStyleModel(model: unknown, cellType?: number): number };
  sharedStrings: { add(value: string): number };
}

/**
 * The XML of raw row `k` for the new file: style and shared-string numbers renumbered, changed
 * cells written anew. `columnStyle` gives a new cell's style (exceljs gives it its column's).
 */
export function renderRow(
  light: LightSheet,
  k: number,
  tables: WriterTables,
  remap: Map<number, number>,
  columnStyle: (c: number) => Partial<ExcelJS.Style> | undefined,
): string {
  const styleOf = (id: number): number => {
    let out = remap.get(id);
    if (out === undefined) {
      out = tables.styles.addStyleModel(light.styles.get(id) ?? {});
      remap.set(id, out);
    }
    return out;
  };
  let xml = light.data.toString("utf8", light.starts[k], light.ends[k]);
  if (light.numbers[k] !== light.origins[k]) {
    const from = light.origins[k];
    const to = light.numbers[k];
    xml = xml.replace(new RegExp(`(\\sr="[A-Z]*)${from}"`, "g"), `$1${to}"`);
  }
  if (light.deletions.length > 0)
    xml = xml.replace(
      /(<f(?:\s[^>]*)?>)([\s\S]*?)(<\/f>)/g,
      (_m, open: string, text: string, close: string) => {
        let f = unescapeXml(text);
        for (const d of light.deletions) f = shiftFormulaRows(f, d.sheet, d.rows);
        return `${open}${escapeXml(f)}${close}`;
      },
    );
  const tagEnd = xml.indexOf(">");
  let tag = xml.slice(0, tagEnd + 1);
  tag = tag.replace(
    /(\ss=")(\d+)(")/,
    (_m, a: string, id: string, b: string) => `${a}${styleOf(Number(id))}${b}`,
  );
  const r = light.numbers[k];
  const changes = light.changes.get(r);
  const cells: { c: number; xml: string }[] = [];
  const seen = new Set<number>();
  const body = tag.endsWith("/>") ? "" : xml.slice(tagEnd + 1, xml.length - "</row>".length);
  for (const m of body.matchAll(CELL)) {
    const attrs = m[1];
    const c = columnNumber(/\sr="([A-Z]+)\d+"/.exec(attrs)![1]);
    seen.add(c);
    const s = Number(attr(attrs, "s") ?? 0);
    if (changes?.has(c)) {
      cells.push({
        c,
        xml: newCell(r, c, changes.get(c) as CellInput, light.styles.get(s) ?? {}, tables, light.date1904),
      });
      continue;
    }
    let a = attrs.replace(
      /(\ss=")(\d+)(")/,
      (_x, p: string, id: string, q: string) => `${p}${styleOf(Number(id))}${q}`,
    );
    let inner = m[2];
    if (inner !== undefined && attr(attrs, "t") === "s" && !/<f[\s>/]/.test(inner)) {
      const v = /<v>(\d+)<\/v>/.exec(inner);
      if (v) {
        const idx = Number(v[1]);
        const rich = light.strings.rich.get(idx);
        if (rich !== undefined) {
          a = a.replace(/\st="s"/, ' t="inlineStr"');
          inner = `<is>${rich}</is>`;
        } else
          inner = inner.replace(v[0], `<v>${tables.sharedStrings.add(light.strings.text[idx] ?? "")}</v>`);
      }
    }
    cells.push({ c, xml: inner === undefined ? `<c${a}/>` : `<c${a}>${inner}</c>` });
  }
  if (changes)
    for (const [c, v] of changes) {
      if (seen.has(c) || v === null || v === "") continue;
      cells.push({ c, xml: newCell(r, c, v, columnStyle(c) ?? {}, tables, light.date1904) });
    }
  cells.sort((x, y) => x.c - y.c);
  if (tag.endsWith("/>")) tag = `${tag.slice(0, -2)}>`;
  // A changed row may reach other columns than its «spans» hint said.
  return `${changes ? tag.replace(/\sspans="[^"]*"/, "") : tag}${cells.map((x) => x.xml).join("")}</row>`;
}

/** A cell the command wrote, as exceljs writes one; a date keeps a date format. */
function newCell(
  r: number,
  c: number,
  v: CellInput,
  style: Partial<ExcelJS.Style>,
  tables: WriterTables,
  date1904: boolean,
): string {
  const ref = `${columnLetters(c)}${r}`;
  let model: Partial<ExcelJS.Style> = style;
  if (isDate(v) && (!style.numFmt || style.numFmt === "General")) model = { ...style, numFmt: "dd.mm.yyyy" };
  const hasStyle = Object.keys(model).length > 0;
  const s = hasStyle ? ` s="${tables.styles.addStyleModel(model)}"` : "";
  if (v === null || v === "") return hasStyle ? `<c r="${ref}"${s}/>` : "";
  if (isFormula(v)) return `<c r="${ref}"${s}><f>${escapeXml(v.formula.replace(/^=/, ""))}</f></c>`;
  if (isDate(v))
    return `<c r="${ref}"${s}><v>${25569 + v.getTime() / 86400000 - (date1904 ? 1462 : 0)}</v></c>`;
  if (typeof v === "number") return `<c r="${ref}"${s}><v>${v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="s"><v>${tables.sharedStrings.add(String(v))}</v></c>`;
}

/**
 * Deletes rows (1-based, sorted, each once) of a light sheet named `sheet`: raw rows below move up,
 * their formulas (and every raw formula's references into the sheet) shifted at the save.
 */
export function deleteLightRows(light: LightSheet, sheet: string, deleted: number[]): void {
  if (deleted.length === 0) return;
  const shift = (r: number): number | null => shifted(r, deleted);
  const keep: number[] = [];
  const numbers: number[] = [];
  light.numbers.forEach((r, k) => {
    const to = shift(r);
    if (to === null) return;
    keep.push(k);
    numbers.push(to);
  });
  light.starts = Int32Array.from(keep, (k) => light.starts[k]);
  light.ends = Int32Array.from(keep, (k) => light.ends[k]);
  light.origins = Int32Array.from(keep, (k) => light.origins[k]);
  light.values = keep.map((k) => light.values[k]);
  light.numbers = Int32Array.from(numbers);
  light.index = new Map(numbers.map((r, k) => [r, k]));
  const changes = new Map<number, Map<number, CellInput>>();
  for (const [r, row] of light.changes) {
    const to = shift(r);
    if (to !== null) changes.set(to, row);
  }
  light.changes = changes;
  // Formulas written before the deletion move like the file's own (those in the file are shifted
  // at the save, for every deletion since the read).
  for (const row of changes.values())
    for (const [c, v] of row)
      if (isFormula(v))
        row.set(c, { formula: shiftFormulaRows(v.formula.replace(/^=/, ""), sheet, deleted) });
  light.deletions.push({ sheet, rows: [...deleted] });
}
