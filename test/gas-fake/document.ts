/**
 * DocumentApp: documents held in memory as a tree (Body → Paragraph / ListItem / Table → TableRow →
 * TableCell → Paragraph), enough to render a report and read it back. Each document is a Google Doc
 * file of the Drive fake (drive.ts): DriveApp.getFileById(doc.getId()).getAs("application/pdf")
 * exports its text as a small PDF-like blob.
 *
 *   const fake = createGasFake();
 *   const docs = installDocumentApp(fake);        // adds globals.DocumentApp and globals.DriveApp
 *   ... run the script ...
 *   docs.byName("Приказ").text();                 // read back (uncounted)
 *
 * Or, without the Sheets fake: `const { DocumentApp, DriveApp, docs } = createDocumentFake()`.
 *
 * Modelled: text, headings, alignment, indents and spacing, paragraph and character attributes
 * (bold / italic / underline by offsets), list items with glyph types and list IDs, tables with
 * column widths, borders, cell padding and backgrounds, page breaks, page size and margins,
 * body.clear(), saveAndClose() (a closed handle refuses edits; openById gives a new one).
 * DocumentApp.create is charged to the daily quota of documents created (quotas.ts: 250 a day for a
 * consumer account, `installDocumentApp(fake, { docsCreatedPerDay })` to change it).
 * Not modelled: headers and footers, footnotes, images, bookmarks, named ranges, ranges and
 * positions, find/replace with regular expressions (replaceText is literal), merged cells, tabs.
 */
import { instrument } from "./calls";
import { type DocFactory, FakeDocsAdvancedService } from "./docs-api";
import {
  createDriveFake,
  type DriveControl,
  type DriveFileData,
  DriveStore,
  driveControl,
  FakeDriveApp,
  GOOGLE_DOC_MIME,
  standaloneEnv,
} from "./drive";
import { makeEnum } from "./enums";
import { type Env, Fake } from "./env";
import type { GasFake } from "./index";
import { CONSUMER_DOCS_CREATED_PER_DAY, DailyQuota } from "./quotas";

type D = typeof GoogleAppsScript.Document;
type GasBody = GoogleAppsScript.Document.Body;
type GasParagraph = GoogleAppsScript.Document.Paragraph;
type GasListItem = GoogleAppsScript.Document.ListItem;
type GasTable = GoogleAppsScript.Document.Table;
type GasTableRow = GoogleAppsScript.Document.TableRow;
type GasTableCell = GoogleAppsScript.Document.TableCell;
type GasText = GoogleAppsScript.Document.Text;
type GasElement = GoogleAppsScript.Document.Element;

export const ParagraphHeading = makeEnum<D["ParagraphHeading"]>([
  "NORMAL",
  "HEADING1",
  "HEADING2",
  "HEADING3",
  "HEADING4",
  "HEADING5",
  "HEADING6",
  "TITLE",
  "SUBTITLE",
] as (keyof D["ParagraphHeading"] & string)[]);

export const HorizontalAlignment = makeEnum<D["HorizontalAlignment"]>(["LEFT", "CENTER", "RIGHT", "JUSTIFY"]);
export const VerticalAlignment = makeEnum<D["VerticalAlignment"]>(["BOTTOM", "CENTER", "TOP"]);
export const TextAlignment = makeEnum<D["TextAlignment"]>(["NORMAL", "SUPERSCRIPT", "SUBSCRIPT"]);
export const GlyphType = makeEnum<D["GlyphType"]>([
  "BULLET",
  "HOLLOW_BULLET",
  "SQUARE_BULLET",
  "NUMBER",
  "LATIN_UPPER",
  "LATIN_LOWER",
  "ROMAN_UPPER",
  "ROMAN_LOWER",
]);
export const ElementType = makeEnum<D["ElementType"]>([
  "BODY_SECTION",
  "COMMENT_SECTION",
  "DATE",
  "DOCUMENT",
  "EQUATION",
  "EQUATION_FUNCTION",
  "EQUATION_FUNCTION_ARGUMENT_SEPARATOR",
  "EQUATION_SYMBOL",
  "FOOTER_SECTION",
  "FOOTNOTE",
  "FOOTNOTE_SECTION",
  "HEADER_SECTION",
  "HORIZONTAL_RULE",
  "INLINE_DRAWING",
  "INLINE_IMAGE",
  "LIST_ITEM",
  "PAGE_BREAK",
  "PARAGRAPH",
  "PERSON",
  "RICH_LINK",
  "TABLE",
  "TABLE_CELL",
  "TABLE_OF_CONTENTS",
  "TABLE_ROW",
  "TEXT",
  "UNSUPPORTED",
]);
export const Attribute = makeEnum<D["Attribute"]>([
  "BACKGROUND_COLOR",
  "BOLD",
  "BORDER_COLOR",
  "BORDER_WIDTH",
  "CODE",
  "FONT_FAMILY",
  "FONT_SIZE",
  "FOREGROUND_COLOR",
  "HEADING",
  "HEIGHT",
  "HORIZONTAL_ALIGNMENT",
  "INDENT_END",
  "INDENT_FIRST_LINE",
  "INDENT_START",
  "ITALIC",
  "GLYPH_TYPE",
  "LEFT_TO_RIGHT",
  "LINE_SPACING",
  "LINK_URL",
  "LIST_ID",
  "MARGIN_BOTTOM",
  "MARGIN_LEFT",
  "MARGIN_RIGHT",
  "MARGIN_TOP",
  "NESTING_LEVEL",
  "MINIMUM_HEIGHT",
  "PADDING_BOTTOM",
  "PADDING_LEFT",
  "PADDING_RIGHT",
  "PADDING_TOP",
  "PAGE_HEIGHT",
  "PAGE_WIDTH",
  "SPACING_AFTER",
  "SPACING_BEFORE",
  "STRIKETHROUGH",
  "UNDERLINE",
  "VERTICAL_ALIGNMENT",
  "WIDTH",
]);

/** What a closed handle and every element of it share. */
interface Handle {
  closed: boolean;
}

/** A document's data: its Drive file (name) and its body. */
export interface DocData {
  id: string;
  file: DriveFileData;
  body: FakeBody;
  saves: number;
}

type Child = FakeParagraph | FakeListItem | FakeTable;

/** Base of every element: type, parent, removal, as*() casts, closed-document guard. */
abstract class FakeElement extends Fake {
  abstract readonly elementType: string;
  parent: FakeContainer | null = null;

