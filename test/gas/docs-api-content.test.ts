/**
 * A programme written whole through the Docs API (src/gas/doc-build.ts, issue 14 item 7): the fake's
 * content requests behave as Google documents them, and the store writes a programme in a handful of
 * calls, the same document as DocumentApp's.
 *
 * Google's reference (developers.google.com/workspace/docs/api/reference/rest/v1/documents/request):
 * insertTable — «A newline character will be inserted before the inserted table, therefore the table
 * start index will be at the specified location index + 1. The table must be inserted inside the
 * bounds of an existing Paragraph»; insertText — «Text must be inserted inside the bounds of an
 * existing Paragraph. For instance, text cannot be inserted at a table's start index»; batchUpdate —
 * «if any request is not valid then the entire request will fail and nothing will be applied».
 */
import {
  bold,
  heading,
  list,
  newDocument,
  paragraph,
  row,
  signature,
  table,
} from "../../src/core/documents/model";
import { GasDocumentStore } from "../../src/gas/documents";
import { createGasFake } from "../gas-fake";
import {
  type DocumentsControl,
  documentText,
  FakeListItem,
  type FakeTable,
  installDocumentApp,
} from "../gas-fake/document";

type Json = Record<string, unknown>;

function setup() {
  const fake = createGasFake({ mailQuota: 100 });
  const docs = installDocumentApp(fake);
  const g = fake.globals as Record<string, unknown>;
  const app = g.DocumentApp as GoogleAppsScript.Document.DocumentApp;
  const api = (g.Docs as { Documents: GoogleAppsScript.Docs.Collection.DocumentsCollection }).Documents;
  return { fake, docs, app, api, g };
}

const content = (api: GoogleAppsScript.Docs.Collection.DocumentsCollection, id: string) =>
  ((api.get(id) as unknown as { body: { content: Json[] } }).body.content ?? []) as Json[];

describe("the Docs API fake writes content as Google documents it", () => {
  it("insertTable puts a paragraph before its table, which starts at the location + 1; cells at their indexes", () => {
    const { app, api, docs } = setup();
    const doc = app.create("Таблица");
    const id = doc.getId();
    // A 2×2 table at index 1 starts at 2; cell (r, c)'s paragraph at 5 + r·(2·2 + 1) + 2c.
    api.batchUpdate(
      {
        requests: [
          { insertTable: { rows: 2, columns: 2, location: { index: 1 } } },
          { insertText: { location: { index: 5 + 5 + 2 }, text: "г" } },
          { insertText: { location: { index: 5 + 5 }, text: "в" } },
          { insertText: { location: { index: 7 }, text: "б" } },
          { insertText: { location: { index: 5 }, text: "а" } },
          { insertText: { location: { index: 1 }, text: "До таблицы" } },
        ],
      } as never,
      id,
    );
    const body = content(api, id);
    expect(body.map((e) => (e.table ? "table" : e.paragraph ? "paragraph" : "section"))).toEqual([
      "section",
      "paragraph",
      "table",
      "paragraph",
    ]);
    expect(body[2].startIndex).toBe(body[1].endIndex);
    const view = docs.all()[0];
    expect((view.body.children[1] as FakeTable).cells()).toEqual([
      ["а", "б"],
      ["в", "г"],
    ]);
    // The body still ends with a paragraph (the one the table was inserted into).
    expect(documentText(view.body)).toBe("До таблицы\nа | б\nв | г\n");
  });

  it("refuses text at a table's start index, and then applies nothing of the batch", () => {
    const { app, api, docs } = setup();
    const doc = app.create("Отказ");
    const id = doc.getId();
    api.batchUpdate(
      { requests: [{ insertTable: { rows: 1, columns: 1, location: { index: 1 } } }] } as never,
      id,
    );
    const before = documentText(docs.all()[0].body);
    const tableStart = Number(content(api, id).find((e) => e.table)?.startIndex);
    expect(tableStart).toBe(2);
    expect(() =>
      api.batchUpdate(
        {
          requests: [
            { insertText: { location: { index: 1 }, text: "принято бы\n" } },
            { insertText: { location: { index: tableStart + "принято бы\n".length }, text: "нет" } },
          ],
        } as never,
        id,
      ),
    ).toThrow(
      /Invalid requests\[1\]\.insertText: The insertion index .* must be inside the bounds of an existing paragraph/,
    );
    expect(documentText(docs.all()[0].body)).toBe(before);
  });

  it("createParagraphBullets makes one list of the paragraphs a range touches; an unknown preset is refused", () => {
    const { app, api, docs } = setup();
    const doc = app.create("Список");
    const id = doc.getId();
    api.batchUpdate(
      { requests: [{ insertText: { location: { index: 1 }, text: "один\nдва\nтри" } }] } as never,
      id,
    );
    const bullets = (preset: string) => ({
      requests: [
        { createParagraphBullets: { range: { startIndex: 1, endIndex: 10 }, bulletPreset: preset } },
      ],
    });
    expect(() => api.batchUpdate(bullets("NUMBERED_ROMAN") as never, id)).toThrow(/Invalid bulletPreset/);
    api.batchUpdate(bullets("NUMBERED_DECIMAL_ALPHA_ROMAN") as never, id);
    const items = docs.all()[0].body.children;
    expect(items.map((c) => c instanceof FakeListItem)).toEqual([true, true, false]);
    expect(documentText(docs.all()[0].body)).toBe("1. один\n2. два\nтри");
  });
});

