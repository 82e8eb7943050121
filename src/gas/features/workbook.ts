import { withWorkbookLock } from "../../core/ports";
import { describeInit, initWorkbook } from "../../core/usecases/init";
import { runMenuAction } from "../context";
import { MENU_TITLE, menuItems } from "../menu";

/** Simple trigger: adds the menu. Runs with limited authorisation, so it touches nothing else. */
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
  runMenuAction(
    "Инициализация книги",
    (ctx) =>
      withWorkbookLock(ctx, () =>
        describeInit(
          initWorkbook({ workbook: ctx.workbook, clock: ctx.clock, progress: ctx.progress, user: ctx.user }),
        ),
      ),
    // Init repairs the sheets themselves (headers, key rows), written as it finds them.
    { guardEdits: false },
  );
}
