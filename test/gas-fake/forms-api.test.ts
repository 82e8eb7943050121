/**
 * The Forms REST API of the fake (forms-api.ts) held to what Google documents: forms.get,
 * forms.batchUpdate (all requests or none, replies 1:1, the form in the response when asked),
 * forms.setPublishSettings, and the refusals — an unknown field, a broken request, no token, a
 * token without forms.body, a form not shared or deleted, the API not enabled in the project — each
 * a test that fails if the fake accepted it. Reached only through UrlFetchApp, never the network.
 */
import { SCOPE } from "./auth";
import type { FormsControl } from "./forms";
import { installFormApp } from "./forms";
import { createGasFake } from "./index";

type Json = Record<string, unknown>;
interface Response {
  getResponseCode(): number;
  getContentText(): string;
}
interface Fetch {
  fetch(u: string, p?: Json): Response;
  fetchAll(r: Json[]): Response[];
}

const API = "https://forms.googleapis.com/v1/forms/";
const ALL = [`${SCOPE}forms`, `${SCOPE}forms.body`, `${SCOPE}script.external_request`];

function setup(scopes: string[] = ALL) {
  const fake = createGasFake({ oauthScopes: scopes });
  const forms = installFormApp(fake);
  const g = fake.globals as unknown as { UrlFetchApp: Fetch; FormApp: GoogleAppsScript.Forms.FormApp };
  const form = fake.calls.untracked(() => g.FormApp.create("Анкета"));
  const id = fake.calls.untracked(() => form.getId());
  return { fake, forms, UrlFetchApp: g.UrlFetchApp, FormApp: g.FormApp, id };
}

const auth = { headers: { Authorization: "Bearer fake-token" }, muteHttpExceptions: true };
const post = (body: unknown) => ({
  ...auth,
  method: "post",
  contentType: "application/json",
  payload: JSON.stringify(body),
});
const json = (r: Response) => JSON.parse(r.getContentText()) as Json & { error?: Json };

const textItem = (title: string, extra: Json = {}) => ({
  title,
  questionItem: { question: { required: true, textQuestion: {} } },
  ...extra,
});

