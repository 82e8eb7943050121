import { describeReconcile } from "../core/jobs/reconcile";
import { ConcurrentEditGuard, retryOnConcurrentEdit } from "../core/workbook/guard";
import { adoptIfCopy } from "./copy";
import { scriptState } from "./errors";
import { rearmStrandedJobs, reconcileNow } from "./jobs";
import { MENU_TITLE } from "./menu";
import { ensurePermissions, type Permission } from "./permissions";
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
    clock: gasClock(ss, () => sheets.timeZone()),
    state: scriptState(),
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

export interface MenuOptions {
  /** Run behind the edit guard (default); false for init and the jobs, which guard themselves. */
  guardEdits?: boolean;
  /**
   * Take first the response rows no submit trigger took (core/jobs/reconcile.ts), so the action
   * reads every answer (default); false for init and «Переобработать ответы».
   */
  reconcile?: boolean;
  /** Permissions beyond the workbook and the menu (permissions.ts) the action needs. */
  requires?: readonly Permission[];
}

/** The response rows no trigger took, taken now: a Russian line when there were any. Never throws. */
function reconcileQuietly(ctx: GasContext): string {
  try {
    return describeReconcile(reconcileNow(ctx));
  } catch (e) {
    console.error(`Наставничество: ответы анкет не сверены: ${e instanceof Error ? e.message : String(e)}`);
    return "";
  }
}

/**
 * Runs a menu action: a toast with its result, or an alert with the Russian error message. `spec`
 * is its title, or its title with its options (then the action stays the last argument). First
 * the permissions it needs (a Russian explanation and Google's prompt when one is missing), the
 * first run in a copy of the workbook (copy.ts), and the responses no trigger took. The action runs
 * behind the edit guard unless `guardEdits` is false (init, which repairs the sheets themselves,
 * and jobs, which guard each chunk).
 */
export function runMenuAction(
  spec: string | (MenuOptions & { title: string }),
  action: (ctx: GasContext) => string,
  more: MenuOptions = {},
): void {
  const { title, ...options } = typeof spec === "string" ? { title: spec, ...more } : { ...spec, ...more };
  // Outside the try: requireScopes ends the execution to show Google's prompt.
  if (!ensurePermissions(title, options.requires ?? [])) return;
  const ctx = gasContext(title);
  try {
    const copy = adoptIfCopy(ctx);
    const taken = options.reconcile === false ? "" : reconcileQuietly(ctx);
    const message = options.guardEdits === false ? action(ctx) : withEditGuard(ctx, action);
    ctx.ss.toast([copy, taken, message].filter((m) => m !== "").join("\n"), MENU_TITLE, 10);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    SpreadsheetApp.getUi().alert(`${MENU_TITLE}: ${message}`);
  } finally {
    // A long operation left waiting without its continuation trigger is armed again.
    rearmStrandedJobs(ctx.ss, ctx.state, ctx.clock);
  }
}
