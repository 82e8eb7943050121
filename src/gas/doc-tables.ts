/**
 * The tables of a Google Doc styled through the Docs advanced service: DocumentApp builds each
 * table from its 2-D array of texts in one appendTable(cells) call, and after saveAndClose() one
 * Documents.get finds where every cell's paragraph is and one Documents.batchUpdate styles them all
 * — where DocumentApp styles each cell with three calls (a 750-row order took about 11,000). The
 * cells end as the DocumentApp path (documents.ts, when the service is not enabled) leaves them:
 * the same font, size, colour, weight, italics, alignment, spacing, padding and header shading.
 *
 * The Docs API edits the stored document, so the document is saved and closed first (the Document
 * reference: saveAndClose «flushes all pending updates»). It needs the «documents» scope DocumentApp
 * already has. Indexes come from Documents.get, never computed here.
 */
import type { Align } from "../core/documents/model";

type Json = Record<string, unknown>;

/** What setAttributes would give a cell's paragraph (documents.ts, ParagraphStyle). */
export interface CellStyle {
  font: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
  align?: Align;
  spaceBefore?: number;
  spaceAfter?: number;
}

/** A body paragraph (or list item) appended with its plain text, styled after the save. */
export interface DeferredParagraph {
  /** Its text as appended: it is found by it in the saved body, in order. */
  text: string;
  style: CellStyle & { indentStart?: number; indentFirstLine?: number };
  /** Parts in bold, italic or underlined: [from, to) in UTF-16 code units of the text. */
  runs: { from: number; to: number; bold?: boolean; italic?: boolean; underline?: boolean }[];
}

