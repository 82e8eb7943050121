/** Spreadsheet and the SpreadsheetApp global. */
import { parseA1, splitSheetName } from "./a1";
import { instrument } from "./calls";
import { FakeConditionalFormatRuleBuilder, gasRuleBuilder } from "./conditional-format";
import { tzOffsetMinutes, wallToUtc } from "./dates";
import {
  BooleanCriteria,
  BorderStyle,
  DataValidationCriteria,
  Dimension,
  ProtectionType,
  RelativeDate,
  SheetType,
  WrapStrategy,
} from "./enums";
import { type Env, Fake } from "./env";
import { type Cell, type SheetModel, SpreadsheetModel } from "./model";
import { FakeProtection, gasProtection } from "./protection";
import { FakeRange, gasRange, unwrapRange } from "./range";
import { FakeRichTextValueBuilder, gasRichTextBuilder } from "./rich-text";
import { FakeUser, gasUser } from "./session";
import { FakeSheet, gasSheet, unwrapSheet } from "./sheet";
import { FakeUi, gasUi } from "./ui";
import { FakeDataValidationBuilder, gasDataValidationBuilder } from "./validation";
import { isDate } from "./values";

type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasUser = GoogleAppsScript.Base.User;

const SPREADSHEET_METHODS = [
  "addEditor",
  "addEditors",
  "addViewer",
  "deleteSheet",
  "getActiveSheet",
  "getEditors",
  "getId",
  "getName",
  "getNumSheets",
  "getOwner",
  "getProtections",
  "getRange",
  "getRangeByName",
  "getSheetById",
  "getSheetByName",
  "getSheets",
  "getSpreadsheetLocale",
  "getSpreadsheetTimeZone",
  "getUrl",
  "getViewers",
  "insertSheet",
  "moveActiveSheet",
  "removeEditor",
  "removeNamedRange",
  "rename",
  "setActiveSheet",
  "setNamedRange",
  "setSpreadsheetLocale",
  "setSpreadsheetTimeZone",
  "toast",
] as const;

function cloneCell(c: Cell | undefined): Cell | undefined {
  if (!c) return undefined;
  const copy: Cell = { ...c, format: c.format && { ...c.format } };
  if (isDate(c.value)) copy.value = new Date(c.value.getTime());
  return copy;
}

/** Copies contents, formats, notes, validations, sizes and frozen/hidden state (not protections or charts). */
function copySheetContents(from: SheetModel, to: SheetModel): void {
  to.maxRows = from.maxRows;
  to.maxCols = from.maxCols;
  to.rows = from.rows.map((row) => row?.map(cloneCell) ?? []);
  to.rowMeta = from.rowMeta.map((m) => m && { ...m });
  to.colMeta = from.colMeta.map((m) => m && { ...m });
  to.frozenRows = from.frozenRows;
  to.frozenCols = from.frozenCols;
  to.tabColor = from.tabColor;
}

