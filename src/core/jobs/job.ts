/**
 * Long operations that survive Apps Script's six-minute limit.
 *
 * A job is an operation name and a cursor (its checkpoint), kept through a StatePort (script
 * properties in Apps Script, memory or a file offline). It works in chunks, each under the
 * workbook lock, so that form submissions can slip in between two chunks; after every chunk the
 * cursor is saved. When the time spent nears the budget (4.5 minutes by default; the replay, the
 * programmes and the mentors' documents set their own, within a minute) the job stops and
 * asks for a continuation (a time trigger a minute later), which resumes from the cursor; when it
 * is done the continuation is removed. A second start while a job is under way is refused with a
 * Russian message; a job whose execution died (no checkpoint for longer than an execution can
 * last) is taken over and resumed from its last checkpoint. A watchdog continuation is scheduled
 * as soon as an execution claims the job, so even an execution killed in the middle of a chunk is
 * resumed.
 *
 * A job is never stranded: a continuation that finds the workbook lock held by another operation
 * (WorkbookBusyError) does not fail, it waits for the next continuation; a daily quota of the
 * account used up (DailyQuotaError: documents created, e-mail recipients) pauses the job until the
 * next day, from its cursor. A one-off trigger is spent when it fires (Apps Script keeps listing
 * it until it is deleted), so the time the pending continuation is due is kept in the state
 * (CONTINUATION_DUE_KEY): a job waiting with no continuation due — its trigger deleted by hand, or
 * never created — is re-armed by rearmJobs (the menu actions and the daily trigger call it).
 */

import {
  type ClockPort,
  type LockPort,
  type ProgressPort,
  type WorkbookPort,
  withWorkbookLock,
} from "../ports";
import { ConcurrentEditGuard, retryOnConcurrentEdit } from "../workbook/guard";
import { appendJournal } from "../workbook/journal";
import { Table } from "../workbook/table";

/**
 * The workbook lock could not be had in time: another operation holds it. LockPort adapters throw
 * it (or any error with `busy: true`); a job then waits for its next continuation, never fails.
 */
export class WorkbookBusyError extends Error {
  readonly busy = true;
}

/**
 * A daily quota of the account is used up (documents created, e-mail recipients…): adapters throw
 * it with a Russian message (or any error with `dailyQuota: true`); a job pauses until the next day
 * and resumes from its cursor — or from the `checkpoint` a chunk attached to the error on its way
 * out, when it had done part of its work before the quota stopped it.
 */
export class DailyQuotaError extends Error {
  readonly dailyQuota = true;
}

function flagged(e: unknown, flag: "busy" | "dailyQuota"): boolean {
  return typeof e === "object" && e !== null && (e as Record<string, unknown>)[flag] === true;
}

/** Small JSON strings that outlive an execution (Apps Script: script properties). */
export interface StatePort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  /** Keys starting with a prefix. */
  keys(prefix: string): string[];
  /** Optional: every key starting with a prefix and its value, in one read. */
  entries?(prefix: string): Record<string, string>;
}

/** Continuations: one time trigger that calls the jobs' handler again. */
export interface SchedulerPort {
  /** Replaces any pending continuation with one `afterMs` from now. */
  schedule(afterMs: number): void;
  /** Removes the pending continuation. */
  cancel(): void;
}

/** Time spent by this execution, in ms (Apps Script: Date.now() since it started). */
export interface StopwatchPort {
  elapsedMs(): number;
}

export interface JobPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  progress: ProgressPort;
  state: StatePort;
  stopwatch: StopwatchPort;
  /** Absent offline: no time limit, the job runs to the end in one go. */
  scheduler?: SchedulerPort;
  lock?: LockPort;
  user?: string;
  /**
   * Refuse block writes over cells a curator changed since the chunk read them (see guard.ts);
   * the chunk is then run once more on fresh reads.
   */
  guardEdits?: boolean;
  /**
   * Set by runJob for a chunk: the service calls the chunks of this execution reported before this
   * one (every job of the execution: they share its budget), for a chunk that counts its calls as
   * it goes (the programmes).
   */
  spentCalls?: () => number;
}

/** What one chunk did. */
export interface StepResult<C> {
  cursor: C;
  done: boolean;
  /** Units done and in all (rows, participants…), for progress and the refusal message. */
  progress?: [number, number];
  /** The service calls the chunk made, where it counts them (for the job's `budgetCalls`). */
  calls?: number;
}