  constructor(
    env: Env,
    readonly handle: Handle,
  ) {
    super(env);
  }
  protected guard(): void {
    if (this.handle.closed) throw this.env.error("Document is closed, its contents cannot be updated.");
  }
  getType(): GoogleAppsScript.Document.ElementType {
    return this.elementType as unknown as GoogleAppsScript.Document.ElementType;
  }
  getParent(): GoogleAppsScript.Document.ContainerElement {
    return this.parent as unknown as GoogleAppsScript.Document.ContainerElement;
  }
  private cast<T>(type: string): T {
    if (this.elementType !== type) throw this.env.error(`Cannot cast ${this.elementType} to ${type}.`);
    return this as unknown as T;
  }
  asParagraph(): GasParagraph {
    return this.cast("PARAGRAPH");
  }
  asListItem(): GasListItem {
    return this.cast("LIST_ITEM");
  }
  asTable(): GasTable {
    return this.cast("TABLE");
  }
  asTableRow(): GasTableRow {
    return this.cast("TABLE_ROW");
  }
  asTableCell(): GasTableCell {
    return this.cast("TABLE_CELL");
  }
  asBody(): GasBody {
    return this.cast("BODY_SECTION");
  }
  removeFromParent(): this {
    this.guard();
    this.parent?.detach(this);
    return this;
  }
  abstract getText(): string;
}

/** Elements with children (body, cell, table, row). */
abstract class FakeContainer extends FakeElement {
  abstract children: FakeElement[];
  detach(child: FakeElement): void {
    const i = this.children.indexOf(child);
    if (i >= 0) this.children.splice(i, 1);
    child.parent = null;
  }
  getNumChildren(): number {
    return this.children.length;
  }
  getChild(index: number): GasElement {
    const c = this.children[index];
    if (!c)
      throw this.env.error(
        `Child index (${index}) must be less than the number of child elements (${this.children.length}).`,
      );
    return c as unknown as GasElement;
  }
  getChildIndex(child: GasElement): number {
    const i = this.children.indexOf(child as unknown as FakeElement);
    if (i < 0) throw this.env.error("Element does not contain the specified child element.");
    return i;
  }
}

/** Per-character bold / italic / underline, and paragraph-wide text attributes. */
class TextStyle {
  bold: boolean[] = [];
  italic: boolean[] = [];
  underline: boolean[] = [];
  resize(n: number): void {
    for (const a of [this.bold, this.italic, this.underline]) {
      while (a.length < n) a.push(a.length > 0 ? a[a.length - 1] : false);
      a.length = n;
    }
  }
}

const TEXT_METHODS = [
  "getText",
  "setText",
  "appendText",
  "insertText",
  "deleteText",
  "setBold",
  "setItalic",
  "setUnderline",
  "isBold",
  "isItalic",
  "isUnderline",
  "setFontSize",
  "setFontFamily",
  "setForegroundColor",
  "getFontSize",
  "getFontFamily",
  "setAttributes",
  "getAttributes",
] as const;

/** editAsText() of a paragraph: offsets are inclusive, as in Apps Script. */
export class FakeText extends Fake implements Pick<GasText, (typeof TEXT_METHODS)[number]> {
  constructor(
    env: Env,
    private readonly p: FakeParagraph,
  ) {
    super(env);
  }
  private self(): GasText {
    return this as unknown as GasText;
  }
  private range(args: unknown[], name: string): [number, number, unknown] {
    const n = this.p.text.length;
    if (args.length === 1) return [0, n - 1, args[0]];
    const [s, e, v] = args as [number, number, unknown];
    if (typeof s !== "number" || typeof e !== "number" || s < 0 || e >= n || s > e)
      throw this.env.error(`Invalid offsets for Text.${name}: (${s}, ${e}) in a text of ${n} characters.`);
    return [s, e, v];
  }
  private mark(which: "bold" | "italic" | "underline", args: unknown[], name: string): GasText {
    this.p.check();
    const [s, e, v] = this.range(args, name);
    this.p.style.resize(this.p.text.length);
    for (let i = s; i <= e; i++) this.p.style[which][i] = v === true;
    return this.self();
  }
  getText(): string {
    return this.p.text;
  }
  setText(text: string): GasText {
    this.p.setText(text);
    return this.self();
  }
  appendText(text: string): GasText {
    this.p.check();
    this.p.text += String(text);
    this.p.style.resize(this.p.text.length);
    return this.self();
  }
  insertText(offset: number, text: string): GasText {
    this.p.check();
    const t = String(text);
    this.p.text = this.p.text.slice(0, offset) + t + this.p.text.slice(offset);
    for (const a of [this.p.style.bold, this.p.style.italic, this.p.style.underline])
      a.splice(offset, 0, ...new Array<boolean>(t.length).fill(false));
    return this.self();
  }
  deleteText(start: number, endInclusive: number): GasText {
    this.p.check();
    this.p.text = this.p.text.slice(0, start) + this.p.text.slice(endInclusive + 1);
    for (const a of [this.p.style.bold, this.p.style.italic, this.p.style.underline])
      a.splice(start, endInclusive - start + 1);
    return this.self();
  }
  setBold(...args: unknown[]): GasText {
    return this.mark("bold", args, "setBold");
  }
  setItalic(...args: unknown[]): GasText {
    return this.mark("italic", args, "setItalic");
  }
  setUnderline(...args: unknown[]): GasText {
    return this.mark("underline", args, "setUnderline");
  }
  isBold(offset?: number): boolean {
    return offset === undefined
      ? this.p.style.bold.every(Boolean) && this.p.text.length > 0
      : !!this.p.style.bold[offset];
  }
  isItalic(offset?: number): boolean {
    return offset === undefined
      ? this.p.style.italic.every(Boolean) && this.p.text.length > 0
      : !!this.p.style.italic[offset];
  }
  isUnderline(offset?: number): boolean {
    return offset === undefined
      ? this.p.style.underline.every(Boolean) && this.p.text.length > 0
      : !!this.p.style.underline[offset];
  }
  setFontSize(...args: unknown[]): GasText {
    this.p.check();
    this.p.attributes.FONT_SIZE = args[args.length - 1];
    return this.self();
  }
  setFontFamily(...args: unknown[]): GasText {
    this.p.check();
    this.p.attributes.FONT_FAMILY = args[args.length - 1];
    return this.self();
  }
  setForegroundColor(...args: unknown[]): GasText {
    this.p.check();
    this.p.attributes.FOREGROUND_COLOR = args[args.length - 1];
    return this.self();
  }
  getFontSize(): number {
    return Number(this.p.attributes.FONT_SIZE ?? 11);
  }
  getFontFamily(): string {
    return String(this.p.attributes.FONT_FAMILY ?? "Arial");
  }
  setAttributes(...args: unknown[]): GasText {
    this.p.setAttributes(args[args.length - 1] as Record<string, unknown>);
    return this.self();
  }
  getAttributes(): Record<string, unknown> {
    return this.p.getAttributes();
  }
}
instrument(FakeText, "DocumentApp", "Text", TEXT_METHODS);

