/**
 * FormApp: forms with items, linked to the fake spreadsheet. Every form keeps its responses in its
 * own response store, linked or not, as Google Forms does. Linking a form (setDestination) creates
 * its response sheet «Ответы на форму (N)» with the timestamp, the collected e-mail and one column
 * per question, holding one row per response the form has kept, and sets that sheet's
 * getFormUrl(). removeDestination() unlinks: the former sheet stays with its rows, and its
 * getFormUrl() becomes null. A response sheet deleted by hand leaves the form linked to the
 * spreadsheet (getDestinationId() unchanged) with nowhere to write. `FormsControl.submit` plays a
 * respondent: it stores the response, writes its row as Google Forms does and fires the submit
 * trigger; with no response sheet the response stays in the form only.
 *
 * Publishing, after Google's notice «API changes to Google Forms»
 * (developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms): forms created
 * through the API after 30 June 2026 are created unpublished and accept no responses until
 * published. FormApp.create() here makes such a form; submitting to it throws, as Google refuses
 * the response. setPublished(true) publishes and opens it for responses («Publish and manage
 * responders», guides/publish-form: "Publish the form. This also enables accepting responses.";
 * PublishState: isAcceptingResponses is forced to false while unpublished). A legacy form
 * (`FormsControl.makeLegacy`) has no publish settings: supportsAdvancedResponderPermissions() is
 * false and setPublished/isPublished throw (the guide's "Check if a form is a legacy form"; the
 * message is a guess); it accepts responses by setAcceptingResponses.
 *
 * E-mail collection (Forms API FormSettings.emailCollectionType): VERIFIED takes the address of the
 * signed-in Google account, so a respondent without one cannot answer; RESPONDER_INPUT is a field
 * the respondent fills in. setCollectEmail(true) turns collection on as VERIFIED (what scripts
 * report observing; the Apps Script reference does not say which mode it picks).
 *
 * Access: a form belongs to the effective user who created it; openById by anybody who is neither
 * its owner nor one of its editors (`FormsControl.share`) throws like a missing form.
 *
 * When the response sheet appears: the Forms reference does not say; scripts that link a form and
 * look for its sheet at once report not finding it, so the code must not count on it. With
 * `installFormApp(fake, { responseSheet: "next-execution" })` a linked form's sheet appears only
 * when the next execution starts (the next `fake.call`) or a response arrives, not within the
 * execution that linked it (SpreadsheetApp.flush() does not bring it). The default, "immediate",
 * creates it inside setDestination, which the older tests were written against.
 */
import { instrument } from "./calls";
import { type Env, Fake } from "./env";
import { type FormsApiState, formsApiRoute, newFormsApiState } from "./forms-api";
import type { GasFake } from "./index";
import { SpreadsheetInspector } from "./inspect";
import { urlFetchOf } from "./url-fetch";

type GasForm = GoogleAppsScript.Forms.Form;
type GasItem = GoogleAppsScript.Forms.Item;

export const ITEM_TYPES = [
  "CHECKBOX",
  "DATE",
  "LIST",
  "MULTIPLE_CHOICE",
  "PAGE_BREAK",
  "PARAGRAPH_TEXT",
  "SCALE",
  "SECTION_HEADER",
  "TEXT",
] as const;
export type ItemTypeName = (typeof ITEM_TYPES)[number];

export interface ItemData {
  id: number;
  type: ItemTypeName;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  bounds: [number, number] | null;
  labels: [string, string] | null;
  validation: Record<string, unknown> | null;
  /** The Forms API's item and question IDs (hex strings, forms-api.ts), given on first use. */
  apiId?: string;
  questionId?: string;
  /** A date item asks for the year (the API's dateQuestion.includeYear; FormApp's default: yes). */
  includesYear?: boolean;
}

/** A response in the form's own store. */
export interface StoredResponse {
  at: Date;
  email: string;
  /** Keyed by question title; checkbox answers are arrays. */
  answers: Record<string, string | number | Date | string[]>;
  /** Its row in the linked response sheet, or null while it has none. */
  row: number | null;
}

export type EmailCollection = "DO_NOT_COLLECT" | "VERIFIED" | "RESPONDER_INPUT";

