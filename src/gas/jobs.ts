/**
 * Long operations in Apps Script (core/jobs): the job ports of an execution (script properties,
 * the stopwatch, the continuation trigger), the jobs a continuation may resume, and `startJob` for
 * the menu items that run one («Переобработать ответы», «Полный переподбор», «Завершить цикл»,
 * «все программы»). The trigger entry `continueJobs` is in features/jobs.ts.
 */

import { TIMESTAMP_TITLES } from "../core/intake/grid";
import {
  DailyQuotaError,
  type JobDefinition,
  rearmJobs,
  runJob,
  type SchedulerPort,
  type StatePort,
} from "../core/jobs/job";
import { mentorDocumentsJob } from "../core/jobs/labour";
import { closeCycleJob, rematchJob } from "../core/jobs/operations";
import { type ProgramsPorts, programsJob } from "../core/jobs/programs";
import { describeReconcile, type ReconcileResult, reconcileResponses } from "../core/jobs/reconcile";
import { type ReplayPorts, type RowsPort, replayJob } from "../core/jobs/replay";
import { type Cell, type ClockPort, withWorkbookLock } from "../core/ports";
import { normalizeHeader } from "../core/text";
import { ConcurrentEditGuard, retryOnConcurrentEdit } from "../core/workbook/guard";
import { appendJournal } from "../core/workbook/journal";
import { Table } from "../core/workbook/table";
import { lazyDocumentStore } from "./documents";
import { scriptState } from "./errors";
import type { GasContext } from "./ports";
import { gasClock } from "./ports";
import type { GasWorkbook } from "./workbook";

/** The one handler every continuation trigger calls. */
export const CONTINUE_HANDLER = "continueJobs";

export const gasScheduler: SchedulerPort = {
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

/**
 * An Apps Script daily quota refusal as a DailyQuotaError with a Russian message, else null. The
 * texts are Apps Script's («Service invoked too many times for one day: docs create.», «…: email.»;
 * developers.google.com/apps-script/guides/services/quotas: a quota exceeded throws an exception
 * saying which service was invoked too many times); the figures are a consumer (gmail.com)
 * account's from the same page.
 */
export function dailyQuotaError(e: unknown): DailyQuotaError | null {
  const text = e instanceof Error ? e.message : String(e);
  const m = /too many times for one day:?\s*([^.]*)/i.exec(text);
  if (!m && !/too much computer time for one day/i.test(text)) return null;
  const what = (m?.[1] ?? "").trim().toLowerCase();
  const detail = !m
    ? "время автоматической работы программы на сегодня израсходовано (90 минут в сутки для аккаунта gmail.com)"
    : what.startsWith("docs")
      ? "новые документы сегодня создать нельзя (250 в сутки для аккаунта gmail.com)"
      : what.startsWith("email") || what.startsWith("gmail")
        ? "письма сегодня отправить нельзя (100 получателей в сутки для аккаунта gmail.com)"
        : `служба Google «${what}» сегодня больше недоступна`;
  return new DailyQuotaError(`Дневной лимит Google исчерпан: ${detail}.`);
}

/** The methods of `target` with Apps Script's daily quota refusals turned into DailyQuotaError. */
function quotaAware<T extends object>(target: T): T {
  return new Proxy(target, {
    get(t, key) {
      const v = (t as Record<PropertyKey, unknown>)[key];
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        try {
          return v.apply(t, args);
        } catch (e) {
          throw dailyQuotaError(e) ?? e;
        }
      };
    },
  });
}

/** Every job a continuation may resume, by name. */
export const JOBS: Record<string, () => JobDefinition<unknown>> = {
  replay: () => replayJob() as JobDefinition<unknown>,
  rematch: () => rematchJob({ full: true }) as JobDefinition<unknown>,
  close_cycle: () => closeCycleJob() as JobDefinition<unknown>,
  programs: () => programsJob() as JobDefinition<unknown>,
  labour_documents: () => mentorDocumentsJob("labour_documents") as JobDefinition<unknown>,
  recognition_documents: () => mentorDocumentsJob("recognition_documents") as JobDefinition<unknown>,
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
    state: ctx.state,
    scheduler: gasScheduler,
    guardEdits: true,
    stopwatch: { elapsedMs: () => Date.now() - started },
    store: quotaAware(lazyDocumentStore()),
    rows: responseRows(ctx, wb),
  };
}

