/**
 * The Google Forms REST API (v1) through UrlFetchApp (url-fetch.ts), over the same forms as the
 * FormApp fake (forms.ts): what a script reaches at https://forms.googleapis.com/v1/forms/ID with
 * «Authorization: Bearer ScriptApp.getOAuthToken()». Modelled after the API reference
 * (developers.google.com/workspace/forms/api/reference/rest/v1/forms and the discovery document):
 *
 * - forms.get (GET …/forms/ID): the Form resource — formId, info (title, documentTitle,
 *   description), settings.emailCollectionType, items, revisionId, responderUri, linkedSheetId
 *   (while the form sends its responses to a spreadsheet), publishSettings.publishState (absent on
 *   a legacy form). JSON as Google's APIs write proto3: false, 0 and "" are left out.
 * - forms.batchUpdate (POST …/forms/ID:batchUpdate): requests[] of updateFormInfo, updateSettings,
 *   createItem, updateItem, deleteItem, moveItem, applied in order, all or none («All the specified
 *   updates are made or none of them are»); replies 1:1 (createItem: itemId, questionId[]);
 *   includeFormInResponse returns the form; writeControl.requiredRevisionId must be the latest.
 *   Item kinds modelled: questionItem (textQuestion, choiceQuestion RADIO / CHECKBOX / DROP_DOWN,
 *   scaleQuestion, dateQuestion), pageBreakItem, textItem; any other kind throws «gas-fake: …».
 * - forms.setPublishSettings (POST …/forms/ID:setPublishSettings): publishSettings.publishState
 *   with both isPublished and isAcceptingResponses; accepting while unpublished is an error; a
 *   legacy form has no publish settings and is refused.
 *
 * Refused as the API refuses: an unknown field anywhere in a request body (400 INVALID_ARGUMENT,
 * «Invalid JSON payload received. Unknown name "x" at '…': Cannot find field.»); a request that
 * breaks the reference's rules (a missing required field or updateMask, an index out of range, a
 * choice question without options or with the same option twice, a scale outside 0–1 … 2–10,
 * documentTitle in an updateMask: 400); no token (401); a token without forms.body (or a Drive
 * scope) among the effective user's grants (403 ACCESS_TOKEN_SCOPE_INSUFFICIENT); a form the user
 * is neither owner nor editor of (403) or that does not exist (404); the API switched off for the
 * script's Cloud project (`FormsControl.disableApi`: 403 SERVICE_DISABLED, what Google answers
 * while the Forms API is not enabled in the project).
 *
 * Guesses, named as such (docs/smoke-test.md lists them): the wording of the validation messages;
 * the error of setPublishSettings on a legacy form (400 FAILED_PRECONDITION); that a createItem at
 * index N (the item count) appends; that updateItem with questionItem in its mask drops the text
 * validation FormApp had set (the API has no field for it, so the code sets it again); item and
 * question IDs are 8 hex digits unrelated to FormApp's Item.getId() (the reference documents no
 * relation, and the code relies on none).
 */
import { SCOPE } from "./auth";
import type { Env } from "./env";
import type { EmailCollection, FormData, ItemData, ItemTypeName } from "./forms";
import { type FetchAnswer, type FetchRoute, jsonAnswer, jsonError } from "./url-fetch";

type Json = Record<string, unknown>;

/** Forms-API side of the store: IDs of items and questions, revisions, a request log. */
export interface FormsApiState {
  /** Set: every request answers 403 SERVICE_DISABLED (the API not enabled in the Cloud project). */
  disabled: boolean;
  /** Every request that reached a form (after authentication), for tests. */
  log: { method: "get" | "batchUpdate" | "setPublishSettings"; formId: string; body: Json | null }[];
  nextId: number;
  revisions: Map<string, number>;
  /** When set, setPublishSettings publishing a form answers this error. */
  publishRefusal: () => string | null;
}

export function newFormsApiState(publishRefusal: () => string | null): FormsApiState {
  return { disabled: false, log: [], nextId: 0x3a7c0, revisions: new Map(), publishRefusal };
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: string,
    message: string,
  ) {
    super(message);
  }
}

const bad = (message: string) => new ApiError(400, "INVALID_ARGUMENT", message);