const PARAGRAPH_METHODS = [
  "getText",
  "setText",
  "appendText",
  "editAsText",
  "setHeading",
  "getHeading",
  "setAlignment",
  "getAlignment",
  "setAttributes",
  "getAttributes",
  "setIndentStart",
  "getIndentStart",
  "setIndentFirstLine",
  "getIndentFirstLine",
  "setIndentEnd",
  "getIndentEnd",
  "setSpacingBefore",
  "getSpacingBefore",
  "setSpacingAfter",
  "getSpacingAfter",
  "setLineSpacing",
  "getLineSpacing",
  "getNumChildren",
  "clear",
  "removeFromParent",
  "getType",
  "getParent",
] as const;

/** Paragraph attributes that are fields of a paragraph (set by setAttributes or their setters). */
const PARAGRAPH_FIELDS: Record<
  string,
  "spacingBefore" | "spacingAfter" | "lineSpacing" | "indentStart" | "indentFirstLine" | "indentEnd"
> = {
  SPACING_BEFORE: "spacingBefore",
  SPACING_AFTER: "spacingAfter",
  LINE_SPACING: "lineSpacing",
  INDENT_START: "indentStart",
  INDENT_FIRST_LINE: "indentFirstLine",
  INDENT_END: "indentEnd",
};

export class FakeParagraph
  extends FakeElement
  implements
    Pick<GasParagraph, Exclude<(typeof PARAGRAPH_METHODS)[number], "getNumChildren" | "removeFromParent">>
{
  readonly elementType: string = "PARAGRAPH";
  text: string;
  heading = "NORMAL";
  alignment = "LEFT";
  attributes: Record<string, unknown> = {};
  indentStart = 0;
  indentFirstLine = 0;
  indentEnd = 0;
  spacingBefore = 0;
  spacingAfter = 0;
  lineSpacing = 1.15;
  /** True for the paragraph that holds a page break (Body.appendPageBreak). */
  pageBreak = false;
  readonly style = new TextStyle();

  constructor(env: Env, handle: Handle, text: string) {
    super(env, handle);
    this.text = String(text);
    this.style.resize(this.text.length);
  }
  /** The closed-document guard, for FakeText. */
  check(): void {
    this.guard();
  }
  protected me<T>(): T {
    return this as unknown as T;
  }
  getText(): string {
    return this.text;
  }
  setText(text: string): void {
    this.guard();
    this.text = String(text);
    this.style.bold = [];
    this.style.italic = [];
    this.style.underline = [];
    this.style.resize(this.text.length);
  }
  appendText(text: string | GasText): GasText {
    this.guard();
    this.text += typeof text === "string" ? text : text.getText();
    this.style.resize(this.text.length);
    return this.editAsText();
  }
  editAsText(): GasText {
    return new FakeText(this.env, this) as unknown as GasText;
  }
  setHeading(heading: GoogleAppsScript.Document.ParagraphHeading): GasParagraph {
    this.guard();
    if (!(String(heading) in ParagraphHeading))
      throw this.env.signatureError("Paragraph.setHeading", [heading]);
    this.heading = String(heading);
    return this.me();
  }
  getHeading(): GoogleAppsScript.Document.ParagraphHeading {
    return this.heading as unknown as GoogleAppsScript.Document.ParagraphHeading;
  }
  setAlignment(alignment: GoogleAppsScript.Document.HorizontalAlignment): GasParagraph {
    this.guard();
    if (!(String(alignment) in HorizontalAlignment))
      throw this.env.signatureError("Paragraph.setAlignment", [alignment]);
    this.alignment = String(alignment);
    return this.me();
  }
  getAlignment(): GoogleAppsScript.Document.HorizontalAlignment {
    return this.alignment as unknown as GoogleAppsScript.Document.HorizontalAlignment;
  }
  /** Text attributes apply to all the paragraph's text; BOLD/ITALIC/UNDERLINE to every character. */
  setAttributes(attributes: Record<string, unknown>): GasParagraph {
    this.guard();
    for (const [k, v] of Object.entries(attributes ?? {})) {
      if (!(k in Attribute)) throw this.env.error(`Unknown attribute ${k}.`);
      if (k === "BOLD" || k === "ITALIC" || k === "UNDERLINE") {
        const which = k.toLowerCase() as "bold" | "italic" | "underline";
        this.style[which] = new Array<boolean>(this.text.length).fill(v === true);
      } else if (k === "HEADING") this.heading = String(v);
      else if (k === "HORIZONTAL_ALIGNMENT") {
        if (!(String(v) in HorizontalAlignment))
          throw this.env.error(`Invalid value for HORIZONTAL_ALIGNMENT: ${v}.`);
        this.alignment = String(v);
      } else if (k in PARAGRAPH_FIELDS) this[PARAGRAPH_FIELDS[k]] = Number(v);
      else this.attributes[k] = v;
    }
    return this.me();
  }
  getAttributes(): Record<string, unknown> {
    return this.env.realm.object({
      ...this.attributes,
      SPACING_BEFORE: this.spacingBefore,
      SPACING_AFTER: this.spacingAfter,
      LINE_SPACING: this.lineSpacing,
      INDENT_START: this.indentStart,
      INDENT_FIRST_LINE: this.indentFirstLine,
      INDENT_END: this.indentEnd,
      HEADING: this.heading,
      HORIZONTAL_ALIGNMENT: this.alignment,
      BOLD: this.text.length > 0 && this.style.bold.every(Boolean),
      ITALIC: this.text.length > 0 && this.style.italic.every(Boolean),
    });
  }
  setIndentStart(v: number): GasParagraph {
    this.guard();
    this.indentStart = v;
    return this.me();
  }
  getIndentStart(): number {
    return this.indentStart;
  }
  setIndentFirstLine(v: number): GasParagraph {
    this.guard();
    this.indentFirstLine = v;
    return this.me();
  }
  getIndentFirstLine(): number {
    return this.indentFirstLine;
  }
  setIndentEnd(v: number): GasParagraph {
    this.guard();
    this.indentEnd = v;
    return this.me();
  }
  getIndentEnd(): number {
    return this.indentEnd;
  }
  setSpacingBefore(v: number): GasParagraph {
    this.guard();
    this.spacingBefore = v;
    return this.me();
  }
  getSpacingBefore(): number {
    return this.spacingBefore;
  }
  setSpacingAfter(v: number): GasParagraph {
    this.guard();
    this.spacingAfter = v;
    return this.me();
  }
  getSpacingAfter(): number {
    return this.spacingAfter;
  }
  setLineSpacing(v: number): GasParagraph {
    this.guard();
    this.lineSpacing = v;
    return this.me();
  }
  getLineSpacing(): number {
    return this.lineSpacing;
  }
  getNumChildren(): number {
    return (this.text.length > 0 ? 1 : 0) + (this.pageBreak ? 1 : 0);
  }
  clear(): GasParagraph {
    this.setText("");
    return this.me();
  }
  /** The characters set bold, as runs of text (for tests). */
  boldRuns(): string[] {
    const out: string[] = [];
    let cur = "";
    for (let i = 0; i < this.text.length; i++) {
      if (this.style.bold[i]) cur += this.text[i];
      else if (cur) {
        out.push(cur);
        cur = "";
      }
    }
    if (cur) out.push(cur);
    return out;
  }
}
instrument(FakeParagraph, "DocumentApp", "Paragraph", PARAGRAPH_METHODS);

