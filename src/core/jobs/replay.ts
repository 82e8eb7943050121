/**
 * «Переобработать ответы» as a job: every response sheet of «Анкеты» replayed through intake in
 * chunks of rows, so that a school with tens of thousands of responses is processed across several
 * executions. The result is the same as one uninterrupted replay (replayResponses): the rows go
 * through intake in the same order, and intake is idempotent by identity.
 */
import { submissionsFromGrid, TIMESTAMP_TITLES } from "../intake/grid";
import { type Cell, isDate } from "../ports";
import { normalizeHeader } from "../text";
import { describeReplay } from "../usecases/forms";
import { type IntakeSummary, intakeSubmissions } from "../usecases/intake";
import { appendJournal } from "../workbook/journal";
import { Table } from "../workbook/table";
import type { JobDefinition, JobPorts } from "./job";

/** Reads a block of rows without the whole sheet (Apps Script: getLastRow, getRange). */
export interface RowsPort {
  /** The last row with content, 1-based (0 for an empty or absent sheet). */
  lastRow(sheet: string): number;
  /** `count` rows from the 1-based `first`, as wall-clock values. */
  readRows(sheet: string, first: number, count: number): Cell[][];
  /**
   * Optional: these sheets are about to be surveyed (last row, header, timestamps) — an adapter
   * may read what it needs of all of them at once (Apps Script: one Sheets API request).
   */
  prepare?(sheets: string[]): void;
  /**
   * Optional: `count` cells of a column (0-based) from the 1-based row `first`, as wall-clock values,
   * or null when the adapter has no cheaper way than readBlock / readRows.
   */
  column?(sheet: string, col: number, first: number, count: number): Cell[] | null;
}

export interface ReplayPorts extends JobPorts {
  rows?: RowsPort;
}

/** Where a questionnaire's reconciliation mark is kept (reconcile.ts): this prefix and its key. */
export const RESPONSES_MARK_PREFIX = "Наставничество.responses.";

/** How far the responses of a sheet have been taken through intake (reconcile.ts). */
export interface ResponsesMark {
  /** The sheet's last row when it was reconciled (1: it was empty). */
  row: number;
  /** That row's timestamp (ms of the wall-clock date): is the row still there? */
  at: number | null;
  /** The newest timestamp seen in the sheet. */
  newest: number | null;
}

export function saveMark(ports: Pick<JobPorts, "state">, formKey: string, mark: ResponsesMark): void {
  ports.state.set(RESPONSES_MARK_PREFIX + formKey, JSON.stringify(mark));
}

type Counts = Pick<IntakeSummary, "added" | "updated" | "unchanged" | "rejected">;

export interface ReplayCursor {
  sheets: { sheet: string; form: string }[];
  index: number;
  /** Next 1-based row of the current sheet (data start at row 2). */
  next: number;
  totals: Record<string, Counts>;
  /** Submissions seen per sheet («Ответов обработано»). */
  responses: Record<string, number>;
  done: number;
  total: number;
  /**
   * Per questionnaire, the reconciliation mark of the rows replayed (the last one, its timestamp,
   * the newest seen), saved by `finish`: the next reconciliation takes only what came after them,
   * instead of queueing every row again (absent in a cursor saved before it existed).
   */
  marks?: Record<string, ResponsesMark>;
}

/** Rows of responses per chunk: one chunk stays well under the 30 s a waiting submission allows. */
export const REPLAY_CHUNK = 500;
/**
 * One execution's time (issue 14, item 7: an execution within 60 s, a job counted per execution):
 * chunks run until the next, as long as the longest so far, would pass it.
 */
export const REPLAY_BUDGET_MS = 45_000;

/** Rows from the port, or from one read of the whole sheet (offline, memory). */
function rowsOf(ports: ReplayPorts): RowsPort {
  if (ports.rows) return ports.rows;
  const wb = ports.workbook;
  return {
    lastRow: (sheet) => wb.read(sheet).length,
    readRows: (sheet, first, count) => wb.read(sheet).slice(first - 1, first - 1 + count),
  };
}

