import type { Submission } from "../../core/intake/submission";

/** Which kind of export a file turned out to be (content decides, not the file name). */
export type ExportFormat =
  /** The CSV a Google Forms response sheet downloads: UTF-8, commas, «Отметка времени» / "Timestamp". */
  | "google-forms-csv"
  /** A Google Forms response sheet downloaded as .xlsx. */
  | "google-forms-xlsx"
  /** A Yandex Forms export: answer ID and creation time columns. */
  | "yandex-forms-csv"
  | "yandex-forms-xlsx"
  /**
   * A CSV saved by Excel in a Russian locale: semicolons and/or Windows-1251 (or UTF-8 with a BOM);
   * also a Google Forms CSV that Excel has re-saved (its columns are still recognised).
   */
  | "excel-ru-csv"
  /** Any other table with a header row. */
  | "xlsx"
  | "csv";

export interface ReadExportOptions {
  /** The questionnaire's title, for `source`: «Анкета наставника: файл answers.csv, строка 12». */
  formTitle?: string;
}

export interface ExportResult {
  format: ExportFormat;
  submissions: Submission[];
  /** Russian, for the curator: what was skipped, renamed or guessed. */
  warnings: string[];
  /** How a CSV was decoded ("utf-8", "utf-8-bom", "windows-1251", "utf-16le", "utf-16be"). */
  encoding?: string;
  /** The CSV delimiter found. */
  delimiter?: string;
  /** The worksheet read from an XLSX. */
  sheetName?: string;
  /** The titles of the answer columns (time, e-mail and answer ID apart), as the submissions key them. */
  titles: string[];
}

/** A cell as a reader gives it: text from CSV; text, number, boolean or Date from XLSX. */
export type RawCell = string | number | boolean | Date | null;

/** One physical row of the source with the row number the curator sees (1-based). */
export interface RawRow {
  rowNumber: number;
  cells: RawCell[];
}

/** What a reader hands to the table interpreter. */
export interface RawTable {
  rows: RawRow[];
  container: "csv" | "xlsx";
  /** Russian qualifier inserted into `source` after the file name (e.g. «лист «Ответы»»). */
  sourceSuffix?: string;
}

/** Thrown for files that cannot be read; the message is Russian and says what to do. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}
