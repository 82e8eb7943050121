import { plural } from "../text";
import { formatNumber, mean } from "./data";
import { type ComputedKey, type Score, scoreByThresholds } from "./rubric";
import type { MonitoringThresholds } from "./thresholds";

/**
 * The indicators of the rubric that data can give, for one pair or pooled for the whole program.
 *
 * - 6 «Степень удовлетворённости всех участников»: the mean of the available sources — the
 *   mentee's exit satisfaction, the mentor's exit satisfaction, the mean meeting rating (both
 *   participants' ratings of every meeting) — each source counting once; scored by the rating
 *   thresholds (2 from `fullFrom`, 1 from `partialFrom`).
 * - 7 «Удовлетворённость партнёров»: the exit satisfaction of mentors who are partner
 *   organisations' employees; scored by the rating thresholds. None: left to the curator.
 * - 8 «Активность и заинтересованность наставляемого»: two halves — meetings held against the
 *   norm (% of norm, by the activity thresholds, once the pair has worked a month) and the mentor
 *   reports' «активность наставляемого» (mean, by the rating thresholds). The score is the lower
 *   of the available halves: «в полной мере» needs both to show it fully.
 * - 9 «Применение полученного опыта»: the mean of the available sources — the mentor reports'
 *   «применение полученного опыта» (mean) and the mentee's exit self-assessment «владею тем, с чем
 *   пришёл в программу»; scored by the rating thresholds.
 *
 * Without any data an indicator has no score (null): the curator judges it.
 */
export interface Evidence {
  menteeSatisfaction: number[];
  mentorSatisfaction: number[];
  meetingRatings: number[];
  partnerSatisfaction: number[];
  /** Meetings held and expected by the norm (expected 0: too early to judge). */
  held: number;
  expected: number;
  menteeActivity: number[];
  application: number[];
  menteeSkills: number[];
}

export function emptyEvidence(): Evidence {
  return {
    menteeSatisfaction: [],
    mentorSatisfaction: [],
    meetingRatings: [],
    partnerSatisfaction: [],
    held: 0,
    expected: 0,
    menteeActivity: [],
    application: [],
    menteeSkills: [],
  };
}

export interface ComputedIndicator {
  score: Score | null;
  /** The mean (or % of the norm) the score was read from. */
  value: number | null;
  /** Russian: what it was computed from, or why not. */
  basis: string;
}

export type ComputedIndicators = Record<ComputedKey, ComputedIndicator>;

interface Source {
  label: string;
  values: number[];
}

function ratingRule(t: MonitoringThresholds): string {
  return `2 балла от ${formatNumber(t.fullFrom)}, 1 балл от ${formatNumber(t.partialFrom)}`;
}

const points = (s: Score) => `${s} ${plural(s, "балл", "балла", "баллов")}`;

/**
 * A value shown next to thresholds: one decimal, unless rounding would carry it over a threshold it
 * does not reach (7,97 shown as «8» against «2 балла от 8»), then two decimals, rounded down.
 */
export function formatAgainst(value: number, thresholds: number[]): string {
  const shown = Math.round(value * 10) / 10;
  if (thresholds.some((t) => value < t && shown >= t))
    return (Math.floor(value * 100) / 100).toFixed(2).replace(".", ",");
  return formatNumber(value);
}

/** The mean of the means of the available sources, scored by the rating thresholds. */
function fromSources(n: number, sources: Source[], t: MonitoringThresholds, none: string): ComputedIndicator {
  const used = sources.filter((s) => s.values.length > 0);
  if (used.length === 0) return { score: null, value: null, basis: `${n} — ${none}: оценка куратора.` };
  const means = used.map((s) => mean(s.values)!);
  const value = mean(means)!;
  const score = scoreByThresholds(value, t.fullFrom, t.partialFrom);
  const th = [t.fullFrom, t.partialFrom];
  const parts = used.map(
    (s, i) =>
      `${s.label} ${formatAgainst(means[i], th)}${s.values.length > 1 ? ` (${s.values.length} оц.)` : ""}`,
  );
  const avg = used.length > 1 ? `среднее ${formatAgainst(value, th)} из: ${parts.join("; ")}` : parts[0];
  return { score, value, basis: `${n} — ${points(score)}: ${avg}. Правило: ${ratingRule(t)}.` };
}

export function computeIndicators(e: Evidence, t: MonitoringThresholds): ComputedIndicators {
  const i6 = fromSources(
    6,
    [
      { label: "удовлетворённость наставляемых", values: e.menteeSatisfaction },
      { label: "удовлетворённость наставников", values: e.mentorSatisfaction },
      { label: "оценки встреч", values: e.meetingRatings },
    ],
    t,
    "нет итоговых анкет и оценок встреч",
  );
  const i7 = fromSources(
    7,
    [{ label: "удовлетворённость наставников-партнёров", values: e.partnerSatisfaction }],
    t,
    "нет итоговых анкет наставников — сотрудников организаций-партнёров",
  );
  const i9 = fromSources(
    9,
    [
      { label: "применение опыта по отчётам наставника", values: e.application },
      { label: "самооценка наставляемого в итоговой анкете", values: e.menteeSkills },
    ],
    t,
    "нет отчётов наставника и итоговой анкеты наставляемого",
  );

  // 8: the lower of the meeting half and the report half.
  const halves: { score: Score; text: string }[] = [];
  let value: number | null = null;
  if (e.expected > 0) {
    const share = Math.round((e.held / e.expected) * 100);
    value = share;
    const s = scoreByThresholds(share, t.activityFullShare, t.activityPartialShare);
    halves.push({
      score: s,
      text: `встречи — ${share} % нормы (${e.held} из ${formatNumber(e.expected)}) → ${points(s)} (2 от ${formatNumber(t.activityFullShare)} %, 1 от ${formatNumber(t.activityPartialShare)} %)`,
    });
  }
  if (e.menteeActivity.length > 0) {
    const m = mean(e.menteeActivity)!;
    if (value === null) value = m;
    const s = scoreByThresholds(m, t.fullFrom, t.partialFrom);
    halves.push({
      score: s,
      text: `активность по отчётам наставника ${formatNumber(m)}${e.menteeActivity.length > 1 ? ` (${e.menteeActivity.length} отч.)` : ""} → ${points(s)} (2 от ${formatNumber(t.fullFrom)}, 1 от ${formatNumber(t.partialFrom)})`,
    });
  }
  let i8: ComputedIndicator;
  if (halves.length === 0)
    i8 = {
      score: null,
      value: null,
      basis: "8 — нет данных (пара работает меньше месяца, отчётов наставника нет): оценка куратора.",
    };
  else {
    const score = Math.min(...halves.map((h) => h.score)) as Score;
    i8 = {
      score,
      value,
      basis: `8 — ${points(score)}${halves.length > 1 ? " (меньший из двух)" : ""}: ${halves.map((h) => h.text).join("; ")}.`,
    };
  }
  return { i6_satisfaction: i6, i7_partners: i7, i8_activity: i8, i9_application: i9 };
}