/**
 * The rows of response sheets. `prepare` surveys every response sheet at once with one Sheets API
 * request — its header row and its column A, where Google Forms writes each response's timestamp
 * («Отметка времени») — so the reconciliation before each menu action needs no call per
 * questionnaire: the last row is the timestamp column's last filled cell (the header's, for no
 * response). A sheet whose timestamp column is not A (a curator moved it), or one not surveyed, is
 * read through SpreadsheetApp as before.
 */
function responseRows(ctx: GasContext, wb: GasWorkbook): RowsPort {
  const survey = new Map<string, { header: Cell[]; stamps: Cell[][] }>();
  const surveyed = (sheet: string) => {
    const s = survey.get(sheet);
    return s && TIMESTAMP_TITLES.indexOf(normalizeHeader(String(s.header[0] ?? ""))) >= 0 ? s : null;
  };
  return {
    prepare(sheets) {
      const ranges = sheets.flatMap((sheet) => [
        { sheet, a1: "1:1" },
        { sheet, a1: "A:A" },
      ]);
      for (const [sheet, grids] of wb.readRanges(ranges))
        survey.set(sheet, { header: grids[0]?.[0] ?? [], stamps: grids[1] ?? [] });
    },
    lastRow(sheet) {
      const s = surveyed(sheet);
      return s ? s.stamps.length : (ctx.ss.getSheetByName(sheet)?.getLastRow() ?? 0);
    },
    readRows(sheet, first, count) {
      const s = surveyed(sheet);
      if (s && first === 1 && count === 1) return [s.header];
      return wb.readRows(sheet, first, count);
    },
    column(sheet, col, first, count) {
      const s = col === 0 ? surveyed(sheet) : null;
      if (!s) return null;
      return Array.from({ length: count }, (_, i) => s.stamps[first - 1 + i]?.[0] ?? "");
    },
  };
}

/**
 * Re-arms the continuation of jobs left waiting without one (core/jobs/job.ts rearmJobs): the menu
 * actions and the daily trigger call it. Never throws.
 */
export function rearmStrandedJobs(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  state: StatePort = scriptState(),
  clock: ClockPort = gasClock(ss),
): void {
  try {
    const titles = rearmJobs({ state, clock, scheduler: gasScheduler });
    if (titles.length > 0) console.info(`Наставничество: возобновлено продолжение: ${titles.join(", ")}`);
  } catch (e) {
    console.error(`Наставничество: продолжение операций не возобновлено: ${String(e)}`);
  }
}

/** A menu item's job: started now, refused (a Russian error) while one is under way. */
export function startJob<C>(ctx: GasContext, def: JobDefinition<C>): string {
  const r = runJob(def, jobPorts(ctx), "start");
  if (r.status === "refused") throw new Error(r.message);
  return r.message;
}

/**
 * The response rows no submit trigger took (core/jobs/reconcile.ts): the executions Apps Script
 * refused past 30 at a time never ran. Each intake behind a fresh edit guard, as the trigger's.
 */
export function reconcileNow(ctx: GasContext): ReconcileResult {
  const ports = jobPorts(ctx);
  return reconcileResponses(ports, (fn) =>
    retryOnConcurrentEdit(() => fn({ ...ports, workbook: new ConcurrentEditGuard(ctx.sheets) })),
  );
}

/**
 * The reconciliation of a trigger (the daily one): what it took goes to «Журнал», nobody sees a
 * toast. Never throws: a failure is a console line, and the next run tries again.
 */
export function reconcileUnattended(ctx: GasContext): void {
  try {
    const message = describeReconcile(reconcileNow(ctx));
    if (message === "") return;
    withWorkbookLock(ctx, () =>
      appendJournal(
        ctx.sheets,
        [
          {
            at: ctx.clock.now(),
            level: "информация",
            operation: "Обработка ответа анкеты",
            message,
            user: ctx.user,
          },
        ],
        Table.load(ctx.sheets, "log").columns,
      ),
    );
  } catch (e) {
    console.error(`Наставничество: ответы анкет не сверены: ${e instanceof Error ? e.message : String(e)}`);
  }
}
