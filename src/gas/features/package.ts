import { PACKAGE_MIME } from "../../core/district/package-file";
import { makePackage } from "../../core/usecases/district";
import { runMenuAction } from "../context";

/** Apps Script's bytes are Java's: signed, -128..127. */
function javaBytes(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i] > 127 ? bytes[i] - 256 : bytes[i]);
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Menu: «Отчётный пакет для отдела образования» — the school's package (core/usecases/district.ts:
 * counts only) offered for download in a dialog (no Drive scope: the bytes travel in the page as a
 * data: link), to send to the department or put in its Drive folder. The report mail to the
 * department carries the same package.
 */
export function menuDistrictPackage(): void {
  runMenuAction(
    { title: "Отчётный пакет", requires: ["ui"] },
    (ctx) => {
      const made = makePackage(ctx);
      const data = Utilities.base64Encode(javaBytes(made.bytes));
      const name = escapeHtml(made.name);
      const p = made.package;
      const html =
        '<!DOCTYPE html><html><body style="font-family:Arial,sans-serif;font-size:14px">' +
        `<p>Отчётный пакет за ${p.year}/${p.year + 1} учебный год: только числа, без персональных данных.</p>` +
        `<p><a download="${name}" href="data:${PACKAGE_MIME};base64,${data}">Скачать «${name}»</a></p>` +
        "<p>Отправьте файл в отдел образования или положите его в папку, которую отдел указал. " +
        "Не изменяйте лист «Данные»: отдел увидит правку по контрольной сумме.</p></body></html>";
      SpreadsheetApp.getUi().showModalDialog(
        HtmlService.createHtmlOutput(html).setWidth(460).setHeight(220),
        "Отчётный пакет",
      );
      return `Отчётный пакет готов: участников программы — ${p.fsn.participants}, показателей достигнуто — ${p.achieved} из ${p.indicators.length}.`;
    },
    { guardEdits: false },
  );
}
