/**
 * Responses the submit trigger never saw. Apps Script runs at most 30 executions of a user at a
 * time («Simultaneous executions per user: 30», developers.google.com/apps-script/guides/services/
 * quotas): in a storm of submissions the executions past the cap are refused before any code of
 * ours runs — nothing is journaled, nothing queued — yet every response row is in its sheet. The
 * reconciliation takes, per questionnaire, every response row newer than the last one it processed,
 * through the same pipeline as the trigger (intake, then the monitoring). Intake recognises an
 * answer it has seen (by the questionnaire's identity; the older of two answers is ignored), so a
 * row the trigger already took changes nothing.
 *
 * The high-water mark of a response sheet (in the StatePort: script properties in Apps Script) is
 * the sheet's last row when it was reconciled, that row's timestamp, and the newest timestamp seen.
 * Only the reconciliation moves it, never the trigger: a refused response older than one the
 * trigger took is still after the mark. The timestamps are read as one column; taken are
 * - every row whose timestamp is not older than the newest seen less RECONCILE_MARGIN_MS: a new
 *   response, or one edited in place (Google Forms rewrites its row with the edit's time), wherever
 *   a curator's sort or deletion has put it;
 * - while the mark's row still holds its response, every row below it too (Google Forms appends a
 *   response at the bottom), even one written later than the margin;
 * - with no mark yet, every row.
 * Taking a row twice costs an intake that changes nothing; a sheet unchanged since its mark (the same
 * last row, holding the same response, and no newer time) costs none. More rows than a chunk (after an outage,
 * or the first run in a large school) are left to the «Переобработать ответы» job, queued here.
 */
import { submissionsFromGrid, TIMESTAMP_TITLES } from "../intake/grid";
import type { Submission } from "../intake/submission";
import { type Cell, isDate } from "../ports";
import { sheetName } from "../templates/load";
import { normalizeHeader } from "../text";
import { importResponses, type ResponsesOutcome, type StepRunner } from "../usecases/responses";
import { Table } from "../workbook/table";
import { type JobPorts, queueJob } from "./job";
import {
  REPLAY_CHUNK,
  RESPONSES_MARK_PREFIX,
  type ResponsesMark,
  type RowsPort,
  replayJob,
  saveMark,
} from "./replay";

// The mark is the replay job's too (it saves one when it ends): it is defined in replay.ts.
export { RESPONSES_MARK_PREFIX, type ResponsesMark };

/** Rows written late are still taken after a sort when this close to the newest seen (15 minutes). */
export const RECONCILE_MARGIN_MS = 15 * 60_000;

export interface ReconcilePorts extends JobPorts {
  rows?: RowsPort;
}

export interface ReconcileResult {
  /** Response rows taken through intake now (those already in the banks among them). */
  taken: number;
  /** Of them, the rows that added or updated a row of the banks: those no trigger had taken. */
  changed: number;
  /** Questionnaires whose rows were left to the queued replay job. */
  queued: string[];
  outcomes: ResponsesOutcome[];
}

function markKey(formKey: string): string {
  return RESPONSES_MARK_PREFIX + formKey;
}

export function readMark(
  ports: Pick<JobPorts, "state">,
  formKey: string,
  /** Every mark read at once (StatePort.entries), when the caller has them. */
  marks?: Record<string, string>,
): ResponsesMark | null {
  const raw = marks ? (marks[markKey(formKey)] ?? null) : ports.state.get(markKey(formKey));
  if (!raw) return null;
  try {
    const m = JSON.parse(raw) as Partial<ResponsesMark>;
    return typeof m.row === "number" ? { row: m.row, at: m.at ?? null, newest: m.newest ?? null } : null;
  } catch (_e) {
    return null;
  }
}

function rowsOf(ports: ReconcilePorts): RowsPort {
  if (ports.rows) return ports.rows;
  const wb = ports.workbook;
  return {
    lastRow: (sheet) => wb.read(sheet).length,
    readRows: (sheet, first, count) => wb.read(sheet).slice(first - 1, first - 1 + count),
  };
}

const time = (v: Cell | undefined): number | null => (isDate(v) ? v.getTime() : null);

/**
 * Every response sheet of «Анкеты» reconciled: its rows after the mark taken through intake (and
 * the monitoring), each step run by `step` (Apps Script: behind the edit guard). Each intake takes
 * the workbook lock itself; the caller holds none.
 */