const LIST_ITEM_METHODS = [
  ...PARAGRAPH_METHODS,
  "setGlyphType",
  "getGlyphType",
  "setListId",
  "getListId",
  "setNestingLevel",
  "getNestingLevel",
] as const;

export class FakeListItem
  extends FakeParagraph
  implements
    Pick<
      GasListItem,
      "setGlyphType" | "getGlyphType" | "setListId" | "getListId" | "setNestingLevel" | "getNestingLevel"
    >
{
  override readonly elementType: string = "LIST_ITEM";
  glyphType = "BULLET";
  listId: string;
  nestingLevel = 0;

  constructor(env: Env, handle: Handle, text: string, listId: string) {
    super(env, handle, text);
    this.listId = listId;
  }
  setGlyphType(glyphType: GoogleAppsScript.Document.GlyphType): GasListItem {
    this.guard();
    if (!(String(glyphType) in GlyphType))
      throw this.env.signatureError("ListItem.setGlyphType", [glyphType]);
    this.glyphType = String(glyphType);
    return this.me();
  }
  getGlyphType(): GoogleAppsScript.Document.GlyphType {
    return this.glyphType as unknown as GoogleAppsScript.Document.GlyphType;
  }
  setListId(listItem: GasListItem): GasListItem {
    this.guard();
    const other = listItem as unknown as FakeListItem;
    if (!(other instanceof FakeListItem)) throw this.env.signatureError("ListItem.setListId", [listItem]);
    this.listId = other.listId;
    return this.me();
  }
  getListId(): string {
    return this.listId;
  }
  setNestingLevel(level: number): GasListItem {
    this.guard();
    this.nestingLevel = level;
    return this.me();
  }
  getNestingLevel(): number {
    return this.nestingLevel;
  }
}
instrument(FakeListItem, "DocumentApp", "ListItem", LIST_ITEM_METHODS);

const CELL_METHODS = [
  "getText",
  "setText",
  "editAsText",
  "getChild",
  "getNumChildren",
  "appendParagraph",
  "clear",
  "setBackgroundColor",
  "getBackgroundColor",
  "setPaddingTop",
  "setPaddingBottom",
  "setPaddingLeft",
  "setPaddingRight",
  "getPaddingTop",
  "getPaddingBottom",
  "getPaddingLeft",
  "getPaddingRight",
  "setVerticalAlignment",
  "getVerticalAlignment",
  "setWidth",
  "getWidth",
  "getColSpan",
  "getRowSpan",
  "getParentRow",
  "getParentTable",
  "setAttributes",
  "getAttributes",
] as const;

export class FakeTableCell
  extends FakeContainer
  implements Pick<GasTableCell, (typeof CELL_METHODS)[number]>
{
  readonly elementType = "TABLE_CELL";
  children: FakeParagraph[];
  background = "";
  padding = { top: 5, bottom: 5, left: 5, right: 5 };
  verticalAlignment = "TOP";
  width: number | null = null;
  attributes: Record<string, unknown> = {};

  constructor(env: Env, handle: Handle, text: string) {
    super(env, handle);
    this.children = [];
    this.addParagraph(text);
  }
  private addParagraph(text: string): FakeParagraph {
    const p = new FakeParagraph(this.env, this.handle, text);
    p.parent = this;
    this.children.push(p);
    return p;
  }
  private me(): GasTableCell {
    return this as unknown as GasTableCell;
  }
  getText(): string {
    return this.children.map((c) => c.getText()).join("\n");
  }
  setText(text: string): GasTableCell {
    this.guard();
    this.children = [];
    this.addParagraph(text);
    return this.me();
  }
  /** The cell's first paragraph as text (enough for whole-cell formatting). */
  editAsText(): GasText {
    return this.children[0].editAsText();
  }
  appendParagraph(text: string | GasParagraph): GasParagraph {
    this.guard();
    return this.addParagraph(typeof text === "string" ? text : text.getText()) as unknown as GasParagraph;
  }
  clear(): GasTableCell {
    return this.setText("");
  }
  setBackgroundColor(color: string): GasTableCell {
    this.guard();
    this.background = color;
    return this.me();
  }
  getBackgroundColor(): string {
    return this.background;
  }
  setPaddingTop(v: number): GasTableCell {
    this.guard();
    this.padding.top = v;
    return this.me();
  }
  setPaddingBottom(v: number): GasTableCell {
    this.guard();
    this.padding.bottom = v;
    return this.me();
  }
  setPaddingLeft(v: number): GasTableCell {
    this.guard();
    this.padding.left = v;
    return this.me();
  }
  setPaddingRight(v: number): GasTableCell {
    this.guard();
    this.padding.right = v;
    return this.me();
  }
  getPaddingTop(): number {
    return this.padding.top;
  }
  getPaddingBottom(): number {
    return this.padding.bottom;
  }
  getPaddingLeft(): number {
    return this.padding.left;
  }
  getPaddingRight(): number {
    return this.padding.right;
  }
  setVerticalAlignment(v: GoogleAppsScript.Document.VerticalAlignment): GasTableCell {
    this.guard();
    this.verticalAlignment = String(v);
    return this.me();
  }
  getVerticalAlignment(): GoogleAppsScript.Document.VerticalAlignment {
    return this.verticalAlignment as unknown as GoogleAppsScript.Document.VerticalAlignment;
  }
  setWidth(width: number): GasTableCell {
    this.guard();
    this.width = width;
    return this.me();
  }
  getWidth(): number {
    return this.width ?? this.getParentTable().getColumnWidth(this.getParentRow().getChildIndex(this.me()));
  }
  getColSpan(): number {
    return 1;
  }
  getRowSpan(): number {
    return 1;
  }
  getParentRow(): GasTableRow {
    return this.parent as unknown as GasTableRow;
  }
  getParentTable(): GasTable {
    return (this.parent as FakeTableRow).parent as unknown as GasTable;
  }
  setAttributes(attributes: Record<string, unknown>): GasTableCell {
    this.guard();
    Object.assign(this.attributes, attributes);
    return this.me();
  }
  getAttributes(): Record<string, unknown> {
    return this.env.realm.object({ ...this.attributes, BACKGROUND_COLOR: this.background });
  }
}
instrument(FakeTableCell, "DocumentApp", "TableCell", CELL_METHODS);