export interface FormData {
  id: string;
  title: string;
  description: string;
  emailCollection: EmailCollection;
  /** Published (responders can open it); always true for a legacy form, which has no such state. */
  published: boolean;
  acceptingResponses: boolean;
  /** A form from before publish settings: supportsAdvancedResponderPermissions() is false. */
  legacy: boolean;
  /** The effective user who created it, and the users it is shared with for editing. */
  owner: string;
  editors: string[];
  allowEdits: boolean;
  progressBar: boolean;
  confirmation: string;
  items: ItemData[];
  destinationId: string | null;
  deleted: boolean;
  responses: StoredResponse[];
}

interface FormsStore {
  forms: Map<string, FormData>;
  nextItemId: number;
  nextForm: number;
  /** When set, setPublished(true) throws this (e.g. a Workspace policy forbidding it). */
  publishRefusal: string | null;
}

const EMAIL_COLLECTION: readonly EmailCollection[] = ["DO_NOT_COLLECT", "VERIFIED", "RESPONDER_INPUT"];

function canOpen(form: FormData, user: string): boolean {
  const u = user.toLowerCase();
  return form.owner.toLowerCase() === u || form.editors.some((e) => e.toLowerCase() === u);
}

function editUrl(id: string): string {
  return `https://docs.google.com/forms/d/${id}/edit`;
}

/** What linking does to the spreadsheet: the response sheet appears, or loses its form. */
interface Destinations {
  link(form: FormData, spreadsheetId: string): void;
  unlink(form: FormData): void;
}

/** A text or paragraph validation as built by FormApp.create(Paragraph)TextValidation(). */
class FakeValidationBuilder extends Fake {
  private rule: Record<string, unknown> = {};
  requireTextIsEmail() {
    this.rule = { kind: "email" };
    return this;
  }
  requireNumberBetween(min: number, max: number) {
    this.rule = { kind: "numberBetween", min, max };
    return this;
  }
  requireWholeNumber() {
    this.rule = { kind: "wholeNumber" };
    return this;
  }
  requireTextLengthLessThanOrEqualTo(n: number) {
    this.rule = { kind: "maxLength", max: n };
    return this;
  }
  setHelpText(text: string) {
    this.rule = { ...this.rule, helpText: text };
    return this;
  }
  build() {
    return { ...this.rule };
  }
}
instrument(FakeValidationBuilder, "FormApp", "TextValidationBuilder", [
  "requireTextIsEmail",
  "requireNumberBetween",
  "requireWholeNumber",
  "requireTextLengthLessThanOrEqualTo",
  "setHelpText",
  "build",
]);

