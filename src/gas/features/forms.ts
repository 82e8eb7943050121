import { appendJournal } from "../../core/journal";
import { describeReplay, onResponseRows, publishForms, replayResponses } from "../../core/usecases/forms";
import { recomputeMonitoring } from "../../core/usecases/monitoring";
import { Table } from "../../core/workbook/table";

/** Questionnaires whose answers change the monitoring sheets. */
const MONITORED_FORMS = [
  "meeting_feedback",
  "mentor_report",
  "entry_mentee",
  "exit_mentee",
  "entry_mentor",
  "exit_mentor",
];

import { gasContext, runMenuAction } from "../context";
import { GasForms } from "../forms";
import type { GasWorkbook } from "../workbook";

/** Menu: «Создать / обновить анкеты». */
export function menuPublishForms(): void {
  runMenuAction("Анкеты", (ctx) =>
    ctx.lock.withLock(30000, () => {
      const r = publishForms({ ...ctx, forms: new GasForms(ctx.ss) });
      return `Анкеты готовы (${r.published.length}). Ссылки — на листе «Анкеты».`;
    }),
  );
}

/** Menu: «Переобработать ответы». */
export function menuReplayResponses(): void {
  runMenuAction("Переобработка ответов", (ctx) =>
    describeReplay(replayResponses({ ...ctx, forms: new GasForms(ctx.ss) })),
  );
}

/** Installable trigger: a form response (new or edited) arrived in a linked sheet. */
export function onFormResponse(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const ctx = gasContext("Анкеты");
  const sheet = e.range.getSheet();
  const name = sheet.getName();
  try {
    const wb = ctx.workbook as GasWorkbook;
    const [header] = wb.readRows(name, 1, 1);
    const rows = wb.readRows(name, e.range.getRow(), e.range.getNumRows());
    const summary = onResponseRows(ctx, name, header ?? [], rows, e.range.getRow());
    // Meetings, reports and surveys feed the rubric: the monitoring follows each answer.
    if (summary && MONITORED_FORMS.includes(summary.form) && summary.added + summary.updated > 0)
      ctx.lock.withLock(30000, () => recomputeMonitoring({ ...ctx, lock: undefined }));
  } catch (err) {
    // Nothing is lost: the response stays in its sheet; «Переобработать ответы» replays it.
    appendJournal(
      ctx.workbook,
      [
        {
          at: ctx.clock.now(),
          level: "ошибка",
          operation: "Обработка ответа анкеты",
          message: `${err instanceof Error ? err.message : String(err)}. Ответ сохранён на листе «${name}»; выполните «Переобработать ответы».`,
          source: `лист «${name}», строка ${e.range.getRow()}`,
          original: e.namedValues,
        },
      ],
      Table.load(ctx.workbook, "log").columns,
    );
  }
}
