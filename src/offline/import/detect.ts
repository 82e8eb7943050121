/** What a file is, by its bytes: an XLSX book, a text table, or something we refuse with a reason. */

import { ImportError } from "./types";

export type Container = "xlsx" | "text";

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** True when the ASCII text occurs in the bytes (ZIP entry names are stored as plain text). */
function containsAscii(bytes: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (
    let i = bytes.indexOf(first);
    i !== -1 && i <= bytes.length - text.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    for (let j = 1; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

const ASK = "Нужна таблица ответов: CSV или XLSX (Google Формы, Яндекс Формы или Excel).";

/** Decides how to read the file or throws an ImportError that says what the file is instead. */
export function sniffContainer(bytes: Uint8Array, fileName: string): Container {
  const name = `«${fileName}»`;
  if (bytes.length === 0) throw new ImportError(`Файл ${name} пуст. ${ASK}`);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (containsAscii(bytes, "xl/workbook")) return "xlsx";
    if (containsAscii(bytes, "word/")) {
      throw new ImportError(`Файл ${name} — документ Word (.docx), а не таблица. ${ASK}`);
    }
    if (containsAscii(bytes, "ppt/")) {
      throw new ImportError(`Файл ${name} — презентация PowerPoint, а не таблица. ${ASK}`);
    }
    if (containsAscii(bytes, "opendocument.spreadsheet")) {
      throw new ImportError(
        `Файл ${name} в формате OpenDocument (.ods): откройте его и сохраните как .xlsx или CSV (UTF-8).`,
      );
    }
    if (containsAscii(bytes, "opendocument")) {
      throw new ImportError(`Файл ${name} — документ OpenDocument, а не таблица. ${ASK}`);
    }
    throw new ImportError(`Файл ${name} — архив ZIP или повреждённая книга Excel. ${ASK}`);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (/\.xlsx$/i.test(fileName)) {
      throw new ImportError(
        `Книга ${name} защищена паролем (или это старый .xls под новым именем): снимите пароль в Excel и сохраните её как .xlsx.`,
      );
    }
    if (/\.doc$/i.test(fileName)) {
      throw new ImportError(`Файл ${name} — документ Word (.doc), а не таблица. ${ASK}`);
    }
    throw new ImportError(
      `Файл ${name} в старом формате Excel (.xls): откройте его в Excel и сохраните как .xlsx или CSV.`,
    );
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new ImportError(`Файл ${name} — документ PDF, из него ответы не прочитать. ${ASK}`);
  }
  // UTF-16 text (Excel's «Текст Юникод») has NUL bytes but is a table.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return "text";
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    throw new ImportError(`Файл ${name} не текстовый и не книга Excel: прочитать его нельзя. ${ASK}`);
  }
  return "text";
}

/** «Файл «x.csv»» or, for a file named as a book, «Файл «x.xlsx» назван как книга Excel, но он». */
function notABook(fileName: string): string {
  return /\.xlsx$/i.test(fileName)
    ? `Файл «${fileName}» назван как книга Excel (.xlsx), но это не книга Excel и`
    : `Файл «${fileName}»`;
}

/** Share of control characters (other than tab and line breaks) and undecodable ones in a text. */
function controlShare(text: string): number {
  const head = text.slice(0, 8192);
  if (head.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad / head.length;
}

/** Text that is clearly not a table: binary data, HTML, XML, JSON, RTF. Throws with a reason. */
export function refuseNonTableText(text: string, fileName: string): void {
  const name = `«${fileName}»`;
  // Random bytes decode as Windows-1251 «text»; a table's text has next to no control characters.
  if (controlShare(text) > 0.02)
    throw new ImportError(
      /\.xlsx$/i.test(fileName)
        ? `${notABook(fileName)} не текст: прочитать его нельзя. ${ASK}`
        : `Файл ${name} не текстовый и не книга Excel: прочитать его нельзя. ${ASK}`,
    );
  const start = text.slice(0, 2000).trimStart();
  if (/^\{\\rtf/.test(start)) {
    throw new ImportError(`Файл ${name} — документ RTF, а не таблица. ${ASK}`);
  }
  if (/^<(?:!doctype\s+html|html|\?xml|table|head|body)\b/i.test(start)) {
    throw new ImportError(
      `Файл ${name} — веб-страница или XML, а не таблица. Откройте его в Excel и сохраните как .xlsx или CSV.`,
    );
  }
  if (/^[[{]/.test(start)) {
    try {
      JSON.parse(text);
    } catch {
      return;
    }
    throw new ImportError(`Файл ${name} — данные JSON, а не таблица. ${ASK}`);
  }
}

/**
 * Delimited text that is no table: one column (no delimiter in the header), or rows whose widths
 * mostly differ from the header's (a text note with commas here and there). Throws with a reason.
 */
export function refuseShapelessText(width: number, rows: number, fitting: number, fileName: string): void {
  const prefix = /\.xlsx$/i.test(fileName) ? `${notABook(fileName)} не` : `Файл «${fileName}» — не`;
  if (width < 2 && rows > 0)
    throw new ImportError(
      `${prefix} таблица ответов: в строке заголовков нет ни одного разделителя столбцов (точки с запятой, запятой или табуляции). ${ASK}`,
    );
  if (rows >= 3 && fitting / rows < 0.5)
    throw new ImportError(
      `${prefix} таблица ответов: в ${rows - fitting} ${rows - fitting === 1 ? "строке" : "строках"} из ${rows} число столбцов не совпадает с заголовком. ${ASK}`,
    );
}
