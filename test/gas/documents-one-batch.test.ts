/**
 * A document's body styled in one Docs API batch (src/gas/doc-tables.ts styleDocumentWithApi, issue
 * 14 item 7): DocumentApp only appends the paragraphs, lists, tables and page breaks, and the page
 * size and margins, every paragraph's attributes and its bold / italic / underlined parts go in the
 * one Documents.batchUpdate that styles the tables. The document is the one DocumentApp styles call
 * by call (the path when the Docs service is not enabled): same texts, page, paragraph attributes,
 * runs, headings, lists and tables — also past characters outside the BMP (indexes are UTF-16 code
 * units) and around page breaks (an element of one index).
 */
import {
  bold,
  cell,
  type DocumentModel,
  heading,
  italic,
  list,
  newDocument,
  pageBreak,
  paragraph,
  row,
  run,
  signature,
  splitLine,
  table,
} from "../../src/core/documents/model";
import { docsApi, styleDocumentWithApi } from "../../src/gas/doc-tables";
import { GasDocumentStore, renderToBody } from "../../src/gas/documents";
import { createGasFake, type GasFake } from "../gas-fake";
import {
  type DocumentsControl,
  type FakeParagraph,
  FakeTable,
  installDocumentApp,
} from "../gas-fake/document";

function model(): DocumentModel {
  const doc = newDocument("Программа: Иванов 😀 Петров");
  doc.blocks.push(
    heading(1, "Персонализированная программа 😀"),
    paragraph(["Наставник 𝔸: ", bold("Иванов И. И."), ", наставляемый: ", italic("Петров П.")], {
      indent: true,
    }),
    paragraph([run("подчёркнуто", { underline: true }), " и дальше"], { indentLeftMm: 10, align: "justify" }),
    paragraph(""),
    list(true, ["первый 🙂 пункт", [bold("второй"), " пункт"]]),
    list(false, ["маркер"]),
    pageBreak(),
    heading(2, "План"),
    table(
      [
        { header: "Этап", width: 2 },
        { header: "Срок", width: 1, align: "center" },
      ],
      [
        row(["Знакомство", "сентябрь"]),
        { span: "Второе полугодие" },
        row([cell("Итоги", { bold: true }), "май"]),
      ],
    ),
    paragraph("После таблицы"),
    splitLine("01.09.2026", "№ 1"),
    signature([{ position: "Куратор", name: "Сидорова С. С." }]),
  );
  return doc;
}

function paragraphView(p: FakeParagraph) {
  const runs = (a: boolean[]) => a.map((x) => (x ? "1" : "0")).join("");
  return {
    text: p.text,
    type: p.elementType,
    heading: p.heading,
    alignment: p.alignment,
    spacing: [p.spacingBefore, p.spacingAfter, p.lineSpacing],
    indent: [p.indentStart, p.indentFirstLine, p.indentEnd],
    attributes: p.attributes,
    pageBreak: p.pageBreak,
    bold: runs(p.style.bold),
    italic: runs(p.style.italic),
    underline: runs(p.style.underline),
  };
}

function snapshot(docs: DocumentsControl) {
  return docs.all().map((d) => ({
    name: d.name,
    page: [d.body.page, d.body.margins],
    body: d.body.children.map((c) =>
      c instanceof FakeTable
        ? {
            table: [c.borderWidth, c.borderColor, c.columnWidths],
            rows: c.children.map((r) =>
              r.children.map((x) => ({
                background: x.background,
                padding: x.padding,
                paragraphs: x.children.map(paragraphView),
              })),
            ),
          }
        : paragraphView(c as FakeParagraph),
    ),
  }));
}

/** The model rendered into a new document, styled by DocumentApp or by one Docs API batch. */
function render(withDocsApi: boolean): { fake: GasFake; docs: DocumentsControl; id: string } {
  const fake = createGasFake({ mailQuota: 100 });
  const docs = installDocumentApp(fake);
  delete (globalThis as Record<string, unknown>).Docs;
  if (withDocsApi) Object.assign(globalThis, { Docs: (fake.globals as Record<string, unknown>).Docs });
  const app = (fake.globals as Record<string, unknown>).DocumentApp as GoogleAppsScript.Document.DocumentApp;
  const document = app.create("Документ");
  fake.calls.reset();
  const api = docsApi();
  expect(api !== null).toBe(withDocsApi);
  const deferred = renderToBody(document.getBody(), model(), app, api !== null);
  const id = document.getId();
  document.saveAndClose();
  if (api) styleDocumentWithApi(api, id, deferred);
  return { fake, docs, id };
}

afterAll(() => {
  delete (globalThis as Record<string, unknown>).Docs;
});

