/**
 * Every function Apps Script calls: simple triggers, menu items, installable triggers, sidebar
 * calls. The build turns each export into a top-level function declaration of Code.js. Each is
 * a few lines that wire the Apps Script ports and call a core use-case.
 */
import { describeInit, initWorkbook } from "../core/usecases/init";
import { MENU_TITLE, menuItems } from "./menu";
import { gasClock, toastProgress } from "./ports";
import { GasWorkbook } from "./workbook";

function activeUser(): string {
  try {
    return Session.getActiveUser().getEmail();
  } catch (_e) {
    return "";
  }
}

function reportError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  SpreadsheetApp.getUi().alert(`Наставничество: ${message}`);
}

/** Simple trigger: adds the menu. Runs in AuthMode.NONE/LIMITED, so it touches nothing else. */
export function onOpen(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const item of menuItems) {
    if (item === "separator") menu.addSeparator();
    else menu.addItem(item.caption, item.fn);
  }
  menu.addToUi();
}

/** Menu: «Инициализировать / восстановить книгу». */
export function menuInitWorkbook(): void {
  const ss = SpreadsheetApp.getActive();
  try {
    const report = initWorkbook({
      workbook: new GasWorkbook(ss),
      clock: gasClock(ss),
      progress: toastProgress(ss, "Инициализация книги"),
      user: activeUser(),
    });
    ss.toast(describeInit(report), MENU_TITLE, 10);
  } catch (e) {
    reportError(e);
  }
}
