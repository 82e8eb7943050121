import {
  type Align,
  type Block,
  columnWidthsMm,
  type DocumentModel,
  PT_PER_MM,
  pageSizeMm,
  type Run,
  SIGNATURE_LINE,
  type TableBlock,
  type TableRowModel,
} from "../core/documents/model";
import {
  attachmentOf,
  type DocumentSet,
  type DocumentStorePort,
  type GeneratedDocument,
  type MailAttachment,
  type StoredDocument,
} from "../core/usecases/documents";
import type { FileNamesPort } from "../core/usecases/erase";
import { type CallMeter, counted } from "./call-counter";
import { type ApiPlan, planWithApi, RecordingBody } from "./doc-build";
import {
  type Deferred,
  type DeferredParagraph,
  docsApi,
  LAYOUT_FIELDS,
  styleDocumentWithApi,
} from "./doc-tables";

/**
 * The document model rendered with DocumentApp, and the store of Google Docs (GasDocumentStore).
 * Regenerating a document opens the earlier version by its remembered ID, clears it and writes it
 * again: its ID and link stay the same, no copies pile up.
 */

type DocumentApp = GoogleAppsScript.Document.DocumentApp;
type Body = GoogleAppsScript.Document.Body;
type Paragraph = GoogleAppsScript.Document.Paragraph;
type ListItem = GoogleAppsScript.Document.ListItem;
const FIRST_LINE_INDENT_PT = 12.5 * PT_PER_MM;

function pt(mm: number): number {
  return Math.round(mm * PT_PER_MM * 100) / 100;
}

function alignment(app: DocumentApp, a: Align | undefined): GoogleAppsScript.Document.HorizontalAlignment {
  const h = app.HorizontalAlignment;
  switch (a) {
    case "center":
      return h.CENTER;
    case "right":
      return h.RIGHT;
    case "justify":
      return h.JUSTIFY;
    default:
      return h.LEFT;
  }
}

/** Paragraph and text attributes in one object: one setAttributes call styles a paragraph. */
interface ParagraphStyle {
  font: string;
  size: number;
  bold?: boolean;
  align?: Align;
  spaceBefore?: number;
  spaceAfter?: number;
  indentStart?: number;
  indentFirstLine?: number;
}

function attributes(app: DocumentApp, s: ParagraphStyle): Record<string, unknown> {
  const A = app.Attribute;
  const out: Record<string, unknown> = {
    [A.FONT_FAMILY]: s.font,
    [A.FONT_SIZE]: s.size,
    [A.FOREGROUND_COLOR]: "#000000",
    [A.BOLD]: s.bold === true,
    [A.ITALIC]: false,
    [A.UNDERLINE]: false,
    [A.HORIZONTAL_ALIGNMENT]: alignment(app, s.align),
    [A.LINE_SPACING]: 1,
    [A.SPACING_BEFORE]: s.spaceBefore ?? 0,
    [A.SPACING_AFTER]: s.spaceAfter ?? 0,
  };
  if (s.indentStart !== undefined) out[A.INDENT_START] = s.indentStart;
  if (s.indentFirstLine !== undefined) out[A.INDENT_FIRST_LINE] = s.indentFirstLine;
  return out;
}

/** Bold / italic / underline of runs, applied by offsets after the text is in place. */
function applyRuns(text: GoogleAppsScript.Document.Text, runs: Run[]): void {
  let at = 0;
  for (const r of runs) {
    const end = at + r.text.length - 1;
    if (r.text.length > 0) {
      if (r.bold) text.setBold(at, end, true);
      if (r.italic) text.setItalic(at, end, true);
      if (r.underline) text.setUnderline(at, end, true);
    }
    at += r.text.length;
  }
}

function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join("");
}

class BodyRenderer {
  constructor(
    private readonly app: DocumentApp,
    private readonly body: Body,
    private readonly doc: DocumentModel,
    /**
     * The page, paragraphs and table cells styled after the save, through the Docs API
     * (doc-tables.ts); null: now, with DocumentApp.
     */
    readonly deferred: Deferred | null = null,
  ) {}

