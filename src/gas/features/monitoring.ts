import { closeCycleJob } from "../../core/jobs/operations";
import { previewCloseCycle } from "../../core/usecases/close-cycle";
import { describeMonitoring, recomputeMonitoring } from "../../core/usecases/monitoring";
import { gasContext, runMenuAction } from "../context";
import { startJob } from "../jobs";
import { MENU_TITLE } from "../menu";

/** Menu: «Пересчитать мониторинг». */
export function menuRecomputeMonitoring(): void {
  runMenuAction("Мониторинг", (ctx) => describeMonitoring(recomputeMonitoring(ctx)));
}

/** Menu: «Завершить цикл» — after a YES/NO confirmation that names the year and the pairs. */
export function menuCloseCycle(): void {
  const ui = SpreadsheetApp.getUi();
  let question: string;
  try {
    const ctx = gasContext("Завершение цикла");
    const p = previewCloseCycle(ctx.workbook, ctx.clock);
    if (p.approved + p.completed === 0) {
      ui.alert(
        `${MENU_TITLE}: в учебном году ${p.year} нет утверждённых пар — завершать нечего (цикл уже завершён или пары ещё не утверждены).`,
      );
      return;
    }
    question =
      `Завершить цикл ${p.year}? Утверждённые пары (${p.approved}) получат статус «завершена» и итог мониторинга; ` +
      `итоги попадут в базы наставников и наставляемых, статусы будут подготовлены к новому году; ` +
      `появятся рейтинг наставников и лучшие практики; учебный год в «Настройках» станет ${p.nextYear}. ` +
      `Ни одна строка баз не удаляется.`;
  } catch (e) {
    ui.alert(`${MENU_TITLE}: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (ui.alert("Завершить цикл", question, ui.ButtonSet.YES_NO) !== ui.Button.YES) return;
  // As a job: a second start is refused while it runs, an execution killed half way is resumed.
  runMenuAction("Завершение цикла", (ctx) => startJob(ctx, closeCycleJob()), {
    guardEdits: false,
    requires: ["triggers"],
  });
}