export class FakeSpreadsheet
  extends Fake
  implements Pick<GasSpreadsheet, (typeof SPREADSHEET_METHODS)[number]>
{
  readonly gasType = "Spreadsheet";

  constructor(
    env: Env,
    readonly model: SpreadsheetModel,
  ) {
    super(env);
  }

  private self(): GasSpreadsheet {
    return gasSpreadsheet(this);
  }

  private sheet(model: SheetModel): GasSheet {
    return gasSheet(new FakeSheet(this.env, model));
  }

  private users(emails: readonly string[]): GasUser[] {
    return this.env.realm.array(emails.map((e) => gasUser(new FakeUser(this.env, e))));
  }

  addEditor(emailOrUser: string | GasUser): GasSpreadsheet {
    const email = emailOrUser instanceof FakeUser ? emailOrUser.email : String(emailOrUser);
    if (!this.model.editors.includes(email)) this.model.editors.push(email);
    return this.self();
  }
  addEditors(emailAddresses: string[]): GasSpreadsheet {
    for (const e of emailAddresses) this.addEditor(e);
    return this.self();
  }
  addViewer(emailOrUser: string | GasUser): GasSpreadsheet {
    const email = emailOrUser instanceof FakeUser ? emailOrUser.email : String(emailOrUser);
    if (!this.model.viewers.includes(email) && !this.model.editors.includes(email))
      this.model.viewers.push(email);
    return this.self();
  }
  deleteSheet(sheet: GasSheet): void {
    const s = unwrapSheet(this.env, sheet, "SpreadsheetApp.Spreadsheet.deleteSheet").model;
    if (s.deleted || s.spreadsheet !== this.model) throw this.env.error("The sheet does not exist.");
    if (this.model.sheets.length === 1)
      throw this.env.error("You can't remove all the sheets in a document.");
    this.model.removeSheet(s);
  }
  getActiveSheet(): GasSheet {
    return this.sheet(this.model.activeSheet ?? this.model.sheets[0]);
  }
  getEditors(): GasUser[] {
    return this.users(this.model.editors);
  }
  getId(): string {
    return this.model.id;
  }
  getName(): string {
    return this.model.name;
  }
  getNumSheets(): number {
    return this.model.sheets.length;
  }
  getOwner(): GasUser | null {
    return gasUser(new FakeUser(this.env, this.model.owner));
  }
  getProtections(
    type: GoogleAppsScript.Spreadsheet.ProtectionType,
  ): GoogleAppsScript.Spreadsheet.Protection[] {
    const wanted = String(type);
    return this.env.realm.array(
      this.model.sheets.flatMap((s) =>
        s.protections
          .filter((p) => p.type === wanted)
          .map((p) => gasProtection(new FakeProtection(this.env, p))),
      ),
    );
  }
  getRange(a1Notation: string): GoogleAppsScript.Spreadsheet.Range {
    const { sheet: name, range } = splitSheetName(String(a1Notation));
    const s =
      name === undefined ? (this.model.activeSheet ?? this.model.sheets[0]) : this.model.sheetByName(name);
    const rect = s && parseA1(range, s.maxRows, s.maxCols);
    if (!s || !rect) throw this.env.error("Range not found");
    return new FakeSheet(this.env, s).getRange(range);
  }
  getRangeByName(name: string): GoogleAppsScript.Spreadsheet.Range | null {
    const r = this.model.namedRanges.get(name);
    if (!r?.valid) return null;
    return gasRange(new FakeRange(this.env, r.sheet, r.row, r.col, r.numRows, r.numCols));
  }
  getSheetById(id: number): GasSheet | null {
    const s = this.model.sheets.find((x) => x.id === id);
    return s ? this.sheet(s) : null;
  }
  getSheetByName(name: string): GasSheet | null {
    const s = this.model.sheetByName(String(name));
    return s ? this.sheet(s) : null;
  }
  getSheets(): GasSheet[] {
    return this.env.realm.array(this.model.sheets.map((s) => this.sheet(s)));
  }
  getSpreadsheetLocale(): string {
    return this.model.locale;
  }
  getSpreadsheetTimeZone(): string {
    return this.model.timeZone;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.model.id}/edit`;
  }
  getViewers(): GasUser[] {
    return this.users([...this.model.editors, ...this.model.viewers]);
  }
  insertSheet(...original: unknown[]): GasSheet {
    const args = [...original];
    const name = typeof args[0] === "string" ? args.shift() : undefined;
    const index = typeof args[0] === "number" ? args.shift() : undefined;
    const options = typeof args[0] === "object" && args[0] !== null ? args.shift() : undefined;
    if (args.length > 0) throw this.env.signatureError("SpreadsheetApp.Spreadsheet.insertSheet", original);
    const sheetName = name === undefined ? this.model.defaultSheetName() : String(name);
    if (this.model.sheetByName(sheetName)) {
      throw this.env.error(`A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    const created = this.model.addSheet(sheetName, index as number | undefined);
    const template = (options as { template?: unknown } | undefined)?.template;
    if (template !== undefined) {
      copySheetContents(
        unwrapSheet(this.env, template, "SpreadsheetApp.Spreadsheet.insertSheet").model,
        created,
      );
    }
    this.model.activeSheet = created;
    return this.sheet(created);
  }
  moveActiveSheet(pos: number): void {
    const active = this.model.activeSheet ?? this.model.sheets[0];
    if (pos < 1 || pos > this.model.sheets.length) throw this.env.error("Those sheets are out of bounds.");
    this.model.sheets = this.model.sheets.filter((s) => s !== active);
    this.model.sheets.splice(pos - 1, 0, active);
  }
  removeEditor(emailOrUser: string | GasUser): GasSpreadsheet {
    const email = emailOrUser instanceof FakeUser ? emailOrUser.email : String(emailOrUser);
    if (email !== this.model.owner) this.model.editors = this.model.editors.filter((e) => e !== email);
    return this.self();
  }
  removeNamedRange(name: string): void {
    const r = this.model.namedRanges.get(name);
    if (r) r.sheet.untrack(r);
    this.model.namedRanges.delete(name);
  }
  rename(newName: string): void {
    this.model.name = String(newName);
  }
  setActiveSheet(sheet: GasSheet): GasSheet {
    const s = unwrapSheet(this.env, sheet, "SpreadsheetApp.Spreadsheet.setActiveSheet").model;
    this.model.activeSheet = s;
    return this.sheet(s);
  }
  setNamedRange(name: string, range: GoogleAppsScript.Spreadsheet.Range): void {
    const r = unwrapRange(this.env, range, "SpreadsheetApp.Spreadsheet.setNamedRange", [name, range]);
    this.removeNamedRange(name);
    this.model.namedRanges.set(name, r.sheet.track(r.rect()));
  }
  setSpreadsheetLocale(locale: string): void {
    this.model.locale = locale;
  }
  /**
   * Sheets keeps a date-time cell as a serial number of the spreadsheet's zone («stores time
   * internally relative to an epoch of 30 Dec 1899 00:00:00 using the time zone set in the
   * spreadsheet»): a new zone keeps every cell's wall-clock value, so the instants getValues
   * returns move. The fake stores instants, so it re-bases them here.
   */
  setSpreadsheetTimeZone(timezone: string): void {
    if (typeof timezone !== "string")
      throw this.env.signatureError("SpreadsheetApp.Spreadsheet.setSpreadsheetTimeZone", [timezone]);
    const from = this.model.timeZone;
    if (timezone !== from)
      for (const sheet of this.model.sheets)
        for (const row of sheet.rows)
          for (const cell of row ?? [])
            if (cell && isDate(cell.value)) {
              const wall = cell.value.getTime() + tzOffsetMinutes(from, cell.value.getTime()) * 60000;
              cell.value = new Date(wallToUtc(wall, timezone));
            }
    this.model.timeZone = timezone;
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.env.state.toasts.push({
      message: String(msg),
      title: title === undefined ? "" : String(title),
      timeoutSeconds: timeoutSeconds === undefined ? 5 : timeoutSeconds,
    });
  }
}
instrument(FakeSpreadsheet, "Spreadsheet", "Spreadsheet", SPREADSHEET_METHODS);

