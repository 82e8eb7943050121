import { utcDate } from "../../../src/core/dates";
import { type Cell, type MailerPort, type MailMessage, noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import {
  CURATOR_SUBJECT,
  isoWeekday,
  parseReminderSource,
  REMINDER_SUBJECT,
  reminderSource,
  sendRoadmapReminders,
} from "../../../src/core/usecases/reminders";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

class FakeMailer implements MailerPort {
  readonly sent: MailMessage[] = [];
  constructor(public quota = 100) {}
  remainingQuota() {
    return this.quota;
  }
  send(m: MailMessage) {
    if (this.quota < m.to.length) throw new Error("quota");
    this.quota -= m.to.length;
    this.sent.push(m);
  }
}

const at = (y: number, m: number, d: number) => ({ now: () => new Date(Date.UTC(y, m - 1, d, 7, 0)) });
// 23.11.2026 is a Monday
const MONDAY = at(2026, 11, 23);
const TUESDAY = at(2026, 11, 24);

const EVENTS: Record<string, Cell>[] = [
  {
    event: "Провести встречу-знакомство",
    deadline_text: "до 25.11.2026",
    responsible: "Иванова И.И.",
    responsible_email: "ivanova@school.ru",
  },
  {
    event: "Сдать отчёт наставника",
    deadline_text: "до 01.11.2026",
    responsible: "Иванова И.И.",
    responsible_email: "Ivanova@School.ru",
  },
  {
    event: "Анкетирование наставляемых",
    deadline_text: "до 20.11.2026",
    responsible: "Петров П.П.",
    responsible_email: "petrov@school.ru",
  },
  { event: "Обновить базу наставников", deadline_text: "до 27.11.2026", responsible: "Куратор" },
  { event: "Информировать родителей", deadline_text: "до 10.11.2026", responsible: "Классные руководители" },
  {
    event: "Итоговая встреча",
    deadline_text: "до 31.03.2027",
    responsible: "Иванова И.И.",
    responsible_email: "ivanova@school.ru",
  },
  {
    event: "Приказ о закреплении пар",
    deadline_text: "до 01.10.2026",
    responsible: "Директор",
    status: "выполнено",
  },
  {
    event: "Отменённое",
    deadline_text: "до 01.10.2026",
    responsible_email: "petrov@school.ru",
    status: "отменено",
  },
];

function school(curatorEmail = "curator@school.ru"): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock: at(2026, 9, 1), progress: noProgress });
  const s = Table.load(wb, "settings");
  s.set(s.find("key", "curator_email"), "value", curatorEmail);
  s.set(s.find("key", "curator_name"), "value", "Смирнова Анна Петровна");
  s.set(s.find("key", "school_short"), "value", "МБОУ «СОШ № 1»");
  s.flush(wb);
  const t = Table.load(wb, "roadmap");
  for (const e of EVENTS) t.add(e);
  t.flush(wb);
  wb.resetCalls();
  return wb;
}

function reminderLines(wb: MemoryWorkbook) {
  return Table.load(wb, "log")
    .records()
    .map((r) => r.values)
    .filter((r) => r.operation === "Напоминание");
}

const byTo = (mailer: FakeMailer, to: string) => mailer.sent.find((m) => m.to[0] === to);

