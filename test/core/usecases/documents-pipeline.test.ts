import { utcDate } from "../../../src/core/dates";
import type { MailerPort, MailMessage } from "../../../src/core/ports";
import { noProgress } from "../../../src/core/ports";
import {
  type AsyncDocumentStorePort,
  attachmentOf,
  type DocumentSet,
  type DocumentStorePort,
  type GeneratedDocument,
  generateAndSend,
  generateAndSendAsync,
  generateDocuments,
  generateDocumentsAsync,
  type StoredDocument,
} from "../../../src/core/usecases/documents";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { MemoryWorkbook } from "../../support/memory-workbook";

const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0));
const clock = { now: () => NOW };

/** The sample school with two approved pairs. */
function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  seedSampleSchool(wb, sampleSchool(NOW), noProgress);
  const mentors = Table.load(wb, "mentors").records();
  const mentees = Table.load(wb, "mentees").records();
  const pairs = Table.load(wb, "pairs");
  for (let i = 0; i < 2; i++)
    pairs.add({
      pair_id: `П-000${i + 1}`,
      mentor_id: mentors[i].values.id,
      mentor_name: mentors[i].values.full_name,
      mentee_id: mentees[i].values.id,
      mentee_name: mentees[i].values.full_name,
      form: "учитель – учитель",
      status: "утверждена",
      approved_at: utcDate(2026, 9, 25),
      start_date: utcDate(2026, 9, 28),
    });
  pairs.flush(wb);
  return wb;
}

const journal = (wb: MemoryWorkbook) =>
  Table.load(wb, "log")
    .records()
    .map((r) => r.values);

class RecordingMailer implements MailerPort {
  readonly sent: MailMessage[] = [];
  remainingQuota(): number {
    return 100;
  }
  send(m: MailMessage): void {
    this.sent.push(m);
  }
}

/** Files in memory; `failAt` makes the n-th save (1-based) throw. */
class MemoryStore implements DocumentStorePort {
  readonly saves: { name: string; folder: string }[] = [];
  constructor(private readonly failAt = 0) {}
  folderOf(set: DocumentSet): string {
    return `память/${set.schoolYear}`;
  }
  save(doc: GeneratedDocument, folder: string): StoredDocument {
    if (this.saves.length + 1 === this.failAt) throw new Error("Диск переполнен");
    this.saves.push({ name: doc.name, folder });
    const id = `${folder}/${doc.name}`;
    return { kind: doc.kind, key: doc.key, name: doc.name, title: doc.title, id, url: id, replaced: false };
  }
  attachment(doc: StoredDocument) {
    return attachmentOf(doc, "docx", new Uint8Array([1, 2, 3]));
  }
}

/** The same store behind a promise that settles on a later turn, as the .docx packing does. */
function later(store: MemoryStore): AsyncDocumentStorePort {
  return {
    folderOf: (set) => store.folderOf(set),
    save: (doc, folder) =>
      new Promise((done, fail) =>
        setImmediate(() => {
          try {
            done(store.save(doc, folder));
          } catch (e) {
            fail(e);
          }
        }),
      ),
    attachment: (doc) => store.attachment(doc),
  };
}

describe("one documents pipeline for a synchronous and an asynchronous store", () => {
  it("generates the same documents, folder and «Журнал» either way", async () => {
    const [a, b] = [book(), book()];
    const [sa, sb] = [new MemoryStore(), new MemoryStore()];
    const sync = generateDocuments({ workbook: a, clock, store: sa }, ["order", "program", "report"]);
    const async = await generateDocumentsAsync({ workbook: b, clock, store: later(sb) }, [
      "order",
      "program",
      "report",
    ]);
    expect(async).toEqual(sync);
    expect(sync.folder).toBe("память/2026/2027");
    expect(sb.saves).toEqual(sa.saves);
    expect(sa.saves.map((s) => s.name)).toEqual([
      "2027-05-20 Приказ о закреплении пар",
      expect.stringMatching(/^Программа П-0001 /),
      expect.stringMatching(/^Программа П-0002 /),
      "2027-05-20 Отчёт о реализации программы наставничества",
    ]);
    expect(journal(b)).toEqual(journal(a));
    expect(journal(a).filter((l) => l.operation === "Документы")).toHaveLength(4);
  });

  it("composes, sends and records the same mail either way; the outbox says where the mail went", async () => {
    const [a, b] = [book(), book()];
    const [ma, mb] = [new RecordingMailer(), new RecordingMailer()];
    const req = { recipient: "department", kind: "report" } as const;
    const sync = generateAndSend({ workbook: a, clock, store: new MemoryStore(), mailer: ma }, req);
    const async = await generateAndSendAsync(
      { workbook: b, clock, store: later(new MemoryStore()), mailer: mb, delivery: "outbox" },
      req,
    );
    expect(mb.sent).toEqual(ma.sent);
    expect(ma.sent[0].attachments!.map((x) => [x.name, x.mimeType])).toEqual([
      [
        "2027-05-20 Отчёт о реализации программы наставничества — МБОУ СОШ № 1, 2026-2027.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ],
      // The school's «Отчётный пакет» for the district roll-up (issue 19).
      [
        "Отчётный пакет МБОУ СОШ № 1 2026-2027.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      ],
    ]);
    expect(journal(b)).toEqual(journal(a));
    expect(sync.message).toBe(
      "Отправлено в орган управления образованием на uo@kamensk-uralskiy.ru: «2027-05-20 Отчёт о реализации программы наставничества».",
    );
    expect(async).toEqual({
      ...sync,
      message: "Письмо на uo@kamensk-uralskiy.ru записано в папку исходящих.",
    });

    // The refusal (already sent this month) is the same too, and recorded the same way.
    const again = [
      generateAndSend({ workbook: a, clock, store: new MemoryStore(), mailer: ma }, req),
      await generateAndSendAsync({ workbook: b, clock, store: later(new MemoryStore()), mailer: mb }, req),
    ];
    expect(again[1]).toEqual(again[0]);
    expect(again[0].sent).toBe(false);
    expect(journal(b)).toEqual(journal(a));
  });

  it("records the documents saved before a store fails, and the failure goes on, either way", async () => {
    const [a, b] = [book(), book()];
    expect(() =>
      generateDocuments({ workbook: a, clock, store: new MemoryStore(3) }, ["order", "program"]),
    ).toThrow("Диск переполнен");
    await expect(
      generateDocumentsAsync({ workbook: b, clock, store: later(new MemoryStore(3)) }, ["order", "program"]),
    ).rejects.toThrow("Диск переполнен");
    for (const wb of [a, b])
      expect(
        journal(wb)
          .filter((l) => l.operation === "Документы")
          .map((l) => l.message),
      ).toEqual([
        "Создан документ «2027-05-20 Приказ о закреплении пар»",
        expect.stringMatching(/^Создан документ «Программа П-0001 /),
      ]);
  });
});
