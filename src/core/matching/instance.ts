/**
 * The JSON instance of `mentor match --instance FILE.json` (documented in docs/matching-instance.md):
 * mentors with capacities, mentees, the score of every feasible pair (an absent pair is infeasible),
 * locked and forbidden pairs, the mode, and optional stated preferences. `solveInstance` solves it and
 * explains the answer in Russian; `scoreMatrix` lists every feasible pair so that any outside solver can
 * confirm the optimum.
 */
import { z } from "zod";
import { plural } from "../text";
import { explainInRussian, explainMentee, type UnmatchedReason } from "./explain";
import type { AssignmentProblem, IndexPair, MatchingMode } from "./solver";
import { solveAssignment } from "./solver";
import { countBlockingPairs, deferredAcceptance, type PreferenceProblem } from "./stable";

const id = z.string().min(1);

/** The instance schema (zod). Unknown fields are rejected. */
export const matchingInstanceSchema = z.strictObject({
  /** «максимум участников» (default) or «качество пар». */
  mode: z.enum(["max_participants", "quality"]).default("max_participants"),
  /** «Качество пар»: pairs with a lower score are not formed. */
  threshold: z.number().optional(),
  /** Deferred acceptance over the stated preferences instead of the maximum total. */
  stable: z.boolean().default(false),
  mentors: z.array(
    z.strictObject({
      id,
      name: z.string().optional(),
      capacity: z.number().int().min(0),
    }),
  ),
  mentees: z.array(z.strictObject({ id, name: z.string().optional() })),
  /** Every feasible pair with its integer score; a pair not listed is infeasible. */
  scores: z.array(z.strictObject({ mentee: id, mentor: id, score: z.number().int() })),
  /** [mentee, mentor] pairs that must be in the answer. */
  locked: z.array(z.tuple([id, id])).default([]),
  /** [mentee, mentor] pairs that must not be formed. */
  forbidden: z.array(z.tuple([id, id])).default([]),
  /** Stated preferences, best first: by mentee id a list of mentor ids, by mentor id a list of mentee ids. */
  preferences: z
    .strictObject({
      mentees: z.record(z.string(), z.array(id)).default({}),
      mentors: z.record(z.string(), z.array(id)).default({}),
    })
    .optional(),
});

export type MatchingInstance = z.output<typeof matchingInstanceSchema>;

/** Thrown for an invalid instance; `issues` are in Russian, one per problem found. */
export class MatchingInstanceError extends Error {
  constructor(readonly issues: string[]) {
    super(`Некорректный файл задачи подбора:\n${issues.map((s) => `— ${s}`).join("\n")}`);
    this.name = "MatchingInstanceError";
  }
}