  render(): void {
    const { body, doc } = this;
    const size = pageSizeMm(doc.page);
    const m = doc.page.margins;
    if (this.deferred)
      this.deferred.page = {
        width: pt(size.width),
        height: pt(size.height),
        top: pt(m.top),
        bottom: pt(m.bottom),
        left: pt(m.left),
        right: pt(m.right),
      };
    else {
      body.setPageWidth(pt(size.width));
      body.setPageHeight(pt(size.height));
      body.setMarginTop(pt(m.top));
      body.setMarginBottom(pt(m.bottom));
      body.setMarginLeft(pt(m.left));
      body.setMarginRight(pt(m.right));
    }
    const initial = body.getNumChildren();
    for (const block of doc.blocks) this.block(block);
    // A new or cleared body starts with one empty paragraph: drop it once content follows.
    if (initial > 0 && body.getNumChildren() > 1) {
      const first = body.getChild(0);
      if (first.getType() === this.app.ElementType.PARAGRAPH && first.asParagraph().getText() === "")
        body.removeChild(first);
    }
  }

  /**
   * Styles a body paragraph of `text`: its attributes, then its runs' bold, italic and underline.
   * On the Docs API path both wait for the batch after the save.
   */
  private style(
    p: Paragraph | ListItem,
    text: string,
    style: Omit<ParagraphStyle, "font">,
    runs: Run[] | null = null,
  ): void {
    const styled = runs?.some((r) => r.bold || r.italic || r.underline) ? runs : null;
    if (this.deferred) {
      const deferred: DeferredParagraph = { text, style: { font: this.doc.font, ...style }, runs: [] };
      let at = 0;
      for (const r of styled ?? []) {
        if (r.bold || r.italic || r.underline)
          deferred.runs.push({
            from: at,
            to: at + r.text.length,
            bold: r.bold,
            italic: r.italic,
            underline: r.underline,
          });
        at += r.text.length;
      }
      this.deferred.paragraphs.push(deferred);
      return;
    }
    this.styleNow(p, style);
    if (styled) applyRuns(p.editAsText(), styled);
  }

  /** A paragraph's attributes set now, with DocumentApp (one setAttributes call). */
  private styleNow(p: Paragraph | ListItem, style: Omit<ParagraphStyle, "font">): void {
    p.setAttributes(attributes(this.app, { font: this.doc.font, ...style }));
  }

  private block(b: Block): void {
    const { app, body, doc } = this;
    switch (b.kind) {
      case "heading": {
        const p = body.appendParagraph(b.text);
        const H = app.ParagraphHeading;
        p.setHeading(b.level === 1 ? H.HEADING1 : b.level === 2 ? H.HEADING2 : H.HEADING3);
        this.style(p, b.text, {
          size: b.level === 1 ? doc.size + 3 : b.level === 2 ? doc.size + 1 : doc.size,
          align: b.align,
          bold: true,
          spaceBefore: b.level === 1 ? 6 : 10,
          spaceAfter: 6,
        });
        return;
      }
      case "paragraph": {
        const text = runsText(b.runs);
        const p = body.appendParagraph(text);
        this.style(
          p,
          text,
          {
            size: b.size ?? doc.size,
            align: b.align,
            spaceBefore: b.spaceBefore ?? 0,
            spaceAfter: b.spaceAfter ?? 6,
            ...(b.indentLeftMm
              ? { indentStart: pt(b.indentLeftMm), indentFirstLine: pt(b.indentLeftMm) }
              : b.indent
                ? { indentFirstLine: FIRST_LINE_INDENT_PT }
                : {}),
          },
          b.runs,
        );
        return;
      }
      case "list": {
        let first: ListItem | null = null;
        for (const item of b.items) {
          const text = runsText(item);
          const li = body.appendListItem(text);
          li.setGlyphType(b.ordered ? app.GlyphType.NUMBER : app.GlyphType.BULLET);
          if (first) li.setListId(first);
          else first = li;
          this.style(li, text, { size: doc.size, align: "justify", spaceAfter: 3 }, item);
        }
        return;
      }
      case "table":
        this.table(b);
        return;
      case "signature":
        this.layoutTable(
          [55, 22, 23],
          b.lines.map((l) => [l.position.replace(/\n/g, " "), SIGNATURE_LINE, l.name]),
          ["left", "center", "right"],
        );
        return;
      case "split":
        this.layoutTable([50, 50], [[runsText(b.left), runsText(b.right)]], ["left", "right"]);
        return;
      case "pageBreak":
        body.appendPageBreak();
        return;
    }
  }