export interface JobDefinition<C> {
  /** Stable key («replay»). */
  name: string;
  /** Russian title («Переобработка ответов»). */
  title: string;
  /** The initial cursor (reads the workbook if it needs to). */
  start(ports: JobPorts): C;
  /** One chunk, run under the workbook lock (unless `unlocked`); must be short (well under 30 s). */
  step(ports: JobPorts, cursor: C): StepResult<C>;
  /**
   * The chunk only reads the workbook and works elsewhere (Google Docs): it runs without holding
   * the workbook lock, so that form submissions are not kept waiting, and takes `ports.lock` itself
   * for its own few writes to the workbook.
   */
  unlocked?: boolean;
  /**
   * This job's budget of one execution, when it is not DEFAULT_BUDGET_MS: its time (ms), and the
   * service calls of its chunks (as they report them in `calls`). An execution stops once the next
   * chunk, as long as its longest so far, would go over either.
   */
  budgetMs?: number;
  budgetCalls?: number;
  /**
   * After the last chunk, under the lock: final writes; the Russian result. `unattended`: the job
   * ends in a continuation, where nobody sees a toast (the result then belongs in «Журнал»).
   */
  finish(ports: JobPorts, cursor: C, unattended: boolean): string;
}

export interface JobMarker<C> {
  job: string;
  title: string;
  cursor: C;
  /** Wall-clock ms of the school's zone (ClockPort). */
  startedAt: number;
  updatedAt: number;
  /** An execution is working on it now. */
  running: boolean;
  /** The last execution stopped with an error (the checkpoint is kept). */
  failed?: string;
  /** Waiting for a daily quota to come back (Russian, for the refusal message). */
  paused?: string;
  /** Every chunk is done; only `finish` is left (a continuation does not run a chunk again). */
  finishing?: boolean;
  runs: number;
  chunks: number;
  progress?: [number, number];
  user?: string;
  /** The longest chunk so far (ms) and the most calls one reported: the estimate of the next. */
  chunkMs?: number;
  chunkCalls?: number;
}

export type JobOutcome =
  | { status: "done"; message: string; runs: number; chunks: number }
  | { status: "continues"; message: string; runs: number; chunks: number }
  | { status: "refused"; message: string }
  | { status: "idle"; message: string };

export const JOB_PREFIX = "Наставничество.job.";
/** Time an execution may spend before it hands over to a continuation. */
export const DEFAULT_BUDGET_MS = 270_000;
/** A continuation a minute after a voluntary stop. */
export const CONTINUE_AFTER_MS = 60_000;
/** Apps Script kills an execution at 6 minutes: a watchdog a little later takes over. */
export const WATCHDOG_AFTER_MS = 420_000;
/** A running marker not updated for this long belongs to a dead execution. */
export const STALE_RUNNING_MS = 400_000;
/** A waiting marker whose continuation never came (trigger deleted by hand…). */
export const STALE_WAITING_MS = 900_000;
/**
 * Executions that died before finishing a single chunk: a chunk (or a one-step operation) that
 * cannot fit one execution would be taken over by the watchdog forever; after this many it stops.
 */
export const MAX_ATTEMPTS_WITHOUT_PROGRESS = 3;
/**
 * A job paused by a daily quota resumes this much later. Apps Script's quotas «reset 24 hours
 * after the first request» (developers.google.com/apps-script/guides/services/quotas): 24 hours
 * after the refusal the day's first request is surely that old.
 */
export const DAILY_QUOTA_PAUSE_MS = 86_400_000;
/** State key: when the pending continuation is due (wall-clock ms of the school's zone). */
export const CONTINUATION_DUE_KEY = "Наставничество.jobs.continuation";
/** How late a continuation may come before the jobs waiting for it count as stranded. */
export const CONTINUATION_GRACE_MS = 300_000;

type ArmPorts = Pick<JobPorts, "state" | "clock" | "scheduler">;

/** Schedules the continuation (replacing any pending one) and records when it is due. */
function arm(ports: ArmPorts, afterMs: number): void {
  if (!ports.scheduler) return;
  ports.scheduler.schedule(afterMs);
  ports.state.set(CONTINUATION_DUE_KEY, String(ports.clock.now().getTime() + afterMs));
}

/** Removes the pending continuation: no job is left to continue. */
export function disarm(ports: ArmPorts): void {
  if (!ports.scheduler) return;
  ports.scheduler.cancel();
  ports.state.delete(CONTINUATION_DUE_KEY);
}

export interface RunOptions {
  budgetMs?: number;
  budgetCalls?: number;
  /**
   * The execution's budget already spent, shared by every job one trigger execution continues
   * (continueJobs): the calls their chunks reported and the chunks run. The stopwatch is the
   * execution's already; with this the calls are too, and a job whose next chunk (as long as its
   * longest so far) would not fit what is left is left to the next execution.
   */
  spent?: ExecutionSpent;
}