function pathText(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

/** Validates the JSON value (schema + references + locks); throws MatchingInstanceError. */
export function parseMatchingInstance(input: unknown): MatchingInstance {
  const parsed = matchingInstanceSchema.safeParse(input, { error: z.locales.ru().localeError });
  if (!parsed.success) {
    throw new MatchingInstanceError(
      parsed.error.issues.map((issue) => {
        const where = pathText(issue.path);
        return where ? `${where}: ${issue.message}` : issue.message;
      }),
    );
  }
  const inst = parsed.data;
  const issues: string[] = [];
  const mentorIndex = new Map<string, number>();
  inst.mentors.forEach((m, j) => {
    if (mentorIndex.has(m.id)) issues.push(`наставник «${m.id}» указан дважды`);
    else mentorIndex.set(m.id, j);
  });
  const menteeIndex = new Map<string, number>();
  inst.mentees.forEach((s, i) => {
    if (menteeIndex.has(s.id)) issues.push(`наставляемый «${s.id}» указан дважды`);
    else menteeIndex.set(s.id, i);
  });
  const pairKey = (a: string, b: string): string => `${a}\u0000${b}`;
  const scored = new Map<string, number>();
  const checkPair = (where: string, mentee: string, mentor: string): boolean => {
    let ok = true;
    if (!menteeIndex.has(mentee)) {
      issues.push(`${where}: нет наставляемого «${mentee}»`);
      ok = false;
    }
    if (!mentorIndex.has(mentor)) {
      issues.push(`${where}: нет наставника «${mentor}»`);
      ok = false;
    }
    return ok;
  };
  inst.scores.forEach((s, k) => {
    if (!checkPair(`scores[${k}]`, s.mentee, s.mentor)) return;
    const key = pairKey(s.mentee, s.mentor);
    if (scored.has(key)) issues.push(`scores[${k}]: пара «${s.mentee}» — «${s.mentor}» указана дважды`);
    scored.set(key, s.score);
  });
  const forbidden = new Set<string>();
  inst.forbidden.forEach(([a, b], k) => {
    if (checkPair(`forbidden[${k}]`, a, b)) forbidden.add(pairKey(a, b));
  });
  const lockedMentee = new Set<string>();
  const lockedCount = new Map<string, number>();
  inst.locked.forEach(([a, b], k) => {
    if (!checkPair(`locked[${k}]`, a, b)) return;
    if (lockedMentee.has(a)) issues.push(`locked[${k}]: наставляемый «${a}» закреплён дважды`);
    lockedMentee.add(a);
    if (forbidden.has(pairKey(a, b)))
      issues.push(`locked[${k}]: пара «${a}» — «${b}» одновременно запрещена`);
    if (!scored.has(pairKey(a, b)))
      issues.push(`locked[${k}]: для пары «${a}» — «${b}» нет балла (пара невозможна)`);
    lockedCount.set(b, (lockedCount.get(b) ?? 0) + 1);
  });
  lockedCount.forEach((count, mentor) => {
    const j = mentorIndex.get(mentor)!;
    if (count > inst.mentors[j].capacity) {
      issues.push(`за наставником «${mentor}» закреплено ${count}, а мест ${inst.mentors[j].capacity}`);
    }
  });
  const prefs = inst.preferences;
  if (prefs) {
    for (const [mentee, list] of Object.entries(prefs.mentees)) {
      if (!menteeIndex.has(mentee)) issues.push(`preferences.mentees: нет наставляемого «${mentee}»`);
      for (const mentor of list) {
        if (!mentorIndex.has(mentor))
          issues.push(`preferences.mentees.${mentee}: нет наставника «${mentor}»`);
      }
    }
    for (const [mentor, list] of Object.entries(prefs.mentors)) {
      if (!mentorIndex.has(mentor)) issues.push(`preferences.mentors: нет наставника «${mentor}»`);
      for (const mentee of list) {
        if (!menteeIndex.has(mentee))
          issues.push(`preferences.mentors.${mentor}: нет наставляемого «${mentee}»`);
      }
    }
  }
  if (issues.length > 0) throw new MatchingInstanceError(issues);
  return inst;
}

/** The instance as an indexed problem (indices follow the order of `mentees` and `mentors`). */
/** A record's own entry only: an ID such as «hasOwnProperty» must not reach Object.prototype. */
function own<T>(record: Record<string, T>, key: string): T | undefined {
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is ES2022; the bundle targets ES2019.
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export interface IndexedInstance {
  instance: MatchingInstance;
  problem: AssignmentProblem & PreferenceProblem;
  menteeIds: string[];
  mentorIds: string[];
}

export function indexInstance(instance: MatchingInstance): IndexedInstance {
  const n = instance.mentees.length;
  const m = instance.mentors.length;
  const menteeIds = instance.mentees.map((s) => s.id);
  const mentorIds = instance.mentors.map((s) => s.id);
  const menteeIndex = new Map(menteeIds.map((x, i) => [x, i] as const));
  const mentorIndex = new Map(mentorIds.map((x, j) => [x, j] as const));
  const forbidden = new Set<number>();
  for (const [a, b] of instance.forbidden) forbidden.add(menteeIndex.get(a)! * m + mentorIndex.get(b)!);
  const scores = new Map<number, number>();
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (const s of instance.scores) {
    const i = menteeIndex.get(s.mentee)!;
    const j = mentorIndex.get(s.mentor)!;
    const key = i * m + j;
    if (forbidden.has(key)) continue;
    scores.set(key, s.score);
    lists[i].push(j);
  }
  const feasible = lists.map((l) => Int32Array.from(l.sort((a, b) => a - b)));
  const locked: IndexPair[] = instance.locked.map(([a, b]) => [menteeIndex.get(a)!, mentorIndex.get(b)!]);
  const prefs = instance.preferences;
  const menteePrefs = prefs
    ? menteeIds.map((x) => (own(prefs.mentees, x) ?? []).map((y) => mentorIndex.get(y)!))
    : undefined;
  const mentorPrefs = prefs
    ? mentorIds.map((x) => (own(prefs.mentors, x) ?? []).map((y) => menteeIndex.get(y)!))
    : undefined;
  const problem: AssignmentProblem & PreferenceProblem = {
    menteeCount: n,
    mentorCount: m,
    capacity: instance.mentors.map((x) => x.capacity),
    score: (i, j) => {
      const s = scores.get(i * m + j);
      return s === undefined ? null : s;
    },
    feasibleMentors: (i) => feasible[i],
    locked,
    mode: instance.mode,
    threshold: instance.threshold,
    menteePrefs,
    mentorPrefs,
  };
  return { instance, problem, menteeIds, mentorIds };
}

export interface InstancePair {
  mentee: string;
  mentor: string;
  score: number;
  locked: boolean;
  /** Rank of the mentor among the mentee's feasible mentors by score (1 = best). */
  rank: number;
  /** Number of feasible mentors of the mentee. */
  options: number;
  explanation: string;
}

export interface InstanceUnmatched {
  mentee: string;
  reason: UnmatchedReason;
  explanation: string;
}

export interface InstanceSolution {
  mode: MatchingMode;
  threshold?: number;
  stable: boolean;
  assignment: InstancePair[];
  unmatched: InstanceUnmatched[];
  total: number;
  matchedCount: number;
  /** The maximum total is proven by the dual check (always false in the stable mode). */
  certified: boolean;
  /** Pairs that would rather have each other (stated preferences, then scores). */
  blockingPairs: number;
  blockingExamples: Array<[string, string]>;
  /** Stable mode: the optimum of the same instance, to show what stability costs. */
  optimum?: { total: number; matchedCount: number; certified: boolean };
}

/** Solves a JSON instance (validated first) and explains every mentee's outcome in Russian. */
export function solveInstance(input: unknown): InstanceSolution {
  const indexed = indexInstance(parseMatchingInstance(input));
  const { instance, problem, menteeIds, mentorIds } = indexed;
  const names = {
    mentor: (j: number): string => instance.mentors[j].name ?? mentorIds[j],
  };
  const context = { mode: instance.mode, threshold: instance.threshold };
  const optimal = solveAssignment(problem);
  const assignment: InstancePair[] = [];
  const unmatched: InstanceUnmatched[] = [];
  let chosen: ArrayLike<number> = optimal.assignment;
  let total = optimal.total;
  let matchedCount = optimal.matchedCount;
  if (instance.stable) {
    const stable = deferredAcceptance(problem);
    chosen = stable.assignment;
    total = stable.total;
    matchedCount = stable.matchedCount;
  }
  for (let i = 0; i < menteeIds.length; i++) {
    const e = explainMentee(optimal, i);
    const j = chosen[i];
    if (!instance.stable) {
      const explanation = explainInRussian(e, names, context);
      if (j >= 0) {
        assignment.push({
          mentee: menteeIds[i],
          mentor: mentorIds[j],
          score: e.score as number,
          locked: e.locked,
          rank: e.rank as number,
          options: e.options,
          explanation,
        });
      } else {
        unmatched.push({ mentee: menteeIds[i], reason: e.unmatchedReason ?? "all_full", explanation });
      }
      continue;
    }
    // Stable mode: the rank of the stable mentor, and the reason of an unmatched mentee.
    if (j >= 0) {
      const s = problem.score(i, j) as number;
      let better = 0;
      const list = problem.feasibleMentors!(i);
      for (let k = 0; k < list.length; k++) {
        const t = problem.score(i, list[k]);
        if (t !== null && t > s) better++;
      }
      const locked = optimal.locked[i] === 1;
      assignment.push({
        mentee: menteeIds[i],
        mentor: mentorIds[j],
        score: s,
        locked,
        rank: better + 1,
        options: e.options,
        explanation: locked
          ? `Пара не меняется при переподборе по решению куратора: ${names.mentor(j)} (балл ${s}).`
          : `Наставник — ${names.mentor(j)} (балл ${s}), ${better + 1}-й по баллу из ${e.options} ` +
            `${plural(e.options, "возможного", "возможных", "возможных")}; ` +
            "устойчивое распределение по заявленным предпочтениям.",
      });
    } else {
      const reason: UnmatchedReason = e.unmatchedReason ?? "all_full";
      const explanation =
        reason === "all_full"
          ? "Без пары: все подходящие наставники предпочли других участников (устойчивое распределение)."
          : explainInRussian({ ...e, mentor: -1, unmatchedReason: reason }, names, context);
      unmatched.push({ mentee: menteeIds[i], reason, explanation });
    }
  }
  const blocking = countBlockingPairs(problem, chosen);
  const out: InstanceSolution = {
    mode: instance.mode,
    threshold: instance.threshold,
    stable: instance.stable,
    assignment,
    unmatched,
    total,
    matchedCount,
    certified: instance.stable ? false : optimal.certified,
    blockingPairs: blocking.count,
    blockingExamples: blocking.examples.map(([i, j]) => [menteeIds[i], mentorIds[j]]),
  };
  if (instance.stable) {
    out.optimum = { total: optimal.total, matchedCount: optimal.matchedCount, certified: optimal.certified };
  }
  return out;
}

export interface ScoreMatrix {
  mode: MatchingMode;
  threshold?: number;
  mentors: Array<{ id: string; capacity: number }>;
  mentees: string[];
  locked: Array<[string, string]>;
  /** Every feasible pair (forbidden ones removed); `allowed` is false below the threshold in «качество пар». */
  pairs: Array<{ mentee: string; mentor: string; score: number; allowed: boolean }>;
}

/** Every feasible pair with its score (for `--with-matrix`: an outside solver can confirm the optimum). */
export function scoreMatrix(input: unknown): ScoreMatrix {
  const { instance, problem, menteeIds, mentorIds } = indexInstance(parseMatchingInstance(input));
  const pairs: ScoreMatrix["pairs"] = [];
  for (let i = 0; i < menteeIds.length; i++) {
    const list = problem.feasibleMentors!(i);
    for (let k = 0; k < list.length; k++) {
      const j = list[k];
      const s = problem.score(i, j) as number;
      const allowed =
        instance.mode !== "quality" || (s >= (instance.threshold ?? Number.NEGATIVE_INFINITY) && s > 0);
      pairs.push({ mentee: menteeIds[i], mentor: mentorIds[j], score: s, allowed });
    }
  }
  return {
    mode: instance.mode,
    threshold: instance.threshold,
    mentors: instance.mentors.map((x) => ({ id: x.id, capacity: x.capacity })),
    mentees: menteeIds,
    locked: instance.locked.map(([a, b]) => [a, b]),
    pairs,
  };
}
