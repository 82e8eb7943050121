/**
 * Answers of a questionnaire taken in, and the monitoring following them: one pipeline for the
 * Apps Script submit trigger and for `mentor import`. Intake puts the answers into their sheet;
 * when the questionnaire feeds the monitoring (meetings, monthly reports, entry and exit surveys)
 * and something was added or updated, «Работа пар», «Динамика участников» and «Мониторинг» are
 * recomputed at once, so that no menu click is needed after an answer.
 */
import type { Submission } from "../intake/submission";
import type { Cell, ProgressPort } from "../ports";
import { monitoredForms } from "../questionnaires/schema";
import { formOfResponseSheet, responseRowsSubmissions } from "./forms";
import { describeIntake, type IntakePorts, type IntakeSummary, intakeSubmissions } from "./intake";
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

/**
 * The submit trigger: the rows a response added (or an edit rewrote) in a linked response sheet,
 * through importResponses; null when the sheet belongs to no questionnaire of «Анкеты».
 */
export function takeResponseRows<P extends ResponsesPorts>(
  ports: P,
  sheet: string,
  header: Cell[],
  rows: Cell[][],
  firstRow: number,
  step: StepRunner<P> = (fn) => fn(ports),
): ResponsesOutcome | null {
  const formKey = formOfResponseSheet(ports.workbook, sheet);
  if (!formKey) return null;
  return importResponses(ports, formKey, responseRowsSubmissions(sheet, header, rows, firstRow), step);
}

/** The intake's line and, when the monitoring followed, its paragraph. */
export function describeResponses(o: ResponsesOutcome): string {
  const intake = describeIntake(o.intake);
  return o.monitoring ? `${intake}\n${describeMonitoring(o.monitoring)}` : intake;
}
