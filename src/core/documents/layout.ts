/**
 * The finishing pass every document goes through before a writer renders it: the non-breaking
 * spaces of Russian typography in every piece of text, and table columns wide enough for their
 * longest word, so that no header breaks inside a word («Мероприя-тий») in either writer.
 */
import {
  type Block,
  columnWidthsMm,
  type DocumentModel,
  type PageSetup,
  PT_PER_MM,
  type Run,
  type TableBlock,
  type TableColumn,
  textWidthMm,
} from "./model";
import { typeset } from "./typography";

/**
 * Advance widths in thousandths of an em of Times New Roman (taken from Liberation Serif, its
 * metric-compatible twin that LibreOffice uses), regular and bold, for the characters of CHARS.
 */
const CHARS =
  " !\"%'()*+,-./0123456789:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁё«»–—№…";
const REGULAR = [
  250, 333, 408, 833, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 278, 278, 444, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556,
  722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500,
  278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 722, 574, 667, 578, 682, 611,
  896, 501, 722, 722, 667, 678, 889, 722, 722, 722, 556, 667, 611, 708, 790, 722, 722, 650, 1009, 1009, 706,
  872, 574, 660, 1028, 667, 444, 509, 472, 410, 509, 444, 691, 395, 535, 535, 486, 499, 633, 535, 500, 535,
  500, 444, 437, 500, 648, 500, 535, 503, 770, 770, 517, 672, 456, 429, 747, 460, 611, 444, 500, 500, 500,
  1000, 954, 1000,
];
const BOLD = [
  250, 333, 555, 1000, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500,
  500, 500, 333, 333, 500, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611,
  778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556,
  278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 722, 661, 667, 636, 688, 667,
  989, 528, 778, 778, 725, 745, 944, 778, 778, 778, 611, 722, 667, 734, 859, 722, 778, 734, 1098, 1098, 765,
  982, 661, 678, 1126, 722, 500, 500, 540, 454, 506, 444, 725, 402, 576, 576, 576, 561, 681, 576, 500, 576,
  556, 444, 491, 500, 692, 500, 576, 564, 844, 844, 583, 781, 529, 432, 764, 541, 667, 444, 500, 500, 500,
  1000, 1005, 1000,
];
const REGULAR_WIDTH = new Map([...CHARS].map((ch, i) => [ch, REGULAR[i]]));
const BOLD_WIDTH = new Map([...CHARS].map((ch, i) => [ch, BOLD[i]]));
/** A character missing from the table counts as a wide one. */
const UNKNOWN_WIDTH = 722;

/** The width of a text in millimetres, set in Times New Roman of `sizePt`. */
export function textWidthMmOf(text: string, sizePt: number, bold = false): number {
  const widths = bold ? BOLD_WIDTH : REGULAR_WIDTH;
  let em = 0;
  for (const ch of text) em += widths.get(ch === "\u00a0" ? " " : ch) ?? UNKNOWN_WIDTH;
  return (em / 1000) * (sizePt / PT_PER_MM);
}

/** The widest piece of a text no line can break: words (a non-breaking space joins), split after a hyphen. */
export function longestPieceMm(text: string, sizePt: number, bold = false): number {
  let widest = 0;
  for (const word of text.split(/[ \t\n]+/))
    for (const piece of word.split(/(?<=[-–—/])/))
      widest = Math.max(widest, textWidthMmOf(piece, sizePt, bold));
  return widest;
}

/** Left and right padding of a cell together, in millimetres (the larger of the two writers'). */
export const CELL_PADDING_MM = 3.6;

/**
 * Column widths (millimetres, as relative widths) that keep the table's proportions but give each
 * column at least its longest header word (bold) and longest cell word. When even that does not fit
 * the text width, every column gets the same share of its need.
 */
export function fitColumns(table: TableBlock, page: PageSetup, documentSize: number): TableColumn[] {
  const size = table.size ?? documentSize - 1;
  const total = textWidthMm(page);
  const base = columnWidthsMm(page, table.columns);
  const need = table.columns.map((c, i) => {
    let w = table.noHeader ? 0 : longestPieceMm(c.header, size, true);
    for (const r of table.rows) {
      if ("span" in r) continue;
      const cell = r.cells[i];
      if (cell) w = Math.max(w, longestPieceMm(cell.text, size, cell.bold === true));
    }
    return w + CELL_PADDING_MM;
  });
  const needed = need.reduce((s, w) => s + w, 0);
  if (needed >= total) return table.columns.map((c, i) => ({ ...c, width: (need[i] * total) / needed }));
  const fixed = new Set<number>();
  let widths = base;
  for (let round = 0; round < table.columns.length; round++) {
    const left = total - [...fixed].reduce((s, i) => s + need[i], 0);
    const share = base.reduce((s, w, i) => (fixed.has(i) ? s : s + w), 0);
    widths = base.map((w, i) => (fixed.has(i) ? need[i] : (w * left) / share));
    const short = widths.map((_w, i) => i).filter((i) => !fixed.has(i) && widths[i] < need[i]);
    if (short.length === 0) break;
    for (const i of short) fixed.add(i);
  }
  return table.columns.map((c, i) => ({ ...c, width: widths[i] }));
}

function typesetRuns(runs: Run[]): Run[] {
  return runs.map((r) => ({ ...r, text: typeset(r.text) }));
}

function finishBlock(b: Block, doc: DocumentModel): Block {
  switch (b.kind) {
    case "paragraph":
      return { ...b, runs: typesetRuns(b.runs) };
    case "heading":
      return { ...b, text: typeset(b.text) };
    case "list":
      return { ...b, items: b.items.map(typesetRuns) };
    case "table": {
      const t: TableBlock = {
        ...b,
        columns: b.columns.map((c) => ({ ...c, header: typeset(c.header) })),
        rows: b.rows.map((r) =>
          "span" in r
            ? { span: typeset(r.span) }
            : { cells: r.cells.map((c) => ({ ...c, text: typeset(c.text) })) },
        ),
      };
      return { ...t, columns: fitColumns(t, doc.page, doc.size) };
    }
    case "signature":
      return {
        ...b,
        lines: b.lines.map((l) => ({ position: typeset(l.position), name: typeset(l.name) })),
      };
    case "split":
      return { ...b, left: typesetRuns(b.left), right: typesetRuns(b.right) };
    case "pageBreak":
      return b;
  }
}

/** The document typeset and its tables fitted: what the builders return. */
export function finish(doc: DocumentModel): DocumentModel {
  return { ...doc, title: typeset(doc.title), blocks: doc.blocks.map((b) => finishBlock(b, doc)) };
}
