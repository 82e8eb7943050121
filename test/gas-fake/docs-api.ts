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
 * Modelled requests that write content (developers.google.com/workspace/docs/api/reference/rest/v1/
 * documents/request): insertText («Text must be inserted inside the bounds of an existing Paragraph
 * … Inserting a newline character will implicitly create a new Paragraph at that index. The
 * paragraph style of the new paragraph will be copied from the paragraph at the current insertion
 * index»; control characters U+0000–U+0008 and U+000C–U+001F are stripped), insertTable («A newline
 * character will be inserted before the inserted table, therefore the table start index will be at
 * the specified location index + 1. The table must be inserted inside the bounds of an existing
 * Paragraph»; its cells empty) and insertPageBreak («Inserts a page break followed by a newline at the
 * specified location»; not inside a table). They apply one after the other, each against the document
 * as the previous ones left it; a batch that mixes them with styling requests is not modelled. A
 * failing request leaves the document as it was before the batch.
 *
 * Modelled styling requests: updateParagraphStyle (namedStyleType, alignment, lineSpacing, spaceAbove, spaceBelow,
 * indentStart, indentFirstLine), createParagraphBullets (the paragraphs a range touches become one new
 * list, NUMBER glyphs for a NUMBERED_ preset, BULLET for a BULLET_ one; leading tabs, which the API
 * turns into nesting levels, are not modelled), updateTableColumnProperties (FIXED_WIDTH widths),
 * updateTableCellStyle's borders over a whole table (as Table.setBorderWidth / setBorderColor),
 * updateTextStyle (bold, italic, underline, fontSize,
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

/** What insertText drops: control characters U+0000–U+0008, U+000C–U+001F, the Private Use Area. */
function stripped(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if ((c <= 0x08 || (c >= 0x0c && c <= 0x1f) || (c >= 0xe000 && c <= 0xf8ff)) && ch.length === 1) continue;
    out += ch;
  }
  return out;
}

type Parent = { children: unknown[] };

/** What a content batch may change: every container's children, every paragraph's text and styles. */
interface Snapshot {
  containers: [Parent, unknown[]][];
  paragraphs: [FakeParagraph, string, boolean[][]][];
}

function snapshot(body: FakeBody): Snapshot {
  const out: Snapshot = { containers: [], paragraphs: [] };
  const keep = (p: FakeParagraph) =>
    out.paragraphs.push([p, p.text, [[...p.style.bold], [...p.style.italic], [...p.style.underline]]]);
  out.containers.push([body as unknown as Parent, [...body.children]]);
  for (const child of body.children) {
    if ("cells" in child && typeof (child as FakeTable).cells === "function") {
      for (const row of (child as FakeTable).children)
        for (const cell of row.children) {
          out.containers.push([cell as unknown as Parent, [...cell.children]]);
          for (const p of cell.children) keep(p);
        }
    } else keep(child as FakeParagraph);
  }
  return out;
}

function restore(s: Snapshot): void {
  for (const [c, children] of s.containers) {
    c.children = children;
    for (const x of children) (x as { parent: unknown }).parent = c;
  }
  for (const [p, text, [b, i, u]] of s.paragraphs) {
    p.text = text;
    p.style.bold = b;
    p.style.italic = i;
    p.style.underline = u;
  }
}

/** Cuts a paragraph at `offset`: it keeps the text before; the rest becomes a paragraph like it. */
function splitAt(factory: DocFactory, p: FakeParagraph, offset: number): FakeParagraph {
  const rest = factory.paragraphLike(p, p.text.slice(offset));
  for (const k of ["bold", "italic", "underline"] as const) {
    rest.style[k] = p.style[k].slice(offset);
    p.style[k] = p.style[k].slice(0, offset);
  }
  p.text = p.text.slice(0, offset);
  return rest;
}

/** Puts `items` right after `p` in its container. */
function place(p: FakeParagraph, ...items: (FakeParagraph | FakeTable)[]): void {
  const parent = p.parent as unknown as Parent;
  const at = parent.children.indexOf(p) + 1;
  for (const x of items) x.parent = p.parent;
  parent.children.splice(at, 0, ...items);
}

/** Text into a paragraph at `offset`; each newline starts a paragraph like it (insertText). */
function insertText(factory: DocFactory, p: FakeParagraph, offset: number, text: string): void {
  const rest = splitAt(factory, p, offset);
  const parts = text.split("\n");
  // Inserted characters take the style of the one before them, as typed text does.
  const grow = (q: FakeParagraph, add: string) => {
    const n = q.text.length;
    q.text += add;
    for (const k of ["bold", "italic", "underline"] as const)
      for (let i = 0; i < add.length; i++) q.style[k].push(n > 0 ? q.style[k][n - 1] : false);
  };
  grow(p, parts[0]);
  const made: FakeParagraph[] = [];
  for (const part of parts.slice(1)) made.push(factory.paragraphLike(p, part));
  // The text after the insertion point ends the last paragraph.
  const last = made.length > 0 ? made[made.length - 1] : p;
  const n = last.text.length;
  last.text += rest.text;
  for (const k of ["bold", "italic", "underline"] as const) {
    last.style[k].length = n;
    last.style[k].push(...rest.style[k]);
  }
  if (made.length > 0) place(p, ...made);
}

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