/** A programme-shaped document: headings, paragraphs with bold parts, lists, a table, signatures. */
function programme() {
  const doc = newDocument("Программа П-1");
  doc.blocks.push(
    paragraph(bold("УТВЕРЖДАЮ"), { indentLeftMm: 95, spaceAfter: 0, align: "left" }),
    heading(1, "Персонализированная программа наставничества"),
    heading(2, "1. Участники программы"),
    table(
      [
        { header: "Роль", width: 1 },
        { header: "ФИО", width: 2 },
      ],
      [row(["Наставник", "Иванов И. И."]), row(["Наставляемый", "Петров П. П."])],
    ),
    paragraph([bold("Форма наставничества: "), "учитель – учитель"]),
    heading(2, "2. Запросы"),
    list(false, ["методика", "дисциплина"]),
    paragraph(bold("Задачи:")),
    list(true, ["освоить", [bold("научиться"), " планировать"]]),
    paragraph("", { spaceAfter: 0 }),
    signature([{ position: "Куратор", name: "Сидорова С. С." }]),
  );
  return doc;
}

describe("a programme through the Docs API", () => {
  function store(withApi: boolean) {
    const { fake, docs, app, g } = setup();
    delete (globalThis as Record<string, unknown>).Docs;
    if (withApi) Object.assign(globalThis, { Docs: g.Docs });
    const properties = (
      g.PropertiesService as GoogleAppsScript.Properties.PropertiesService
    ).getDocumentProperties();
    return { fake, docs, store: new GasDocumentStore({ DocumentApp: app, properties }) };
  }
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).Docs;
  });

  const doc = {
    kind: "program",
    key: "program:П-1",
    name: "Программа П-1",
    title: "Программа",
    model: programme(),
  };
  const text = (docs: DocumentsControl) => docs.all()[0].text();

  it("takes a few calls (create, its ID and link, three Docs API requests), counted as made", () => {
    const direct = store(false);
    direct.store.save(doc as never, "Наставничество 2026-2027");
    const directCalls = direct.fake.calls.total() - direct.fake.calls.total("Utilities");
    const { fake, docs, store: s } = store(true);
    for (const replaced of [false, true]) {
      fake.calls.reset();
      const stored = s.save(doc as never, "Наставничество 2026-2027");
      expect(stored.replaced).toBe(replaced);
      const counted = fake.calls.total() - fake.calls.total("Utilities");
      expect(stored.calls).toBe(counted);
      // New: getProperty, create, getId, setProperty, getUrl, batchUpdate, get, batchUpdate.
      expect(counted).toBeLessThanOrEqual(replaced ? 11 : 8);
      expect(fake.calls.count("Documents.batchUpdate")).toBe(2);
      expect(fake.calls.count("Body.appendParagraph") + fake.calls.count("Body.appendListItem")).toBe(0);
    }
    expect(directCalls).toBeGreaterThan(40);
    // The same text, lists numbered and bulleted alike, as DocumentApp writes it.
    expect(text(docs).replace(/\n$/, "")).toBe(text(direct.docs));
    expect(docs.all()[0].headings()).toEqual(direct.docs.all()[0].headings());
    expect(docs.all()[0].boldTexts()).toEqual(direct.docs.all()[0].boldTexts());
  });
});
