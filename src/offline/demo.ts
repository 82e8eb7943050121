import { join } from "node:path";
import { schoolYearStartYear, utcDate } from "../core/dates";
import type { ProgressPort, WorkbookPort } from "../core/ports";
import { questionnaire } from "../core/questionnaires/schema";
import { plural } from "../core/text";
import { closeCycle, describeCloseCycle } from "../core/usecases/close-cycle";
import { DOCUMENT_KINDS, type MailRequest } from "../core/usecases/documents";
import { initWorkbook } from "../core/usecases/init";
import { describeIntake, intakeSubmissions } from "../core/usecases/intake";
import { decidePairs, describeMatch, matchPairs } from "../core/usecases/matching";
import { describeMonitoring } from "../core/usecases/monitoring";
import { describeReminders, sendRoadmapReminders } from "../core/usecases/reminders";
import { describeRoadmap, loadRoadmapTemplate } from "../core/usecases/roadmap";
import { buildSummary } from "../core/usecases/summary";
import { playDemoWork } from "../demo/activity";
import { clockAt } from "../demo/clock";
import { closingDay, demoPreferences, demoRoadmapClosing, seedSchoolTargets } from "../demo/curator";
import { sampleSchool } from "../demo/sample";
import { seedSchoolProfile } from "../demo/seed";
import { playDemoLabour } from "./demo-labour";
import { sendReportOffline, writeDocuments } from "./documents";
import { readExport } from "./import";
import { OutboxMailer } from "./outbox";
import { SAMPLE_FILES, samplesDir } from "./samples";
import { styleSummarySheet } from "./summary-style";
import type { XlsxWorkbook } from "./xlsx-workbook";

export interface DemoOptions {
  workbook: WorkbookPort;
  today: Date;
  progress: ProgressPort;
  outbox: string;
  /** Root folder of the .docx documents. */
  documents: string;
  out: (line: string) => void;
  /** Play the year to its end and close the cycle («Завершить цикл») after the documents. */
  close?: boolean;
}

/**
 * The whole cycle of a school year on the sample school, each step on its own date through the same
 * use-cases a curator runs: banks from questionnaire exports, pairs matched and approved, the
 * roadmap loaded, a year of meetings, reports and surveys through intake, monitoring, reminders.
 */
export async function runDemoYear(options: DemoOptions): Promise<void> {
  const y = schoolYearStartYear(options.today);
  const at = (month: number, day: number) => utcDate(month >= 9 ? y : y + 1, month, day);
  // Closing the cycle: the year is played to its end, the cycle closed the day after.
  const o = options.close ? { ...options, today: closingDay(at(5, 31), options.today) } : options;
  const wb = o.workbook;
  const step = (day: Date) => ({ workbook: wb, clock: clockAt(day), progress: o.progress });
  const cutoff = (d: Date) => d.getTime() <= o.today.getTime();

  // September: the workbook, the school, the banks from the questionnaires' exports, the roadmap.
  const september = at(9, 1);
  initWorkbook(step(september));
  seedSchoolProfile(wb, sampleSchool(september));
  seedSchoolTargets(wb, y);
  // The roadmap first: «Журнал» reads in time order, and its line is of 1 September.
  loadRoadmapTemplate(step(september), "school-general");
  for (const [file, form] of [
    [SAMPLE_FILES.mentors, "mentor"],
    [SAMPLE_FILES.mentees, "mentee"],
    [SAMPLE_FILES.menteesYandex, "mentee"],
  ] as const) {
    o.progress.report(`Загрузка «${file}»`);
    const exported = await readExport(join(samplesDir(), file), { formTitle: questionnaire(form).title });
    o.out(`${file}: ${describeIntake(intakeSubmissions(step(at(9, 28)), form, exported.submissions))}`);
  }

  // 30 September: the preference questionnaire after the group meeting of mentors and mentees.
  if (cutoff(at(9, 30))) {
    const stated = demoPreferences(wb, at(9, 30));
    for (const [form, subs] of Object.entries(stated))
      o.out(describeIntake(intakeSubmissions(step(at(9, 30)), form, subs)));
  }

  // 1 October: matching after the group meeting, the pairs approved by the director's order.
  const october = at(10, 1);
  if (cutoff(october)) {
    o.out(describeMatch(matchPairs(step(october))));
    o.out(decidePairs(step(october), "approve_all"));
  }

  // The year's work, up to today: questionnaires through intake, the roadmap, monitoring.
  const work = playDemoWork(step(o.today), at(5, 31), { curator: true });
  for (const s of work.intake) o.out(describeIntake(s));
  o.out(describeRoadmap(work.roadmap));
  o.out(describeMonitoring(work.monitoring));

  // Reminders of the roadmap, written as .eml files (after the day's work, as «Журнал» shows it).
  const mailer = new OutboxMailer({ dir: o.outbox, clock: clockAt(o.today, 9), quota: 100 });
  const reminders = sendRoadmapReminders(
    { workbook: wb, clock: clockAt(o.today, 9), mailer },
    { forceCuratorDigest: true },
  );
  o.out(describeReminders(reminders));

  // The director's live summary: formulas over every sheet, built on the demo's date.
  const summary = buildSummary(step(o.today));
  const f = summary.figures;
  o.out(
    `Сводка построена: показатели за ${f.year} год — достигнуто ${f.achieved} из ${f.indicators.length}.`,
  );
  styleSummarySheet(wb as XlsxWorkbook, summary);

  // The mentors' paperwork under ТК РФ ст. 351.8 (src/offline/demo-labour.ts): the curator's
  // scores of the pairs, one pair ended early, consents, agreements, the notice, April's pay list,
  // letters of thanks and certificates.
  await playDemoLabour({ ...o, at, cutoff });

  // The paperwork: the four documents as .docx, the report to the department and the director's
  // monthly note as e-mails with the documents attached.
  const docs = await writeDocuments(wb, clockAt(o.today, 10), DOCUMENT_KINDS, { outDir: o.documents });
  o.out(
    `Документы: ${docs.stored.length} ${plural(docs.stored.length, "файл", "файла", "файлов")} .docx в ${docs.dir}`,
  );
  const requests: MailRequest[] = [
    { recipient: "department", kind: "report" },
    { recipient: "director", kind: "monthly" },
  ];
  for (const req of requests)
    o.out((await sendReportOffline(wb, clockAt(o.today, 11), mailer, req, { outDir: o.documents })).message);

  // «Завершить цикл»: pairs completed, results back into the banks, the mentors' ranking and the
  // best practices written, the next school year set.
  if (o.close) {
    demoRoadmapClosing(wb, o.today);
    o.out(describeCloseCycle(closeCycle(step(o.today))));
  }
}
