/**
 * Offline import of questionnaire exports: Google Forms CSV, Yandex Forms XLSX/CSV, Excel CSV in a
 * Russian locale, any XLSX or CSV with a header row → core Submission objects.
 */

import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { type Delimiter, readDelimited } from "./csv";
import { sniffContainer } from "./detect";
import { interpretTable } from "./table";
import { type ExportResult, ImportError, type ReadExportOptions } from "./types";
import { readXlsx } from "./xlsx";

export { type ExportFormat, type ExportResult, ImportError, type ReadExportOptions } from "./types";

const DELIMITER_NAMES: Record<Delimiter, string> = { ";": ";", "\t": "tab", ",": "," };

function displayName(fileName: string): string {
  return basename(fileName.replace(/\\/g, "/")) || fileName;
}

/** A CSV (or other delimited text) export → submissions. Synchronous; throws ImportError. */
export function parseCsvExport(
  bytes: Uint8Array,
  fileName: string,
  options: ReadExportOptions = {},
): ExportResult {
  const name = displayName(fileName);
  const read = readDelimited(bytes, name);
  const table = interpretTable(read.rows, {
    fileName: name,
    container: "csv",
    formTitle: options.formTitle,
    delimiter: read.delimiter,
    encoding: read.encoding,
  });
  const warnings = [...read.warnings, ...table.warnings];
  if (/\.xlsx$/i.test(name))
    warnings.unshift(`«${name}» назван как книга Excel, но это текст CSV: прочитан как CSV.`);
  return {
    format: table.format,
    submissions: table.submissions,
    warnings,
    encoding: read.encoding,
    delimiter: DELIMITER_NAMES[read.delimiter],
    titles: table.titles,
  };
}

/**
 * The bytes of an export → submissions. Pure (no file system); the content decides the format, the
 * name is only for messages and `source`. Throws ImportError (Russian) for files it cannot read.
 */
export async function parseExportBytes(
  bytes: Uint8Array,
  fileName: string,
  options: ReadExportOptions = {},
): Promise<ExportResult> {
  const name = displayName(fileName);
  if (sniffContainer(bytes, name) === "text") return parseCsvExport(bytes, name, options);
  const read = await readXlsx(bytes, name);
  const table = interpretTable(read.rows, {
    fileName: name,
    container: "xlsx",
    formTitle: options.formTitle,
    sourceSuffix: read.filledSheets > 1 ? `лист «${read.sheetName}»` : undefined,
  });
  return {
    format: table.format,
    submissions: table.submissions,
    warnings: [...read.warnings, ...table.warnings],
    sheetName: read.sheetName,
    titles: table.titles,
  };
}

/** Reads an export file from disk → submissions; throws ImportError (Russian) when it cannot. */
export async function readExport(path: string, options: ReadExportOptions = {}): Promise<ExportResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ImportError(`Файл не найден: ${path}`);
    if (code === "EISDIR") throw new ImportError(`Это папка, а не файл: ${path}`);
    if (code === "EACCES" || code === "EPERM") throw new ImportError(`Нет доступа к файлу: ${path}`);
    throw new ImportError(`Не удалось открыть файл ${path}: ${(e as Error).message}`);
  }
  return parseExportBytes(bytes, path, options);
}