const ROW_METHODS = [
  "getText",
  "getCell",
  "getNumCells",
  "getChild",
  "getNumChildren",
  "appendTableCell",
  "removeCell",
  "getParentTable",
  "setMinimumHeight",
  "getMinimumHeight",
] as const;

export class FakeTableRow extends FakeContainer implements Pick<GasTableRow, (typeof ROW_METHODS)[number]> {
  readonly elementType = "TABLE_ROW";
  children: FakeTableCell[] = [];
  minimumHeight = 0;

  private me(): GasTableRow {
    return this as unknown as GasTableRow;
  }
  addCell(text: string): FakeTableCell {
    const c = new FakeTableCell(this.env, this.handle, text);
    c.parent = this;
    this.children.push(c);
    return c;
  }
  getText(): string {
    return this.children.map((c) => c.getText()).join("\t");
  }
  getCell(index: number): GasTableCell {
    const c = this.children[index];
    if (!c)
      throw this.env.error(
        `Cell index (${index}) must be less than the number of cells (${this.children.length}).`,
      );
    return c as unknown as GasTableCell;
  }
  getNumCells(): number {
    return this.children.length;
  }
  appendTableCell(text?: string | GasTableCell | null): GasTableCell {
    this.guard();
    return this.addCell(typeof text === "string" ? text : "") as unknown as GasTableCell;
  }
  removeCell(index: number): GasTableCell {
    this.guard();
    const [c] = this.children.splice(index, 1);
    return c as unknown as GasTableCell;
  }
  getParentTable(): GasTable {
    return this.parent as unknown as GasTable;
  }
  setMinimumHeight(h: number): GasTableRow {
    this.guard();
    this.minimumHeight = h;
    return this.me();
  }
  getMinimumHeight(): number {
    return this.minimumHeight;
  }
}
instrument(FakeTableRow, "DocumentApp", "TableRow", ROW_METHODS);

const TABLE_METHODS = [
  "getText",
  "getNumRows",
  "getRow",
  "getCell",
  "getChild",
  "getNumChildren",
  "appendTableRow",
  "removeRow",
  "setBorderWidth",
  "getBorderWidth",
  "setBorderColor",
  "getBorderColor",
  "setColumnWidth",
  "getColumnWidth",
  "setAttributes",
  "getAttributes",
  "getType",
  "getParent",
] as const;

export class FakeTable extends FakeContainer implements Pick<GasTable, (typeof TABLE_METHODS)[number]> {
  readonly elementType = "TABLE";
  children: FakeTableRow[] = [];
  borderWidth = 1;
  borderColor = "#000000";
  columnWidths: (number | null)[] = [];
  attributes: Record<string, unknown> = {};

  constructor(env: Env, handle: Handle, cells: string[][]) {
    super(env, handle);
    const width = Math.max(0, ...cells.map((r) => r.length));
    for (const r of cells) {
      const row = this.addRow();
      for (let c = 0; c < width; c++) row.addCell(String(r[c] ?? ""));
    }
    this.columnWidths = new Array<number | null>(width).fill(null);
  }
  private me(): GasTable {
    return this as unknown as GasTable;
  }
  private addRow(): FakeTableRow {
    const row = new FakeTableRow(this.env, this.handle);
    row.parent = this;
    this.children.push(row);
    return row;
  }
  getText(): string {
    return this.children.map((r) => r.getText()).join("\n");
  }
  getNumRows(): number {
    return this.children.length;
  }
  getRow(index: number): GasTableRow {
    const r = this.children[index];
    if (!r)
      throw this.env.error(
        `Row index (${index}) must be less than the number of rows (${this.children.length}).`,
      );
    return r as unknown as GasTableRow;
  }
  getCell(row: number, cell: number): GasTableCell {
    return this.getRow(row).getCell(cell);
  }
  appendTableRow(): GasTableRow {
    this.guard();
    return this.addRow() as unknown as GasTableRow;
  }
  removeRow(index: number): GasTableRow {
    this.guard();
    const [r] = this.children.splice(index, 1);
    return r as unknown as GasTableRow;
  }
  setBorderWidth(w: number): GasTable {
    this.guard();
    this.borderWidth = w;
    return this.me();
  }
  getBorderWidth(): number {
    return this.borderWidth;
  }
  setBorderColor(c: string): GasTable {
    this.guard();
    this.borderColor = c;
    return this.me();
  }
  getBorderColor(): string {
    return this.borderColor;
  }
  setColumnWidth(index: number, width: number): GasTable {
    this.guard();
    if (index < 0 || index >= this.columnWidths.length)
      throw this.env.error(
        `Column index (${index}) must be less than the number of columns (${this.columnWidths.length}).`,
      );
    this.columnWidths[index] = width;
    return this.me();
  }
  getColumnWidth(index: number): number {
    return this.columnWidths[index] ?? 0;
  }
  setAttributes(attributes: Record<string, unknown>): GasTable {
    this.guard();
    Object.assign(this.attributes, attributes);
    return this.me();
  }
  getAttributes(): Record<string, unknown> {
    return this.env.realm.object({ ...this.attributes, BORDER_WIDTH: this.borderWidth });
  }
  /** The cell texts as rows (for tests). */
  cells(): string[][] {
    return this.children.map((r) => r.children.map((c) => c.getText()));
  }
}
instrument(FakeTable, "DocumentApp", "Table", TABLE_METHODS);