describe("forms.batchUpdate and forms.get", () => {
  it("creates items in one request, replies 1:1, returns the form; forms.get reads it back in proto3 JSON", () => {
    const { UrlFetchApp, forms, id } = setup();
    const r = UrlFetchApp.fetch(
      `${API}${id}:batchUpdate`,
      post({
        includeFormInResponse: true,
        requests: [
          {
            updateFormInfo: {
              info: { title: "Анкета", description: "Для всех" },
              updateMask: "title,description",
            },
          },
          {
            updateSettings: {
              settings: { emailCollectionType: "RESPONDER_INPUT" },
              updateMask: "emailCollectionType",
            },
          },
          { createItem: { item: textItem("ФИО"), location: { index: 0 } } },
          {
            createItem: {
              item: {
                title: "Класс",
                questionItem: {
                  question: {
                    choiceQuestion: { type: "DROP_DOWN", options: [{ value: "7А" }, { value: "7Б" }] },
                  },
                },
              },
              location: { index: 1 },
            },
          },
          { createItem: { item: { title: "Страница", pageBreakItem: {} }, location: { index: 2 } } },
        ],
      }),
    );
    expect(r.getResponseCode()).toBe(200);
    const body = json(r) as { replies: Json[]; form: { items: Json[] } };
    expect(body.replies).toHaveLength(5);
    expect(body.replies.slice(0, 2)).toEqual([{}, {}]);
    const created = body.replies[2].createItem as { itemId: string; questionId: string[] };
    expect(created.itemId).toMatch(/^[0-9a-f]{8}$/);
    expect(body.form.items).toHaveLength(3);
    const form = forms.form(id);
    expect(form.description).toBe("Для всех");
    expect(form.emailCollection).toBe("RESPONDER_INPUT");
    expect(form.items.map((i) => [i.type, i.title, i.required])).toEqual([
      ["TEXT", "ФИО", true],
      ["LIST", "Класс", false],
      ["PAGE_BREAK", "Страница", false],
    ]);
    const got = json(UrlFetchApp.fetch(`${API}${id}`, auth)) as { items: Json[]; publishSettings: Json };
    // Defaults left out: an optional question has no «required», the unpublished state no booleans.
    expect(got.items[1]).toEqual({
      itemId: form.items[1].apiId,
      title: "Класс",
      questionItem: {
        question: {
          questionId: form.items[1].questionId,
          choiceQuestion: { type: "DROP_DOWN", options: [{ value: "7А" }, { value: "7Б" }] },
        },
      },
    });
    expect(got.publishSettings).toEqual({ publishState: {} });
  });

  it("applies all requests or none: an unknown field, or one invalid request, changes nothing", () => {
    const { UrlFetchApp, forms, id } = setup();
    const unknown = UrlFetchApp.fetch(
      `${API}${id}:batchUpdate`,
      post({
        requests: [{ createItem: { item: textItem("А", { helpText: "x" }), location: { index: 0 } } }],
      }),
    );
    expect(unknown.getResponseCode()).toBe(400);
    expect(json(unknown).error).toMatchObject({ status: "INVALID_ARGUMENT" });
    expect(String(json(unknown).error?.message)).toMatch(/Unknown name "helpText".*Cannot find field/);
    const invalid = [
      { createItem: { item: textItem("А"), location: { index: 5 } } },
      {
        createItem: {
          item: {
            title: "Б",
            questionItem: { question: { choiceQuestion: { type: "RADIO", options: [] } } },
          },
          location: { index: 0 },
        },
      },
      {
        createItem: {
          item: {
            title: "В",
            questionItem: {
              question: { choiceQuestion: { type: "RADIO", options: [{ value: "да" }, { value: "да" }] } },
            },
          },
          location: { index: 0 },
        },
      },
      {
        createItem: {
          item: { title: "Г", questionItem: { question: { scaleQuestion: { low: 2, high: 5 } } } },
          location: { index: 0 },
        },
      },
      { updateFormInfo: { info: { title: "Т" } } },
      { updateFormInfo: { info: { documentTitle: "Т" }, updateMask: "documentTitle" } },
      { deleteItem: { location: { index: 1 } } },
    ];
    for (const bad of invalid) {
      const r = UrlFetchApp.fetch(
        `${API}${id}:batchUpdate`,
        post({ requests: [{ createItem: { item: textItem("Первый"), location: { index: 0 } } }, bad] }),
      );
      expect([JSON.stringify(bad), r.getResponseCode()]).toEqual([JSON.stringify(bad), 400]);
    }
    expect(forms.form(id).items).toEqual([]);
  });

  it("updateItem keeps the IDs given, moveItem and deleteItem work by index", () => {
    const { UrlFetchApp, forms, id } = setup();
    UrlFetchApp.fetch(
      `${API}${id}:batchUpdate`,
      post({
        requests: ["А", "Б", "В"].map((t, i) => ({
          createItem: { item: textItem(t), location: { index: i } },
        })),
      }),
    );
    const [a, b] = forms.form(id).items.map((i) => ({ ...i }));
    const r = UrlFetchApp.fetch(
      `${API}${id}:batchUpdate`,
      post({
        requests: [
          {
            updateItem: {
              item: {
                itemId: a.apiId,
                title: "А2",
                questionItem: { question: { questionId: a.questionId, textQuestion: { paragraph: true } } },
              },
              location: { index: 0 },
              updateMask: "title,description,questionItem",
            },
          },
          { deleteItem: { location: { index: 2 } } },
          { moveItem: { originalLocation: { index: 1 }, newLocation: { index: 0 } } },
        ],
      }),
    );
    expect(r.getResponseCode()).toBe(200);
    expect(forms.form(id).items.map((i) => [i.title, i.type, i.apiId, i.questionId, i.required])).toEqual([
      ["Б", "TEXT", b.apiId, b.questionId, true],
      ["А2", "PARAGRAPH_TEXT", a.apiId, a.questionId, false],
    ]);
    // An update without its mask is refused.
    const noMask = UrlFetchApp.fetch(
      `${API}${id}:batchUpdate`,
      post({ requests: [{ updateItem: { item: textItem("X"), location: { index: 0 } } }] }),
    );
    expect(noMask.getResponseCode()).toBe(400);
  });
});

