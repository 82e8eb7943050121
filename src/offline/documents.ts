/**
 * Documents offline: .docx files in out/documents/<учебный год>/, the same content as the Google
 * Docs of the Apps Script path; a regenerated document overwrites its earlier version (same stem,
 * whatever its date). E-mails go to the outbox as .eml files with the .docx attached.
 */
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { analysisFigures } from "../core/documents/analysis";
import { isVersionOf } from "../core/documents/files";
import type { DocumentSource } from "../core/documents/source";
import { schoolYearForFiles } from "../core/documents/typography";
import type { ClockPort, MailerPort, WorkbookPort } from "../core/ports";
import {
  type BuildOptions,
  buildDocuments,
  composeMail,
  type DocumentKind,
  flushJournal,
  type MailOutcome,
  type MailRequest,
  mailDocumentKinds,
  openDocumentSource,
  planMail,
  refusalEntries,
  type StoredDocument,
  sendPlannedMail,
  storedEntries,
} from "../core/usecases/documents";
import type { JournalEntry } from "../core/workbook/journal";
import { renderDocx } from "./docx";

export const DEFAULT_DOCUMENTS_DIR = "out/documents";
const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export interface OfflineDocumentsOptions {
  /** Root of the documents (default out/documents); each school year has its folder in it. */
  outDir?: string;
  user?: string;
}

export interface OfflineResult {
  dir: string;
  stored: StoredDocument[];
}

/** Renders and writes documents; returns them and the «Журнал» lines (not yet appended). */
async function writeAll(
  src: DocumentSource,
  clock: ClockPort,
  kinds: DocumentKind[],
  build: BuildOptions,
  options: OfflineDocumentsOptions,
  journal: JournalEntry[],
): Promise<OfflineResult & { bytes: Map<string, Buffer> }> {
  const set = buildDocuments(src, kinds, build);
  const dir = resolve(options.outDir ?? DEFAULT_DOCUMENTS_DIR, schoolYearForFiles(set.schoolYear));
  mkdirSync(dir, { recursive: true });
  const stored: StoredDocument[] = [];
  const bytes = new Map<string, Buffer>();
  for (const d of set.documents) {
    const buffer = await renderDocx(d.model);
    let replaced = false;
    for (const f of readdirSync(dir))
      if (f.toLowerCase().endsWith(".docx") && isVersionOf(f, d.stem, d.prefix)) {
        unlinkSync(join(dir, f));
        replaced = true;
      }
    const path = join(dir, `${d.name}.docx`);
    writeFileSync(path, buffer);
    const s: StoredDocument = {
      kind: d.kind,
      key: d.key,
      name: d.name,
      title: d.title,
      id: path,
      url: path,
      replaced,
    };
    stored.push(s);
    bytes.set(path, buffer);
    journal.push(...storedEntries(clock.now(), [s], options.user));
  }
  return { dir, stored, bytes };
}

/** Builds the documents of `kinds` from the workbook and writes them as .docx; records them in «Журнал». */
export async function writeDocuments(
  wb: WorkbookPort,
  clock: ClockPort,
  kinds: DocumentKind[],
  options: OfflineDocumentsOptions & BuildOptions = {},
): Promise<OfflineResult> {
  const src = openDocumentSource(wb, clock);
  const journal: JournalEntry[] = [];
  try {
    const { dir, stored } = await writeAll(src, clock, kinds, options, options, journal);
    return { dir, stored };
  } finally {
    flushJournal(src, journal);
  }
}

/**
 * «Отправить отчёт» offline: the documents are written first (nothing is lost if the mail cannot
 * go), then the mail is planned (address, once a month, quota) and written to the outbox.
 */
export async function sendReportOffline(
  wb: WorkbookPort,
  clock: ClockPort,
  mailer: MailerPort,
  req: MailRequest,
  options: OfflineDocumentsOptions = {},
): Promise<MailOutcome & { dir: string }> {
  const src = openDocumentSource(wb, clock);
  const journal: JournalEntry[] = [];
  const ports = { workbook: wb, clock, mailer, user: options.user };
  try {
    const figures = analysisFigures(src);
    const written = await writeAll(src, clock, mailDocumentKinds(req), { figures }, options, journal);
    const base = { stored: written.stored, folder: written.dir, dir: written.dir };
    const plan = planMail(src, mailer, req);
    if (!plan.ok) {
      journal.push(...refusalEntries(ports, plan));
      return { ...base, sent: false, message: plan.message };
    }
    const attachments = written.stored.map((d) => ({
      name: `${d.name}.docx`,
      mimeType: DOCX_MIME,
      bytes: new Uint8Array(written.bytes.get(d.id) ?? Buffer.alloc(0)),
    }));
    const message = composeMail(src, plan, figures, written.stored, attachments);
    journal.push(sendPlannedMail(ports, plan, message));
    return { ...base, sent: true, to: plan.to, message: `Письмо на ${plan.to} записано в папку исходящих.` };
  } finally {
    flushJournal(src, journal);
  }
}
