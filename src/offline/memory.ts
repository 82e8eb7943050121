/**
 * A full garbage collection on demand, for large workbooks (issue 15, item 6). V8 grows its heap
 * rather than collect while memory is plentiful, so a command's peak was the workbook plus the
 * garbage of reading it and of its own work, plus the save's. Collecting once after a large
 * workbook is read and once before it is saved keeps the peak near the workbook and one step's
 * work: at 3,000 mentors, 10,000 mentees and 90,000 meetings, monitor 1.6 GB -> 1.3 GB.
 * Node exposes `gc` only with --expose-gc; the flag is set at run time and the function taken from
 * a new context. Where that fails nothing is done.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let gc: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      const f: unknown = runInNewContext("gc");
      gc = typeof f === "function" ? (f as () => void) : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
