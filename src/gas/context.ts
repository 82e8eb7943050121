import type { ClockPort, LockPort, ProgressPort, WorkbookPort } from "../core/ports";
import { MENU_TITLE } from "./menu";
import { gasClock, scriptLock, toastProgress } from "./ports";
import { GasWorkbook } from "./workbook";

/** The Apps Script ports of one execution, wired once. */
export interface GasContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  workbook: WorkbookPort;
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
  return {
    ss,
    workbook: new GasWorkbook(ss),
    clock: gasClock(ss),
    lock: scriptLock(),
    progress: toastProgress(ss, title),
    user: activeUser(),
  };
}

/** Runs a menu action: a toast with its result, or an alert with the Russian error message. */
export function runMenuAction(title: string, action: (ctx: GasContext) => string): void {
  const ctx = gasContext(title);
  try {
    const message = action(ctx);
    ctx.ss.toast(message, MENU_TITLE, 10);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    SpreadsheetApp.getUi().alert(`${MENU_TITLE}: ${message}`);
  }
}