/** The page: size and margins, in points. */
export interface PageStyle {
  width: number;
  height: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What is styled after the save: the page, the body's paragraphs and the tables' cells. */
export interface Deferred {
  page: PageStyle | null;
  paragraphs: DeferredParagraph[];
  tables: DeferredTable[];
}

/** A table appended with plain texts whose cells are styled after the document is saved. */
export interface DeferredTable {
  /** Per row, per cell. */
  cells: CellStyle[][];
  /** Rows (0-based) shaded as headers. */
  shaded: { rows: number[]; color: string };
  /** Cells with no left and right padding (layout tables). */
  noPadding: boolean;
}

/** The Docs advanced service's documents collection, or null when the manifest does not enable it. */
export function docsApi(): GoogleAppsScript.Docs.Collection.DocumentsCollection | null {
  return typeof Docs !== "undefined" && Docs?.Documents ? Docs.Documents : null;
}

const ALIGN: Record<Align, string> = { left: "START", center: "CENTER", right: "END", justify: "JUSTIFIED" };

export function rgb(hex: string): Json {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Внутренняя ошибка: цвет «${hex}» не в формате #rrggbb`);
  return {
    red: Number.parseInt(m[1], 16) / 255,
    green: Number.parseInt(m[2], 16) / 255,
    blue: Number.parseInt(m[3], 16) / 255,
  };
}

export const pt = (magnitude: number) => ({ magnitude, unit: "PT" });

/** The requests that style one cell's (or the body's) paragraph over [start, end). */
function cellRequests(style: DeferredParagraph["style"], start: number, end: number): Json[] {
  const range = { startIndex: start, endIndex: end };
  const paragraphStyle: Json = {
    alignment: ALIGN[style.align ?? "left"],
    lineSpacing: 100,
    spaceAbove: pt(style.spaceBefore ?? 0),
    spaceBelow: pt(style.spaceAfter ?? 0),
  };
  // As setAttributes: an indent not given is left as it is.
  if (style.indentStart !== undefined) paragraphStyle.indentStart = pt(style.indentStart);
  if (style.indentFirstLine !== undefined) paragraphStyle.indentFirstLine = pt(style.indentFirstLine);
  return [
    {
      updateParagraphStyle: {
        range,
        paragraphStyle,
        fields: Object.keys(paragraphStyle).join(","),
      },
    },
    {
      updateTextStyle: {
        range,
        textStyle: {
          weightedFontFamily: { fontFamily: style.font },
          fontSize: pt(style.size),
          foregroundColor: { color: { rgbColor: rgb("#000000") } },
          bold: style.bold === true,
          italic: style.italic === true,
          underline: false,
        },
        fields: "weightedFontFamily,fontSize,foregroundColor,bold,italic,underline",
      },
    },
  ];
}

/** A body paragraph's text as the API gives it (its closing newline dropped); null for a page break. */
function paragraphText(element: Json): string | null {
  const elements = ((element.paragraph as Json).elements ?? []) as Json[];
  if (elements.some((e) => e.pageBreak)) return null;
  const text = elements.map((e) => String((e.textRun as Json | undefined)?.content ?? "")).join("");
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/**
 * The requests that style the body's paragraphs, each found by its text, in order; `located` gets
 * each paragraph's [start, end).
 */
function paragraphRequests(
  content: Json[],
  paragraphs: DeferredParagraph[],
  located: [number, number][] = [],
): Json[] {
  const requests: Json[] = [];
  let k = 0;
  for (const p of paragraphs) {
    // The body may hold paragraphs the renderer did not style (a page break's, the one Google
    // Docs keeps after a table): they are passed over.
    while (k < content.length && !(content[k].paragraph && paragraphText(content[k]) === p.text)) k++;
    if (k >= content.length)
      throw new Error(
        `Внутренняя ошибка: абзац «${p.text.slice(0, 40)}» не найден в документе; повторите создание документа.`,
      );
    const start = Number(content[k].startIndex);
    located.push([start, Number(content[k].endIndex)]);
    requests.push(...cellRequests(p.style, start, Number(content[k].endIndex)));
    for (const r of p.runs) {
      const range = { startIndex: start + r.from, endIndex: start + r.to };
      const textStyle: Json = {};
      if (r.bold) textStyle.bold = true;
      if (r.italic) textStyle.italic = true;
      if (r.underline) textStyle.underline = true;
      const fields = Object.keys(textStyle);
      if (r.to > r.from && fields.length > 0)
        requests.push({ updateTextStyle: { range, textStyle, fields: fields.join(",") } });
    }
    k++;
  }
  return requests;
}

/** The page's size and margins (updateDocumentStyle). */
function pageRequest(page: PageStyle): Json {
  return {
    updateDocumentStyle: {
      documentStyle: {
        pageSize: { width: pt(page.width), height: pt(page.height) },
        marginTop: pt(page.top),
        marginBottom: pt(page.bottom),
        marginLeft: pt(page.left),
        marginRight: pt(page.right),
      },
      fields: "pageSize,marginTop,marginBottom,marginLeft,marginRight",
    },
  };
}

/** The deferred tables only (the page and the paragraphs styled by DocumentApp already). */
export function styleTablesWithApi(
  api: GoogleAppsScript.Docs.Collection.DocumentsCollection,
  documentId: string,
  tables: DeferredTable[],
): void {
  styleDocumentWithApi(api, documentId, { page: null, paragraphs: [], tables });
}

/** The fields of Documents.get the styling needs: where each paragraph and cell is. */
export const LAYOUT_FIELDS =
  "body.content(startIndex,endIndex,paragraph(elements(pageBreak,textRun(content)))," +
  "table(tableRows(tableCells(content(startIndex,endIndex)))))";

/**
 * Styles what was deferred of a saved document, with one Documents.get (where each paragraph and
 * cell is) and one Documents.batchUpdate: the page, the body's paragraphs (found by their texts,
 * in order) and the tables (its tables in body order are the deferred ones, in the order they were
 * appended: the body was new or cleared).
 */
export function styleDocumentWithApi(
  api: GoogleAppsScript.Docs.Collection.DocumentsCollection,
  documentId: string,
  deferred: Deferred,
): void {
  const { tables, paragraphs, page } = deferred;
  if (tables.length === 0 && paragraphs.length === 0 && !page) return;
  let content: Json[] = [];
  if (tables.length > 0 || paragraphs.length > 0) {
    const doc = api.get(documentId, { fields: LAYOUT_FIELDS }) as unknown as Json;
    content = ((doc.body as Json | undefined)?.content ?? []) as Json[];
  }
  const requests = styleRequests(content, deferred);
  if (requests.length > 0) api.batchUpdate({ requests } as never, documentId);
}

/**
 * The requests that style what was deferred, over the body `content` of Documents.get: `located`
 * gets each deferred paragraph's [start, end), `tableStarts` each deferred table's start index.
 */
export function styleRequests(
  content: Json[],
  deferred: Deferred,
  located: [number, number][] = [],
  tableStarts: number[] = [],
): Json[] {
  const { tables, paragraphs, page } = deferred;
  const requests: Json[] = page ? [pageRequest(page)] : [];
  requests.push(...paragraphRequests(content, paragraphs, located));
  const found = content.filter((e) => e.table);
  if (found.length !== tables.length)
    throw new Error(
      `Внутренняя ошибка: в документе ${found.length} таблиц вместо ${tables.length}; повторите создание документа.`,
    );
  tables.forEach((t, k) => {
    const element = found[k];
    tableStarts.push(Number(element.startIndex));
    const rows = ((element.table as Json).tableRows ?? []) as Json[];
    t.cells.forEach((row, r) => {
      const cells = (rows[r]?.tableCells ?? []) as Json[];
      row.forEach((style, c) => {
        const paragraph = ((cells[c]?.content ?? []) as Json[])[0];
        if (!paragraph) return;
        requests.push(...cellRequests(style, Number(paragraph.startIndex), Number(paragraph.endIndex)));
      });
    });
    const columns = t.cells[0]?.length ?? 0;
    const location = (rowIndex: number) => ({
      tableCellLocation: {
        tableStartLocation: { index: Number(element.startIndex) },
        rowIndex,
        columnIndex: 0,
      },
      columnSpan: columns,
    });
    for (const r of t.shaded.rows)
      requests.push({
        updateTableCellStyle: {
          tableRange: { ...location(r), rowSpan: 1 },
          tableCellStyle: { backgroundColor: { color: { rgbColor: rgb(t.shaded.color) } } },
          fields: "backgroundColor",
        },
      });
    if (t.noPadding && t.cells.length > 0)
      requests.push({
        updateTableCellStyle: {
          tableRange: { ...location(0), rowSpan: t.cells.length },
          tableCellStyle: { paddingLeft: pt(0), paddingRight: pt(0) },
          fields: "paddingLeft,paddingRight",
        },
      });
  });
  return requests;
}
