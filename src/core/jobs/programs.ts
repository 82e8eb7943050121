/**
 * «Документы: персонализированные программы» as a job. Each program is a Google Doc (in Apps
 * Script about two seconds: created, then written and styled by three Docs API requests), so a
 * school's programs take more than one execution: each execution is one chunk that reads the
 * workbook once, stores programmes in the order of generateDocuments (by pair ID) until its budget,
 * then records them in «Журнал» with one append and saves the cursor once. The result is that of
 * one uninterrupted run: one document per approved pair, an earlier version replaced (the store
 * keeps that), one «Журнал» line per document. A day's quota of new documents (250 for a gmail.com
 * account) stops it with a Russian message until the next day (job.ts DailyQuotaError).
 *
 * The cursor is the ID of the last pair done, not the list of pairs: a marker is one script
 * property (at most 9 kB), and a school's pair IDs would not fit. Each execution reads the pairs
 * again and goes on after that ID, so a pair approved meanwhile is included if its ID comes later.
 */
import { folderName } from "../documents/files";
import { withWorkbookLock } from "../ports";
import { plural } from "../text";
import {
  type DocumentStorePort,
  describeGenerated,
  flushJournal,
  JOURNAL_DOCUMENTS,
  openDocumentSource,
  programDocument,
  programPairs,
  storedEntries,
} from "../usecases/documents";
import type { JournalEntry } from "../workbook/journal";
import type { JobDefinition, JobPorts } from "./job";

/** The job needs the store of the documents, like generateDocuments. */
export type ProgramsPorts = JobPorts & { store: DocumentStorePort };

export interface ProgramsCursor {
  /** ID of the last pair whose program is stored; null before the first. */
  after: string | null;
  done: number;
  /** Pairs in all, as last counted (pairs done + pairs still after the cursor). */
  total: number;
  created: number;
  replaced: number;
  /** Where the programs are: «Наставничество 2026-2027» (a folder), «Мой диск» (Apps Script). */
  folder: string;
}

/**
 * Where the store keeps a school year's documents: its folderOf (Apps Script: «Мой диск»), else
 * the folder named after the year («Наставничество 2026-2027»).
 */
function placeOf(store: DocumentStorePort, schoolYear: string): string {
  const folder = folderName(schoolYear);
  return store.folderOf ? store.folderOf({ schoolYear, folder, documents: [] }) : folder;
}

/**
 * At most this many programmes in one execution. Apps Script writes a programme through the Docs
 * API with two write requests (gas/doc-build.ts), and the Docs API allows a user 60 write requests a
 * minute (developers.google.com/workspace/docs/api/limits); executions are a minute apart at least.
 */
export const PROGRAMS_PER_EXECUTION = 25;
/**
 * One execution of the job (issue 14, item 7: any execution within 60 s and 300 service calls) is
 * one chunk: the workbook read once, then programmes until 45 s of the stopwatch (the execution's
 * start and end take the rest) or 150 calls of documents (as the store counts them: 8 a new
 * programme written through the Docs API, about 100 through DocumentApp alone) would be passed by
 * one more programme like the longest so far; then «Журнал» once and the cursor once. The
 * execution's own calls (its claim and checkpoint, the continuation trigger, the reads of the
 * workbook, «Журнал») take the rest of 300. A programme is always made. `npm run bench` measures it.
 */
export const PROGRAMS_BUDGET_MS = 45_000;
export const PROGRAMS_BUDGET_CALLS = 150;

/** Pairs not yet done: after the cursor's ID, in the order of programPairs. */
function remaining<P extends { id: string }>(pairs: P[], after: string | null): P[] {
  return after === null ? pairs : pairs.filter((p) => p.id.localeCompare(after) > 0);
}