export class FakePageBreak
  extends FakeElement
  implements Pick<GoogleAppsScript.Document.PageBreak, "getType">
{
  readonly elementType = "PAGE_BREAK";
  getText(): string {
    return "";
  }
}

const BODY_METHODS = [
  "appendParagraph",
  "appendListItem",
  "appendTable",
  "appendPageBreak",
  "insertParagraph",
  "clear",
  "getText",
  "setText",
  "getNumChildren",
  "getChild",
  "getChildIndex",
  "removeChild",
  "getParagraphs",
  "getTables",
  "getListItems",
  "setAttributes",
  "getAttributes",
  "setPageWidth",
  "setPageHeight",
  "getPageWidth",
  "getPageHeight",
  "setMarginTop",
  "setMarginBottom",
  "setMarginLeft",
  "setMarginRight",
  "getMarginTop",
  "getMarginBottom",
  "getMarginLeft",
  "getMarginRight",
  "replaceText",
  "getType",
] as const;

/** Letter size in points, Google Docs' default for a new document. */
const LETTER = { width: 612, height: 792 };

export class FakeBody extends FakeContainer implements Pick<GasBody, (typeof BODY_METHODS)[number]> {
  readonly elementType = "BODY_SECTION";
  children: Child[] = [];
  page = { ...LETTER };
  margins = { top: 72, bottom: 72, left: 72, right: 72 };
  attributes: Record<string, unknown> = {};
  private lists = 0;

  constructor(env: Env, handle: Handle) {
    super(env, handle);
    this.push(new FakeParagraph(env, handle, ""));
  }
  private me(): GasBody {
    return this as unknown as GasBody;
  }
  private push<T extends Child>(c: T, at = this.children.length): T {
    c.parent = this;
    this.children.splice(at, 0, c);
    return c;
  }
  appendParagraph(text: string | GasParagraph): GasParagraph {
    this.guard();
    const t = typeof text === "string" ? text : (text as unknown as FakeParagraph).text;
    return this.push(new FakeParagraph(this.env, this.handle, t)) as unknown as GasParagraph;
  }
  insertParagraph(index: number, text: string | GasParagraph): GasParagraph {
    this.guard();
    const t = typeof text === "string" ? text : (text as unknown as FakeParagraph).text;
    return this.push(new FakeParagraph(this.env, this.handle, t), index) as unknown as GasParagraph;
  }
  /** A list item continues the list of a list item right before it, else starts a new list. */
  appendListItem(text: string | GasListItem): GasListItem {
    this.guard();
    const t = typeof text === "string" ? text : (text as unknown as FakeListItem).text;
    const prev = this.children[this.children.length - 1];
    const listId = prev instanceof FakeListItem ? prev.listId : `kix.list${++this.lists}`;
    return this.push(new FakeListItem(this.env, this.handle, t, listId)) as unknown as GasListItem;
  }
  appendTable(cells?: string[][] | GasTable): GasTable {
    this.guard();
    if (cells !== undefined && !Array.isArray(cells))
      throw this.env.signatureError("Body.appendTable", [cells]);
    if (Array.isArray(cells)) {
      const width = cells[0]?.length ?? 0;
      if (cells.some((r) => !Array.isArray(r) || r.length !== width))
        throw this.env.error("All rows of the table must have the same number of cells.");
    }
    return this.push(new FakeTable(this.env, this.handle, cells ?? [])) as unknown as GasTable;
  }
  appendPageBreak(): GoogleAppsScript.Document.PageBreak {
    this.guard();
    const p = this.push(new FakeParagraph(this.env, this.handle, ""));
    p.pageBreak = true;
    const pb = new FakePageBreak(this.env, this.handle);
    return pb as unknown as GoogleAppsScript.Document.PageBreak;
  }
  /** Leaves one empty paragraph, as Google Docs does. */
  clear(): GasBody {
    this.guard();
    for (const c of this.children) c.parent = null;
    this.children = [];
    this.push(new FakeParagraph(this.env, this.handle, ""));
    return this.me();
  }
  getText(): string {
    return this.children.map((c) => c.getText()).join("\n");
  }
  setText(text: string): GasBody {
    this.clear();
    (this.children[0] as FakeParagraph).setText(text);
    return this.me();
  }
  removeChild(child: GasElement): GasBody {
    this.guard();
    const c = child as unknown as Child;
    const i = this.children.indexOf(c);
    if (i < 0) throw this.env.error("Element does not contain the specified child element.");
    const paragraphs = this.children.filter(
      (x) => x.elementType === "PARAGRAPH" || x.elementType === "LIST_ITEM",
    );
    if (i === this.children.length - 1 && paragraphs.length === 1 && paragraphs[0] === c)
      throw this.env.error("Can't remove the last paragraph in a document section.");
    this.detach(c);
    return this.me();
  }
  getParagraphs(): GasParagraph[] {
    const all: FakeParagraph[] = [];
    for (const c of this.children) {
      if (c instanceof FakeParagraph) all.push(c);
      else for (const r of c.children) for (const cell of r.children) all.push(...cell.children);
    }
    return this.env.realm.array(all as unknown as GasParagraph[]);
  }
  getTables(): GasTable[] {
    return this.env.realm.array(this.children.filter((c) => c instanceof FakeTable) as unknown as GasTable[]);
  }
  getListItems(): GasListItem[] {
    return this.env.realm.array(
      this.children.filter((c) => c instanceof FakeListItem) as unknown as GasListItem[],
    );
  }
  setAttributes(attributes: Record<string, unknown>): GasBody {
    this.guard();
    Object.assign(this.attributes, attributes);
    return this.me();
  }
  getAttributes(): Record<string, unknown> {
    return this.env.realm.object({
      ...this.attributes,
      PAGE_WIDTH: this.page.width,
      PAGE_HEIGHT: this.page.height,
      MARGIN_TOP: this.margins.top,
      MARGIN_BOTTOM: this.margins.bottom,
      MARGIN_LEFT: this.margins.left,
      MARGIN_RIGHT: this.margins.right,
    });
  }
  setPageWidth(v: number): GasBody {
    this.guard();
    this.page.width = v;
    return this.me();
  }
  setPageHeight(v: number): GasBody {
    this.guard();
    this.page.height = v;
    return this.me();
  }
  getPageWidth(): number {
    return this.page.width;
  }
  getPageHeight(): number {
    return this.page.height;
  }
  setMarginTop(v: number): GasBody {
    this.guard();
    this.margins.top = v;
    return this.me();
  }
  setMarginBottom(v: number): GasBody {
    this.guard();
    this.margins.bottom = v;
    return this.me();
  }
  setMarginLeft(v: number): GasBody {
    this.guard();
    this.margins.left = v;
    return this.me();
  }
  setMarginRight(v: number): GasBody {
    this.guard();
    this.margins.right = v;
    return this.me();
  }
  getMarginTop(): number {
    return this.margins.top;
  }
  getMarginBottom(): number {
    return this.margins.bottom;
  }
  getMarginLeft(): number {
    return this.margins.left;
  }
  getMarginRight(): number {
    return this.margins.right;
  }
  /** Literal replacement in paragraphs and cells (Apps Script takes a regular expression). */
  replaceText(search: string, replacement: string): GasElement {
    this.guard();
    for (const p of this.getParagraphs() as unknown as FakeParagraph[])
      if (p.text.includes(search)) p.setText(p.text.split(search).join(replacement));
    return this as unknown as GasElement;
  }
}
instrument(FakeBody, "DocumentApp", "Body", BODY_METHODS);

