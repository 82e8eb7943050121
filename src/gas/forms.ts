import type { FormItemPlan, FormPlan } from "../core/questionnaires/form-plan";
import type {
  FormsPort,
  PublishedForm,
  SubmitTriggerState,
  UnavailableForm,
} from "../core/questionnaires/port";
import { currentUser, ensureSingleTrigger } from "./trigger-owners";

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Form methods newer than @types/google-apps-script 2.0.13 (Apps Script reference, Class Form;
 * «Publish and manage responders», developers.google.com/workspace/forms/api/guides/publish-form).
 * Optional: a runtime without them has none of the publishing model.
 */
interface NewFormMethods {
  supportsAdvancedResponderPermissions?(): boolean;
  isPublished?(): boolean;
  setPublished?(enabled: boolean): Form;
  setEmailCollectionType?(type: unknown): Form;
}

/** FormApp.EmailCollectionType (DO_NOT_COLLECT, VERIFIED, RESPONDER_INPUT), when the runtime has it. */
function emailCollectionTypes(): Record<string, unknown> | undefined {
  return (FormApp as unknown as { EmailCollectionType?: Record<string, unknown> }).EmailCollectionType;
}

/**
 * Collects the respondent's address as a field they fill in (RESPONDER_INPUT), not VERIFIED (the
 * signed-in Google account's, Forms API FormSettings.emailCollectionType), which would shut out
 * pupils and parents without a Google account. setCollectEmail(true), which names no mode, only
 * where the runtime lacks setEmailCollectionType.
 */