/** How the DocumentApp fake (document.ts) makes its elements: new paragraphs, tables, list items. */
export interface DocFactory {
  /** A paragraph like `like` (its paragraph style and list, if it is a list item) with `text`. */
  paragraphLike(like: FakeParagraph, text: string): FakeParagraph;
  /** An empty paragraph holding a page break (Body.appendPageBreak's). */
  pageBreak(like: FakeParagraph): FakeParagraph;
  /** A table of empty cells. */
  table(like: FakeParagraph, rows: number, columns: number): FakeTable;
  /** Turns a paragraph into a list item of `listId`, in place (it keeps its text and styles). */
  toListItem(p: FakeParagraph, listId: string, glyph: "NUMBER" | "BULLET"): void;
}

const BULLET_PRESETS = [
  "BULLET_DISC_CIRCLE_SQUARE",
  "BULLET_DIAMONDX_ARROW3D_SQUARE",
  "BULLET_CHECKBOX",
  "BULLET_ARROW_DIAMOND_DISC",
  "BULLET_STAR_CIRCLE_SQUARE",
  "BULLET_ARROW3D_CIRCLE_SQUARE",
  "BULLET_LEFTTRIANGLE_DIAMOND_DISC",
  "BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE",
  "BULLET_DIAMOND_CIRCLE_SQUARE",
  "NUMBERED_DECIMAL_ALPHA_ROMAN",
  "NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS",
  "NUMBERED_DECIMAL_NESTED",
  "NUMBERED_UPPERALPHA_ALPHA_ROMAN",
  "NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL",
  "NUMBERED_ZERODECIMAL_ALPHA_ROMAN",
];

const NAMED_STYLES: Record<string, string> = {
  NORMAL_TEXT: "NORMAL",
  TITLE: "TITLE",
  SUBTITLE: "SUBTITLE",
  HEADING_1: "HEADING1",
  HEADING_2: "HEADING2",
  HEADING_3: "HEADING3",
  HEADING_4: "HEADING4",
  HEADING_5: "HEADING5",
  HEADING_6: "HEADING6",
};

const CONTENT_REQUESTS = ["insertText", "insertTable", "insertPageBreak"];

export class FakeDocsDocuments extends Fake {
  readonly gasType = "Documents";
  /** Lists made by createParagraphBullets. */
  private lists = 0;

