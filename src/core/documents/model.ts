/**
 * The document model: what a generated document says and how it is laid out, independent of the
 * runtime. src/gas/documents.ts renders it with DocumentApp, src/offline/docx.ts with the docx
 * package. Every document of the program (orders, programs, notes, reports) is built as this model
 * in core from the workbook, so both runtimes produce the same content.
 */

export type Align = "left" | "center" | "right" | "justify";

/** A piece of text with its emphasis. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export type Inline = string | Run;

export interface ParagraphBlock {
  kind: "paragraph";
  runs: Run[];
  align?: Align;
  /** A first-line indent (the usual 1.25 cm of Russian official text). */
  indent?: boolean;
  /** Left indent in millimetres (e.g. an approval block on the right half of the page). */
  indentLeftMm?: number;
  /** Font size in points; the document's size when absent. */
  size?: number;
  spaceBefore?: number;
  /** Space after the paragraph in points (default 6). */
  spaceAfter?: number;
  /** Keep on the same page as the next block (captions, headings). */
  keepNext?: boolean;
}

export interface HeadingBlock {
  kind: "heading";
  /** 1 — the document title, 2 — a section, 3 — a subsection. */
  level: 1 | 2 | 3;
  text: string;
  align?: Align;
}

export interface ListBlock {
  kind: "list";
  ordered: boolean;
  items: Run[][];
}

export interface TableCellModel {
  text: string;
  bold?: boolean;
  italic?: boolean;
  align?: Align;
}

export type TableRowModel =
  | { cells: TableCellModel[] }
  /** A title row across the whole table width (a group or stage caption). */
  | { span: string };

export interface TableColumn {
  header: string;
  /** Relative width: columns share the text width in proportion. */
  width: number;
  align?: Align;
}

export interface TableBlock {
  kind: "table";
  columns: TableColumn[];
  rows: TableRowModel[];
  /** Font size in points (default: 1 pt below the document's). */
  size?: number;
  /** Without a header row (e.g. a layout table); the column headers are then ignored. */
  noHeader?: boolean;
}

export interface SignatureLine {
  /** «Директор», «Куратор программы наставничества»… May hold a line break. */
  position: string;
  /** «Баева С.Н.», or "" for a line to fill by hand. */
  name: string;
}

/** Signature lines: position on the left, a line to sign on, the name on the right. */
export interface SignatureBlock {
  kind: "signature";
  lines: SignatureLine[];
}

/** One line with text at the left and at the right margin («30 ноября 2026 г.» … «№ ___»). */
export interface SplitLineBlock {
  kind: "split";
  left: Run[];
  right: Run[];
}

export interface PageBreakBlock {
  kind: "pageBreak";
}

export type Block =
  | ParagraphBlock
  | HeadingBlock
  | ListBlock
  | TableBlock
  | SignatureBlock
  | SplitLineBlock
  | PageBreakBlock;

export interface PageSetup {
  size: "A4";
  orientation: "portrait" | "landscape";
  /** Margins in millimetres. */
  margins: { top: number; right: number; bottom: number; left: number };
}

export interface DocumentModel {
  /** The title (shown as the document's name where the format has one). */
  title: string;
  page: PageSetup;
  font: string;
  /** Base font size in points. */
  size: number;
  /**
   * Page numbers in the middle of the top margin from the second page on (ГОСТ Р 7.0.97-2016,
   * п. 6.5). The .docx writer puts a PAGE field in a header with a different first page; DocumentApp
   * cannot insert a page-number field (nor set a different first page), so Google Docs go without.
   */
  pageNumbers: boolean;
  blocks: Block[];
}

/** A4 in millimetres and points. */
export const A4_MM = { width: 210, height: 297 } as const;
export const PT_PER_MM = 72 / 25.4;

/** Margins of Russian office paperwork (ГОСТ Р 7.0.97-2016): left 30, right 10, top/bottom 20 mm. */
export const OFFICIAL_PAGE: PageSetup = {
  size: "A4",
  orientation: "portrait",
  margins: { top: 20, right: 15, bottom: 20, left: 30 },
};

export function newDocument(title: string, page: PageSetup = OFFICIAL_PAGE): DocumentModel {
  return { title, page, font: "Times New Roman", size: 12, pageNumbers: true, blocks: [] };
}

/** Page width and height in millimetres, after orientation. */
export function pageSizeMm(page: PageSetup): { width: number; height: number } {
  return page.orientation === "landscape"
    ? { width: A4_MM.height, height: A4_MM.width }
    : { width: A4_MM.width, height: A4_MM.height };
}

