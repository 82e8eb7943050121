/**
 * The school the offline memory bench works on (bundled and launched by bench/run-offline-memory.mjs):
 *   node <bundle> --out FILE --mentors 3000 --mentees 10000 --meetings 90000
 * An initialised workbook with both banks filled from the sample school, every mentor's pairs
 * approved (half the mentees in pairs), the roadmap template loaded and «Встречи» filled with
 * that many meetings spread over the autumn; saved as an .xlsx file.
 */
import { DAY_MS, utcDate } from "../src/core/dates";
import { noProgress } from "../src/core/ports";
import { findRoadmapTemplate } from "../src/core/roadmap/templates";
import { initWorkbook } from "../src/core/usecases/init";
import { loadRoadmapTemplate } from "../src/core/usecases/roadmap";
import { PAIR_STATUS } from "../src/core/workbook/statuses";
import { Table } from "../src/core/workbook/table";
import { prng, type SampleSchool, sampleSchool } from "../src/demo/sample";
import { seedSampleSchool } from "../src/demo/seed";
import { XlsxWorkbook } from "../src/offline/xlsx-workbook";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 && k + 1 < args.length ? args[k + 1] : fallback;
};
const out = opt("out", "school.xlsx");
const mentorCount = Number(opt("mentors", "3000"));
const menteeCount = Number(opt("mentees", "10000"));
const meetingCount = Number(opt("meetings", "90000"));

const today = utcDate(2026, 11, 22);
const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

/** Several samples (sampleSchool draws distinct names from a finite list), e-mails made distinct. */
function bigSchool(m: number, n: number): SampleSchool {
  let school: SampleSchool | null = null;
  for (let k = 0; !school || school.mentors.length < m || school.mentees.length < n; k++) {
    const part = sampleSchool(today, 20260901 + k, {
      mentors: Math.min(500, m - (school?.mentors.length ?? 0)),
      mentees: Math.min(1500, n - (school?.mentees.length ?? 0)),
    });
    const distinct = (list: SampleSchool["mentors"]) =>
      list.map((p) => (k === 0 ? p : { ...p, email: `${k}.${String(p.email)}` }));
    if (!school) school = { ...part, mentors: distinct(part.mentors), mentees: distinct(part.mentees) };
    else {
      school.mentors.push(...distinct(part.mentors));
      school.mentees.push(...distinct(part.mentees));
    }
  }
  return school;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const wb = XlsxWorkbook.create();
  const ports = { workbook: wb, clock, progress: noProgress };
  initWorkbook(ports);
  seedSampleSchool(wb, bigSchool(mentorCount, menteeCount), noProgress);
  loadRoadmapTemplate(ports, findRoadmapTemplate("1")?.id ?? null);

  const mentors = Table.load(wb, "mentors").records();
  const mentees = Table.load(wb, "mentees").records();
  const pairs = Table.load(wb, "pairs");
  const pairIds: string[] = [];
  const paired = Math.min(mentees.length, Math.floor(menteeCount / 2));
  for (let i = 0; i < paired; i++) {
    const mentee = mentees[i].values;
    const mentor = mentors[i % mentors.length].values;
    const id = `П-${String(i + 1).padStart(5, "0")}`;
    pairIds.push(id);
    pairs.add({
      pair_id: id,
      mentor_id: mentor.id,
      mentor_name: mentor.full_name,
      mentee_id: mentee.id,
      mentee_name: mentee.full_name,
      form: mentee.form,
      role_model: mentee.role_model,
      status: PAIR_STATUS.approved,
      approved_at: utcDate(2026, 9, 25),
      start_date: utcDate(2026, 9, 28),
    });
  }
  pairs.flush(wb);

  const types = [
    "встреча-знакомство",
    "пробная рабочая встреча",
    "встреча-планирование",
    "регулярная встреча",
    "регулярная встреча",
  ];
  const meetings = Table.load(wb, "meetings");
  const rnd = prng(7);
  const start = utcDate(2026, 9, 28).getTime();
  for (let i = 0; i < meetingCount; i++) {
    meetings.add({
      meeting_id: `В-${String(i + 1).padStart(6, "0")}`,
      pair_id: pairIds[i % pairIds.length],
      date: new Date(start + Math.floor(rnd() * 50) * DAY_MS),
      type: types[Math.min(types.length - 1, Math.floor(i / pairIds.length))],
      topic: "Разбор урока",
      format: rnd() < 0.7 ? "очно" : "онлайн",
      duration_min: 45,
      mentor_rating: 6 + Math.floor(rnd() * 5),
      mentee_rating: 6 + Math.floor(rnd() * 5),
      source: "анкета",
    });
  }
  meetings.flush(wb);
  await wb.save(out);
  process.stdout.write(
    `${JSON.stringify({ out, mentors: mentors.length, mentees: mentees.length, pairs: pairIds.length, meetings: meetingCount, seconds: (Date.now() - t0) / 1000 })}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