export interface ExecutionSpent {
  calls: number;
  chunks: number;
}

function markerKey(name: string): string {
  return JOB_PREFIX + name;
}

export function readMarker<C>(state: StatePort, name: string): JobMarker<C> | null {
  const raw = state.get(markerKey(name));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as JobMarker<C>;
  } catch (_e) {
    return null;
  }
}

function saveMarker<C>(state: StatePort, m: JobMarker<C>): void {
  state.set(markerKey(m.job), JSON.stringify(m));
}

/** Names of the jobs with a marker (under way, waiting or failed). */
export function pendingJobs(state: StatePort): string[] {
  return state.keys(JOB_PREFIX).map((k) => k.slice(JOB_PREFIX.length));
}

function isStale(m: JobMarker<unknown>, now: number): boolean {
  return now - m.updatedAt > (m.running ? STALE_RUNNING_MS : STALE_WAITING_MS);
}

function percent(p: [number, number] | undefined): string {
  if (!p || p[1] <= 0) return "";
  return `, выполнено ${Math.min(100, Math.floor((100 * p[0]) / p[1]))}% (${p[0]} из ${p[1]})`;
}

/** «Переобработка ответов» уже выполняется…: the refusal of a second start. */
function refusal(m: JobMarker<unknown>): string {
  return (
    `«${m.title}» уже выполняется${percent(m.progress)}. ` +
    (m.running
      ? "Дождитесь окончания: результат появится в «Журнале»."
      : m.paused
        ? `${m.paused} Результат появится в «Журнале».`
        : "Она продолжится автоматически через минуту; результат появится в «Журнале».")
  );
}

/**
 * Runs a job: `start` begins it (refused while it is under way), `continue` resumes it from its
 * checkpoint (the continuation trigger). Chunks run while the stopwatch stays within the budget.
 */