/** The width left for text, in millimetres. */
export function textWidthMm(page: PageSetup): number {
  return pageSizeMm(page).width - page.margins.left - page.margins.right;
}

/** Column widths in millimetres, proportional to the columns' relative widths. */
export function columnWidthsMm(page: PageSetup, columns: { width: number }[]): number[] {
  const total = columns.reduce((s, c) => s + Math.max(c.width, 0), 0) || columns.length;
  const width = textWidthMm(page);
  return columns.map((c) => (width * (total === columns.length ? 1 : Math.max(c.width, 0))) / total);
}

// --- Builders: short helpers the documents are written with. ---

export function run(text: string, style: Omit<Run, "text"> = {}): Run {
  return { text, ...style };
}

export function bold(text: string): Run {
  return { text, bold: true };
}

export function italic(text: string): Run {
  return { text, italic: true };
}

export function toRuns(parts: Inline[]): Run[] {
  return parts.map((p) => (typeof p === "string" ? { text: p } : p));
}

export function paragraph(parts: Inline | Inline[], options: Omit<ParagraphBlock, "kind" | "runs"> = {}) {
  const list = Array.isArray(parts) ? parts : [parts];
  const block: ParagraphBlock = { kind: "paragraph", runs: toRuns(list), ...options };
  return block;
}

/** A body paragraph of official text: justified, first-line indent. */
export function text(parts: Inline | Inline[]): ParagraphBlock {
  return paragraph(parts, { align: "justify", indent: true });
}

export function heading(level: 1 | 2 | 3, textValue: string, align?: Align): HeadingBlock {
  return { kind: "heading", level, text: textValue, align: align ?? (level === 1 ? "center" : "left") };
}

export function list(ordered: boolean, items: (Inline | Inline[])[]): ListBlock {
  return {
    kind: "list",
    ordered,
    items: items.map((i) => toRuns(Array.isArray(i) ? i : [i])),
  };
}

export function cell(value: string | number, style: Omit<TableCellModel, "text"> = {}): TableCellModel {
  return { text: String(value), ...style };
}

export function row(values: (string | number | TableCellModel)[]): TableRowModel {
  return { cells: values.map((v) => (typeof v === "object" ? v : cell(v))) };
}

export function table(
  columns: TableColumn[],
  rows: TableRowModel[],
  options: Omit<TableBlock, "kind" | "columns" | "rows"> = {},
): TableBlock {
  return { kind: "table", columns, rows, ...options };
}

export function signature(lines: SignatureLine[]): SignatureBlock {
  return { kind: "signature", lines };
}

export function splitLine(left: Inline | Inline[], right: Inline | Inline[]): SplitLineBlock {
  return {
    kind: "split",
    left: toRuns(Array.isArray(left) ? left : [left]),
    right: toRuns(Array.isArray(right) ? right : [right]),
  };
}

export function pageBreak(): PageBreakBlock {
  return { kind: "pageBreak" };
}

/** An empty paragraph (vertical space). */
export function blank(): ParagraphBlock {
  return paragraph("", { spaceAfter: 0 });
}

/** The line a signature is written on. */
export const SIGNATURE_LINE = "____________";

/** The document as plain text, one block per line (tables as « | »-joined rows): for tests and mail. */
export function plainText(doc: DocumentModel): string {
  const out: string[] = [];
  const runsText = (runs: Run[]) => runs.map((r) => r.text).join("");
  for (const b of doc.blocks) {
    switch (b.kind) {
      case "paragraph":
        out.push(runsText(b.runs));
        break;
      case "heading":
        out.push(b.text);
        break;
      case "list":
        b.items.forEach((item, i) => {
          out.push(`${b.ordered ? `${i + 1}.` : "•"} ${runsText(item)}`);
        });
        break;
      case "table":
        if (!b.noHeader) out.push(b.columns.map((c) => c.header).join(" | "));
        for (const r of b.rows) out.push("span" in r ? r.span : r.cells.map((c) => c.text).join(" | "));
        break;
      case "signature":
        for (const l of b.lines) out.push(`${l.position.replace(/\n/g, " ")} ${SIGNATURE_LINE} ${l.name}`);
        break;
      case "split":
        out.push(`${runsText(b.left)} ${runsText(b.right)}`);
        break;
      case "pageBreak":
        out.push("");
        break;
    }
  }
  return out.join("\n");
}
