/**
 * A workbook that is a copy of another («Файл → Создать копию» of a template or of a school's
 * workbook). The copy still lists the original's forms in «Анкеты»: «Создать / обновить анкеты»
 * would open them (their owner can) and link them to the copy, taking the original school's
 * responses away from it. So the copy forgets them. Google copies a spreadsheet's linked forms with
 * it and links each copy to the new spreadsheet's response sheet: such a form, found by the sheet
 * the questionnaire records (Sheet.getFormUrl()), becomes the questionnaire's form here; any other
 * questionnaire gets a new form from «Создать / обновить анкеты».
 */
import { type ClockPort, type LockPort, type WorkbookPort, withWorkbookLock } from "../ports";
import { sheetName } from "../templates/load";
import { appendJournal } from "../workbook/journal";
import { Table } from "../workbook/table";

export interface CopyPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  lock?: LockPort;
  user?: string;
}

export interface AdoptedCopy {
  /** Questionnaires whose form Google copied with the workbook: kept, by title. */
  adopted: string[];
  /** Questionnaires whose original form was forgotten: a new one is needed, by title. */
  forgotten: string[];
}

/** «Приём ответов» of a questionnaire whose form the copy has not published yet. */
export const COPY_FORM_STATE = "форма не опубликована в этой копии: выполните «Создать / обновить анкеты»";

/**
 * Forgets the original's forms in «Анкеты»: a questionnaire keeps the form its response sheet is
 * linked to in this copy (`linkedForm`: the form ID of a sheet, or null), else loses its form. One
 * line of «Журнал». `from` is the original spreadsheet's ID, when known.
 */
export function adoptCopiedWorkbook(
  ports: CopyPorts,
  linkedForm: (sheet: string) => string | null,
  from: string | null,
): AdoptedCopy {
  return withWorkbookLock(ports, () => {
    const wb = ports.workbook;
    const result: AdoptedCopy = { adopted: [], forgotten: [] };
    if (!wb.sheetNames().includes(sheetName("forms_registry"))) return result;
    const registry = Table.load(wb, "forms_registry");
    const names = new Set(wb.sheetNames());
    for (const { row, values } of registry.records()) {
      const formId = String(values.form_id).trim();
      if (formId === "") continue;
      const sheet = String(values.response_sheet).trim();
      const own = sheet !== "" && names.has(sheet) ? linkedForm(sheet) : null;
      const title = String(values.title);
      if (own && own !== formId) {
        registry.setAll(row, {
          form_id: own,
          edit_url: `https://docs.google.com/forms/d/${own}/edit`,
          respondent_url: "",
          publish_state: COPY_FORM_STATE,
          updated_at: ports.clock.now(),
        });
        result.adopted.push(title);
      } else {
        registry.setAll(row, {
          form_id: "",
          edit_url: "",
          respondent_url: "",
          publish_state: COPY_FORM_STATE,
          updated_at: ports.clock.now(),
        });
        result.forgotten.push(title);
      }
    }
    registry.flush(wb);
    appendJournal(
      wb,
      [
        {
          at: ports.clock.now(),
          level: "информация",
          operation: "Копия книги",
          message: describeAdopted(result, from),
          user: ports.user,
        },
      ],
      Table.load(wb, "log").columns,
    );
    return result;
  });
}

/** What the copy forgot and kept, in Russian. */
export function describeAdopted(r: AdoptedCopy, from: string | null): string {
  const parts = [
    `Эта книга — копия${from ? ` таблицы ${from}` : " другой книги"}: анкеты, обработчики и незавершённые ` +
      "операции исходной книги здесь забыты (ответы на её анкеты сюда не попадают).",
  ];
  if (r.adopted.length > 0)
    parts.push(
      `Анкеты, скопированные Google вместе с таблицей, теперь принадлежат этой книге: ${r.adopted.map((t) => `«${t}»`).join(", ")}.`,
    );
  if (r.forgotten.length > 0)
    parts.push(`Для анкет ${r.forgotten.map((t) => `«${t}»`).join(", ")} будут созданы новые формы.`);
  return parts.join(" ");
}
