/**
 * Answers of a questionnaire taken in, and the monitoring following them: one pipeline for the
 * Apps Script submit trigger and for `mentor import`. Intake puts the answers into their sheet;
 * when the questionnaire feeds the monitoring (meetings, monthly reports, entry and exit surveys)
 * and something was added or updated, «Работа пар», «Динамика участников» and «Мониторинг» are
 * recomputed at once, so that no menu click is needed after an answer.
 */
import type { Submission } from "../intake/submission";
import { type Cell, type ProgressPort, withWorkbookLock } from "../ports";
import { fullNameTitles, monitoredForms } from "../questionnaires/schema";
import { appendJournal, personOfOriginal } from "../workbook/journal";
import { Table } from "../workbook/table";
import { claimResponseSheet, recordResponseSheet, responseRowsSubmissions } from "./forms";
import {
  describeIntake,
  type IntakePorts,
  type IntakeSummary,
  intakeSubmissions,
  WITHDRAWN_MESSAGE,
} from "./intake";
import { describeMonitoring, type MonitoringResult, recomputeMonitoring } from "./monitoring";

export interface ResponsesPorts extends IntakePorts {
  progress?: ProgressPort;
}

/**
 * Runs one step of the pipeline (the intake, then the recompute) with the ports it should use.
 * Apps Script gives each step a fresh edit guard, run once more on a curator's concurrent edit;
 * elsewhere a step just runs with the ports given.
 */
export type StepRunner<P> = <T>(fn: (ports: P) => T) => T;

export interface ResponsesOutcome {
  intake: IntakeSummary;
  /** The recomputed monitoring, or null when these answers do not change it. */
  monitoring: MonitoringResult | null;
}

/**
 * Whether the answers of a questionnaire feed the monitoring (the rubric, the growth, the
 * satisfaction): `feedsMonitoring` in sheets-templates/questionnaires.json.
 */
export function feedsMonitoring(formKey: string): boolean {
  return monitoredForms().includes(formKey);
}

/** Whether an intake changes the monitoring: its questionnaire feeds it and a row was added or updated. */
export function monitoringFollows(s: IntakeSummary): boolean {
  return feedsMonitoring(s.form) && s.added + s.updated > 0;
}

/**
 * `mentor import` and the submit trigger: the submissions of one questionnaire through intake,
 * then the monitoring recomputed when they feed it and changed a row. Each step takes the workbook
 * lock itself (the recompute reads the sheets intake has just written).
 */
export function importResponses<P extends ResponsesPorts>(
  ports: P,
  formKey: string,
  submissions: Submission[],
  step: StepRunner<P> = (fn) => fn(ports),
): ResponsesOutcome {
  const intake = step((p) => intakeSubmissions(p, formKey, submissions));
  const monitoring = monitoringFollows(intake) ? step((p) => recomputeMonitoring(p)) : null;
  return { intake, monitoring };
}

/** The operation of the submit trigger in «Журнал» (its failures are mailed to the curator). */
export const RESPONSE_OPERATION = "Обработка ответа анкеты";

/**
 * A response that arrived in a sheet no questionnaire of «Анкеты» claims: never dropped silently.
 * An error line of «Журнал» with the answers (the submit trigger mails the curator about it, once a
 * day); the response stays in its sheet.
 */
function journalUnclaimed(
  ports: ResponsesPorts,
  sheet: string,
  formId: string | null,
  header: Cell[],
  rows: Cell[][],
  firstRow: number,
): void {
  const original = rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i] ?? ""])));
  withWorkbookLock(ports, () =>
    appendJournal(
      ports.workbook,
      [
        {
          at: ports.clock.now(),
          level: "ошибка",
          operation: RESPONSE_OPERATION,
          message:
            `Ответ на листе «${sheet}» не обработан: лист не связан ни с одной анкетой листа «Анкеты»` +
            `${formId ? ` (его форма ${formId} там не записана)` : ""}. Ответ сохранён на листе «${sheet}». ` +
            "Если это анкета программы, выполните «Создать / обновить анкеты», затем «Переобработать ответы»; " +
            "если нет, отвяжите эту форму от таблицы.",
          person: original.length === 1 ? personOfOriginal(original[0], fullNameTitles()) : "",
          place: `«${sheet}», строка ${firstRow}`,
          source: `лист «${sheet}», строка ${firstRow}`,
          original: original.length === 1 ? original[0] : original,
          user: ports.user,
        },
      ],
      Table.load(ports.workbook, "log").columns,
    ),
  );
}

/**
 * The submit trigger: the rows a response added (or an edit rewrote) in a linked response sheet,
 * through importResponses. The sheet is claimed by its form (`formId`, from Sheet.getFormUrl()),
 * then by name: a renamed sheet is still taken, and «Анкеты» learns its new name. A sheet no
 * questionnaire claims gets an error line of «Журнал» (null is returned), never silence.
 */
export function takeResponseRows<P extends ResponsesPorts>(
  ports: P,
  sheet: string,
  header: Cell[],
  rows: Cell[][],
  firstRow: number,
  step: StepRunner<P> = (fn) => fn(ports),
  formId: string | null = null,
): ResponsesOutcome | null {
  const claim = claimResponseSheet(ports.workbook, sheet, formId);
  if (!claim) {
    journalUnclaimed(ports, sheet, formId, header, rows, firstRow);
    return null;
  }
  if (claim.recordedSheet !== sheet)
    step((p) => withWorkbookLock(p, () => recordResponseSheet(p, claim, sheet)));
  const submissions = responseRowsSubmissions(sheet, header, rows, firstRow);
  const outcome = importResponses(ports, claim.formKey, submissions, step);
  clearWithdrawnRows(sheet, header, rows, firstRow, submissions, outcome, step);
  return outcome;
}

/**
 * The rows a person who withdrew consent has just submitted are cleared on the response sheet
 * (Google Forms wrote them there): intake refused them without keeping the data, and so does the
 * workbook. The form's own copy is the curator's to delete (the refusal in «Журнал» says where).
 */
function clearWithdrawnRows<P extends ResponsesPorts>(
  sheet: string,
  header: Cell[],
  rows: Cell[][],
  firstRow: number,
  submissions: Submission[],
  outcome: ResponsesOutcome,
  step: StepRunner<P>,
): void {
  const refused = new Set(
    outcome.intake.results
      .filter((r) => r.outcome === "rejected" && r.messages.includes(WITHDRAWN_MESSAGE))
      .map((r) => r.source),
  );
  if (refused.size === 0) return;
  const bySource = new Map(submissions.map((s, i) => [s.source, i]));
  const blank = header.map(() => "" as Cell);
  rows.forEach((_, i) => {
    const label = responseRowsSubmissions(sheet, header, [rows[i]], firstRow + i)[0]?.source;
    if (label === undefined || !refused.has(label) || !bySource.has(label)) return;
    step((p) => withWorkbookLock(p, () => p.workbook.write(sheet, firstRow + i - 1, 0, [blank])));
  });
}

/** The intake's line and, when the monitoring followed, its paragraph. */
export function describeResponses(o: ResponsesOutcome): string {
  const intake = describeIntake(o.intake);
  return o.monitoring ? `${intake}\n${describeMonitoring(o.monitoring)}` : intake;
}
