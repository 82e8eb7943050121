/** DataValidationBuilder and DataValidation: immutable rules stored on each cell they apply to. */
import { instrument } from "./calls";
import { DataValidationCriteria } from "./enums";
import { type Env, Fake } from "./env";
import type { ValidationRule } from "./model";
import { FakeRange } from "./range";
import { isDate, type Scalar } from "./values";

type GasDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GasDataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type GasDate = GoogleAppsScript.Base.Date;

const RULE_METHODS = [
  "copy",
  "getAllowInvalid",
  "getCriteriaType",
  "getCriteriaValues",
  "getHelpText",
] as const;

const BUILDER_METHODS = [
  ...RULE_METHODS,
  "build",
  "requireCheckbox",
  "requireDate",
  "requireDateAfter",
  "requireDateBefore",
  "requireDateBetween",
  "requireDateEqualTo",
  "requireDateNotBetween",
  "requireDateOnOrAfter",
  "requireDateOnOrBefore",
  "requireFormulaSatisfied",
  "requireNumberBetween",
  "requireNumberEqualTo",
  "requireNumberGreaterThan",
  "requireNumberGreaterThanOrEqualTo",
  "requireNumberLessThan",
  "requireNumberLessThanOrEqualTo",
  "requireNumberNotBetween",
  "requireNumberNotEqualTo",
  "requireTextContains",
  "requireTextDoesNotContain",
  "requireTextEqualTo",
  "requireTextIsEmail",
  "requireTextIsUrl",
  "requireValueInList",
  "requireValueInRange",
  "setAllowInvalid",
  "setHelpText",
  "withCriteria",
] as const;

/** Criteria values as the script sees them: arrays and dates made in its realm. */
function exposeValues(env: Env, values: readonly unknown[]): unknown[] {
  return env.realm.array(
    values.map((v) =>
      Array.isArray(v) ? env.realm.array(v) : isDate(v) ? env.realm.date(v.getTime()) : (v as unknown),
    ),
  );
}

export class FakeDataValidation
  extends Fake
  implements Pick<GasDataValidation, (typeof RULE_METHODS)[number]>
{
  readonly gasType = "DataValidation";

  constructor(
    env: Env,
    readonly rule: ValidationRule,
  ) {
    super(env);
  }

  copy(): GasDataValidationBuilder {
    return gasDataValidationBuilder(new FakeDataValidationBuilder(this.env, this.rule));
  }
  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return this.rule.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues(): unknown[] {
    return exposeValues(this.env, this.rule.values);
  }
  getHelpText(): string {
    return this.rule.helpText;
  }
}
instrument(FakeDataValidation, "Spreadsheet", "DataValidation", RULE_METHODS);

export function gasDataValidation(v: FakeDataValidation): GasDataValidation {
  return v as unknown as GasDataValidation;
}