  /**
   * A data table. Rows spanning the width («span») become bold captions between table segments:
   * DocumentApp cannot merge cells across a row, and a caption squeezed into the first column would
   * break letter by letter.
   */
  private table(b: TableBlock): void {
    const segments: { caption: string | null; rows: TableRowModel[] }[] = [{ caption: null, rows: [] }];
    for (const r of b.rows) {
      if ("span" in r) segments.push({ caption: r.span, rows: [] });
      else segments[segments.length - 1].rows.push(r);
    }
    let headerDone = b.noHeader === true;
    for (const seg of segments) {
      if (seg.caption !== null) {
        const p = this.body.appendParagraph(seg.caption);
        this.style(p, seg.caption, {
          size: b.size ?? this.doc.size - 1,
          align: "left",
          bold: true,
          spaceBefore: 4,
          spaceAfter: 2,
        });
      }
      if (seg.rows.length === 0 && headerDone) continue;
      this.dataTable(b, seg.rows, !headerDone);
      headerDone = true;
    }
  }

  private dataTable(b: TableBlock, rows: TableRowModel[], withHeader: boolean): void {
    const size = b.size ?? this.doc.size - 1;
    const data = rows.map((r) => ("cells" in r ? r.cells : []));
    const n = b.columns.length;
    const cells: string[][] = [];
    if (withHeader) cells.push(b.columns.map((c) => c.header));
    for (const r of data) {
      const line = r.map((c) => c.text);
      while (line.length < n) line.push("");
      cells.push(line.slice(0, n));
    }
    if (cells.length === 0) return;
    const t = this.body.appendTable(cells);
    t.setBorderWidth(0.5);
    t.setBorderColor("#000000");
    const widths = columnWidthsMm(this.doc.page, b.columns);
    widths.forEach((w, i) => {
      t.setColumnWidth(i, pt(w));
    });
    if (this.deferred) {
      this.deferred.tables.push({
        cells: cells.map((_, r) => {
          const header = withHeader && r === 0;
          const model = header ? null : data[withHeader ? r - 1 : r];
          return b.columns.map((col, c) => {
            const m = model?.[c];
            return {
              font: this.doc.font,
              size,
              bold: header || m?.bold === true,
              italic: m?.italic === true && m.text.length > 0,
              align: header ? "center" : (m?.align ?? col.align),
            };
          });
        }),
        shaded: { rows: withHeader ? [0] : [], color: "#eeeeee" },
        noPadding: false,
      });
      return;
    }
    for (let r = 0; r < cells.length; r++) {
      const header = withHeader && r === 0;
      const model = header ? null : data[withHeader ? r - 1 : r];
      for (let c = 0; c < n; c++) {
        const cell = t.getCell(r, c);
        const m = model?.[c];
        const p = cell.getChild(0).asParagraph();
        this.styleNow(p, {
          size,
          bold: header || m?.bold === true,
          align: header ? "center" : (m?.align ?? b.columns[c].align),
        });
        if (m?.italic && m.text.length > 0) p.editAsText().setItalic(0, m.text.length - 1, true);
        if (header) cell.setBackgroundColor("#eeeeee");
      }
    }
  }

  /** A borderless table that places text in columns (signatures, «date … №»). */
  private layoutTable(widths: number[], rows: string[][], aligns: Align[]): void {
    const t = this.body.appendTable(rows);
    t.setBorderWidth(0);
    columnWidthsMm(
      this.doc.page,
      widths.map((w) => ({ width: w })),
    ).forEach((w, i) => {
      t.setColumnWidth(i, pt(w));
    });
    if (this.deferred) {
      this.deferred.tables.push({
        cells: rows.map((r) =>
          r.map((_, j) => ({ font: this.doc.font, size: this.doc.size, align: aligns[j], spaceBefore: 6 })),
        ),
        shaded: { rows: [], color: "#eeeeee" },
        noPadding: true,
      });
      return;
    }
    rows.forEach((r, i) => {
      r.forEach((_, j) => {
        const cell = t.getCell(i, j);
        cell.setPaddingLeft(0).setPaddingRight(0);
        this.styleNow(cell.getChild(0).asParagraph(), {
          size: this.doc.size,
          align: aligns[j],
          spaceBefore: 6,
        });
      });
    });
  }
}

/**
 * Writes the model into a document body (the body should be empty: new, or cleared). With
 * `deferStyles`, the page, the paragraphs and the tables' cells are left unstyled and returned,
 * for styleDocumentWithApi once the document is saved: a document then costs DocumentApp one call
 * per paragraph or table it appends (and a list item's glyph and list, a heading's level, a
 * table's borders and widths), and the Docs API two calls.
 */
