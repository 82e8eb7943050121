/**
 * Explanations of an optimal assignment, per mentee: the rank of the mentor among the mentee's options,
 * the first choice, and why the mentee did not get it — with the exact loss of the total ("it would lower
 * the total by N", from one shortest path in the certified residual graph, see
 * MatchingState.forcedPairLoss). Structured codes and numbers here; `explainInRussian` words them.
 */
import { plural } from "../text";
import type { AssignmentResult, ForcedPairLoss, MatchingMode } from "./solver";

/** Why a mentee stayed without a mentor. */
export type UnmatchedReason =
  /** No feasible mentor at all (e.g. nobody of the mentee's form of mentoring). */
  | "no_mentor_of_form"
  /** Feasible mentors exist, but their slots went to others (the total is higher that way). */
  | "all_full"
  /** «Качество пар»: every feasible pair is below the threshold. */
  | "below_threshold";

/** Why the mentee's first choice is not its mentor. */
export type WhyNotFirst =
  /**
   * The first choice is full. `slots`: "none" (capacity 0), "locked" (every slot held by a locked pair),
   * "taken" (the slots went to others). `loss`: the exact change of the optimum if the pair were forced
   * (null when it cannot be forced, or when the result is not certified).
   */
  | { code: "full"; slots: "none" | "locked" | "taken"; loss: ForcedPairLoss | null }
  /** «Качество пар»: the first choice is below the threshold. */
  | { code: "below_threshold" };

export interface MenteeExplanation {
  mentee: number;
  /** Mentor index, or -1. */
  mentor: number;
  score: number | null;
  locked: boolean;
  /** Rank of the mentor among the mentee's feasible mentors by score (1 = best; equal scores share). */
  rank: number | null;
  /** Number of feasible mentors (hard rules only). */
  options: number;
  /** Best feasible mentor by score (smallest index among equals), or -1. */
  firstChoice: number;
  firstChoiceScore: number | null;
  /** The mentor's score equals the first choice's. */
  gotFirstChoice: boolean;
  whyNotFirst: WhyNotFirst | null;
  unmatchedReason: UnmatchedReason | null;
  /** Unmatched with allowed options: the best allowed mentor, its score and the loss if it were forced. */
  bestAllowed: { mentor: number; score: number; loss: ForcedPairLoss | null } | null;
}

function allowed(mode: MatchingMode, threshold: number | undefined, s: number): boolean {
  if (mode !== "quality") return true;
  return s >= (threshold ?? Number.NEGATIVE_INFINITY) && s > 0;
}

/** Explains one mentee of a solved (and certified) problem. */
export function explainMentee(result: AssignmentResult, mentee: number): MenteeExplanation {
  const state = result.state;
  const problem = state.problem;
  const mode = problem.mode;
  const mentor = result.assignment[mentee];
  const score = mentor >= 0 ? result.pairScore[mentee] : null;
  const locked = result.locked[mentee] === 1;
  let options = 0;
  let first = -1;
  let firstScore = Number.NEGATIVE_INFINITY;
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  let better = 0;
  const list = problem.feasibleMentors ? problem.feasibleMentors(mentee) : null;
  const count = list ? list.length : problem.mentorCount;
  for (let k = 0; k < count; k++) {
    const j = list ? list[k] : k;
    const s = problem.score(mentee, j);
    if (s === null) continue;
    options++;
    if (s > firstScore || (s === firstScore && j < first)) {
      first = j;
      firstScore = s;
    }
    if (allowed(mode, problem.threshold, s) && (s > bestScore || (s === bestScore && j < best))) {
      best = j;
      bestScore = s;
    }
    if (score !== null && s > score) better++;
  }
  const out: MenteeExplanation = {
    mentee,
    mentor,
    score,
    locked,
    rank: score !== null ? better + 1 : null,
    options,
    firstChoice: first,
    firstChoiceScore: first >= 0 ? firstScore : null,
    gotFirstChoice: score !== null && first >= 0 && score === firstScore,
    whyNotFirst: null,
    unmatchedReason: null,
    bestAllowed: null,
  };
  const lossOf = (j: number): ForcedPairLoss | null =>
    result.certified ? state.forcedPairLoss(mentee, j) : null;
  const slots = (j: number): "none" | "locked" | "taken" =>
    Math.floor(problem.capacity[j]) === 0 ? "none" : state.cap[j] === 0 ? "locked" : "taken";
  if (mentor < 0) {
    if (options === 0) out.unmatchedReason = "no_mentor_of_form";
    else if (best < 0) {
      out.unmatchedReason = "below_threshold";
      out.whyNotFirst = { code: "below_threshold" };
    } else {
      out.unmatchedReason = "all_full";
      out.bestAllowed = { mentor: best, score: bestScore, loss: lossOf(best) };
      out.whyNotFirst =
        best === first
          ? { code: "full", slots: slots(first), loss: out.bestAllowed.loss }
          : { code: "below_threshold" };
    }
    return out;
  }
  if (locked || out.gotFirstChoice || first < 0) return out;
  if (!allowed(mode, problem.threshold, firstScore)) {
    out.whyNotFirst = { code: "below_threshold" };
  } else {
    out.whyNotFirst = { code: "full", slots: slots(first), loss: lossOf(first) };
  }
  return out;
}

