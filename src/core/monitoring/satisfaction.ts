import type { Cell } from "../ports";
import { rating, SURVEY_ROLE, SURVEY_STAGE } from "./data";

/**
 * Indicators 5 and 6 of seed 001: the share of satisfied mentees and of satisfied mentors,
 * survey-based. A participant is «удовлетворён» when the exit survey's «Удовлетворённость
 * участием» (1–10) is not below `threshold` («Настройки», satisfied_threshold). The denominator is
 * the respondents with an answer: a participant without an exit survey is not counted as
 * dissatisfied. Pure, so the indicators and summary can reuse it.
 */

export interface SatisfactionShare {
  /** Participants with an exit satisfaction answer. */
  respondents: number;
  satisfied: number;
  /** satisfied ÷ respondents in %, one decimal; null without respondents. */
  percent: number | null;
}

export interface SatisfactionShares {
  mentees: SatisfactionShare;
  mentors: SatisfactionShare;
  threshold: number;
}

/** A survey answer as monitoring reads it: role, stage, e-mail and the satisfaction cell. */
export interface SatisfactionAnswer {
  email: string;
  role: string;
  stage: string;
  satisfaction: Cell | undefined;
}

export function isSatisfied(satisfaction: number, threshold: number): boolean {
  return satisfaction >= threshold;
}

/** Shares of satisfied mentees and mentors among exit-survey respondents (one per e-mail). */
export function satisfactionShares(answers: SatisfactionAnswer[], threshold: number): SatisfactionShares {
  const count = (role: string): SatisfactionShare => {
    const byPerson = new Map<string, number>();
    for (const a of answers) {
      if (a.role.trim().toLowerCase() !== role || a.stage.trim().toLowerCase() !== SURVEY_STAGE.exit)
        continue;
      const v = rating(a.satisfaction);
      if (v === null) continue;
      byPerson.set(a.email.trim().toLowerCase(), v);
    }
    const respondents = byPerson.size;
    let satisfied = 0;
    byPerson.forEach((v) => {
      if (isSatisfied(v, threshold)) satisfied++;
    });
    return {
      respondents,
      satisfied,
      percent: respondents === 0 ? null : Math.round((satisfied / respondents) * 1000) / 10,
    };
  };
  return { mentees: count(SURVEY_ROLE.mentee), mentors: count(SURVEY_ROLE.mentor), threshold };
}

/** An exit answer with its date, for the school year's shares. */
export interface DatedSatisfactionAnswer extends SatisfactionAnswer {
  submittedAt: Date | null;
}

/**
 * Indicators 5 and 6 as «Показатели» counts them, for every other place that shows them (the
 * monitoring's message, the analytical note, the report): the exit answers dated within the school
 * year that starts on 1 September `startYear` (or undated), one per person.
 */
export function schoolYearSatisfaction(
  answers: DatedSatisfactionAnswer[],
  startYear: number,
  threshold: number,
): SatisfactionShares {
  const from = Date.UTC(startYear, 8, 1);
  const to = Date.UTC(startYear + 1, 8, 1);
  return satisfactionShares(
    answers.filter((a) => {
      const t = a.submittedAt?.getTime();
      return t === undefined || Number.isNaN(t) || (t >= from && t < to);
    }),
    threshold,
  );
}
