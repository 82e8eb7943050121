/**
 * Deleting whole rows (issue 15, item 3): a table that removes rows deletes them from the sheet, so
 * the curator's own columns, formulas, links and notes move up with the rows they belong to instead
 * of being rewritten. The adapters share these two rules.
 */
import type { MergedRange } from "../ports";
import { mergedAddress } from "./merges";

/** Rows (0-based, any order, repeats ignored) as runs of consecutive rows, bottom run first. */
export function deletionRuns(rows: number[]): { start: number; count: number }[] {
  const sorted = [...new Set(rows)].sort((a, b) => b - a);
  const runs: { start: number; count: number }[] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.start === r + 1) {
      last.start = r;
      last.count++;
    } else runs.push({ start: r, count: 1 });
  }
  return runs;
}

/**
 * The first merged range that rows deleted from `first` down would cut or move (one that ends at or
 * below that row), or null: rows are never deleted through or above a merged range.
 */
export function mergeInTheWay(merges: MergedRange[], rows: number[]): MergedRange | null {
  if (rows.length === 0) return null;
  const first = Math.min(...rows);
  return merges.find((m) => m.row + m.rows - 1 >= first) ?? null;
}

/** What the curator reads when rows cannot be deleted because of a merged range. */
export function mergedDeleteMessage(sheet: string, m: MergedRange): string {
  return `На листе «${sheet}» объединены ячейки ${mergedAddress(m)}, а программе нужно удалить строки таблицы выше или внутри них: удаление остановлено, ничего не изменено. Отмените объединение (в Таблицах: «Формат» → «Объединить ячейки» → «Отменить объединение»; в Excel — кнопка «Объединить и поместить в центре»; в LibreOffice — «Формат» → «Объединить ячейки» → «Разъединить») и повторите команду.`;
}
