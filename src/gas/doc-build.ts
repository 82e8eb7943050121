/**
 * A whole Google Doc written by the Docs advanced service in three requests, where DocumentApp
 * takes a call per paragraph, list item, heading level and table setting (about 100 for a
 * programme): the renderer (documents.ts) draws the model onto a RecordingBody, which calls no
 * service and keeps what was appended; then
 *   1. one Documents.batchUpdate writes the content — every paragraph's text, each table and its
 *      cells' texts, the page breaks;
 *   2. one Documents.get says where each paragraph and table ended up (indexes are read, not
 *      computed, except for a new table's cells, below);
 *   3. one Documents.batchUpdate styles it all: the page, each paragraph's named style (heading or
 *      normal text), attributes and bold / italic / underlined parts, each list's bullets, each
 *      table's borders, column widths and cells (doc-tables.ts styleRequests).
 *
 * The content is written back to front, every request at index 1 (the start of the body), so no
 * index shifts under a later request (the Docs API guide's advice: «write backwards»). As Google's
 * reference documents the requests (developers.google.com/workspace/docs/api/reference/rest/v1/
 * documents/request): insertText «must be inserted inside the bounds of an existing Paragraph»
 * and a newline in it starts a new paragraph; insertTable inserts «a newline character … before the
 * inserted table, therefore the table start index will be at the specified location index + 1»;
 * insertPageBreak inserts «a page break followed by a newline». So a paragraph is inserted with its
 * closing newline before what is already there, except into the empty paragraph a new body ends
 * with or the one insertTable leaves before its table, which it fills. A new table at index 1
 * starts at 2; as the «Structure of a Google Docs document» guide describes a table (the table,
 * each row and each cell take one index where they start, and an empty cell holds one paragraph of
 * one newline), the paragraph of cell (r, c) of a table of C columns is at 2 + 3 + r(2C + 1) + 2c,
 * and the cells are filled last to first so that none moves another.
 *
 * What this cannot write the same as DocumentApp is left to it (planWithApi returns null): a body
 * that starts with a table (the API keeps a paragraph before it), two tables or a page break and a
 * table in a row (it would put an empty paragraph between), a page break at the end, and text with
 * line breaks or control characters (the API turns them into paragraphs or drops them).
 */
import type { Deferred } from "./doc-tables";
import { pt, rgb, styleRequests } from "./doc-tables";

type Json = Record<string, unknown>;
type DocumentApp = GoogleAppsScript.Document.DocumentApp;

/** A paragraph or list item appended to a RecordingBody. */
class RecordedParagraph {
  readonly kind = "paragraph" as const;
  /** The ParagraphHeading set, if any. */
  heading: unknown = null;
  /** A list item's glyph, and the first item of its list (itself for the first). */
  glyph: unknown = null;
  listOf: RecordedParagraph | null = null;

  constructor(
    private readonly type: unknown,
    readonly text: string,
    readonly item: boolean,
  ) {}
  getType(): unknown {
    return this.type;
  }
  asParagraph(): this {
    return this;
  }
  getText(): string {
    return this.text;
  }
  setHeading(h: unknown): this {
    this.heading = h;
    return this;
  }
  setGlyphType(g: unknown): this {
    this.glyph = g;
    return this;
  }
  setListId(first: RecordedParagraph): this {
    this.listOf = first;
    return this;
  }
}

class RecordedTable {
  readonly kind = "table" as const;
  borderWidth: number | null = null;
  borderColor: string | null = null;
  readonly widths: (number | null)[];

  constructor(readonly cells: string[][]) {
    this.widths = new Array<number | null>(cells[0]?.length ?? 0).fill(null);
  }
  setBorderWidth(w: number): this {
    this.borderWidth = w;
    return this;
  }
  setBorderColor(c: string): this {
    this.borderColor = c;
    return this;
  }
  setColumnWidth(i: number, w: number): this {
    this.widths[i] = w;
    return this;
  }
}

interface RecordedPageBreak {
  kind: "pageBreak";
}

