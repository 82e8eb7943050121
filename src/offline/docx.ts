import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import JSZip from "jszip";
import {
  A4_MM,
  type Align,
  type Block,
  columnWidthsMm,
  type DocumentModel,
  type Run,
  SIGNATURE_LINE,
  type TableBlock,
  textWidthMm,
} from "../core/documents/model";
import { collectGarbage } from "./memory";

/** The document model rendered as .docx with the docx package (offline runtime). */

const TWIP_PER_MM = 1440 / 25.4;
const twip = (mm: number) => Math.round(mm * TWIP_PER_MM);
/** docx sizes are in half-points. */
const half = (pt: number) => Math.round(pt * 2);

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;

class DocxRenderer {
  private lists = 0;

  constructor(private readonly doc: DocumentModel) {}

  private runs(runs: Run[], size?: number): TextRun[] {
    return runs.map(
      (r) =>
        new TextRun({
          text: r.text,
          bold: r.bold,
          italics: r.italic,
          underline: r.underline ? {} : undefined,
          size: size ? half(size) : undefined,
        }),
    );
  }

  blocks(): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    for (const b of this.doc.blocks) out.push(...this.block(b));
    return out;
  }

  private block(b: Block): (Paragraph | Table)[] {
    const size = this.doc.size;
    switch (b.kind) {
      case "heading":
        return [
          new Paragraph({
            heading: HEADINGS[b.level - 1],
            alignment: ALIGN[b.align ?? "left"],
            keepNext: true,
            spacing: { before: b.level === 1 ? 120 : 200, after: 120 },
            children: [
              new TextRun({
                text: b.text,
                bold: true,
                color: "000000",
                size: half(b.level === 1 ? size + 3 : b.level === 2 ? size + 1 : size),
              }),
            ],
          }),
        ];
      case "paragraph":
        return [
          new Paragraph({
            alignment: ALIGN[b.align ?? "left"],
            keepNext: b.keepNext,
            indent: b.indentLeftMm
              ? { left: twip(b.indentLeftMm) }
              : b.indent
                ? { firstLine: twip(12.5) }
                : undefined,
            spacing: {
              before: Math.round((b.spaceBefore ?? 0) * 20),
              after: Math.round((b.spaceAfter ?? 6) * 20),
            },
            children: this.runs(b.runs, b.size),
          }),
        ];
      case "list": {
        const instance = ++this.lists;
        return b.items.map(
          (item) =>
            new Paragraph({
              alignment: AlignmentType.JUSTIFIED,
              numbering: b.ordered
                ? { reference: "ordered", level: 0, instance }
                : { reference: "bullets", level: 0, instance },
              spacing: { after: 60 },
              children: this.runs(item),
            }),
        );
      }
      case "table":
        return [this.table(b), new Paragraph({ spacing: { after: 60 }, children: [] })];
      case "signature":
        return [
          this.layoutTable(
            [55, 22, 23],
            b.lines.map((l) => [l.position.replace(/\n/g, " "), SIGNATURE_LINE, l.name]),
            ["left", "center", "right"],
          ),
        ];
      case "split":
        return [
          this.layoutTable(
            [50, 50],
            [[b.left.map((r) => r.text).join(""), b.right.map((r) => r.text).join("")]],
            ["left", "right"],
          ),
        ];
      case "pageBreak":
        return [new Paragraph({ children: [new PageBreak()] })];
    }
  }

  private cellParagraph(text: string, align: Align, size: number, bold = false, italic = false): Paragraph {
    return new Paragraph({
      alignment: ALIGN[align],
      spacing: { after: 0 },
      children: [new TextRun({ text, bold, italics: italic, size: half(size) })],
    });
  }

  private table(b: TableBlock): Table {
    const size = b.size ?? this.doc.size - 1;
    const widths = columnWidthsMm(this.doc.page, b.columns).map(twip);
    const margins = { top: 40, bottom: 40, left: 80, right: 80 };
    const rows: TableRow[] = [];
    if (!b.noHeader)
      rows.push(
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: b.columns.map(
            (c, i) =>
              new TableCell({
                width: { size: widths[i], type: WidthType.DXA },
                margins,
                shading: { fill: "EEEEEE", type: ShadingType.CLEAR, color: "auto" },
                children: [this.cellParagraph(c.header, "center", size, true)],
              }),
          ),
        }),
      );
    for (const r of b.rows) {
      if ("span" in r) {
        rows.push(
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({
                columnSpan: b.columns.length,
                width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
                margins,
                shading: { fill: "F5F5F5", type: ShadingType.CLEAR, color: "auto" },
                children: [this.cellParagraph(r.span, "left", size, true)],
              }),
            ],
          }),
        );
        continue;
      }
      rows.push(
        new TableRow({
          cantSplit: true,
          children: b.columns.map((c, i) => {
            const cell = r.cells[i];
            return new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              margins,
              children: [
                this.cellParagraph(
                  cell?.text ?? "",
                  cell?.align ?? c.align ?? "left",
                  size,
                  cell?.bold,
                  cell?.italic,
                ),
              ],
            });
          }),
        }),
      );
    }
    return new Table({
      width: { size: twip(textWidthMm(this.doc.page)), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows,
    });
  }

  /** A borderless table placing text in columns (signatures, «date … №»). */
  private layoutTable(relative: number[], rows: string[][], aligns: Align[]): Table {
    const widths = columnWidthsMm(
      this.doc.page,
      relative.map((w) => ({ width: w })),
    ).map(twip);
    return new Table({
      width: { size: twip(textWidthMm(this.doc.page)), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: TableBorders.NONE,
      rows: rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map(
              (text, j) =>
                new TableCell({
                  width: { size: widths[j], type: WidthType.DXA },
                  margins: { top: 120, bottom: 20, left: 0, right: 0 },
                  borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
                  children: [this.cellParagraph(text, aligns[j], this.doc.size)],
                }),
            ),
          }),
      ),
    });
  }
}

