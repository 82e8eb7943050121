import { addDays, calendarDate } from "../dates";
import { PACKAGE_MIME } from "../district/package-file";
import {
  type AnalysisFigures,
  analysisFigures,
  analysisRefusal,
  buildAnalysis,
  withoutPairText,
  withoutPairTotal,
} from "../documents/analysis";
import { meetingFigures, pairsAndGroupsText } from "../documents/figures";
import {
  DOCUMENT_TITLES,
  type DocumentFile,
  type DocumentKind,
  datedFile,
  folderName,
  LABOUR_KINDS,
  programFile,
} from "../documents/files";
import type { DocumentModel } from "../documents/model";
import { buildOrder, orderRefusal, sortPairs } from "../documents/order";
import { buildProgram } from "../documents/program";
import { buildReport, reportRefusal } from "../documents/report";
import { DocumentSource, type PairInfo } from "../documents/source";
import {
  decimal,
  longDate,
  monthKey,
  monthYear,
  safeFileName,
  schoolYearForFiles,
  schoolYearPhrase,
} from "../documents/typography";
import type { PayList } from "../labour/paylist";
import {
  type ClockPort,
  isDate,
  type LockPort,
  type MailerPort,
  type MailMessage,
  type WorkbookPort,
  withWorkbookLock,
} from "../ports";
import { plural } from "../text";
import { appendJournal, type JournalEntry } from "../workbook/journal";
import type { SettingKey } from "../workbook/keys.generated";
import { packageOfSource } from "./district";
import { buildLabourKind, type LabourOptions, payListMailLine, writePayListSheet } from "./labour-documents";

/**
 * Documents: built in core from the workbook (one read per sheet), stored by the runtime (Google
 * Docs in a Drive folder per school year, or .docx files), recorded in «Журнал», and e-mailed with
 * a PDF (or .docx) attached — at most once per recipient, kind of mail and month.
 */

export type { DocumentKind } from "../documents/files";
export { ALL_DOCUMENT_KINDS, DOCUMENT_KINDS, DOCUMENT_TITLES, LABOUR_KINDS } from "../documents/files";

export interface GeneratedDocument extends DocumentFile {
  title: string;
  model: DocumentModel;
}

/** A document not made because its data do not exist yet, with the Russian reason. */
export interface DocumentRefusal {
  kind: DocumentKind;
  message: string;
}

export interface DocumentSet {
  schoolYear: string;
  /** «Наставничество 2026-2027». */
  folder: string;
  documents: GeneratedDocument[];
  /** Kinds asked for but not made: no approved pairs yet (order, programs, report), no monitoring (note). */
  refused?: DocumentRefusal[];
  /** The pay lists built («Доплата за наставничество» gets their rows when they are stored). */
  payLists?: PayList[];
  /** Russian warnings about the documents made (a production calendar no decree confirms). */
  warnings?: string[];
}

/** Why no program is made: no approved pair (or none of the pairs asked for). */
const NO_PROGRAMS = "Утверждённых пар нет: программы не созданы. Утвердите пары на листе «Пары».";

/** Opens the workbook for one documents operation, dated by the clock's calendar day. */
export function openDocumentSource(workbook: WorkbookPort, clock: ClockPort): DocumentSource {
  return new DocumentSource(workbook, calendarDate(clock.now()));
}

export interface BuildOptions extends LabourOptions {
  /** Programs and early-end notices only for these pairs (default: every approved pair). */
  pairIds?: string[];
  /** Figures already computed for this source (the note and the report share them). */
  figures?: AnalysisFigures;
}

/** The approved pairs in the order their programs are made: by pair ID. */
export function programPairs(src: DocumentSource): PairInfo[] {
  return sortPairs(src.approvedPairs()).sort((a, b) => a.id.localeCompare(b.id));
}

/** The personalised program of one pair. */
export function programDocument(src: DocumentSource, pair: PairInfo): GeneratedDocument {
  return { ...programFile(pair), title: DOCUMENT_TITLES.program, model: buildProgram(src, pair) };
}