export function replayJob(chunk = REPLAY_CHUNK): JobDefinition<ReplayCursor> {
  return {
    name: "replay",
    title: "Переобработка ответов",
    budgetMs: REPLAY_BUDGET_MS,
    start(ports: ReplayPorts) {
      const registry = Table.load(ports.workbook, "forms_registry");
      const names = new Set(ports.workbook.sheetNames());
      const rows = rowsOf(ports);
      const sheets: ReplayCursor["sheets"] = [];
      const responses: Record<string, number> = Object.create(null);
      let total = 0;
      for (const { values } of registry.records()) {
        const sheet = String(values.response_sheet).trim();
        const form = String(values.form_key).trim();
        if (sheet === "" || form === "" || !names.has(sheet)) continue;
        responses[sheet] = 0;
        const last = rows.lastRow(sheet);
        // An empty sheet has nothing to replay; a response arriving meanwhile has its own trigger.
        if (last < 2) continue;
        sheets.push({ sheet, form });
        total += last - 1;
      }
      return { sheets, index: 0, next: 2, totals: {}, responses, done: 0, total };
    },
    step(ports: ReplayPorts, c) {
      const cursor: ReplayCursor = JSON.parse(JSON.stringify(c));
      const current = cursor.sheets[cursor.index];
      if (!current) return { cursor, done: true, progress: [cursor.done, cursor.total] };
      const rows = rowsOf(ports);
      // A sheet deleted meanwhile reads as empty: its rows are skipped, never half-processed.
      const last = rows.lastRow(current.sheet);
      if (cursor.next > last) {
        cursor.index++;
        cursor.next = 2;
        return { cursor, done: cursor.index >= cursor.sheets.length, progress: [cursor.done, cursor.total] };
      }
      const count = Math.min(chunk, last - cursor.next + 1);
      const header = rows.readRows(current.sheet, 1, 1)[0] ?? [];
      const block = rows.readRows(current.sheet, cursor.next, count);
      const first = cursor.next;
      const ts = header
        .map((h) => normalizeHeader(String(h ?? "")))
        .findIndex((t) => TIMESTAMP_TITLES.includes(t));
      const stamp = (row: Cell[] | undefined): number | null => {
        const v = ts >= 0 ? row?.[ts] : undefined;
        return isDate(v) ? v.getTime() : null;
      };
      const marks = cursor.marks ?? {};
      const seen = marks[current.form]?.newest ?? null;
      const newest = block.reduce<number | null>((m, r) => {
        const t = stamp(r);
        return t !== null && (m === null || t > m) ? t : m;
      }, seen);
      marks[current.form] = { row: first + count - 1, at: stamp(block[count - 1]), newest };
      cursor.marks = marks;
      const subs = submissionsFromGrid(
        [header, ...block],
        (row1) => `лист «${current.sheet}», строка ${first + row1 - 2}`,
      );
      // The runner holds the lock: intake must not take it again.
      const s = intakeSubmissions(
        { workbook: ports.workbook, clock: ports.clock, user: ports.user },
        current.form,
        subs,
      );
      const t = cursor.totals[current.form] ?? { added: 0, updated: 0, unchanged: 0, rejected: 0 };
      t.added += s.added;
      t.updated += s.updated;
      t.unchanged += s.unchanged;
      t.rejected += s.rejected;
      cursor.totals[current.form] = t;
      cursor.responses[current.sheet] = (cursor.responses[current.sheet] ?? 0) + subs.length;
      cursor.next += count;
      cursor.done += count;
      return { cursor, done: false, progress: [cursor.done, Math.max(cursor.total, cursor.done)] };
    },
    finish(ports, cursor, unattended) {
      const wb = ports.workbook;
      const registry = Table.load(wb, "forms_registry");
      for (const [sheet, n] of Object.entries(cursor.responses)) {
        const row = registry.find("response_sheet", sheet);
        if (row >= 0) registry.set(row, "responses", n);
      }
      registry.flush(wb);
      // Every row replayed is taken: the next reconciliation starts after them.
      for (const [form, mark] of Object.entries(cursor.marks ?? {})) saveMark(ports, form, mark);
      const summaries: IntakeSummary[] = Object.entries(cursor.totals).map(([form, t]) => ({
        form,
        ...t,
        results: [],
      }));
      const message = describeReplay(summaries);
      if (unattended)
        appendJournal(
          wb,
          [
            {
              at: ports.clock.now(),
              level: "информация",
              operation: "Переобработка ответов",
              message: `Переобработка ответов завершена. ${message.replace(/\n/g, " ")}`,
              user: ports.user,
            },
          ],
          Table.load(wb, "log").columns,
        );
      return message;
    },
  };
}