const DOCUMENT_METHODS = [
  "getBody",
  "getId",
  "getName",
  "setName",
  "getUrl",
  "saveAndClose",
  "getAs",
  "getBlob",
] as const;

export class FakeDocument
  extends Fake
  implements Pick<GoogleAppsScript.Document.Document, (typeof DOCUMENT_METHODS)[number]>
{
  readonly gasType = "Document";

  constructor(
    env: Env,
    readonly data: DocData,
    readonly handle: Handle,
    private readonly drive: FakeDriveApp,
  ) {
    super(env);
  }
  getBody(): GasBody {
    if (this.handle.closed) throw this.env.error("Document is closed, its contents cannot be updated.");
    return this.data.body as unknown as GasBody;
  }
  getId(): string {
    return this.data.id;
  }
  getName(): string {
    return this.data.file.name;
  }
  setName(name: string): GoogleAppsScript.Document.Document {
    this.data.file.name = String(name);
    return this as unknown as GoogleAppsScript.Document.Document;
  }
  getUrl(): string {
    return `https://docs.google.com/open?id=${this.data.id}`;
  }
  saveAndClose(): void {
    this.handle.closed = true;
    this.data.saves++;
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return this.drive.getFileById(this.data.id).getAs(contentType);
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return this.getAs("application/pdf");
  }
}
instrument(FakeDocument, "DocumentApp", "Document", DOCUMENT_METHODS);

export class FakeDocumentApp
  extends Fake
  implements Pick<GoogleAppsScript.Document.DocumentApp, "create" | "openById" | "openByUrl">
{
  readonly ParagraphHeading = ParagraphHeading;
  readonly HorizontalAlignment = HorizontalAlignment;
  readonly VerticalAlignment = VerticalAlignment;
  readonly TextAlignment = TextAlignment;
  readonly GlyphType = GlyphType;
  readonly ElementType = ElementType;
  readonly Attribute = Attribute;

  constructor(
    env: Env,
    private readonly docs: Map<string, DocData>,
    private readonly store: DriveStore,
    private readonly drive: FakeDriveApp,
    /** Documents created a day (see quotas.ts). */
    readonly createQuota: DailyQuota = new DailyQuota(env, "docs create", CONSUMER_DOCS_CREATED_PER_DAY),
  ) {
    super(env);
  }
  private handle(data: DocData): GoogleAppsScript.Document.Document {
    const handle: Handle = { closed: false };
    // Elements built from now on belong to this handle; existing ones are rebound to it.
    rebind(data.body, handle);
    return new FakeDocument(
      this.env,
      data,
      handle,
      this.drive,
    ) as unknown as GoogleAppsScript.Document.Document;
  }
  create(name: string): GoogleAppsScript.Document.Document {
    if (typeof name !== "string" || name === "") throw this.env.signatureError("DocumentApp.create", [name]);
    this.createQuota.charge();
    const file = this.store.addFile(name, GOOGLE_DOC_MIME, Buffer.alloc(0), this.store.nextId("doc"));
    const handle: Handle = { closed: false };
    const data: DocData = { id: file.id, file, body: new FakeBody(this.env, handle), saves: 0 };
    this.docs.set(data.id, data);
    return this.handle(data);
  }
  openById(id: string): GoogleAppsScript.Document.Document {
    const data = this.docs.get(String(id));
    if (!data)
      throw this.env.error(
        "No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.",
      );
    return this.handle(data);
  }
  openByUrl(url: string): GoogleAppsScript.Document.Document {
    const m = /\/d\/([^/]+)|[?&]id=([^&]+)/.exec(String(url));
    return this.openById(m?.[1] ?? m?.[2] ?? "");
  }
}
instrument(FakeDocumentApp, "DocumentApp", "DocumentApp", ["create", "openById", "openByUrl"]);

/** Points every element of a body at a new handle (a reopened document is editable again). */
function rebind(body: FakeBody, handle: Handle): void {
  const set = (e: FakeElement) => {
    (e as unknown as { handle: Handle }).handle = handle;
    if (e instanceof FakeContainer) for (const c of e.children) set(c);
  };
  set(body);
}

/** The document as text: paragraphs; list items «• » / «1. »; tables as «a | b» rows; page breaks as «\f». */
export function documentText(body: FakeBody): string {
  const out: string[] = [];
  const counters = new Map<string, number>();
  for (const c of body.children) {
    if (c instanceof FakeListItem) {
      const n = (counters.get(c.listId) ?? 0) + 1;
      counters.set(c.listId, n);
      out.push(`${c.glyphType === "NUMBER" ? `${n}.` : "•"} ${c.text}`);
    } else if (c instanceof FakeParagraph) out.push(c.pageBreak ? "\f" : c.text);
    else for (const r of c.cells()) out.push(r.join(" | "));
  }
  return out.join("\n");
}

