/**
 * The mentors' paperwork (ТК РФ ст. 351.8) in Apps Script against the in-memory fakes: the menu
 * actions make Google Docs in «Мой диск», «Досрочно прекратить наставничество…» asks for the pair,
 * the initiator and the reason, and the pay list fills its sheet.
 */
import { utcDate } from "../../src/core/dates";
import { noProgress } from "../../src/core/ports";
import { Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import * as features from "../../src/gas/features/labour";
import { menuInitWorkbook } from "../../src/gas/features/workbook";
import { GasWorkbook } from "../../src/gas/workbook";
import { createGasFake, type GasFake } from "../gas-fake";
import { type DocumentsControl, installDocumentApp } from "../gas-fake/document";
import { playDemoYear } from "../support/demo-year";

const NOW = Date.UTC(2027, 4, 20, 7, 0); // Thursday 20.05.2027 10:00 in Moscow

let fake: GasFake;
let docs: DocumentsControl;
const wb = () => new GasWorkbook(SpreadsheetApp.getActive());

beforeAll(() => {
  jest.useFakeTimers({ now: NOW, doNotFake: ["nextTick", "setImmediate", "setTimeout", "setInterval"] });
  fake = createGasFake({ mailQuota: 100, now: () => NOW });
  docs = installDocumentApp(fake);
  Object.assign(globalThis, fake.globals);
  menuInitWorkbook();
  seedSampleSchool(wb(), sampleSchool(new Date(NOW)), noProgress);
  playDemoYear(wb(), utcDate(2027, 5, 20));
  const settings = Table.load(wb(), "settings");
  settings.set(settings.find("key", "pay_amount"), "value", 3000);
  settings.flush(wb());
});

afterAll(() => {
  jest.useRealTimers();
});

const toast = () => fake.state.toasts[fake.state.toasts.length - 1]?.message ?? "";

describe("the mentors' paperwork in Apps Script (fake services)", () => {
  it("«Документы: согласия и доп. соглашения наставников» makes one of each per staff mentor", () => {
    features.menuDocLabour();
    const consents = docs.all().filter((d) => d.name.startsWith("Согласие на наставничество Н-"));
    const agreements = docs.all().filter((d) => d.name.startsWith("Доп. соглашение о наставничестве Н-"));
    expect(consents.length).toBeGreaterThan(2);
    expect(agreements).toHaveLength(consents.length);
    expect(toast()).toContain(
      `Согласия и дополнительные соглашения наставников: ${consents.length * 2} документ`,
    );
    expect(consents[0].headings()[0].text).toBe("СОГЛАСИЕ");
  });

  it("«Досрочно прекратить наставничество…»: the pair ends three working days on, the notice is made", () => {
    const mentors = Table.load(wb(), "mentors");
    const staff = new Set(
      mentors
        .records()
        .filter((m) => m.values.source === "педагоги школы")
        .map((m) => String(m.values.id)),
    );
    const pair = Table.load(wb(), "pairs")
      .records()
      .find((p) => p.values.status === "утверждена" && staff.has(String(p.values.mentor_id)))!;
    const pairId = String(pair.values.pair_id);
    fake.state.promptResponses.push(
      { text: pairId },
      { text: "работодатель" },
      { text: "Перевод наставляемого" },
    );
    features.menuEndPair();
    const alert = fake.state.alerts.at(-1)!;
    // Thursday 20 May: 21, 24 and 25 May.
    expect(alert.prompt).toContain(`Пара ${pairId}`);
    expect(alert.prompt).toContain("последний день наставничества 25.05.2027, уведомление 20.05.2027");
    expect(
      docs.all().some((d) => d.name.startsWith(`Уведомление о прекращении наставничества ${pairId}`)),
    ).toBe(true);
    const pairs = Table.load(wb(), "pairs");
    expect(pairs.get(pairs.find("pair_id", pairId), "status")).toBe("расторгнута");
  });

  it("an unknown initiator changes nothing", () => {
    const before = Table.load(wb(), "pairs").records().length;
    fake.state.promptResponses.push({ text: "П-0002" }, { text: "директор" });
    features.menuEndPair();
    expect(fake.state.alerts.at(-1)!.prompt).toContain("укажите наставник, работодатель или наставляемый");
    expect(Table.load(wb(), "pairs").records()).toHaveLength(before);
  });

  it("«Документы: список на доплату за наставничество…» for the month asked, with its sheet", () => {
    fake.state.promptResponses.push({ text: "04.2027" });
    features.menuDocPayList();
    expect(docs.all().some((d) => d.name === "Список на доплату за наставничество 2027-04")).toBe(true);
    const rows = Table.load(wb(), "pay_list").records();
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r.values.month === "2027-04")).toBe(true);
  });

  it("«Документы: благодарственные письма и справки» makes the certificates (no ranking yet: no letters)", () => {
    features.menuDocRecognition();
    expect(
      docs.all().filter((d) => d.name.startsWith("Справка о наставничестве 2026-2027 Н-")).length,
    ).toBeGreaterThan(5);
    expect(toast()).toContain("Благодарственные письма не созданы");
  });
});