/** Builds the documents of the given kinds. Programs: one per approved pair. */
export function buildDocuments(
  src: DocumentSource,
  kinds: DocumentKind[],
  options: BuildOptions = {},
): DocumentSet {
  const school = src.school();
  const documents: GeneratedDocument[] = [];
  const refused: DocumentRefusal[] = [];
  const payLists: PayList[] = [];
  const warnings: string[] = [];
  let figures = options.figures;
  const shared = () => {
    figures = figures ?? analysisFigures(src);
    return figures;
  };
  for (const kind of kinds) {
    if (LABOUR_KINDS.includes(kind)) {
      const built = buildLabourKind(src, kind, options);
      documents.push(...built.documents);
      if (built.refusal) refused.push({ kind, message: built.refusal });
      if (built.payList) payLists.push(built.payList);
      for (const w of built.warnings) if (!warnings.includes(w)) warnings.push(w);
      continue;
    }
    if (kind === "program") {
      const wanted = options.pairIds?.map((id) => id.trim().toUpperCase());
      const before = documents.length;
      for (const pair of programPairs(src)) {
        if (wanted && !wanted.includes(pair.id.toUpperCase())) continue;
        documents.push(programDocument(src, pair));
      }
      if (documents.length === before)
        refused.push({
          kind,
          message:
            wanted && programPairs(src).length > 0
              ? `Персонализированные программы не созданы: среди утверждённых пар нет ${wanted.join(", ")}.`
              : NO_PROGRAMS,
        });
      continue;
    }
    if (kind !== "order" && kind !== "analysis" && kind !== "report") continue;
    const refusal =
      kind === "order"
        ? orderRefusal(src)
        : kind === "analysis"
          ? analysisRefusal(shared())
          : reportRefusal(shared());
    if (refusal !== null) {
      refused.push({ kind, message: refusal });
      continue;
    }
    const model =
      kind === "order"
        ? buildOrder(src)
        : kind === "analysis"
          ? buildAnalysis(src, shared())
          : buildReport(src, shared());
    documents.push({ ...datedFile(kind, src.today), title: DOCUMENT_TITLES[kind], model });
  }
  return {
    schoolYear: school.schoolYear,
    folder: folderName(school.schoolYear),
    documents,
    refused,
    ...(payLists.length ? { payLists } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
}

/** A document as stored by the runtime. */
export interface StoredDocument {
  kind: DocumentKind;
  key: string;
  name: string;
  title: string;
  /** Drive file ID, or the file's path offline. */
  id: string;
  /** Where to open it: the Docs URL, or the file's path offline. */
  url: string;
  /** True when an earlier version was replaced. */
  replaced: boolean;
  /** The service calls storing it took, where the store counts them (Apps Script). */
  calls?: number;
}

export interface MailAttachment {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** The formats a stored document is attached in: a PDF export of a Google Doc, or the .docx itself. */
export const ATTACHMENT_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
} as const;

/** A stored document's bytes as a mail attachment: «2027-05-20 Отчёт ….pdf». */
export function attachmentOf(
  doc: StoredDocument,
  format: keyof typeof ATTACHMENT_TYPES,
  bytes: Uint8Array,
): MailAttachment {
  return { name: `${doc.name}.${format}`, mimeType: ATTACHMENT_TYPES[format], bytes };
}

/**
 * Where documents go: Google Docs in a Drive folder (Apps Script), .docx files in a folder on disk
 * (Node). All the runtime does: store, and give a stored document's bytes. `save` returns
 * `Saved`: the stored document itself in Apps Script (whose V8 has no timers, so the Apps Script
 * path stays synchronous), a promise of it in Node (the .docx is packed asynchronously).
 */
export interface DocumentStorePort<Saved = StoredDocument> {
  /** The folder of a school year's documents (default: its Drive name, «Наставничество 2026-2027»). */
  folderOf?(set: DocumentSet): string;
  /** Writes the document into `folder`, replacing an earlier version with the same stem. */
  save(doc: GeneratedDocument, folder: string): Saved;
  /** The stored document as an attachment (a PDF in Apps Script, the .docx offline): see attachmentOf. */
  attachment(doc: StoredDocument): MailAttachment;
}

/** The Node store: a save packs the .docx asynchronously. */
export type AsyncDocumentStorePort = DocumentStorePort<Promise<StoredDocument>>;

export const JOURNAL_DOCUMENTS = "Документы";
export const JOURNAL_SEND = "Отправка отчёта";

/** «Журнал» lines for generated documents. */
export function storedEntries(at: Date, stored: StoredDocument[], user?: string): JournalEntry[] {
  return stored.map(
    (d): JournalEntry => ({
      at,
      level: "информация",
      operation: JOURNAL_DOCUMENTS,
      message: `${d.replaced ? "Обновлён" : "Создан"} документ «${d.name}»`,
      source: d.url,
      user,
    }),
  );
}

/** Appends the operation's «Журнал» lines in one batch. */
export function flushJournal(src: DocumentSource, entries: JournalEntry[]): void {
  if (entries.length > 0) appendJournal(src.workbook, entries, src.table("log").columns);
}

export interface GeneratePorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  store: DocumentStorePort;
  lock?: LockPort;
  user?: string;
}

/** The Node ports: the store packs .docx asynchronously; there is no lock to hold. */
export interface AsyncGeneratePorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  store: AsyncDocumentStorePort;
  user?: string;
}