export function gasSpreadsheet(s: FakeSpreadsheet): GasSpreadsheet {
  return s as unknown as GasSpreadsheet;
}

type GasSpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

const APP_METHODS = [
  "create",
  "flush",
  "getActive",
  "getActiveSheet",
  "getActiveSpreadsheet",
  "getUi",
  "newConditionalFormatRule",
  "newDataValidation",
  "newRichTextValue",
  "openById",
  "openByUrl",
  "setActiveSheet",
] as const;

const APP_ENUMS = [
  "BooleanCriteria",
  "BorderStyle",
  "DataValidationCriteria",
  "Dimension",
  "ProtectionType",
  "RelativeDate",
  "SheetType",
  "WrapStrategy",
] as const;

export class FakeSpreadsheetApp
  extends Fake
  implements Pick<GasSpreadsheetApp, (typeof APP_METHODS)[number] | (typeof APP_ENUMS)[number]>
{
  readonly BooleanCriteria = BooleanCriteria;
  readonly BorderStyle = BorderStyle;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly Dimension = Dimension;
  readonly ProtectionType = ProtectionType;
  readonly RelativeDate = RelativeDate;
  readonly SheetType = SheetType;
  readonly WrapStrategy = WrapStrategy;

  private active(): FakeSpreadsheet {
    return new FakeSpreadsheet(this.env, this.env.activeSpreadsheet());
  }

  create(name: string, rows?: number, columns?: number): GasSpreadsheet {
    const id = `fake-spreadsheet-${this.env.nextSeq()}`;
    const ss = new SpreadsheetModel(
      id,
      String(name),
      this.env.activeSpreadsheet().timeZone,
      this.env.activeSpreadsheet().locale,
      this.env.users.effective,
      [],
    );
    ss.addSheet(ss.defaultSheetName(), undefined, rows ?? 1000, columns ?? 26);
    this.env.spreadsheets.set(id, ss);
    return gasSpreadsheet(new FakeSpreadsheet(this.env, ss));
  }
  flush(): void {}
  getActive(): GasSpreadsheet {
    return gasSpreadsheet(this.active());
  }
  getActiveSheet(): GasSheet {
    return this.active().getActiveSheet();
  }
  getActiveSpreadsheet(): GasSpreadsheet {
    return gasSpreadsheet(this.active());
  }
  getUi(): GoogleAppsScript.Base.Ui {
    if (!this.env.state.uiAvailable)
      throw this.env.error("Cannot call SpreadsheetApp.getUi() from this context.");
    return gasUi(new FakeUi(this.env));
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return gasRuleBuilder(new FakeConditionalFormatRuleBuilder(this.env));
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return gasDataValidationBuilder(new FakeDataValidationBuilder(this.env));
  }
  newRichTextValue(): GoogleAppsScript.Spreadsheet.RichTextValueBuilder {
    return gasRichTextBuilder(new FakeRichTextValueBuilder(this.env));
  }
  openById(id: string): GasSpreadsheet {
    const ss = this.env.spreadsheets.get(String(id));
    if (!ss)
      throw this.env.error(
        `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
      );
    return gasSpreadsheet(new FakeSpreadsheet(this.env, ss));
  }
  openByUrl(url: string): GasSpreadsheet {
    const m = /\/spreadsheets\/d\/([^/]+)/.exec(String(url));
    const ss = m ? this.env.spreadsheets.get(m[1]) : undefined;
    if (!ss)
      throw this.env.error(
        `Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.`,
      );
    return gasSpreadsheet(new FakeSpreadsheet(this.env, ss));
  }
  setActiveSheet(sheet: GasSheet): GasSheet {
    return this.active().setActiveSheet(sheet);
  }
}
instrument(FakeSpreadsheetApp, "Spreadsheet", "SpreadsheetApp", APP_METHODS);
