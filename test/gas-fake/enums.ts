/**
 * Apps Script enums. A real enum value is an object whose toString() is its name; here a value is
 * its name as a string, which compares and prints the same way (`x === Enum.NAME`, `String(x)`).
 */

/** Builds a frozen enum whose members are their own names, typed as the Apps Script enum. */
export function makeEnum<E>(names: readonly (keyof E & string)[]): E {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = n;
  return Object.freeze(out) as unknown as E;
}

type S = typeof GoogleAppsScript.Spreadsheet;

export const DataValidationCriteria = makeEnum<S["DataValidationCriteria"]>([
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_BETWEEN",
  "DATE_EQUAL_TO",
  "DATE_IS_VALID_DATE",
  "DATE_NOT_BETWEEN",
  "DATE_ON_OR_AFTER",
  "DATE_ON_OR_BEFORE",
  "NUMBER_BETWEEN",
  "NUMBER_EQUAL_TO",
  "NUMBER_GREATER_THAN",
  "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  "NUMBER_LESS_THAN",
  "NUMBER_LESS_THAN_OR_EQUAL_TO",
  "NUMBER_NOT_BETWEEN",
  "NUMBER_NOT_EQUAL_TO",
  "TEXT_CONTAINS",
  "TEXT_DOES_NOT_CONTAIN",
  "TEXT_EQUAL_TO",
  "TEXT_IS_VALID_EMAIL",
  "TEXT_IS_VALID_URL",
  "VALUE_IN_LIST",
  "VALUE_IN_RANGE",
  "CUSTOM_FORMULA",
  "CHECKBOX",
]);

export const BooleanCriteria = makeEnum<S["BooleanCriteria"]>([
  "CELL_EMPTY",
  "CELL_NOT_EMPTY",
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_EQUAL_TO",
  "DATE_AFTER_RELATIVE",
  "DATE_BEFORE_RELATIVE",
  "DATE_EQUAL_TO_RELATIVE",
  "NUMBER_BETWEEN",
  "NUMBER_EQUAL_TO",
  "NUMBER_GREATER_THAN",
  "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  "NUMBER_LESS_THAN",
  "NUMBER_LESS_THAN_OR_EQUAL_TO",
  "NUMBER_NOT_BETWEEN",
  "NUMBER_NOT_EQUAL_TO",
  "TEXT_CONTAINS",
  "TEXT_DOES_NOT_CONTAIN",
  "TEXT_EQUAL_TO",
  "TEXT_STARTS_WITH",
  "TEXT_ENDS_WITH",
  "CUSTOM_FORMULA",
]);

export const ProtectionType = makeEnum<S["ProtectionType"]>(["RANGE", "SHEET"]);
export const RelativeDate = makeEnum<S["RelativeDate"]>([
  "TODAY",
  "TOMORROW",
  "YESTERDAY",
  "PAST_WEEK",
  "PAST_MONTH",
  "PAST_YEAR",
]);
export const Dimension = makeEnum<S["Dimension"]>(["COLUMNS", "ROWS"]);
export const WrapStrategy = makeEnum<S["WrapStrategy"]>(["WRAP", "OVERFLOW", "CLIP"]);
export const SheetType = makeEnum<S["SheetType"]>(["GRID", "OBJECT"]);
export const BorderStyle = makeEnum<S["BorderStyle"]>([
  "DOTTED",
  "DASHED",
  "SOLID",
  "SOLID_MEDIUM",
  "SOLID_THICK",
  "DOUBLE",
]);

type C = typeof GoogleAppsScript.Charts;
export const ChartType = makeEnum<C["ChartType"]>([
  "TIMELINE",
  "AREA",
  "BAR",
  "BUBBLE",
  "CANDLESTICK",
  "COLUMN",
  "COMBO",
  "GAUGE",
  "GEO",
  "HISTOGRAM",
  "RADAR",
  "LINE",
  "ORG",
  "PIE",
  "SCATTER",
  "SPARKLINE",
  "STEPPED_AREA",
  "TABLE",
  "TREEMAP",
  "WATERFALL",
]);
export const ChartPosition = makeEnum<C["Position"]>(["TOP", "RIGHT", "BOTTOM", "NONE"]);
export const ChartMergeStrategy = makeEnum<C["ChartMergeStrategy"]>(["MERGE_COLUMNS", "MERGE_ROWS"]);
export const ChartHiddenDimensionStrategy = makeEnum<C["ChartHiddenDimensionStrategy"]>([
  "IGNORE_BOTH",
  "IGNORE_ROWS",
  "IGNORE_COLUMNS",
  "SHOW_BOTH",
]);

type B = typeof GoogleAppsScript.Base;
export const Button = makeEnum<B["Button"]>(["CLOSE", "OK", "CANCEL", "YES", "NO"]);
export const ButtonSet = makeEnum<B["ButtonSet"]>(["OK", "OK_CANCEL", "YES_NO", "YES_NO_CANCEL"]);
export const Weekday = makeEnum<B["Weekday"]>([
  "SUNDAY",
  "MONDAY",
  "TUESDAY",
  "WEDNESDAY",
  "THURSDAY",
  "FRIDAY",
  "SATURDAY",
]);

type Sc = typeof GoogleAppsScript.Script;
export const EventType = makeEnum<Sc["EventType"]>([
  "CLOCK",
  "ON_OPEN",
  "ON_EDIT",
  "ON_FORM_SUBMIT",
  "ON_CHANGE",
  "ON_EVENT_UPDATED",
]);
export const TriggerSource = makeEnum<Sc["TriggerSource"]>([
  "SPREADSHEETS",
  "CLOCK",
  "FORMS",
  "DOCUMENTS",
  "CALENDAR",
]);
export const AuthMode = makeEnum<Sc["AuthMode"]>(["NONE", "CUSTOM_FUNCTION", "LIMITED", "FULL"]);
export const AuthorizationStatus = makeEnum<Sc["AuthorizationStatus"]>(["REQUIRED", "NOT_REQUIRED"]);
export const InstallationSource = makeEnum<Sc["InstallationSource"]>([
  "APPS_MARKETPLACE_DOMAIN_ADD_ON",
  "NONE",
  "WEB_STORE_ADD_ON",
]);

type U = typeof GoogleAppsScript.Utilities;
export const Charset = makeEnum<U["Charset"]>(["US_ASCII", "UTF_8"]);
export const DigestAlgorithm = makeEnum<U["DigestAlgorithm"]>([
  "MD2",
  "MD5",
  "SHA_1",
  "SHA_256",
  "SHA_384",
  "SHA_512",
]);
export const MacAlgorithm = makeEnum<U["MacAlgorithm"]>([
  "HMAC_MD5",
  "HMAC_SHA_1",
  "HMAC_SHA_256",
  "HMAC_SHA_384",
  "HMAC_SHA_512",
]);

type H = typeof GoogleAppsScript.HTML;
export const SandboxMode = makeEnum<H["SandboxMode"]>(["EMULATED", "IFRAME", "NATIVE"]);
export const XFrameOptionsMode = makeEnum<H["XFrameOptionsMode"]>(["ALLOWALL", "DEFAULT"]);
