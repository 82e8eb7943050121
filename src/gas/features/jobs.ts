/**
 * Long operations in Apps Script (core/jobs): «Переобработать ответы» in chunks and «Полный
 * переподбор» as jobs with a continuation trigger; and the guarded triggers — the submit trigger,
 * the daily reminders and the monthly report — whose failures reach «Журнал» and the curator
 * (once a day). The entry module re-exports these names over the features' plain ones.
 */

import {
  type JobDefinition,
  type JobPorts,
  pendingJobs,
  queueJob,
  runJob,
  type SchedulerPort,
} from "../../core/jobs/job";
import { closeCycleJob, rematchJob } from "../../core/jobs/operations";
import { type ProgramsPorts, programsJob } from "../../core/jobs/programs";
import { type ReplayPorts, replayJob } from "../../core/jobs/replay";
import type { ClockPort } from "../../core/ports";
import { JOURNAL_SEND } from "../../core/usecases/documents";
import { type GasContext, gasContext, runMenuAction } from "../context";
import { guardTrigger, scriptState } from "../errors";
import { lazyDocumentStore, onMonthlyReport as monthlyReport } from "./documents";
import { onFormResponse as formResponse } from "./forms";
import { dailyReminders as reminders } from "./roadmap";

/** The one handler every continuation trigger calls. */
const CONTINUE_HANDLER = "continueJobs";

const gasScheduler: SchedulerPort = {
  schedule(afterMs) {
    gasScheduler.cancel();
    ScriptApp.newTrigger(CONTINUE_HANDLER).timeBased().after(afterMs).create();
  },
  cancel() {
    // A one-off trigger stays listed after it fired: it is deleted here too.
    for (const t of ScriptApp.getProjectTriggers())
      if (t.getHandlerFunction() === CONTINUE_HANDLER) ScriptApp.deleteTrigger(t);
  },
};

/** Every job a continuation may resume, by name. */
const JOBS: Record<string, () => JobDefinition<unknown>> = {
  replay: () => replayJob() as JobDefinition<unknown>,
  rematch: () => rematchJob({ full: true }) as JobDefinition<unknown>,
  close_cycle: () => closeCycleJob() as JobDefinition<unknown>,
  programs: () => programsJob() as JobDefinition<unknown>,
};

/**
 * The school's wall clock read once, then carried forward by the machine's clock: a job reads the
 * time after every chunk, and each read of the spreadsheet's zone is two service calls.
 */
function carriedClock(clock: ClockPort): ClockPort {
  let delta: number | null = null;
  return {
    now() {
      if (delta === null) delta = clock.now().getTime() - Date.now();
      return new Date(Date.now() + delta);
    },
  };
}

/** The job ports of this execution: the stopwatch starts now. */
export function jobPorts(ctx: GasContext): ReplayPorts & ProgramsPorts {
  const started = Date.now();
  const wb = ctx.sheets;
  return {
    ...ctx,
    // Unguarded here: the job guards each chunk itself (guardEdits), fresh for every attempt.
    workbook: wb,
    clock: carriedClock(ctx.clock),
    state: scriptState(),
    scheduler: gasScheduler,
    guardEdits: true,
    stopwatch: { elapsedMs: () => Date.now() - started },
    store: lazyDocumentStore(),
    rows: {
      lastRow: (sheet) => ctx.ss.getSheetByName(sheet)?.getLastRow() ?? 0,
      readRows: (sheet, first, count) => wb.readRows(sheet, first, count),
    },
  };
}

/** Menu: «Переобработать ответы» — a job in chunks of rows, continued by a trigger when long. */
export function menuReplayResponses(): void {
  runMenuAction("Переобработка ответов", (ctx) => {
    const r = runJob(replayJob(), jobPorts(ctx), "start");
    if (r.status === "refused") throw new Error(r.message);
    return r.message;
  });
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
  runMenuAction("Подбор пар", (ctx) => {
    const r = runJob(rematchJob({ full: true }), jobPorts(ctx), "start");
    if (r.status === "refused") throw new Error(r.message);
    return r.message;
  });
}

/** Installable time trigger: continues every job under way from its checkpoint. */
export function continueJobs(): void {
  guardTrigger({ handler: CONTINUE_HANDLER, operation: "Продолжение длительной операции" }, () => {
    const ports: JobPorts = jobPorts(gasContext("Продолжение операции"));
    const names = pendingJobs(ports.state);
    if (names.length === 0) {
      gasScheduler.cancel();
      return;
    }
    for (const name of names) {
      const def = JOBS[name];
      if (def) runJob(def(), ports, "continue");
      else ports.state.delete(`Наставничество.job.${name}`);
    }
  });
}

/** The submit trigger, guarded: a response it could not take is queued for a replay. */
export function onFormResponse(e: GoogleAppsScript.Events.SheetsOnFormSubmit): void {
  const operation = "Обработка ответа анкеты";
  guardTrigger(
    {
      handler: "onFormResponse",
      operation,
      failedLine: (l) => l.level === "ошибка" && l.operation === operation,
      // The response stays in its sheet; a replay a minute later takes it (intake is idempotent).
      onFailure: () => {
        queueJob(replayJob(), jobPorts(gasContext("Анкеты")));
      },
    },
    () => formResponse(e),
  );
}

/** The daily reminders trigger, guarded. */
export function dailyReminders(): void {
  guardTrigger(
    {
      handler: "dailyReminders",
      operation: "Ежедневные напоминания",
      failedLine: (l) => l.level === "ошибка" && l.operation.indexOf("Напоминани") === 0,
    },
    () => reminders(),
  );
}

/** The monthly report trigger, guarded. */
export function onMonthlyReport(): void {
  guardTrigger(
    {
      handler: "onMonthlyReport",
      operation: "Ежемесячный отчёт директору",
      failedLine: (l) => l.level === "ошибка" && l.operation === JOURNAL_SEND,
    },
    () => monthlyReport(),
  );
}