/** Any item: the as*Item() views return the same object when the type matches, as Forms does. */
export class FakeItem
  extends Fake
  implements Pick<GasItem, "getId" | "getIndex" | "getTitle" | "getHelpText">
{
  constructor(
    env: Env,
    private readonly form: FormData,
    readonly data: ItemData,
    /** A new item ID (the store's counter), for duplicate(). */
    private readonly newId: () => number = () => {
      throw new Error("gas-fake: this item cannot be duplicated");
    },
  ) {
    super(env);
  }
  getId(): number {
    return this.data.id;
  }
  /**
   * «Creates a copy of this item and appends it to the end of the form» (…Item.duplicate() in the
   * Forms reference, e.g. ScaleItem.duplicate(): ScaleItem): title, help text, requirement,
   * choices, bounds, labels and validation, under a new ID; the copy keeps the type.
   */
  duplicate() {
    const d = this.data;
    const copy: ItemData = {
      ...d,
      id: this.newId(),
      choices: [...d.choices],
      bounds: d.bounds ? [d.bounds[0], d.bounds[1]] : null,
      labels: d.labels ? [d.labels[0], d.labels[1]] : null,
    };
    this.form.items.push(copy);
    return new FakeItem(this.env, this.form, copy, this.newId);
  }
  getIndex(): number {
    return this.form.items.indexOf(this.data);
  }
  getTitle(): string {
    return this.data.title;
  }
  getHelpText(): string {
    return this.data.helpText;
  }
  getType(): GoogleAppsScript.Forms.ItemType {
    return this.data.type as unknown as GoogleAppsScript.Forms.ItemType;
  }
  private as(type: ItemTypeName) {
    if (this.data.type !== type) throw this.env.error(`Item is not a ${type} item.`);
    return this;
  }
  asTextItem() {
    return this.as("TEXT");
  }
  asParagraphTextItem() {
    return this.as("PARAGRAPH_TEXT");
  }
  asDateItem() {
    return this.as("DATE");
  }
  asScaleItem() {
    return this.as("SCALE");
  }
  asMultipleChoiceItem() {
    return this.as("MULTIPLE_CHOICE");
  }
  asCheckboxItem() {
    return this.as("CHECKBOX");
  }
  asListItem() {
    return this.as("LIST");
  }
  asPageBreakItem() {
    return this.as("PAGE_BREAK");
  }
  setTitle(title: string) {
    this.data.title = title;
    return this;
  }
  setHelpText(text: string) {
    this.data.helpText = text;
    return this;
  }
  setRequired(required: boolean) {
    this.data.required = required;
    return this;
  }
  setChoiceValues(values: string[]) {
    if (values.length === 0) throw this.env.error("Choices must not be empty.");
    this.data.choices = [...values];
    return this;
  }
  setBounds(low: number, high: number) {
    if (low < 0 || low > 1 || high < 3 || high > 10) throw this.env.error("Invalid bounds for a scale item.");
    this.data.bounds = [low, high];
    return this;
  }
  setLabels(low: string, high: string) {
    this.data.labels = [low, high];
    return this;
  }
  setValidation(rule: Record<string, unknown>) {
    this.data.validation = rule;
    return this;
  }
  /**
   * TextItem/ParagraphTextItem/MultipleChoiceItem/ListItem.createResponse(response): an
   * ItemResponse for this item. Google: for a multiple-choice or list item it "throws an exception
   * if the response argument does not match a valid choice for this item" (the fake has no «other»
   * option).
   */
  createResponse(value: string) {
    const t = this.data.type;
    if (t !== "TEXT" && t !== "PARAGRAPH_TEXT" && t !== "MULTIPLE_CHOICE" && t !== "LIST")
      throw this.env.error(`createResponse is not supported here for a ${t} item.`);
    if ((t === "MULTIPLE_CHOICE" || t === "LIST") && !this.data.choices.includes(String(value)))
      throw this.env.error(`Invalid response submitted to item: ${String(value)}`);
    return new FakeItemResponse(this.env, this.data, String(value));
  }
}

/** An ItemResponse made by createResponse: the item and its answer. */
export class FakeItemResponse extends Fake {
  constructor(
    env: Env,
    readonly item: ItemData,
    readonly value: string,
  ) {
    super(env);
  }
  getResponse(): string {
    return this.value;
  }
}
instrument(FakeItemResponse, "FormApp", "ItemResponse", ["getResponse"]);

/** The entry number of an item in a form's URLs: Google's entry IDs are not its item IDs. */
export function entryIdOf(item: ItemData): number {
  return 100000 + item.id * 7;
}

/**
 * A FormResponse made by Form.createResponse(): withItemResponse adds (or replaces) an item's answer
 * and returns this response; toPrefilledUrl() is the form's published URL with «usp=pp_url» and an
 * «entry.N=value» per answer, values URL-encoded with «+» for spaces, as the pre-filled links Google
 * Forms gives look.
 */
export class FakeFormResponse extends Fake {
  private readonly answers: FakeItemResponse[] = [];
  constructor(
    env: Env,
    private readonly form: FormData,
  ) {
    super(env);
  }
  withItemResponse(response: FakeItemResponse) {
    if (!(response instanceof FakeItemResponse)) throw this.env.error("Invalid argument: response");
    if (!this.form.items.includes(response.item)) throw this.env.error("The item is not in this form.");
    const at = this.answers.findIndex((a) => a.item === response.item);
    if (at >= 0) this.answers.splice(at, 1, response);
    else this.answers.push(response);
    return this;
  }
  toPrefilledUrl(): string {
    const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
    const query = this.answers.map((a) => `&entry.${entryIdOf(a.item)}=${encode(a.value)}`).join("");
    return `https://docs.google.com/forms/d/e/pub-${this.form.id}/viewform?usp=pp_url${query}`;
  }
}
instrument(FakeFormResponse, "FormApp", "FormResponse", ["withItemResponse", "toPrefilledUrl"]);

instrument(FakeItem, "FormApp", "Item", [
  "getId",
  "duplicate",
  "getIndex",
  "getTitle",
  "getHelpText",
  "getType",
  "asTextItem",
  "asParagraphTextItem",
  "asDateItem",
  "asScaleItem",
  "asMultipleChoiceItem",
  "asCheckboxItem",
  "asListItem",
  "asPageBreakItem",
  "setTitle",
  "setHelpText",
  "setRequired",
  "setChoiceValues",
  "setBounds",
  "setLabels",
  "setValidation",
  "createResponse",
]);

