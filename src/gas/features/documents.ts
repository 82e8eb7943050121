import { programsJob } from "../../core/jobs/programs";
import {
  type DocumentKind,
  describeGenerated,
  generateAndSend,
  generateDocuments,
  JOURNAL_SEND,
  type MailRequest,
} from "../../core/usecases/documents";
import { appendJournal } from "../../core/workbook/journal";
import { Table } from "../../core/workbook/table";
import { gasContext, runMenuAction } from "../context";
import { gasDocumentStore } from "../documents";
import { guardTrigger } from "../errors";
import { startJob } from "../jobs";
import { type GasContext, gasMailer } from "../ports";
import { ensureSingleTrigger, forgetTrigger, otherOwner } from "../trigger-owners";

/** The Apps Script ports of the documents feature. */
function documentPorts(ctx: GasContext) {
  return {
    workbook: ctx.workbook,
    clock: ctx.clock,
    lock: ctx.lock,
    user: ctx.user,
    store: gasDocumentStore(),
    mailer: gasMailer(),
  };
}

function generate(title: string, kinds: DocumentKind[]): void {
  runMenuAction({ title, requires: ["documents"] }, (ctx) =>
    describeGenerated(generateDocuments(documentPorts(ctx), kinds), kinds),
  );
}

/** Menu: «Документы: приказ о закреплении пар». */
export function menuDocOrder(): void {
  generate("Приказ о закреплении пар", ["order"]);
}

/**
 * Menu: «Документы: персонализированные программы» — a job (core/jobs/programs.ts): a few programs
 * per chunk, continued by a trigger when they do not fit one execution.
 */
export function menuDocPrograms(): void {
  runMenuAction(
    "Персонализированные программы",
    (ctx) => startJob(ctx, programsJob()),
    // The job guards each chunk itself.
    { guardEdits: false, requires: ["documents", "triggers"] },
  );
}

/** Menu: «Документы: аналитическая справка». */
export function menuDocAnalysis(): void {
  generate("Аналитическая справка", ["analysis"]);
}

/** Menu: «Документы: отчёт о реализации программы». */
export function menuDocReport(): void {
  generate("Отчёт о реализации программы", ["report"]);
}

function send(req: MailRequest): void {
  runMenuAction({ title: "Отправка отчёта", requires: ["documents", "mail"] }, (ctx) => {
    const r = generateAndSend({ ...documentPorts(ctx), workbookUrl: ctx.ss.getUrl() }, req);
    if (r.sent) return r.message;
    // Not sent (no address, already sent this month, no quota): the documents are in Drive anyway.
    throw new Error(`${r.message} Документы сохранены в папке «${r.folder}».`);
  });
}

/** Menu: «Отправить отчёт в орган управления образованием». */
export function menuSendReportDepartment(): void {
  send({ recipient: "department", kind: "report" });
}

/** Menu: «Отправить отчёт директору». */
export function menuSendReportDirector(): void {
  send({ recipient: "director", kind: "report" });
}

/** Menu: «Отправить отчёт куратору». */
export function menuSendReportCurator(): void {
  send({ recipient: "curator", kind: "report" });
}

/** The handler of the monthly time trigger. */
export const MONTHLY_HANDLER = "onMonthlyReport";

function monthlyTriggers(): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getProjectTriggers().filter((t) => t.getHandlerFunction() === MONTHLY_HANDLER);
}

/** Menu: «Ежемесячный отчёт директору: включить» — one trigger, on the 1st of each month at 8:00. */
export function menuInstallMonthlyReport(): void {
  // The trigger will make the documents and mail them as its owner: they grant that now.
  const requires = ["triggers", "email", "documents", "mail"] as const;
  runMenuAction({ title: "Ежемесячный отчёт", requires }, (ctx) => {
    // One per workbook, whoever installs it (a trigger runs as, and is seen only by, its creator).
    const t = ensureSingleTrigger(ctx.ss, MONTHLY_HANDLER, () =>
      // In the school's zone (the spreadsheet's, set at init from «Настройки»), not the script's.
      ScriptApp.newTrigger(MONTHLY_HANDLER)
        .timeBased()
        .onMonthDay(1)
        .atHour(8)
        .inTimezone(ctx.ss.getSpreadsheetTimeZone())
        .create(),
    );
    if (!t.mine)
      return `Ежемесячная отправка уже включена куратором ${t.owner} и идёт от его имени; второй раз она не включается.`;
    if (!t.created)
      return "Ежемесячная отправка уже включена: 1-го числа в 8:00 директор получает сводку и аналитическую справку.";
    return "Включено: 1-го числа каждого месяца в 8:00 директор получает сводку и аналитическую справку (PDF).";
  });
}

/** Menu: «Ежемесячный отчёт директору: выключить» — removes every trigger of the handler. */
export function menuRemoveMonthlyReport(): void {
  runMenuAction({ title: "Ежемесячный отчёт", requires: ["triggers", "email"] }, (ctx) => {
    const other = otherOwner(ctx.ss, MONTHLY_HANDLER);
    const triggers = monthlyTriggers();
    for (const t of triggers) ScriptApp.deleteTrigger(t);
    if (other) return `Ежемесячная отправка включена куратором ${other}: выключить её может только он.`;
    forgetTrigger(MONTHLY_HANDLER);
    return triggers.length > 0
      ? "Ежемесячная отправка директору выключена."
      : "Ежемесячная отправка и так была выключена.";
  });
}

/**
 * Installable time trigger: the director's monthly summary and analytical note. Never twice in a
 * month («Журнал» is the record); without quota the documents are still made and the reason logged.
 */
export function onMonthlyReport(): void {
  guardTrigger(
    {
      handler: MONTHLY_HANDLER,
      operation: "Ежемесячный отчёт директору",
      requires: ["sheets", "documents", "mail"],
      failedLine: (l) => l.level === "ошибка" && l.operation === JOURNAL_SEND,
    },
    () => {
      const ctx = gasContext("Ежемесячный отчёт");
      try {
        generateAndSend(
          { ...documentPorts(ctx), workbookUrl: ctx.ss.getUrl() },
          { recipient: "director", kind: "monthly" },
        );
      } catch (e) {
        appendJournal(
          ctx.workbook,
          [
            {
              at: ctx.clock.now(),
              level: "ошибка",
              operation: JOURNAL_SEND,
              message: `Ежемесячная сводка директору не отправлена: ${e instanceof Error ? e.message : String(e)}`,
            },
          ],
          Table.load(ctx.workbook, "log").columns,
        );
      }
    },
  );
}
