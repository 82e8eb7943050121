import { isEmail } from "../../core/settings";
import {
  type AccessPort,
  type AccessSnapshot,
  auditAccess,
  describeAccess,
  type ProtectionInfo,
  protectPersonalData,
} from "../../core/usecases/access";
import { describeErase, eraseConsent, type ResponseStorePort } from "../../core/usecases/erase";
import { gasContext, runMenuAction } from "../context";
import { gasDocumentNames } from "../documents";
import { protectionsWithApi, sheetsApi } from "../layout";
import { MENU_TITLE } from "../menu";
import { ensurePermissions } from "../permissions";
import { programTriggers } from "../trigger-owners";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function emails(users: GoogleAppsScript.Base.User[]): string[] {
  return users.map((u) => u.getEmail()).filter((e) => e !== "");
}

function effectiveUser(): string {
  try {
    return Session.getEffectiveUser().getEmail();
  } catch (_e) {
    return "";
  }
}

/**
 * Who may edit a protection, when the user may read it: Protection.getEditors and canDomainEdit
 * throw «if the user does not have permission to edit the protected range or sheet»
 * (developers.google.com/apps-script/reference/spreadsheet/protection). «Проверить доступ» then
 * says the list is hidden from them instead of failing.
 */
function protectionEditors(
  p: GoogleAppsScript.Spreadsheet.Protection,
): Pick<ProtectionInfo, "editors" | "domainEdit" | "editorsHidden"> {
  if (p.isWarningOnly()) return { editors: [], domainEdit: false };
  try {
    return { editors: emails(p.getEditors()), domainEdit: p.canDomainEdit() };
  } catch (_e) {
    return { editors: [], domainEdit: false, editorsHidden: true };
  }
}

/** AccessPort on the Spreadsheet service: sharing and protections. */
class GasAccess implements AccessPort {
  constructor(private readonly ss: Spreadsheet) {}

  snapshot(): AccessSnapshot {
    const owner = this.ss.getOwner()?.getEmail() ?? "";
    const editors = emails(this.ss.getEditors());
    const viewers = emails(this.ss.getViewers()).filter((v) => editors.indexOf(v) < 0 && v !== owner);
    // With the Sheets advanced service every protection comes in one read (layout.ts).
    const api = sheetsApi();
    const protections: ProtectionInfo[] = api ? protectionsWithApi(api, this.ss.getId()) : [];
    const P = SpreadsheetApp.ProtectionType;
    if (!api)
      for (const [type, whole] of [
        [P.SHEET, true],
        [P.RANGE, false],
      ] as const)
        for (const p of this.ss.getProtections(type)) {
          // The program's own range protections (headers, computed columns) only warn: one call each.
          if (!whole && p.isWarningOnly()) continue;
          const range = p.getRange();
          protections.push({
            sheet: range.getSheet().getName(),
            whole,
            range: whole ? "" : range.getA1Notation(),
            description: p.getDescription(),
            warningOnly: p.isWarningOnly(),
            ...protectionEditors(p),
          });
        }
    return {
      owner,
      editors,
      viewers,
      effectiveUser: effectiveUser(),
      protections,
      triggers: programTriggers(),
    };
  }

  effectiveUser(): string {
    return effectiveUser();
  }

  restrictSheets(sheets: string[], editors: string[], description: string): void {
    for (const name of sheets) {
      const sh = this.ss.getSheetByName(name);
      if (!sh) continue;
      // Sheet.protect() returns the sheet's protection when it has one: it becomes ours.
      const p = sh.protect().setDescription(description).setWarningOnly(false);
      const keep = editors.map((e) => e.toLowerCase());
      const current = emails(p.getEditors());
      const remove = current.filter((e) => keep.indexOf(e.toLowerCase()) < 0);
      if (remove.length) p.removeEditors(remove);
      const missing = editors.filter((e) => current.map((c) => c.toLowerCase()).indexOf(e.toLowerCase()) < 0);
      if (missing.length) p.addEditors(missing);
      if (p.canDomainEdit()) p.setDomainEdit(false);
    }
  }
}

/** The forms' own stored responses (FormApp): one read of all responses, deletes by e-mail. */
const gasResponseStore: ResponseStorePort = {
  eraseResponses(formId, email) {
    const form = FormApp.openById(formId);
    let n = 0;
    for (const r of form.getResponses())
      if (r.getRespondentEmail().trim().toLowerCase() === email) {
        form.deleteResponse(r.getId());
        n++;
      }
    return n;
  },
};

/** Menu: «Отозвать согласие…» — asks for the e-mail, confirms, removes the person's data. */
export function menuEraseConsent(): void {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    "Отозвать согласие",
    "E-mail участника, отозвавшего согласие на обработку персональных данных (тот, с которым он заполнял анкеты):",
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const email = answer.getResponseText().trim();
  if (!isEmail(email)) {
    ui.alert(`${MENU_TITLE}: «${email}» — не адрес электронной почты. Ничего не изменено.`);
    return;
  }
  const sure = ui.alert(
    "Отозвать согласие",
    `Удалить персональные данные участника ${email} из баз, пар, встреч, анкет и листов ответов? ` +
      "Строки останутся обезличенными для показателей, участник будет исключён из подбора. Действие необратимо.",
    ui.ButtonSet.YES_NO,
  );
  if (sure !== ui.Button.YES) return;
  runMenuAction("Отзыв согласия", (ctx) => {
    const report = eraseConsent(
      {
        ...ctx,
        responses: gasResponseStore,
        newSalt: () => Utilities.getUuid().replace(/-/g, ""),
        files: gasDocumentNames(),
      },
      email,
    );
    ui.alert("Отзыв согласия", describeErase(report, email), ui.ButtonSet.OK);
    return report.found ? "Персональные данные удалены." : "Сведений об участнике нет.";
  });
}

/** Menu: «Защитить персональные данные» — only the curators of «Настройки» may edit those sheets. */
export function menuProtectPersonalData(): void {
  runMenuAction("Защита персональных данных", (ctx) => {
    const r = protectPersonalData({ ...ctx, access: new GasAccess(ctx.ss) });
    const tail = r.warnings.length ? ` ${r.warnings.join(" ")}` : "";
    return `Защищено листов: ${r.sheets.length}; изменять их могут только ${r.editors.join(", ")} и владелец.${tail}`;
  });
}

/** Menu: «Проверить доступ» — who can see and edit what, in an alert. */
export function menuCheckAccess(): void {
  // It lists whose triggers run and who can edit what.
  if (!ensurePermissions("Проверить доступ", ["triggers", "email"])) return;
  const ui = SpreadsheetApp.getUi();
  try {
    const ctx = gasContext("Проверка доступа");
    const audit = auditAccess(ctx.workbook, new GasAccess(ctx.ss).snapshot());
    ui.alert("Проверка доступа", describeAccess(audit), ui.ButtonSet.OK);
  } catch (e) {
    ui.alert(`${MENU_TITLE}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
