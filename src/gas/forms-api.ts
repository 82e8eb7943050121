/**
 * The Google Forms REST API (v1), called through UrlFetchApp with the script's own token
 * (ScriptApp.getOAuthToken()): Apps Script has no Forms advanced service, and FormApp has no batch
 * call, so building ten forms of ~130 questions through FormApp takes two calls a question at least.
 * Here one `forms.batchUpdate` writes every question of a form (createItem, updateItem, deleteItem,
 * moveItem, updateFormInfo, updateSettings for the e-mail collection type; «All the specified
 * updates are made or none of them are»), `forms.setPublishSettings` publishes it, `forms.get` reads
 * it to compare, and UrlFetchApp.fetchAll sends the requests of all ten forms as one call.
 * Reference: developers.google.com/workspace/forms/api/reference/rest/v1/forms (batchUpdate, get,
 * setPublishSettings); scopes: forms.body for the API, script.external_request for UrlFetchApp.
 *
 * What the API cannot do stays with FormApp (src/gas/forms.ts): create the form and link its
 * responses to this workbook (setDestination), the text validations (the API has no field for
 * them), «allow response edits», the progress bar, the confirmation message, the pre-filled links.
 * Item and question IDs are the API's hex strings; nothing here relates them to FormApp's
 * Item.getId() (no documented relation): FormApp finds an item by its position in the form.
 */
import type { FormItemPlan } from "../core/questionnaires/form-plan";

const FORMS_API = "https://forms.googleapis.com/v1/forms/";

/** An item as the API writes and returns it (the fields this program uses). */
export interface ApiItem {
  itemId?: string;
  title?: string;
  description?: string;
  pageBreakItem?: Record<string, never>;
  textItem?: Record<string, never>;
  questionItem?: {
    question: {
      questionId?: string;
      required?: boolean;
      textQuestion?: { paragraph?: boolean };
      dateQuestion?: { includeYear?: boolean; includeTime?: boolean };
      scaleQuestion?: { low?: number; high?: number; lowLabel?: string; highLabel?: string };
      choiceQuestion?: {
        type?: string;
        options?: { value?: string; isOther?: boolean }[];
        shuffle?: boolean;
      };
      [other: string]: unknown;
    };
  };
  [other: string]: unknown;
}

/** The Form resource (the fields this program uses). */
export interface ApiForm {
  formId?: string;
  info?: { title?: string; description?: string; documentTitle?: string };
  settings?: { emailCollectionType?: string };
  items?: ApiItem[];
  responderUri?: string;
  linkedSheetId?: string;
  /** Absent on a legacy form; booleans left out when false (proto3 JSON). */
  publishSettings?: { publishState?: { isPublished?: boolean; isAcceptingResponses?: boolean } };
}

/** One answer of the API: the HTTP code and the JSON body (an `error` object when it failed). */
export interface ApiAnswer<T> {
  code: number;
  body: T & { error?: { code?: number; message?: string; status?: string; details?: { reason?: string }[] } };
}

const CHOICE: Partial<Record<FormItemPlan["kind"], string>> = {
  multipleChoice: "RADIO",
  checkbox: "CHECKBOX",
  list: "DROP_DOWN",
};

/** The item a plan asks for, as the API takes it (no IDs). */
export function apiItemOf(p: FormItemPlan): ApiItem {
  const item: ApiItem = { title: p.title };
  if (p.kind === "page") return { ...item, pageBreakItem: {} };
  if (p.help !== "") item.description = p.help;
  const question: NonNullable<ApiItem["questionItem"]>["question"] = { required: p.required };
  switch (p.kind) {
    case "text":
      question.textQuestion = {};
      break;
    case "paragraph":
      question.textQuestion = { paragraph: true };
      break;
    case "date":
      question.dateQuestion = { includeYear: true };
      break;
    case "scale": {
      const b = p.bounds ?? { low: 1, high: 10, lowLabel: "", highLabel: "" };
      question.scaleQuestion = { low: b.low, high: b.high, lowLabel: b.lowLabel, highLabel: b.highLabel };
      break;
    }
    case "multipleChoice":
    case "checkbox":
    case "list":
      question.choiceQuestion = {
        type: CHOICE[p.kind],
        options: (p.choices ?? []).map((value) => ({ value })),
      };
      break;
  }
  return { ...item, questionItem: { question } };
}

