import { existsSync, mkdirSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { analysisFigures } from "../../core/documents/analysis";
import { isVersionOf } from "../../core/documents/files";
import type { DocumentSource } from "../../core/documents/source";
import { schoolYearForFiles } from "../../core/documents/typography";
import type { JournalEntry } from "../../core/journal";
import type { ClockPort, MailerPort, WorkbookPort } from "../../core/ports";
import { plural } from "../../core/text";
import {
  type BuildOptions,
  buildDocuments,
  composeMail,
  DOCUMENT_KINDS,
  DOCUMENT_TITLES,
  type DocumentKind,
  flushJournal,
  type MailOutcome,
  type MailRequest,
  mailDocumentKinds,
  openDocumentSource,
  planMail,
  type Recipient,
  refusalEntries,
  type StoredDocument,
  sendPlannedMail,
  storedEntries,
} from "../../core/usecases/documents";
import { renderDocx } from "../docx";
import { DEFAULT_OUTBOX, OutboxMailer } from "../outbox";
import type { Command, CommandContext } from "./types";
import { DEFAULT_FILE, openWorkbook, saveWorkbook } from "./workbook";

/**
 * Documents offline: .docx files in out/documents/<учебный год>/, the same content as the Google
 * Docs of the Apps Script path; a regenerated document overwrites its earlier version (same stem,
 * whatever its date). E-mails go to the outbox as .eml files with the .docx attached.
 */

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

const KIND_WORDS: Record<string, DocumentKind[]> = {
  order: ["order"],
  приказ: ["order"],
  program: ["program"],
  programs: ["program"],
  программа: ["program"],
  программы: ["program"],
  analysis: ["analysis"],
  справка: ["analysis"],
  report: ["report"],
  отчёт: ["report"],
  отчет: ["report"],
  all: DOCUMENT_KINDS,
  все: DOCUMENT_KINDS,
};

const RECIPIENTS: Record<string, Recipient> = {
  director: "director",
  директор: "director",
  curator: "curator",
  куратор: "curator",
  department: "department",
  уо: "department",
  "отдел-образования": "department",
};

function existingBook(ctx: CommandContext): string | null {
  const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : DEFAULT_FILE);
  if (existsSync(path)) return path;
  ctx.out(`Файл книги не найден: ${path}. Укажите --file или создайте книгу: mentor init --file ${path}\n`);
  return null;
}

function listStored(ctx: CommandContext, stored: StoredDocument[], dir: string): void {
  for (const d of stored) ctx.out(`  ${d.replaced ? "обновлён" : "создан"}: ${d.name}.docx\n`);
  ctx.out(`Папка: ${dir}\n`);
}

export const docCommand: Command = {
  name: "doc",
  usage:
    "doc ВИД              Документы в .docx (out/documents/<учебный год>; --out ПАПКА): order — приказ\n" +
    "                       о закреплении пар, program — программы пар (--pair ID), analysis — аналитическая\n" +
    "                       справка, report — отчёт в орган управления образованием, all — все",
  valueOptions: ["file", "out", "pair"],
  async run(ctx) {
    const word = (ctx.args[0] ?? "").toLowerCase();
    const kinds = KIND_WORDS[word];
    if (!kinds) {
      ctx.out(
        `Укажите вид документа: ${Object.keys(KIND_WORDS)
          .filter((k) => /^[a-z]+$/.test(k))
          .join(", ")}. Например: mentor doc order --file школа.xlsx\n`,
      );
      return 2;
    }
    const path = existingBook(ctx);
    if (!path) return 2;
    const { wb } = await openWorkbook(path);
    const pairIds =
      typeof ctx.options.pair === "string"
        ? ctx.options.pair
            .split(/[\s,;]+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    const result = await writeDocuments(wb, ctx.clock, kinds, {
      outDir: typeof ctx.options.out === "string" ? ctx.options.out : undefined,
      pairIds,
    });
    await saveWorkbook(wb, path);
    if (result.stored.length === 0) {
      ctx.out(
        kinds.includes("program")
          ? "Утверждённых пар нет: программы не созданы. Утвердите пары на листе «Пары».\n"
          : "Документы не созданы.\n",
      );
      return 1;
    }
    const n = result.stored.length;
    ctx.out(
      `Готово: ${n} ${plural(n, "документ", "документа", "документов")} (${kinds.map((k) => DOCUMENT_TITLES[k]).join("; ")})\n`,
    );
    listStored(ctx, result.stored, result.dir);
    return 0;
  },
};

export const sendReportCommand: Command = {
  name: "send-report",
  usage:
    "send-report --to department|director|curator | --monthly\n" +
    "                       Отправить отчёт с .docx во вложении (письмо .eml в --outbox, по умолчанию\n" +
    "                       out/outbox); не чаще раза в месяц на адрес; --monthly — сводка директору",
  valueOptions: ["file", "out", "to", "outbox", "quota"],
  async run(ctx) {
    const monthly = ctx.options.monthly === true;
    const toWord =
      typeof ctx.options.to === "string" ? ctx.options.to.toLowerCase() : monthly ? "director" : "";
    const recipient = RECIPIENTS[toWord];
    if (!recipient) {
      ctx.out("Укажите получателя: --to department (орган управления образованием), director или curator.\n");
      return 2;
    }
    const path = existingBook(ctx);
    if (!path) return 2;
    const { wb } = await openWorkbook(path);
    const quota = typeof ctx.options.quota === "string" ? Number(ctx.options.quota) : undefined;
    const outbox = new OutboxMailer({
      dir: typeof ctx.options.outbox === "string" ? ctx.options.outbox : DEFAULT_OUTBOX,
      clock: ctx.clock,
      quota: quota !== undefined && Number.isFinite(quota) ? quota : undefined,
    });
    const result = await sendReportOffline(
      wb,
      ctx.clock,
      outbox,
      { recipient, kind: monthly ? "monthly" : "report" },
      { outDir: typeof ctx.options.out === "string" ? ctx.options.out : undefined },
    );
    await saveWorkbook(wb, path);
    listStored(ctx, result.stored, result.dir);
    ctx.out(`${result.message}\n`);
    if (result.sent) ctx.out(`Письмо: ${outbox.files[outbox.files.length - 1]}\n`);
    return result.sent ? 0 : 1;
  },
};
