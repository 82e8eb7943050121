import { schoolTimeZoneLabel } from "../../core/dates";
import { withWorkbookLock } from "../../core/ports";
import { readSettings } from "../../core/settings";
import { describeInit, initWorkbook } from "../../core/usecases/init";
import { runMenuAction } from "../context";
import { MENU_TITLE, menuTree } from "../menu";
import { offerPanelOnFirstOpen } from "../panel-offer";
import type { GasContext } from "../ports";

/**
 * Simple trigger: adds the menu, and on a user's first open of this workbook offers «Панель
 * куратора» (panel.ts). Runs with limited authorisation, so it touches nothing else.
 */
export function onOpen(): void {
  const ui = SpreadsheetApp.getUi();
  const menu = ui.createMenu(MENU_TITLE);
  for (const entry of menuTree) {
    if (entry === "separator") menu.addSeparator();
    else if ("submenu" in entry) {
      const sub = ui.createMenu(entry.submenu);
      for (const item of entry.items) {
        if (item === "separator") sub.addSeparator();
        else sub.addItem(item.caption, item.fn);
      }
      menu.addSubMenu(sub);
    } else menu.addItem(entry.caption, entry.fn);
  }
  menu.addToUi();
  offerPanelOnFirstOpen();
}

/** The spreadsheet's locale: Russian dates, numbers and function names. */
const LOCALE = "ru_RU";

/**
 * The spreadsheet's time zone and locale from «Настройки» (Spreadsheet.setSpreadsheetTimeZone,
 * setSpreadsheetLocale): dates show in the school's zone and the clock triggers run in it. A new
 * zone keeps every date cell as the curator sees it (Sheets keeps a date as a serial number of the
 * spreadsheet's zone); the adapter converts in the new zone from then on. What changed, in Russian.
 */
function applyZoneAndLocale(ctx: GasContext): string {
  const { ss } = ctx;
  if (ss.getSpreadsheetLocale() !== LOCALE) ss.setSpreadsheetLocale(LOCALE);
  const zone = readSettings(ctx.sheets).timeZone;
  if (ss.getSpreadsheetTimeZone() === zone) return "";
  try {
    ss.setSpreadsheetTimeZone(zone);
  } catch (e) {
    return ` Часовой пояс «${zone}» не установлен: ${e instanceof Error ? e.message : String(e)}.`;
  }
  ctx.sheets.timeZoneChanged();
  return ` Часовой пояс таблицы — ${schoolTimeZoneLabel(zone)}.`;
}

/** Menu: «Инициализировать / восстановить книгу». */
export function menuInitWorkbook(): void {
  runMenuAction(
    "Инициализация книги",
    (ctx) =>
      withWorkbookLock(ctx, () => {
        const report = initWorkbook({
          workbook: ctx.workbook,
          clock: ctx.clock,
          progress: ctx.progress,
          user: ctx.user,
        });
        return describeInit(report) + applyZoneAndLocale(ctx);
      }),
    // Init repairs the sheets themselves (headers, key rows), written as it finds them; the
    // responses wait until the sheets are sound.
    { guardEdits: false, reconcile: false },
  );
}
