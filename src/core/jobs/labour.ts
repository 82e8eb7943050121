/**
 * The mentors' documents of a school as a job (like the programs, core/jobs/programs.ts): a
 * consent and an agreement per mentor the article covers, or a letter of thanks and a certificate
 * per mentor, are each a Google Doc of a few hundred DocumentApp calls, so a large school's set
 * does not fit one execution. Each chunk builds the set again (cheap next to the Docs) and stores
 * the documents after the cursor's key, in key order; «Журнал» gets each chunk's lines as it goes.
 * The result equals one uninterrupted generateDocuments of the same kinds.
 */
import type { DocumentKind } from "../documents/files";
import { withWorkbookLock } from "../ports";
import { plural } from "../text";
import {
  buildDocuments,
  type DocumentStorePort,
  describeGenerated,
  flushJournal,
  JOURNAL_DOCUMENTS,
  openDocumentSource,
  storedEntries,
} from "../usecases/documents";
import type { JournalEntry } from "../workbook/journal";
import type { JobDefinition, JobPorts } from "./job";

export type MentorDocumentsPorts = JobPorts & { store: DocumentStorePort };

export interface MentorDocumentsCursor {
  /** Key of the last document stored («consent:Н-0003»); null before the first. */
  after: string | null;
  done: number;
  total: number;
  created: number;
  replaced: number;
  folder: string;
  /** Why a kind made nothing (no covered mentor, no ranking), from the first chunk. */
  refused: string[];
}

/** The two jobs of the menu, by name (a continuation finds a job by its name alone). */
export const MENTOR_DOCUMENT_JOBS: Record<string, { title: string; kinds: DocumentKind[] }> = {
  labour_documents: {
    title: "Согласия и дополнительные соглашения наставников",
    kinds: ["consent", "agreement"],
  },
  recognition_documents: {
    title: "Благодарственные письма и справки наставникам",
    kinds: ["thanks", "certificate"],
  },
};

export const MENTOR_DOCUMENTS_CHUNK = 5;
export const MENTOR_DOCUMENTS_CHUNK_MS = 15_000;
/** One execution's budget (issue 14, item 7: within 60 s and 300 calls; a document is about 100 calls). */
export const MENTOR_DOCUMENTS_BUDGET_MS = 40_000;

export function mentorDocumentsJob(
  name: keyof typeof MENTOR_DOCUMENT_JOBS,
  chunk = MENTOR_DOCUMENTS_CHUNK,
  chunkMs = MENTOR_DOCUMENTS_CHUNK_MS,
): JobDefinition<MentorDocumentsCursor> {
  const { title, kinds } = MENTOR_DOCUMENT_JOBS[name];
  const build = (ports: MentorDocumentsPorts) => {
    const src = openDocumentSource(ports.workbook, ports.clock);
    const set = buildDocuments(src, kinds);
    const folder = ports.store.folderOf ? ports.store.folderOf(set) : set.folder;
    const docs = [...set.documents].sort((a, b) => a.key.localeCompare(b.key));
    return { src, set, folder, docs };
  };
  return {
    name,
    title,
    budgetMs: MENTOR_DOCUMENTS_BUDGET_MS,
    // Only «Журнал» is written, under the lock.
    unlocked: true,
    start(ports: MentorDocumentsPorts) {
      const { set, folder, docs } = build(ports);
      return {
        after: null,
        done: 0,
        total: docs.length,
        created: 0,
        replaced: 0,
        folder,
        refused: (set.refused ?? []).map((r) => r.message),
      };
    },
    step(ports: MentorDocumentsPorts, c) {
      const cursor: MentorDocumentsCursor = { ...c };
      const began = ports.stopwatch.elapsedMs();
      const { src, folder, docs } = build(ports);
      cursor.folder = folder;
      const todo =
        cursor.after === null ? docs : docs.filter((d) => d.key.localeCompare(cursor.after as string) > 0);
      const journal: JournalEntry[] = [];
      let made = 0;
      try {
        for (const doc of todo) {
          if (made > 0 && (made >= chunk || ports.stopwatch.elapsedMs() - began >= chunkMs)) break;
          const stored = ports.store.save(doc, folder);
          journal.push(...storedEntries(ports.clock.now(), [stored], ports.user));
          if (stored.replaced) cursor.replaced++;
          else cursor.created++;
          cursor.after = doc.key;
          cursor.done++;
          made++;
        }
      } finally {
        withWorkbookLock(ports, () => flushJournal(src, journal));
      }
      const left = todo.length - made;
      cursor.total = cursor.done + left;
      return { cursor, done: left === 0, progress: [cursor.done, cursor.total] };
    },
    finish(ports, cursor, unattended) {
      const message = describeMentorDocuments(title, cursor, kinds);
      if (unattended && cursor.done > 0) {
        const src = openDocumentSource(ports.workbook, ports.clock);
        flushJournal(src, [
          {
            at: ports.clock.now(),
            level: "информация",
            operation: JOURNAL_DOCUMENTS,
            message,
            user: ports.user,
          },
        ]);
      }
      return message;
    },
  };
}

/** «Согласия и дополнительные соглашения наставников: 24 документа в папке «…» (создано 24, обновлено 0).» */
export function describeMentorDocuments(
  title: string,
  cursor: MentorDocumentsCursor,
  kinds: DocumentKind[],
): string {
  const n = cursor.done;
  const refused = cursor.refused.join(" ");
  if (n === 0) return refused || describeGenerated({ folder: cursor.folder, stored: [] }, kinds);
  return (
    `${title}: ${n} ${plural(n, "документ", "документа", "документов")} в папке «${cursor.folder}» ` +
    `(создано ${cursor.created}, обновлено ${cursor.replaced}).${refused ? ` ${refused}` : ""}`
  );
}
