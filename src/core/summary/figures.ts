/**
 * The figures of «Сводка» as data: what `mentor summary` prints and what reports may quote. Each
 * number is the value of the very formula the sheet holds (see cells.ts and layout.ts).
 */
import type { IndicatorCode } from "../indicators/rules";
import type { IndicatorStatus } from "../workbook/statuses";

export interface MentorFigures {
  total: number;
  candidates: number;
  admitted: number;
  paired: number;
  finished: number;
  left: number;
}

export interface MenteeFigures {
  total: number;
  waiting: number;
  paired: number;
  /** «без пары — сопровождение психолога». */
  supported: number;
  finished: number;
  left: number;
}

export interface FormFigures {
  form: string;
  /** Mentors whose «Формы наставничества» include it. */
  mentors: number;
  /** Mentees who chose it. */
  mentees: number;
  /** Of them, still «ожидает пары». */
  waiting: number;
  proposed: number;
  approved: number;
  completed: number;
}

export interface PairFigures {
  proposed: number;
  approved: number;
  completed: number;
  terminated: number;
  /** «отклонена» and «запрещена». */
  rejected: number;
  /** Approved and completed rows (one per mentee): the mentees in pairs and groups that worked. */
  formed: number;
  /** Of them, as the order lists them: mentors with one mentee (pairs) and with several (groups). */
  individual: number;
  groups: number;
  /** Mentees without a pair («ожидает пары», «без пары — …») by «Допуск к подбору». */
  noConsent: number;
  noGuardianConsent: number;
  noFreeMentor: number;
}

export interface IndicatorFigure {
  code: IndicatorCode;
  name: string;
  unit: "%" | "ед.";
  /** The year's target from «Показатели» (the mean if several rows); null when none. */
  target: number | null;
  /** null: no data (no contingent, no exit answers). */
  actual: number | null;
  status: IndicatorStatus;
  /** What was counted, and what it was divided by (indicator 4: the partners of «Контингент»). */
  part: number;
  whole: number;
}

export interface StageFigures {
  /** The stage as written; «Всего» for the total row, «Без этапа» for events without one. */
  stage: string;
  total: number;
  done: number;
  inProgress: number;
  planned: number;
  overdue: number;
  cancelled: number;
  /** Done ÷ (total − cancelled), %, whole number; null when nothing is left to do. */
  percentDone: number | null;
}

export interface OverdueEvent {
  /** Row of «Дорожная карта» (1-based). */
  row: number;
  id: string;
  stage: string;
  event: string;
  deadline: string;
  responsible: string;
}

export interface AttentionPair {
  /** Row of «Работа пар» (1-based). */
  row: number;
  pairId: string;
  mentor: string;
  mentee: string;
  form: string;
  reason: string;
}

export interface MonitoringFigures {
  /** «Программа в целом» of the school year: its total (0–18), "" when not scored or no row. */
  total: number | string;
  /** Its level, «нет оценки» without a row, «не определён» when the level is blank. */
  level: string;
  /** Pair rows of the school year by level. */
  levels: { оптимальный: number; допустимый: number; недопустимый: number };
  /** Pair rows of the school year whose level is blank: not every indicator is scored yet. */
  undetermined: number;
}

export interface SummaryFigures {
  /** First calendar year of the school year: the indicators' year. */
  year: number;
  /** «2026/2027». */
  label: string;
  schoolName: string;
  /** The day ages are counted on, «01.09.2026». */
  ageDate: string;
  /** The satisfied threshold the formulas use. */
  threshold: number;
  mentors: MentorFigures;
  mentees: MenteeFigures;
  forms: FormFigures[];
  formsTotal: FormFigures;
  pairs: PairFigures;
  indicators: IndicatorFigure[];
  achieved: number;
  roadmap: { stages: StageFigures[]; total: StageFigures; overdue: OverdueEvent[] };
  monitoring: MonitoringFigures;
  attention: { count: number; pairs: AttentionPair[] };
  /** Russian notes for the curator (settings that could not be read, stale statuses…). */
  warnings: string[];
}
