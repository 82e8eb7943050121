import { buildProgram } from "../../../src/core/documents/program";
import { type MailerPort, type MailMessage, noProgress } from "../../../src/core/ports";
import {
  formatTemplates,
  linkFor,
  NAME_TOKEN,
  PAIR_TOKEN,
  pairLinks,
  parseTemplates,
  prefillVariants,
} from "../../../src/core/questionnaires/prefill";
import { openDocumentSource } from "../../../src/core/usecases/documents";
import { initWorkbook } from "../../../src/core/usecases/init";
import { intakeSubmissions } from "../../../src/core/usecases/intake";
import { decidePairs, matchPairs } from "../../../src/core/usecases/matching";
import { PAIR_REMINDER_SUBJECT } from "../../../src/core/usecases/quiet-pairs";
import { CURATOR_SUBJECT, sendRoadmapReminders } from "../../../src/core/usecases/reminders";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { MemoryWorkbook } from "../../support/memory-workbook";

const OCTOBER = { now: () => new Date(Date.UTC(2026, 9, 1, 9)) };
// 23.11.2026, a Monday: 53 days after the pairs' approval on 1 October.
const MONDAY = { now: () => new Date(Date.UTC(2026, 10, 23, 7)) };
const FEEDBACK = "https://docs.google.com/forms/d/e/pub-f1/viewform?usp=pp_url&entry.7=PAIRCODE7Q";

class Mailer implements MailerPort {
  readonly sent: MailMessage[] = [];
  constructor(public quota = 1000) {}
  remainingQuota() {
    return this.quota;
  }
  send(m: MailMessage) {
    this.quota -= m.to.length;
    this.sent.push(m);
  }
}

/** The sample school with its pairs approved on 1 October and the forms' templates in «Анкеты». */
function school(published = true) {
  const wb = new MemoryWorkbook();
  const ports = { workbook: wb, clock: OCTOBER, progress: noProgress };
  initWorkbook(ports);
  seedSampleSchool(wb, sampleSchool(OCTOBER.now()), noProgress);
  matchPairs(ports);
  decidePairs(ports, "approve_all");
  if (published) {
    const registry = Table.load(wb, "forms_registry");
    registry.add({
      form_key: "meeting_feedback",
      prefill_url: formatTemplates({
        наставник: `${FEEDBACK}&entry.8=%D0%BD%D0%B0%D1%81%D1%82%D0%B0%D0%B2%D0%BD%D0%B8%D0%BA`,
        наставляемый: `${FEEDBACK}&entry.8=mentee`,
      }),
    });
    registry.add({
      form_key: "mentor_report",
      prefill_url: formatTemplates({
        "": `https://docs.google.com/forms/d/e/pub-f2/viewform?usp=pp_url&entry.9=${NAME_TOKEN}&entry.10=${PAIR_TOKEN}`,
      }),
    });
    registry.flush(wb);
  }
  return wb;
}

const approved = (wb: MemoryWorkbook) =>
  Table.load(wb, "pairs")
    .records()
    .filter((r) => r.values.status === "утверждена")
    .map((r) => r.values);

describe("pre-filled links of a pair", () => {
  it("asks Google for a link per role for the meeting feedback and one for the report; none elsewhere", () => {
    expect(prefillVariants("meeting_feedback")).toEqual([
      {
        variant: "наставник",
        answers: [
          { key: "pair", value: PAIR_TOKEN },
          { key: "role", value: "наставник" },
        ],
      },
      {
        variant: "наставляемый",
        answers: [
          { key: "pair", value: PAIR_TOKEN },
          { key: "role", value: "наставляемый" },
        ],
      },
    ]);
    expect(prefillVariants("mentor_report")).toEqual([
      {
        variant: "",
        answers: [
          { key: "pair", value: PAIR_TOKEN },
          { key: "full_name", value: NAME_TOKEN },
        ],
      },
    ]);
    expect(prefillVariants("mentee")).toEqual([]);
  });

  it("keeps the templates readable in one cell and fills each pair's code and name in", () => {
    const t = { наставник: "https://x/a?e=PAIRCODE7Q", наставляемый: "https://x/b?e=PAIRCODE7Q" };
    expect(formatTemplates(t)).toBe(
      "наставник: https://x/a?e=PAIRCODE7Q\nнаставляемый: https://x/b?e=PAIRCODE7Q",
    );
    expect(parseTemplates(formatTemplates(t))).toEqual(t);
    expect(parseTemplates(formatTemplates({ "": "https://x/c" }))).toEqual({ "": "https://x/c" });
    expect(linkFor("https://x/?a=PAIRCODE7Q&b=FULLNAME7Q", "П-0012", "Орлова М. С.")).toBe(
      "https://x/?a=%D0%9F-0012&b=%D0%9E%D1%80%D0%BB%D0%BE%D0%B2%D0%B0%20%D0%9C.%20%D0%A1.",
    );
  });

  it("gives every approved pair its three links; none before the forms are published", () => {
    const wb = school();
    const links = pairLinks(wb);
    const pairs = approved(wb);
    expect(links.size).toBe(pairs.length);
    const first = links.get(String(pairs[0].pair_id))!;
    expect(first.feedbackMentor).toContain(`entry.7=${encodeURIComponent(String(pairs[0].pair_id))}`);
    expect(first.feedbackMentee).toContain("entry.8=mentee");
    expect(first.report).toContain(`entry.9=${encodeURIComponent(String(pairs[0].mentor_name))}`);
    expect(pairLinks(school(false)).size).toBe(0);
  });

  it("prints the links in the personal program", () => {
    const wb = school();
    const src = openDocumentSource(wb, MONDAY);
    const pair = src.approvedPairs()[0];
    const text = JSON.stringify(buildProgram(src, pair));
    const links = pairLinks(wb).get(pair.id)!;
    expect(text).toContain(`Ссылки на анкеты пары ${pair.id} (код пары в них уже заполнен):`);
    expect(text).toContain(`форма обратной связи наставника: ${links.feedbackMentor}`);
    expect(text).toContain(`ежемесячный отчёт наставника: ${links.report}`);
    expect(JSON.stringify(buildProgram(openDocumentSource(school(false), MONDAY), pair))).not.toContain(
      "Ссылки на анкеты",
    );
  });
});

