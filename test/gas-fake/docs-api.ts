/**
 * The Docs advanced service (Google Docs API v1 through Apps Script): `Docs.Documents.get` and
 * `Docs.Documents.batchUpdate` over the documents of the DocumentApp fake (document.ts), each
 * counted as one call of the service "Docs" («Documents.get», «Documents.batchUpdate»).
 *
 * As documented (developers.google.com/workspace/docs/api/reference/rest/v1/documents/batchUpdate
 * and the «Structure of a Google Docs document» guide):
 * - a document's body is a list of structural elements with start and end indexes in UTF-16 code
 *   units; it opens with a section break (end index 1); a paragraph runs over its text and its
 *   closing newline; a table, its rows and its cells each take one index where they start, and a
 *   cell holds its paragraphs;
 * - the requests of a batch apply in order and «if any request is not valid then the entire request
 *   will fail and nothing will be applied»;
 * - an update changes only the fields of its `fields` mask («*» for all); a named field left out of
 *   the style is reset;
 * - `get(id, { fields })` returns only the fields of its mask.
 * The section break, the table's one closing index and a page break's one index are how this fake
 * counts; a script must take indexes from `get`, never compute them.
 *
 * Modelled requests: updateParagraphStyle (alignment, lineSpacing, spaceAbove, spaceBelow,
 * indentStart, indentFirstLine), updateTextStyle (bold, italic, underline, fontSize,
 * weightedFontFamily, foregroundColor — over a whole paragraph; bold, italic and underline over any
 * part), updateTableCellStyle (backgroundColor, paddingLeft, paddingRight) and updateDocumentStyle
 * (pageSize, marginTop, marginBottom, marginLeft, marginRight). Each is carried out
 * as the DocumentApp call that does the same (Paragraph.setAttributes, TableCell setters), so both
 * paths leave the same document. Anything else throws «gas-fake: … is not modelled».
 */
import { instrument } from "./calls";
import type { DocData, FakeBody, FakeParagraph, FakeTable, FakeTableCell } from "./document";
import { type Env, Fake } from "./env";
import { applyMask, hexOf, parseMask } from "./sheets-api";

type Json = Record<string, unknown>;

/** A paragraph (or list item) of the body or of a table cell, where it sits. */
interface Located {
  start: number;
  end: number;
  paragraph: FakeParagraph;
}

interface LocatedTable {
  start: number;
  table: FakeTable;
}

/** The document's body as the API describes it, and where each paragraph and table is. */
function layout(body: FakeBody): { content: Json[]; paragraphs: Located[]; tables: LocatedTable[] } {
  const paragraphs: Located[] = [];
  const tables: LocatedTable[] = [];
  let i = 1;
  const paragraph = (p: FakeParagraph): Json => {
    const start = i;
    i += p.text.length + (p.pageBreak ? 1 : 0) + 1;
    paragraphs.push({ start, end: i, paragraph: p });
    // A page break is an element of its own, one index long, before the text and its newline.
    const elements: Json[] = p.pageBreak ? [{ startIndex: start, endIndex: start + 1, pageBreak: {} }] : [];
    const from = p.pageBreak ? start + 1 : start;
    elements.push({ startIndex: from, endIndex: i, textRun: { content: `${p.text}\n` } });
    return { startIndex: start, endIndex: i, paragraph: { elements } };
  };
  const content: Json[] = [{ endIndex: 1, sectionBreak: {} }];
  for (const child of body.children) {
    if ("cells" in child && typeof (child as FakeTable).cells === "function") {
      const table = child as FakeTable;
      const start = i;
      tables.push({ start, table });
      i += 1;
      const tableRows = table.children.map((row) => {
        const rowStart = i;
        i += 1;
        const tableCells = row.children.map((cell: FakeTableCell) => {
          const cellStart = i;
          i += 1;
          const cellContent = cell.children.map(paragraph);
          return { startIndex: cellStart, endIndex: i, content: cellContent };
        });
        return { startIndex: rowStart, endIndex: i, tableCells };
      });
      i += 1;
      content.push({
        startIndex: start,
        endIndex: i,
        table: { rows: table.children.length, columns: table.columnWidths.length, tableRows },
      });
    } else content.push(paragraph(child as FakeParagraph));
  }
  return { content, paragraphs, tables };
}

