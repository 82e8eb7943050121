import { rematchJob } from "../../core/jobs/operations";
import {
  decidePairs,
  describeMatch,
  matchPairs,
  PAIR_DECISIONS,
  type PairDecision,
} from "../../core/usecases/matching";
import { pairsCount, type ReviewResult, type ReviewView, reviewView } from "../../core/usecases/review";
import { PAIR_STATUS } from "../../core/workbook/statuses";
import { Table } from "../../core/workbook/table";
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

/**
 * Menu: «Утвердить пары» — every proposal at once, after the curator confirms how many («Утвердить
 * все (46)?»). Exactly the pairs counted are approved; the question is asked once even when the
 * edit guard runs the action again.
 */
export function menuApprovePairs(): void {
  let confirmed: string[] | null = null;
  runMenuAction("Утверждение пар", (ctx) => {
    if (confirmed === null) {
      const ids = Table.load(ctx.workbook, "pairs")
        .records()
        .filter((r) => r.values.status === PAIR_STATUS.proposed)
        .map((r) => String(r.values.pair_id));
      // Nothing to confirm: the use-case says so (and checks the workbook as every operation does).
      if (ids.length === 0) return decidePairs(ctx, "approve_all");
      const ui = SpreadsheetApp.getUi();
      const answer = ui.alert(
        `Утвердить все (${ids.length})?`,
        `Будут утверждены ${pairsCount(ids.length)} с листа «Пары». Проверить их по одной можно в «Проверить пары…». Продолжить?`,
        ui.ButtonSet.YES_NO,
      );
      if (answer !== ui.Button.YES) return "Пары не утверждены: действие отменено.";
      confirmed = ids;
    }
    const ids = confirmed;
    return decidePairs(
      ctx,
      ids.map((pairId) => ({ pairId, decision: "approve" as const })),
    );
  });
}

/** Sidebar call: the proposed and rejected pairs as short cards, each mentor's places. */
export function sidebarProposals(): ReviewView {
  return reviewView(gasContext("Проверка пар").workbook);
}

/**
 * Sidebar call: approve, reject, forbid or restore one pair, or mark it «не менять при переподборе»
 * (lock/unlock). Returns the Russian result and the view after it.
 */
export function sidebarDecide(pairId: string, decision: PairDecision): ReviewResult {
  if (!PAIR_DECISIONS.includes(decision)) throw new Error(`Неизвестное действие: ${decision}`);
  const ctx = gasContext("Проверка пар");
  const message = decidePairs(ctx, [{ pairId: String(pairId), decision }]);
  return { message, view: reviewView(ctx.workbook) };
}

/**
 * Sidebar call: «Утвердить все (46)?» — approve exactly the pairs the curator saw and confirmed
 * (a proposal that appeared since is left for the next look).
 */
export function sidebarApproveAll(pairIds: string[]): ReviewResult {
  if (!Array.isArray(pairIds) || pairIds.length === 0) throw new Error("Нет пар для утверждения.");
  const ctx = gasContext("Проверка пар");
  const message = decidePairs(
    ctx,
    pairIds.map((id) => ({ pairId: String(id), decision: "approve" as const })),
  );
  return { message, view: reviewView(ctx.workbook) };
}