export function reconcileResponses<P extends ReconcilePorts>(
  ports: P,
  step: StepRunner<P> = (fn) => fn(ports),
): ReconcileResult {
  const result: ReconcileResult = { taken: 0, changed: 0, queued: [], outcomes: [] };
  const names = new Set(ports.workbook.sheetNames());
  if (!names.has(sheetName("forms_registry"))) return result;
  const rows = rowsOf(ports);
  const registry = Table.load(ports.workbook, "forms_registry")
    .records()
    .map(({ values }) => ({
      sheet: String(values.response_sheet).trim(),
      formKey: String(values.form_key).trim(),
    }))
    .filter((q) => q.sheet !== "" && q.formKey !== "" && names.has(q.sheet));
  // Every response sheet's last row, header and timestamps, and every mark, read at once where the
  // adapters can.
  rows.prepare?.([...new Set(registry.map((q) => q.sheet))]);
  const marks = ports.state.entries?.(RESPONSES_MARK_PREFIX);
  for (const { sheet, formKey } of registry) {
    const last = rows.lastRow(sheet);
    const mark = readMark(ports, formKey, marks);
    if (last < 2) {
      if (mark?.row !== 1) saveMark(ports, formKey, { row: 1, at: null, newest: mark?.newest ?? null });
      continue;
    }
    const header = rows.readRows(sheet, 1, 1)[0] ?? [];
    const ts = timestampColumn(header);
    const stamps = timestamps(ports, rows, sheet, ts, last);
    const newest = stamps.reduce<number | null>(
      (m, t) => (t !== null && (m === null || t > m) ? t : m),
      null,
    );
    const next: ResponsesMark = { row: last, at: stamps[last - 2] ?? null, newest };
    // Nothing since the mark (the same last row holding the same response, no newer time): every
    // row was taken then, and an intake would change nothing.
    if (mark !== null && mark.row === last && mark.at === next.at && mark.newest === newest) continue;
    // The mark's row still holds its response: the rows below it came since, whatever their time.
    // (A mark at row 1: the sheet was empty then, every row is new.)
    const kept = mark !== null && (mark.row === 1 || (mark.row <= last && stamps[mark.row - 2] === mark.at));
    const after = kept ? mark.row : mark === null ? 1 : last;
    const since = mark?.newest != null ? mark.newest - RECONCILE_MARGIN_MS : null;
    const picked: number[] = [];
    stamps.forEach((t, i) => {
      const row = i + 2;
      if (row > after || (since !== null && t !== null && t >= since) || (since === null && mark === null))
        picked.push(row);
    });
    if (picked.length > REPLAY_CHUNK) {
      // Too many for one go under the 30 s a waiting submission allows: the replay job takes them.
      if (!queueJob(replayJob(), ports)) continue;
      result.queued.push(formKey);
      saveMark(ports, formKey, next);
      continue;
    }
    if (picked.length > 0) {
      const first = picked[0];
      const block = rows.readRows(sheet, first, picked[picked.length - 1] - first + 1);
      const submissions = picked.flatMap((row) =>
        submissionsOf(sheet, header, block[row - first] ?? [], row),
      );
      if (submissions.length > 0) {
        const outcome = importResponses(ports, formKey, submissions, step);
        result.outcomes.push(outcome);
        result.taken += submissions.length;
        result.changed += outcome.intake.added + outcome.intake.updated;
      }
    }
    saveMark(ports, formKey, next);
  }
  return result;
}

/** The timestamp column of a response sheet (0-based), or -1. */
function timestampColumn(header: Cell[]): number {
  return header.map((h) => normalizeHeader(String(h ?? ""))).findIndex((t) => TIMESTAMP_TITLES.includes(t));
}

/** Each data row's timestamp (ms of its wall-clock date, or null), read as one column when it can. */
function timestamps(
  ports: ReconcilePorts,
  rows: RowsPort,
  sheet: string,
  ts: number,
  last: number,
): (number | null)[] {
  if (ts < 0) return Array.from({ length: last - 1 }, () => null);
  const cells = rows.column?.(sheet, ts, 2, last - 1);
  if (cells) return Array.from({ length: last - 1 }, (_, i) => time(cells[i]));
  const column = ports.workbook.readBlock
    ? ports.workbook.readBlock(sheet, 1, ts, last - 1, 1) // 0-based corner: row 2, the timestamp column
    : rows.readRows(sheet, 2, last - 1).map((r) => [r[ts]]);
  return Array.from({ length: last - 1 }, (_, i) => time(column[i]?.[0]));
}

function submissionsOf(sheet: string, header: Cell[], row: Cell[], at: number): Submission[] {
  return submissionsFromGrid([header, row], () => `лист «${sheet}», строка ${at}`);
}

/** A Russian line for the curator when rows were taken or left to the job, else "". */
export function describeReconcile(r: ReconcileResult): string {
  const parts: string[] = [];
  if (r.changed > 0) parts.push(`Учтены ответы анкет, не обработанные сразу: ${r.changed}.`);
  if (r.queued.length > 0)
    parts.push("Много необработанных ответов анкет: они обрабатываются в фоне («Переобработать ответы»).");
  return parts.join(" ");
}
