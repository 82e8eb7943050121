/**
 * The Apps Script path of the documents feature, run in plain Node against the in-memory fakes:
 * the menu entry points create Google Docs in «Мой диск» (DocumentApp only), send PDFs by MailApp, keep
 * «Журнал», and install the monthly trigger once.
 */
import { utcDate } from "../../src/core/dates";
import { noProgress } from "../../src/core/ports";
import { Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import * as features from "../../src/gas/features/documents";
import { continueJobs } from "../../src/gas/features/jobs";
import { menuInitWorkbook } from "../../src/gas/features/workbook";
import { GasWorkbook } from "../../src/gas/workbook";
import { createGasFake, type GasFake } from "../gas-fake";
import { type DocumentsControl, installDocumentApp } from "../gas-fake/document";
import { ROOT_ID } from "../gas-fake/drive";
import { playDemoYear } from "../support/demo-year";

const NOW = Date.UTC(2027, 4, 20, 7, 0); // 20.05.2027 10:00 in Moscow

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
  fake.calls.reset();
});

afterAll(() => {
  jest.useRealTimers();
});

function journalLines() {
  return Table.load(new GasWorkbook(SpreadsheetApp.getActive()), "log")
    .records()
    .map((r) => r.values);
}

describe("documents in Apps Script (fake services)", () => {
  it("«Документы: приказ…» creates the order in «Мой диск»", () => {
    features.menuDocOrder();
    const toast = fake.state.toasts[fake.state.toasts.length - 1];
    expect(toast.message).toBe("Готово: «2027-05-20 Приказ о закреплении пар» — в папке «Мой диск».");
    const order = docs.byName("Приказ о закреплении пар");
    expect(order.data.file.parents).toEqual([ROOT_ID]);
    expect(order.headings()[0].text).toBe("ПРИКАЗ");
    // The date line, the signature, then the appendix: the table of pairs with its header row.
    expect(order.tables()[2]).toHaveLength(13);
    expect(fake.calls.total("DocumentApp")).toBeGreaterThan(0);
  });

  it("«Документы: персонализированные программы» makes one per approved pair, no copies on rerun", () => {
    // Each run to its end: an execution makes up to 25 programmes, its continuations the rest.
    for (let run = 0; run < 2; run++) {
      features.menuDocPrograms();
      for (
        let t = fake.state.triggers.find((x) => x.handler === "continueJobs" && !x.spent);
        t;
        t = fake.state.triggers.find((x) => x.handler === "continueJobs" && !x.spent)
      ) {
        t.spent = true;
        continueJobs();
      }
    }
    const programs = docs.all().filter((d) => d.name.startsWith("Программа "));
    expect(programs).toHaveLength(12);
    expect(docs.drive.filesIn(ROOT_ID)).toHaveLength(13);
  });

  it("«Отправить отчёт в орган управления образованием» sends the PDF once a month", () => {
    features.menuSendReportDepartment();
    expect(fake.state.mails).toHaveLength(1);
    const mail = fake.state.mails[0];
    expect(mail.to).toBe("uo@kamensk-uralskiy.ru");
    expect(mail.attachments).toEqual([
      {
        // Named for a reader outside the school: the school and the year (issue 17, item 7).
        name: "2027-05-20 Отчёт о реализации программы наставничества — МБОУ СОШ № 1, 2026-2027.pdf",
        contentType: "application/pdf",
        size: expect.any(Number),
      },
      // The school's «Отчётный пакет» for the district roll-up (issue 19).
      {
        name: "Отчётный пакет МБОУ СОШ № 1 2026-2027.xlsx",
        contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        size: expect.any(Number),
      },
    ]);
    expect(mail.body).toContain("https://docs.google.com/open?id=");
    // Answers go to the curator, not to the program's address.
    expect(mail.replyTo).toMatch(/@/);
    expect(mail.replyTo).not.toBe(mail.to);
    expect(fake.state.mailQuota).toBe(99);

    features.menuSendReportDepartment();
    expect(fake.state.mails).toHaveLength(1);
    const alert = fake.state.alerts[fake.state.alerts.length - 1];
    expect(alert.prompt.replace(/\u00a0/g, " ")).toContain("уже отправлен на uo@kamensk-uralskiy.ru");
    const sent = journalLines().filter((l) => l.operation === "Отправка отчёта");
    expect(sent.map((l) => l.source)).toEqual(["report/2027-05/uo@kamensk-uralskiy.ru"]);
  });

  it("without quota nothing is sent, the documents are made, the alert says why", () => {
    fake.state.mailQuota = 0;
    features.menuSendReportDirector();
    expect(fake.state.mails).toHaveLength(1);
    const alert = fake.state.alerts[fake.state.alerts.length - 1];
    expect(alert.prompt).toContain("дневной лимит писем исчерпан (осталось 0)");
    expect(alert.prompt).toContain("Документы сохранены в папке «Мой диск»");
    expect(docs.byName("Аналитическая справка").text()).toContain("Сильные стороны программы");
    fake.state.mailQuota = 100;
  });

  it("the monthly trigger is installed once, sends the director the note, and is removed cleanly", () => {
    features.menuInstallMonthlyReport();
    features.menuInstallMonthlyReport();
    const mine = fake.state.triggers.filter((t) => t.handler === "onMonthlyReport");
    expect(mine).toHaveLength(1);
    expect(mine[0].schedule).toMatchObject({ onMonthDay: 1, atHour: 8 });

    features.onMonthlyReport();
    features.onMonthlyReport();
    const toDirector = fake.state.mails.filter((m) => m.to === "director@school1.ru");
    expect(toDirector).toHaveLength(1);
    expect(toDirector[0].subject).toContain("ежемесячная сводка и аналитическая справка");
    expect(toDirector[0].attachments.map((a) => a.name)).toEqual([
      "2027-05-20 Аналитическая справка по итогам мониторинга — МБОУ СОШ № 1, 2026-2027.pdf",
    ]);

    features.menuRemoveMonthlyReport();
    expect(fake.state.triggers.filter((t) => t.handler === "onMonthlyReport")).toHaveLength(0);
    expect(fake.state.toasts[fake.state.toasts.length - 1].message).toBe(
      "Ежемесячная отправка директору выключена.",
    );
  });
});
