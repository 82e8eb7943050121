import { rematchJob } from "../../core/jobs/operations";
import {
  decidePairs,
  describeMatch,
  listProposals,
  matchPairs,
  type PairDecision,
  type ProposalView,
} from "../../core/usecases/matching";
import { gasContext, runMenuAction } from "../context";
import { startJob } from "../jobs";
import { ensurePermissions } from "../permissions";

/** Menu: «Подобрать пары». Proposals go to «Пары»; approved pairs are left alone. */
export function menuMatchPairs(): void {
  runMenuAction("Подбор пар", (ctx) => describeMatch(matchPairs(ctx)));
}

/** Menu: «Полный переподбор (кроме закреплённых)» — as a job (one at a time, resumed if killed). */
export function menuRematchAll(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.alert(
    "Полный переподбор",
    "Утверждённые пары станут снова предложениями и могут измениться. Закреплённые пары сохранятся. Продолжить?",
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES) return;
  runMenuAction("Подбор пар", (ctx) => startJob(ctx, rematchJob({ full: true })), {
    guardEdits: false,
    requires: ["triggers"],
  });
}

/** Menu: «Проверить пары…» — the review sidebar. */
export function menuReviewPairs(): void {
  if (!ensurePermissions("Проверить пары…")) return;
  const html = HtmlService.createHtmlOutputFromFile("matching").setTitle("Проверка пар");
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Menu: «Утвердить пары» — every proposal at once. */
export function menuApprovePairs(): void {
  runMenuAction("Утверждение пар", (ctx) => decidePairs(ctx, "approve_all"));
}

/** Sidebar call: the proposals with their explanations. */
export function sidebarProposals(): ProposalView[] {
  return listProposals(gasContext("Проверка пар").workbook);
}

/** Sidebar call: approve, reject, lock or unlock one proposal. Returns the Russian result. */
export function sidebarDecide(pairId: string, decision: PairDecision): string {
  if (!["approve", "reject", "lock", "unlock"].includes(decision))
    throw new Error(`Неизвестное действие: ${decision}`);
  return decidePairs(gasContext("Проверка пар"), [{ pairId: String(pairId), decision }]);
}

/** Sidebar call: approve every proposal. */
export function sidebarApproveAll(): string {
  return decidePairs(gasContext("Проверка пар"), "approve_all");
}