export interface GenerateResult {
  /** The folder's Drive name, or its path offline (DocumentStorePort.folderOf). */
  folder: string;
  stored: StoredDocument[];
  /** Documents not made for want of data, with the reason. */
  refused?: DocumentRefusal[];
  /** Russian warnings to show with the outcome (a production calendar no decree confirms). */
  warnings?: string[];
}

/** A document the pipeline asks its runtime's store to save. */
export interface SaveRequest {
  doc: GeneratedDocument;
  folder: string;
}

/**
 * A documents operation, written once for both runtimes: a generator that yields each document to
 * save and resumes with it stored. runStored drives it with the synchronous store of Apps Script,
 * runStoredAsync with the asynchronous one of Node. Everything else happens in the pipeline:
 * building the documents, their «Журнал» lines, the mail's plan or refusal, its attachments, text
 * and record, the outcome's message.
 */
export type DocumentsPipeline<R> = Generator<SaveRequest, R, StoredDocument>;

/** What a pipeline uses of its ports (the store's `save` is its driver's). */
interface PipelinePorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  store: Pick<DocumentStorePort<unknown>, "folderOf" | "attachment">;
  user?: string;
}

/** Runs a pipeline, saving each document with a synchronous store (Apps Script). */
export function runStored<R>(pipeline: DocumentsPipeline<R>, store: DocumentStorePort): R {
  let step = pipeline.next();
  while (!step.done) {
    let saved: StoredDocument;
    try {
      saved = store.save(step.value.doc, step.value.folder);
    } catch (e) {
      // Into the pipeline: its «Журнал» keeps the documents saved so far, and the error goes on.
      step = pipeline.throw(e);
      continue;
    }
    step = pipeline.next(saved);
  }
  return step.value;
}

/** Runs a pipeline, awaiting each save of an asynchronous store (Node). */
export async function runStoredAsync<R>(
  pipeline: DocumentsPipeline<R>,
  store: AsyncDocumentStorePort,
): Promise<R> {
  let step = pipeline.next();
  while (!step.done) {
    let saved: StoredDocument;
    try {
      saved = await store.save(step.value.doc, step.value.folder);
    } catch (e) {
      step = pipeline.throw(e);
      continue;
    }
    step = pipeline.next(saved);
  }
  return step.value;
}

/** Builds the documents, has each saved and records it in `journal`. */
function* storeAll(
  src: DocumentSource,
  ports: PipelinePorts,
  kinds: DocumentKind[],
  options: BuildOptions,
  journal: JournalEntry[],
): DocumentsPipeline<GenerateResult> {
  const set = buildDocuments(src, kinds, options);
  // The pay list's sheet is written with its document (the workbook is read before, the sheet once).
  for (const list of set.payLists ?? []) writePayListSheet(src.workbook, list);
  const folder = ports.store.folderOf ? ports.store.folderOf(set) : set.folder;
  const stored: StoredDocument[] = [];
  for (const doc of set.documents) {
    const s = yield { doc, folder };
    stored.push(s);
    journal.push(...storedEntries(ports.clock.now(), [s], ports.user));
  }
  return { folder, stored, refused: set.refused, ...(set.warnings ? { warnings: set.warnings } : {}) };
}