type Recorded = RecordedParagraph | RecordedTable | RecordedPageBreak;

/**
 * A stand-in for a new document's Body that calls no service: what BodyRenderer appends (with its
 * styles deferred) is kept in order. It starts, as a new body does, with one empty paragraph.
 */
export class RecordingBody {
  readonly children: Recorded[] = [];

  constructor(private readonly app: DocumentApp) {
    this.children.push(new RecordedParagraph(app.ElementType.PARAGRAPH, "", false));
  }
  getNumChildren(): number {
    return this.children.length;
  }
  getChild(i: number): Recorded {
    return this.children[i];
  }
  removeChild(child: Recorded): this {
    const i = this.children.indexOf(child);
    if (i >= 0) this.children.splice(i, 1);
    return this;
  }
  appendParagraph(text: string): RecordedParagraph {
    const p = new RecordedParagraph(this.app.ElementType.PARAGRAPH, String(text), false);
    this.children.push(p);
    return p;
  }
  appendListItem(text: string): RecordedParagraph {
    const p = new RecordedParagraph(this.app.ElementType.LIST_ITEM, String(text), true);
    this.children.push(p);
    return p;
  }
  appendTable(cells: string[][]): RecordedTable {
    const t = new RecordedTable(cells.map((r) => r.map(String)));
    this.children.push(t);
    return t;
  }
  appendPageBreak(): RecordedPageBreak {
    const b: RecordedPageBreak = { kind: "pageBreak" };
    this.children.push(b);
    return b;
  }
}

/** The three requests of a document written through the Docs API. */
export interface ApiPlan {
  /** The first batch: the content, back to front. */
  content: Json[];
  /** The last batch, from the body content Documents.get returns after the first. */
  style(content: Json[]): Json[];
}

/**
 * Text the API would split, strip or turn into something else: line breaks (a newline starts a
 * paragraph, U+000B is a line break), the control characters it strips (U+0000–U+0008,
 * U+000C–U+001F) and the Private Use Area it strips (U+E000–U+F8FF). A tab is kept.
 */
function awkward(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || (c >= 0xe000 && c <= 0xf8ff)) return true;
  }
  return false;
}

const ROW = (columns: number) => 2 * columns + 1;

/**
 * The requests that write what `body` recorded and style it as `deferred` says (the renderer's
 * deferred styles, in the same order), or null when the API cannot write it as DocumentApp would.
 */
