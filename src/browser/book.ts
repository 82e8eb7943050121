/**
 * The year on the curator's own .xlsx, in the browser: the same use-cases as the `mentor` CLI, on the
 * same adapters (src/offline's exceljs workbook, questionnaire-export reader and .docx renderer),
 * with the file coming from and going back to the page instead of the disk.
 */

import { Packer } from "docx";
import { calendarDate, zoneOffsetHours } from "../core/dates";
import { schoolYearForFiles } from "../core/documents/typography";
import type { ClockPort, MailerPort, MailMessage, ProgressPort } from "../core/ports";
import { columnsFit, refuseColumns } from "../core/questionnaires/fit";
import { questionnaires } from "../core/questionnaires/schema";
import {
  type AsyncDocumentStorePort,
  attachmentOf,
  DOCUMENT_KINDS,
  type DocumentKind,
  describeGenerated,
  type GeneratedDocument,
  generateAndSendAsync,
  generateDocumentsAsync,
  type MailRequest,
  type StoredDocument,
} from "../core/usecases/documents";
import { describeInit, initWorkbook } from "../core/usecases/init";
import { decidePairs, describeMatch, matchPairs, type PairDecision } from "../core/usecases/matching";
import { describeMonitoring } from "../core/usecases/monitoring";
import { describeReminders, sendRoadmapReminders } from "../core/usecases/reminders";
import { describeResponses, importResponses } from "../core/usecases/responses";
import { type ReviewView, reviewView } from "../core/usecases/review";
import {
  describeAdd,
  describeRoadmap,
  importRoadmapText,
  loadRoadmapTemplate,
  refreshRoadmap,
} from "../core/usecases/roadmap";
import { describeRubricTake, recomputeMonitoringWithSheet } from "../core/usecases/rubric-sheet";
import { type CuratorPanel, curatorPanel } from "../core/usecases/status";
import { buildSummary, describeSummary } from "../core/usecases/summary";
import { appendJournal } from "../core/workbook/journal";
import { PAIR_STATUS } from "../core/workbook/statuses";
import { Table } from "../core/workbook/table";
import { toDocx } from "../offline/docx";
import { ImportError, parseExportBytes } from "../offline/import";
import { buildEml, encodeHeaderValue, rfc5322Date } from "../offline/outbox";
import { styleSummarySheet } from "../offline/summary-style";
import { loadExcelBook } from "../offline/xlsx-file";
import { fitForSave, XlsxWorkbook } from "../offline/xlsx-workbook";

export interface Ports {
  clock: ClockPort;
  progress: ProgressPort;
}

/** A new workbook from the templates (`mentor init`). */
export function createBook(ports: Ports): { wb: XlsxWorkbook; message: string } {
  const wb = XlsxWorkbook.create();
  const report = initWorkbook({ workbook: wb, ...ports });
  return { wb, message: describeInit(report) };
}

/** An .xlsx the curator chose; an older or damaged one is repaired as `mentor init` does. */
export async function openBook(bytes: Uint8Array, name: string, ports: Ports): Promise<XlsxWorkbook> {
  const wb = new XlsxWorkbook(await loadExcelBook(bytes, name));
  if (wb.sheetNames().length === 0) initWorkbook({ workbook: wb, ...ports });
  return wb;
}

/** The workbook's bytes, as `XlsxWorkbook.save` writes them. */
export async function bookBytes(wb: XlsxWorkbook): Promise<Uint8Array> {
  fitForSave(wb.book);
  return new Uint8Array(await wb.book.xlsx.writeBuffer());
}

/** The questionnaire whose questions the file's columns fit best (none missing a required one). */
export function guessForm(titles: string[]): string | null {
  let best: { key: string; share: number } | null = null;
  for (const q of questionnaires()) {
    const fit = columnsFit(q, titles);
    if (fit.asked === 0 || fit.missingRequired.length > 0) continue;
    const share = fit.matched / fit.asked;
    if (share >= 0.5 && (!best || share > best.share)) best = { key: q.key, share };
  }
  return best?.key ?? null;
}

export interface ImportOutcome {
  ok: boolean;
  form: string | null;
  message: string;
  warnings: string[];
  /** «Журнал» lines this import added (the rejected rows and refusals with their reasons). */
  journal: string[];
}

function journalRows(wb: XlsxWorkbook): string[][] {
  const log = Table.load(wb, "log");
  return log.records().map(({ values: r }) => [String(r.level ?? ""), String(r.message ?? "")]);
}

/**
 * `mentor import FILE --form KEY`: `form` null lets the columns decide. A refused file leaves its
 * reason in «Журнал», as the CLI's does.
 */
