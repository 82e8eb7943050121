import * as z from "zod/mini";
import indicatorsJson from "../../../sheets-templates/indicators.json";
import workbookJson from "../../../sheets-templates/workbook.json";
import type { SheetKey } from "../workbook/keys.generated";
import { type SheetTemplate, type WorkbookTemplate, workbookTemplateSchema } from "./schema";

export const indicatorsSchema = z.object({
  version: z.int(),
  source: z.string(),
  indicators: z
    .array(
      z.object({
        code: z.string(),
        unit: z.enum(["%", "ед."]),
        name: z.string().check(z.minLength(1)),
        method: z.string().check(z.minLength(1)),
      }),
    )
    .check(z.length(6)),
});
export type IndicatorDefinitions = z.infer<typeof indicatorsSchema>;

let workbookCache: WorkbookTemplate | undefined;
let indicatorsCache: IndicatorDefinitions | undefined;

/** The workbook template, validated once per execution. Throws with the zod message if broken. */
export function workbookTemplate(): WorkbookTemplate {
  // Sheet keys typed by keys.generated.ts, generated from this JSON (a stale copy fails npm test).
  if (!workbookCache) workbookCache = workbookTemplateSchema.parse(workbookJson) as WorkbookTemplate;
  return workbookCache;
}

export function indicatorDefinitions(): IndicatorDefinitions {
  if (!indicatorsCache) indicatorsCache = indicatorsSchema.parse(indicatorsJson);
  return indicatorsCache;
}

export function sheetTemplate(key: SheetKey): SheetTemplate {
  const sheet = workbookTemplate().sheets.find((s) => s.key === key);
  if (!sheet) throw new Error(`Unknown sheet template: ${key}`);
  return sheet;
}

/**
 * A sheet key read from data (a questionnaire's target, a test's parameter), checked against the
 * template: the one way from a plain string to a `SheetKey`. Throws for an unknown key, as
 * `sheetTemplate` does.
 */
export function asSheetKey(key: string): SheetKey {
  return sheetTemplate(key as SheetKey).key;
}

/** The Russian name of a sheet by its key (e.g. "mentors" → «Наставники»). */
export function sheetName(key: SheetKey): string {
  return sheetTemplate(key).name;
}