export class FakeDataValidationBuilder
  extends Fake
  implements Pick<GasDataValidationBuilder, (typeof BUILDER_METHODS)[number]>
{
  readonly gasType = "DataValidationBuilder";
  private criteria: string | undefined;
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText = "";

  constructor(env: Env, from?: ValidationRule) {
    super(env);
    if (from) {
      this.criteria = from.criteria;
      this.values = [...from.values];
      this.allowInvalid = from.allowInvalid;
      this.helpText = from.helpText;
    }
  }

  private self(): GasDataValidationBuilder {
    return gasDataValidationBuilder(this);
  }

  private require(
    criteria: keyof typeof DataValidationCriteria,
    values: unknown[],
  ): GasDataValidationBuilder {
    this.criteria = DataValidationCriteria[criteria] as unknown as string;
    this.values = values.map((v) => (isDate(v) ? new Date(v.getTime()) : v));
    return this.self();
  }

  build(): GasDataValidation {
    if (this.criteria === undefined) throw this.env.error("The data validation rule has no criteria.");
    return gasDataValidation(
      new FakeDataValidation(
        this.env,
        Object.freeze({
          criteria: this.criteria,
          values: Object.freeze([...this.values]),
          allowInvalid: this.allowInvalid,
          helpText: this.helpText,
        }),
      ),
    );
  }
  copy(): GasDataValidationBuilder {
    return gasDataValidationBuilder(new FakeDataValidationBuilder(this.env, this.snapshot()));
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria {
    return this.criteria as unknown as GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  }
  getCriteriaValues(): unknown[] {
    return exposeValues(this.env, this.values);
  }
  getHelpText(): string | null {
    return this.helpText;
  }
  /** requireCheckbox(), (checkedValue) or (checkedValue, uncheckedValue). */
  requireCheckbox(...values: unknown[]): GasDataValidationBuilder {
    return this.require("CHECKBOX", values.slice(0, 2));
  }
  requireDate(): GasDataValidationBuilder {
    return this.require("DATE_IS_VALID_DATE", []);
  }
  requireDateAfter(date: GasDate): GasDataValidationBuilder {
    return this.require("DATE_AFTER", [date]);
  }
  requireDateBefore(date: GasDate): GasDataValidationBuilder {
    return this.require("DATE_BEFORE", [date]);
  }
  requireDateBetween(start: GasDate, end: GasDate): GasDataValidationBuilder {
    return this.require("DATE_BETWEEN", [start, end]);
  }
  requireDateEqualTo(date: GasDate): GasDataValidationBuilder {
    return this.require("DATE_EQUAL_TO", [date]);
  }
  requireDateNotBetween(start: GasDate, end: GasDate): GasDataValidationBuilder {
    return this.require("DATE_NOT_BETWEEN", [start, end]);
  }
  requireDateOnOrAfter(date: GasDate): GasDataValidationBuilder {
    return this.require("DATE_ON_OR_AFTER", [date]);
  }
  requireDateOnOrBefore(date: GasDate): GasDataValidationBuilder {
    return this.require("DATE_ON_OR_BEFORE", [date]);
  }
  requireFormulaSatisfied(formula: string): GasDataValidationBuilder {
    return this.require("CUSTOM_FORMULA", [formula]);
  }
  requireNumberBetween(start: number, end: number): GasDataValidationBuilder {
    return this.require("NUMBER_BETWEEN", [start, end]);
  }
  requireNumberEqualTo(n: number): GasDataValidationBuilder {
    return this.require("NUMBER_EQUAL_TO", [n]);
  }
  requireNumberGreaterThan(n: number): GasDataValidationBuilder {
    return this.require("NUMBER_GREATER_THAN", [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): GasDataValidationBuilder {
    return this.require("NUMBER_GREATER_THAN_OR_EQUAL_TO", [n]);
  }
  requireNumberLessThan(n: number): GasDataValidationBuilder {
    return this.require("NUMBER_LESS_THAN", [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): GasDataValidationBuilder {
    return this.require("NUMBER_LESS_THAN_OR_EQUAL_TO", [n]);
  }
  requireNumberNotBetween(start: number, end: number): GasDataValidationBuilder {
    return this.require("NUMBER_NOT_BETWEEN", [start, end]);
  }
  requireNumberNotEqualTo(n: number): GasDataValidationBuilder {
    return this.require("NUMBER_NOT_EQUAL_TO", [n]);
  }
  requireTextContains(text: string): GasDataValidationBuilder {
    return this.require("TEXT_CONTAINS", [text]);
  }
  requireTextDoesNotContain(text: string): GasDataValidationBuilder {
    return this.require("TEXT_DOES_NOT_CONTAIN", [text]);
  }
  requireTextEqualTo(text: string): GasDataValidationBuilder {
    return this.require("TEXT_EQUAL_TO", [text]);
  }
  requireTextIsEmail(): GasDataValidationBuilder {
    return this.require("TEXT_IS_VALID_EMAIL", []);
  }
  requireTextIsUrl(): GasDataValidationBuilder {
    return this.require("TEXT_IS_VALID_URL", []);
  }
  requireValueInList(values: string[], showDropdown = true): GasDataValidationBuilder {
    if (!Array.isArray(values)) {
      throw this.env.signatureError("DataValidationBuilder.requireValueInList", [values, showDropdown]);
    }
    // Sheets refuses a list of more than 500 items (the message Apps Script users quote).
    if (values.length > 500)
      throw this.env.error(
        "The data validation rule has more items than the limit of 500. Use the ‘List from a range’ criteria instead.",
      );
    return this.require("VALUE_IN_LIST", [[...values], showDropdown]);
  }
  requireValueInRange(
    range: GoogleAppsScript.Spreadsheet.Range,
    showDropdown = true,
  ): GasDataValidationBuilder {
    if (!((range as unknown) instanceof FakeRange)) {
      throw this.env.signatureError("DataValidationBuilder.requireValueInRange", [range, showDropdown]);
    }
    return this.require("VALUE_IN_RANGE", [range, showDropdown]);
  }
  setAllowInvalid(allowInvalidData: boolean): GasDataValidationBuilder {
    this.allowInvalid = allowInvalidData;
    return this.self();
  }
  setHelpText(helpText: string): GasDataValidationBuilder {
    this.helpText = helpText;
    return this.self();
  }
  withCriteria(
    criteria: GoogleAppsScript.Spreadsheet.DataValidationCriteria,
    args: unknown[],
  ): GasDataValidationBuilder {
    this.criteria = String(criteria);
    this.values = [...args];
    return this.self();
  }

  private snapshot(): ValidationRule {
    return {
      criteria: this.criteria ?? "",
      values: [...this.values],
      allowInvalid: this.allowInvalid,
      helpText: this.helpText,
    };
  }
}
instrument(FakeDataValidationBuilder, "Spreadsheet", "DataValidationBuilder", BUILDER_METHODS);

export function gasDataValidationBuilder(b: FakeDataValidationBuilder): GasDataValidationBuilder {
  return b as unknown as GasDataValidationBuilder;
}

/** A validation rule as plain data for tests: ranges become "'Sheet'!A1:B2". */
export interface ValidationInfo {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export function describeValidation(rule: ValidationRule): ValidationInfo {
  return {
    criteria: rule.criteria,
    values: rule.values.map((v) => (v instanceof FakeRange ? v.qualifiedA1() : v)),
    allowInvalid: rule.allowInvalid,
    helpText: rule.helpText,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a value satisfies a rule (blank always does). Formula criteria are not evaluated. */
export function satisfies(rule: ValidationRule, value: Scalar | undefined): boolean {
  if (value === undefined || value === "") return true;
  const v = rule.values;
  const num = (i: number) => Number(v[i]);
  const time = (i: number) => (isDate(v[i]) ? (v[i] as Date).getTime() : Number.NaN);
  switch (rule.criteria) {
    case "VALUE_IN_LIST":
      return (v[0] as unknown[]).map(String).includes(String(value));
    case "VALUE_IN_RANGE":
      return (v[0] as FakeRange).flatValues().map(String).includes(String(value));
    case "CHECKBOX":
      return v.length === 0 ? typeof value === "boolean" : v.some((x) => String(x) === String(value));
    case "TEXT_IS_VALID_EMAIL":
      return typeof value === "string" && EMAIL.test(value);
    case "TEXT_IS_VALID_URL":
      return typeof value === "string" && /^https?:\/\/\S+$/.test(value);
    case "TEXT_CONTAINS":
      return String(value).includes(String(v[0]));
    case "TEXT_DOES_NOT_CONTAIN":
      return !String(value).includes(String(v[0]));
    case "TEXT_EQUAL_TO":
      return String(value) === String(v[0]);
  }
  if (rule.criteria.startsWith("NUMBER_")) {
    if (typeof value !== "number") return false;
    return compare(rule.criteria.slice("NUMBER_".length), value, num(0), num(1));
  }
  if (rule.criteria.startsWith("DATE_")) {
    if (!isDate(value)) return false;
    if (rule.criteria === "DATE_IS_VALID_DATE") return true;
    return compare(rule.criteria.slice("DATE_".length), value.getTime(), time(0), time(1));
  }
  return true;
}

function compare(op: string, x: number, a: number, b: number): boolean {
  switch (op) {
    case "BETWEEN":
      return x >= a && x <= b;
    case "NOT_BETWEEN":
      return x < a || x > b;
    case "EQUAL_TO":
      return x === a;
    case "NOT_EQUAL_TO":
      return x !== a;
    case "GREATER_THAN":
    case "AFTER":
      return x > a;
    case "GREATER_THAN_OR_EQUAL_TO":
    case "ON_OR_AFTER":
      return x >= a;
    case "LESS_THAN":
    case "BEFORE":
      return x < a;
    case "LESS_THAN_OR_EQUAL_TO":
    case "ON_OR_BEFORE":
      return x <= a;
    default:
      return true;
  }
}