export function runJob<C>(
  def: JobDefinition<C>,
  ports: JobPorts,
  mode: "start" | "continue",
  options: RunOptions = {},
): JobOutcome {
  const budget = ports.scheduler
    ? (options.budgetMs ?? def.budgetMs ?? DEFAULT_BUDGET_MS)
    : Number.POSITIVE_INFINITY;
  const budgetCalls = ports.scheduler
    ? (options.budgetCalls ?? def.budgetCalls ?? Number.POSITIVE_INFINITY)
    : Number.POSITIVE_INFINITY;
  const locked = <T>(fn: () => T): T => withWorkbookLock(ports, fn);
  /** A chunk's ports: with the edit guard, fresh for each attempt. */
  const guarded = <T>(fn: (p: JobPorts) => T): T =>
    ports.guardEdits
      ? retryOnConcurrentEdit(() => fn({ ...ports, workbook: new ConcurrentEditGuard(ports.workbook) }))
      : fn(ports);
  const now = () => ports.clock.now().getTime();
  const spent: ExecutionSpent = options.spent ?? { calls: 0, chunks: 0 };

  // 0. A continuation that already ran chunks of other jobs: this one goes on only if its next
  // chunk fits what is left of the budget; else the next execution takes it (first: continueJobs
  // runs the jobs least recently worked on first). A job with no chunk yet cannot be estimated.
  if (mode === "continue" && spent.chunks > 0 && ports.scheduler) {
    const m = readMarker<C>(ports.state, def.name);
    if (m && !m.failed && !m.running) {
      const fits =
        m.chunkMs !== undefined &&
        ports.stopwatch.elapsedMs() + m.chunkMs <= budget &&
        spent.calls + (m.chunkCalls ?? 0) <= budgetCalls;
      if (!fits) {
        arm(ports, CONTINUE_AFTER_MS);
        return {
          status: "continues",
          message: `«${def.title}» продолжится автоматически через минуту${percent(m.progress)}.`,
          runs: m.runs,
          chunks: m.chunks,
        };
      }
    }
  }

  // 1. Claim the job (under the lock, so two executions never both claim it).
  const claim = (): JobMarker<C> | JobOutcome => {
    const m = readMarker<C>(ports.state, def.name);
    if (mode === "start" && m && !m.failed && !isStale(m, now()))
      return { status: "refused", message: refusal(m) };
    if (mode === "continue" && !m) return { status: "idle", message: `«${def.title}»: нечего продолжать.` };
    if (mode === "continue" && m?.failed)
      return {
        status: "idle",
        message: `«${def.title}» остановлена ошибкой («${m.failed}»); запустите её снова из меню — она продолжится с места остановки.`,
      };
    if (mode === "continue" && m && m.running && !isStale(m, now()))
      return { status: "refused", message: refusal(m) };
    if (m && !m.failed && m.runs - m.chunks >= MAX_ATTEMPTS_WITHOUT_PROGRESS) {
      m.running = false;
      m.failed = `${MAX_ATTEMPTS_WITHOUT_PROGRESS} выполнения подряд прервались, не закончив ни одной части (ограничение Apps Script — 6 минут)`;
      m.updatedAt = now();
      saveMarker(ports.state, m);
      return {
        status: "refused",
        message:
          `«${def.title}» остановлена: ${m.failed}. Данных слишком много для одного выполнения; ` +
          "запустите операцию снова из меню в менее загруженное время или разделите работу (например, по формам наставничества).",
      };
    }
    // A start after a failure gives the job a new series of attempts.
    if (m?.failed) m.runs = m.chunks;
    const marker: JobMarker<C> = m ?? {
      job: def.name,
      title: def.title,
      cursor: def.start(ports),
      startedAt: now(),
      updatedAt: now(),
      running: false,
      runs: 0,
      chunks: 0,
      user: ports.user,
    };
    marker.running = true;
    marker.failed = undefined;
    marker.paused = undefined;
    marker.updatedAt = now();
    marker.runs++;
    saveMarker(ports.state, marker);
    return marker;
  };
  let claimed: JobMarker<C> | JobOutcome;
  try {
    claimed = locked(claim);
  } catch (e) {
    // A continuation that finds another operation holding the workbook waits for the next one.
    const waiting = mode === "continue" && flagged(e, "busy") ? readMarker<C>(ports.state, def.name) : null;
    if (!waiting || waiting.failed) throw e;
    arm(ports, CONTINUE_AFTER_MS);
    return {
      status: "continues",
      message: `«${def.title}» ждёт окончания другой операции и продолжится автоматически через минуту.`,
      runs: waiting.runs,
      chunks: waiting.chunks,
    };
  }
  if ("status" in claimed) return claimed;
  const marker = claimed;
  // If this execution is killed, the watchdog resumes the job from the last checkpoint.
  arm(ports, WATCHDOG_AFTER_MS);

  try {
    let lastChunk = marker.chunkMs ?? 0;
    let lastCalls = marker.chunkCalls ?? 0;
    const spentCalls = () => spent.calls;
    while (!marker.finishing) {
      const t0 = ports.stopwatch.elapsedMs();
      const chunk = () => guarded((p) => def.step({ ...p, spentCalls }, marker.cursor));
      const r = def.unlocked ? chunk() : locked(chunk);
      marker.cursor = r.cursor;
      marker.chunks++;
      marker.progress = r.progress ?? marker.progress;
      marker.updatedAt = now();
      const elapsed = ports.stopwatch.elapsedMs();
      lastChunk = Math.max(lastChunk, elapsed - t0);
      lastCalls = Math.max(lastCalls, r.calls ?? 0);
      marker.chunkMs = lastChunk;
      marker.chunkCalls = lastCalls;
      spent.calls += r.calls ?? 0;
      spent.chunks++;
      if (r.done) marker.finishing = true;
      saveMarker(ports.state, marker);
      if (r.progress) ports.progress.report(def.title, r.progress[0], r.progress[1]);
      if (r.done) break;
      if (elapsed + lastChunk > budget || spent.calls + lastCalls > budgetCalls) {
        marker.running = false;
        marker.updatedAt = now();
        saveMarker(ports.state, marker);
        arm(ports, CONTINUE_AFTER_MS);
        return {
          status: "continues",
          message: `«${def.title}» продолжится автоматически через минуту${percent(marker.progress)}. Результат появится в «Журнале».`,
          runs: marker.runs,
          chunks: marker.chunks,
        };
      }
    }
    const message = locked(() => guarded((p) => def.finish(p, marker.cursor, mode === "continue")));
    ports.state.delete(markerKey(def.name));
    if (pendingJobs(ports.state).length === 0) disarm(ports);
    else arm(ports, CONTINUE_AFTER_MS);
    return { status: "done", message, runs: marker.runs, chunks: marker.chunks };
  } catch (e) {
    if (ports.scheduler && (flagged(e, "busy") || flagged(e, "dailyQuota")))
      return pause(def, ports, marker, e as Error);
    // The checkpoint stays: the next start resumes from it. No continuation: an error that
    // repeats would repeat every minute; the curator sees it and starts again.
    marker.running = false;
    marker.failed = e instanceof Error ? e.message : String(e);
    marker.updatedAt = now();
    saveMarker(ports.state, marker);
    if (pendingJobs(ports.state).every((n) => n === def.name || readMarker(ports.state, n)?.failed))
      disarm(ports);
    throw e;
  }
}

