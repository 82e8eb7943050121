/**
 * Reading an .xlsx file for exceljs, with a Russian sentence for every way it can fail: a folder, a
 * file nobody may read, an empty or text file, random bytes, a broken zip, another kind of Office
 * document, a workbook too large for the memory. Workbooks saved by other programs whose cell notes
 * exceljs cannot find (it expects «xl/commentsN.xml» and «xl/drawings/vmlDrawingN.vml», referred to
 * as «../…» from the sheet) are rearranged into that layout first, so that they open with their notes.
 */
import { readFileSync, statSync } from "node:fs";
import { posix } from "node:path";
import { getHeapStatistics } from "node:v8";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { backupPathOf, type FileSnapshot, snapshotOf } from "./atomic-file";
import { CliError, describeFileError, isOutOfMemory, memoryAdvice } from "./errors";
import { type LightSheet, splitLightSheets } from "./xlsx-light";

/**
 * Heap exceljs needs per byte of the workbook's unpacked XML to load and save it. Measured: the
 * demo school holds 14 bytes per byte once loaded; a workbook of 10,000 mentees (9.5 MB of XML)
 * fails to load and save with 192 MB of heap and succeeds with 256 MB.
 */
const HEAP_PER_XML_BYTE = 24;

/** The bytes of the file at `path` and its state, or a Russian `CliError`. */
export function readXlsxBytes(path: string): { bytes: Buffer; snapshot: FileSnapshot } {
  try {
    if (statSync(path).isDirectory())
      throw new CliError(
        `«${path}» — это папка, а не файл книги. Укажите файл .xlsx, например: --file ${posix.join(path.replace(/\\/g, "/"), "школа.xlsx")}`,
      );
    const bytes = readFileSync(path);
    return { bytes, snapshot: snapshotOf(path, bytes) };
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (isOutOfMemory(e))
      throw new CliError(`Файл ${path} слишком велик, чтобы прочитать его в память. ${memoryAdvice(8192)}`);
    throw new CliError(describeFileError(e, path, "read"));
  }
}

/** Which file is read: the program's workbook (it has a backup) or a table given to import. */
export type XlsxRole = "workbook" | "table";

function restore(path: string, role: XlsxRole = "workbook"): string {
  if (role === "table")
    return "Откройте таблицу в Excel или LibreOffice, сохраните её заново как «Книга Excel (.xlsx)» и повторите";
  return `Восстановите предыдущую версию из резервной копии ${backupPathOf(path)} (если она есть: скопируйте её на место книги) или переименуйте повреждённый файл и создайте книгу заново: mentor init --file ${path}`;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || b >= 32) printable++;
  return !head.includes(0) && printable / Math.max(1, head.length) > 0.95;
}

/** The sizes of the zip's parts unpacked: what the workbook will take in memory. */
function unpackedSize(zip: JSZip): number {
  let total = 0;
  zip.forEach((_name, file) => {
    // JSZip keeps the central directory's sizes on the entry (not in its typings).
    const size = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (!file.dir && typeof size === "number" && Number.isFinite(size)) total += size;
  });
  return total;
}

function attribute(tag: string, name: string): string | null {
  return new RegExp(`\\b${name}=("|')([^"']*)\\1`).exec(tag)?.[2] ?? null;
}

const NOTE_PARTS = {
  comments: { canonical: /^xl\/comments\d+\.xml$/, fresh: (n: number) => `xl/comments${n}.xml` },
  vml: {
    canonical: /^xl\/drawings\/vmlDrawing\d+\.vml$/,
    fresh: (n: number) => `xl/drawings/vmlDrawing${n}.vml`,
  },
};

/**
 * Rewrites the sheets' relationships to their notes (comments and their VML drawings) into the
 * layout exceljs reads: parts «xl/commentsN.xml» and «xl/drawings/vmlDrawingN.vml», targets
 * «../commentsN.xml» and «../drawings/vmlDrawingN.vml». Other programs write absolute targets
 * («/xl/comments1.xml») or other names («xl/comments/comment1.xml»), and exceljs then fails with
 * «Cannot read properties of undefined (reading 'comments')». A relationship to a part the file
 * lacks is dropped. Returns whether anything changed.
 */
