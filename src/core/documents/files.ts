import type { PairInfo } from "./source";
import { isoDate, safeFileName, schoolYearForFiles, surname } from "./typography";

/**
 * Names of generated documents and of their folder. Names sort: dated documents start with
 * «ГГГГ-ММ-ДД», programs with their pair ID. A document's stem (its name without the date and the
 * participants) identifies it: regenerating replaces the file with the same stem in the folder.
 */

export type DocumentKind =
  | "order"
  | "program"
  | "analysis"
  | "report"
  | "consent"
  | "agreement"
  | "notice"
  | "paylist"
  | "thanks"
  | "certificate";

/** The program's documents. */
export const DOCUMENT_KINDS: DocumentKind[] = ["order", "program", "analysis", "report"];

/** The mentors' paperwork under ТК РФ ст. 351.8, the pay list and the recognition (src/core/documents/labour.ts). */
export const LABOUR_KINDS: DocumentKind[] = [
  "consent",
  "agreement",
  "notice",
  "paylist",
  "thanks",
  "certificate",
];

export const ALL_DOCUMENT_KINDS: DocumentKind[] = [...DOCUMENT_KINDS, ...LABOUR_KINDS];

/** What each kind is called in Russian (menus, CLI help, the journal). */
export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  order: "Приказ о закреплении наставнических пар (групп)",
  program: "Персонализированная программа наставничества",
  analysis: "Аналитическая справка по итогам мониторинга",
  report: "Отчёт о реализации программы наставничества",
  consent: "Согласие работника на выполнение работы по наставничеству",
  agreement: "Дополнительное соглашение к трудовому договору (наставничество)",
  notice: "Уведомление о досрочном прекращении наставничества",
  paylist: "Список на доплату за наставничество",
  thanks: "Благодарственное письмо наставнику",
  certificate: "Справка о наставнической деятельности",
};

export interface DocumentFile {
  kind: DocumentKind;
  /** Stable identity: «order», «program:П-0003». */
  key: string;
  /** What identifies the file among versions: the name without date and participants. */
  stem: string;
  /** The file name (without extension). */
  name: string;
  /** Versions may add words after the stem (a program's participants change their names). */
  prefix: boolean;
}

/** «Наставничество 2026-2027». */
export function folderName(schoolYear: string): string {
  return `Наставничество ${schoolYearForFiles(schoolYear)}`;
}

type DatedKind = "order" | "analysis" | "report";

const STEMS: Record<DatedKind, string> = {
  order: "Приказ о закреплении пар",
  analysis: "Аналитическая справка по итогам мониторинга",
  report: "Отчёт о реализации программы наставничества",
};

export function datedFile(kind: DatedKind, day: Date): DocumentFile {
  const stem = STEMS[kind];
  return { kind, key: kind, stem, name: safeFileName(`${isoDate(day)} ${stem}`), prefix: false };
}

/** «Программа П-0003 Иванова – Петров». */
export function programFile(pair: PairInfo): DocumentFile {
  const stem = `Программа ${pair.id}`;
  const names = [surname(pair.mentorName), surname(pair.menteeName)].filter((s) => s !== "");
  return {
    kind: "program",
    key: `program:${pair.id}`,
    stem,
    name: safeFileName(names.length > 0 ? `${stem} ${names.join(" – ")}` : stem),
    prefix: true,
  };
}

const MENTOR_STEMS: Record<"consent" | "agreement" | "thanks", string> = {
  consent: "Согласие на наставничество",
  agreement: "Доп. соглашение о наставничестве",
  thanks: "Благодарственное письмо",
};

/** «Согласие на наставничество Н-0003 Иванова»: one per mentor. */
export function mentorFile(
  kind: "consent" | "agreement" | "thanks",
  mentor: { id: string; name: string },
  schoolYear: string,
): DocumentFile {
  const stem = `${MENTOR_STEMS[kind]}${kind === "thanks" ? ` ${schoolYearForFiles(schoolYear)}` : ""} ${mentor.id}`;
  const last = surname(mentor.name);
  return {
    kind,
    key: `${kind}:${mentor.id}`,
    stem,
    name: safeFileName(last ? `${stem} ${last}` : stem),
    prefix: true,
  };
}

/** «Справка о наставничестве 2026-2027 Н-0003 Иванова»: one per mentor and school year. */
export function certificateFile(mentor: { id: string; name: string }, schoolYear: string): DocumentFile {
  const stem = `Справка о наставничестве ${schoolYearForFiles(schoolYear)} ${mentor.id}`;
  const last = surname(mentor.name);
  return {
    kind: "certificate",
    key: `certificate:${schoolYearForFiles(schoolYear)}:${mentor.id}`,
    stem,
    name: safeFileName(last ? `${stem} ${last}` : stem),
    prefix: true,
  };
}

/** «Уведомление о прекращении наставничества П-0003 Иванова – Петров»: one per pair ended early. */
export function noticeFile(pair: { id: string; mentorName: string; menteeName: string }): DocumentFile {
  const stem = `Уведомление о прекращении наставничества ${pair.id}`;
  const names = [surname(pair.mentorName), surname(pair.menteeName)].filter((s) => s !== "");
  return {
    kind: "notice",
    key: `notice:${pair.id}`,
    stem,
    name: safeFileName(names.length ? `${stem} ${names.join(" – ")}` : stem),
    prefix: true,
  };
}

/** «Список на доплату за наставничество 2027-04»: one per month. */
export function payListFile(monthKey: string): DocumentFile {
  const stem = `Список на доплату за наставничество ${monthKey}`;
  return { kind: "paylist", key: `paylist:${monthKey}`, stem, name: safeFileName(stem), prefix: false };
}

/**
 * True when `fileName` (with or without .docx / .pdf) is a version of the document with `stem`:
 * the same name after a leading «ГГГГ-ММ-ДД», or, with `prefix`, the stem followed by other words.
 */
export function isVersionOf(fileName: string, stem: string, prefix = false): boolean {
  const bare = fileName
    .replace(/\.(docx|pdf)$/i, "")
    .replace(/^\d{4}-\d{2}-\d{2}\s+/, "")
    .trim();
  return bare === stem || (prefix && bare.startsWith(`${stem} `));
}