export async function importExport(
  wb: XlsxWorkbook,
  bytes: Uint8Array,
  name: string,
  form: string | null,
  ports: Ports,
): Promise<ImportOutcome> {
  const before = journalRows(wb).length;
  const journalAdded = () =>
    journalRows(wb)
      .slice(before)
      .map(([level, message]) => `${level}: ${message}`);
  let titles: string[] = [];
  let key = form;
  try {
    const first = await parseExportBytes(bytes, name);
    titles = first.titles ?? [];
    key = key ?? guessForm(titles);
    if (!key)
      throw new ImportError(
        `Не удалось понять, ответы какой анкеты в файле «${name}»: его столбцы не совпадают ни с одной анкетой программы. Выберите анкету в списке «Анкета» и загрузите файл ещё раз.`,
      );
    const title = questionnaires().find((q) => q.key === key)!.title;
    const exported = await parseExportBytes(bytes, name, { formTitle: title });
    const refusal = refuseColumns(key, exported.titles ?? titles, name);
    if (refusal) throw new ImportError(refusal);
    const outcome = importResponses({ workbook: wb, ...ports }, key, exported.submissions);
    return {
      ok: true,
      form: key,
      message: describeResponses(outcome),
      warnings: exported.warnings,
      journal: journalAdded(),
    };
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    const title = key ? questionnaires().find((q) => q.key === key)?.title : undefined;
    appendJournal(
      wb,
      [
        {
          at: ports.clock.now(),
          level: "ошибка" as const,
          operation: title ? `Анкета «${title}»` : "Загрузка ответов",
          message: e.message,
          source: `файл ${name}`,
          original: { file: name, columns: titles },
        },
      ],
      Table.load(wb, "log").columns,
    );
    return { ok: false, form: key, message: e.message, warnings: [], journal: journalAdded() };
  }
}

export function match(wb: XlsxWorkbook, ports: Ports): string {
  return describeMatch(matchPairs({ workbook: wb, ...ports }, { full: false }));
}

export function proposedCount(wb: XlsxWorkbook): number {
  const pairs = Table.load(wb, "pairs");
  return pairs.records().filter((r) => String(r.values.status ?? "") === PAIR_STATUS.proposed).length;
}

export function approveAll(wb: XlsxWorkbook, ports: Ports): string {
  return decidePairs({ workbook: wb, ...ports }, "approve_all");
}

/** The review cards of the matching sidebar: proposed and rejected pairs with their reasons. */
export function review(wb: XlsxWorkbook): ReviewView {
  return reviewView(wb);
}

/** One card's decision (approve, reject, keep, forbid…), as the sidebar and `mentor approve ID`. */
export function decide(wb: XlsxWorkbook, pairId: string, decision: PairDecision, ports: Ports): string {
  return decidePairs({ workbook: wb, ...ports }, [{ pairId, decision }]);
}

export function summary(wb: XlsxWorkbook, ports: Ports): string {
  const plan = buildSummary({ workbook: wb, ...ports });
  styleSummarySheet(wb, plan);
  return describeSummary(plan.figures, { charts: false });
}

export function panel(wb: XlsxWorkbook, clock: ClockPort): CuratorPanel {
  return curatorPanel(wb, calendarDate(clock.now()));
}

/** A made document: its file name and bytes, to download. */
export interface MadeFile {
  name: string;
  kind: DocumentKind;
  bytes: Uint8Array;
}

/** The documents kept in memory for download, one per stem (a later version replaces it). */
class MemoryDocxStore implements AsyncDocumentStorePort {
  readonly files = new Map<string, MadeFile>();

  folderOf(set: { schoolYear: string }): string {
    return schoolYearForFiles(set.schoolYear);
  }

  async save(doc: GeneratedDocument, folder: string): Promise<StoredDocument> {
    const blob = await Packer.toBlob(toDocx(doc.model));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const replaced = this.files.has(doc.stem);
    this.files.set(doc.stem, { name: `${doc.name}.docx`, kind: doc.kind, bytes });
    const id = `${folder}/${doc.name}.docx`;
    return { kind: doc.kind, key: doc.key, name: doc.name, title: doc.title, id, url: id, replaced };
  }

  attachment(doc: StoredDocument) {
    const file = [...this.files.values()].find((f) => `${doc.name}.docx` === f.name);
    return attachmentOf(doc, "docx", file?.bytes ?? new Uint8Array(0));
  }
}

/** `mentor documents`: the order, the programs, the analysis and the report, as .docx in memory. */
export async function documents(
  wb: XlsxWorkbook,
  ports: Ports,
  kinds: DocumentKind[] = DOCUMENT_KINDS,
): Promise<{ files: MadeFile[]; folder: string; message: string }> {
  const store = new MemoryDocxStore();
  const result = await generateDocumentsAsync({ workbook: wb, clock: ports.clock, store }, kinds, {});
  return {
    files: [...store.files.values()],
    folder: result.folder,
    message: describeGenerated(result, kinds),
  };
}

