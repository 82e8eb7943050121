/**
 * The documents' tables styled through the Docs advanced service (src/gas/doc-tables.ts: one
 * Documents.get and one batchUpdate after the save) are the tables DocumentApp styles cell by cell
 * (the path when the service is not enabled): the same texts, fonts, sizes, weights, italics,
 * alignments, spacing, padding and header shading, in every document of a school year.
 */
import { utcDate } from "../../src/core/dates";
import { noProgress } from "../../src/core/ports";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import * as features from "../../src/gas/features/documents";
import { continueJobs } from "../../src/gas/features/jobs";
import { menuInitWorkbook } from "../../src/gas/features/workbook";
import { GasWorkbook } from "../../src/gas/workbook";
import { createGasFake, type GasFake } from "../gas-fake";
import {
  type DocumentsControl,
  type FakeBody,
  type FakeListItem,
  type FakeParagraph,
  FakeTable,
  installDocumentApp,
} from "../gas-fake/document";
import { playDemoYear } from "../support/demo-year";

const NOW = Date.UTC(2027, 4, 20, 7, 0);

function paragraph(p: FakeParagraph) {
  const runs = (a: boolean[]) => a.map((x) => (x ? "1" : "0")).join("");
  return {
    text: p.text,
    type: p.elementType,
    glyph: (p as unknown as Partial<FakeListItem>).glyphType ?? null,
    heading: p.heading,
    alignment: p.alignment,
    spacing: [p.spacingBefore, p.spacingAfter, p.lineSpacing],
    indent: [p.indentStart, p.indentFirstLine, p.indentEnd],
    attributes: p.attributes,
    bold: runs(p.style.bold),
    italic: runs(p.style.italic),
    underline: runs(p.style.underline),
  };
}

/**
 * A body's elements without the empty paragraph that ends a body after a final table: a Google Docs
 * body always ends with a paragraph (insertTable puts its table before the paragraph it is inserted
 * in), which this fake's DocumentApp appendTable leaves out.
 */
function elements(body: FakeBody) {
  const children = [...body.children];
  const last = children[children.length - 1];
  if (
    children.length > 1 &&
    children[children.length - 2] instanceof FakeTable &&
    !(last instanceof FakeTable) &&
    last.text === "" &&
    !last.pageBreak
  )
    children.pop();
  return children;
}

/** Every document's body, element by element, cell by cell. */
function snapshot(docs: DocumentsControl) {
  return docs
    .all()
    .map((d) => ({
      name: d.name,
      page: [d.body.page, d.body.margins],
      body: elements(d.body).map((c) =>
        c instanceof FakeTable
          ? {
              table: [c.borderWidth, c.borderColor, c.columnWidths],
              rows: c.children.map((row) =>
                row.children.map((cell) => ({
                  background: cell.background,
                  padding: cell.padding,
                  paragraphs: cell.children.map(paragraph),
                })),
              ),
            }
          : paragraph(c as FakeParagraph),
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A school year's documents, with the Docs advanced service or without it. */
function documents(withDocsApi: boolean): { fake: GasFake; docs: DocumentsControl } {
  const fake = createGasFake({ mailQuota: 100, now: () => NOW });
  const docs = installDocumentApp(fake);
  if (!withDocsApi) delete (fake.globals as Record<string, unknown>).Docs;
  for (const name of ["Sheets", "Docs"]) delete (globalThis as Record<string, unknown>)[name];
  Object.assign(globalThis, fake.globals);
  menuInitWorkbook();
  const wb = new GasWorkbook(SpreadsheetApp.getActive());
  seedSampleSchool(wb, sampleSchool(new Date(NOW)), noProgress);
  playDemoYear(wb, utcDate(2027, 5, 20));
  fake.calls.reset();
  features.menuDocOrder();
  features.menuDocAnalysis();
  features.menuDocReport();
  features.menuDocPrograms();
  // The programmes job to its end: an execution makes up to 25 programmes, its continuations the rest.
  for (
    let t = fake.state.triggers.find((x) => x.handler === "continueJobs" && !x.spent);
    t;
    t = fake.state.triggers.find((x) => x.handler === "continueJobs" && !x.spent)
  ) {
    t.spent = true;
    continueJobs();
  }
  expect(fake.state.alerts).toEqual([]);
  return { fake, docs };
}

beforeAll(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ["nextTick", "setImmediate", "setTimeout", "setInterval"] });
});

afterAll(() => {
  jest.useRealTimers();
  for (const name of ["Sheets", "Docs"]) delete (globalThis as Record<string, unknown>)[name];
});

describe("document tables through the Docs API match DocumentApp's", () => {
  it("every document of the year the same, each table styled in one batch", () => {
    const api = documents(true);
    const apiDocs = snapshot(api.docs);
    const apiCalls = api.fake.calls.snapshot();
    const direct = documents(false);
    const directDocs = snapshot(direct.docs);
    expect(apiDocs.map((d) => d.name)).toEqual(directDocs.map((d) => d.name));
    for (let i = 0; i < directDocs.length; i++) expect(apiDocs[i]).toEqual(directDocs[i]);
    expect(apiDocs.length).toBeGreaterThan(3);
    // One get and one batch per document with tables, and one batch more per programme (written
    // whole through the API: its content, then its style); no cell styled one by one.
    const programmes = apiDocs.filter((d) => d.name.startsWith("Программа")).length;
    expect(programmes).toBeGreaterThan(3);
    expect(apiCalls["Documents.batchUpdate"]).toBeGreaterThan(0);
    expect(apiCalls["Documents.get"] + programmes).toBe(apiCalls["Documents.batchUpdate"]);
    expect(apiCalls["Table.getCell"] ?? 0).toBe(0);
    // Nor any paragraph, run or page (documents-one-batch.test.ts): all in the same batch.
    for (const m of [
      "Paragraph.setAttributes",
      "ListItem.setAttributes",
      "Text.setBold",
      "Body.setPageWidth",
    ])
      expect(apiCalls[m] ?? 0).toBe(0);
    expect(direct.fake.calls.count("Paragraph.setAttributes")).toBeGreaterThan(100);
    expect(direct.fake.calls.count("Table.getCell")).toBeGreaterThan(100);
  });
});
