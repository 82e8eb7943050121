import { MENU_TITLE } from "./menu";

/**
 * «Панель куратора» shown, and offered on a user's first open of the workbook (from onOpen). The
 * panel's server calls are in features/panel.ts.
 */

export const PANEL_TITLE = "Панель куратора";

export function showPanel(): void {
  const html = HtmlService.createHtmlOutputFromFile("panel").setTitle(PANEL_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** A user property: the panel was offered to this user in this workbook (its script). */
const OFFERED = "panelOffered";

/**
 * From onOpen (a simple trigger): the first time a user opens the workbook, the panel opens by
 * itself; if the trigger may not show it, a toast points at the menu. Never throws.
 */
export function offerPanelOnFirstOpen(): void {
  try {
    const props = PropertiesService.getUserProperties();
    if (props.getProperty(OFFERED)) return;
    props.setProperty(OFFERED, "1");
    showPanel();
  } catch (_e) {
    try {
      SpreadsheetApp.getActive().toast(
        `Начните с «${MENU_TITLE} → ${PANEL_TITLE}»: она покажет шаги года и проведёт по настройке книги.`,
        MENU_TITLE,
        15,
      );
    } catch (_ignored) {
      // Nothing more a simple trigger can do; the menu offers the panel.
    }
  }
}