/** An item's kind as the plans name them ("other" for kinds they never make). */
function kindOf(item: ApiItem): string {
  if (item.pageBreakItem) return "page";
  const q = item.questionItem?.question;
  if (!q) return "other";
  if (q.textQuestion) return q.textQuestion.paragraph ? "paragraph" : "text";
  if (q.dateQuestion) return "date";
  if (q.scaleQuestion) return "scale";
  const type = q.choiceQuestion?.type;
  const kind = Object.entries(CHOICE).find(([, t]) => t === type)?.[0];
  return kind ?? "other";
}

/** How items are matched, as FormApp matched them: kind and title. */
export function matchKey(item: ApiItem): string {
  return `${kindOf(item)}\u0001${item.title ?? ""}`;
}

/** Everything of an item this program sets, with the API's left-out defaults filled in. */
export function canonical(item: ApiItem): string {
  const q = item.questionItem?.question;
  const s = q?.scaleQuestion;
  const c = q?.choiceQuestion;
  return JSON.stringify([
    kindOf(item),
    item.title ?? "",
    kindOf(item) === "page" ? "" : (item.description ?? ""),
    q?.required === true,
    q?.dateQuestion ? q.dateQuestion.includeYear === true : null,
    s ? [s.low ?? 0, s.high ?? 0, s.lowLabel ?? "", s.highLabel ?? ""] : null,
    c ? [c.shuffle === true, (c.options ?? []).map((o) => [o.value ?? "", o.isOther === true])] : null,
  ]);
}

/** A batchUpdate request (the kinds this program sends). */
export type ApiRequest = Record<string, unknown>;

/**
 * The requests that make a form's items those of `wanted`, in order, touching only what differs:
 * each wanted item takes the first unused current one of the same kind and title (so it keeps its
 * IDs, and the response sheet its column), updated when it differs; the rest are deleted, the
 * missing ones created at the end, then the order fixed. `touched` lists the wanted indexes
 * created or updated. `keep` spares an item whose plan has not changed since it was last written,
 * so a question edited by hand in the form stays as edited until its plan changes.
 */
export function itemRequests(
  current: ApiItem[],
  wanted: ApiItem[],
  /** Whether wanted item j, matched to current item i, is to be left as it is (its plan unchanged). */
  keep: (j: number, i: number) => boolean = () => false,
): { requests: ApiRequest[]; touched: number[] } {
  type Entry = { current: number | null };
  const entries: Entry[] = current.map((_, i) => ({ current: i }));
  const used = new Set<number>();
  const requests: ApiRequest[] = [];
  const touched: number[] = [];
  const order: Entry[] = wanted.map((w, j) => {
    const key = matchKey(w);
    const found = current.findIndex((c, i) => !used.has(i) && matchKey(c) === key);
    if (found < 0) return { current: null };
    used.add(found);
    if (!keep(j, found) && canonical(current[found]) !== canonical(w)) {
      const c = current[found];
      const item: ApiItem = { ...w, itemId: c.itemId };
      if (w.questionItem)
        item.questionItem = {
          question: { ...w.questionItem.question, questionId: c.questionItem?.question.questionId },
        };
      requests.push({
        updateItem: {
          item,
          location: { index: found },
          updateMask: w.pageBreakItem ? "title,description" : "title,description,questionItem",
        },
      });
      touched.push(j);
    }
    return entries[found];
  });
  // Positions now: the form's items in order.
  const positions = entries.slice();
  for (let i = positions.length - 1; i >= 0; i--)
    if (!used.has(i)) {
      requests.push({ deleteItem: { location: { index: i } } });
      positions.splice(i, 1);
    }
  order.forEach((entry, j) => {
    if (entry.current !== null) return;
    requests.push({ createItem: { item: wanted[j], location: { index: positions.length } } });
    positions.push(entry);
    touched.push(j);
  });
  order.forEach((entry, j) => {
    const at = positions.indexOf(entry);
    if (at !== j) {
      requests.push({ moveItem: { originalLocation: { index: at }, newLocation: { index: j } } });
      positions.splice(at, 1);
      positions.splice(j, 0, entry);
    }
  });
  return { requests, touched: touched.sort((a, b) => a - b) };
}