/** Builds, stores and records the documents of `kinds`; «Журнал» gets a line per stored document. */
export function* documentsPipeline(
  ports: PipelinePorts,
  kinds: DocumentKind[],
  options: BuildOptions = {},
): DocumentsPipeline<GenerateResult> {
  const src = openDocumentSource(ports.workbook, ports.clock);
  const journal: JournalEntry[] = [];
  try {
    return yield* storeAll(src, ports, kinds, options, journal);
  } finally {
    flushJournal(src, journal);
  }
}

/** Builds, stores and records documents (Apps Script: synchronous, under the workbook lock). */
export function generateDocuments(
  ports: GeneratePorts,
  kinds: DocumentKind[],
  options: BuildOptions = {},
): GenerateResult {
  return withWorkbookLock(ports, () => runStored(documentsPipeline(ports, kinds, options), ports.store));
}

/** The same as generateDocuments with an asynchronous store (Node: .docx files). */
export function generateDocumentsAsync(
  ports: AsyncGeneratePorts,
  kinds: DocumentKind[],
  options: BuildOptions = {},
): Promise<GenerateResult> {
  return runStoredAsync(documentsPipeline(ports, kinds, options), ports.store);
}

/** A Russian one-liner for a toast or the CLI. */
export function describeGenerated(result: GenerateResult, kinds: DocumentKind[]): string {
  const refused = [...(result.refused ?? []).map((r) => r.message), ...(result.warnings ?? [])].join(" ");
  if (result.stored.length === 0)
    return refused || (kinds.includes("program") ? NO_PROGRAMS : "Документы не созданы.");
  const n = result.stored.length;
  const names =
    n <= 3
      ? result.stored.map((d) => `«${d.name}»`).join(", ")
      : `${n} ${plural(n, "документ", "документа", "документов")}`;
  return `Готово: ${names} — в папке «${result.folder}».${refused ? ` ${refused}` : ""}`;
}

// --- E-mail ---

export type Recipient = "director" | "curator" | "department";
export type MailKind = "report" | "monthly";

export interface MailRequest {
  recipient: Recipient;
  kind: MailKind;
}

export const RECIPIENT_TITLES: Record<Recipient, string> = {
  director: "директору",
  curator: "куратору",
  department: "в орган управления образованием",
};

/** What each mail carries: the department gets the report; the director and the curator also the note. */
export function mailDocumentKinds(req: MailRequest): DocumentKind[] {
  if (req.kind === "monthly") return ["analysis"];
  return req.recipient === "department" ? ["report"] : ["report", "analysis"];
}

export interface MailPlan {
  ok: true;
  request: MailRequest;
  to: string;
  /** «2026-11». */
  period: string;
  /** What «Журнал» keeps in «Источник» to know it was sent: «report/2026-11/uo@…». */
  key: string;
}

export interface MailRefusal {
  ok: false;
  reason: "no-address" | "already-sent" | "no-quota" | "no-documents";
  message: string;
}

const ADDRESS_SETTING: Record<Recipient, { key: SettingKey; title: string }> = {
  director: { key: "director_email", title: "E-mail директора" },
  curator: { key: "curator_email", title: "E-mail куратора" },
  department: { key: "department_email", title: "E-mail органа управления образованием" },
};

export function sendKey(req: MailRequest, period: string, to: string): string {
  return `${req.kind}/${period}/${to.toLowerCase()}`;
}

/** When a mail of this kind went to this address in this period, per «Журнал»; null if never. */
export function alreadySent(src: DocumentSource, key: string): Date | null {
  const log = src.table("log");
  for (const r of log.records()) {
    const v = r.values;
    if (
      String(v.operation) === JOURNAL_SEND &&
      String(v.level) === "информация" &&
      String(v.source).trim() === key
    )
      return isDate(v.at) ? v.at : src.today;
  }
  return null;
}

/**
 * Decides whether a mail can go: the address is set, nothing of this kind went to it this month
 * («Журнал» is the record), and the daily quota allows one more message.
 */
