import {
  type RubricPair,
  type RubricView,
  rubricView,
  saveRubricScores,
} from "../../core/usecases/rubric-review";
import { gasContext } from "../context";
import { ensurePermissions } from "../permissions";

/** Menu: «Оценка куратора…» — indicators 1–5 of seed 004 per pair, with the pair's facts. */
export function menuRubricReview(): void {
  if (!ensurePermissions("Оценка куратора…")) return;
  const html = HtmlService.createHtmlOutputFromFile("rubric").setTitle("Оценка куратора");
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Sidebar call: the pairs of «Мониторинг» with their scores and facts. */
export function sidebarRubric(): RubricView {
  return rubricView(gasContext("Оценка куратора").workbook);
}

/** Sidebar call: a pair's five scores saved; the pair as it now stands. */
export function sidebarRubricSave(
  scope: string,
  scores: (number | null)[],
): { message: string; pair: RubricPair } {
  return saveRubricScores(gasContext("Оценка куратора"), String(scope), scores);
}
