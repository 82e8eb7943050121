/**
 * Names beside a pair's ID: «Встречи» and «Отчёты наставников» show only «ID пары» where a curator
 * reads them, so the program writes the pair's «Наставник — наставляемый» beside it (column
 * `pair_label`), from «Пары», and refreshes it whenever it recomputes the monitoring.
 */
import type { Cell } from "../ports";
import type { Table } from "./table";

/** «Павлова Ирина Викторовна — Борисова Анна Андреевна» (an ID where a name is missing). */
export function pairLabel(values: Record<string, Cell | undefined>): string {
  const side = (name: Cell | undefined, id: Cell | undefined) =>
    String(name ?? "").trim() || String(id ?? "").trim();
  return `${side(values.mentor_name, values.mentor_id)} — ${side(values.mentee_name, values.mentee_id)}`;
}

/** Every pair's label by its ID, from «Пары». */
export function pairLabels(pairs: Table<"pairs">): Map<string, string> {
  const out = new Map<string, string>();
  for (const { values } of pairs.records()) {
    const id = String(values.pair_id).trim();
    if (id !== "" && !out.has(id)) out.set(id, pairLabel(values));
  }
  return out;
}

/** What the label says of an ID typed that «Пары» does not hold. */
export const UNKNOWN_PAIR_LABEL = "нет такой пары на листе «Пары»";

/**
 * Sets `pair_label` of the rows (every row by default) to their pair's label (blank for a row
 * without a pair); returns how many changed. The caller flushes: only the changed column is written.
 */
export function refreshPairLabels(
  t: Table<"meetings"> | Table<"mentor_reports">,
  labels: Map<string, string>,
  rows?: Iterable<number>,
): number {
  const table = t as Table<"meetings">;
  if (!table.has("pair_label") || !table.has("pair_id")) return 0;
  let changed = 0;
  for (const r of rows ?? table.rowIndexes()) {
    const id = String(table.get(r, "pair_id") ?? "").trim();
    const label = id === "" ? "" : (labels.get(id) ?? UNKNOWN_PAIR_LABEL);
    if (String(table.get(r, "pair_label") ?? "") === label) continue;
    table.set(r, "pair_label", label);
    changed++;
  }
  return changed;
}
