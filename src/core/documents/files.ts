import type { PairInfo } from "./source";
import { isoDate, safeFileName, schoolYearForFiles, surname } from "./typography";

/**
 * Names of generated documents and of their folder. Names sort: dated documents start with
 * «ГГГГ-ММ-ДД», programs with their pair ID. A document's stem (its name without the date and the
 * participants) identifies it: regenerating replaces the file with the same stem in the folder.
 */

export type DocumentKind = "order" | "program" | "analysis" | "report";

export const DOCUMENT_KINDS: DocumentKind[] = ["order", "program", "analysis", "report"];

/** What each kind is called in Russian (menus, CLI help, the journal). */
export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  order: "Приказ о закреплении наставнических пар (групп)",
  program: "Персонализированная программа наставничества",
  analysis: "Аналитическая справка по итогам мониторинга",
  report: "Отчёт о реализации программы наставничества",
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

const STEMS: Record<Exclude<DocumentKind, "program">, string> = {
  order: "Приказ о закреплении пар",
  analysis: "Аналитическая справка по итогам мониторинга",
  report: "Отчёт о реализации программы наставничества",
};

export function datedFile(kind: Exclude<DocumentKind, "program">, day: Date): DocumentFile {
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