describe("meetings and reports matched to pairs by the code", () => {
  const meeting = (email: string, answers: Record<string, string>) => ({
    source: "test",
    email,
    submittedAt: new Date(Date.UTC(2026, 10, 20, 9)),
    answers: {
      "Дата встречи": "19.11.2026",
      "Тип встречи": "встреча-знакомство",
      "Насколько полезной была встреча (от 1 до 10)": "8",
      ...answers,
    },
  });
  const email = (wb: MemoryWorkbook, bank: "mentors" | "mentees", id: unknown) => {
    const t = Table.load(wb, bank);
    return String(t.get(t.find("id", String(id)), "email"));
  };

  it("takes the pair and the role from the code and the sender's address; refuses a stranger's address", () => {
    const wb = school();
    const [p] = approved(wb);
    const q = approved(wb).find((x) => x.mentor_id !== p.mentor_id)!;
    const ports = { workbook: wb, clock: MONDAY };
    // The mentee answered «наставник» by mistake: the code and the address tell the role.
    const r = intakeSubmissions(ports, "meeting_feedback", [
      meeting(email(wb, "mentees", p.mentee_id), { "Код пары": String(p.pair_id), "Ваша роль": "наставник" }),
    ]);
    expect(r.added).toBe(1);
    const m = Table.load(wb, "meetings").records()[0].values;
    expect(m).toMatchObject({ pair_id: p.pair_id, mentee_rating: 8, mentor_rating: "" });
    const refused = intakeSubmissions(ports, "meeting_feedback", [
      meeting(email(wb, "mentors", q.mentor_id), { "Код пары": String(p.pair_id), "Ваша роль": "наставник" }),
    ]);
    expect(refused.rejected).toBe(1);
    expect(refused.results[0].messages[0]).toContain(
      `Анкета по ссылке пары ${p.pair_id} отправлена с адреса ${email(wb, "mentors", q.mentor_id)}, а это адрес не наставника и не наставляемого этой пары`,
    );
  });

  it("without the code, a group mentor's typed partner name: the whole name takes the pair unflagged, a part of it is flagged", () => {
    const wb = school();
    const byMentor = new Map<string, ReturnType<typeof approved>>();
    for (const p of approved(wb))
      byMentor.set(String(p.mentor_id), [...(byMentor.get(String(p.mentor_id)) ?? []), p]);
    const group = [...byMentor.values()].find((g) => g.length > 1)!;
    const [p, other] = group;
    const ports = { workbook: wb, clock: MONDAY };
    // The flag is a «Журнал» warning; the lines added since the last look.
    let seen = Table.load(wb, "log").records().length;
    const warningsOf = (_r: ReturnType<typeof intakeSubmissions>) => {
      const lines = Table.load(wb, "log").records().slice(seen);
      seen += lines.length;
      return lines.map((l) => String(l.values.message)).filter((m) => m.includes("набранному вручную"));
    };
    // The whole name, as the bank holds it (case and spaces aside): no doubt, nothing to check.
    const whole = intakeSubmissions(ports, "meeting_feedback", [
      meeting(email(wb, "mentors", p.mentor_id), {
        "Ваша роль": "наставник",
        "С кем была встреча (ФИО)": `  ${String(p.mentee_name).toUpperCase()} `,
      }),
    ]);
    expect(whole.added).toBe(1);
    expect(warningsOf(whole)).toEqual([]);
    // The surname and first name only: taken, and flagged for the curator.
    const part = String(other.mentee_name).split(/\s+/).slice(0, 2).join(" ");
    const partial = intakeSubmissions(ports, "meeting_feedback", [
      {
        ...meeting(email(wb, "mentors", other.mentor_id), {
          "Ваша роль": "наставник",
          "С кем была встреча (ФИО)": part,
        }),
        submittedAt: new Date(Date.UTC(2026, 10, 21, 9)),
      },
    ]);
    expect(partial.added).toBe(1);
    expect(warningsOf(partial)).toEqual([
      `Встреча отнесена к паре ${other.pair_id} по ФИО «${part}», набранному вручную (анкета открыта не по ссылке пары): проверьте.`,
    ]);
    const meetings = Table.load(wb, "meetings")
      .records()
      .map((r) => r.values.pair_id);
    expect(meetings).toEqual([p.pair_id, other.pair_id]);
  });

  it("keeps a report per pair and month beside the one about all the mentor's pairs", () => {
    const wb = school();
    const [p] = approved(wb);
    const ports = { workbook: wb, clock: MONDAY };
    const report = (pair: string) => ({
      source: "test",
      email: email(wb, "mentors", p.mentor_id),
      submittedAt: new Date(Date.UTC(2026, 10, 20, 9)),
      answers: {
        "ФИО наставника": String(p.mentor_name),
        "Код пары": pair,
        "Отчётный месяц": "01.11.2026",
        "Сколько встреч прошло за месяц": "2",
        "Активность и заинтересованность наставляемого (от 1 до 10)": "7",
        "Насколько наставляемый применяет полученные знания и опыт (от 1 до 10)": "6",
      },
    });
    expect(intakeSubmissions(ports, "mentor_report", [report(String(p.pair_id)), report("")]).added).toBe(2);
    expect(
      Table.load(wb, "mentor_reports")
        .records()
        .map((r) => r.values.pair_id),
    ).toEqual([p.pair_id, ""]);
  });
});