/** Explains every mentee. */
export function explainAll(result: AssignmentResult): MenteeExplanation[] {
  const out: MenteeExplanation[] = [];
  for (let i = 0; i < result.assignment.length; i++) out.push(explainMentee(result, i));
  return out;
}

// ---------------------------------------------------------------- Russian wording

/** «ещё 1 участника», «ещё 5 участников» (the genitive after «оставила бы без наставника»). */
function participants(k: number): string {
  return plural(k, "участника", "участников", "участников");
}

/** «из 21 возможного», «из 5 возможных». */
function possible(k: number): string {
  return plural(k, "возможного", "возможных", "возможных");
}

function lossPhrase(loss: ForcedPairLoss, mode: MatchingMode): string {
  const parts: string[] = [];
  if (mode === "max_participants" && loss.matchedLoss > 0) {
    parts.push(`оставила бы без наставника ещё ${loss.matchedLoss} ${participants(loss.matchedLoss)}`);
    if (loss.scoreLoss > 0) parts.push(`а сумма баллов всех пар стала бы меньше на ${loss.scoreLoss}`);
    else if (loss.scoreLoss < 0)
      parts.push(`хотя сумма баллов всех пар стала бы больше на ${-loss.scoreLoss}`);
    return `такая пара ${parts.join(", ")}`;
  }
  if (loss.scoreLoss > 0)
    return `такая пара ухудшила бы подбор для других: сумма баллов всех пар стала бы меньше на ${loss.scoreLoss}`;
  if (loss.scoreLoss === 0) return "такая пара была бы равноценной: сумма баллов всех пар не изменилась бы";
  return `с такой парой сумма баллов всех пар стала бы больше на ${-loss.scoreLoss}`;
}

function fullPhrase(why: Extract<WhyNotFirst, { code: "full" }>, mode: MatchingMode): string {
  if (why.slots === "none") return "у наставника нет мест";
  if (why.slots === "locked")
    return "у наставника нет свободных мест: все заняты парами, которые куратор велел не менять при переподборе";
  if (why.loss === null) return "у наставника нет свободных мест";
  return `у наставника нет свободных мест; ${lossPhrase(why.loss, mode)}`;
}

export interface RussianNames {
  /** Display name of a mentor (e.g. «Иванова А.А.»). */
  mentor(index: number): string;
}

/**
 * One or two sentences in Russian, e.g. «Наставник — Петров П.П. (балл 75), 2-й по баллу из 5 возможных.
 * Первый выбор — Иванова А.А. (балл 87): у наставника нет свободных мест; такая пара снизила бы общий
 * балл на 12.»
 */
export function explainInRussian(
  e: MenteeExplanation,
  names: RussianNames,
  context: { mode: MatchingMode; threshold?: number },
): string {
  const name = (j: number): string => names.mentor(j);
  if (e.mentor >= 0) {
    const head = `${name(e.mentor)} (балл ${e.score})`;
    if (e.locked) return `Пара не меняется при переподборе по решению куратора: ${head}.`;
    let text: string;
    if (e.options === 1) text = `Наставник — ${head}: единственный возможный.`;
    else if (e.gotFirstChoice)
      text = `Наставник — ${head}: первый выбор из ${e.options} ${possible(e.options)}.`;
    else text = `Наставник — ${head}, ${e.rank}-й по баллу из ${e.options} ${possible(e.options)}.`;
    if (e.whyNotFirst && e.firstChoice >= 0) {
      const firstHead = `Первый выбор — ${name(e.firstChoice)} (балл ${e.firstChoiceScore})`;
      if (e.whyNotFirst.code === "full") text += ` ${firstHead}: ${fullPhrase(e.whyNotFirst, context.mode)}.`;
      else text += ` ${firstHead}: ниже порога качества ${context.threshold}.`;
    }
    return text;
  }
  switch (e.unmatchedReason) {
    case "no_mentor_of_form":
      return "Без пары: нет ни одного подходящего наставника (нет наставника этой формы наставничества).";
    case "below_threshold":
      return (
        `Без пары: все возможные пары ниже порога качества ${context.threshold}` +
        (e.firstChoice >= 0 ? ` (лучшая — ${name(e.firstChoice)}, балл ${e.firstChoiceScore}).` : ".")
      );
    default: {
      let text = "Без пары: все подходящие наставники заняты.";
      const b = e.bestAllowed;
      if (b) {
        const why = e.whyNotFirst;
        const phrase =
          why && why.code === "full"
            ? fullPhrase(why, context.mode)
            : b.loss
              ? `у наставника нет свободных мест; ${lossPhrase(b.loss, context.mode)}`
              : "у наставника нет свободных мест";
        text += ` Лучший вариант — ${name(b.mentor)} (балл ${b.score}): ${phrase}.`;
      }
      return text;
    }
  }
}
