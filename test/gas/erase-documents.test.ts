/**
 * Issue 15, item 2 in Apps Script: «Отозвать согласие» renames the Google Docs of the person's pairs
 * («Программа П-0003 Орлова – Макаров»), found through the document properties (no Drive scope).
 */
import { utcDate } from "../../src/core/dates";
import { noProgress } from "../../src/core/ports";
import { Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import * as documents from "../../src/gas/features/documents";
import { menuEraseConsent } from "../../src/gas/features/privacy";
import { menuInitWorkbook } from "../../src/gas/features/workbook";
import { GasWorkbook } from "../../src/gas/workbook";
import { createGasFake, type GasFake } from "../gas-fake";
import { type DocumentsControl, installDocumentApp } from "../gas-fake/document";
import { playDemoYear } from "../support/demo-year";

const NOW = Date.UTC(2027, 4, 20, 7, 0);

let fake: GasFake;
let docs: DocumentsControl;

beforeAll(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ["nextTick", "setImmediate", "setTimeout", "setInterval"] });
  fake = createGasFake({ mailQuota: 100, now: () => NOW });
  docs = installDocumentApp(fake);
  Object.assign(globalThis, fake.globals);
  menuInitWorkbook();
  const wb = new GasWorkbook(SpreadsheetApp.getActive());
  seedSampleSchool(wb, sampleSchool(new Date(NOW)), noProgress);
  playDemoYear(wb, utcDate(2027, 5, 20));
});

afterAll(() => {
  jest.useRealTimers();
});

test("the programmes of the erased person's pairs lose the surname in their names", () => {
  documents.menuDocPrograms();
  const wb = new GasWorkbook(SpreadsheetApp.getActive());
  const pair = Table.load(wb, "pairs")
    .records()
    .map((r) => r.values)
    .find((p) => p.status === "утверждена")!;
  const mentees = Table.load(wb, "mentees");
  const person = mentees.record(mentees.find("id", String(pair.mentee_id)));
  const surname = String(person.full_name).split(" ")[0];
  const program = () => docs.all().find((d) => d.name.startsWith(`Программа ${pair.pair_id} `))!;
  expect(program().name).toMatch(new RegExp(`– ${surname}$`));
  const others = docs
    .all()
    .filter((d) => !d.name.startsWith(`Программа ${pair.pair_id} `))
    .map((d) => d.name);

  fake.state.promptResponses.push({ text: String(person.email) });
  fake.state.alertResponses.push("YES", "OK");
  menuEraseConsent();
  expect(fake.state.alerts.at(-1)!.prompt).toContain("Переименовано файлов документов и писем: 1.");
  expect(program().name).toMatch(/– \[данные удалены\]$/);
  expect(program().name).not.toContain(surname);
  expect(
    docs
      .all()
      .filter((d) => !d.name.startsWith(`Программа ${pair.pair_id} `))
      .map((d) => d.name),
  ).toEqual(others);
});
