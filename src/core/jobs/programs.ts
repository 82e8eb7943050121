/**
 * «Документы: персонализированные программы» as a job. Each program is a Google Doc of several
 * hundred DocumentApp calls, so a school's programs take far longer than one execution: the job
 * stores them a few at a time, in the order of generateDocuments (by pair ID), and records each
 * chunk's documents in «Журнал» as it goes. The result is that of one uninterrupted run: one
 * document per approved pair, an earlier version replaced (the store keeps that), one «Журнал»
 * line per document.
 *
 * The cursor is the ID of the last pair done, not the list of pairs: a marker is one script
 * property (at most 9 kB), and a school's pair IDs would not fit. Each chunk reads the pairs again
 * and goes on after that ID, so a pair approved meanwhile is included if its ID comes later.
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

/** At most this many programs in one chunk. */
export const PROGRAMS_CHUNK = 5;
/**
 * No new program is begun once the chunk has taken this long (at least one program is always
 * made): the checkpoint stays fresh, so an execution killed mid-chunk loses little work.
 */
export const PROGRAMS_CHUNK_MS = 15_000;
/**
 * One execution of the job (issue 14, item 7: any execution within 60 s and 300 service calls):
 * its chunks stop by 45 s of the stopwatch (the execution's start and end take the rest), and
 * its documents' calls (as the store counts them: about 100 a programme in Apps Script) stay
 * within 150 — the execution's own calls (its claim and checkpoints, the continuation trigger, the
 * chunk's reads of the workbook, «Журнал»: 80 to 170 in the bench) take the rest of 300. A
 * programme is always made, so an execution makes one programme of today's size (a second would
 * go over), and two once a programme takes 75 calls. `npm run bench` measures both.
 */
export const PROGRAMS_BUDGET_MS = 45_000;
export const PROGRAMS_BUDGET_CALLS = 150;

/** Pairs not yet done: after the cursor's ID, in the order of programPairs. */
function remaining<P extends { id: string }>(pairs: P[], after: string | null): P[] {
  return after === null ? pairs : pairs.filter((p) => p.id.localeCompare(after) > 0);
}

export function programsJob(
  chunk = PROGRAMS_CHUNK,
  chunkMs = PROGRAMS_CHUNK_MS,
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
      const began = ports.stopwatch.elapsedMs();
      const src = openDocumentSource(ports.workbook, ports.clock);
      const folder = placeOf(ports.store, src.school().schoolYear);
      cursor.folder = folder;
      const todo = remaining(programPairs(src), cursor.after);
      const journal: JournalEntry[] = [];
      let made = 0;
      // The documents' calls, where the store counts them, and the most one took.
      let calls = 0;
      let most = 0;
      try {
        for (const pair of todo) {
          // Pairs sharing an ID (one document, the later replaces the earlier) stay in one chunk.
          if (made > 0 && pair.id !== cursor.after) {
            if (made >= chunk || ports.stopwatch.elapsedMs() - began >= chunkMs) break;
            // One more programme like the largest so far would go over the execution's calls.
            if (calls + most > budget.calls) break;
          }
          const stored = ports.store.save(programDocument(src, pair), folder);
          calls += stored.calls ?? 0;
          most = Math.max(most, stored.calls ?? 0);
          journal.push(...storedEntries(ports.clock.now(), [stored], ports.user));
          if (stored.replaced) cursor.replaced++;
          else cursor.created++;
          cursor.after = pair.id;
          cursor.done++;
          made++;
        }
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
