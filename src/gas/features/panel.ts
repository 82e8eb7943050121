import { calendarDate } from "../../core/dates";
import { type CuratorPanel, curatorPanel, type PanelActionKey } from "../../core/usecases/status";
import { gasContext } from "../context";
import { MENU_TITLE } from "../menu";
import { showPanel, PANEL_TITLE as TITLE } from "../panel-offer";
import { ensurePermissions } from "../permissions";
import { menuDocAnalysis, menuDocOrder, menuDocPrograms, menuDocReport } from "./documents";
import { menuPublishForms } from "./forms";
import { menuApprovePairs, menuMatchPairs, menuReviewPairs } from "./matching";
import { menuCloseCycle, menuRecomputeMonitoring } from "./monitoring";
import { menuRoadmapRefresh } from "./roadmap";
import { menuRubricReview } from "./rubric";
import { menuRefreshSummary } from "./summary";
import { menuInitWorkbook } from "./workbook";

/**
 * «Панель куратора»: the sidebar (src/ui/panel.html) renders the model core computes
 * (usecases/status.ts); its buttons run the menu actions they name. Offered on a user's first open
 * of the workbook (../panel-offer.ts).
 */

/** The panel's buttons: a menu action, or a sheet to open. */
const RUN: Record<PanelActionKey, () => void> = {
  init: menuInitWorkbook,
  publishForms: menuPublishForms,
  match: menuMatchPairs,
  review: menuReviewPairs,
  approve: menuApprovePairs,
  order: menuDocOrder,
  programs: menuDocPrograms,
  monitoring: menuRecomputeMonitoring,
  rubric: menuRubricReview,
  summary: menuRefreshSummary,
  analysis: menuDocAnalysis,
  report: menuDocReport,
  closeCycle: menuCloseCycle,
  roadmapRefresh: menuRoadmapRefresh,
  "open:settings": () => openSheet("Настройки"),
  "open:mentors": () => openSheet("Наставники"),
  "open:mentees": () => openSheet("Наставляемые"),
  "open:pair_activity": () => openSheet("Работа пар"),
  "open:monitoring": () => openSheet("Мониторинг"),
};

function openSheet(name: string): void {
  const ss = SpreadsheetApp.getActive();
  const sheet = ss.getSheetByName(name);
  if (!sheet)
    throw new Error(
      `Листа «${name}» нет: выберите «${MENU_TITLE} → Книга и настройки → Инициализировать / восстановить книгу».`,
    );
  sheet.activate();
}

/** Menu: «Панель куратора». */
export function menuCuratorPanel(): void {
  if (!ensurePermissions(TITLE)) return;
  showPanel();
}

/** Sidebar call: the panel, counted from the workbook now. */
export function sidebarPanel(): CuratorPanel {
  const ctx = gasContext(TITLE);
  return curatorPanel(ctx.workbook, calendarDate(ctx.clock.now()));
}

/**
 * Sidebar call: runs the action of a button (a menu action shows its own result or error, as from
 * the menu) and returns the panel counted again.
 */
export function sidebarPanelRun(key: string): CuratorPanel {
  const run = new Map(Object.entries(RUN)).get(key);
  if (!run) throw new Error(`Неизвестное действие панели: ${key}`);
  run();
  return sidebarPanel();
}
