import { ConcurrentEditGuard, retryOnConcurrentEdit } from "../core/jobs/guard";
import type { ClockPort, LockPort, ProgressPort, WorkbookPort } from "../core/ports";
import { rearmStrandedJobs } from "./jobs";
import { MENU_TITLE } from "./menu";
import { gasClock, scriptLock, toastProgress } from "./ports";
import { GasWorkbook } from "./workbook";

/** The Apps Script ports of one execution, wired once. */
export interface GasContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The workbook the operation uses (behind the edit guard in menu actions, see withEditGuard). */
  workbook: WorkbookPort;
  /** The spreadsheet's sheets themselves, unguarded. */
  sheets: GasWorkbook;
  clock: ClockPort;
  lock: LockPort;
  progress: ProgressPort;
  user: string;
}

export function activeUser(): string {
  try {
    return Session.getActiveUser().getEmail();
  } catch (_e) {
    return "";
  }
}

export function gasContext(title: string): GasContext {
  const ss = SpreadsheetApp.getActive();
  const sheets = new GasWorkbook(ss);
  return {
    ss,
    workbook: sheets,
    sheets,
    clock: gasClock(ss),
    lock: scriptLock(),
    progress: toastProgress(ss, title),
    user: activeUser(),
  };
}

/**
 * Runs an operation so that nothing a curator types meanwhile is overwritten: every block write
 * first re-reads the cells it covers and is refused if they changed since the operation read them
 * (core/jobs/guard.ts); the operation — re-runnable at any write, see the fault tests — then runs
 * once more on fresh reads.
 */
export function withEditGuard<T>(ctx: GasContext, fn: (ctx: GasContext) => T): T {
  return retryOnConcurrentEdit(() => fn({ ...ctx, workbook: new ConcurrentEditGuard(ctx.sheets) }));
}

/**
 * Runs a menu action: a toast with its result, or an alert with the Russian error message. The
 * action runs behind the edit guard unless `guardEdits` is false (init, which repairs the sheets
 * themselves, and jobs, which guard each chunk).
 */
export function runMenuAction(
  title: string,
  action: (ctx: GasContext) => string,
  options: { guardEdits?: boolean } = {},
): void {
  const ctx = gasContext(title);
  try {
    const message = options.guardEdits === false ? action(ctx) : withEditGuard(ctx, action);
    ctx.ss.toast(message, MENU_TITLE, 10);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    SpreadsheetApp.getUi().alert(`${MENU_TITLE}: ${message}`);
  } finally {
    // A long operation left waiting without its continuation trigger is armed again.
    rearmStrandedJobs(ctx.ss);
  }
}