/** The Forms API's calls, each of a list of forms sent as one UrlFetchApp.fetchAll. */
export class FormsApi {
  private token: string | null = null;

  private headers(): Record<string, string> {
    this.token ??= ScriptApp.getOAuthToken();
    return { Authorization: `Bearer ${this.token}` };
  }

  private all<T>(requests: { url: string; method: "get" | "post"; body?: unknown }[]): ApiAnswer<T>[] {
    if (requests.length === 0) return [];
    const headers = this.headers();
    const responses = UrlFetchApp.fetchAll(
      requests.map((r) => ({
        url: r.url,
        method: r.method,
        headers,
        muteHttpExceptions: true,
        ...(r.body === undefined ? {} : { contentType: "application/json", payload: JSON.stringify(r.body) }),
      })),
    );
    return responses.map((res) => {
      const code = res.getResponseCode();
      let body: ApiAnswer<T>["body"];
      try {
        body = JSON.parse(res.getContentText() || "{}");
      } catch (_e) {
        body = { error: { code, message: res.getContentText().slice(0, 200) } } as ApiAnswer<T>["body"];
      }
      return { code, body };
    });
  }

  /** forms.get of each form. */
  get(formIds: string[]): ApiAnswer<ApiForm>[] {
    return this.all<ApiForm>(
      formIds.map((id) => ({ url: FORMS_API + encodeURIComponent(id), method: "get" })),
    );
  }

  /** forms.batchUpdate of each form, returning the form as updated. */
  batchUpdate(batches: { formId: string; requests: ApiRequest[] }[]): ApiAnswer<{ form?: ApiForm }>[] {
    return this.all<{ form?: ApiForm }>(
      batches.map((b) => ({
        url: `${FORMS_API}${encodeURIComponent(b.formId)}:batchUpdate`,
        method: "post",
        body: { includeFormInResponse: true, requests: b.requests },
      })),
    );
  }

  /** forms.setPublishSettings: each form published and accepting responses. */
  publish(formIds: string[]): ApiAnswer<ApiForm>[] {
    return this.all<ApiForm>(
      formIds.map((id) => ({
        url: `${FORMS_API}${encodeURIComponent(id)}:setPublishSettings`,
        method: "post",
        body: {
          publishSettings: { publishState: { isPublished: true, isAcceptingResponses: true } },
          updateMask: "publishState",
        },
      })),
    );
  }
}

/** The error's text of a failed answer. */
export function errorOf(answer: ApiAnswer<unknown>): string {
  return answer.body.error?.message ?? `HTTP ${answer.code}`;
}

/**
 * Whether a failed answer says the API cannot be used at all by this script (not enabled in its
 * Cloud project, a token without forms.body, no token): the caller then does the work through
 * FormApp instead. A form the user may not open (403) or that is gone (404) is not that.
 */
export function apiUnusable(answer: ApiAnswer<unknown>): boolean {
  if (answer.code === 401) return true;
  if (answer.code !== 403) return false;
  const reasons = (answer.body.error?.details ?? []).map((d) => d.reason);
  const message = answer.body.error?.message ?? "";
  return (
    reasons.includes("SERVICE_DISABLED") ||
    reasons.includes("ACCESS_TOKEN_SCOPE_INSUFFICIENT") ||
    /insufficient authentication scopes|has not been used in project|is disabled/i.test(message)
  );
}