class ApiError extends Error {}

/**
 * Runs a DocumentApp setter on a paragraph of a saved document: the API edits the stored document,
 * which DocumentApp's closed handle (saveAndClose) would refuse. Uncounted.
 */
function edit(env: Env, p: FakeParagraph, fn: () => void): void {
  const handle = p.handle;
  const closed = handle.closed;
  handle.closed = false;
  try {
    env.calls.untracked(fn);
  } finally {
    handle.closed = closed;
  }
}

const ALIGNMENT: Record<string, string> = {
  START: "LEFT",
  CENTER: "CENTER",
  END: "RIGHT",
  JUSTIFIED: "JUSTIFY",
};

/** A Dimension in points (the only unit modelled). */
function points(d: unknown, what: string): number {
  const dim = (d ?? {}) as Json;
  if (dim.magnitude === undefined) return 0;
  if (dim.unit !== "PT") throw new ApiError(`${what}: the unit must be PT`);
  return Number(dim.magnitude);
}

export class FakeDocsDocuments extends Fake {
  readonly gasType = "Documents";

  constructor(
    env: Env,
    private readonly docs: Map<string, DocData>,
  ) {
    super(env);
  }

  get(documentId: string, optionalArgs: Json = {}): Json {
    const data = this.document("get", documentId);
    const full: Json = {
      documentId: data.id,
      title: data.file.name,
      body: { content: layout(data.body).content },
    };
    const fields = optionalArgs.fields as string | undefined;
    return this.toScript(fields === undefined ? full : applyMask(full, parseMask(fields))) as Json;
  }

  batchUpdate(resource: Json, documentId: string): Json {
    const data = this.document("batchUpdate", documentId);
    const requests = (resource?.requests as Json[] | undefined) ?? [];
    if (!Array.isArray(requests) || requests.length === 0)
      throw this.apiError("batchUpdate", "Must specify at least one request.");
    const where = layout(data.body);
    // Every request is checked before the first applies: one invalid request applies none.
    const steps: (() => void)[] = [];
    requests.forEach((request, i) => {
      const kinds = Object.keys(request ?? {});
      const kind = kinds[0];
      try {
        if (kinds.length !== 1) throw new ApiError("exactly one kind of request");
        steps.push(this.prepare(data, where, kind, ((request as Json)[kind] ?? {}) as Json));
      } catch (e) {
        if (e instanceof ApiError)
          throw this.apiError("batchUpdate", `Invalid requests[${i}].${kind}: ${e.message}`);
        throw e;
      }
    });
    for (const step of steps) step();
    return this.toScript({ documentId: data.id, replies: requests.map(() => ({})) }) as Json;
  }

  private prepare(data: DocData, where: ReturnType<typeof layout>, kind: string, body: Json): () => void {
    switch (kind) {
      case "updateParagraphStyle":
        return this.paragraphStyle(where, body);
      case "updateTextStyle":
        return this.textStyle(where, body);
      case "updateTableCellStyle":
        return this.cellStyle(where, body);
      case "updateDocumentStyle":
        return this.documentStyle(data, body);
      default:
        throw new Error(`gas-fake: the Docs API request ${kind} is not modelled`);
    }
  }

