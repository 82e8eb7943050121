import { utcDate } from "../../src/core/dates";
import { noProgress, type WorkbookPort } from "../../src/core/ports";
import { Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";

/**
 * The sample school with `n` approved pairs written straight into «Пары» (П-0001…), each mentee
 * with a mentor of its form: the input of the documents about pairs (programs, the order).
 */
export function seedApprovedPairs(wb: WorkbookPort, now: Date, n: number): void {
  seedSampleSchool(wb, sampleSchool(now), noProgress);
  const mentors = Table.load(wb, "mentors").records();
  const mentees = Table.load(wb, "mentees").records();
  const pairs = Table.load(wb, "pairs");
  for (let i = 0; i < n; i++) {
    const mentee = mentees[i].values;
    const form = String(mentee.form);
    const mentor = (mentors.find((m) => String(m.values.forms).includes(form)) ?? mentors[i % mentors.length])
      .values;
    pairs.add({
      pair_id: `П-${String(i + 1).padStart(4, "0")}`,
      mentor_id: mentor.id,
      mentor_name: mentor.full_name,
      mentee_id: mentee.id,
      mentee_name: mentee.full_name,
      form,
      role_model: mentee.role_model,
      status: "утверждена",
      approved_at: utcDate(2026, 9, 25),
      start_date: utcDate(2026, 9, 28),
    });
  }
  pairs.flush(wb);
}
