/** Conditional format rules: builder, rule, boolean condition; rules live on sheets with tracked ranges. */
import { instrument } from "./calls";
import { BooleanCriteria } from "./enums";
import { type Env, Fake } from "./env";
import type { ConditionalRuleData, SheetModel, TextFormat } from "./model";
import { FakeRange, gasRange, unwrapRange } from "./range";
import { isDate } from "./values";

type GasRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GasRuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type GasCondition = GoogleAppsScript.Spreadsheet.BooleanCondition;
type GasDate = GoogleAppsScript.Base.Date;
type GasRelativeDate = GoogleAppsScript.Spreadsheet.RelativeDate;

/** A rule before it is placed on a sheet. */
interface RuleSpec {
  criteria: string | null;
  values: unknown[];
  format: TextFormat;
  ranges: FakeRange[];
}

const emptyFormat = (): TextFormat => ({
  background: null,
  fontColor: null,
  bold: null,
  italic: null,
  strikethrough: null,
  underline: null,
});

const CONDITION_METHODS = [
  "getBackground",
  "getBold",
  "getCriteriaType",
  "getCriteriaValues",
  "getFontColor",
  "getItalic",
  "getStrikethrough",
  "getUnderline",
] as const;

export class FakeBooleanCondition
  extends Fake
  implements Pick<GasCondition, (typeof CONDITION_METHODS)[number]>
{
  constructor(
    env: Env,
    private readonly criteria: string,
    private readonly values: readonly unknown[],
    private readonly format: TextFormat,
  ) {
    super(env);
  }
  getBackground(): string | null {
    return this.format.background;
  }
  getBold(): boolean | null {
    return this.format.bold;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return this.criteria as unknown as GoogleAppsScript.Spreadsheet.BooleanCriteria;
  }
  getCriteriaValues(): unknown[] {
    return this.env.realm.array(this.values.map((v) => (isDate(v) ? this.env.realm.date(v.getTime()) : v)));
  }
  getFontColor(): string | null {
    return this.format.fontColor;
  }
  getItalic(): boolean | null {
    return this.format.italic;
  }
  getStrikethrough(): boolean | null {
    return this.format.strikethrough;
  }
  getUnderline(): boolean | null {
    return this.format.underline;
  }
}
instrument(FakeBooleanCondition, "Spreadsheet", "BooleanCondition", CONDITION_METHODS);

const RULE_METHODS = ["copy", "getBooleanCondition", "getGradientCondition", "getRanges"] as const;

export class FakeConditionalFormatRule extends Fake implements Pick<GasRule, (typeof RULE_METHODS)[number]> {
  readonly gasType = "ConditionalFormatRule";

  constructor(
    env: Env,
    readonly spec: RuleSpec,
  ) {
    super(env);
  }
  copy(): GasRuleBuilder {
    return gasRuleBuilder(new FakeConditionalFormatRuleBuilder(this.env, this.spec));
  }
  getBooleanCondition(): GasCondition | null {
    const { criteria, values, format } = this.spec;
    if (criteria === null) return null;
    return new FakeBooleanCondition(this.env, criteria, values, format) as unknown as GasCondition;
  }
  getGradientCondition(): null {
    return null;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.env.realm.array(this.spec.ranges.map(gasRange));
  }
}
instrument(FakeConditionalFormatRule, "Spreadsheet", "ConditionalFormatRule", RULE_METHODS);

const BUILDER_METHODS = [
  ...RULE_METHODS,
  "build",
  "setBackground",
  "setBold",
  "setFontColor",
  "setItalic",
  "setRanges",
  "setStrikethrough",
  "setUnderline",
  "whenCellEmpty",
  "whenCellNotEmpty",
  "whenDateAfter",
  "whenDateBefore",
  "whenDateEqualTo",
  "whenFormulaSatisfied",
  "whenNumberBetween",
  "whenNumberEqualTo",
  "whenNumberGreaterThan",
  "whenNumberGreaterThanOrEqualTo",
  "whenNumberLessThan",
  "whenNumberLessThanOrEqualTo",
  "whenNumberNotBetween",
  "whenNumberNotEqualTo",
  "whenTextContains",
  "whenTextDoesNotContain",
  "whenTextEndsWith",
  "whenTextEqualTo",
  "whenTextStartsWith",
  "withCriteria",
] as const;