export function planMail(src: DocumentSource, mailer: MailerPort, req: MailRequest): MailPlan | MailRefusal {
  const setting = ADDRESS_SETTING[req.recipient];
  const to = String(src.setting(setting.key)).trim();
  if (to === "" || !/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/.test(to))
    return {
      ok: false,
      reason: "no-address",
      message: `Письмо не отправлено: в «Настройках» не указан «${setting.title}»${to ? ` (указано «${to}» — это не адрес)` : ""}.`,
    };
  const period = monthKey(src.today);
  const key = sendKey(req, period, to);
  const sent = alreadySent(src, key);
  if (sent)
    return {
      ok: false,
      reason: "already-sent",
      message: `${req.kind === "monthly" ? "Ежемесячная сводка" : "Отчёт"} за ${monthYear(src.today)} уже отправлен${req.kind === "monthly" ? "а" : ""} на ${to} (${longDate(calendarDate(sent))}): повторно за тот же месяц не отправляется.`,
    };
  const quota = mailer.remainingQuota();
  if (quota < 1)
    return {
      ok: false,
      reason: "no-quota",
      message: `Письмо на ${to} не отправлено: дневной лимит писем исчерпан (осталось ${Math.max(quota, 0)}). Документы созданы и сохранены; повторите отправку завтра.`,
    };
  return { ok: true, request: req, to, period, key };
}

