import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { type ExportTable, questionnaireExport } from "../demo/exports";
import { sampleSchool } from "../demo/sample";

/**
 * Sample questionnaire exports shipped with the project (samples/), one per format a school meets:
 * the demo imports them through the same path as a curator's own files.
 */
export const SAMPLE_FILES = {
  mentors: "Анкета наставника — Google Формы.csv",
  mentees: "Анкета наставляемого — Excel.csv",
  menteesYandex: "Анкета наставляемого — Яндекс Формы.xlsx",
} as const;

/** The date the shipped samples were generated for (school year 2026/2027). */
export const SAMPLE_DATE = new Date(Date.UTC(2026, 10, 22, 9, 0));

/** The project's samples/ folder, found upwards from this file (src/offline or lib/). */
export function samplesDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "samples")) && existsSync(join(dir, "package.json")))
      return join(dir, "samples");
    dir = dirname(dir);
  }
  throw new Error("Не найдена папка samples с примерами выгрузок анкет.");
}

function csv(table: ExportTable, delimiter: string): string {
  const quote = (s: string) =>
    /[";,\n\r]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s;
  return [table.header, ...table.rows].map((r) => r.map(quote).join(delimiter)).join("\r\n") + "\r\n";
}

/** A Yandex Forms export: «ID ответа», «Время создания» (yyyy-mm-dd hh:mm:ss), then the questions. */
async function yandexXlsx(table: ExportTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("Ответы");
  const questions = table.header.slice(2);
  ws.addRow(["ID ответа", "Время создания", "Адрес электронной почты", ...questions]);
  table.rows.forEach((r, i) => {
    const m = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}:\d{2}:\d{2})$/.exec(r[0]);
    const at = m ? `${m[3]}-${m[2]}-${m[1]} ${m[4]}` : r[0];
    ws.addRow([1873400 + i, at, r[1], ...r.slice(2)]);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Writes the sample exports of the demo school into `dir`. */
export async function writeSampleExports(dir: string, today = SAMPLE_DATE): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const sample = sampleSchool(today);
  const split = Math.round(sample.mentees.length * 0.7);
  const written: [string, Buffer][] = [
    // Google Forms: UTF-8, comma-separated.
    [SAMPLE_FILES.mentors, Buffer.from(csv(questionnaireExport("mentor", sample.mentors), ","), "utf8")],
    // Excel in a Russian locale: semicolons, Windows-1251.
    [
      SAMPLE_FILES.mentees,
      iconv.encode(csv(questionnaireExport("mentee", sample.mentees.slice(0, split)), ";"), "win1251"),
    ],
    [
      SAMPLE_FILES.menteesYandex,
      await yandexXlsx(questionnaireExport("mentee", sample.mentees.slice(split))),
    ],
  ];
  for (const [name, bytes] of written) writeFileSync(join(dir, name), bytes);
  return written.map(([name]) => join(dir, name));
}
