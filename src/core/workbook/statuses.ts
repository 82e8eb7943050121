/**
 * Every value of every status column of the workbook, by name: the one place a status is spelt.
 * test/core/workbook/statuses.test.ts checks them against the `values` lists of the columns in
 * sheets-templates/workbook.json, so a status renamed in the template fails the tests until the
 * name here (and so every use) follows.
 */

/** Statuses both banks share (their «Статус» columns use the same words for them). */
export const PARTICIPANT_STATUS = {
  paired: "в паре",
  finished: "завершил",
  left: "выбыл",
} as const;

/** Statuses of a bank row whose person has left the program or finished it: never matched again. */
export const OUT_OF_PROGRAM: readonly string[] = [PARTICIPANT_STATUS.left, PARTICIPANT_STATUS.finished];

/** «Наставники» → «Статус». */
export const MENTOR_STATUS = {
  candidate: "кандидат",
  admitted: "допущен",
  ...PARTICIPANT_STATUS,
} as const;
export type MentorStatus = (typeof MENTOR_STATUS)[keyof typeof MENTOR_STATUS];

/** «Наставляемые» → «Статус». */
export const MENTEE_STATUS = {
  waiting: "ожидает пары",
  paired: PARTICIPANT_STATUS.paired,
  supported: "без пары — сопровождение психолога",
  finished: PARTICIPANT_STATUS.finished,
  left: PARTICIPANT_STATUS.left,
} as const;
export type MenteeStatus = (typeof MENTEE_STATUS)[keyof typeof MENTEE_STATUS];

/** «Пары» → «Статус» («Работа пар» → «Статус пары» copies it). */
export const PAIR_STATUS = {
  proposed: "предложена",
  approved: "утверждена",
  rejected: "отклонена",
  forbidden: "запрещена",
  completed: "завершена",
  terminated: "расторгнута",
} as const;
export type PairStatus = (typeof PAIR_STATUS)[keyof typeof PAIR_STATUS];

/** «Дорожная карта» → «Статус». */
export const ROADMAP_STATUS = {
  planned: "запланировано",
  inProgress: "в работе",
  done: "выполнено",
  overdue: "просрочено",
  cancelled: "отменено",
} as const;
export type RoadmapStatus = (typeof ROADMAP_STATUS)[keyof typeof ROADMAP_STATUS];

/** «Показатели» → «Статус»: computed by a formula, so the template has no list for it. */
export const INDICATOR_STATUS = {
  met: "достигнуто",
  notMet: "не достигнуто",
  noData: "нет данных",
  noTarget: "цель не задана",
} as const;
export type IndicatorStatus = (typeof INDICATOR_STATUS)[keyof typeof INDICATOR_STATUS];

/** The status columns whose values the template lists (a choice), with the statuses named here. */
export const STATUS_COLUMNS = [
  { sheet: "mentors", column: "status", statuses: MENTOR_STATUS },
  { sheet: "mentees", column: "status", statuses: MENTEE_STATUS },
  { sheet: "pairs", column: "status", statuses: PAIR_STATUS },
  { sheet: "roadmap", column: "status", statuses: ROADMAP_STATUS },
] as const;