/** Refuses any field of `obj` not in `allowed` («Unknown name … Cannot find field»). */
function fieldsOf(obj: unknown, allowed: string[], at: string): Json {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj))
    throw bad(`Invalid value at '${at}', expected an object.`);
  for (const k of Object.keys(obj as Json))
    if (!allowed.includes(k))
      throw bad(`Invalid JSON payload received. Unknown name "${k}" at '${at}': Cannot find field.`);
  return obj as Json;
}

function newHexId(state: FormsApiState): string {
  state.nextId += 0x1d3;
  return state.nextId.toString(16).padStart(8, "0");
}

function ensureIds(state: FormsApiState, item: ItemData): void {
  item.apiId ??= newHexId(state);
  if (item.type !== "PAGE_BREAK" && item.type !== "SECTION_HEADER") item.questionId ??= newHexId(state);
}

const CHOICE_TYPE: Partial<Record<ItemTypeName, string>> = {
  MULTIPLE_CHOICE: "RADIO",
  CHECKBOX: "CHECKBOX",
  LIST: "DROP_DOWN",
};

/** An item as the API returns it (proto3 JSON: defaults left out). */
function itemJson(state: FormsApiState, d: ItemData): Json {
  ensureIds(state, d);
  const out: Json = { itemId: d.apiId };
  if (d.title) out.title = d.title;
  if (d.helpText) out.description = d.helpText;
  if (d.type === "PAGE_BREAK") return { ...out, pageBreakItem: {} };
  if (d.type === "SECTION_HEADER") return { ...out, textItem: {} };
  const q: Json = { questionId: d.questionId };
  if (d.required) q.required = true;
  if (d.type === "TEXT") q.textQuestion = {};
  else if (d.type === "PARAGRAPH_TEXT") q.textQuestion = { paragraph: true };
  else if (d.type === "DATE") q.dateQuestion = d.includesYear === false ? {} : { includeYear: true };
  else if (d.type === "SCALE") {
    const [low, high] = d.bounds ?? [1, 5];
    const s: Json = { high };
    if (low) s.low = low;
    if (d.labels?.[0]) s.lowLabel = d.labels[0];
    if (d.labels?.[1]) s.highLabel = d.labels[1];
    q.scaleQuestion = s;
  } else q.choiceQuestion = { type: CHOICE_TYPE[d.type], options: d.choices.map((value) => ({ value })) };
  return { ...out, questionItem: { question: q } };
}

function formJson(state: FormsApiState, form: FormData, linkedSheetId: string | null): Json {
  const out: Json = {
    formId: form.id,
    info: {
      title: form.title,
      documentTitle: form.title,
      ...(form.description ? { description: form.description } : {}),
    },
    settings: { emailCollectionType: form.emailCollection },
    items: form.items.map((i) => itemJson(state, i)),
    revisionId: `0000${String(state.revisions.get(form.id) ?? 1).padStart(4, "0")}`,
    responderUri: `https://docs.google.com/forms/d/e/pub-${form.id}/viewform`,
  };
  if (linkedSheetId) out.linkedSheetId = linkedSheetId;
  if (!form.legacy) {
    const publishState: Json = {};
    if (form.published) publishState.isPublished = true;
    if (form.acceptingResponses) publishState.isAcceptingResponses = true;
    out.publishSettings = { publishState };
  }
  return out;
}