function collectEmail(form: Form, collect: boolean): void {
  const f = form as Form & NewFormMethods;
  const types = emailCollectionTypes();
  if (typeof f.setEmailCollectionType === "function" && types)
    f.setEmailCollectionType(collect ? types.RESPONDER_INPUT : types.DO_NOT_COLLECT);
  else form.setCollectEmail(collect);
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Makes respondents able to answer: forms created through the API after 30 June 2026 are created
 * unpublished and accept no responses until published («API changes to Google Forms»,
 * developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms); setPublished(true)
 * also opens the form for responses. A form the curator closed for responses stays closed, and a
 * legacy form (supportsAdvancedResponderPermissions() false: no publish settings) is left as it
 * is: both are reported.
 */
function publishForResponses(form: Form): Pick<PublishedForm, "accepting" | "closedBecause"> {
  const f = form as Form & NewFormMethods;
  const publishing =
    typeof f.supportsAdvancedResponderPermissions === "function" && f.supportsAdvancedResponderPermissions();
  if (publishing && f.isPublished && f.setPublished && !f.isPublished()) {
    try {
      f.setPublished(true);
    } catch (e) {
      return { accepting: false, closedBecause: `форму не удалось опубликовать (${errorText(e)})` };
    }
    return { accepting: true };
  }
  if (form.isAcceptingResponses()) return { accepting: true };
  return {
    accepting: false,
    closedBecause: publishing ? "форма закрыта для ответов" : "старая форма закрыта для ответов",
  };
}

/** The handler of the one installable submit trigger. */
export const SUBMIT_HANDLER = "onFormResponse";

const SHEET_NAME_LIMIT = 100;

function itemTypeOf(kind: FormItemPlan["kind"]): GoogleAppsScript.Forms.ItemType {
  const t = FormApp.ItemType;
  switch (kind) {
    case "page":
      return t.PAGE_BREAK;
    case "text":
      return t.TEXT;
    case "paragraph":
      return t.PARAGRAPH_TEXT;
    case "date":
      return t.DATE;
    case "scale":
      return t.SCALE;
    case "multipleChoice":
      return t.MULTIPLE_CHOICE;
    case "checkbox":
      return t.CHECKBOX;
    case "list":
      return t.LIST;
  }
}

function addItem(form: Form, plan: FormItemPlan): Item {
  switch (plan.kind) {
    case "page":
      return form.addPageBreakItem() as unknown as Item;
    case "text":
      return form.addTextItem() as unknown as Item;
    case "paragraph":
      return form.addParagraphTextItem() as unknown as Item;
    case "date":
      return form.addDateItem() as unknown as Item;
    case "scale":
      return form.addScaleItem() as unknown as Item;
    case "multipleChoice":
      return form.addMultipleChoiceItem() as unknown as Item;
    case "checkbox":
      return form.addCheckboxItem() as unknown as Item;
    case "list":
      return form.addListItem() as unknown as Item;
  }
}

/** Sets an item's title, help, requirement, choices and validation from its plan. */
function configure(item: Item, plan: FormItemPlan): void {
  if (plan.kind === "page") {
    item.asPageBreakItem().setTitle(plan.title);
    return;
  }
  switch (plan.kind) {
    case "text": {
      const it = item.asTextItem().setTitle(plan.title).setHelpText(plan.help).setRequired(plan.required);
      const v = FormApp.createTextValidation();
      if (plan.email) it.setValidation(v.requireTextIsEmail().build());
      else if (plan.wholeNumber)
        it.setValidation(v.requireNumberBetween(plan.wholeNumber.min, plan.wholeNumber.max).build());
      else if (plan.maxLength) it.setValidation(v.requireTextLengthLessThanOrEqualTo(plan.maxLength).build());
      return;
    }
    case "paragraph": {
      const it = item
        .asParagraphTextItem()
        .setTitle(plan.title)
        .setHelpText(plan.help)
        .setRequired(plan.required);
      if (plan.maxLength)
        it.setValidation(
          FormApp.createParagraphTextValidation().requireTextLengthLessThanOrEqualTo(plan.maxLength).build(),
        );
      return;
    }
    case "date":
      item.asDateItem().setTitle(plan.title).setHelpText(plan.help).setRequired(plan.required);
      return;
    case "scale": {
      const b = plan.bounds ?? { low: 1, high: 10, lowLabel: "", highLabel: "" };
      item
        .asScaleItem()
        .setTitle(plan.title)
        .setHelpText(plan.help)
        .setRequired(plan.required)
        .setBounds(b.low, b.high)
        .setLabels(b.lowLabel, b.highLabel);
      return;
    }
    case "multipleChoice":
      item
        .asMultipleChoiceItem()
        .setTitle(plan.title)
        .setHelpText(plan.help)
        .setRequired(plan.required)
        .setChoiceValues(plan.choices ?? []);
      return;
    case "checkbox":
      item
        .asCheckboxItem()
        .setTitle(plan.title)
        .setHelpText(plan.help)
        .setRequired(plan.required)
        .setChoiceValues(plan.choices ?? []);
      return;
    case "list":
      item
        .asListItem()
        .setTitle(plan.title)
        .setHelpText(plan.help)
        .setRequired(plan.required)
        .setChoiceValues(plan.choices ?? []);
      return;
  }
}

/** The linked spreadsheet's ID; getDestinationId() throws while a form has none. */
function destinationOf(form: Form): string | null {
  try {
    return form.getDestinationId();
  } catch (_e) {
    return null;
  }
}

function formIdOfUrl(url: string | null): string | null {
  if (!url) return null;
  const m = /\/forms\/d\/(?!e\/)([^/]+)/.exec(url);
  return m ? m[1] : null;
}

/** FormsPort on FormApp: forms linked to the active workbook. */
export class GasForms implements FormsPort {
  constructor(private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  /**
   * The form «Анкеты» knows, or a new one when it knows none. A known form the current user cannot
   * open (FormApp.openById throws alike for a form not shared with them and a deleted one) is
   * reported, not replaced: people already have its link.
   */
  private open(existingId: string | null, title: string): { form: Form; existed: boolean } | UnavailableForm {
    if (!existingId) return { form: FormApp.create(title), existed: false };
    try {
      return { form: FormApp.openById(existingId), existed: true };
    } catch (e) {
      return { unavailable: { formId: existingId, user: currentUser(), error: errorText(e) } };
    }
  }

  publish(plan: FormPlan, existingId: string | null): PublishedForm | UnavailableForm {
    const opened = this.open(existingId, plan.title);
    if ("unavailable" in opened) return opened;
    const { form, existed } = opened;
    form.setTitle(plan.title).setDescription(plan.description);
    collectEmail(form, plan.collectEmail);
    form.setAllowResponseEdits(true).setProgressBar(true).setConfirmationMessage(plan.confirmation);

    // Update in place: an item with the same title and type is kept (its responses column too).
    const existing = form.getItems();
    const used = new Set<number>();
    const items: Item[] = plan.items.map((p) => {
      const type = itemTypeOf(p.kind);
      const found = existing.findIndex(
        (it, i) => !used.has(i) && it.getType() === type && it.getTitle() === p.title,
      );
      let item: Item;
      if (found >= 0) {
        used.add(found);
        item = existing[found];
      } else item = addItem(form, p);
      configure(item, p);
      return item;
    });
    existing.forEach((it, i) => {
      if (!used.has(i)) form.deleteItem(it);
    });
    items.forEach((it, i) => {
      if (it.getIndex() !== i) form.moveItem(it, i);
    });

    const wanted = `Ответы — ${plan.title}`.slice(0, SHEET_NAME_LIMIT);
    const { sheet, relinked } = this.link(form, existed, wanted);
    return {
      formId: form.getId(),
      respondentUrl: form.getPublishedUrl(),
      editUrl: form.getEditUrl(),
      responseSheet: sheet ? this.name(sheet, wanted) : "",
      ...(relinked ? { relinked } : {}),
      ...publishForResponses(form),
    };
  }

  /** The sheet of this workbook the form writes to (Sheet.getFormUrl() names the form). */
  private linkedSheet(form: Form): Sheet | null {
    const id = form.getId();
    return this.ss.getSheets().find((sh) => formIdOfUrl(sh.getFormUrl()) === id) ?? null;
  }

  /**
   * Links the form's responses to this workbook. A form that was linked before but whose response
   * sheet is gone (deleted by hand, or unlinked in Sheets), or whose responses go nowhere or to
   * another spreadsheet, is linked again: removeDestination(), then setDestination(). Google then
   * creates a new response sheet here, filled with the responses the form has kept. `relinked`
   * says why, in Russian, for «Журнал»; a new form's first link is no repair.
   */
  private link(form: Form, existed: boolean, wanted: string): { sheet: Sheet | null; relinked?: string } {
    const ssId = this.ss.getId();
    const destination = destinationOf(form);
    if (destination === ssId) {
      const sheet = this.linkedSheet(form);
      if (sheet) return { sheet };
    }
    const reasons: string[] = [];
    if (existed) {
      // «Отвязать форму» in Sheets leaves the old sheet under the expected name, with no form.
      const old = this.ss.getSheetByName(wanted);
      const stale = old !== null && !old.getFormUrl();
      if (destination === ssId)
        reasons.push(stale ? "лист ответов отвязан от формы" : "лист ответов был удалён");
      else if (destination === null) reasons.push("форма была отвязана от таблицы");
      else reasons.push("ответы уходили в другую таблицу");
      // The stale sheet gives its name to the new one: renamed, never deleted (the curator's copy).
      if (old && stale) {
        const renamed = this.freeName(wanted, " (старый лист)");
        old.setName(renamed);
        reasons.push(`прежний лист переименован в «${renamed}»`);
      }
    }
    if (destination !== null) form.removeDestination();
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ssId);
    SpreadsheetApp.flush();
    const sheet = this.linkedSheet(form);
    return existed ? { sheet, relinked: reasons.join("; ") } : { sheet };
  }

  /** `base` + `suffix` (numbered when taken), within the sheet-name limit. */
  private freeName(base: string, suffix: string): string {
    for (let n = 1; ; n++) {
      const tail = n === 1 ? suffix : `${suffix.slice(0, -1)} ${n})`;
      const name = `${base.slice(0, SHEET_NAME_LIMIT - tail.length)}${tail}`;
      if (!this.ss.getSheetByName(name)) return name;
    }
  }

  /** Names the response sheet «Ответы — title», so the curator recognises it, when that name is free. */
  private name(sheet: Sheet, wanted: string): string {
    if (sheet.getName() !== wanted && !this.ss.getSheetByName(wanted)) sheet.setName(wanted);
    return sheet.getName();
  }

  ensureSubmitTrigger(): SubmitTriggerState {
    return ensureSingleTrigger(this.ss, SUBMIT_HANDLER, () =>
      ScriptApp.newTrigger(SUBMIT_HANDLER).forSpreadsheet(this.ss).onFormSubmit().create(),
    );
  }
}
