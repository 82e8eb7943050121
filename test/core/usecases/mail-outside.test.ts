import { analysisFigures } from "../../../src/core/documents/analysis";
import { noProgress } from "../../../src/core/ports";
import { attachmentNameFor, composeMail, openDocumentSource } from "../../../src/core/usecases/documents";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2027, 4, 20, 9)) };

function workbook() {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const s = Table.load(wb, "settings");
  for (const [k, v] of [
    ["school_name", 'Муниципальное бюджетное общеобразовательное учреждение "Средняя школа № 1"'],
    ["school_short", 'МБОУ "СОШ № 1"'],
    ["school_year", "2026/2027"],
    ["curator_name", "Орлова Марина Сергеевна"],
    ["curator_email", "orlova@school1.ru"],
  ])
    s.set(s.find("key", k), "value", v);
  s.flush(wb);
  return wb;
}

describe("mail fit for readers outside the school", () => {
  it("names attachments with the school and the year, once", () => {
    const school = { short: "«МБОУ «СОШ № 1»»", name: "", schoolYear: "2026/2027" };
    expect(attachmentNameFor("2027-05-20 Отчёт о реализации программы наставничества.docx", school)).toBe(
      "2027-05-20 Отчёт о реализации программы наставничества — МБОУ СОШ № 1, 2026-2027.docx",
    );
    expect(attachmentNameFor("Отчётный пакет МБОУ СОШ № 1 2026-2027.xlsx", school)).toBe(
      "Отчётный пакет МБОУ СОШ № 1 2026-2027.xlsx",
    );
  });

  it("gives no file path of the curator's computer, answers to the curator, school in the attachment", () => {
    const wb = workbook();
    const src = openDocumentSource(wb, clock);
    const stored = [
      {
        kind: "report" as const,
        key: "report",
        name: "2027-05-20 Отчёт о реализации программы наставничества",
        title: "Отчёт",
        id: "/home/curator/Документы/наставничество/2026-2027/2027-05-20 Отчёт.docx",
        url: "/home/curator/Документы/наставничество/2026-2027/2027-05-20 Отчёт.docx",
        replaced: false,
      },
    ];
    const attachments = [{ name: `${stored[0].name}.docx`, mimeType: "x", bytes: new Uint8Array() }];
    const plan = {
      ok: true as const,
      to: "uo@city.ru",
      request: { kind: "report" as const, recipient: "department" as const },
    };
    const m = composeMail(src, plan as never, analysisFigures(src), stored as never, attachments);
    expect(m.body).toContain("• 2027-05-20 Отчёт о реализации программы наставничества\n");
    expect(m.body).not.toContain("/home/curator");
    expect(m.htmlBody).not.toContain("/home/curator");
    expect(m.replyTo).toBe("orlova@school1.ru");
    expect(m.attachments?.map((a) => a.name)).toEqual([
      "2027-05-20 Отчёт о реализации программы наставничества — МБОУ СОШ № 1, 2026-2027.docx",
    ]);
    // To the curator herself: no Reply-To to her own address.
    const own = composeMail(
      src,
      { ...plan, to: "orlova@school1.ru", request: { kind: "report", recipient: "curator" } } as never,
      analysisFigures(src),
      stored as never,
      attachments,
    );
    expect(own.replyTo).toBeUndefined();
  });
});