export function planWithApi(app: DocumentApp, body: RecordingBody, deferred: Deferred): ApiPlan | null {
  const els = body.children;
  if (els.length === 0 || els[0].kind === "table" || els[els.length - 1].kind === "pageBreak") return null;
  const paragraphs = els.filter((e): e is RecordedParagraph => e.kind === "paragraph");
  const tables = els.filter((e): e is RecordedTable => e.kind === "table");
  if (paragraphs.length !== deferred.paragraphs.length || tables.length !== deferred.tables.length)
    return null;
  for (let k = 0; k < els.length; k++) {
    const e = els[k];
    if (e.kind === "table") {
      if (els[k - 1].kind !== "paragraph") return null;
      if (e.cells.length === 0 || e.widths.length === 0) return null;
      if (e.cells.some((r) => r.length !== e.widths.length || r.some(awkward))) return null;
    } else if (e.kind === "paragraph") {
      if (awkward(e.text)) return null;
      // A list's items are in one run, none starting with a tab (the API makes tabs nesting levels).
      if (e.item) {
        if (e.text.startsWith("\t")) return null;
        const prev = els[k - 1];
        const inRun = prev?.kind === "paragraph" && prev.item && (prev.listOf ?? prev) === (e.listOf ?? e);
        if (e.listOf && !inRun) return null;
      }
    }
  }
  if (paragraphs.some((p, i) => p.text !== deferred.paragraphs[i].text)) return null;

  // 1. The content, back to front, each request at the start of the body.
  const content: Json[] = [];
  /** The paragraph at index 1 is an empty one to fill (the body's last, or the one before a table). */
  let fill = true;
  for (let k = els.length - 1; k >= 0; k--) {
    const e = els[k];
    if (e.kind === "table") {
      const columns = e.widths.length;
      content.push({ insertTable: { rows: e.cells.length, columns, location: { index: 1 } } });
      for (let r = e.cells.length - 1; r >= 0; r--)
        for (let c = columns - 1; c >= 0; c--) {
          const text = e.cells[r][c];
          if (text !== "")
            content.push({ insertText: { location: { index: 5 + r * ROW(columns) + 2 * c }, text } });
        }
      fill = true;
    } else if (e.kind === "pageBreak") {
      content.push({ insertPageBreak: { location: { index: 1 } } });
      fill = false;
    } else {
      const text = fill ? e.text : `${e.text}\n`;
      if (text !== "") content.push({ insertText: { location: { index: 1 }, text } });
      fill = false;
    }
  }

  // 3. The style, where Documents.get found everything.
  const style = (found: Json[]): Json[] => {
    const located: [number, number][] = [];
    const starts: number[] = [];
    const styled = styleRequests(found, deferred, located, starts);
    const named: Json[] = [];
    const bullets: Json[] = [];
    const tableProps: Json[] = [];
    const H = app.ParagraphHeading;
    let p = 0;
    let t = 0;
    let list: { first: RecordedParagraph; start: number; end: number } | null = null;
    const closeList = () => {
      if (!list) return;
      bullets.push({
        createParagraphBullets: {
          range: { startIndex: list.start, endIndex: list.end },
          bulletPreset:
            list.first.glyph === app.GlyphType.NUMBER
              ? "NUMBERED_DECIMAL_ALPHA_ROMAN"
              : "BULLET_DISC_CIRCLE_SQUARE",
        },
      });
      list = null;
    };
    for (const e of els) {
      if (e.kind === "paragraph") {
        const [start, end] = located[p++];
        const level =
          e.heading === H.HEADING1 ? 1 : e.heading === H.HEADING2 ? 2 : e.heading === H.HEADING3 ? 3 : 0;
        // Every paragraph's named style: a cleared body's paragraphs copy the one left in it.
        named.push({
          updateParagraphStyle: {
            range: { startIndex: start, endIndex: end },
            paragraphStyle: { namedStyleType: level > 0 ? `HEADING_${level}` : "NORMAL_TEXT" },
            fields: "namedStyleType",
          },
        });
        if (e.item) {
          const first = e.listOf ?? e;
          if (list && list.first === first) list.end = end;
          else {
            closeList();
            list = { first, start, end };
          }
        } else closeList();
        continue;
      }
      closeList();
      if (e.kind !== "table") continue;
      const start = starts[t++];
      if (e.borderWidth !== null) {
        const border = {
          color: { color: { rgbColor: rgb(e.borderColor ?? "#000000") } },
          width: pt(e.borderWidth),
          dashStyle: "SOLID",
        };
        tableProps.push({
          updateTableCellStyle: {
            tableRange: {
              tableCellLocation: { tableStartLocation: { index: start }, rowIndex: 0, columnIndex: 0 },
              rowSpan: e.cells.length,
              columnSpan: e.widths.length,
            },
            tableCellStyle: {
              borderTop: border,
              borderBottom: border,
              borderLeft: border,
              borderRight: border,
            },
            fields: "borderTop,borderBottom,borderLeft,borderRight",
          },
        });
      }
      e.widths.forEach((w, i) => {
        if (w !== null)
          tableProps.push({
            updateTableColumnProperties: {
              tableStartLocation: { index: start },
              columnIndices: [i],
              tableColumnProperties: { widthType: "FIXED_WIDTH", width: pt(w) },
              fields: "widthType,width",
            },
          });
      });
    }
    closeList();
    // Bullets last: createParagraphBullets may move indexes (it drops leading tabs; there are none).
    return [...named, ...styled, ...tableProps, ...bullets];
  };
  return { content, style };
}