describe("a document's body styled in one Docs API batch", () => {
  it("is the document DocumentApp styles call by call", () => {
    const direct = render(false);
    const api = render(true);
    const a = snapshot(direct.docs);
    const b = snapshot(api.docs);
    expect(b).toEqual(a);
    // The test can fail: the page and the runs are really set.
    expect(a[0].page[1]).toEqual({
      top: expect.any(Number),
      bottom: expect.any(Number),
      left: 85.04,
      right: 42.52,
    });
    const body = a[0].body as ReturnType<typeof paragraphView>[];
    expect(body.some((p) => p.pageBreak)).toBe(true);
    expect(body.find((p) => p.text?.startsWith("Наставник"))?.bold).toMatch(/^0+1{12}0+$/);
  });

  it("takes one get and one batch, no setter per paragraph", () => {
    const { fake } = render(true);
    const calls = fake.calls.snapshot();
    expect(calls["Documents.get"]).toBe(1);
    expect(calls["Documents.batchUpdate"]).toBe(1);
    for (const m of Object.keys(calls))
      expect(m).not.toMatch(/setAttributes|setBold|setItalic|setUnderline|setPage|setMargin|getCell/);
    const direct = render(false).fake.calls.snapshot();
    const total = (c: Record<string, number>) => Object.values(c).reduce((s, n) => s + n, 0);
    expect(total(calls)).toBeLessThan(total(direct) / 2);
  });

  it("finds paragraphs by UTF-16 indexes, past page breaks (the fake as Google's structure)", () => {
    const { id } = render(true);
    const api = docsApi() as GoogleAppsScript.Docs.Collection.DocumentsCollection;
    type El = {
      startIndex?: number;
      endIndex: number;
      sectionBreak?: unknown;
      paragraph?: { elements: { startIndex: number; pageBreak?: unknown; textRun?: { content: string } }[] };
    };
    const content = (api.get(id) as unknown as { body: { content: El[] } }).body.content;
    // A body opens with a section break ending at 1; the first paragraph starts there.
    expect(content[0]).toEqual({ endIndex: 1, sectionBreak: {} });
    const title = "Персонализированная программа 😀";
    expect(content[1].startIndex).toBe(1);
    expect(content[1].endIndex).toBe(1 + title.length + 1);
    expect(title.length).toBe([...title].length + 1);
    const broken = content.find((e) => e.paragraph?.elements.some((x) => x.pageBreak));
    expect(broken?.paragraph?.elements.map((x) => Object.keys(x).sort())).toEqual([
      ["endIndex", "pageBreak", "startIndex"],
      ["endIndex", "startIndex", "textRun"],
    ]);
    // A paragraph the body does not hold stops the batch with a message, nothing applied.
    expect(() =>
      styleDocumentWithApi(api, id, {
        page: null,
        paragraphs: [{ text: "нет такого", style: { font: "Arial", size: 10 }, runs: [] }],
        tables: [],
      }),
    ).toThrow(/абзац «нет такого» не найден/);
  });

  it("updateDocumentStyle in points only, as the API checks it, or nothing is applied", () => {
    const { docs, id } = render(true);
    const api = docsApi() as GoogleAppsScript.Docs.Collection.DocumentsCollection;
    const before = JSON.stringify([docs.all()[0].body.page, docs.all()[0].body.margins]);
    const request = (unit: string) => ({
      requests: [
        {
          updateDocumentStyle: {
            documentStyle: {
              marginTop: { magnitude: 10, unit },
              pageSize: { width: { magnitude: 100, unit }, height: { magnitude: 200, unit } },
            },
            fields: "marginTop,pageSize",
          },
        },
      ],
    });
    expect(() => api.batchUpdate(request("MM") as never, id)).toThrow(/unit must be PT/);
    expect(JSON.stringify([docs.all()[0].body.page, docs.all()[0].body.margins])).toBe(before);
    api.batchUpdate(request("PT") as never, id);
    expect(docs.all()[0].body.page).toEqual({ width: 100, height: 200 });
    expect(docs.all()[0].body.margins.top).toBe(10);
  });
});

describe("the store counts a document's calls (the programmes job's budget of calls)", () => {
  it.each([true, false])("stored.calls is what the services counted (Docs API: %s)", (withDocsApi) => {
    const fake = createGasFake({ mailQuota: 100 });
    installDocumentApp(fake);
    delete (globalThis as Record<string, unknown>).Docs;
    if (withDocsApi) Object.assign(globalThis, { Docs: (fake.globals as Record<string, unknown>).Docs });
    const g = fake.globals as Record<string, unknown>;
    const properties = (
      g.PropertiesService as GoogleAppsScript.Properties.PropertiesService
    ).getDocumentProperties();
    const store = new GasDocumentStore({
      DocumentApp: g.DocumentApp as GoogleAppsScript.Document.DocumentApp,
      properties,
    });
    const doc = {
      kind: "program",
      key: "program:П-1",
      name: "Программа",
      title: "Программа",
      model: model(),
    };
    for (const replaced of [false, true]) {
      fake.calls.reset();
      const stored = store.save(doc as never, "Наставничество 2026-2027");
      expect(stored.replaced).toBe(replaced);
      const counted = fake.calls.total() - fake.calls.total("Utilities");
      expect(stored.calls).toBe(counted);
      expect(counted).toBeGreaterThan(20);
    }
  });
});
