/**
 * Merged cells inside a table (issue 15, item 3). A table is read and written cell by cell: a
 * merged range shares one value among rows (merged ID cells made three people «в паре»), and a
 * write through it spreads to its neighbours (erasing one pupil wiped two classmates' class). So
 * `init` reports every merged range of a table sheet with its address and what to do, and the
 * adapters refuse to write a changed cell inside one (nothing is written through a merged range).
 */
import type { MergedRange, WorkbookPort } from "../ports";
import { columnLetter } from "./a1";
import { HEADER_ROW } from "./repair";

/** «K5:K7». */
export function mergedAddress(m: MergedRange): string {
  return `${columnLetter(m.col)}${m.row + 1}:${columnLetter(m.col + m.cols - 1)}${m.row + m.rows}`;
}

/** What the curator reads about a merged range of a table, with what to do. */
export function mergedRangeMessage(sheet: string, m: MergedRange): string {
  return `Лист «${sheet}»: объединены ячейки ${mergedAddress(m)}. Программа читает и пишет таблицу по ячейкам, а объединённые ячейки делят одно значение на несколько строк или столбцов, и программа в них не пишет. Отмените объединение (в Таблицах: «Формат» → «Объединить ячейки» → «Отменить объединение»; в Excel — кнопка «Объединить и поместить в центре»; в LibreOffice — «Формат» → «Объединить ячейки» → «Разъединить») и впишите значение в каждую ячейку.`;
}

/** A write refused because it would change a cell inside a merged range: where, and what to do. */
export function mergedWriteMessage(sheet: string, m: MergedRange): string {
  return `На листе «${sheet}» объединены ячейки ${mergedAddress(m)}, а программе нужно записать в одну из них: запись остановлена. ${mergedRangeMessage(sheet, m).replace(/^Лист «[^»]*»: объединены ячейки [^.]*\. /, "")} Затем повторите команду.`;
}

/** The merged ranges of a table sheet from its key row down; [] when the adapter cannot tell. */
export function mergedInTable(wb: WorkbookPort, sheet: string): MergedRange[] {
  if (!wb.mergedRanges) return [];
  return wb.mergedRanges(sheet);
}

/** Whether a merged range reaches into a table's header rows (the hidden key row and the header row). */
export function inHeaderRows(m: MergedRange): boolean {
  return m.row <= HEADER_ROW;
}

/**
 * What the curator reads about a merged range in a table's header rows: the program finds columns by
 * the hidden key row and the headers, and a merged cell shows only its first header (and may hide a
 * key); init leaves such a sheet as it is.
 */
export function mergedHeaderMessage(sheet: string, m: MergedRange): string {
  return `Лист «${sheet}»: объединены ячейки ${mergedAddress(m)} в строке заголовков. Программа находит столбцы по заголовкам и по скрытой служебной строке над ними, а объединённая ячейка показывает только первый заголовок, поэтому программа в неё не пишет и этот лист не восстанавливает. Отмените объединение (в Таблицах: «Формат» → «Объединить ячейки» → «Отменить объединение»; в Excel — кнопка «Объединить и поместить в центре»; в LibreOffice — «Формат» → «Объединить ячейки» → «Разъединить») и выполните «Инициализировать / восстановить книгу» ещё раз: заголовки будут восстановлены. Выделить заголовок можно цветом или шрифтом.`;
}

/** The merged ranges in a sheet's header rows. */
export function mergedInHeader(wb: WorkbookPort, sheet: string): MergedRange[] {
  return mergedInTable(wb, sheet).filter(inHeaderRows);
}