/** The ItemData an API item describes (a new item, or `base` updated), validated as the API does. */
function itemFromJson(state: FormsApiState, raw: unknown, at: string, base: ItemData | null): ItemData {
  const item = fieldsOf(
    raw,
    [
      "itemId",
      "title",
      "description",
      "questionItem",
      "pageBreakItem",
      "textItem",
      "questionGroupItem",
      "imageItem",
      "videoItem",
    ],
    at,
  );
  const kinds = [
    "questionItem",
    "pageBreakItem",
    "textItem",
    "questionGroupItem",
    "imageItem",
    "videoItem",
  ].filter((k) => item[k] !== undefined);
  if (kinds.length !== 1) throw bad(`${at}: exactly one item kind must be set`);
  const d: ItemData = base
    ? { ...base, choices: [...base.choices] }
    : {
        id: 0,
        type: "TEXT",
        title: "",
        helpText: "",
        required: false,
        choices: [],
        bounds: null,
        labels: null,
        validation: null,
      };
  d.title = item.title === undefined ? "" : String(item.title);
  d.helpText = item.description === undefined ? "" : String(item.description);
  // «If an ID is blank (and in the field mask) a new ID is generated» (UpdateItemRequest.item).
  d.apiId = item.itemId !== undefined && String(item.itemId) !== "" ? String(item.itemId) : newHexId(state);
  const kind = kinds[0];
  if (kind === "pageBreakItem") {
    fieldsOf(item.pageBreakItem, [], `${at}.page_break_item`);
    d.type = "PAGE_BREAK";
    return d;
  }
  if (kind === "textItem") {
    fieldsOf(item.textItem, [], `${at}.text_item`);
    d.type = "SECTION_HEADER";
    return d;
  }
  if (kind !== "questionItem") throw new Error(`gas-fake: Forms API item kind ${kind} is not modelled`);
  const qi = fieldsOf(item.questionItem, ["question", "image"], `${at}.question_item`);
  if (qi.image !== undefined) throw new Error("gas-fake: Forms API question images are not modelled");
  if (qi.question === undefined) throw bad(`${at}.questionItem.question is required`);
  const q = fieldsOf(
    qi.question,
    [
      "questionId",
      "required",
      "grading",
      "choiceQuestion",
      "textQuestion",
      "scaleQuestion",
      "dateQuestion",
      "timeQuestion",
      "ratingQuestion",
      "fileUploadQuestion",
      "rowQuestion",
    ],
    `${at}.question_item.question`,
  );
  const qat = `${at}.question_item.question`;
  const qKinds = [
    "choiceQuestion",
    "textQuestion",
    "scaleQuestion",
    "dateQuestion",
    "timeQuestion",
    "ratingQuestion",
    "fileUploadQuestion",
    "rowQuestion",
  ].filter((k) => q[k] !== undefined);
  if (qKinds.length !== 1) throw bad(`${qat}: exactly one question kind must be set`);
  if (q.grading !== undefined) throw new Error("gas-fake: Forms API grading is not modelled");
  d.required = q.required === true;
  if (q.questionId !== undefined && String(q.questionId) !== "") d.questionId = String(q.questionId);
  else d.questionId = newHexId(state);
  d.bounds = null;
  d.labels = null;
  d.choices = [];
  delete d.includesYear;
  switch (qKinds[0]) {
    case "textQuestion": {
      const t = fieldsOf(q.textQuestion, ["paragraph"], `${qat}.text_question`);
      d.type = t.paragraph === true ? "PARAGRAPH_TEXT" : "TEXT";
      break;
    }
    case "dateQuestion": {
      const t = fieldsOf(q.dateQuestion, ["includeTime", "includeYear"], `${qat}.date_question`);
      if (t.includeTime === true) throw new Error("gas-fake: date questions with time are not modelled");
      d.type = "DATE";
      d.includesYear = t.includeYear === true;
      break;
    }
    case "scaleQuestion": {
      const s = fieldsOf(q.scaleQuestion, ["low", "high", "lowLabel", "highLabel"], `${qat}.scale_question`);
      const low = Number(s.low ?? 0);
      const high = Number(s.high ?? 0);
      if (![0, 1].includes(low) || !Number.isInteger(high) || high < 2 || high > 10)
        throw bad(`${qat}.scaleQuestion: low must be 0 or 1 and high from 2 to 10`);
      d.type = "SCALE";
      d.bounds = [low, high];
      d.labels = [String(s.lowLabel ?? ""), String(s.highLabel ?? "")];
      break;
    }
    case "choiceQuestion": {
      const c = fieldsOf(q.choiceQuestion, ["type", "options", "shuffle"], `${qat}.choice_question`);
      const type = Object.entries(CHOICE_TYPE).find(([, v]) => v === c.type)?.[0] as ItemTypeName | undefined;
      if (!type) throw bad(`${qat}.choiceQuestion.type: invalid value ${JSON.stringify(c.type)}`);
      if (!Array.isArray(c.options) || c.options.length === 0)
        throw bad(`${qat}.choiceQuestion.options: at least one option is required`);
      const values = c.options.map((o, i) => {
        const opt = fieldsOf(
          o,
          ["value", "image", "isOther", "goToAction", "goToSectionId"],
          `${qat}.choice_question.options[${i}]`,
        );
        if (
          opt.isOther !== undefined ||
          opt.image !== undefined ||
          opt.goToAction !== undefined ||
          opt.goToSectionId !== undefined
        )
          throw new Error("gas-fake: Forms API option extras are not modelled");
        if (typeof opt.value !== "string" || opt.value === "")
          throw bad(`${qat}.choiceQuestion.options[${i}].value is required`);
        return opt.value;
      });
      if (new Set(values).size !== values.length) throw bad(`${qat}.choiceQuestion: duplicate option values`);
      d.type = type;
      d.choices = values;
      break;
    }
    default:
      throw new Error(`gas-fake: Forms API question kind ${qKinds[0]} is not modelled`);
  }
  return d;
}

