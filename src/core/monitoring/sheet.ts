import { isBlank, plainText } from "../cells";
import { type Cell, isDate, type WorkbookPort } from "../ports";
import type { ColumnKey, SheetKey } from "../workbook/keys.generated";
import { FIRST_DATA_ROW } from "../workbook/repair";
import type { NewRow, RecordValues, Table } from "../workbook/table";

function same(a: Cell, b: Cell): boolean {
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && a.getTime() === b.getTime();
  return a === b;
}

/**
 * Replaces the rows of one school year in a program-made sheet («Работа пар», «Динамика
 * участников», «Рейтинг наставников») with `records`, in one write: rows of other years stay as
 * they are, in place; this year's new rows follow them. `carry` lists the curator's columns kept
 * from the old row with the same row key (e.g. a decision about an award); the curator's own
 * columns (without a key) are kept from it too, so what they added beside a row stays with it
 * (issue 15, item 3). Writes nothing when nothing changes.
 */
export function replaceYearRows<S extends SheetKey>(
  wb: WorkbookPort,
  table: Table<S>,
  year: string,
  records: NewRow<S>[],
  carry: ColumnKey<S>[] = [],
): void {
  const yc = table.columns.year;
  const kc = table.columns.row_key;
  const oldByKey = new Map<string, Cell[]>();
  const kept: Cell[][] = [];
  for (const row of table.rows) {
    if (row.every(isBlank)) continue;
    if (plainText(row[yc]) === year) {
      if (kc !== undefined) oldByKey.set(String(row[kc] ?? ""), row);
    } else kept.push(row);
  }
  const width = table.width;
  // The curator's own columns (no key): their cells go with the row of the same row key.
  const program = new Set(Object.values(table.columns));
  const fresh = records.map((values) => {
    const rec = values as RecordValues;
    const row: Cell[] = new Array<Cell>(width).fill("");
    for (const [k, v] of Object.entries(rec)) if (k in table.columns) row[table.columns[k]] = v;
    const old = kc !== undefined ? oldByKey.get(String(rec.row_key ?? "")) : undefined;
    if (old) {
      for (const k of carry) if (k in table.columns) row[table.columns[k]] = old[table.columns[k]] ?? "";
      for (let c = 0; c < width; c++) if (!program.has(c)) row[c] = old[c] ?? "";
    }
    return row;
  });
  const out = [...kept, ...fresh].map((r) => {
    const padded = r.slice(0, width);
    while (padded.length < width) padded.push("");
    return padded;
  });
  // Clear what the old rows covered below the new ones.
  while (out.length < table.rows.length) out.push(new Array<Cell>(width).fill(""));
  const unchanged =
    out.length === table.rows.length &&
    out.every((r, i) => r.every((v, c) => same(v, table.rows[i][c] ?? "")));
  if (unchanged || out.length === 0) return;
  wb.write(table.sheet, FIRST_DATA_ROW, 0, out);
}

/**
 * Puts a line starting with `marker` into a multi-line text: replaces the line already there, or
 * adds it below the curator's text. Running twice gives the same text.
 */
export function withMarkedLine(textValue: string, marker: string, line: string): string {
  const lines = textValue === "" ? [] : textValue.split("\n");
  const i = lines.findIndex((l) => l.startsWith(marker));
  if (i >= 0) lines[i] = line;
  else lines.push(line);
  return lines.join("\n");
}
