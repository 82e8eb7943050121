import type { WorkbookPort } from "../ports";
import { sheetName } from "../templates/load";
import type { SheetKey } from "../workbook/keys.generated";
import { Table } from "../workbook/table";

/**
 * Sheets holding participants' personal data that only the curators may edit: both banks, the
 * questionnaire-fed sheets (preferences, monitoring questionnaires, mentors' reports), «Журнал»
 * (it keeps the originals of rejected questionnaires) and the raw response sheets of «Анкеты».
 */
export const PERSONAL_DATA_KEYS: SheetKey[] = [
  "mentors",
  "mentees",
  "preferences",
  "surveys",
  "mentor_reports",
  "log",
];

/** Description of the protections «Защитить персональные данные» owns (not replaced by init). */
export const PRIVACY_TAG = "Наставничество (персональные данные):";

/** The personal-data sheets of this workbook that exist, response sheets included. */
export function personalDataSheets(wb: WorkbookPort): string[] {
  const names = new Set(wb.sheetNames());
  const out = PERSONAL_DATA_KEYS.map(sheetName).filter((n) => names.has(n));
  try {
    const registry = Table.load(wb, "forms_registry");
    for (const { values } of registry.records()) {
      const s = String(values.response_sheet).trim();
      if (s !== "" && names.has(s) && !out.includes(s)) out.push(s);
    }
  } catch (_e) {
    // «Анкеты» damaged: the response sheets cannot be named; the audit reports the sheet itself.
  }
  return out;
}
