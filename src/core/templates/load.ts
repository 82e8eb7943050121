import * as z from "zod/mini";
import indicatorsJson from "../../../sheets-templates/indicators.json";
import workbookJson from "../../../sheets-templates/workbook.json";
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
  if (!workbookCache) workbookCache = workbookTemplateSchema.parse(workbookJson);
  return workbookCache;
}

export function indicatorDefinitions(): IndicatorDefinitions {
  if (!indicatorsCache) indicatorsCache = indicatorsSchema.parse(indicatorsJson);
  return indicatorsCache;
}

export function sheetTemplate(key: string): SheetTemplate {
  const sheet = workbookTemplate().sheets.find((s) => s.key === key);
  if (!sheet) throw new Error(`Unknown sheet template: ${key}`);
  return sheet;
}

/** The Russian name of a sheet by its key (e.g. "mentors" → «Наставники»). */
export function sheetName(key: string): string {
  return sheetTemplate(key).name;
}
