import type { FormItemPlan, FormPlan } from "../core/questionnaires/form-plan";
import type {
  FormsPort,
  PublishedForm,
  SubmitTriggerState,
  UnavailableForm,
} from "../core/questionnaires/port";
import {
  type ApiAnswer,
  type ApiForm,
  type ApiRequest,
  apiItemOf,
  apiUnusable,
  errorOf,
  FormsApi,
  itemRequests,
} from "./forms-api";
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
function publishForResponses(
  form: Form,
  publishing: boolean,
): Pick<PublishedForm, "accepting" | "closedBecause"> {
  const f = form as Form & NewFormMethods;
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

/** Whether the form has the publishing model (supportsAdvancedResponderPermissions), where the runtime knows it. */
function hasPublishing(form: Form): boolean {
  const f = form as Form & NewFormMethods;
  return (
    typeof f.supportsAdvancedResponderPermissions === "function" && f.supportsAdvancedResponderPermissions()
  );
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

/**
 * An item's view with every setter the plans use: add…Item() returns it typed, and an existing
 * item becomes it through as…Item(). One shape for all, so one function sets any kind.
 */
interface ItemSetters {
  /** A copy with every setting, appended at the end of the form (…Item.duplicate(), typed as its item). */
  duplicate(): ItemSetters;
  setTitle(title: string): ItemSetters;
  setHelpText(text: string): ItemSetters;
  setRequired(required: boolean): ItemSetters;
  setChoiceValues(values: string[]): ItemSetters;
  setBounds(low: number, high: number): ItemSetters;
  setLabels(low: string, high: string): ItemSetters;
  setValidation(validation: unknown): ItemSetters;
}

/** A new item of the plan's kind, typed (no as…Item() call needed). */
function newItem(form: Form, plan: FormItemPlan): ItemSetters {
  const add = (): unknown => {
    switch (plan.kind) {
      case "page":
        return form.addPageBreakItem();
      case "text":
        return form.addTextItem();
      case "paragraph":
        return form.addParagraphTextItem();
      case "date":
        return form.addDateItem();
      case "scale":
        return form.addScaleItem();
      case "multipleChoice":
        return form.addMultipleChoiceItem();
      case "checkbox":
        return form.addCheckboxItem();
      case "list":
        return form.addListItem();
    }
  };
  return add() as ItemSetters;
}

/** An existing item as the view of its plan's kind. */
function viewOf(item: Item, plan: FormItemPlan): ItemSetters {
  const view = (): unknown => {
    switch (plan.kind) {
      case "page":
        return item.asPageBreakItem();
      case "text":
        return item.asTextItem();
      case "paragraph":
        return item.asParagraphTextItem();
      case "date":
        return item.asDateItem();
      case "scale":
        return item.asScaleItem();
      case "multipleChoice":
        return item.asMultipleChoiceItem();
      case "checkbox":
        return item.asCheckboxItem();
      case "list":
        return item.asListItem();
    }
  };
  return view() as ItemSetters;
}

/**
 * Sets an item's title, help, requirement, choices and validation from its plan. A new item
 * (`fresh`) already has no help text, is not required and has no validation: those setters are
 * left out. `validations` keeps each validation built once (a TextValidation is a value).
 */
function configure(
  it: ItemSetters,
  plan: FormItemPlan,
  fresh: boolean,
  validations: Map<string, unknown>,
): void {
  it.setTitle(plan.title);
  if (plan.kind === "page") return;
  if (!fresh || plan.help !== "") it.setHelpText(plan.help);
  if (!fresh || plan.required) it.setRequired(plan.required);
  switch (plan.kind) {
    case "text":
    case "paragraph":
      configureValidation(it, plan, validations);
      return;
    case "date":
      return;
    case "scale": {
      const b = plan.bounds ?? { low: 1, high: 10, lowLabel: "", highLabel: "" };
      it.setBounds(b.low, b.high).setLabels(b.lowLabel, b.highLabel);
      return;
    }
    case "multipleChoice":
    case "checkbox":
    case "list":
      it.setChoiceValues(plan.choices ?? []);
      return;
  }
}

/** The text validation a plan asks for, as a key ("email", "number:1:11", "text:200"…), or null. */
function validationKey(plan: FormItemPlan): string | null {
  if (plan.kind === "text") {
    if (plan.email) return "email";
    if (plan.wholeNumber) return `number:${plan.wholeNumber.min}:${plan.wholeNumber.max}`;
    if (plan.maxLength) return `text:${plan.maxLength}`;
  }
  if (plan.kind === "paragraph" && plan.maxLength) return `paragraph:${plan.maxLength}`;
  return null;
}

/** Sets the item's text validation its plan asks for (built once per execution, by its key). */
function configureValidation(it: ItemSetters, plan: FormItemPlan, validations: Map<string, unknown>): void {
  const key = validationKey(plan);
  if (key === null || plan.kind === "page") return;
  let v = validations.get(key);
  if (v === undefined) {
    const [kind, a, b] = key.split(":");
    if (kind === "email") v = FormApp.createTextValidation().requireTextIsEmail().build();
    else if (kind === "number")
      v = FormApp.createTextValidation().requireNumberBetween(Number(a), Number(b)).build();
    else if (kind === "text")
      v = FormApp.createTextValidation().requireTextLengthLessThanOrEqualTo(Number(a)).build();
    else v = FormApp.createParagraphTextValidation().requireTextLengthLessThanOrEqualTo(Number(a)).build();
    validations.set(key, v);
  }
  it.setValidation(v);
}

/** FNV-1a of a text, 8 hex digits: a plan's fingerprint. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** An item's match key (kind and title, as items are matched) and its plan's fingerprint. */
function itemPrint(p: FormItemPlan): [string, string] {
  return [`${String(itemTypeOf(p.kind))}\u0001${p.title}`, fingerprint(JSON.stringify(p))];
}

/**
 * What «Создать / обновить анкеты» last wrote into a form, kept in the workbook's document
 * properties under APPLIED + the form's ID: the fingerprint of its settings, each item's match key
 * and fingerprint in the form's order, and its two links. A form whose plan has not changed since
 * is not read or written item by item.
 */
interface AppliedForm {
  settings: string;
  items: [string, string][];
  respondentUrl: string;
  editUrl: string;
  /** The pre-filled link templates got for these items (core/questionnaires/prefill.ts). */
  prefill?: Record<string, string>;
}

/**
 * The plan's pre-filled links with placeholders, asked of Google as it documents them: a new
 * FormResponse (Form.createResponse) with an ItemResponse per answer (TextItem/MultipleChoiceItem/
 * ListItem.createResponse; a choice must be one of the item's), then FormResponse.toPrefilledUrl().
 * The items are the form's in the plan's order (syncItems has just made it so); a title that does
 * not match, or any refusal, gives no templates rather than a wrong link.
 */
function prefilledTemplates(form: Form, plan: FormPlan): Record<string, string> | undefined {
  if (plan.prefill.length === 0) return undefined;
  try {
    const items = form.getItems();
    const byKey = new Map<string, { item: Item; plan: FormItemPlan }>();
    plan.items.forEach((p, i) => {
      if (p.kind !== "page" && items[i]) byKey.set(p.key, { item: items[i], plan: p });
    });
    const checked = new Set<string>();
    const out: Record<string, string> = {};
    for (const variant of plan.prefill) {
      let response = form.createResponse();
      for (const { key, value } of variant.answers) {
        const found = byKey.get(key);
        if (!found || found.plan.kind === "page") return undefined;
        if (!checked.has(key)) {
          if (found.item.getTitle() !== found.plan.title) return undefined;
          checked.add(key);
        }
        const { item } = found;
        const answer =
          found.plan.kind === "multipleChoice"
            ? item.asMultipleChoiceItem().createResponse(value)
            : found.plan.kind === "list"
              ? item.asListItem().createResponse(value)
              : found.plan.kind === "paragraph"
                ? item.asParagraphTextItem().createResponse(value)
                : item.asTextItem().createResponse(value);
        response = response.withItemResponse(answer);
      }
      out[variant.variant] = response.toPrefilledUrl();
    }
    return out;
  } catch (e) {
    console.error(`Наставничество: ссылки с кодом пары для «${plan.title}» не получены: ${errorText(e)}`);
    return undefined;
  }
}

const APPLIED = "forms.applied:";

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

/** «Ответы — title», within the sheet-name limit: the name a form's response sheet gets. */
function wantedSheet(plan: FormPlan): string {
  return `Ответы — ${plan.title}`.slice(0, SHEET_NAME_LIMIT);
}

/** The workbook's sheet names as the workbook adapter knows them (GasWorkbook), when given. */
export interface SheetNames {
  sheetNames(): string[];
  /** Sheets were added or renamed behind the adapter's back: forget what it knew of them. */
  sheetsChanged?(): void;
  /** The spreadsheet's ID, as the adapter knows it (asked once an execution). */
  spreadsheetId?(): string;
}

/** One form on its way through publishAll. */
class FormWork {
  /** The wanted items created or rewritten by the API in this run (indexes of the plan). */
  touched: number[] = [];
  /** Why the API refused to write the form (it then goes through FormApp). */
  failed?: string;
  publishError?: string;
  editUrl?: string;
  /** The response sheet a new form's link produced ("" when Google has not created it yet). */
  responseSheet?: string;
  constructor(
    readonly plan: FormPlan,
    readonly formId: string,
    readonly existed: boolean,
    public api: ApiForm,
    public form: Form | null,
    readonly before: AppliedForm | null,
  ) {}
}

/** FormsPort on FormApp and the Forms API: forms linked to the active workbook. */
export class GasForms implements FormsPort {
  /** Text validations built once per execution, by their spec. */
  private readonly validations = new Map<string, unknown>();
  private properties: GoogleAppsScript.Properties.Properties | null | undefined;
  private applied: Record<string, string> | null = null;
  private ssId: string | null = null;

  constructor(
    private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
    /** The workbook adapter: its sheet names save a getSheetByName per form. */
    private readonly sheets?: SheetNames,
  ) {}

  private spreadsheetId(): string {
    this.ssId ??= this.sheets?.spreadsheetId?.() ?? this.ss.getId();
    return this.ssId;
  }

  /** The workbook's document properties (null where the script has none). */
  private props(): GoogleAppsScript.Properties.Properties | null {
    if (this.properties === undefined) {
      try {
        this.properties = PropertiesService.getDocumentProperties();
      } catch (_e) {
        this.properties = null;
      }
    }
    return this.properties;
  }

  /** What was last written into the form (read once for every form), or null. */
  private appliedTo(formId: string): AppliedForm | null {
    this.applied ??= this.props()?.getProperties() ?? {};
    const text = this.applied[APPLIED + formId];
    if (!text) return null;
    try {
      const a = JSON.parse(text) as AppliedForm;
      return Array.isArray(a.items) ? a : null;
    } catch (_e) {
      return null;
    }
  }

  private remember(formId: string, a: AppliedForm): void {
    const text = JSON.stringify(a);
    this.props()?.setProperty(APPLIED + formId, text);
    if (this.applied) this.applied[APPLIED + formId] = text;
  }

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

  /**
   * The form's settings and items made to match the plan. What was last written into the form
   * is remembered (AppliedForm): a form whose plan has not changed is neither read nor written item
   * by item (one getItems() checks that no question was added or deleted by hand); a changed plan
   * touches only the items that differ. Questions edited by hand are kept until their plan changes.
   */
  publish(plan: FormPlan, existingId: string | null, created?: Form): PublishedForm | UnavailableForm {
    // `created`: a form publishAll has just made (FormApp.create) and the Forms API did not write.
    const opened = created ? { form: created, existed: false } : this.open(existingId, plan.title);
    if ("unavailable" in opened) return opened;
    const { form, existed } = opened;
    const formId = existed && existingId ? existingId : form.getId();
    const before = existed ? this.appliedTo(formId) : null;
    const settings = fingerprint(
      JSON.stringify([plan.title, plan.description, plan.collectEmail, plan.confirmation]),
    );
    if (before?.settings !== settings) {
      // FormApp.create(title) has titled a new form.
      if (existed) form.setTitle(plan.title);
      form.setDescription(plan.description);
      collectEmail(form, plan.collectEmail);
      form.setAllowResponseEdits(true).setProgressBar(true).setConfirmationMessage(plan.confirmation);
    }
    const prints = plan.items.map(itemPrint);
    this.syncItems(form, plan, prints, existed, before);

    const wanted = `Ответы — ${plan.title}`.slice(0, SHEET_NAME_LIMIT);
    const { sheet, name, relinked } = this.link(form, formId, existed, wanted);
    const sameItems =
      before !== null &&
      before.items.length === prints.length &&
      before.items.every((x, i) => x[1] === prints[i][1]);
    const prefill = sameItems && before?.prefill ? before.prefill : prefilledTemplates(form, plan);
    const applied: AppliedForm = {
      settings,
      items: prints,
      respondentUrl: before?.respondentUrl ?? form.getPublishedUrl(),
      editUrl: before?.editUrl ?? form.getEditUrl(),
      ...(prefill ? { prefill } : {}),
    };
    const result: PublishedForm = {
      formId,
      respondentUrl: applied.respondentUrl,
      editUrl: applied.editUrl,
      responseSheet: sheet ? (name ?? this.name(sheet, wanted)) : "",
      ...(relinked ? { relinked } : {}),
      ...(prefill ? { prefillTemplates: prefill } : {}),
      ...publishForResponses(form, hasPublishing(form)),
    };
    if (JSON.stringify(applied) !== JSON.stringify(before)) this.remember(formId, applied);
    return result;
  }

  /**
   * The items made to match the plan, matched as before by type and title (an item kept keeps its
   * responses column): a new form gets every item; an unchanged plan, nothing; otherwise each
   * item whose plan differs is set again, missing ones added, others deleted, then the order fixed.
   * Items are deleted and moved by index (their positions are followed here).
   */
  private syncItems(
    form: Form,
    plan: FormPlan,
    prints: [string, string][],
    existed: boolean,
    before: AppliedForm | null,
  ): void {
    if (!existed) {
      // A question set like one made before in this form (all but its title) is that one
      // duplicated and retitled: two calls, where adding it and setting it again takes three to six.
      const made = new Map<string, ItemSetters>();
      plan.items.forEach((p) => {
        const like = JSON.stringify({ ...p, title: "", key: "" });
        const twin = made.get(like);
        if (twin) {
          twin.duplicate().setTitle(p.title);
          return;
        }
        const item = newItem(form, p);
        configure(item, p, true, this.validations);
        made.set(like, item);
      });
      return;
    }
    const existing = form.getItems();
    const same = (a: [string, string][], b: [string, string][]) =>
      a.length === b.length && a.every((x, i) => x[0] === b[i][0] && x[1] === b[i][1]);
    // The form as last written, when nobody added or deleted a question by hand since.
    const known = before && before.items.length === existing.length ? before.items : null;
    if (known && same(known, prints)) return;
    const current: { key: string; print: string | null; index: number | null; plan?: FormItemPlan }[] = known
      ? known.map(([key, print], i) => ({ key, print, index: i }))
      : existing.map((it, i) => ({
          key: `${String(it.getType())}\u0001${it.getTitle()}`,
          print: null,
          index: i,
        }));
    const used = new Set<number>();
    const order = plan.items.map((p, j) => {
      const [key, print] = prints[j];
      const found = current.findIndex((c, i) => !used.has(i) && c.key === key);
      if (found >= 0) {
        used.add(found);
        const c = current[found];
        if (c.print !== print) configure(viewOf(existing[c.index as number], p), p, false, this.validations);
        return c;
      }
      configure(newItem(form, p), p, true, this.validations);
      const added = { key, print, index: null, plan: p };
      current.push(added);
      used.add(current.length - 1);
      return added;
    });
    // Positions now: the form's items in order, then the added ones.
    const positions = current.slice();
    for (let i = positions.length - 1; i >= 0; i--)
      if (!used.has(current.indexOf(positions[i]))) {
        form.deleteItem(i);
        positions.splice(i, 1);
      }
    order.forEach((entry, i) => {
      const at = positions.indexOf(entry);
      if (at !== i) {
        form.moveItem(at, i);
        positions.splice(at, 1);
        positions.splice(i, 0, entry);
      }
    });
  }

  /**
   * The sheet of this workbook the form writes to (Sheet.getFormUrl() names the form): the sheet
   * named `wanted` first, else every sheet in turn. `name` is set when it was found by that name.
   */
  private linkedSheet(formId: string, wanted: string): { sheet: Sheet; name?: string } | null {
    const named = this.ss.getSheetByName(wanted);
    if (named && formIdOfUrl(named.getFormUrl()) === formId) return { sheet: named, name: wanted };
    const sheet = this.ss.getSheets().find((sh) => formIdOfUrl(sh.getFormUrl()) === formId);
    return sheet ? { sheet } : null;
  }

  /**
   * Links the form's responses to this workbook. A form that was linked before but whose response
   * sheet is gone (deleted by hand, or unlinked in Sheets), or whose responses go nowhere or to
   * another spreadsheet, is linked again: removeDestination(), then setDestination(). Google then
   * creates a new response sheet here, filled with the responses the form has kept. `relinked`
   * says why, in Russian, for «Журнал»; a new form's first link is no repair.
   */
  private link(
    form: Form,
    formId: string,
    existed: boolean,
    wanted: string,
  ): { sheet: Sheet | null; name?: string; relinked?: string } {
    const ssId = this.spreadsheetId();
    // A sheet here that names the form (getFormUrl) is its destination: no need to ask the form.
    if (existed) {
      const named = this.ss.getSheetByName(wanted);
      if (named && formIdOfUrl(named.getFormUrl()) === formId) return { sheet: named, name: wanted };
    }
    // A new form has no destination yet (getDestinationId() would throw).
    const destination = existed ? destinationOf(form) : null;
    if (destination === ssId) {
      const found = this.linkedSheet(formId, wanted);
      if (found) return found;
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
    const found = this.linkedSheet(formId, wanted);
    const sheet = found?.sheet ?? null;
    return existed
      ? { sheet, name: found?.name, relinked: reasons.join("; ") }
      : { sheet, name: found?.name };
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

  /**
   * Every form at once, through the Forms REST API where it answers (forms-api.ts): one fetchAll
   * reads the forms «Анкеты» knows (forms.get), FormApp creates the missing ones, one fetchAll
   * writes every difference (forms.batchUpdate), one more publishes the unpublished
   * (forms.setPublishSettings). FormApp then does only what the API cannot: link a new form's
   * responses here, the text validations of the questions just written, its own settings when
   * their plan changed, the pre-filled links when the questions changed. Where the API is not
   * usable by this script (not enabled in its Cloud project, a token without forms.body), every
   * form goes through FormApp as before (`publish`).
   */
  publishAll(
    list: { plan: FormPlan; existingId: string | null }[],
    onForm: (index: number) => void = () => {},
  ): (PublishedForm | UnavailableForm)[] {
    const api = new FormsApi();
    const known = list.filter((x) => x.existingId).map((x) => x.existingId as string);
    // The API not usable by this script: every form through FormApp, question by question.
    const throughFormApp = (why: string) => {
      console.warn(`Наставничество: Forms API недоступен (${why}), анкеты обновляются через FormApp`);
      return list.map((x, i) => {
        onForm(i);
        return this.publish(x.plan, x.existingId);
      });
    };
    let got: ApiAnswer<ApiForm>[];
    try {
      got = api.get(known);
    } catch (e) {
      return throughFormApp(errorText(e));
    }
    const unusable = got.find(apiUnusable);
    if (unusable) return throughFormApp(errorOf(unusable));
    const byId = new Map(known.map((id, i) => [id, got[i]]));
    const works: FormWork[] = [];
    const out: (PublishedForm | UnavailableForm | FormWork)[] = list.map(({ plan, existingId }) => {
      if (existingId) {
        const answer = byId.get(existingId)!;
        // Not readable through the API (no access, deleted, a passing fault): FormApp decides, as it
        // did before, and reports a form the user cannot open in its own words.
        if (answer.code !== 200) return this.publish(plan, existingId);
        const w = new FormWork(plan, existingId, true, answer.body, null, this.appliedTo(existingId));
        works.push(w);
        return w;
      }
      const form = FormApp.create(plan.title);
      const editUrl = form.getEditUrl();
      const formId = formIdOfUrl(editUrl) ?? form.getId();
      const w = new FormWork(plan, formId, false, { items: [], info: { title: plan.title } }, form, null);
      w.editUrl = editUrl;
      works.push(w);
      return w;
    });

    // One batchUpdate per form that differs from its plan.
    const batches: { work: FormWork; requests: ApiRequest[]; touched: number[] }[] = [];
    for (const w of works) {
      const requests: ApiRequest[] = [];
      const info = w.api.info ?? {};
      if ((info.title ?? "") !== w.plan.title || (info.description ?? "") !== w.plan.description)
        requests.push({
          updateFormInfo: {
            info: { title: w.plan.title, description: w.plan.description },
            updateMask: "title,description",
          },
        });
      const email = w.plan.collectEmail ? "RESPONDER_INPUT" : "DO_NOT_COLLECT";
      if (w.api.settings?.emailCollectionType !== email)
        requests.push({
          updateSettings: { settings: { emailCollectionType: email }, updateMask: "emailCollectionType" },
        });
      // As last written, when nobody added or deleted a question by hand since: a question whose
      // plan is unchanged keeps any edit made by hand in the form.
      const current = w.api.items ?? [];
      const known = w.before && w.before.items.length === current.length ? w.before.items : null;
      const prints = w.plan.items.map(itemPrint);
      const items = itemRequests(
        current,
        w.plan.items.map(apiItemOf),
        (j, i) => known !== null && known[i][0] === prints[j][0] && known[i][1] === prints[j][1],
      );
      requests.push(...items.requests);
      if (requests.length > 0) batches.push({ work: w, requests, touched: items.touched });
    }
    const written = api.batchUpdate(batches.map((b) => ({ formId: b.work.formId, requests: b.requests })));
    batches.forEach((b, i) => {
      const answer = written[i];
      if (answer.code === 200 && answer.body.form) {
        b.work.api = answer.body.form;
        b.work.touched = b.touched;
      } else b.work.failed = errorOf(answer);
    });

    // Publish the unpublished (publishSettings is absent on a legacy form).
    const unpublished = works.filter(
      (w) => !w.failed && w.api.publishSettings && w.api.publishSettings.publishState?.isPublished !== true,
    );
    const published = api.publish(unpublished.map((w) => w.formId));
    unpublished.forEach((w, i) => {
      const answer = published[i];
      if (answer.code === 200) w.api.publishSettings = answer.body.publishSettings;
      else w.publishError = errorOf(answer);
    });

    this.linkNew(works.filter((w) => !w.failed && !w.existed));
    const remember: Record<string, string> = {};
    const results = out.map((x, i) => {
      onForm(i);
      if (!(x instanceof FormWork)) return x;
      // A form the API could not write goes through FormApp, as it is now.
      if (x.failed)
        return x.existed ? this.publish(x.plan, x.formId) : this.publish(x.plan, null, x.form as Form);
      const { result, applied } = this.finish(x);
      if (JSON.stringify(applied) !== JSON.stringify(x.before))
        remember[APPLIED + x.formId] = JSON.stringify(applied);
      return result;
    });
    if (Object.keys(remember).length > 0) {
      this.props()?.setProperties(remember);
      if (this.applied) Object.assign(this.applied, remember);
    }
    return results;
  }

  /**
   * Links the new forms' responses here: setDestination each, then one flush and one pass over
   * the sheets (getFormUrl names the form; Google inserts a new response sheet first) to find
   * their sheets, each named «Ответы — title» when that name is free. A sheet Google has not
   * created yet is found on a later run.
   */
  private linkNew(works: FormWork[]): void {
    if (works.length === 0) return;
    const ssId = this.spreadsheetId();
    for (const w of works) (w.form as Form).setDestination(FormApp.DestinationType.SPREADSHEET, ssId);
    SpreadsheetApp.flush();
    this.sheets?.sheetsChanged?.();
    const pending = new Map(works.map((w) => [w.formId, w]));
    const taken = new Set((this.sheets?.sheetNames() ?? []).map((n) => n.toLowerCase()));
    for (const sheet of this.ss.getSheets()) {
      if (pending.size === 0) break;
      const id = formIdOfUrl(sheet.getFormUrl());
      const w = id ? pending.get(id) : undefined;
      if (!w) continue;
      pending.delete(w.formId);
      const wanted = wantedSheet(w.plan);
      if (!taken.has(wanted.toLowerCase())) {
        sheet.setName(wanted);
        taken.add(wanted.toLowerCase());
        w.responseSheet = wanted;
      } else w.responseSheet = sheet.getName();
    }
    this.sheets?.sheetsChanged?.();
    for (const w of pending.values()) w.responseSheet = "";
  }

  /** The FormApp part of one form and its result: link, validations, settings, publish state, links. */
  private finish(w: FormWork): { result: PublishedForm; applied: AppliedForm } {
    const { plan, before } = w;
    const open = () => {
      w.form ??= FormApp.openById(w.formId);
      return w.form;
    };
    const settings = fingerprint(JSON.stringify(["formapp", plan.confirmation]));
    if (before?.settings !== settings)
      open().setAllowResponseEdits(true).setProgressBar(true).setConfirmationMessage(plan.confirmation);
    const prints = plan.items.map(itemPrint);
    // Validations: the API has none, and rewriting a question may drop the one FormApp set.
    const validate = plan.items
      .map((p, j) => ({ p, j }))
      .filter(
        ({ p, j }) =>
          validationKey(p) !== null &&
          (w.touched.includes(j) || !before || before.items[j]?.[1] !== prints[j][1]),
      );
    if (validate.length > 0) {
      const items = open().getItems();
      for (const { p, j } of validate) if (items[j]) this.validate(items[j], p);
    }
    // The response sheet: a new form's was found by linkNew; a known one's is trusted while the
    // form still sends here and a sheet by its name is in the workbook, else looked for (link()).
    const wanted = wantedSheet(plan);
    let responseSheet = w.responseSheet ?? "";
    let relinked: string | undefined;
    if (w.existed) {
      const names = this.sheets?.sheetNames() ?? null;
      if (w.api.linkedSheetId === this.spreadsheetId() && names?.includes(wanted)) responseSheet = wanted;
      else {
        const linked = this.link(open(), w.formId, true, wanted);
        responseSheet = linked.sheet ? (linked.name ?? this.name(linked.sheet, wanted)) : "";
        relinked = linked.relinked || undefined;
        this.sheets?.sheetsChanged?.();
      }
    }
    const sameItems =
      before !== null &&
      before.items.length === prints.length &&
      before.items.every((x, i) => x[1] === prints[i][1]) &&
      w.touched.length === 0;
    const prefill =
      sameItems && before?.prefill
        ? before.prefill
        : plan.prefill.length > 0
          ? prefilledTemplates(open(), plan)
          : undefined;
    const applied: AppliedForm = {
      settings,
      items: prints,
      respondentUrl: w.api.responderUri ?? before?.respondentUrl ?? open().getPublishedUrl(),
      editUrl: w.editUrl ?? before?.editUrl ?? `https://docs.google.com/forms/d/${w.formId}/edit`,
      ...(prefill ? { prefill } : {}),
    };
    const state = w.api.publishSettings?.publishState;
    const accepting: Pick<PublishedForm, "accepting" | "closedBecause"> = w.publishError
      ? { accepting: false, closedBecause: `форму не удалось опубликовать (${w.publishError})` }
      : w.api.publishSettings
        ? state?.isAcceptingResponses === true
          ? { accepting: true }
          : { accepting: false, closedBecause: "форма закрыта для ответов" }
        : open().isAcceptingResponses()
          ? { accepting: true }
          : { accepting: false, closedBecause: "старая форма закрыта для ответов" };
    const result: PublishedForm = {
      formId: w.formId,
      respondentUrl: applied.respondentUrl,
      editUrl: applied.editUrl,
      responseSheet,
      ...(relinked ? { relinked } : {}),
      ...(prefill ? { prefillTemplates: prefill } : {}),
      ...accepting,
    };
    return { result, applied };
  }

  /** Sets an item's text validation from its plan (FormApp: the API has no field for it). */
  private validate(item: Item, p: FormItemPlan): void {
    const view = viewOf(item, p);
    configureValidation(view, p, this.validations);
  }

  ensureSubmitTrigger(): SubmitTriggerState {
    return ensureSingleTrigger(this.ss, SUBMIT_HANDLER, () =>
      ScriptApp.newTrigger(SUBMIT_HANDLER).forSpreadsheet(this.ss).onFormSubmit().create(),
    );
  }
}