export async function normalizeNotes(zip: JSZip): Promise<boolean> {
  const used = new Set(Object.keys(zip.files));
  let counter = 0;
  const freshName = (make: (n: number) => string) => {
    do counter++;
    while (used.has(make(counter)));
    const name = make(counter);
    used.add(name);
    return name;
  };
  let changed = false;
  const relsNames = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/_rels\/[^/]+\.rels$/.test(n));
  for (const relsName of relsNames) {
    const xml = await zip.file(relsName)!.async("string");
    let edited = false;
    const fixed = xml.replace(/<Relationship\b[^>]*>/g, (tag) => {
      const type = attribute(tag, "Type") ?? "";
      const target = attribute(tag, "Target");
      const kind = /\/comments$/.test(type) ? "comments" : /\/vmlDrawing$/.test(type) ? "vml" : null;
      if (!kind || target === null || attribute(tag, "TargetMode") === "External") return tag;
      const part = target.startsWith("/")
        ? posix.normalize(target.slice(1))
        : posix.normalize(posix.join("xl/worksheets", target));
      const rule = NOTE_PARTS[kind];
      if (rule.canonical.test(part) && target === `../${part.slice(3)}`) return tag;
      edited = true;
      const source = zip.file(part);
      if (!source) return tag.endsWith("/>") ? "" : tag; // a dangling note part: nothing to read
      let dest = part;
      if (!rule.canonical.test(part)) {
        dest = freshName(rule.fresh);
        zip.file(dest, source.async("uint8array"));
      }
      return tag.replace(/\bTarget=("|')[^"']*\1/, `Target="../${dest.slice(3)}"`);
    });
    if (edited) {
      zip.file(relsName, fixed);
      changed = true;
    }
  }
  return changed;
}

/**
 * The bytes of an .xlsx file ready for exceljs, or a Russian `CliError` that says what the file is
 * instead and what to do. `path` names the file in messages.
 */
export async function prepareXlsx(
  bytes: Uint8Array,
  path: string,
  role: XlsxRole = "workbook",
): Promise<Uint8Array> {
  if (bytes.length === 0)
    throw new CliError(
      `Файл ${role === "workbook" ? "книги " : ""}${path} пуст (0 байт)${role === "workbook" ? ": вероятно, его запись была прервана" : ""}. ${restore(path, role)}.`,
    );
  const zipped = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (!zipped) {
    const what = looksLikeText(bytes) ? "текстовый файл" : "файл неизвестного формата";
    throw new CliError(
      `Файл ${path} — не книга Excel (.xlsx), а ${what}. Укажите книгу, созданную командой mentor init или сохранённую в Excel или LibreOffice как «Книга Excel (.xlsx)». Ответы анкет в CSV загружает команда mentor import.`,
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    if (isOutOfMemory(e))
      throw new CliError(`Книга ${path} слишком велика для памяти программы. ${memoryAdvice(8192)}`);
    throw new CliError(
      `Книга ${path} повреждена: архив .xlsx не читается (файл, вероятно, сохранён или скопирован не полностью). ${restore(path, role)}.`,
    );
  }
  if (!zip.file("xl/workbook.xml")) {
    const kind = zip.file("word/document.xml")
      ? "документ Word"
      : zip.file("ppt/presentation.xml")
        ? "презентация PowerPoint"
        : zip.file("mimetype") || zip.file("content.xml")
          ? "документ OpenDocument (LibreOffice)"
          : "архив ZIP";
    throw new CliError(
      `Файл ${path} — ${kind}, а не книга Excel. Откройте таблицу в Excel или LibreOffice и сохраните её как «Книга Excel (.xlsx)», затем укажите этот файл.`,
    );
  }
  const unpacked = unpackedSize(zip);
  const heap = getHeapStatistics();
  const needed = unpacked * HEAP_PER_XML_BYTE;
  if (needed > heap.heap_size_limit - heap.used_heap_size) {
    const mb = Math.ceil(unpacked / 1048576);
    throw new CliError(
      `Книга ${path} слишком велика для памяти программы: в ней около ${mb} МБ данных, а Node.js выделил программе ${Math.floor(heap.heap_size_limit / 1048576)} МБ. ${memoryAdvice(((needed + heap.used_heap_size) * 1.25) / 1048576)}`,
    );
  }
  if (!(await normalizeNotes(zip))) return bytes;
  return zip.generateAsync({ type: "uint8array" });
}

/** An .xlsx export's bytes with its notes in exceljs's layout; bytes that are no zip pass unchanged. */
export async function withReadableNotes(bytes: Uint8Array): Promise<Uint8Array> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    return (await normalizeNotes(zip)) ? await zip.generateAsync({ type: "uint8array" }) : bytes;
  } catch {
    return bytes;
  }
}

/** Loads prepared bytes into an exceljs workbook, or a Russian `CliError`. */
export async function loadExcelBook(
  bytes: Uint8Array,
  path: string,
  role: XlsxRole = "workbook",
): Promise<ExcelJS.Workbook> {
  return (await loadExcelBookLight(bytes, path, role, null)).book;
}

/**
 * Loads an .xlsx file into exceljs, keeping the data rows of sheets of at least `lightBytes` bytes
 * of XML raw (xlsx-light.ts); `null`: every sheet whole. Every failure is a Russian `CliError`.
 */
export async function loadExcelBookLight(
  bytes: Uint8Array,
  path: string,
  role: XlsxRole,
  lightBytes: number | null,
): Promise<{ book: ExcelJS.Workbook; light: Map<ExcelJS.Worksheet, LightSheet> }> {
  let prepared = await prepareXlsx(bytes, path, role);
  const book = new ExcelJS.Workbook();
  let light = new Map<ExcelJS.Worksheet, LightSheet>();
  try {
    const split =
      lightBytes === null ? null : await splitLightSheets(await JSZip.loadAsync(prepared), lightBytes);
    if (split) prepared = split.bytes;
    // A copy as a plain ArrayBuffer: what exceljs's typings accept and JSZip reads.
    await book.xlsx.load(prepared.slice().buffer);
    if (split) light = split.finish(book);
  } catch (e) {
    if (isOutOfMemory(e))
      throw new CliError(`Книга ${path} слишком велика для памяти программы. ${memoryAdvice(8192)}`);
    throw new CliError(
      `Книга ${path} не читается: её содержимое повреждено или записано так, как программа не понимает. ${role === "workbook" ? `Откройте её в Excel или LibreOffice и сохраните заново как «Книга Excel (.xlsx)». ${restore(path)}` : restore(path, role)}.`,
    );
  }
  return { book, light };
}