/** Summary lines for the body of a mail. */
export function summaryLines(src: DocumentSource, f: AnalysisFigures, plan: MailKind = "report"): string[] {
  const p = f.participants;
  const since = addDays(src.today, -30);
  const recent = meetingFigures(src, since, src.today);
  const m = f.monitoring;
  const r = f.roadmap.total;
  const met = f.indicators.filter((i) => i.met === true).length;
  const known = f.indicators.filter((i) => i.met !== null).length;
  return [
    `в программе: ${pairsAndGroupsText(p.units)} (наставников — ${p.mentors}); без пары — ${withoutPairTotal(p)}${withoutPairTotal(p) > 0 ? ` (${withoutPairText(p)})` : ""}`,
    `встреч за последние 30 дней: ${recent.inPeriod}, всего: ${recent.total}; пар без встреч дольше ${src.school().stallDays} ${plural(src.school().stallDays, "дня", "дней", "дней")}: ${recent.stalled.length}`,
    m.total === null
      ? "мониторинг по показателям эффективности: данные ещё не собраны"
      : m.level === null
        ? `мониторинг по показателям эффективности: известно ${decimal(m.total)} из 18 баллов, уровень не определён (нет оценки по показателям ${m.missing.join(", ")})`
        : `мониторинг по показателям эффективности: ${decimal(m.total)} из 18 баллов, ${m.level} уровень`,
    r.total === 0
      ? "дорожная карта: не заполнена"
      : `дорожная карта: выполнено ${r.done} из ${r.total} ${plural(r.total, "мероприятия", "мероприятий", "мероприятий")}, в работе ${r.inWork}, запланировано ${r.planned}, просрочено ${r.overdue}`,
    known === 0
      ? "показатели эффективности: нет данных"
      : `показатели эффективности: достигнуто ${met} из ${known}`,
    // «Включать итог списка на доплату в ежемесячную сводку директору» of «Настройки».
    ...(plan === "monthly" ? [payListMailLine(src)].filter((l): l is string => l !== null) : []),
  ];
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** «Светлана Николаевна» from «Баева Светлана Николаевна». */
function nameAndPatronymic(full: string): string {
  const parts = full.trim().split(/\s+/);
  return parts.length >= 3 ? `${parts[1]} ${parts[2]}` : "";
}

/** The message itself: subject, greeting, summary, links; attachments as given. */
export function composeMail(
  src: DocumentSource,
  plan: MailPlan,
  figures: AnalysisFigures,
  stored: StoredDocument[],
  attachments: MailAttachment[],
  links: { workbookUrl?: string } = {},
): MailMessage {
  const school = src.school();
  const short = school.short || school.name || "школа";
  const monthly = plan.request.kind === "monthly";
  const subject = monthly
    ? `Наставничество: ежемесячная сводка и аналитическая справка — ${short}, ${monthYear(src.today)}`
    : `Отчёт о реализации программы наставничества — ${short}, ${monthYear(src.today)}`;
  const whom =
    plan.request.recipient === "director"
      ? nameAndPatronymic(school.director)
      : plan.request.recipient === "curator"
        ? nameAndPatronymic(school.curator)
        : "";
  const greeting = whom ? `Здравствуйте, ${whom}!` : "Добрый день!";
  const intro = monthly
    ? `Ежемесячная сводка по программе наставничества в ${short} (${schoolYearPhrase(school.schoolYear)}) на ${longDate(src.today)}`
    : `Направляем отчёт о реализации программы наставничества в ${short} за ${schoolYearPhrase(school.schoolYear)} (по состоянию на ${longDate(src.today)}).`;
  const summary = summaryLines(src, figures, plan.request.kind);
  const attachmentKind = attachments.some((a) => a.mimeType === "application/pdf") ? "PDF" : "файлы";
  const signature = [
    "Куратор программы наставничества",
    [school.curator, school.curatorEmail].filter(Boolean).join(", "),
  ].filter((s) => s !== "");
  const body = [
    greeting,
    "",
    intro,
    "",
    "Кратко:",
    ...summary.map((s) => `• ${s}`),
    "",
    `Документы (${attachmentKind} во вложении):`,
    // A link only where the reader can open it: a file's path on the curator's computer is not one.
    ...stored.map((d) => (isWebLink(d.url) ? `• ${d.name}: ${d.url}` : `• ${d.name}`)),
    ...(links.workbookUrl ? ["", `Живая сводка — лист «Сводка» книги: ${links.workbookUrl}`] : []),
    "",
    ...signature,
  ].join("\n");
  const link = (href: string, label: string) =>
    /^https?:\/\//.test(href) ? `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>` : escapeHtml(label);
  const htmlBody = [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    "<p>Кратко:</p>",
    `<ul>${summary.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>`,
    `<p>Документы (${attachmentKind} во вложении):</p>`,
    `<ul>${stored.map((d) => `<li>${link(d.url, d.name)}</li>`).join("")}</ul>`,
    ...(links.workbookUrl ? [`<p>Живая сводка — ${link(links.workbookUrl, "лист «Сводка» книги")}</p>`] : []),
    `<p>${signature.map(escapeHtml).join("<br>")}</p>`,
  ].join("\n");
  const replyTo = school.curatorEmail && plan.to.toLowerCase() !== school.curatorEmail.toLowerCase();
  return {
    to: [plan.to],
    subject,
    body,
    htmlBody,
    attachments: attachments.map((a) => ({ ...a, name: attachmentNameFor(a.name, school) })),
    ...(replyTo ? { replyTo: school.curatorEmail } : {}),
  };
}

const isWebLink = (href: string) => /^https?:\/\//.test(href);

/**
 * An attachment's name as a reader outside the school files it: with the school and the school year
 * («2027-05-20 Отчёт о реализации… — МБОУ СОШ № 1, 2026-2027.pdf»), unless it already names the school.
 */
export function attachmentNameFor(
  name: string,
  school: { short: string; name: string; schoolYear: string },
): string {
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  const who = safeFileName((school.short || school.name).replace(/[«»"]/g, ""));
  const year = schoolYearForFiles(school.schoolYear);
  const tail = [who && !stem.includes(who) ? who : "", year && !stem.includes(year) ? year : ""].filter(
    Boolean,
  );
  return tail.length === 0 ? name : `${safeFileName(`${stem} — ${tail.join(", ")}`)}${ext}`;
}

export interface SendPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  mailer: MailerPort;
  user?: string;
}

/** Sends a planned mail; returns the «Журнал» line that records it (what later sends are checked against). */
export function sendPlannedMail(ports: SendPorts, plan: MailPlan, message: MailMessage): JournalEntry {
  ports.mailer.send(message);
  return {
    at: ports.clock.now(),
    level: "информация",
    operation: JOURNAL_SEND,
    message: `Отправлено ${RECIPIENT_TITLES[plan.request.recipient]} (${plan.to}): «${message.subject}»; вложения: ${(message.attachments ?? []).map((a) => a.name).join(", ") || "нет"}`,
    source: plan.key,
    user: ports.user,
  };
}

/** A mail that could not go is recorded too (except a repeat, which is not news). */
export function refusalEntries(ports: SendPorts, refusal: MailRefusal): JournalEntry[] {
  if (refusal.reason === "already-sent") return [];
  return [
    {
      at: ports.clock.now(),
      level: refusal.reason === "no-quota" || refusal.reason === "no-documents" ? "предупреждение" : "ошибка",
      operation: JOURNAL_SEND,
      message: refusal.message,
      user: ports.user,
    },
  ];
}

export interface MailOutcome {
  stored: StoredDocument[];
  folder: string;
  sent: boolean;
  message: string;
  to?: string;
}

/** How a report's mail leaves: sent (MailApp), or written to the offline outbox as .eml. */
export interface ReportPorts extends PipelinePorts, SendPorts {
  /** The workbook's link in the mail («Живая сводка»), when it has one. */
  workbookUrl?: string;
  /** "outbox" when the mailer writes files instead of sending (the outcome says so). */
  delivery?: "mail" | "outbox";
}

/** The outcome's message of a mail that went. */
function sentMessage(ports: ReportPorts, req: MailRequest, to: string, stored: StoredDocument[]): string {
  return ports.delivery === "outbox"
    ? `Письмо на ${to} записано в папку исходящих.`
    : `Отправлено ${RECIPIENT_TITLES[req.recipient]} на ${to}: ${stored.map((d) => `«${d.name}»`).join(", ")}.`;
}

/**
 * «Отправить отчёт», the monthly trigger and `mentor send-report`: the documents are generated and
 * stored first (so a mail that cannot go loses nothing), then the mail is planned (address, once a
 * month, quota), attached, composed and sent; «Журнал» records the documents and the mail or why
 * it did not go.
 */
export function* reportPipeline(ports: ReportPorts, req: MailRequest): DocumentsPipeline<MailOutcome> {
  const src = openDocumentSource(ports.workbook, ports.clock);
  const journal: JournalEntry[] = [];
  try {
    const figures = analysisFigures(src);
    const generated = yield* storeAll(src, ports, mailDocumentKinds(req), { figures }, journal);
    if (generated.stored.length === 0) {
      // Nothing to attach: the documents' data do not exist yet.
      const refusal: MailRefusal = {
        ok: false,
        reason: "no-documents",
        message: `Письмо не отправлено: ${(generated.refused ?? []).map((r) => r.message).join(" ") || "документы не созданы."}`,
      };
      journal.push(...refusalEntries(ports, refusal));
      return { ...generated, sent: false, message: refusal.message };
    }
    const plan = planMail(src, ports.mailer, req);
    if (!plan.ok) {
      journal.push(...refusalEntries(ports, plan));
      return { ...generated, sent: false, message: plan.message };
    }
    const attachments = generated.stored.map((d) => ports.store.attachment(d));
    // The department also gets the school's «Отчётный пакет» (counts only) for its district roll-up.
    const pack = req.recipient === "department" ? packageOfSource(src, ports.clock.now()) : null;
    if (pack) attachments.push({ name: pack.name, mimeType: PACKAGE_MIME, bytes: pack.bytes });
    const message = composeMail(src, plan, figures, generated.stored, attachments, {
      workbookUrl: ports.workbookUrl,
    });
    if (pack) {
      const note = `Отчётный пакет для сводки района (только числа, без персональных данных) — во вложении: ${pack.name}`;
      message.body = `${message.body}\n\n${note}`;
      if (message.htmlBody) message.htmlBody = `${message.htmlBody}<p>${escapeHtml(note)}</p>`;
    }
    journal.push(sendPlannedMail(ports, plan, message));
    return {
      ...generated,
      sent: true,
      to: plan.to,
      message: sentMessage(ports, req, plan.to, generated.stored),
    };
  } finally {
    flushJournal(src, journal);
  }
}

/** The report pipeline in Apps Script: synchronous, under the workbook lock. */
export function generateAndSend(ports: GeneratePorts & ReportPorts, req: MailRequest): MailOutcome {
  return withWorkbookLock(ports, () => runStored(reportPipeline(ports, req), ports.store));
}

/** The report pipeline with an asynchronous store (Node: .docx files, the .eml outbox). */
export function generateAndSendAsync(
  ports: AsyncGeneratePorts & ReportPorts,
  req: MailRequest,
): Promise<MailOutcome> {
  return runStoredAsync(reportPipeline(ports, req), ports.store);
}