export function renderToBody(
  body: Body,
  model: DocumentModel,
  app: DocumentApp,
  deferStyles = false,
): Deferred {
  const renderer = new BodyRenderer(
    app,
    body,
    model,
    deferStyles ? { page: null, paragraphs: [], tables: [] } : null,
  );
  renderer.render();
  return renderer.deferred ?? { page: null, paragraphs: [], tables: [] };
}

/**
 * The model drawn on a RecordingBody (no service call), and the Docs API requests that write it
 * (doc-build.ts); null when only DocumentApp can write it the same.
 */
function apiPlan(model: DocumentModel, app: DocumentApp): ApiPlan | null {
  const body = new RecordingBody(app);
  const deferred = renderToBody(body as unknown as Body, model, app, true);
  return planWithApi(app, body, deferred);
}

export interface GasDocsServices {
  DocumentApp: DocumentApp;
  /** Where the ID of each document is remembered (the script's document properties). */
  properties?: GoogleAppsScript.Properties.Properties | null;
}

export const DOCUMENT_PROPERTY = "documents.doc:";

/**
 * Where the documents are: DocumentApp.create makes a Google Doc in the root of the user's Drive
 * («Мой диск»), and without a Drive scope the program moves nothing into folders.
 */
export const GAS_DOCUMENTS_PLACE = "Мой диск";

/**
 * Google Docs made and written with DocumentApp only: the program asks for no Drive scope (the
 * full «drive» scope is restricted — an unverified-app screen for everyone, blocked in many school
 * domains — and DriveApp documents only «drive» or «drive.readonly» for its methods). A document
 * of a school year is remembered by its key in the document properties («documents.doc:Наставничество
 * 2026-2027|order» → its ID): regenerating it opens it by ID, clears it and writes it again, so its
 * link stays the same wherever the curator has moved it. A PDF for mail is the document's own
 * export (Document.getAs), which needs only the «documents» scope.
 */
export class GasDocumentStore implements DocumentStorePort {
  /** The school year's folder name of the documents being saved (its documents' keys). */
  private year: string | null = null;

  constructor(private readonly services: GasDocsServices) {}

  /** The documents of `set` land in «Мой диск»; its school year keys them. */
  folderOf(set: DocumentSet): string {
    this.year = set.folder;
    return GAS_DOCUMENTS_PLACE;
  }

  /** «documents.doc:Наставничество 2026-2027|program:П-0001». */
  private keyOf(doc: GeneratedDocument, folder: string): string {
    const year = folder === GAS_DOCUMENTS_PLACE ? (this.year ?? folder) : folder;
    return `${DOCUMENT_PROPERTY}${year}|${doc.key}`;
  }

  /** The remembered document, or null (none yet, deleted, or no longer shared with this user). */
  private remembered(key: string): GoogleAppsScript.Document.Document | null {
    const id = this.services.properties?.getProperty(key) ?? null;
    if (!id) return null;
    try {
      return this.services.DocumentApp.openById(id);
    } catch (_e) {
      return null;
    }
  }

  save(doc: GeneratedDocument, folderName: string): StoredDocument {
    const docs = docsApi();
    // A programme (one of a school's hundreds) is written whole through the Docs API.
    const plan = docs && doc.kind === "program" ? apiPlan(doc.model, this.services.DocumentApp) : null;
    if (docs && plan) return this.saveWithApi(doc, folderName, docs, plan);
    // Named calls (services.DocumentApp.create…): the build grants scopes by the names it finds.
    const services = this.services;
    const key = this.keyOf(doc, folderName);
    let document = this.remembered(key);
    const replaced = document !== null;
    if (document) {
      document.setName(doc.name);
      document.getBody().clear();
    } else {
      document = services.DocumentApp.create(doc.name);
      services.properties?.setProperty(key, document.getId());
    }
    // The body's calls counted as they are made; the store's own are added below.
    const meter: CallMeter = { calls: 0 };
    const body = counted(document.getBody(), meter);
    const deferred = renderToBody(body, doc.model, services.DocumentApp, docs !== null);
    const id = document.getId();
    const url = document.getUrl();
    document.saveAndClose();
    if (docs) styleDocumentWithApi(docs, id, deferred);
    // Opened (getProperty, openById, setName, getBody, clear) or created (getProperty, create,
    // getId, setProperty); then getBody, getId, getUrl, saveAndClose; and Documents.get and
    // batchUpdate when anything was deferred.
    const styled = deferred.page || deferred.paragraphs.length > 0 || deferred.tables.length > 0;
    const calls = meter.calls + (replaced ? 5 : 4) + 4 + (docs && styled ? 2 : 0);
    return { kind: doc.kind, key: doc.key, name: doc.name, title: doc.title, id, url, replaced, calls };
  }