const FORM_METHODS = [
  "getId",
  "getTitle",
  "setTitle",
  "getDescription",
  "setDescription",
  "setCollectEmail",
  "collectsEmail",
  "setAllowResponseEdits",
  "isAcceptingResponses",
  "setAcceptingResponses",
  "setProgressBar",
  "setConfirmationMessage",
  "getEditUrl",
  "getPublishedUrl",
  "getItems",
  "deleteItem",
  "moveItem",
  "setDestination",
  "removeDestination",
  "getDestinationId",
] as const;

/** Form methods newer than @types/google-apps-script 2.0.13. */
const NEW_FORM_METHODS = [
  "setPublished",
  "isPublished",
  "supportsAdvancedResponderPermissions",
  "setEmailCollectionType",
  "getEmailCollectionType",
] as const;

export class FakeForm extends Fake implements Pick<GasForm, (typeof FORM_METHODS)[number]> {
  constructor(
    env: Env,
    readonly data: FormData,
    private readonly store: FormsStore,
    private readonly destinations: Destinations,
  ) {
    super(env);
  }
  private live(): FormData {
    if (this.data.deleted) throw this.env.error("The form has been deleted.");
    return this.data;
  }
  getId(): string {
    return this.live().id;
  }
  getTitle(): string {
    return this.live().title;
  }
  setTitle(title: string): GasForm {
    this.live().title = title;
    return this as unknown as GasForm;
  }
  getDescription(): string {
    return this.live().description;
  }
  setDescription(text: string): GasForm {
    this.live().description = text;
    return this as unknown as GasForm;
  }
  /** Turns collection on as VERIFIED (a mode already chosen stays), or off. */
  setCollectEmail(collect: boolean): GasForm {
    const form = this.live();
    if (!collect) form.emailCollection = "DO_NOT_COLLECT";
    else if (form.emailCollection === "DO_NOT_COLLECT") form.emailCollection = "VERIFIED";
    return this as unknown as GasForm;
  }
  collectsEmail(): boolean {
    return this.live().emailCollection !== "DO_NOT_COLLECT";
  }
  setEmailCollectionType(type: string): GasForm {
    if (!EMAIL_COLLECTION.includes(String(type) as EmailCollection))
      throw this.env.signatureError("Form.setEmailCollectionType", [type]);
    this.live().emailCollection = String(type) as EmailCollection;
    return this as unknown as GasForm;
  }
  getEmailCollectionType(): string {
    return this.live().emailCollection;
  }
  supportsAdvancedResponderPermissions(): boolean {
    return !this.live().legacy;
  }
  /** Publishing opens the form for responses; unpublishing closes it. */
  setPublished(enabled: boolean): GasForm {
    const form = this.live();
    if (form.legacy) throw this.env.error("This form does not support publishing.");
    if (enabled && this.store.publishRefusal) throw this.env.error(this.store.publishRefusal);
    form.published = enabled;
    form.acceptingResponses = enabled;
    return this as unknown as GasForm;
  }
  isPublished(): boolean {
    const form = this.live();
    if (form.legacy) throw this.env.error("This form does not support publishing.");
    return form.published;
  }
  isAcceptingResponses(): boolean {
    return this.live().acceptingResponses;
  }
  /** An unpublished form stays closed (PublishState: accepting is forced to false). */
  setAcceptingResponses(enabled: boolean): GasForm {
    const form = this.live();
    form.acceptingResponses = enabled && form.published;
    return this as unknown as GasForm;
  }
  setAllowResponseEdits(enabled: boolean): GasForm {
    this.live().allowEdits = enabled;
    return this as unknown as GasForm;
  }
  setProgressBar(enabled: boolean): GasForm {
    this.live().progressBar = enabled;
    return this as unknown as GasForm;
  }
  setConfirmationMessage(message: string): GasForm {
    this.live().confirmation = message;
    return this as unknown as GasForm;
  }
  getEditUrl(): string {
    return editUrl(this.live().id);
  }
  getPublishedUrl(): string {
    return `https://docs.google.com/forms/d/e/pub-${this.live().id}/viewform`;
  }
  getItems(): GasItem[] {
    const form = this.live();
    return this.env.realm.array(
      form.items.map(
        (d) => new FakeItem(this.env, form, d, () => this.store.nextItemId++) as unknown as GasItem,
      ),
    );
  }
  private add(type: ItemTypeName) {
    const form = this.live();
    const data: ItemData = {
      id: this.store.nextItemId++,
      type,
      title: "",
      helpText: "",
      required: false,
      choices: [],
      bounds: null,
      labels: null,
      validation: null,
    };
    form.items.push(data);
    return new FakeItem(this.env, form, data, () => this.store.nextItemId++);
  }
  addTextItem() {
    return this.add("TEXT");
  }
  addParagraphTextItem() {
    return this.add("PARAGRAPH_TEXT");
  }
  addDateItem() {
    return this.add("DATE");
  }
  addScaleItem() {
    return this.add("SCALE").setBounds(1, 5);
  }
  addMultipleChoiceItem() {
    return this.add("MULTIPLE_CHOICE");
  }
  addCheckboxItem() {
    return this.add("CHECKBOX");
  }
  addListItem() {
    return this.add("LIST");
  }
  addPageBreakItem() {
    return this.add("PAGE_BREAK");
  }
  /** Form.createResponse(): a new, empty response, to submit or to turn into a pre-filled link. */
  createResponse() {
    return new FakeFormResponse(this.env, this.live());
  }
  deleteItem(item: GasItem | number): void {
    const form = this.live();
    const index = typeof item === "number" ? item : form.items.indexOf((item as unknown as FakeItem).data);
    if (index < 0 || index >= form.items.length) throw this.env.error("Invalid item.");
    form.items.splice(index, 1);
  }
  moveItem(item: GasItem | number, toIndex: number): GasItem {
    const form = this.live();
    const from = typeof item === "number" ? item : form.items.indexOf((item as unknown as FakeItem).data);
    const [data] = form.items.splice(from, 1);
    form.items.splice(toIndex, 0, data);
    return new FakeItem(this.env, form, data) as unknown as GasItem;
  }
  /** Links the responses to a spreadsheet: a new response sheet holds every stored response. */
  setDestination(_type: GoogleAppsScript.Forms.DestinationType, id: string): GasForm {
    const form = this.live();
    if (form.destinationId !== null) this.destinations.unlink(form);
    form.destinationId = id;
    this.destinations.link(form, id);
    return this as unknown as GasForm;
  }
  /** Unlinks: the former sheet keeps its rows; the responses stay in the form. No-op when unlinked. */
  removeDestination(): GasForm {
    const form = this.live();
    if (form.destinationId === null) return this as unknown as GasForm;
    this.destinations.unlink(form);
    form.destinationId = null;
    return this as unknown as GasForm;
  }
  getDestinationId(): string {
    const id = this.live().destinationId;
    if (id === null) throw this.env.error("The form has no response destination.");
    return id;
  }
}
instrument(FakeForm, "FormApp", "Form", [
  ...FORM_METHODS,
  ...NEW_FORM_METHODS,
  "addTextItem",
  "addParagraphTextItem",
  "addDateItem",
  "addScaleItem",
  "addMultipleChoiceItem",
  "addCheckboxItem",
  "addListItem",
  "addPageBreakItem",
  "createResponse",
]);