function maskOf(raw: unknown, at: string): string[] {
  if (typeof raw !== "string" || raw.trim() === "") throw bad(`${at}.updateMask is required`);
  return raw.split(",").map((s) => s.trim());
}

function indexOf(raw: unknown, at: string, count: number): number {
  const loc = fieldsOf(raw, ["index"], at);
  const index = Number(loc.index ?? 0);
  if (!Number.isInteger(index) || index < 0 || index >= count)
    throw bad(`${at}.index ${String(loc.index ?? 0)} is out of range [0, ${count})`);
  return index;
}

/**
 * Applies one batchUpdate to a copy of the form; returns the replies, or throws an ApiError with
 * nothing applied.
 */
function applyBatch(state: FormsApiState, form: FormData, body: Json, nextItemId: () => number): Json[] {
  const requests = body.requests;
  if (!Array.isArray(requests) || requests.length === 0)
    throw bad("requests: at least one request is required");
  const items = form.items.map((i) => ({ ...i, choices: [...i.choices] }));
  const info = { title: form.title, description: form.description };
  let email: EmailCollection = form.emailCollection;
  const replies: Json[] = requests.map((raw, n) => {
    const at = `requests[${n}]`;
    const r = fieldsOf(
      raw,
      ["updateFormInfo", "updateSettings", "createItem", "moveItem", "deleteItem", "updateItem"],
      at,
    );
    const kinds = Object.keys(r);
    if (kinds.length !== 1) throw bad(`${at}: exactly one request kind must be set`);
    const kind = kinds[0];
    const k = fieldsOf(
      r[kind],
      ["item", "location", "updateMask", "info", "settings", "originalLocation", "newLocation"],
      `${at}.${kind}`,
    );
    switch (kind) {
      case "updateFormInfo": {
        fieldsOf(k, ["info", "updateMask"], `${at}.update_form_info`);
        const i = fieldsOf(k.info, ["title", "description", "documentTitle"], `${at}.update_form_info.info`);
        const mask = maskOf(k.updateMask, `${at}.updateFormInfo`);
        for (const f of mask) {
          if (f === "documentTitle")
            throw bad(`${at}.updateFormInfo: documentTitle cannot be changed by batchUpdate`);
          if (f !== "title" && f !== "description" && f !== "*")
            throw bad(`${at}.updateFormInfo.updateMask: unknown field ${f}`);
        }
        if (mask.includes("title") || mask.includes("*")) info.title = String(i.title ?? "");
        if (mask.includes("description") || mask.includes("*"))
          info.description = String(i.description ?? "");
        return {};
      }
      case "updateSettings": {
        fieldsOf(k, ["settings", "updateMask"], `${at}.update_settings`);
        const s = fieldsOf(
          k.settings,
          ["emailCollectionType", "quizSettings"],
          `${at}.update_settings.settings`,
        );
        const mask = maskOf(k.updateMask, `${at}.updateSettings`);
        for (const f of mask)
          if (f !== "emailCollectionType" && f !== "*")
            throw new Error(`gas-fake: settings field ${f} is not modelled`);
        const type = String(s.emailCollectionType ?? "");
        if (!["DO_NOT_COLLECT", "VERIFIED", "RESPONDER_INPUT"].includes(type))
          throw bad(
            `${at}.updateSettings.settings.emailCollectionType: invalid value ${JSON.stringify(s.emailCollectionType)}`,
          );
        email = type as EmailCollection;
        return {};
      }
      case "createItem": {
        fieldsOf(k, ["item", "location"], `${at}.create_item`);
        if (k.item === undefined) throw bad(`${at}.createItem.item is required`);
        const loc = fieldsOf(k.location, ["index"], `${at}.create_item.location`);
        const index = Number(loc.index ?? 0);
        if (!Number.isInteger(index) || index < 0 || index > items.length)
          throw bad(
            `${at}.createItem.location.index ${String(loc.index ?? 0)} is out of range [0, ${items.length}]`,
          );
        const d = itemFromJson(state, k.item, `${at}.create_item.item`, null);
        if (items.some((x) => x.apiId === d.apiId)) throw bad(`${at}.createItem.item.itemId is already used`);
        d.id = nextItemId();
        items.splice(index, 0, d);
        return { createItem: { itemId: d.apiId, ...(d.questionId ? { questionId: [d.questionId] } : {}) } };
      }
      case "updateItem": {
        fieldsOf(k, ["item", "location", "updateMask"], `${at}.update_item`);
        const index = indexOf(k.location, `${at}.updateItem.location`, items.length);
        const mask = maskOf(k.updateMask, `${at}.updateItem`);
        if (k.item === undefined) throw bad(`${at}.updateItem.item is required`);
        const before = items[index];
        ensureIds(state, before);
        const next = itemFromJson(state, k.item, `${at}.update_item.item`, before);
        const all = mask.includes("*");
        const merged: ItemData = { ...before, choices: [...before.choices] };
        for (const f of mask)
          if (!["*", "title", "description", "questionItem", "pageBreakItem", "textItem"].includes(f))
            throw new Error(`gas-fake: updateItem mask field ${f} is not modelled`);
        if (all || mask.includes("title")) merged.title = next.title;
        if (all || mask.includes("description")) merged.helpText = next.helpText;
        if (
          all ||
          mask.includes("questionItem") ||
          mask.includes("pageBreakItem") ||
          mask.includes("textItem")
        ) {
          if (next.type !== before.type && (next.type === "PAGE_BREAK" || before.type === "PAGE_BREAK"))
            throw bad(`${at}.updateItem: the item's kind cannot change`);
          Object.assign(merged, {
            type: next.type,
            required: next.required,
            choices: next.choices,
            bounds: next.bounds,
            labels: next.labels,
            includesYear: next.includesYear,
            questionId: next.questionId,
            // The API has no field for FormApp's text validation (a guess: docs/smoke-test.md).
            validation: null,
          });
        }
        if (all) merged.apiId = next.apiId;
        items[index] = merged;
        return {};
      }
      case "deleteItem": {
        fieldsOf(k, ["location"], `${at}.delete_item`);
        items.splice(indexOf(k.location, `${at}.deleteItem.location`, items.length), 1);
        return {};
      }
      case "moveItem": {
        fieldsOf(k, ["originalLocation", "newLocation"], `${at}.move_item`);
        const from = indexOf(k.originalLocation, `${at}.moveItem.originalLocation`, items.length);
        const to = indexOf(k.newLocation, `${at}.moveItem.newLocation`, items.length);
        const [moved] = items.splice(from, 1);
        items.splice(to, 0, moved);
        return {};
      }
      default:
        throw bad(`${at}: unknown request`);
    }
  });
  form.items.splice(0, form.items.length, ...items);
  form.title = info.title;
  form.description = info.description;
  form.emailCollection = email;
  return replies;
}

