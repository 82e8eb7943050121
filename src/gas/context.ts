import { ConcurrentEditGuard, retryOnConcurrentEdit } from "../core/workbook/guard";
import { rearmStrandedJobs } from "./jobs";
import { MENU_TITLE } from "./menu";
import { type GasContext, gasClock, scriptLock, toastProgress } from "./ports";
import { GasWorkbook } from "./workbook";

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
 * (core/workbook/guard.ts); the operation — re-runnable at any write, see the fault tests — then runs
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