export class FakeFormApp extends Fake implements Pick<GoogleAppsScript.Forms.FormApp, "create" | "openById"> {
  readonly ItemType = Object.fromEntries(ITEM_TYPES.map((t) => [t, t]));
  readonly DestinationType = { SPREADSHEET: "SPREADSHEET" };
  readonly EmailCollectionType = Object.fromEntries(EMAIL_COLLECTION.map((t) => [t, t]));

  constructor(
    env: Env,
    private readonly store: FormsStore,
    private readonly destinations: Destinations,
  ) {
    super(env);
  }
  create(title: string): GasForm {
    const data: FormData = {
      id: `form-${++this.store.nextForm}`,
      title,
      description: "",
      emailCollection: "DO_NOT_COLLECT",
      // Created through the API after 30 June 2026: unpublished, closed to responses.
      published: false,
      acceptingResponses: false,
      legacy: false,
      owner: this.env.users.effective,
      editors: [],
      allowEdits: false,
      progressBar: false,
      confirmation: "",
      items: [],
      destinationId: null,
      deleted: false,
      responses: [],
    };
    this.store.forms.set(data.id, data);
    return new FakeForm(this.env, data, this.store, this.destinations) as unknown as GasForm;
  }
  openById(id: string): GasForm {
    const data = this.store.forms.get(id);
    if (!data || data.deleted || !canOpen(data, this.env.users.effective))
      throw this.env.error(
        `No item with the given ID could be found, or you do not have permission to access it.`,
      );
    return new FakeForm(this.env, data, this.store, this.destinations) as unknown as GasForm;
  }
  createTextValidation() {
    return new FakeValidationBuilder(this.env);
  }
  createParagraphTextValidation() {
    return new FakeValidationBuilder(this.env);
  }
}
instrument(FakeFormApp, "FormApp", "FormApp", [
  "create",
  "openById",
  "createTextValidation",
  "createParagraphTextValidation",
]);