describe("reminders with the links; the curator's digest", () => {
  it("sends each participant of a pair without meetings their link once per period, and tells the curator", () => {
    const wb = school();
    const pairs = approved(wb);
    // One pair met last week: it is not quiet.
    const meetings = Table.load(wb, "meetings");
    meetings.add({ meeting_id: "В-0001", pair_id: pairs[0].pair_id, date: new Date(Date.UTC(2026, 10, 18)) });
    meetings.flush(wb);
    const settings = Table.load(wb, "settings");
    settings.set(settings.find("key", "curator_email"), "value", "curator@school.ru");
    settings.flush(wb);
    const mailer = new Mailer();
    const report = sendRoadmapReminders({ workbook: wb, clock: MONDAY, mailer });
    expect(report.quietPairs.map((p) => p.pairId)).toEqual(
      expect.arrayContaining(pairs.slice(1).map((p) => p.pair_id)),
    );
    expect(report.quietPairs.some((p) => p.pairId === pairs[0].pair_id)).toBe(false);
    const toPairs = mailer.sent.filter((m) => m.subject === PAIR_REMINDER_SUBJECT);
    const links = pairLinks(wb);
    const second = links.get(String(pairs[1].pair_id))!;
    const mentorMail = toPairs.find((m) => m.body.includes(second.feedbackMentor))!;
    expect(mentorMail.body).toContain("код пары и ваша роль в ней уже заполнены");
    expect(mentorMail.body).toContain(second.report);
    expect(mentorMail.replyTo).toBe("curator@school.ru");
    expect(toPairs.some((m) => m.body.includes(second.feedbackMentee))).toBe(true);
    expect(report.pairsReminded).toBe(toPairs.length);

    const digest = mailer.sent.find((m) => m.subject === CURATOR_SUBJECT)!;
    expect(digest.body).toContain(`Пары без встреч дольше 14 дней — ${report.quietPairs.length}:`);
    expect(digest.body).toContain(
      `• ${pairs[1].pair_id} ${pairs[1].mentor_name} — ${pairs[1].mentee_name}: 53 дня без встреч (встреч не было с начала работы 01.10.2026)`,
    );
    expect(digest.body).toMatch(/Нет согласия на обработку персональных данных — \d+ участник/);

    // The next day: nobody is reminded of the same pair again.
    const again = new Mailer();
    sendRoadmapReminders({
      workbook: wb,
      clock: { now: () => new Date(Date.UTC(2026, 10, 24, 7)) },
      mailer: again,
    });
    expect(again.sent.filter((m) => m.subject === PAIR_REMINDER_SUBJECT)).toEqual([]);
  });
});
