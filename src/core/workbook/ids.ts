import type { ColumnKey, SheetKey } from "./keys.generated";
import type { Table } from "./table";

/** ID prefixes of the program's records. */
export const ID_PREFIX = { mentor: "Н", mentee: "НЯ", pair: "П", meeting: "В", event: "" } as const;

/** The next free ID «PREFIX-0001» in a table's ID column (gaps are never reused). */
export function nextIdAllocator<S extends SheetKey>(
  table: Table<S>,
  column: ColumnKey<S>,
  prefix: string,
): () => string {
  const re = new RegExp(`^${prefix}-(\\d+)$`);
  let max = 0;
  for (const r of table.rowIndexes()) {
    const m = re.exec(String(table.get(r, column)).trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return () => `${prefix}-${String(++max).padStart(4, "0")}`;
}