  /** The paragraphs a range touches (a range must lie in the body and not be empty). */
  private touched(
    where: ReturnType<typeof layout>,
    range: unknown,
  ): { located: Located[]; from: number; to: number } {
    const r = (range ?? {}) as Json;
    if (r.segmentId !== undefined && r.segmentId !== "")
      throw new Error("gas-fake: only the body is modelled");
    const from = Number(r.startIndex);
    const to = Number(r.endIndex);
    const last = where.paragraphs.length > 0 ? where.paragraphs[where.paragraphs.length - 1].end : 1;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to <= from)
      throw new ApiError(`Invalid range: ${from}..${to}`);
    if (to > last)
      throw new ApiError(
        `Index ${to - 1} must be less than the end index of the referenced segment, ${last}.`,
      );
    const located = where.paragraphs.filter((p) => p.start < to && from < p.end);
    if (located.length === 0) throw new ApiError(`The range ${from}..${to} holds no paragraph`);
    return { located, from, to };
  }

  private fields(body: Json, known: string[]): string[] {
    const mask = body.fields;
    if (typeof mask !== "string" || mask === "") throw new ApiError("fields must be set");
    const list = mask === "*" ? known : mask.split(",").map((f) => f.trim());
    for (const f of list)
      if (!known.includes(f)) throw new Error(`gas-fake: the field ${f} of this request is not modelled`);
    return list;
  }

  private paragraphStyle(where: ReturnType<typeof layout>, body: Json): () => void {
    const { located } = this.touched(where, body.range);
    const style = (body.paragraphStyle ?? {}) as Json;
    const fields = this.fields(body, [
      "alignment",
      "lineSpacing",
      "spaceAbove",
      "spaceBelow",
      "indentStart",
      "indentFirstLine",
    ]);
    const attributes: Json = {};
    for (const f of fields) {
      const v = style[f];
      switch (f) {
        case "alignment": {
          const a = v === undefined ? "LEFT" : ALIGNMENT[String(v)];
          if (!a) throw new ApiError(`Invalid alignment: ${String(v)}`);
          attributes.HORIZONTAL_ALIGNMENT = a;
          break;
        }
        case "lineSpacing":
          attributes.LINE_SPACING = v === undefined ? 1.15 : Number(v) / 100;
          break;
        case "spaceAbove":
          attributes.SPACING_BEFORE = points(v, f);
          break;
        case "spaceBelow":
          attributes.SPACING_AFTER = points(v, f);
          break;
        case "indentStart":
          attributes.INDENT_START = points(v, f);
          break;
        case "indentFirstLine":
          attributes.INDENT_FIRST_LINE = points(v, f);
          break;
      }
    }
    return () => {
      for (const l of located) edit(this.env, l.paragraph, () => l.paragraph.setAttributes(attributes));
    };
  }

  private textStyle(where: ReturnType<typeof layout>, body: Json): () => void {
    const { located, from, to } = this.touched(where, body.range);
    const style = (body.textStyle ?? {}) as Json;
    const fields = this.fields(body, [
      "bold",
      "italic",
      "underline",
      "fontSize",
      "weightedFontFamily",
      "foregroundColor",
    ]);
    const whole: Json = {};
    const flags: ["bold" | "italic" | "underline", boolean][] = [];
    for (const f of fields) {
      const v = style[f];
      if (f === "bold" || f === "italic" || f === "underline") flags.push([f, v === true]);
      else if (f === "fontSize") whole.FONT_SIZE = v === undefined ? null : points(v, f);
      else if (f === "weightedFontFamily")
        whole.FONT_FAMILY = v === undefined ? null : String((v as Json).fontFamily);
      else if (f === "foregroundColor")
        whole.FOREGROUND_COLOR = v === undefined ? null : hexOf(((v as Json).color ?? {}) as Json);
    }
    // Font, size and colour are kept per paragraph here: the range must cover the paragraph's text.
    if (Object.keys(whole).length > 0)
      for (const l of located)
        if (from > l.start || to < l.end - 1)
          throw new Error("gas-fake: font, size and colour of part of a paragraph are not modelled");
    return () => {
      for (const l of located) {
        const p = l.paragraph;
        edit(this.env, p, () => {
          if (Object.keys(whole).length > 0) p.setAttributes(whole);
          for (const [flag, on] of flags) {
            const a = Math.max(from, l.start) - l.start;
            const b = Math.min(to, l.start + p.text.length) - l.start;
            for (let k = a; k < b; k++) p.style[flag][k] = on;
          }
        });
      }
    };
  }

  /** The page's size and margins, as Body.setPageWidth… would set them. */
  private documentStyle(data: DocData, body: Json): () => void {
    const style = (body.documentStyle ?? {}) as Json;
    const fields = this.fields(body, ["pageSize", "marginTop", "marginBottom", "marginLeft", "marginRight"]);
    const size = (style.pageSize ?? {}) as Json;
    const set: (() => void)[] = [];
    for (const f of fields) {
      if (f === "pageSize") {
        const width = points(size.width, "pageSize.width");
        const height = points(size.height, "pageSize.height");
        if (width <= 0 || height <= 0) throw new ApiError("pageSize must have a width and a height");
        set.push(() => {
          data.body.page.width = width;
          data.body.page.height = height;
        });
      } else {
        const v = points(style[f], f);
        const side = f.slice("margin".length).toLowerCase() as "top" | "bottom" | "left" | "right";
        set.push(() => {
          data.body.margins[side] = v;
        });
      }
    }
    return () => {
      for (const s of set) s();
    };
  }

  private cellStyle(where: ReturnType<typeof layout>, body: Json): () => void {
    const range = (body.tableRange ?? {}) as Json;
    const location = (range.tableCellLocation ?? {}) as Json;
    const startIndex = Number(((location.tableStartLocation ?? {}) as Json).index);
    const table = where.tables.find((t) => t.start === startIndex);
    if (!table) throw new ApiError(`No table starts at index ${startIndex}`);
    const row = Number(location.rowIndex ?? 0);
    const col = Number(location.columnIndex ?? 0);
    const rows = Number(range.rowSpan ?? 1);
    const cols = Number(range.columnSpan ?? 1);
    const t = table.table;
    if (
      row < 0 ||
      col < 0 ||
      rows < 1 ||
      cols < 1 ||
      row + rows > t.children.length ||
      col + cols > t.columnWidths.length
    )
      throw new ApiError("The table range is outside the table");
    const style = (body.tableCellStyle ?? {}) as Json;
    const fields = this.fields(body, ["backgroundColor", "paddingLeft", "paddingRight"]);
    return () => {
      for (let r = row; r < row + rows; r++)
        for (let c = col; c < col + cols; c++) {
          const cell = t.children[r].children[c];
          for (const f of fields) {
            if (f === "backgroundColor") {
              const color = (style.backgroundColor as Json | undefined)?.color;
              cell.background = color ? (hexOf(color) ?? "") : "";
            } else if (f === "paddingLeft") cell.padding.left = points(style.paddingLeft, f);
            else cell.padding.right = points(style.paddingRight, f);
          }
        }
    };
  }

  private document(method: string, id: string): DocData {
    const data = this.docs.get(String(id));
    if (!data || data.file.trashed) throw this.apiError(method, "Requested entity was not found.");
    return data;
  }

  private apiError(method: string, message: string): Error {
    const e = this.env.error(`API call to docs.documents.${method} failed with error: ${message}`);
    e.name = "GoogleJsonResponseException";
    return e;
  }

  private toScript(value: unknown): unknown {
    if (Array.isArray(value)) return this.env.realm.array(value.map((v) => this.toScript(v)));
    if (value !== null && typeof value === "object") {
      const out: Json = {};
      for (const [k, v] of Object.entries(value as Json)) out[k] = this.toScript(v);
      return this.env.realm.object(out);
    }
    return value;
  }
}
instrument(FakeDocsDocuments, "Docs", "Documents", ["get", "batchUpdate"]);

/** The `Docs` global of a script whose manifest enables the Docs advanced service (v1). */
export class FakeDocsAdvancedService {
  readonly Documents: FakeDocsDocuments;
  constructor(env: Env, docs: Map<string, DocData>) {
    this.Documents = new FakeDocsDocuments(env, docs);
  }
}
