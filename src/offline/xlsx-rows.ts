/**
 * Deleting whole rows of an exceljs worksheet (issue 15, item 3), as Excel and Sheets do: the rows
 * below move up with everything on them — values, the curator's formulas (their row references
 * shifted, a reference to a deleted row becoming #REF!), hyperlinks, rich text, styles, notes,
 * heights. exceljs's own spliceRows drops notes and leaves formulas pointing at the old rows.
 * Formulas on other sheets that point into this one are left as they are.
 */
import type ExcelJS from "exceljs";

/** 1-based rows, sorted, each once. */
type Deleted = number[];

/** `row` (1-based) after the deletion: moved up by the deleted rows above it; null when it is deleted. */
export function shifted(row: number, deleted: Deleted): number | null {
  let below = 0;
  for (const d of deleted) {
    if (d === row) return null;
    if (d < row) below++;
    else break;
  }
  return row - below;
}

/** A range's rows after the deletion: its first and last surviving rows, or null when none survive. */
function shiftedSpan(from: number, to: number, deleted: Deleted): [number, number] | null {
  let a = from;
  while (a <= to && shifted(a, deleted) === null) a++;
  let b = to;
  while (b >= a && shifted(b, deleted) === null) b--;
  if (a > b) return null;
  return [shifted(a, deleted)!, shifted(b, deleted)!];
}

const REF =
  /(?<![\w$.А-Яа-яЁё!'])((?:'(?:[^']|'')+'|[A-Za-zА-Яа-яЁё_][\wА-Яа-яЁё.]*)!)?(\$?[A-Z]{1,3}\$?)(\d+)(?::(\$?[A-Z]{1,3}\$?)(\d+))?(?![\w(А-Яа-яЁё])/g;

function unquote(prefix: string): string {
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/**
 * A formula (without the leading =) with its references to rows of `sheet` shifted for the deleted
 * rows; references to other sheets and text inside quotes untouched.
 */
export function shiftFormulaRows(formula: string, sheet: string, deleted: Deleted): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part.replace(
        REF,
        (all, prefix: string | undefined, col1: string, row1: string, col2?: string, row2?: string) => {
          if (prefix && unquote(prefix) !== sheet) return all;
          const p = prefix ?? "";
          if (col2 === undefined || row2 === undefined) {
            const r = shifted(Number(row1), deleted);
            return r === null ? `${p}#REF!` : `${p}${col1}${r}`;
          }
          const span = shiftedSpan(Number(row1), Number(row2), deleted);
          return span === null ? `${p}#REF!` : `${p}${col1}${span[0]}:${col2}${span[1]}`;
        },
      );
    })
    .join("");
}

/** A cell's value as it should be one row position up: formulas shifted, shared formulas made plain. */
function movedValue(cell: ExcelJS.Cell, sheet: string, deleted: Deleted): ExcelJS.CellValue {
  const v = cell.value;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    const f = (v as ExcelJS.CellFormulaValue).formula ?? cell.formula;
    if (typeof f === "string" && f !== "")
      // `cell.result`: the value's result drops a cached 0, false or "".
      return {
        formula: shiftFormulaRows(f, sheet, deleted),
        result: cell.result as ExcelJS.CellFormulaValue["result"],
      };
  }
  return v;
}

/**
 * exceljs keeps a cell's note as `_comment`: assigning `note = undefined` leaves an empty comment in
 * the file (an empty note box in Excel), so a note is moved or removed through that field.
 */
type WithComment = { _comment?: unknown };

/** Removes a cell's note, leaving no empty comment in the file. */
export function removeNote(cell: ExcelJS.Cell): void {
  delete (cell as unknown as WithComment)._comment;
}

function moveNote(from: ExcelJS.Cell, to: ExcelJS.Cell): void {
  const note = (from as unknown as WithComment)._comment;
  if (note === undefined) removeNote(to);
  else (to as unknown as WithComment)._comment = note;
}

/** Deletes the rows (1-based, any order) of a worksheet; the caller checks merged ranges first. */
export function deleteWorksheetRows(ws: ExcelJS.Worksheet, rows: number[]): void {
  const deleted: Deleted = [...new Set(rows)].filter((r) => r >= 1).sort((a, b) => a - b);
  if (deleted.length === 0) return;
  const last = ws.rowCount;
  const first = deleted[0];
  // Formulas above the deleted rows may point below them: shifted in place.
  for (let r = 1; r < first; r++)
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      const v = movedValue(cell, ws.name, deleted);
      if (v !== cell.value) cell.value = v;
    });
  for (let r = first; r <= last; r++) {
    const to = shifted(r, deleted);
    if (to === null || to === r) continue;
    const src = ws.getRow(r);
    const dst = ws.getRow(to);
    const width = Math.max(src.cellCount, dst.cellCount);
    for (let c = 1; c <= width; c++) {
      const s = src.getCell(c);
      const d = dst.getCell(c);
      d.value = movedValue(s, ws.name, deleted);
      d.style = { ...s.style };
      moveNote(s, d);
    }
    dst.height = src.height;
    dst.hidden = src.hidden;
  }
  // The rows at the bottom that moved up are emptied.
  for (let r = Math.max(first, last - deleted.filter((d) => d <= last).length + 1); r <= last; r++) {
    const row = ws.getRow(r);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.value = null;
      removeNote(cell);
      cell.style = {};
    });
    row.height = undefined as unknown as number;
    row.hidden = false;
  }
}
