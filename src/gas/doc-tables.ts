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

function rgb(hex: string): Json {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Внутренняя ошибка: цвет «${hex}» не в формате #rrggbb`);
  return {
    red: Number.parseInt(m[1], 16) / 255,
    green: Number.parseInt(m[2], 16) / 255,
    blue: Number.parseInt(m[3], 16) / 255,
  };
}

const pt = (magnitude: number) => ({ magnitude, unit: "PT" });

/** The requests that style one cell's paragraph over [start, end). */
function cellRequests(style: CellStyle, start: number, end: number): Json[] {
  const range = { startIndex: start, endIndex: end };
  return [
    {
      updateParagraphStyle: {
        range,
        paragraphStyle: {
          alignment: ALIGN[style.align ?? "left"],
          lineSpacing: 100,
          spaceAbove: pt(style.spaceBefore ?? 0),
          spaceBelow: pt(style.spaceAfter ?? 0),
        },
        fields: "alignment,lineSpacing,spaceAbove,spaceBelow",
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

/**
 * Styles the deferred tables of a saved document: its tables in body order are the deferred ones,
 * in the order they were appended (the body was new or cleared).
 */
export function styleTablesWithApi(
  api: GoogleAppsScript.Docs.Collection.DocumentsCollection,
  documentId: string,
  tables: DeferredTable[],
): void {
  if (tables.length === 0) return;
  const doc = api.get(documentId, {
    fields: "body.content(startIndex,table(tableRows(tableCells(content(startIndex,endIndex)))))",
  }) as unknown as Json;
  const found = (((doc.body as Json | undefined)?.content ?? []) as Json[]).filter((e) => e.table);
  if (found.length !== tables.length)
    throw new Error(
      `Внутренняя ошибка: в документе ${found.length} таблиц вместо ${tables.length}; повторите создание документа.`,
    );
  const requests: Json[] = [];
  tables.forEach((t, k) => {
    const element = found[k];
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
  if (requests.length > 0) api.batchUpdate({ requests } as never, documentId);
}