/** Test-side control of the forms: read them, delete or unlink one, play respondents. */
export interface FormsControl {
  forms(): FormData[];
  /** A form by its ID or its title (`submit` and the others take either too). */
  form(title: string): FormData;
  delete(id: string): void;
  /** «Отвязать форму» in Sheets: the form loses its destination; the sheet stays, unlinked. */
  unlink(formTitle: string): void;
  /** The response sheet the form writes to in the spreadsheet, or null. */
  linkedSheet(formTitle: string): string | null;
  /** Shares the form for editing with a user (Drive «Share» by its owner). */
  share(formTitle: string, email: string): void;
  /** Turns a form into a legacy one (no publish settings), published and accepting or not. */
  makeLegacy(formTitle: string, accepting: boolean): void;
  /** From now on setPublished(true) throws `message` (null: publishing works again). */
  refusePublishing(message: string | null): void;
  /**
   * «Файл → Создать копию» of the spreadsheet `fromId` as `toId` by `owner` (copy.ts): each form
   * whose responses go to `fromId` is copied too («Copy of …», owned by `owner`, unpublished, with
   * none of the original's stored responses) and the copy's response sheet is linked to the copy;
   * the original form keeps sending to `fromId`. Unconfirmed by Google's documentation: see
   * docs/smoke-test.md.
   */
  copyLinkedForms(fromId: string, toId: string, owner: string): FormData[];
  /** The Forms REST API (UrlFetchApp to forms.googleapis.com) over these forms. */
  api: FormsApiControl;
  /**
   * A respondent submits (or, with `editRow`, edits) a response: the form stores it; the row is
   * written to the linked sheet as Google Forms writes it, then the handler of each installable
   * submit trigger of the spreadsheet is called, as that trigger's owner (none: nobody processes
   * it). With no linked sheet the response stays in the form only, and the result is
   * `{ sheet: "", row: 0 }`. Answers are keyed by question title; checkbox answers are arrays.
   * Throws, storing nothing, where Google Forms refuses the respondent: the form is not published
   * or not accepting responses, or it collects VERIFIED addresses and the respondent has no Google
   * account (`googleAccount: false`).
   */
  /**
   * A respondent opens a pre-filled link: the form it belongs to and the answers it fills in, keyed
   * by question title (what `submit` takes). Throws when the link is not one of a fake form's.
   */
  openPrefilled(url: string): { form: string; answers: Record<string, string> };
  submit(
    formTitle: string,
    response: {
      email: string;
      at: Date;
      answers: Record<string, string | number | Date | string[]>;
      googleAccount?: boolean;
    },
    editRow?: number,
  ): { sheet: string; row: number };
}

/** The Forms REST API over the same forms (forms-api.ts). */
export interface FormsApiControl {
  /** Every request that reached a form, in order. */
  log: FormsApiState["log"];
  /** Switches the API off for the script's Cloud project (403 SERVICE_DISABLED), or on again. */
  disable(disabled: boolean): void;
}

export interface FormAppOptions {
  /** When a linked form's response sheet appears (see the file's comment). */
  responseSheet?: "immediate" | "next-execution";
}