/**
 * A chunk stopped by another operation holding the workbook, or by a daily quota: not a failure.
 * The checkpoint stays and a continuation is armed — a minute later, or the next day for a quota
 * (the curator is told in «Журнал» why the work stopped and when it goes on).
 */
function pause<C>(def: JobDefinition<C>, ports: JobPorts, marker: JobMarker<C>, e: Error): JobOutcome {
  const quota = flagged(e, "dailyQuota");
  const now = ports.clock.now();
  const reached = quota
    ? (e as { checkpoint?: { cursor: C; progress?: [number, number] } }).checkpoint
    : undefined;
  if (reached) {
    marker.cursor = reached.cursor;
    marker.progress = reached.progress ?? marker.progress;
    marker.chunks++;
  }
  marker.running = false;
  // A pause is no failed attempt (MAX_ATTEMPTS_WITHOUT_PROGRESS counts runs without a chunk).
  marker.runs = marker.chunks;
  marker.paused = quota
    ? `${e.message} Работа продолжится автоматически завтра с места остановки.`
    : undefined;
  marker.updatedAt = now.getTime();
  saveMarker(ports.state, marker);
  arm(ports, quota ? DAILY_QUOTA_PAUSE_MS : CONTINUE_AFTER_MS);
  if (quota) {
    try {
      withWorkbookLock(ports, () =>
        appendJournal(
          ports.workbook,
          [
            {
              at: now,
              level: "предупреждение",
              operation: def.title,
              message: `Остановлено${percent(marker.progress)}: ${marker.paused}`,
              user: ports.user,
            },
          ],
          Table.load(ports.workbook, "log").columns,
        ),
      );
    } catch (_e) {
      // «Журнал» busy or broken: the marker keeps the reason, the refusal message shows it.
    }
  }
  return {
    status: "continues",
    message: quota
      ? `«${def.title}» остановлена${percent(marker.progress)}: ${marker.paused}`
      : `«${def.title}» ждёт окончания другой операции и продолжится автоматически через минуту${percent(marker.progress)}.`,
    runs: marker.runs,
    chunks: marker.chunks,
  };
}

/**
 * Re-arms the continuation when a job waits for one that is not coming: no continuation is due
 * (its trigger was deleted by hand, or its creation failed) or the due one is long past (its
 * trigger spent without running, e.g. on a day the account's trigger time was used up). Called by
 * the menu actions and the daily trigger; the titles of the jobs it re-armed for.
 */
export function rearmJobs(ports: ArmPorts): string[] {
  if (!ports.scheduler) return [];
  const now = ports.clock.now().getTime();
  const waiting = pendingJobs(ports.state)
    .map((n) => readMarker<unknown>(ports.state, n))
    .filter((m): m is JobMarker<unknown> => m !== null && !m.failed && !(m.running && !isStale(m, now)));
  if (waiting.length === 0) return [];
  const due = Number(ports.state.get(CONTINUATION_DUE_KEY) ?? Number.NaN);
  if (Number.isFinite(due) && now <= due + CONTINUATION_GRACE_MS) return [];
  arm(ports, CONTINUE_AFTER_MS);
  return waiting.map((m) => m.title);
}

/** A StatePort in memory (offline runs and tests). */
export function memoryState(
  initial: Record<string, string> = {},
): StatePort & { data: Record<string, string> } {
  const data: Record<string, string> = { ...initial };
  return {
    data,
    get: (k) => (k in data ? data[k] : null),
    set: (k, v) => {
      data[k] = v;
    },
    delete: (k) => {
      delete data[k];
    },
    keys: (prefix) => Object.keys(data).filter((k) => k.startsWith(prefix)),
  };
}

/**
 * Queues a job for the next continuation without running it now (e.g. from a submit trigger that
 * found the workbook busy). False when the job is already under way: it will get there itself.
 */
export function queueJob<C>(def: JobDefinition<C>, ports: JobPorts): boolean {
  const existing = readMarker<C>(ports.state, def.name);
  if (existing && !existing.failed) return false;
  const at = ports.clock.now().getTime();
  saveMarker(ports.state, {
    job: def.name,
    title: def.title,
    cursor: def.start(ports),
    startedAt: at,
    updatedAt: at,
    running: false,
    runs: 0,
    chunks: 0,
    user: ports.user,
  });
  arm(ports, CONTINUE_AFTER_MS);
  return true;
}
