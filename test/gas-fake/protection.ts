/**
 * Protection of ranges and sheets. Editing is enforced: a write by the effective user into a
 * protected (not warning-only) area throws, unless the user is the owner or one of its editors.
 * Until the script changes a protection's editors, they mirror the spreadsheet's (as in Sheets).
 */
import type { GridRect } from "./a1";
import { instrument } from "./calls";
import { ProtectionType } from "./enums";
import { type Env, Fake } from "./env";
import type { ProtectionData, Region, SheetModel } from "./model";
import { FakeRange, gasRange, unwrapRange } from "./range";
import { FakeUser, gasUser } from "./session";

type GasProtection = GoogleAppsScript.Spreadsheet.Protection;
type GasUser = GoogleAppsScript.Base.User;

const PROTECTION_METHODS = [
  "addEditor",
  "addEditors",
  "canDomainEdit",
  "canEdit",
  "getDescription",
  "getEditors",
  "getProtectionType",
  "getRange",
  "getRangeName",
  "getUnprotectedRanges",
  "isWarningOnly",
  "remove",
  "removeEditor",
  "removeEditors",
  "setDescription",
  "setDomainEdit",
  "setRange",
  "setRangeName",
  "setUnprotectedRanges",
  "setWarningOnly",
] as const;

function blank(sheet: SheetModel, type: "RANGE" | "SHEET", region: Region | null): ProtectionData {
  return {
    id: sheet.spreadsheet.nextId(),
    type,
    sheet,
    region,
    description: "",
    warningOnly: false,
    editors: null,
    domainEdit: false,
    unprotected: [],
    rangeName: null,
  };
}

/** Range.protect(): always a new protection, even over an already protected range. */
export function newRangeProtection(sheet: SheetModel, rect: GridRect): ProtectionData {
  const p = blank(sheet, "RANGE", sheet.track(rect));
  sheet.protections.push(p);
  return p;
}

/** Sheet.protect(): the sheet's existing protection, or a new one. */
export function sheetProtection(sheet: SheetModel): ProtectionData {
  const existing = sheet.protections.find((p) => p.type === "SHEET");
  if (existing) return existing;
  const p = blank(sheet, "SHEET", null);
  sheet.protections.push(p);
  return p;
}

function intersects(a: GridRect, b: GridRect): boolean {
  return (
    a.row <= b.row + b.numRows - 1 &&
    b.row <= a.row + a.numRows - 1 &&
    a.col <= b.col + b.numCols - 1 &&
    b.col <= a.col + a.numCols - 1
  );
}

function covers(outer: GridRect, row: number, col: number): boolean {
  return (
    row >= outer.row && row < outer.row + outer.numRows && col >= outer.col && col < outer.col + outer.numCols
  );
}

function editorsOf(p: ProtectionData): string[] {
  return p.editors ?? p.sheet.spreadsheet.editors;
}

function userMayEdit(env: Env, p: ProtectionData): boolean {
  const user = env.users.effective;
  return p.warningOnly || user === p.sheet.spreadsheet.owner || editorsOf(p).includes(user);
}

/** Whether the effective user may write into `rect` of `sheet`. */
export function canEditRect(env: Env, sheet: SheetModel, rect: GridRect): boolean {
  for (const p of sheet.protections) {
    if (userMayEdit(env, p)) continue;
    if (p.type === "RANGE" && p.region && intersects(rect, p.region)) return false;
    if (p.type === "SHEET") {
      for (let r = rect.row; r < rect.row + rect.numRows; r++) {
        for (let c = rect.col; c < rect.col + rect.numCols; c++) {
          if (!p.unprotected.some((u) => covers(u, r, c))) return false;
        }
      }
    }
  }
  return true;
}

/** Whether the effective user may change the structure of a sheet (insert/delete rows...). */
export function canEditSheet(env: Env, sheet: SheetModel): boolean {
  return sheet.protections.every((p) => p.type !== "SHEET" || userMayEdit(env, p));
}

function emailOf(user: unknown): string {
  return user instanceof FakeUser ? user.email : String(user);
}

export class FakeProtection extends Fake implements Pick<GasProtection, (typeof PROTECTION_METHODS)[number]> {
  readonly gasType = "Protection";

  constructor(
    env: Env,
    readonly data: ProtectionData,
  ) {
    super(env);
  }

  private self(): GasProtection {
    return gasProtection(this);
  }