/**
 * The route of https://forms.googleapis.com/v1/forms/… for UrlFetchApp. `forms` finds a form by
 * ID (its destinationId is the linkedSheetId); `nextItemId` numbers FormApp's side of a new item.
 */
export function formsApiRoute(
  env: Env,
  state: FormsApiState,
  forms: Map<string, FormData>,
  nextItemId: () => number,
): FetchRoute {
  return (request): FetchAnswer | null => {
    const m =
      /^https:\/\/forms\.googleapis\.com\/v1\/forms\/([A-Za-z0-9_-]+)(:batchUpdate|:setPublishSettings)?(\?.*)?$/.exec(
        request.url,
      );
    if (!m) {
      if (request.url.startsWith("https://forms.googleapis.com/"))
        throw new Error(`gas-fake: Forms API ${request.method} ${request.url} is not modelled`);
      return null;
    }
    if (m[3]) throw new Error(`gas-fake: Forms API query parameters are not modelled: ${m[3]}`);
    const method =
      m[2] === ":batchUpdate" ? "batchUpdate" : m[2] === ":setPublishSettings" ? "setPublishSettings" : "get";
    if ((method === "get") !== (request.method === "GET"))
      return jsonError(
        404,
        "NOT_FOUND",
        `The requested URL was not found on this server (${request.method}).`,
      );
    if (request.headers.Authorization !== "Bearer fake-token")
      return jsonError(401, "UNAUTHENTICATED", "Request is missing required authentication credential.");
    if (state.disabled)
      return jsonError(
        403,
        "PERMISSION_DENIED",
        "Google Forms API has not been used in project 1234567890 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/forms.googleapis.com/overview?project=1234567890 then retry.",
        "SERVICE_DISABLED",
      );
    const user = env.users.effective;
    const scopes = [
      "forms.body",
      "drive",
      "drive.file",
      ...(method === "get" ? ["forms.body.readonly", "drive.readonly"] : []),
    ];
    if (!scopes.some((s) => env.auth.has(user, `${SCOPE}${s}`)))
      return jsonError(
        403,
        "PERMISSION_DENIED",
        "Request had insufficient authentication scopes.",
        "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
      );
    const form = forms.get(m[1]);
    if (!form || form.deleted) return jsonError(404, "NOT_FOUND", "Requested entity was not found.");
    const u = user.toLowerCase();
    if (form.owner.toLowerCase() !== u && !form.editors.some((e) => e.toLowerCase() === u))
      return jsonError(403, "PERMISSION_DENIED", "The caller does not have permission");
    let body: Json | null = null;
    if (method !== "get") {
      if (
        !/^application\/json/.test(request.headers["Content-Type"] ?? request.headers["content-type"] ?? "")
      )
        throw new Error("gas-fake: a Forms API request body must be sent with contentType application/json");
      try {
        body = JSON.parse(request.body) as Json;
      } catch (_e) {
        return jsonError(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
      }
    }
    state.log.push({ method, formId: form.id, body });
    const linked = form.destinationId;
    try {
      if (method === "get") return jsonAnswer(formJson(state, form, linked));
      if (method === "batchUpdate") {
        const b = fieldsOf(body, ["requests", "includeFormInResponse", "writeControl"], "");
        if (b.writeControl !== undefined) {
          const w = fieldsOf(b.writeControl, ["requiredRevisionId", "targetRevisionId"], "write_control");
          const current = formJson(state, form, linked).revisionId;
          if (w.requiredRevisionId !== undefined && w.requiredRevisionId !== current)
            throw new ApiError(
              400,
              "FAILED_PRECONDITION",
              "The revision ID does not match the latest revision of the form.",
            );
        }
        const replies = applyBatch(state, form, b, nextItemId);
        state.revisions.set(form.id, (state.revisions.get(form.id) ?? 1) + 1);
        const out: Json = {
          replies,
          writeControl: { requiredRevisionId: formJson(state, form, linked).revisionId },
        };
        if (b.includeFormInResponse === true) out.form = formJson(state, form, linked);
        return jsonAnswer(out);
      }
      const b = fieldsOf(body, ["publishSettings", "updateMask"], "");
      const ps = fieldsOf(b.publishSettings, ["publishState"], "publish_settings");
      const mask = b.updateMask === undefined ? ["*"] : maskOf(b.updateMask, "");
      for (const f of mask)
        if (f !== "publishState" && f !== "*") throw bad(`updateMask: unknown field ${f}`);
      const st = fieldsOf(
        ps.publishState,
        ["isPublished", "isAcceptingResponses"],
        "publish_settings.publish_state",
      );
      if (typeof st.isPublished !== "boolean" || typeof st.isAcceptingResponses !== "boolean")
        throw bad("publishSettings.publishState: both isPublished and isAcceptingResponses must be set");
      if (st.isAcceptingResponses && !st.isPublished)
        throw bad("publishSettings.publishState: a form that is not published cannot accept responses");
      if (form.legacy)
        throw new ApiError(400, "FAILED_PRECONDITION", "Legacy forms do not support publish settings.");
      const refusal = st.isPublished ? state.publishRefusal() : null;
      if (refusal) throw new ApiError(403, "PERMISSION_DENIED", refusal);
      form.published = st.isPublished;
      form.acceptingResponses = st.isAcceptingResponses;
      return jsonAnswer({ formId: form.id, publishSettings: formJson(state, form, linked).publishSettings });
    } catch (e) {
      if (e instanceof ApiError) return jsonError(e.code, e.status, e.message);
      throw e;
    }
  };
}
