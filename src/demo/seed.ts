import type { ProgressPort, WorkbookPort } from "../core/ports";
import { ID_PREFIX, nextIdAllocator } from "../core/workbook/ids";
import { Table } from "../core/workbook/table";
import type { SampleSchool } from "./sample";

/** The sample school's settings (names, officials, e-mails) and its contingent. Blank settings only. */
export function seedSchoolProfile(wb: WorkbookPort, sample: SampleSchool): void {
  const settings = Table.load(wb, "settings");
  for (const [key, value] of Object.entries(sample.school)) {
    const row = settings.find("key", key);
    if (row >= 0 && settings.get(row, "value") === "") settings.set(row, "value", value);
  }
  settings.flush(wb);
  const contingent = Table.load(wb, "contingent");
  if (contingent.find("year", String(sample.contingent.year)) < 0) contingent.add(sample.contingent);
  contingent.flush(wb);
}

/**
 * Fills an initialised workbook with a sample school directly (benchmarks, large fixtures): its
 * profile and both banks. Participants already in a bank (same e-mail) are left as they are.
 */
export function seedSampleSchool(wb: WorkbookPort, sample: SampleSchool, progress: ProgressPort): void {
  seedSchoolProfile(wb, sample);

  const banks: ["mentors" | "mentees", keyof typeof ID_PREFIX, SampleSchool["mentors"]][] = [
    ["mentors", "mentor", sample.mentors],
    ["mentees", "mentee", sample.mentees],
  ];
  for (const [sheetKey, kind, people] of banks) {
    progress.report(`Заполнение листа «${sheetKey === "mentors" ? "Наставники" : "Наставляемые"}»`);
    const table = Table.load(wb, sheetKey);
    const nextId = nextIdAllocator(table, "id", ID_PREFIX[kind]);
    for (const p of people) {
      if (table.find("email", String(p.email)) >= 0) continue;
      table.add({ ...p, id: nextId() });
    }
    table.flush(wb);
  }
}
