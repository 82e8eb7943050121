/**
 * The labour documents of the documents pipeline (core/usecases/documents.ts calls buildLabourKind
 * for the kinds of LABOUR_KINDS): which mentors, pairs, month and year each kind is made for, and
 * why none is made. Mentors the article does not cover get no document.
 */
import { cellNumber, plainText } from "../cells";
import { addDays } from "../dates";
import {
  certificateFile,
  DOCUMENT_TITLES,
  type DocumentFile,
  type DocumentKind,
  mentorFile,
  noticeFile,
  payListFile,
} from "../documents/files";
import {
  buildAgreement,
  buildCertificate,
  buildConsent,
  buildNotice,
  buildPayListDocument,
  buildThanks,
  mentorLabel,
} from "../documents/labour";
import {
  calendarOf,
  coveredMentorPairs,
  type LabourMentor,
  labourMentors,
  labourPairs,
  labourSettingsOf,
  mentorYears,
  payMentors,
} from "../documents/labour-source";
import type { DocumentModel } from "../documents/model";
import type { DocumentSource } from "../documents/source";
import { monthYear } from "../documents/typography";
import { buildPayList, monthKeyOf, monthStart, type PayList } from "../labour/paylist";
import { formatRoubles } from "../labour/rules";
import { MONTHS_NOMINATIVE } from "../months";
import type { Cell, WorkbookPort } from "../ports";
import { plural } from "../text";
import { FIRST_DATA_ROW } from "../workbook/repair";
import { PAIR_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";
import { rankMentors } from "./close-cycle";
import { computeMonitoring, loadMonitoringInput } from "./monitoring";

export interface LabourOptions {
  /** Only these mentors (consents, agreements, letters, certificates). */
  mentorIds?: string[];
  /** Only these pairs (notices). */
  pairIds?: string[];
  /** Any day of the pay list's month (default: the month before today's). */
  month?: Date;
  /** First calendar year of the certificates' school year (default: the workbook's year). */
  year?: number;
}

export interface LabourBuilt {
  documents: (DocumentFile & { title: string; model: DocumentModel })[];
  refusal: string | null;
  payList?: PayList;
  /** Russian warnings (a production calendar not confirmed by a decree). */
  warnings: string[];
}

/** «апрель 2027 г.»: the list says «за апрель 2027 г.». */
function monthWords(d: Date): string {
  return `${MONTHS_NOMINATIVE[d.getUTCMonth()]} ${d.getUTCFullYear()}\u00a0г.`;
}

/** The month a pay list is made for by default: the one before today's. */
export function defaultPayMonth(today: Date): Date {
  return monthStart(addDays(monthStart(today), -1));
}

function wantedOf(ids: string[] | undefined): string[] | undefined {
  return ids?.map((s) => s.trim().toUpperCase()).filter(Boolean);
}

function notCovered(src: DocumentSource, wanted: string[] | undefined, what: string): string {
  if (wanted?.length) {
    const mentors = labourMentors(src);
    const reasons = wanted.map((id) => {
      const m = [...mentors.values()].find((x) => x.id.toUpperCase() === id);
      if (!m) return `${id} — нет на листе «Наставники»`;
      if (m.coverage.basis !== "paid") return `${mentorLabel(m)} — ${m.coverage.reason}`;
      return `${mentorLabel(m)} — нет утверждённых пар`;
    });
    return `${what} не созданы: ${reasons.join("; ")}.`;
  }
  return `${what} не созданы: нет наставников — работников школы с утверждёнными парами, чья работа по наставничеству подпадает под статью 351.8 ТК РФ (столбец «Наставничество по ст. 351.8 ТК РФ» листа «Наставники»).`;
}

/** The documents of one labour kind. */
export function buildLabourKind(
  src: DocumentSource,
  kind: DocumentKind,
  options: LabourOptions,
): LabourBuilt {
  const school = src.school();
  const settings = labourSettingsOf(src);
  const out: LabourBuilt = { documents: [], refusal: null, warnings: [] };
  const wanted = wantedOf(options.mentorIds);
  if (kind === "consent" || kind === "agreement") {
    for (const { mentor, pairs } of coveredMentorPairs(src, wanted)) {
      const model =
        kind === "consent"
          ? buildConsent(school, settings, mentor, pairs, src.today)
          : buildAgreement(school, settings, mentor, pairs, src.today);
      out.documents.push({
        ...mentorFile(kind, mentor, school.schoolYear),
        title: DOCUMENT_TITLES[kind],
        model,
      });
    }
    if (out.documents.length === 0)
      out.refusal = notCovered(
        src,
        wanted,
        kind === "consent" ? "Согласия на наставничество" : "Дополнительные соглашения",
      );
    return out;
  }
  if (kind === "notice") {
    const pairIds = wantedOf(options.pairIds);
    const mentors = labourMentors(src);
    const ended = labourPairs(src).filter(
      (p) => p.status === PAIR_STATUS.terminated && p.endedBy !== "" && p.noticeDate !== null,
    );
    const skipped: string[] = [];
    for (const p of ended) {
      if (pairIds && !pairIds.includes(p.id.toUpperCase())) continue;
      const mentor = mentors.get(p.mentorId);
      if (mentor?.coverage.basis !== "paid") {
        skipped.push(`${p.id}: ${mentor ? mentor.coverage.reason : "наставника нет на листе «Наставники»"}`);
        continue;
      }
      const dates = { notice: p.noticeDate as Date, end: p.to };
      const warning = calendarOf().warningFor(dates.notice, dates.end);
      if (warning && !out.warnings.includes(warning)) out.warnings.push(warning);
      out.documents.push({
        ...noticeFile(p),
        title: DOCUMENT_TITLES.notice,
        model: buildNotice(school, settings, mentor, p, dates),
      });
    }
    if (out.documents.length === 0)
      out.refusal = skipped.length
        ? `Уведомление не требуется (статья 351.8 ТК РФ не применяется): ${skipped.join("; ")}.`
        : pairIds
          ? `Уведомления не созданы: среди досрочно прекращённых пар нет ${pairIds.join(", ")}.`
          : "Уведомлений нет: досрочно прекращённых пар нет. Прекратите пару командой «Досрочно прекратить наставничество».";
    return out;
  }
  if (kind === "paylist") {
    const month = monthStart(options.month ?? defaultPayMonth(src.today));
    const list = buildPayList(month, labourPairs(src), payMentors(src), settings, calendarOf());
    const warning = calendarOf().warningFor(month, month);
    if (warning && settings.partMonth === "working") out.warnings.push(warning);
    out.payList = list;
    out.documents.push({
      ...payListFile(monthKeyOf(month)),
      title: DOCUMENT_TITLES.paylist,
      model: buildPayListDocument(school, settings, list, monthWords(month)),
    });
    return out;
  }
  if (kind === "thanks") {
    const best = bestMentors(src, settings.thanksTop);
    const mentors = labourMentors(src);
    const pairs = labourPairs(src);
    for (const b of best) {
      if (wanted && !wanted.includes(b.mentorId.toUpperCase())) continue;
      const m: LabourMentor = mentors.get(b.mentorId) ?? {
        id: b.mentorId,
        name: b.name,
        position: "",
        gender: null,
        coverage: { basis: "outside", stated: false, reason: "" },
        record: {},
      };
      const mentees = pairs
        .filter((p) => p.mentorId === b.mentorId && p.status !== PAIR_STATUS.terminated)
        .map((p) => p.menteeName)
        .filter(Boolean);
      out.documents.push({
        ...mentorFile("thanks", m, school.schoolYear),
        title: DOCUMENT_TITLES.thanks,
        model: buildThanks(school, m, { ...b, mentees }, src.today),
      });
    }
    if (out.documents.length === 0)
      out.refusal =
        "Благодарственные письма не созданы: в рейтинге наставников нет мест (нужны пары с полной оценкой этапа 1 мониторинга). Пересчитайте мониторинг или завершите цикл.";
    return out;
  }
  if (kind === "certificate") {
    const year = options.year ?? school.schoolYearStart;
    for (const my of mentorYears(src, year)) {
      if (wanted && !wanted.includes(my.mentor.id.toUpperCase())) continue;
      out.documents.push({
        ...certificateFile(my.mentor, my.year),
        title: DOCUMENT_TITLES.certificate,
        model: buildCertificate(school, my, src.today),
      });
    }
    if (out.documents.length === 0)
      out.refusal = `Справки о наставнической деятельности не созданы: за ${year}/${year + 1} учебный год в книге нет данных мониторинга пар (лист «Работа пар»)${wanted ? ` для ${wanted.join(", ")}` : ""}. Пересчитайте мониторинг.`;
    return out;
  }
  return out;
}

export interface BestMentor {
  mentorId: string;
  name: string;
  place: number | null;
  pairs: number;
  avgTotal: number | null;
  levels: string;
}

/**
 * The mentors with places 1…top: «Рейтинг наставников» of the workbook's school year when «Завершить
 * цикл» has filled it, otherwise the same ranking computed from today's monitoring.
 */
export function bestMentors(src: DocumentSource, top: number): BestMentor[] {
  const year = src.school().schoolYear;
  const rows = src
    .records("mentor_ranking")
    .filter((r) => plainText(r.year) === year)
    .map((r) => ({
      mentorId: plainText(r.mentor_id),
      name: plainText(r.mentor_name),
      place: cellNumber(r.place ?? ""),
      pairs: cellNumber(r.pairs ?? "") ?? 0,
      avgTotal: cellNumber(r.avg_total ?? ""),
      levels: plainText(r.levels),
    }));
  const ranked: BestMentor[] = rows.length
    ? rows
    : rankMentors(computeMonitoring(loadMonitoringInput(src.workbook, src.today))).map((m) => ({
        mentorId: m.mentorId,
        name: m.name,
        place: m.place,
        pairs: m.pairs,
        avgTotal: m.avgTotal,
        levels: m.levels,
      }));
  return ranked.filter((m) => m.place !== null && m.place <= top && m.mentorId !== "");
}

/** The pay list into «Доплата за наставничество»: the month's rows replaced in one write. */
export function writePayListSheet(wb: WorkbookPort, list: PayList): void {
  const t = Table.load(wb, "pay_list");
  const width = t.width;
  const mc = t.columns.month;
  const kept = t.rows.filter((r) => !r.every((v) => v === "" || v === null) && plainText(r[mc]) !== list.key);
  // The curator's own columns (no key) of the month's old rows go with the row of the same row key.
  const program = new Set(Object.values(t.columns));
  const oldByKey = new Map<string, Cell[]>();
  for (const r of t.rows) if (plainText(r[mc]) === list.key) oldByKey.set(plainText(r[t.columns.row_key]), r);
  const fresh = list.lines.map((l) => {
    const r = new Array(width).fill("");
    const put = (k: keyof typeof t.columns, v: unknown) => {
      r[t.columns[k]] = v;
    };
    put("month", list.key);
    put("mentor_id", l.mentorId);
    put("mentor_name", l.mentorName);
    put("position", l.position);
    put("mentees", l.mentees.join(", ") + (l.pairId ? ` (${l.pairId})` : ""));
    put("from", l.from);
    put("to", l.to);
    put("days", `${l.days} из ${l.daysInMonth} ${l.dayKind}`);
    put("rate", l.rate ?? "");
    put("amount", l.amount ?? "");
    put("note", l.note);
    put("row_key", `${list.key}|${l.mentorId}|${l.pairId || "все"}`);
    const old = oldByKey.get(r[t.columns.row_key]);
    if (old) for (let c = 0; c < width; c++) if (!program.has(c)) r[c] = old[c] ?? "";
    return r;
  });
  const out = [...kept, ...fresh];
  while (out.length < t.rows.length) out.push(new Array(width).fill(""));
  if (out.length > 0) wb.write(t.sheet, FIRST_DATA_ROW, 0, out);
}

/** «доплата за наставничество за апрель 2027 г.: 12 наставников, 36 000,00 руб.» for the monthly e-mail. */
export function payListMailLine(src: DocumentSource): string | null {
  const settings = labourSettingsOf(src);
  if (!settings.inMonthlyMail) return null;
  const month = defaultPayMonth(src.today);
  const list = buildPayList(month, labourPairs(src), payMentors(src), settings, calendarOf());
  const n = list.mentors;
  return `доплата за наставничество за ${monthYear(month)}: ${n} ${plural(n, "наставник", "наставника", "наставников")}, ${formatRoubles(list.total)} руб.${list.unknown ? `; сумма не рассчитана в ${list.unknown} ${plural(list.unknown, "строке", "строках", "строках")}` : ""}`;
}