  /**
   * The document written whole through the Docs API (doc-build.ts): DocumentApp creates it (a new
   * document counts against the day's quota of documents created) or opens, renames and clears the
   * earlier version; then one batchUpdate writes the content, one Documents.get finds it and one
   * batchUpdate styles it. A new document is not saved first: DocumentApp has changed nothing in
   * it (saveAndClose «flushes pending updates»; there are none).
   */
  private saveWithApi(
    doc: GeneratedDocument,
    folderName: string,
    docs: GoogleAppsScript.Docs.Collection.DocumentsCollection,
    plan: ApiPlan,
  ): StoredDocument {
    const services = this.services;
    const key = this.keyOf(doc, folderName);
    let document = this.remembered(key);
    const replaced = document !== null;
    // getProperty, and openById when an ID is remembered.
    let calls = replaced ? 2 : 1;
    if (document) {
      document.setName(doc.name);
      document.getBody().clear();
      // The clearing is DocumentApp's: saved before the API writes.
      document.saveAndClose();
      calls += 4;
    } else {
      document = services.DocumentApp.create(doc.name);
      calls++;
    }
    const id = document.getId();
    if (!replaced) {
      services.properties?.setProperty(key, id);
      calls++;
    }
    const url = document.getUrl();
    calls += 2;
    if (plan.content.length > 0) {
      docs.batchUpdate({ requests: plan.content } as never, id);
      calls++;
    }
    const got = docs.get(id, { fields: LAYOUT_FIELDS }) as unknown as { body?: { content?: unknown[] } };
    const requests = plan.style((got.body?.content ?? []) as Record<string, unknown>[]);
    calls++;
    if (requests.length > 0) {
      docs.batchUpdate({ requests } as never, id);
      calls++;
    }
    return { kind: doc.kind, key: doc.key, name: doc.name, title: doc.title, id, url, replaced, calls };
  }

  /** The Google Doc exported as PDF (Document.getAs: the «documents» scope, no Drive). */
  attachment(doc: StoredDocument): MailAttachment {
    const blob = this.services.DocumentApp.openById(doc.id).getAs("application/pdf");
    const bytes = blob.getBytes();
    const out = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) out[i] = bytes[i] & 255;
    return attachmentOf(doc, "pdf", out);
  }
}

/** The store of the documents: Google Docs in «Мой диск», remembered by key. */
export function gasDocumentStore(): GasDocumentStore {
  let properties: GoogleAppsScript.Properties.Properties | null = null;
  try {
    properties = PropertiesService.getDocumentProperties();
  } catch (_e) {
    properties = null;
  }
  return new GasDocumentStore({ DocumentApp, properties });
}

/**
 * The documents' store for the job ports: made on first use, so that a job that stores no
 * document calls no DocumentApp.
 */
export function lazyDocumentStore(): DocumentStorePort {
  let store: GasDocumentStore | null = null;
  const get = () => {
    store = store ?? gasDocumentStore();
    return store;
  };
  return {
    folderOf: (set) => get().folderOf(set),
    save: (doc, folder) => get().save(doc, folder),
    attachment: (doc) => get().attachment(doc),
  };
}

/**
 * The Google Docs of the programmes of some pairs, for «Отозвать согласие»: «KEY/NAME» per
 * document remembered in the document properties (one getProperties, then openById and getName
 * per document of these pairs only); a rename sets the document's name. No Drive scope is needed.
 */
export function gasDocumentNames(): FileNamesPort {
  const properties = PropertiesService.getDocumentProperties();
  const open = (key: string) => {
    const id = properties.getProperty(key);
    return id ? DocumentApp.openById(id) : null;
  };
  return {
    names(pairIds) {
      const wanted = pairIds.map((id) => `|program:${id}`);
      const out: string[] = [];
      for (const key of Object.keys(properties.getProperties())) {
        if (!key.startsWith(DOCUMENT_PROPERTY) || !wanted.some((w) => key.endsWith(w))) continue;
        try {
          const doc = open(key);
          if (doc) out.push(`${key}/${doc.getName()}`);
        } catch (_e) {
          // Deleted or no longer shared: nothing to rename.
        }
      }
      return out;
    },
    rename(from, to) {
      const key = from.slice(0, from.indexOf("/"));
      open(key)?.setName(to.slice(key.length + 1));
    },
  };
}