export class FakeConditionalFormatRuleBuilder
  extends Fake
  implements Pick<GasRuleBuilder, (typeof BUILDER_METHODS)[number]>
{
  private spec: RuleSpec;

  constructor(env: Env, from?: RuleSpec) {
    super(env);
    this.spec = from
      ? { ...from, values: [...from.values], format: { ...from.format }, ranges: [...from.ranges] }
      : { criteria: null, values: [], format: emptyFormat(), ranges: [] };
  }

  private self(): GasRuleBuilder {
    return gasRuleBuilder(this);
  }
  private when(criteria: keyof typeof BooleanCriteria, values: unknown[]): GasRuleBuilder {
    this.spec.criteria = BooleanCriteria[criteria] as unknown as string;
    this.spec.values = values.map((v) => (isDate(v) ? new Date(v.getTime()) : v));
    return this.self();
  }
  private style<K extends keyof TextFormat>(key: K, value: TextFormat[K]): GasRuleBuilder {
    this.spec.format[key] = value;
    return this.self();
  }
  private whenDate(base: "DATE_AFTER" | "DATE_BEFORE" | "DATE_EQUAL_TO", date: unknown): GasRuleBuilder {
    return isDate(date) ? this.when(base, [date]) : this.when(`${base}_RELATIVE`, [date]);
  }

  build(): GasRule {
    return gasRule(
      new FakeConditionalFormatRule(this.env, new FakeConditionalFormatRuleBuilder(this.env, this.spec).spec),
    );
  }
  copy(): GasRuleBuilder {
    return gasRuleBuilder(new FakeConditionalFormatRuleBuilder(this.env, this.spec));
  }
  getBooleanCondition(): GasCondition | null {
    return new FakeConditionalFormatRule(this.env, this.spec).getBooleanCondition();
  }
  getGradientCondition(): null {
    return null;
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.env.realm.array(this.spec.ranges.map(gasRange));
  }
  setBackground(color: string | null): GasRuleBuilder {
    return this.style("background", color);
  }
  setBold(bold: boolean | null): GasRuleBuilder {
    return this.style("bold", bold);
  }
  setFontColor(color: string | null): GasRuleBuilder {
    return this.style("fontColor", color);
  }
  setItalic(italic: boolean | null): GasRuleBuilder {
    return this.style("italic", italic);
  }
  setRanges(ranges: GoogleAppsScript.Spreadsheet.Range[]): GasRuleBuilder {
    if (!Array.isArray(ranges)) {
      throw this.env.signatureError("SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges", [ranges]);
    }
    this.spec.ranges = ranges.map((r) =>
      unwrapRange(this.env, r, "SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges", [ranges]),
    );
    return this.self();
  }
  setStrikethrough(strikethrough: boolean | null): GasRuleBuilder {
    return this.style("strikethrough", strikethrough);
  }
  setUnderline(underline: boolean | null): GasRuleBuilder {
    return this.style("underline", underline);
  }
  whenCellEmpty(): GasRuleBuilder {
    return this.when("CELL_EMPTY", []);
  }
  whenCellNotEmpty(): GasRuleBuilder {
    return this.when("CELL_NOT_EMPTY", []);
  }
  whenDateAfter(date: GasDate | GasRelativeDate): GasRuleBuilder {
    return this.whenDate("DATE_AFTER", date);
  }
  whenDateBefore(date: GasDate | GasRelativeDate): GasRuleBuilder {
    return this.whenDate("DATE_BEFORE", date);
  }
  whenDateEqualTo(date: GasDate | GasRelativeDate): GasRuleBuilder {
    return this.whenDate("DATE_EQUAL_TO", date);
  }
  whenFormulaSatisfied(formula: string): GasRuleBuilder {
    return this.when("CUSTOM_FORMULA", [formula]);
  }
  whenNumberBetween(start: number, end: number): GasRuleBuilder {
    return this.when("NUMBER_BETWEEN", [start, end]);
  }
  whenNumberEqualTo(n: number): GasRuleBuilder {
    return this.when("NUMBER_EQUAL_TO", [n]);
  }
  whenNumberGreaterThan(n: number): GasRuleBuilder {
    return this.when("NUMBER_GREATER_THAN", [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): GasRuleBuilder {
    return this.when("NUMBER_GREATER_THAN_OR_EQUAL_TO", [n]);
  }
  whenNumberLessThan(n: number): GasRuleBuilder {
    return this.when("NUMBER_LESS_THAN", [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): GasRuleBuilder {
    return this.when("NUMBER_LESS_THAN_OR_EQUAL_TO", [n]);
  }
  whenNumberNotBetween(start: number, end: number): GasRuleBuilder {
    return this.when("NUMBER_NOT_BETWEEN", [start, end]);
  }
  whenNumberNotEqualTo(n: number): GasRuleBuilder {
    return this.when("NUMBER_NOT_EQUAL_TO", [n]);
  }
  whenTextContains(text: string): GasRuleBuilder {
    return this.when("TEXT_CONTAINS", [text]);
  }
  whenTextDoesNotContain(text: string): GasRuleBuilder {
    return this.when("TEXT_DOES_NOT_CONTAIN", [text]);
  }
  whenTextEndsWith(text: string): GasRuleBuilder {
    return this.when("TEXT_ENDS_WITH", [text]);
  }
  whenTextEqualTo(text: string): GasRuleBuilder {
    return this.when("TEXT_EQUAL_TO", [text]);
  }
  whenTextStartsWith(text: string): GasRuleBuilder {
    return this.when("TEXT_STARTS_WITH", [text]);
  }
  withCriteria(criteria: GoogleAppsScript.Spreadsheet.BooleanCriteria, args: unknown[]): GasRuleBuilder {
    this.spec.criteria = String(criteria);
    this.spec.values = [...args];
    return this.self();
  }
}
instrument(FakeConditionalFormatRuleBuilder, "Spreadsheet", "ConditionalFormatRuleBuilder", BUILDER_METHODS);

export function gasRule(r: FakeConditionalFormatRule): GasRule {
  return r as unknown as GasRule;
}

export function gasRuleBuilder(b: FakeConditionalFormatRuleBuilder): GasRuleBuilder {
  return b as unknown as GasRuleBuilder;
}

/** Sheet.getConditionalFormatRules(): fresh rule objects whose ranges are where the rules are now. */
export function rulesOf(env: Env, sheet: SheetModel): GasRule[] {
  return env.realm.array(
    sheet.conditionalRules.map((data) =>
      gasRule(
        new FakeConditionalFormatRule(env, {
          criteria: data.criteria,
          values: [...data.values],
          format: { ...data.format },
          ranges: data.regions
            .filter((r) => r.valid)
            .map((r) => new FakeRange(env, r.sheet, r.row, r.col, r.numRows, r.numCols)),
        }),
      ),
    ),
  );
}

/** Sheet.setConditionalFormatRules(rules): replaces all rules of the sheet. */
export function replaceRules(env: Env, sheet: SheetModel, rules: readonly unknown[]): void {
  if (!Array.isArray(rules))
    throw env.signatureError("SpreadsheetApp.Sheet.setConditionalFormatRules", [rules]);
  const specs = rules.map((r) => {
    if (!(r instanceof FakeConditionalFormatRule)) {
      throw env.signatureError("SpreadsheetApp.Sheet.setConditionalFormatRules", [rules]);
    }
    return r.spec;
  });
  for (const old of sheet.conditionalRules) for (const region of old.regions) region.sheet.untrack(region);
  sheet.conditionalRules = specs.map(
    (spec): ConditionalRuleData => ({
      criteria: spec.criteria ?? "",
      values: [...spec.values],
      format: { ...spec.format },
      regions: spec.ranges.map((r) => r.sheet.track(r.rect())),
    }),
  );
}