/** Test-side view of one document (uncounted). */
export interface DocumentView {
  data: DocData;
  name: string;
  body: FakeBody;
  text(): string;
  /** Paragraphs set as headings: level 1–6 and text. */
  headings(): { level: number; text: string }[];
  tables(): string[][][];
  listItems(): FakeListItem[];
  /** Every bold run of text in paragraphs and list items. */
  boldTexts(): string[];
}

export interface DocumentsControl {
  docs: Map<string, DocData>;
  drive: DriveControl;
  all(): DocumentView[];
  byId(id: string): DocumentView;
  /** The one non-trashed document whose name contains `part`. */
  byName(part: string): DocumentView;
}

function view(data: DocData): DocumentView {
  const body = data.body;
  return {
    data,
    name: data.file.name,
    body,
    text: () => documentText(body),
    headings: () =>
      body.children
        .filter((c): c is FakeParagraph => c instanceof FakeParagraph && c.heading.startsWith("HEADING"))
        .map((p) => ({ level: Number(p.heading.slice(7)), text: p.text })),
    tables: () => body.children.filter((c): c is FakeTable => c instanceof FakeTable).map((t) => t.cells()),
    listItems: () => body.children.filter((c): c is FakeListItem => c instanceof FakeListItem),
    boldTexts: () =>
      body.children
        .filter((c): c is FakeParagraph => c instanceof FakeParagraph)
        .flatMap((p) => p.boldRuns()),
  };
}

/** A PDF-looking export of a Google Doc: its text between a PDF header and trailer. */
function pdfExporter(docs: Map<string, DocData>) {
  return (file: DriveFileData, contentType: string): Buffer => {
    const data = docs.get(file.id);
    const text = data ? documentText(data.body) : "";
    if (contentType === "application/pdf")
      return Buffer.from(`%PDF-1.4\n% gas-fake export of ${file.name}\n${text}\n%%EOF\n`, "utf8");
    if (contentType === "text/plain") return Buffer.from(text, "utf8");
    throw new Error(`gas-fake: cannot export a Google Doc as ${contentType}`);
  };
}

function control(docs: Map<string, DocData>, drive: DriveControl): DocumentsControl {
  const live = () => [...docs.values()].filter((d) => !d.file.trashed);
  return {
    docs,
    drive,
    all: () => live().map(view),
    byId(id) {
      const d = docs.get(id);
      if (!d) throw new Error(`gas-fake: no document ${id}`);
      return view(d);
    },
    byName(part) {
      const found = live().filter((d) => d.file.name.includes(part));
      if (found.length !== 1) throw new Error(`gas-fake: ${found.length} documents named like «${part}»`);
      return view(found[0]);
    },
  };
}

/**
 * DocumentApp and DriveApp over one Drive store, for plain Node tests: merge `globals` into the
 * Apps Script globals, or pass the services to the code under test.
 */
export function createDocumentFake(env: Env = standaloneEnv()) {
  const { DriveApp, store, drive } = createDriveFake(env);
  const docs = new Map<string, DocData>();
  store.exporters.set(GOOGLE_DOC_MIME, pdfExporter(docs));
  const DocumentApp = new FakeDocumentApp(
    env,
    docs,
    store,
    DriveApp as unknown as FakeDriveApp,
  ) as unknown as GoogleAppsScript.Document.DocumentApp;
  return {
    DocumentApp,
    DriveApp,
    globals: { DocumentApp, DriveApp },
    docs: control(docs, drive),
    drive,
    env,
  };
}

/** Paragraph styles a paragraph made by the Docs API copies from the one it is made beside. */
function copyParagraphStyle(from: FakeParagraph, to: FakeParagraph): void {
  to.heading = from.heading;
  to.alignment = from.alignment;
  to.attributes = { ...from.attributes };
  to.indentStart = from.indentStart;
  to.indentFirstLine = from.indentFirstLine;
  to.indentEnd = from.indentEnd;
  to.spacingBefore = from.spacingBefore;
  to.spacingAfter = from.spacingAfter;
  to.lineSpacing = from.lineSpacing;
}

/** The environment an element was made in. */
const envOf = (e: FakeElement): Env => (e as unknown as { env: Env }).env;

/** The elements the Docs API fake makes, as DocumentApp's (docs-api.ts DocFactory). */
const docFactory: DocFactory = {
  paragraphLike(like, text) {
    const p =
      like instanceof FakeListItem
        ? Object.assign(new FakeListItem(envOf(like), like.handle, text, like.listId), {
            glyphType: like.glyphType,
            nestingLevel: like.nestingLevel,
          })
        : new FakeParagraph(envOf(like), like.handle, text);
    copyParagraphStyle(like, p);
    return p;
  },
  pageBreak(like) {
    const p = new FakeParagraph(envOf(like), like.handle, "");
    p.pageBreak = true;
    return p;
  },
  table(like, rows, columns) {
    const cells = Array.from({ length: rows }, () => new Array<string>(columns).fill(""));
    return new FakeTable(envOf(like), like.handle, cells);
  },
  toListItem(p, listId, glyph) {
    if (!(p instanceof FakeListItem)) {
      Object.setPrototypeOf(p, FakeListItem.prototype);
      (p as { elementType: string }).elementType = "LIST_ITEM";
      (p as FakeListItem).nestingLevel = 0;
    }
    (p as FakeListItem).listId = listId;
    (p as FakeListItem).glyphType = glyph;
  },
};

/** Adds DocumentApp and DriveApp to a fake's globals (before loadScript); returns the test-side control. */
export function installDocumentApp(
  fake: GasFake,
  options: { docsCreatedPerDay?: number } = {},
): DocumentsControl {
  const store = new DriveStore(() => fake.env.now());
  const docs = new Map<string, DocData>();
  store.exporters.set(GOOGLE_DOC_MIME, pdfExporter(docs));
  const driveApp = new FakeDriveApp(fake.env, store);
  const globals = fake.globals as unknown as Record<string, unknown>;
  globals.DriveApp = driveApp;
  globals.DocumentApp = new FakeDocumentApp(
    fake.env,
    docs,
    store,
    driveApp,
    new DailyQuota(fake.env, "docs create", options.docsCreatedPerDay ?? CONSUMER_DOCS_CREATED_PER_DAY),
  );
  // The Docs advanced service, enabled in the manifest (appsscript.json): docs-api.ts.
  globals.Docs = new FakeDocsAdvancedService(fake.env, docs, docFactory);
  return control(docs, driveControl(store));
}