describe("roadmap reminders", () => {
  test("Monday: the curator's digest first, then one digest per responsible person", () => {
    const wb = school();
    const mailer = new FakeMailer();
    const report = sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer });
    expect(isoWeekday(utcDate(2026, 11, 23))).toBe(1);
    expect(mailer.sent.map((m) => m.to)).toEqual([
      ["curator@school.ru"],
      ["ivanova@school.ru"],
      ["petrov@school.ru"],
    ]);
    expect(report.sent.map((d) => d.kind)).toEqual(["curator", "responsible", "responsible"]);

    const curator = mailer.sent[0];
    expect(curator.subject).toBe(CURATOR_SUBJECT);
    expect(curator.body).toContain(
      "Сводка по дорожной карте наставничества на 23.11.2026 (учебный год 2026/2027)",
    );
    expect(curator.body).toContain(
      "Всего мероприятий: 8; выполнено: 1; в работе: 3; запланировано: 0; просрочено: 3",
    );
    expect(curator.body).toContain("Просрочено (2):");
    expect(curator.body).toContain("Срок наступает в ближайшие 7 дней (2):");
    expect(curator.body).toContain("Ответственные без адреса электронной почты");
    expect(curator.body).toContain("№ 5. Информировать родителей");
    expect(curator.body).toContain("Ответственный: Классные руководители");
    expect(curator.body).toContain("№ 4. Обновить базу наставников");
    expect(curator.body).not.toContain("Итоговая встреча");
    expect(curator.body).not.toContain("Приказ о закреплении пар");
    expect(curator.body).not.toContain("Отменённое");

    const ivanova = byTo(mailer, "ivanova@school.ru")!;
    expect(ivanova.subject).toBe(REMINDER_SUBJECT);
    expect(ivanova.body).toContain(
      "Сроки мероприятий дорожной карты наставничества на 23.11.2026, за которые вы отвечаете.",
    );
    expect(ivanova.body).toContain("№ 2. Сдать отчёт наставника");
    expect(ivanova.body).toContain("Срок: истёк 01.11.2026 (в документе: «до 01.11.2026»)");
    expect(ivanova.body).toContain("Статус: просрочено");
    expect(ivanova.body).toContain("№ 1. Провести встречу-знакомство");
    expect(ivanova.body).toContain("Срок: до 25.11.2026 — осталось 2 дня");
    expect(ivanova.body).toContain("Статус: в работе");
    expect(ivanova.body).not.toContain("Итоговая встреча");
    expect(ivanova.body).toContain(
      "Куратор программы наставничества: Смирнова Анна Петровна, curator@school.ru.",
    );
    // overdue first
    expect(ivanova.body.indexOf("Сдать отчёт")).toBeLessThan(ivanova.body.indexOf("встречу-знакомство"));

    const petrov = byTo(mailer, "petrov@school.ru")!;
    expect(petrov.body).toContain("Анкетирование наставляемых");
    expect(petrov.body).not.toContain("Отменённое");

    const lines = reminderLines(wb);
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => parseReminderSource(String(l.source)))).toEqual([
      { day: "23.11.2026", to: "curator@school.ru", kind: "curator", ids: ["1", "2", "3", "4", "5"] },
      { day: "23.11.2026", to: "ivanova@school.ru", kind: "responsible", ids: ["1", "2"] },
      { day: "23.11.2026", to: "petrov@school.ru", kind: "responsible", ids: ["3"] },
    ]);
    // the roadmap's statuses were refreshed on the way
    const statuses = Table.load(wb, "roadmap")
      .records()
      .map((r) => r.values.status);
    expect(statuses).toEqual([
      "в работе",
      "просрочено",
      "просрочено",
      "в работе",
      "просрочено",
      "в работе",
      "выполнено",
      "отменено",
    ]);
  });

  test("batch access: one read of each sheet, one roadmap write, one journal append", () => {
    const wb = school();
    sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer: new FakeMailer() });
    // «Настройки», «Дорожная карта», «Журнал»; for the pairs without meetings and the consents:
    // «Встречи», both banks, «Пары» (and «Анкеты», for the links, only when a pair has gone quiet).
    expect(wb.calls.read).toBe(7);
    expect(wb.calls.write).toBe(1);
    expect(wb.calls.append).toBe(1);
  });

  test("running twice the same day sends nothing new; the next day sends again what is still due", () => {
    const wb = school();
    const mailer = new FakeMailer();
    sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer });
    expect(mailer.sent).toHaveLength(3);
    const again = sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer }, { forceCuratorDigest: true });
    expect(mailer.sent).toHaveLength(3);
    expect(again.sent).toEqual([]);
    expect(again.alreadySent).toBeGreaterThan(0);
    expect(reminderLines(wb)).toHaveLength(3);

    // Tuesday: no weekly digest; the curator's own event and the one without an address come to
    // the curator's personal digest, the others to their people again (the most overdue first)
    mailer.sent.length = 0;
    const tuesday = sendRoadmapReminders({ workbook: wb, clock: TUESDAY, mailer });
    expect(tuesday.curatorDigestDue).toBe(false);
    expect(mailer.sent.map((m) => m.to[0])).toEqual([
      "ivanova@school.ru",
      "curator@school.ru",
      "petrov@school.ru",
    ]);
    const curator = mailer.sent[1];
    expect(curator.subject).toBe(REMINDER_SUBJECT);
    expect(curator.body).toContain("Обновить базу наставников");
    expect(curator.body).toContain("Ответственные без адреса электронной почты");
    expect(curator.body).toContain("Информировать родителей");
    expect(curator.body).not.toContain("Сдать отчёт наставника");
    expect(parseReminderSource(String(reminderLines(wb).at(-2)?.source))).toMatchObject({
      day: "24.11.2026",
      kind: "responsible",
      ids: ["4", "5"],
    });
    // once done, an event is no longer reminded
    const t = Table.load(wb, "roadmap");
    t.set(t.find("event", "Анкетирование наставляемых"), "status", "выполнено");
    t.flush(wb);
    mailer.sent.length = 0;
    sendRoadmapReminders({ workbook: wb, clock: at(2026, 11, 25), mailer });
    expect(mailer.sent.map((m) => m.to[0])).toEqual(["ivanova@school.ru", "curator@school.ru"]);
  });

  test("the first run is a curator's digest whatever the day; then weekly", () => {
    const wb = school();
    const mailer = new FakeMailer();
    const first = sendRoadmapReminders({ workbook: wb, clock: TUESDAY, mailer });
    expect(first.curatorDigestDue).toBe(true);
    expect(mailer.sent[0].subject).toBe(CURATOR_SUBJECT);
    const wednesday = sendRoadmapReminders({ workbook: wb, clock: at(2026, 11, 25), mailer });
    expect(wednesday.curatorDigestDue).toBe(false);
    // a week later with no Monday run, the digest is made up
    const later = sendRoadmapReminders({ workbook: wb, clock: at(2026, 12, 1), mailer });
    expect(later.curatorDigestDue).toBe(true);
  });

  test("quota 0 sends nothing, logs a warning, and loses nothing", () => {
    const wb = school();
    const mailer = new FakeMailer(0);
    const report = sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer });
    expect(mailer.sent).toEqual([]);
    expect(report.deferred).toHaveLength(3);
    const warning = reminderLines(wb).find((l) => l.level === "предупреждение");
    expect(String(warning?.message)).toMatch(/Не хватает дневной квоты писем: отправлено 0 из 3; 3 письма/);
    expect(parseReminderSource(String(warning?.source ?? ""))).toBeNull();

    // quota for one: the curator's digest goes, the two others wait
    mailer.quota = 1;
    const partial = sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer });
    expect(partial.sent.map((d) => d.to)).toEqual(["curator@school.ru"]);
    expect(partial.deferred.map((d) => d.to)).toEqual(["ivanova@school.ru", "petrov@school.ru"]);

    // the rest goes when there is quota again, the curator's digest is not repeated
    mailer.quota = 100;
    const rest = sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer });
    expect(rest.sent.map((d) => d.to)).toEqual(["ivanova@school.ru", "petrov@school.ru"]);
    expect(mailer.sent).toHaveLength(3);
  });

  test("a failed send is logged and retried on the next run", () => {
    const wb = school();
    const mailer = new FakeMailer();
    const send = mailer.send.bind(mailer);
    let failures = 1;
    mailer.send = (m) => {
      if (m.to[0] === "petrov@school.ru" && failures-- > 0) throw new Error("сервер недоступен");
      send(m);
    };
    const report = sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer });
    expect(report.failed.map((f) => f.digest.to)).toEqual(["petrov@school.ru"]);
    expect(reminderLines(wb).find((l) => l.level === "ошибка")?.message).toContain("сервер недоступен");
    const retry = sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer });
    expect(retry.sent.map((d) => d.to)).toEqual(["petrov@school.ru"]);
  });

  test("without the curator's e-mail: a warning, the others still get theirs", () => {
    const wb = school("");
    const mailer = new FakeMailer();
    const report = sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer });
    expect(mailer.sent.map((m) => m.to[0])).toEqual(["ivanova@school.ru", "petrov@school.ru"]);
    expect(report.withoutEmail).toBe(2);
    expect(report.warnings.join(" ")).toContain("Не указан e-mail куратора");
  });

  test("the record of a send reads back", () => {
    const source = reminderSource(utcDate(2026, 11, 23), "a@b.ru", "responsible", ["1", "12"]);
    expect(source).toBe("дата 23.11.2026; кому a@b.ru; сводка ответственному; мероприятия 1, 12");
    expect(parseReminderSource(source)).toEqual({
      day: "23.11.2026",
      to: "a@b.ru",
      kind: "responsible",
      ids: ["1", "12"],
    });
    expect(parseReminderSource("лист «Анкеты», строка 3")).toBeNull();
  });
});