describe("forms.setPublishSettings", () => {
  it("publishes and opens a form; accepting while unpublished and a legacy form are refused", () => {
    const { UrlFetchApp, forms, id } = setup();
    const set = (isPublished: boolean, isAcceptingResponses: boolean) =>
      UrlFetchApp.fetch(
        `${API}${id}:setPublishSettings`,
        post({
          publishSettings: { publishState: { isPublished, isAcceptingResponses } },
          updateMask: "publishState",
        }),
      );
    expect(set(false, true).getResponseCode()).toBe(400);
    expect(forms.form(id).published).toBe(false);
    const r = set(true, true);
    expect(r.getResponseCode()).toBe(200);
    expect(json(r)).toEqual({
      formId: id,
      publishSettings: { publishState: { isPublished: true, isAcceptingResponses: true } },
    });
    expect(forms.form(id)).toMatchObject({ published: true, acceptingResponses: true });
    const half = UrlFetchApp.fetch(
      `${API}${id}:setPublishSettings`,
      post({ publishSettings: { publishState: { isPublished: true } }, updateMask: "publishState" }),
    );
    expect(half.getResponseCode()).toBe(400);
    forms.makeLegacy(id, true);
    expect(set(true, true).getResponseCode()).toBe(400);
    expect(json(UrlFetchApp.fetch(`${API}${id}`, auth)).publishSettings).toBeUndefined();
  });
});

describe("refusals", () => {
  const refused = (forms: FormsControl, r: Response, code: number, status: string) => {
    expect(r.getResponseCode()).toBe(code);
    expect(json(r).error).toMatchObject({ code, status });
    return forms;
  };

  it("no token 401; a token without forms.body 403; UrlFetchApp itself without script.external_request", () => {
    const { UrlFetchApp, forms, id } = setup();
    refused(forms, UrlFetchApp.fetch(`${API}${id}`, { muteHttpExceptions: true }), 401, "UNAUTHENTICATED");
    const noBody = setup([`${SCOPE}forms`, `${SCOPE}script.external_request`]);
    const r = noBody.UrlFetchApp.fetch(`${API}${noBody.id}`, auth);
    refused(noBody.forms, r, 403, "PERMISSION_DENIED");
    expect(JSON.stringify(json(r))).toContain("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
    const noFetch = setup([`${SCOPE}forms`, `${SCOPE}forms.body`]);
    expect(() => noFetch.UrlFetchApp.fetch(`${API}${noFetch.id}`, auth)).toThrow(
      "Authorization is required to perform that action.",
    );
  });

  it("a form not shared with the user 403, a deleted one 404, the API not enabled 403 SERVICE_DISABLED", () => {
    const { UrlFetchApp, forms, id, fake } = setup();
    fake.users.effective = "other@school1.ru";
    refused(forms, UrlFetchApp.fetch(`${API}${id}`, auth), 403, "PERMISSION_DENIED");
    forms.share(id, "other@school1.ru");
    expect(UrlFetchApp.fetch(`${API}${id}`, auth).getResponseCode()).toBe(200);
    forms.delete(id);
    refused(forms, UrlFetchApp.fetch(`${API}${id}`, auth), 404, "NOT_FOUND");
    forms.api.disable(true);
    const r = UrlFetchApp.fetch(`${API}${id}`, auth);
    refused(forms, r, 403, "PERMISSION_DENIED");
    expect(JSON.stringify(json(r))).toContain("SERVICE_DISABLED");
  });

  it("fetchAll answers in order and throws at an error unless muted; each fetchAll is one call", () => {
    const { UrlFetchApp, id, fake } = setup();
    fake.calls.reset();
    const rs = UrlFetchApp.fetchAll([
      { url: `${API}${id}`, ...auth },
      { url: `${API}nope`, ...auth },
    ]);
    expect(rs.map((r) => r.getResponseCode())).toEqual([200, 404]);
    expect(fake.calls.count("UrlFetchApp.fetchAll")).toBe(1);
    expect(() =>
      UrlFetchApp.fetchAll([{ url: `${API}nope`, headers: { Authorization: "Bearer fake-token" } }]),
    ).toThrow(/Request failed for https:\/\/forms\.googleapis\.com returned code 404/);
  });
});
