/**
 * The first run in a copy of the workbook. A school takes the template with «Файл → Создать
 * копию»: the bound script is copied with the spreadsheet, its installable triggers are not (a
 * trigger belongs to the user and project that made it), and the script's properties may come
 * along — the trigger owners, the jobs under way, the document IDs of the original. The workbook's
 * ID is recorded in the script properties; a run that finds another ID (or none recorded while
 * «Анкеты» names forms the response sheets are not linked to) is in a copy: it forgets what
 * belonged to the original (core/usecases/copy.ts for «Анкеты»), records its own ID and offers to
 * create the copy's forms and submit trigger.
 */

import { withWorkbookLock } from "../core/ports";
import { adoptCopiedWorkbook } from "../core/usecases/copy";
import { describePublish, publishForms } from "../core/usecases/forms";
import { Table } from "../core/workbook/table";
import { GasForms } from "./forms";
import { MENU_TITLE } from "./menu";
import { missingPermissions } from "./permissions";
import type { GasContext } from "./ports";
import { recordedTriggers } from "./trigger-owners";

/** The script property holding the ID of the spreadsheet the script last ran in. */
export const WORKBOOK_ID_KEY = "workbook.spreadsheetId";

/** Triggers the original had that only a menu item turns on, in Russian. */
const REENABLE: Record<string, string> = {
  dailyReminders: "«Дорожная карта: включить ежедневные напоминания»",
  onMonthlyReport: "«Ежемесячный отчёт директору: включить»",
};

/** Whether «Анкеты» names forms that this workbook's response sheets are not linked to. */
function listsOthersForms(ctx: GasContext): boolean {
  try {
    const registry = Table.load(ctx.sheets, "forms_registry");
    const names = new Set(ctx.sheets.sheetNames());
    return registry.records().some(({ values }) => {
      const formId = String(values.form_id).trim();
      const sheet = String(values.response_sheet).trim();
      if (formId === "" || !names.has(sheet)) return false;
      const linked = ctx.sheets.linkedFormId(sheet);
      return linked !== null && linked !== formId;
    });
  } catch (_e) {
    return false;
  }
}

/**
 * At the start of a menu action: nothing in the workbook the script ran in before (""); in a copy,
 * the original's forms, trigger owners, jobs and document IDs forgotten, the copy's own forms and
 * submit trigger created when the curator agrees, and what happened in Russian.
 */
export function adoptIfCopy(ctx: GasContext): string {
  const id = ctx.sheets.spreadsheetId();
  const recorded = ctx.state.get(WORKBOOK_ID_KEY);
  if (recorded === id) return "";
  const props = PropertiesService.getScriptProperties();
  if (recorded === null && !listsOthersForms(ctx)) {
    props.setProperty(WORKBOOK_ID_KEY, id);
    return "";
  }
  const reenable = recordedTriggers()
    .map((t) => REENABLE[t.handler])
    .filter((s): s is string => Boolean(s));
  // Everything the original's script kept: trigger owners, jobs, marks, document IDs, alerts.
  props.deleteAllProperties();
  try {
    PropertiesService.getDocumentProperties().deleteAllProperties();
  } catch (_e) {
    // No document properties here: nothing to forget.
  }
  props.setProperty(WORKBOOK_ID_KEY, id);
  const adopted = adoptCopiedWorkbook(ctx, (sheet) => ctx.sheets.linkedFormId(sheet), recorded);
  const lines = [
    "Эта книга — копия: анкеты, обработчики и незавершённые операции исходной книги забыты, ответы на её анкеты сюда не попадают.",
  ];
  if (reenable.length > 0)
    lines.push(
      `В исходной книге были включены автоматические действия; включите их здесь: ${reenable.join(", ")}.`,
    );
  const needsForms = adopted.adopted.length + adopted.forgotten.length > 0;
  if (!needsForms) return lines.join(" ");
  const ui = SpreadsheetApp.getUi();
  const answer = ui.alert(
    MENU_TITLE,
    `${lines.join("\n")}\n\nСоздать анкеты и обработчик ответов для этой копии сейчас?`,
    ui.ButtonSet.YES_NO,
  );
  if (
    answer !== ui.Button.YES ||
    missingPermissions(["forms", "formsApi", "fetch", "triggers", "email"]).length > 0
  ) {
    lines.push("Когда будете готовы, выполните «Создать / обновить анкеты».");
    return lines.join(" ");
  }
  const published = withWorkbookLock(ctx, () =>
    publishForms({ ...ctx, forms: new GasForms(ctx.ss, ctx.sheets) }),
  );
  lines.push(describePublish(published).replace(/\n/g, " "));
  return lines.join(" ");
}