/** A header with the page number centred, and an empty one for the first page. */
function pageNumberHeaders(model: DocumentModel): { default: Header; first: Header } {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: [PageNumber.CURRENT], size: half(model.size) })],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

/** Builds the docx Document of a model. */
export function toDocx(model: DocumentModel): Document {
  const r = new DocxRenderer(model);
  const landscape = model.page.orientation === "landscape";
  const m = model.page.margins;
  const indent = { left: twip(10), hanging: twip(6) };
  return new Document({
    creator: "Наставничество",
    title: model.title,
    styles: {
      default: {
        document: {
          run: { font: model.font, size: half(model.size) },
          paragraph: { spacing: { line: 240 } },
        },
        heading1: { run: { font: model.font, color: "000000", bold: true } },
        heading2: { run: { font: model.font, color: "000000", bold: true } },
        heading3: { run: { font: model.font, color: "000000", bold: true } },
      },
    },
    numbering: {
      config: [
        {
          reference: "ordered",
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: "%1.",
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent } },
            },
          ],
        },
        {
          reference: "bullets",
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: "•",
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: twip(A4_MM.width),
              height: twip(A4_MM.height),
              orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: { top: twip(m.top), right: twip(m.right), bottom: twip(m.bottom), left: twip(m.left) },
          },
          // ГОСТ Р 7.0.97-2016: page numbers in the middle of the top margin, from the second page.
          titlePage: model.pageNumbers,
        },
        headers: model.pageNumbers ? pageNumberHeaders(model) : undefined,
        children: r.blocks(),
      },
    ],
  });
}

/**
 * Rows of a table rendered at a time (issue 15, item 6). The docx package builds the whole XML of a
 * document as objects before writing it: the order for 5,000 pairs (8,300 table rows, 22 MB of XML)
 * took 1.3 GB. A longer table is rendered in pieces of this many rows, spliced into the document.
 */
export const TABLE_CHUNK_ROWS = 250;

const chunkMarker = (k: number) => `@@mentor-rows-${k}@@`;

/** The `<w:tr>` elements of the first table of a rendered document. */
async function tableRowsXml(buffer: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
  const first = xml.indexOf("<w:tr>");
  const last = xml.lastIndexOf("</w:tr>");
  return first < 0 || last < first ? "" : xml.slice(first, last + "</w:tr>".length);
}

/** The model as .docx bytes; long tables rendered piece by piece, with the same XML. */
export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const pieces: string[][] = [];
  const blocks: Block[] = [];
  for (const b of model.blocks) {
    if (b.kind !== "table" || b.rows.length <= TABLE_CHUNK_ROWS) {
      blocks.push(b);
      continue;
    }
    const rows: string[] = [];
    for (let i = TABLE_CHUNK_ROWS; i < b.rows.length; i += TABLE_CHUNK_ROWS) {
      const part: TableBlock = { ...b, noHeader: true, rows: b.rows.slice(i, i + TABLE_CHUNK_ROWS) };
      rows.push(await tableRowsXml(await Packer.toBuffer(toDocx({ ...model, blocks: [part] }))));
      // Each piece leaves its objects behind; V8 would rather grow than collect them.
      if (rows.length % 8 === 0) collectGarbage();
    }
    blocks.push({ ...b, rows: [...b.rows.slice(0, TABLE_CHUNK_ROWS), { span: chunkMarker(pieces.length) }] });
    pieces.push(rows);
  }
  if (pieces.length === 0) return Packer.toBuffer(toDocx(model));
  collectGarbage();
  const zip = await JSZip.loadAsync(await Packer.toBuffer(toDocx({ ...model, blocks })));
  let xml = await zip.file("word/document.xml")!.async("string");
  pieces.forEach((rows, k) => {
    const at = xml.indexOf(chunkMarker(k));
    const start = xml.lastIndexOf("<w:tr>", at);
    const end = xml.indexOf("</w:tr>", at) + "</w:tr>".length;
    xml = `${xml.slice(0, start)}${rows.join("")}${xml.slice(end)}`;
  });
  zip.file("word/document.xml", xml);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
