/**
 * Documents offline: .docx files in out/documents/<учебный год>/, the same content as the Google
 * Docs of the Apps Script path; a regenerated document overwrites its earlier version (same stem,
 * whatever its date). E-mails go to the outbox as .eml files with the .docx attached.
 */
import { mkdirSync, readdirSync, unlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { isVersionOf } from "../core/documents/files";
import { schoolYearForFiles } from "../core/documents/typography";
import type { ClockPort, MailerPort, WorkbookPort } from "../core/ports";
import {
  type AsyncDocumentStorePort,
  attachmentOf,
  type BuildOptions,
  type DocumentKind,
  type DocumentRefusal,
  type DocumentSet,
  type GeneratedDocument,
  generateAndSendAsync,
  generateDocumentsAsync,
  type MailAttachment,
  type MailOutcome,
  type MailRequest,
  type StoredDocument,
} from "../core/usecases/documents";
import { writeFileAtomic } from "./atomic-file";
import { renderDocx } from "./docx";

export const DEFAULT_DOCUMENTS_DIR = "out/documents";

export interface OfflineDocumentsOptions {
  /** Root of the documents (default out/documents); each school year has its folder in it. */
  outDir?: string;
  user?: string;
}

export interface OfflineResult {
  dir: string;
  stored: StoredDocument[];
  /** Documents not made for want of data, with the Russian reason. */
  refused: DocumentRefusal[];
  /** Russian warnings (a production calendar no decree confirms). */
  warnings: string[];
}

/**
 * .docx files in a folder per school year: a save replaces every earlier version (same stem) and
 * keeps the bytes for the mail's attachment. Only storing happens here; the pipelines are core's.
 */
export class DocxStore implements AsyncDocumentStorePort {
  private readonly bytes = new Map<string, Buffer>();

  constructor(private readonly outDir: string = DEFAULT_DOCUMENTS_DIR) {}

  /** out/documents/2026-2027, created when absent. */
  folderOf(set: DocumentSet): string {
    const dir = resolve(this.outDir, schoolYearForFiles(set.schoolYear));
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  async save(doc: GeneratedDocument, dir: string): Promise<StoredDocument> {
    const buffer = await renderDocx(doc.model);
    const path = join(dir, `${doc.name}.docx`);
    const earlier = readdirSync(dir).filter(
      (f) => f.toLowerCase().endsWith(".docx") && isVersionOf(f, doc.stem, doc.prefix),
    );
    // The new version first, atomically, then the earlier ones: a crash never leaves neither.
    writeFileAtomic(path, buffer);
    for (const f of earlier) if (join(dir, f) !== path) unlinkSync(join(dir, f));
    const replaced = earlier.length > 0;
    this.bytes.set(path, buffer);
    return { kind: doc.kind, key: doc.key, name: doc.name, title: doc.title, id: path, url: path, replaced };
  }

  attachment(doc: StoredDocument): MailAttachment {
    return attachmentOf(doc, "docx", new Uint8Array(this.bytes.get(doc.id) ?? Buffer.alloc(0)));
  }
}

/** Builds the documents of `kinds` from the workbook and writes them as .docx; records them in «Журнал». */
export async function writeDocuments(
  wb: WorkbookPort,
  clock: ClockPort,
  kinds: DocumentKind[],
  options: OfflineDocumentsOptions & BuildOptions = {},
): Promise<OfflineResult> {
  const store = new DocxStore(options.outDir);
  const { folder, stored, refused, warnings } = await generateDocumentsAsync(
    { workbook: wb, clock, store, user: options.user },
    kinds,
    options,
  );
  return { dir: folder, stored, refused: refused ?? [], warnings: warnings ?? [] };
}

/**
 * «Отправить отчёт» offline (core's report pipeline): the documents are written first (nothing is
 * lost if the mail cannot go), then the mail is planned (address, once a month, quota) and written
 * to the outbox with the .docx attached.
 */
export async function sendReportOffline(
  wb: WorkbookPort,
  clock: ClockPort,
  mailer: MailerPort,
  req: MailRequest,
  options: OfflineDocumentsOptions = {},
): Promise<MailOutcome & { dir: string }> {
  const store = new DocxStore(options.outDir);
  const outcome = await generateAndSendAsync(
    { workbook: wb, clock, store, mailer, user: options.user, delivery: "outbox" },
    req,
  );
  return { ...outcome, dir: outcome.folder };
}