/** «Дорожная карта»: a template's events added (none twice), as `mentor roadmap load`. */
export function roadmapLoad(wb: XlsxWorkbook, templateId: string, ports: Ports): string {
  return describeAdd(loadRoadmapTemplate({ workbook: wb, ...ports }, templateId));
}

/** The roadmap's statuses and deadlines recomputed, as `mentor roadmap refresh`. */
export function roadmapRefresh(wb: XlsxWorkbook, ports: Ports): string {
  return describeRoadmap(refreshRoadmap({ workbook: wb, ...ports }));
}

/**
 * «Мониторинг» recomputed from meetings, reports and surveys, as `mentor monitor`: the scores changed
 * on «Оценка куратора» (when the workbook has the sheet) taken first.
 */
export function monitoring(wb: XlsxWorkbook, ports: Ports): string {
  const { taken, result } = recomputeMonitoringWithSheet({ workbook: wb, ...ports });
  return [...describeRubricTake(taken), describeMonitoring(result)].join("\n");
}

/** Letters as .eml files in memory (the page downloads them): the outbox of `mentor remind`. */
class MemoryMailer implements MailerPort {
  readonly files: { name: string; text: string }[] = [];
  private quota = 100;

  constructor(private readonly clock: ClockPort) {}

  remainingQuota(): number {
    return this.quota;
  }

  send(message: MailMessage): void {
    const to = message.to.map((a) => a.trim()).filter((a) => a !== "");
    if (to.length === 0) throw new Error("Письмо без получателя.");
    if (this.quota < to.length) throw new Error("Исчерпана дневная квота писем.");
    const now = this.clock.now();
    const n = this.files.length + 1;
    const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
    const random = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");
    const text = buildEml(
      { ...message, to },
      {
        date: rfc5322Date(now, zoneOffsetHours("Europe/Moscow") * 60),
        messageId: `<${stamp}.${n}.${random}@nastavnichestvo.local>`,
        from: `${encodeHeaderValue("Наставничество")} <noreply@nastavnichestvo.local>`,
        boundary: random,
      },
    );
    this.quota -= to.length;
    this.files.push({
      name: `${stamp}-${String(n).padStart(3, "0")}-${to[0].replace(/[^a-zA-Z0-9@._-]/g, "_")}.eml`,
      text,
    });
  }
}

/** `mentor remind`: the roadmap's reminders as .eml letters to open in the mail program. */
export function reminders(
  wb: XlsxWorkbook,
  ports: Ports,
  curator: boolean,
): { message: string; letters: { name: string; text: string }[] } {
  const mailer = new MemoryMailer(ports.clock);
  const report = sendRoadmapReminders(
    { workbook: wb, clock: ports.clock, mailer, user: "страница «Наставничество»" },
    { forceCuratorDigest: curator },
  );
  return { message: describeReminders(report), letters: mailer.files };
}

/** `mentor roadmap import`, from a table pasted into the page (tab-separated, as copied from Word, PDF or a sheet). */
export function roadmapPaste(wb: XlsxWorkbook, text: string, ports: Ports): string {
  if (text.trim() === "")
    throw new Error(
      "Вставьте таблицу мероприятий в поле «Таблица дорожной карты» (скопируйте её из Word, PDF или таблицы) и нажмите кнопку ещё раз.",
    );
  return describeAdd(importRoadmapText({ workbook: wb, ...ports }, text, "таблица, вставленная на странице"));
}

/** A report's letter: the outcome's words and the .eml to download (none when the mail did not go). */
export interface ReportMail {
  sent: boolean;
  message: string;
  letters: { name: string; text: string }[];
}

/**
 * `mentor send-report --to department` and `--monthly`: the documents made, then the letter with
 * them attached written as an .eml (once a month per address, as «Журнал» records).
 */
export async function sendReport(wb: XlsxWorkbook, ports: Ports, req: MailRequest): Promise<ReportMail> {
  const store = new MemoryDocxStore();
  const mailer = new MemoryMailer(ports.clock);
  const outcome = await generateAndSendAsync(
    {
      workbook: wb,
      clock: ports.clock,
      store,
      mailer,
      user: "страница «Наставничество»",
      delivery: "outbox",
    },
    req,
  );
  return { sent: outcome.sent, message: outcome.message, letters: mailer.files };
}

/** «Утвердить показанные»: the proposed pairs the form filter shows, as the sidebar does. */
export function approvePairs(wb: XlsxWorkbook, pairIds: string[], ports: Ports): string {
  return decidePairs(
    { workbook: wb, ...ports },
    pairIds.map((pairId) => ({ pairId, decision: "approve" as const })),
  );
}