/** Adds FormApp to a fake's globals (before loadScript) and returns the test-side control. */
export function installFormApp(fake: GasFake, options: FormAppOptions = {}): FormsControl {
  const env = fake.env;
  /** Links whose response sheet Google has not created yet (responseSheet: "next-execution"). */
  const pending: { form: FormData; spreadsheetId: string }[] = [];
  const store: FormsStore = { forms: new Map(), nextItemId: 1000, nextForm: 0, publishRefusal: null };
  const inspector = fake.spreadsheet;

  const headerOf = (form: FormData) => [
    "Отметка времени",
    ...(form.emailCollection !== "DO_NOT_COLLECT" ? ["Адрес электронной почты"] : []),
    ...form.items.filter((i) => i.type !== "PAGE_BREAK" && i.type !== "SECTION_HEADER").map((i) => i.title),
  ];
  /** A response as the row Google Forms writes under `header` (plain values, not typed input). */
  const valuesOf = (header: string[], r: Omit<StoredResponse, "row">) =>
    header.map((title) => {
      if (title === "Отметка времени") return r.at;
      if (title === "Адрес электронной почты") return r.email;
      const v = r.answers[title];
      return Array.isArray(v) ? v.join(", ") : (v ?? "");
    });
  /** Typed into the sheet: text stays text (Forms never turns «=1+1» into a formula). */
  const asInput = (row: unknown[]) => row.map((v) => (typeof v === "string" && v !== "" ? `'${v}` : v));
  const linkedSheetOf = (form: FormData): string | null =>
    [...inspector.sheetNames()].find((n) => inspector.sheet(n).model.formUrl === editUrl(form.id)) ?? null;

  const destinations: Destinations = {
    link(form, spreadsheetId) {
      if (options.responseSheet === "next-execution") pending.push({ form, spreadsheetId });
      else createResponseSheet(form, spreadsheetId);
    },
    unlink(form) {
      const waiting = pending.findIndex((p) => p.form === form);
      if (waiting >= 0) pending.splice(waiting, 1);
      const name = linkedSheetOf(form);
      if (name) inspector.sheet(name).model.formUrl = null;
      for (const r of form.responses) r.row = null;
    },
  };
  /** The sheets Google has created since the last execution. */
  const appear = () => {
    for (const { form, spreadsheetId } of pending.splice(0)) createResponseSheet(form, spreadsheetId);
  };
  const call = fake.call.bind(fake);
  fake.call = (name, ...args) => {
    appear();
    return call(name, ...args);
  };

  function createResponseSheet(form: FormData, spreadsheetId: string): void {
    if (spreadsheetId !== env.activeSpreadsheetId) {
      for (const r of form.responses) r.row = null;
      return;
    }
    let n = 1;
    while (inspector.hasSheet(`Ответы на форму (${n})`)) n++;
    const header = headerOf(form);
    // Google exports every response the form has kept into the new sheet, oldest first.
    form.responses.forEach((r, i) => {
      r.row = i + 2;
    });
    env.calls.untracked(() => {
      const sheet = inspector.addSheet(
        `Ответы на форму (${n})`,
        [header, ...form.responses.map((r) => asInput(valuesOf(header, r)))],
        { index: 0 },
      );
      sheet.model.formUrl = editUrl(form.id);
    });
  }

  (fake.globals as unknown as Record<string, unknown>).FormApp = new FakeFormApp(env, store, destinations);
  // The Forms REST API through UrlFetchApp, over the same forms.
  const api = newFormsApiState(() => store.publishRefusal);
  urlFetchOf(fake).routes.push(formsApiRoute(env, api, store.forms, () => store.nextItemId++));

  const control: FormsControl = {
    forms: () => [...store.forms.values()],
    form(title) {
      // By ID, or by title (the first such form: a copy may share its original's title).
      const byId = store.forms.get(title);
      const f =
        byId && !byId.deleted ? byId : [...store.forms.values()].find((x) => x.title === title && !x.deleted);
      if (!f) throw new Error(`gas-fake: no form «${title}»`);
      return f;
    },
    delete(id) {
      const f = store.forms.get(id);
      if (f) f.deleted = true;
    },
    unlink(formTitle) {
      const form = control.form(formTitle);
      if (form.destinationId === null) return;
      destinations.unlink(form);
      form.destinationId = null;
    },
    linkedSheet: (formTitle) => linkedSheetOf(control.form(formTitle)),
    share(formTitle, email) {
      control.form(formTitle).editors.push(email);
    },
    makeLegacy(formTitle, accepting) {
      Object.assign(control.form(formTitle), {
        legacy: true,
        published: true,
        acceptingResponses: accepting,
      });
    },
    api: {
      log: api.log,
      disable(disabled) {
        api.disabled = disabled;
      },
    },
    refusePublishing(message) {
      store.publishRefusal = message;
    },
    copyLinkedForms(fromId, toId, owner) {
      const copies: FormData[] = [];
      for (const form of [...store.forms.values()]) {
        if (form.deleted || form.destinationId !== fromId) continue;
        const copy: FormData = {
          ...form,
          id: `form-${++store.nextForm}`,
          title: `Copy of ${form.title}`,
          owner,
          editors: [],
          published: false,
          acceptingResponses: false,
          legacy: false,
          items: form.items.map((i) => ({ ...i, id: store.nextItemId++, choices: [...i.choices] })),
          destinationId: toId,
          responses: [],
        };
        store.forms.set(copy.id, copy);
        const name = linkedSheetOf(form);
        if (name) inspector.sheet(name).model.formUrl = editUrl(copy.id);
        copies.push(copy);
      }
      return copies;
    },
    openPrefilled(url) {
      const m =
        /^https:\/\/docs\.google\.com\/forms\/d\/e\/pub-([^/]+)\/viewform\?usp=pp_url((?:&entry\.\d+=[^&]*)*)$/.exec(
          url,
        );
      if (!m) throw new Error(`gas-fake: not a pre-filled link: ${url}`);
      const form = control.form(m[1]);
      const answers: Record<string, string> = {};
      for (const [, entry, value] of m[2].matchAll(/&entry\.(\d+)=([^&]*)/g)) {
        const item = form.items.find((i) => entryIdOf(i) === Number(entry));
        if (!item) throw new Error(`gas-fake: the form has no entry ${entry}`);
        answers[item.title] = decodeURIComponent(value.replace(/\+/g, " "));
      }
      return { form: form.id, answers };
    },
    submit(formTitle, { googleAccount = true, ...response }, editRow) {
      appear();
      const form = control.form(formTitle);
      if (!form.published || !form.acceptingResponses)
        throw new Error(
          `gas-fake: «${formTitle}» is ${form.published ? "not accepting responses" : "not published"}: Google Forms refuses the response`,
        );
      if (form.emailCollection === "VERIFIED" && !googleAccount)
        throw new Error(
          `gas-fake: «${formTitle}» collects verified e-mails: a respondent without a Google account must sign in first`,
        );
      // The form keeps every response, whether or not a sheet receives it.
      let stored = editRow === undefined ? undefined : form.responses.find((r) => r.row === editRow);
      if (stored)
        Object.assign(stored, { at: response.at, email: response.email, answers: response.answers });
      else {
        stored = { ...response, row: null };
        form.responses.push(stored);
      }
      const sheetName = linkedSheetOf(form);
      if (!sheetName) return { sheet: "", row: 0 };
      const sheet = inspector.sheet(sheetName);
      // New questions get new columns at the right, as Google Forms does.
      const header = sheet.row(1).map(String);
      for (const title of headerOf(form)) if (!header.includes(title)) header.push(title);
      const row = valuesOf(header, response);
      const rowNumber = editRow ?? Math.max(sheet.lastRow, 1) + 1;
      stored.row = rowNumber;
      env.calls.untracked(() => {
        sheet.setValues("A1", [header]);
        sheet.setValues(`A${rowNumber}`, [asInput(row)]);
      });
      const lastCol = header.length;
      const a1 = `A${rowNumber}:${colLetter(lastCol)}${rowNumber}`;
      const namedValues: Record<string, string[]> = {};
      header.forEach((title, i) => {
        namedValues[title] = [String(row[i] ?? "")];
      });
      // Every installable submit trigger of the spreadsheet fires, each as its owner (whose
      // authority an installable trigger runs with).
      const triggers = fake.state.triggers.filter(
        (t) => t.eventType === "ON_FORM_SUBMIT" && t.sourceId === env.activeSpreadsheetId,
      );
      for (const t of triggers) {
        const before = { ...fake.users };
        const ui = fake.state.uiAvailable;
        Object.assign(fake.users, { active: t.owner, effective: t.owner });
        // A trigger runs with nobody at the screen: no Ui, no authorization prompt.
        fake.state.uiAvailable = false;
        try {
          fake.call(t.handler, {
            authMode: "FULL",
            range: inspector.range(sheetName, a1),
            namedValues,
            values: row.map(String),
            source: undefined,
            triggerUid: t.id,
          });
        } finally {
          Object.assign(fake.users, before);
          fake.state.uiAvailable = ui;
        }
      }
      return { sheet: sheetName, row: rowNumber };
    },
  };
  return control;
}

function colLetter(n: number): string {
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export { SpreadsheetInspector };
