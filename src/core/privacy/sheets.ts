import type { WorkbookPort } from "../ports";
import { asSheetKey, sheetName, sheetTemplate, workbookTemplate } from "../templates/load";
import type { ColumnKey, SheetKey } from "../workbook/keys.generated";
import { Table } from "../workbook/table";

/**
 * Sheets holding participants' personal data that only the curators may edit, in tab order: those
 * marked `personalData` in the template — both banks, the questionnaire-fed sheets (preferences,
 * mentors' reports, monitoring questionnaires) and «Журнал» (it keeps the originals of rejected
 * questionnaires). `personalDataSheets` adds the raw response sheets of «Анкеты».
 */
export function personalDataKeys(): SheetKey[] {
  return workbookTemplate()
    .sheets.filter((s) => s.personalData === true)
    .map((s) => asSheetKey(s.key));
}

/** Sheets with no personal data at all: neither the sheet nor any of its columns is marked. */
export function sheetsWithoutPersonalData(): SheetKey[] {
  return workbookTemplate()
    .sheets.filter((s) => s.personalData !== true && !s.columns.some((c) => c.personal === true))
    .map((s) => asSheetKey(s.key));
}

/** The columns of a sheet without personal data (not `personal`): what a person's row keeps when they withdraw consent. */
export function impersonalColumns<S extends SheetKey>(key: S): ColumnKey<S>[] {
  return sheetTemplate(key)
    .columns.filter((c) => c.personal !== true)
    .map((c) => c.key as ColumnKey<S>);
}

/** Description of the protections «Защитить персональные данные» owns (not replaced by init). */
export const PRIVACY_TAG = "Наставничество (персональные данные):";

/** The personal-data sheets of this workbook that exist, response sheets included. */
export function personalDataSheets(wb: WorkbookPort): string[] {
  const names = new Set(wb.sheetNames());
  const out = personalDataKeys()
    .map(sheetName)
    .filter((n) => names.has(n));
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
