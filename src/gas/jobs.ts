/**
 * Long operations in Apps Script (core/jobs): the job ports of an execution (script properties,
 * the stopwatch, the continuation trigger), the jobs a continuation may resume, and `startJob` for
 * the menu items that run one («Переобработать ответы», «Полный переподбор», «Завершить цикл»,
 * «все программы»). The trigger entry `continueJobs` is in features/jobs.ts.
 */
import { type JobDefinition, runJob, type SchedulerPort } from "../core/jobs/job";
import { closeCycleJob, rematchJob } from "../core/jobs/operations";
import { type ProgramsPorts, programsJob } from "../core/jobs/programs";
import { type ReplayPorts, replayJob } from "../core/jobs/replay";
import type { ClockPort } from "../core/ports";
import type { GasContext } from "./context";
import { lazyDocumentStore } from "./documents";
import { scriptState } from "./errors";

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

/** Every job a continuation may resume, by name. */
export const JOBS: Record<string, () => JobDefinition<unknown>> = {
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

/** A menu item's job: started now, refused (a Russian error) while one is under way. */
export function startJob<C>(ctx: GasContext, def: JobDefinition<C>): string {
  const r = runJob(def, jobPorts(ctx), "start");
  if (r.status === "refused") throw new Error(r.message);
  return r.message;
}
