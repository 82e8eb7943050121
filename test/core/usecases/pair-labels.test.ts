import { noProgress } from "../../../src/core/ports";
import { ERASED_NAME } from "../../../src/core/privacy/scrub";
import { eraseConsent } from "../../../src/core/usecases/erase";
import { initWorkbook } from "../../../src/core/usecases/init";
import { intakeSubmissions } from "../../../src/core/usecases/intake";
import { decidePairs, matchPairs } from "../../../src/core/usecases/matching";
import { recomputeMonitoring } from "../../../src/core/usecases/monitoring";
import { UNKNOWN_PAIR_LABEL } from "../../../src/core/workbook/pair-labels";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { allText, privacySchool } from "../../support/privacy-school";

const OCTOBER = { now: () => new Date(Date.UTC(2026, 9, 1, 9)) };
const NOVEMBER = { now: () => new Date(Date.UTC(2026, 10, 23, 7)) };

function school() {
  const wb = new MemoryWorkbook();
  const ports = { workbook: wb, clock: OCTOBER, progress: noProgress };
  initWorkbook(ports);
  seedSampleSchool(wb, sampleSchool(OCTOBER.now()), noProgress);
  matchPairs(ports);
  decidePairs(ports, "approve_all");
  return wb;
}

const approved = (wb: MemoryWorkbook) =>
  Table.load(wb, "pairs")
    .records()
    .map((r) => r.values)
    .filter((p) => p.status === "утверждена");

const emailOf = (wb: MemoryWorkbook, bank: "mentors" | "mentees", id: unknown) => {
  const t = Table.load(wb, bank);
  return String(t.get(t.find("id", String(id)), "email"));
};

const column = (wb: MemoryWorkbook, key: "meetings" | "mentor_reports") =>
  Table.load(wb, key)
    .records()
    .map((r) => [r.values.pair_id, r.values.pair_label]);

describe("names beside the pair IDs of «Встречи» and «Отчёты наставников»", () => {
  it("a meeting or a report taken from a form gets «Наставник — наставляемый» beside its pair", () => {
    const wb = school();
    const [p] = approved(wb);
    const label = `${p.mentor_name} — ${p.mentee_name}`;
    const ports = { workbook: wb, clock: NOVEMBER };
    intakeSubmissions(ports, "meeting_feedback", [
      {
        source: "test",
        email: emailOf(wb, "mentees", p.mentee_id),
        submittedAt: new Date(Date.UTC(2026, 10, 20, 9)),
        answers: {
          "Код пары": String(p.pair_id),
          "Ваша роль": "наставляемый",
          "Дата встречи": "19.11.2026",
          "Тип встречи": "встреча-знакомство",
          "Насколько полезной была встреча (от 1 до 10)": "8",
        },
      },
    ]);
    expect(column(wb, "meetings")).toEqual([[p.pair_id, label]]);
    const report = (pair: string) => ({
      source: "test",
      email: emailOf(wb, "mentors", p.mentor_id),
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
    intakeSubmissions(ports, "mentor_report", [report(String(p.pair_id)), report("")]);
    expect(column(wb, "mentor_reports")).toEqual([
      [p.pair_id, label],
      ["", ""],
    ]);
  });

  it("the monitoring writes them for rows typed by hand and follows a name changed in «Пары»", () => {
    const wb = school();
    const [p, q] = approved(wb);
    const meetings = Table.load(wb, "meetings");
    const row = (pair: string) => ({
      pair_id: pair,
      date: new Date(Date.UTC(2026, 9, 20)),
      type: "встреча-знакомство",
      source: "вручную",
    });
    meetings.add(row(String(p.pair_id)));
    meetings.add(row(String(q.pair_id)));
    meetings.add(row("П-9999"));
    meetings.flush(wb);
    recomputeMonitoring({ workbook: wb, clock: NOVEMBER });
    expect(column(wb, "meetings")).toEqual([
      [p.pair_id, `${p.mentor_name} — ${p.mentee_name}`],
      [q.pair_id, `${q.mentor_name} — ${q.mentee_name}`],
      ["П-9999", UNKNOWN_PAIR_LABEL],
    ]);
    const pairs = Table.load(wb, "pairs");
    pairs.set(pairs.find("pair_id", String(p.pair_id)), "mentee_name", "Иванова Мария Петровна");
    pairs.flush(wb);
    recomputeMonitoring({ workbook: wb, clock: NOVEMBER });
    expect(column(wb, "meetings")[0]).toEqual([p.pair_id, `${p.mentor_name} — Иванова Мария Петровна`]);
  });

  it("an erased participant's name leaves the label, and the monitoring does not bring it back", () => {
    const { wb, mentee } = privacySchool();
    const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };
    recomputeMonitoring({ workbook: wb, clock });
    const name = String(mentee.full_name);
    expect(column(wb, "meetings")[0][1]).toContain(name);
    eraseConsent(
      { workbook: wb, clock, user: "curator@school1.ru", newSalt: () => "test-salt" },
      String(mentee.email),
    );
    recomputeMonitoring({ workbook: wb, clock });
    expect(column(wb, "meetings")[0][1]).toContain(ERASED_NAME);
    expect(allText(wb)).not.toContain(name.toLowerCase());
  });
});