  constructor(
    env: Env,
    private readonly docs: Map<string, DocData>,
    private readonly factory: DocFactory | null = null,
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
    const kindOf = (request: unknown) => Object.keys(request ?? {})[0];
    if (requests.some((r) => CONTENT_REQUESTS.includes(kindOf(r)))) {
      if (!requests.every((r) => CONTENT_REQUESTS.includes(kindOf(r))))
        throw new Error("gas-fake: a batch mixing content and styling requests is not modelled");
      this.writeContent(data, requests);
      return this.toScript({ documentId: data.id, replies: requests.map(() => ({})) }) as Json;
    }
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
      case "createParagraphBullets":
        return this.bullets(where, body);
      case "updateTableColumnProperties":
        return this.columnProperties(where, body);
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
      "namedStyleType",
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
        case "namedStyleType": {
          const h = NAMED_STYLES[v === undefined ? "NORMAL_TEXT" : String(v)];
          if (!h) throw new ApiError(`Invalid namedStyleType: ${String(v)}`);
          attributes.HEADING = h;
          break;
        }
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
    const fields = this.fields(body, [
      "backgroundColor",
      "paddingLeft",
      "paddingRight",
      "borderTop",
      "borderBottom",
      "borderLeft",
      "borderRight",
    ]);
    const borders = fields.filter((f) => f.startsWith("border"));
    if (borders.length > 0) {
      // DocumentApp keeps one border width and colour per table: only all four, alike, over it all.
      if (
        borders.length !== 4 ||
        row !== 0 ||
        col !== 0 ||
        rows !== t.children.length ||
        cols !== t.columnWidths.length
      )
        throw new Error("gas-fake: borders other than all four of a whole table are not modelled");
      const seen = borders.map((f) => {
        const b = (style[f] ?? {}) as Json;
        if (b.dashStyle !== undefined && b.dashStyle !== "SOLID")
          throw new Error("gas-fake: only SOLID borders are modelled");
        const color = ((b.color ?? {}) as Json).color;
        return JSON.stringify([points(b.width, `${f}.width`), color ? hexOf(color) : null]);
      });
      if (new Set(seen).size !== 1) throw new Error("gas-fake: borders that differ are not modelled");
      const [width, color] = JSON.parse(seen[0]) as [number, string | null];
      if (width < 0) throw new ApiError("A border width must not be negative");
      const rest = fields.filter((f) => !f.startsWith("border"));
      return () => {
        t.borderWidth = width;
        if (color) t.borderColor = color;
        if (rest.length > 0) this.cellStyle(where, { ...body, fields: rest.join(",") })();
      };
    }
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

  /** The paragraphs a range touches become one new list (createParagraphBullets). */
  private bullets(where: ReturnType<typeof layout>, body: Json): () => void {
    const { located } = this.touched(where, body.range);
    const preset = String(body.bulletPreset ?? "");
    if (!BULLET_PRESETS.includes(preset)) throw new ApiError(`Invalid bulletPreset: ${preset}`);
    if (!this.factory) throw new Error("gas-fake: createParagraphBullets needs the DocumentApp fake");
    for (const l of located) {
      if (l.paragraph.parent?.elementType !== "BODY_SECTION")
        throw new Error("gas-fake: bullets inside a table are not modelled");
      if (l.paragraph.text.startsWith("\t"))
        throw new Error("gas-fake: leading tabs (nesting levels) are not modelled");
    }
    const factory = this.factory;
    return () => {
      const listId = `kix.api-list${++this.lists}`;
      for (const l of located)
        factory.toListItem(l.paragraph, listId, preset.startsWith("NUMBERED") ? "NUMBER" : "BULLET");
    };
  }

  /** Column widths (updateTableColumnProperties), as Table.setColumnWidth. */
  private columnProperties(where: ReturnType<typeof layout>, body: Json): () => void {
    const startIndex = Number(((body.tableStartLocation ?? {}) as Json).index);
    const table = where.tables.find((t) => t.start === startIndex);
    if (!table) throw new ApiError(`No table starts at index ${startIndex}`);
    const n = table.table.columnWidths.length;
    const indices = ((body.columnIndices as unknown[] | undefined) ?? []).map(Number);
    for (const i of indices)
      if (!Number.isInteger(i) || i < 0 || i >= n) throw new ApiError(`Invalid column index ${i}`);
    const props = (body.tableColumnProperties ?? {}) as Json;
    const fields = this.fields(body, ["widthType", "width"]);
    const type = String(props.widthType ?? "EVENLY_DISTRIBUTED");
    if (fields.includes("widthType") && type !== "FIXED_WIDTH")
      throw new Error("gas-fake: column widths other than FIXED_WIDTH are not modelled");
    if (type === "FIXED_WIDTH" && props.width === undefined)
      throw new ApiError("A FIXED_WIDTH column needs a width");
    const width = points(props.width, "width");
    return () => {
      for (const i of indices.length > 0 ? indices : [...Array(n).keys()])
        table.table.columnWidths[i] = width;
    };
  }

  /**
   * insertText, insertTable and insertPageBreak, one after the other against the document as the
   * previous ones left it; a failing one puts the document back as it was before the batch.
   */
  private writeContent(data: DocData, requests: Json[]): void {
    const factory = this.factory;
    if (!factory) throw new Error("gas-fake: content requests need the DocumentApp fake");
    const before = snapshot(data.body);
    requests.forEach((request, i) => {
      const kind = Object.keys(request ?? {})[0];
      const body = ((request as Json)[kind] ?? {}) as Json;
      try {
        if (Object.keys(request ?? {}).length !== 1) throw new ApiError("exactly one kind of request");
        const location = body.location as Json | undefined;
        if (!location) throw new Error(`gas-fake: ${kind} without a location is not modelled`);
        if (location.segmentId !== undefined && location.segmentId !== "")
          throw new Error("gas-fake: only the body is modelled");
        const index = Number(location.index);
        const where = layout(data.body);
        const at = where.paragraphs.find((p) => p.start <= index && index < p.end);
        if (!Number.isInteger(index) || !at)
          throw new ApiError(
            `The insertion index ${index} must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.`,
          );
        const p = at.paragraph;
        const offset = index - at.start - (p.pageBreak ? 1 : 0);
        if (offset < 0) throw new Error("gas-fake: an insertion before a page break is not modelled");
        const inBody = p.parent === data.body;
        if (kind === "insertText") {
          const text = stripped(String(body.text ?? ""));
          if (text === "") throw new ApiError("Insert text requests must specify text to insert.");
          insertText(factory, p, offset, text);
        } else if (kind === "insertTable") {
          const rows = Number(body.rows);
          const columns = Number(body.columns);
          if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(columns) || columns < 1)
            throw new ApiError("A table must have at least one row and one column");
          if (!inBody) throw new Error("gas-fake: a table inside a table is not modelled");
          const rest = splitAt(factory, p, offset);
          const table = factory.table(p, rows, columns);
          place(p, table, rest);
        } else {
          if (!inBody) throw new ApiError("Page breaks cannot be inserted inside a table.");
          if (offset !== 0)
            throw new Error("gas-fake: a page break inside a paragraph's text is not modelled");
          const pb = factory.pageBreak(p);
          const parent = p.parent as unknown as { children: unknown[] };
          pb.parent = p.parent;
          parent.children.splice(parent.children.indexOf(p), 0, pb);
        }
      } catch (e) {
        restore(before);
        if (e instanceof ApiError)
          throw this.apiError("batchUpdate", `Invalid requests[${i}].${kind}: ${e.message}`);
        throw e;
      }
    });
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
  constructor(env: Env, docs: Map<string, DocData>, factory: DocFactory | null = null) {
    this.Documents = new FakeDocsDocuments(env, docs, factory);
  }
}
