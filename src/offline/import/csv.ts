/** CSV and other delimited text: encoding, delimiter, records with their row numbers. */

import { TextDecoder } from "node:util";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { refuseNonTableText, refuseShapelessText } from "./detect";
import type { RawRow } from "./types";

export type TextEncoding = "utf-8" | "utf-8-bom" | "windows-1251" | "utf-16le" | "utf-16be";

/**
 * Bytes → text. A UTF-8 byte-order mark means UTF-8; UTF-16 marks mean UTF-16; bytes that are valid
 * UTF-8 are UTF-8; anything else is Windows-1251 (what Excel in a Russian locale writes).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString("utf8"), encoding: "utf-8-bom" };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf), encoding: "utf-8" };
  } catch {
    return { text: iconv.decode(buf, "win1251"), encoding: "windows-1251" };
  }
}

const CANDIDATES = [";", "\t", ","] as const;
export type Delimiter = (typeof CANDIDATES)[number];

/**
 * The delimiter of a table: each candidate splits the first records (quotes respected); the one
 * whose header has several fields and whose rows most often have the header's width wins, ties to
 * the wider header, then to ";" (Excel's Russian CSV), tab, ",".
 */
export function detectDelimiter(text: string): Delimiter {
  let best: { d: Delimiter; consistency: number; width: number } | null = null;
  for (const d of CANDIDATES) {
    const sample = Papa.parse<string[]>(text, { delimiter: d, newline: "\n", preview: 30 }).data.filter((r) =>
      r.some((c) => c.trim() !== ""),
    );
    if (sample.length === 0) continue;
    const width = sample[0].length;
    if (width < 2) continue;
    const rest = sample.slice(1);
    // A row fits when it has the header's width, or more cells that are all empty past it.
    const fits = rest.filter(
      (r) => r.length === width || (r.length > width && trimEmptyTail(r).length <= width),
    ).length;
    const consistency = rest.length === 0 ? 1 : fits / rest.length;
    if (!best || consistency > best.consistency || (consistency === best.consistency && width > best.width)) {
      best = { d, consistency, width };
    }
  }
  return best?.d ?? ",";
}

function trimEmptyTail(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1].trim() === "") end--;
  return cells.slice(0, end);
}

export interface CsvRead {
  rows: RawRow[];
  encoding: TextEncoding;
  delimiter: Delimiter;
  warnings: string[];
}

/** A delimited text file → records; row numbers are records as a spreadsheet shows them. */
export function readDelimited(bytes: Uint8Array, fileName: string): CsvRead {
  const { text: raw, encoding } = decodeText(bytes);
  refuseNonTableText(raw, fileName);
  let text = raw.replace(/\r\n?/g, "\n");
  let delimiter: Delimiter | null = null;
  // Excel's hint line «sep=;» names the delimiter and is not shown as a row.
  const hint = /^sep=(.)\n/i.exec(text);
  if (hint && (CANDIDATES as readonly string[]).includes(hint[1])) {
    delimiter = hint[1] as Delimiter;
    text = text.slice(hint[0].length);
  }
  delimiter ??= detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    newline: "\n",
    quoteChar: '"',
    skipEmptyLines: false,
  });
  const warnings: string[] = [];
  const quoteRows = new Set<number>();
  for (const e of parsed.errors) {
    if (e.type === "Quotes" && e.row !== undefined) quoteRows.add(e.row + 1);
  }
  if (quoteRows.size > 0) {
    warnings.push(
      `«${fileName}»: непарные кавычки (строки ${[...quoteRows].join(", ")}) — проверьте, что ответы в этих строках прочитаны верно.`,
    );
  }
  const rows: RawRow[] = parsed.data.map((cells, i) => ({ rowNumber: i + 1, cells }));
  // Refused before any row is read: text that is no table under its best delimiter.
  const filled = parsed.data.filter((r) => r.some((c) => c.trim() !== ""));
  if (filled.length > 0) {
    const width = trimEmptyTail(filled[0]).length;
    const rest = filled.slice(1);
    const fitting = rest.filter(
      (r) => r.length === width || (r.length > width && trimEmptyTail(r).length <= width),
    ).length;
    refuseShapelessText(width, rest.length, fitting, fileName);
  }
  return { rows, encoding, delimiter, warnings };
}