  private editList(): string[] {
    this.data.editors ??= [...this.data.sheet.spreadsheet.editors];
    return this.data.editors;
  }

  addEditor(emailOrUser: string | GasUser): GasProtection {
    const email = emailOf(emailOrUser);
    const list = this.editList();
    if (!list.includes(email)) list.push(email);
    return this.self();
  }
  addEditors(emailAddresses: string[]): GasProtection {
    for (const e of emailAddresses) this.addEditor(e);
    return this.self();
  }
  /**
   * getEditors and canDomainEdit throw «if the user does not have permission to edit the protected
   * range or sheet» (developers.google.com/apps-script/reference/spreadsheet/protection); the
   * message is a guess.
   */
  private readableByUser(method: string): void {
    if (!userMayEdit(this.env, this.data))
      throw this.env.error(
        `You do not have permission to access the editors of this protected range or sheet (Protection.${method}).`,
      );
  }
  canDomainEdit(): boolean {
    this.readableByUser("canDomainEdit");
    return this.data.domainEdit;
  }
  canEdit(): boolean {
    return userMayEdit(this.env, this.data);
  }
  getDescription(): string {
    return this.data.description;
  }
  getEditors(): GasUser[] {
    this.readableByUser("getEditors");
    return this.env.realm.array(editorsOf(this.data).map((e) => gasUser(new FakeUser(this.env, e))));
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return ProtectionType[this.data.type];
  }
  getRange(): GoogleAppsScript.Spreadsheet.Range {
    const { sheet, region } = this.data;
    const rect = region ?? { row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxCols };
    return gasRange(new FakeRange(this.env, sheet, rect.row, rect.col, rect.numRows, rect.numCols));
  }
  getRangeName(): string | null {
    return this.data.rangeName;
  }
  getUnprotectedRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.env.realm.array(
      this.data.unprotected.map((u) =>
        gasRange(new FakeRange(this.env, u.sheet, u.row, u.col, u.numRows, u.numCols)),
      ),
    );
  }
  isWarningOnly(): boolean {
    return this.data.warningOnly;
  }
  remove(): void {
    const { sheet } = this.data;
    sheet.protections = sheet.protections.filter((p) => p !== this.data);
    if (this.data.region) sheet.untrack(this.data.region);
    for (const u of this.data.unprotected) sheet.untrack(u);
  }
  removeEditor(emailOrUser: string | GasUser): GasProtection {
    const email = emailOf(emailOrUser);
    const owner = this.data.sheet.spreadsheet.owner;
    // The owner always stays an editor; removing them is silently ignored, as in Sheets.
    this.data.editors = this.editList().filter((e) => e !== email || e === owner);
    return this.self();
  }
  removeEditors(emailsOrUsers: (string | GasUser)[]): GasProtection {
    for (const e of emailsOrUsers) this.removeEditor(e);
    return this.self();
  }
  setDescription(description: string): GasProtection {
    this.data.description = description;
    return this.self();
  }
  setDomainEdit(editable: boolean): GasProtection {
    this.data.domainEdit = editable;
    return this.self();
  }
  setRange(range: GoogleAppsScript.Spreadsheet.Range): GasProtection {
    const r = unwrapRange(this.env, range, "SpreadsheetApp.Protection.setRange", [range]);
    if (this.data.type !== "RANGE") throw this.env.error("You can only set the range of a range protection.");
    if (this.data.region) this.data.sheet.untrack(this.data.region);
    this.data.region = this.data.sheet.track(r.rect());
    return this.self();
  }
  setRangeName(rangeName: string): GasProtection {
    this.data.rangeName = rangeName;
    return this.self();
  }
  setUnprotectedRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): GasProtection {
    if (this.data.type !== "SHEET")
      throw this.env.error("Unprotected ranges can only be set on a sheet protection.");
    const rects = ranges.map((r) =>
      unwrapRange(this.env, r, "SpreadsheetApp.Protection.setUnprotectedRanges", [ranges]),
    );
    for (const u of this.data.unprotected) this.data.sheet.untrack(u);
    this.data.unprotected = rects.map((r) => this.data.sheet.track(r.rect()));
    return this.self();
  }
  setWarningOnly(warningOnly: boolean): GasProtection {
    this.data.warningOnly = warningOnly;
    return this.self();
  }
}
instrument(FakeProtection, "Spreadsheet", "Protection", PROTECTION_METHODS);

export function gasProtection(p: FakeProtection): GasProtection {
  return p as unknown as GasProtection;
}
