/** A small school with every kind of personal data, for the «Отозвать согласие» tests. */
import { type Cell, noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { intakeSubmissions } from "../../src/core/usecases/intake";
import { decidePairs, matchPairs } from "../../src/core/usecases/matching";
import type { SheetKey } from "../../src/core/workbook/keys.generated";
import { type NewRow, Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { MemoryWorkbook } from "./memory-workbook";
import { submission } from "./submissions";

export const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

export const RESPONSES = "Ответы — Анкета наставляемого";

export function records<S extends SheetKey>(wb: MemoryWorkbook, key: S) {
  return Table.load(wb, key)
    .records()
    .map((r) => r.values);
}

function addRows<S extends SheetKey>(wb: MemoryWorkbook, key: S, rows: NewRow<S>[]) {
  const t = Table.load(wb, key);
  for (const r of rows) t.add(r);
  t.flush(wb);
}

export interface PrivacySchool {
  wb: MemoryWorkbook;
  mentee: Record<string, Cell>;
  mentor: Record<string, Cell>;
  pairId: string;
  other: Record<string, Cell>;
}

/** The sample school, matched and approved, with meetings, surveys, reports, preferences, responses. */
export function privacySchool(): PrivacySchool {
  const wb = new MemoryWorkbook();
  const ports = { workbook: wb, clock, progress: noProgress };
  initWorkbook(ports);
  seedSampleSchool(wb, sampleSchool(clock.now(), 20260901, { mentors: 12, mentees: 30 }), noProgress);
  matchPairs(ports);
  decidePairs(ports, "approve_all");
  const pairs = records(wb, "pairs").filter((p) => p.status === "утверждена");
  const pair = pairs[0];
  const mentees = records(wb, "mentees");
  const mentors = records(wb, "mentors");
  const mentee = mentees.find((m) => m.id === pair.mentee_id)!;
  const mentor = mentors.find((m) => m.id === pair.mentor_id)!;
  const other = mentees.find((m) => m.id !== mentee.id && m.email !== "")!;
  const pairId = String(pair.pair_id);

  addRows(wb, "meetings", [
    {
      meeting_id: "В-0001",
      pair_id: pairId,
      date: new Date(Date.UTC(2026, 10, 1)),
      type: "встреча-знакомство",
      topic: `Знакомство: ${mentee.full_name} рассказала о себе`,
      result: "Составили план",
      mentor_rating: 9,
      mentee_rating: 8,
      source: "анкета",
      submitted_by: mentee.email,
    },
  ]);
  addRows(wb, "surveys", [
    {
      submitted_at: new Date(Date.UTC(2026, 10, 10)),
      email: mentee.email,
      full_name: mentee.full_name,
      role: "наставляемый",
      stage: "итоговая",
      satisfaction: 9,
      effectiveness: 8,
      would_continue: "да",
      valuable: `Мне, ${mentee.full_name}, помогли с математикой`,
      row_key: `${mentee.email} | наставляемый | итоговая`,
    },
    {
      submitted_at: new Date(Date.UTC(2026, 10, 10)),
      email: other.email,
      full_name: other.full_name,
      role: "наставляемый",
      stage: "итоговая",
      satisfaction: 6,
      row_key: `${other.email} | наставляемый | итоговая`,
    },
  ]);
  addRows(wb, "mentor_reports", [
    {
      submitted_at: new Date(Date.UTC(2026, 10, 30)),
      email: mentor.email,
      full_name: mentor.full_name,
      month: "11.2026",
      meetings_count: 4,
      progress: `${mentee.full_name} подтянула алгебру`,
      mentee_activity: 8,
      application: 7,
      row_key: `${mentor.email} | 11.2026`,
    },
  ]);
  addRows(wb, "preferences", [
    {
      email: mentee.email,
      full_name: mentee.full_name,
      role: "наставляемый",
      choice_1: `${mentor.full_name} (${mentor.id})`,
      row_key: `${mentee.email} | наставляемый`,
    },
    {
      email: mentor.email,
      full_name: mentor.full_name,
      role: "наставник",
      choice_1: `${mentee.full_name} (${mentee.id})`,
      choice_2: `${other.full_name} (${other.id})`,
      row_key: `${mentor.email} | наставник`,
    },
  ]);
  // A rejected questionnaire of the mentee: its original goes to «Журнал».
  intakeSubmissions({ workbook: wb, clock }, "mentee", [
    submission("mentee", String(mentee.email), {
      full_name: String(mentee.full_name),
      phone: String(mentee.phone),
      form: "родитель – ученик",
      consent: "Согласен(на)",
    }),
  ]);
  // Raw responses: a response sheet linked in «Анкеты».
  wb.put(RESPONSES, [
    ["Отметка времени", "Адрес электронной почты", "ФИО", "Телефон", "Опишите ваш запрос своими словами"],
    [
      new Date(Date.UTC(2026, 8, 3, 9)),
      mentee.email,
      mentee.full_name,
      mentee.phone,
      "Хочу подтянуть алгебру",
    ],
    [
      new Date(Date.UTC(2026, 8, 4, 9)),
      other.email,
      other.full_name,
      other.phone,
      `Хочу как ${mentee.full_name}`,
    ],
    [new Date(Date.UTC(2026, 8, 5, 9)), String(mentee.email).toUpperCase(), mentee.full_name, "", "повторно"],
  ]);
  addRows(wb, "forms_registry", [
    { form_key: "mentee", title: "Анкета наставляемого", form_id: "form-1", response_sheet: RESPONSES },
  ]);
  return { wb, mentee, mentor, pairId, other };
}

/** Every cell of every sheet as text, for «the data is nowhere» checks. */
export function allText(wb: MemoryWorkbook): string {
  const parts: string[] = [];
  for (const [name, grid] of wb.sheets) {
    parts.push(name);
    for (const row of grid) for (const v of row) parts.push(v instanceof Date ? v.toISOString() : String(v));
  }
  for (const f of wb.formulas.values()) parts.push(f);
  return parts.join("\n").toLowerCase();
}
