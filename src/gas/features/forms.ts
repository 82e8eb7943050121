import { queueJob } from "../../core/jobs/job";
import { replayJob } from "../../core/jobs/replay";
import { withWorkbookLock } from "../../core/ports";
import { fullNameTitles } from "../../core/questionnaires/schema";
import { describePublish, publishForms } from "../../core/usecases/forms";
import { RESPONSE_OPERATION, takeResponseRows } from "../../core/usecases/responses";
import { appendJournal, personOfOriginal } from "../../core/workbook/journal";
import { Table } from "../../core/workbook/table";
import { gasContext, runMenuAction, withEditGuard } from "../context";
import { guardTrigger } from "../errors";
import { GasForms } from "../forms";
import { jobPorts, startJob } from "../jobs";

/**
 * Menu: «Создать / обновить анкеты». Also links again a form whose response sheet was deleted by
 * hand (or that was unlinked): the toast and «Журнал» say which.
 */
export function menuPublishForms(): void {
  runMenuAction(
    "Анкеты",
    (ctx) =>
      withWorkbookLock(ctx, () =>
        describePublish(publishForms({ ...ctx, forms: new GasForms(ctx.ss, ctx.sheets) })),
      ),
    // Forms only: the answers that came meanwhile reach the banks by the next action's reconciliation.
    { requires: ["forms", "formsApi", "fetch", "triggers", "email"], reconcile: false },
  );
}

/** Menu: «Переобработать ответы» — a job in chunks of rows, continued by a trigger when long. */
export function menuReplayResponses(): void {
  runMenuAction("Переобработка ответов", (ctx) => startJob(ctx, replayJob()), {
    guardEdits: false,
    reconcile: false,
    requires: ["triggers"],
  });
}

/**
 * Installable trigger: a form response (new or edited) arrived in a linked sheet. Guarded: a
 * failure reaches «Журнал» and the curator (once a day), and the response is queued for a replay.
 */
export function onFormResponse(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const operation = RESPONSE_OPERATION;
  guardTrigger(
    {
      handler: "onFormResponse",
      operation,
      requires: ["sheets"],
      failedLine: (l) => l.level === "ошибка" && l.operation === operation,
      // The response stays in its sheet; a replay a minute later takes it (intake is idempotent).
      onFailure: () => {
        queueJob(replayJob(), jobPorts(gasContext("Анкеты")));
      },
    },
    () => takeResponse(e),
  );
}

/** The response rows of one submission into the banks (and the monitoring after them). */
function takeResponse(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const ctx = gasContext("Анкеты");
  const sheet = e.range.getSheet();
  const name = sheet.getName();
  try {
    const [header] = ctx.sheets.readRows(name, 1, 1);
    const rows = ctx.sheets.readRows(name, e.range.getRow(), e.range.getNumRows());
    // Intake, then the monitoring when the answers feed it (core decides); each step behind its
    // own edit guard: a curator typing into a sheet meanwhile is never overwritten.
    // The sheet is claimed by its form (Sheet.getFormUrl()): a renamed response sheet still counts.
    const formId = ctx.sheets.linkedFormId(name);
    takeResponseRows(
      ctx,
      name,
      header ?? [],
      rows,
      e.range.getRow(),
      (step) => withEditGuard(ctx, step),
      formId,
    );
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
          person: personOfOriginal(e.namedValues, fullNameTitles()),
          place: `«${name}», строка ${e.range.getRow()}`,
          source: `лист «${name}», строка ${e.range.getRow()}`,
          original: e.namedValues,
        },
      ],
      Table.load(ctx.workbook, "log").columns,
    );
  }
}