export function programsJob(
  perExecution = PROGRAMS_PER_EXECUTION,
  budget: { ms: number; calls: number } = { ms: PROGRAMS_BUDGET_MS, calls: PROGRAMS_BUDGET_CALLS },
): JobDefinition<ProgramsCursor> {
  return {
    name: "programs",
    title: "Персонализированные программы",
    budgetMs: budget.ms,
    budgetCalls: budget.calls,
    // Only «Журнал» is written, under the lock; submissions never wait for a program.
    unlocked: true,
    start(ports: ProgramsPorts) {
      const src = openDocumentSource(ports.workbook, ports.clock);
      return {
        after: null,
        done: 0,
        total: programPairs(src).length,
        created: 0,
        replaced: 0,
        folder: placeOf(ports.store, src.school().schoolYear),
      };
    },
    step(ports: ProgramsPorts, c) {
      const cursor: ProgramsCursor = { ...c };
      const src = openDocumentSource(ports.workbook, ports.clock);
      const folder = placeOf(ports.store, src.school().schoolYear);
      cursor.folder = folder;
      const todo = remaining(programPairs(src), cursor.after);
      const journal: JournalEntry[] = [];
      let made = 0;
      // The documents' calls, where the store counts them, and the most one took; the longest one.
      let calls = 0;
      let most = 0;
      let longest = 0;
      // Offline (no scheduler) the job runs to the end in one go.
      const timed = ports.scheduler !== undefined;
      // The calls other chunks of this execution reported (another job's, continued before): the
      // budget is the execution's.
      const before = ports.spentCalls?.() ?? 0;
      try {
        for (const pair of todo) {
          // Pairs sharing an ID (one document, the later replaces the earlier) stay in one chunk.
          if (timed && made > 0 && pair.id !== cursor.after) {
            if (made >= perExecution) break;
            // One more programme like the longest or the largest so far would go over the budget.
            if (ports.stopwatch.elapsedMs() + longest > budget.ms || before + calls + most > budget.calls)
              break;
          }
          const t0 = ports.stopwatch.elapsedMs();
          const stored = ports.store.save(programDocument(src, pair), folder);
          longest = Math.max(longest, ports.stopwatch.elapsedMs() - t0);
          calls += stored.calls ?? 0;
          most = Math.max(most, stored.calls ?? 0);
          journal.push(...storedEntries(ports.clock.now(), [stored], ports.user));
          if (stored.replaced) cursor.replaced++;
          else cursor.created++;
          cursor.after = pair.id;
          cursor.done++;
          made++;
        }
      } catch (e) {
        // A day's quota reached after some programmes: they stay done (job.ts pause keeps this
        // checkpoint), so the next day goes on after them instead of writing them again.
        if (
          made > 0 &&
          typeof e === "object" &&
          e !== null &&
          (e as { dailyQuota?: unknown }).dailyQuota === true
        ) {
          const total = cursor.done + todo.length - made;
          (e as { checkpoint?: unknown }).checkpoint = {
            cursor: { ...cursor, total },
            progress: [cursor.done, total],
          };
        }
        throw e;
      } finally {
        // What is in Drive is in «Журнал», even when a save fails half way. The chunk runs
        // without the workbook lock (a program is a long run of DocumentApp calls); the lines
        // are appended under it.
        withWorkbookLock(ports, () => flushJournal(src, journal));
      }
      const left = todo.length - made;
      cursor.total = cursor.done + left;
      return { cursor, done: left === 0, progress: [cursor.done, cursor.total], calls };
    },
    finish(ports, cursor, unattended) {
      const message = describePrograms(cursor);
      if (unattended && cursor.done > 0) {
        // Nobody sees the toast of a continuation: the result goes to «Журнал».
        const src = openDocumentSource(ports.workbook, ports.clock);
        flushJournal(src, [
          {
            at: ports.clock.now(),
            level: "информация",
            operation: JOURNAL_DOCUMENTS,
            message: `Персонализированные программы готовы. ${message}`,
            user: ports.user,
          },
        ]);
      }
      return message;
    },
  };
}

/** «Программы: 62 документа в папке «Наставничество 2026-2027» (создано 60, обновлено 2).» */
export function describePrograms(cursor: ProgramsCursor): string {
  const n = cursor.done;
  if (n === 0) return describeGenerated({ folder: cursor.folder, stored: [] }, ["program"]);
  return (
    `Программы: ${n} ${plural(n, "документ", "документа", "документов")} в папке «${cursor.folder}» ` +
    `(создано ${cursor.created}, обновлено ${cursor.replaced}).`
  );
}
