/**
 * Stability: mentee-proposing deferred acceptance (Gale–Shapley with capacities) over stated
 * preferences, and a count of blocking pairs usable for any assignment.
 *
 * Preferences. A mentee ranks mentors: first its stated list (in the given order), then every other
 * acceptable mentor by score (higher first), then by index. A mentor ranks mentees the same way with its
 * own stated list. When nobody stated anything, both sides rank by the pair's score: then a pair blocks
 * exactly when both would gain score. Acceptable pair: feasible (score not null) and, in «качество пар»,
 * score >= threshold and > 0 — the same rule the optimiser uses. Stated entries that are not acceptable
 * are ignored.
 *
 * Locked pairs stay: a locked mentee never proposes or blocks, a mentor never drops a locked mentee, and
 * locked pairs take slots.
 */
import type { AssignmentProblem, IndexPair } from "./solver";

export interface PreferenceProblem
  extends Pick<
    AssignmentProblem,
    "menteeCount" | "mentorCount" | "capacity" | "score" | "feasibleMentors" | "locked" | "mode" | "threshold"
  > {
  /** Per mentee, mentors in order of preference (best first); may be partial or absent. */
  menteePrefs?: ReadonlyArray<ReadonlyArray<number> | undefined>;
  /** Per mentor, mentees in order of preference (best first); may be partial or absent. */
  mentorPrefs?: ReadonlyArray<ReadonlyArray<number> | undefined>;
}

export interface StableResult {
  assignment: Int32Array;
  pairScore: Float64Array;
  total: number;
  matchedCount: number;
  /** Proposals made (a measure of the work). */
  proposals: number;
}

export interface BlockingPairs {
  count: number;
  /** The first blocking pairs found (by mentee, then by the mentee's preference), up to the limit. */
  examples: IndexPair[];
}

/** Position of every stated entry: owner → (other → position). */
function statedPositions(
  lists: ReadonlyArray<ReadonlyArray<number> | undefined> | undefined,
  owners: number,
): Array<Map<number, number> | null> {
  const out: Array<Map<number, number> | null> = [];
  for (let o = 0; o < owners; o++) {
    const list = lists ? lists[o] : undefined;
    if (!list || list.length === 0) {
      out.push(null);
      continue;
    }
    const map = new Map<number, number>();
    list.forEach((x, k) => {
      if (!map.has(x)) map.set(x, k);
    });
    out.push(map);
  }
  return out;
}

class Preferences {
  readonly menteePos: Array<Map<number, number> | null>;
  readonly mentorPos: Array<Map<number, number> | null>;
  constructor(readonly problem: PreferenceProblem) {
    this.menteePos = statedPositions(problem.menteePrefs, problem.menteeCount);
    this.mentorPos = statedPositions(problem.mentorPrefs, problem.mentorCount);
  }

  /** Score of an acceptable pair, or null. */
  acceptable(i: number, j: number): number | null {
    const s = this.problem.score(i, j);
    if (s === null) return null;
    if (this.problem.mode === "quality") {
      const t = this.problem.threshold ?? Number.NEGATIVE_INFINITY;
      if (!(s >= t && s > 0)) return null;
    }
    return s;
  }

  /** True when mentee i prefers mentor a (score sa) to mentor b (score sb). */
  menteePrefers(i: number, a: number, sa: number, b: number, sb: number): boolean {
    const pos = this.menteePos[i];
    if (pos) {
      const pa = pos.get(a) ?? Number.POSITIVE_INFINITY;
      const pb = pos.get(b) ?? Number.POSITIVE_INFINITY;
      if (pa !== pb) return pa < pb;
    }
    return sa > sb || (sa === sb && a < b);
  }

  /** True when mentor j prefers mentee a (score sa) to mentee b (score sb). */
  mentorPrefers(j: number, a: number, sa: number, b: number, sb: number): boolean {
    const pos = this.mentorPos[j];
    if (pos) {
      const pa = pos.get(a) ?? Number.POSITIVE_INFINITY;
      const pb = pos.get(b) ?? Number.POSITIVE_INFINITY;
      if (pa !== pb) return pa < pb;
    }
    return sa > sb || (sa === sb && a < b);
  }

  /** The mentee's acceptable mentors, best first. */
  ranking(i: number): Int32Array {
    const p = this.problem;
    const list = p.feasibleMentors ? p.feasibleMentors(i) : null;
    const count = list ? list.length : p.mentorCount;
    const js: number[] = [];
    const ss: number[] = [];
    for (let k = 0; k < count; k++) {
      const j = list ? list[k] : k;
      const s = this.acceptable(i, j);
      if (s === null) continue;
      js.push(j);
      ss.push(s);
    }
    const idx = js.map((_, k) => k);
    idx.sort((x, y) => (x === y ? 0 : this.menteePrefers(i, js[x], ss[x], js[y], ss[y]) ? -1 : 1));
    return Int32Array.from(idx.map((k) => js[k]));
  }
}

function lockedMentees(problem: PreferenceProblem): Int32Array {
  const lockedTo = new Int32Array(problem.menteeCount).fill(-1);
  for (const [i, j] of problem.locked ?? []) lockedTo[i] = j;
  return lockedTo;
}

/** Mentee-proposing deferred acceptance with capacities: the mentee-optimal stable assignment. */
export function deferredAcceptance(problem: PreferenceProblem): StableResult {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  const prefs = new Preferences(problem);
  const lockedTo = lockedMentees(problem);
  const free = new Int32Array(m);
  for (let j = 0; j < m; j++) free[j] = Math.max(0, Math.floor(problem.capacity[j]));
  const assignment = new Int32Array(n).fill(-1);
  const pairScore = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = lockedTo[i];
    if (j < 0) continue;
    if (free[j] === 0)
      throw new Error(
        "У наставника не хватает мест для всех пар, которые куратор велел не менять при переподборе: снимите отметку с лишних пар или увеличьте «Сколько наставляемых может вести».",
      );
    free[j]--;
    assignment[i] = j;
    pairScore[i] = problem.score(i, j) ?? 0;
  }
  const held: number[][] = Array.from({ length: m }, () => []);
  const ranking: Array<Int32Array | null> = new Array(n).fill(null);
  const next = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (lockedTo[i] < 0) queue.push(i);
  let proposals = 0;
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q];
    let list = ranking[i];
    if (list === null) {
      list = prefs.ranking(i);
      ranking[i] = list;
    }
    while (next[i] < list.length) {
      const j = list[next[i]++];
      proposals++;
      const s = problem.score(i, j) as number;
      const h = held[j];
      if (h.length < free[j]) {
        h.push(i);
        assignment[i] = j;
        pairScore[i] = s;
        break;
      }
      if (h.length === 0) continue; // no slot at all (capacity 0 or all locked)
      let worst = 0;
      for (let k = 1; k < h.length; k++) {
        const a = h[k];
        const b = h[worst];
        if (prefs.mentorPrefers(j, b, pairScore[b], a, pairScore[a])) worst = k;
      }
      const w = h[worst];
      if (prefs.mentorPrefers(j, i, s, w, pairScore[w])) {
        h[worst] = i;
        assignment[i] = j;
        pairScore[i] = s;
        assignment[w] = -1;
        pairScore[w] = 0;
        queue.push(w);
        break;
      }
    }
  }
  let total = 0;
  let matched = 0;
  for (let i = 0; i < n; i++) {
    if (assignment[i] < 0) continue;
    total += pairScore[i];
    matched++;
  }
  return { assignment, pairScore, total, matchedCount: matched, proposals };
}

/**
 * Counts the pairs (i, j) that would rather have each other: i is not locked, the pair is acceptable,
 * i prefers j to its mentor (or has none), and j has a free slot or prefers i to its worst non-locked
 * mentee. Works for any assignment (optimal, greedy, stable).
 */
export function countBlockingPairs(
  problem: PreferenceProblem,
  assignment: ArrayLike<number>,
  options: { limit?: number } = {},
): BlockingPairs {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  const limit = options.limit ?? 20;
  const prefs = new Preferences(problem);
  const lockedTo = lockedMentees(problem);
  const load = new Int32Array(m);
  const worst = new Int32Array(m).fill(-1);
  const worstScore = new Float64Array(m);
  const current = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = assignment[i];
    if (j < 0) continue;
    load[j]++;
    const s = problem.score(i, j) ?? 0;
    current[i] = s;
    if (lockedTo[i] === j) continue;
    const w = worst[j];
    if (w < 0 || prefs.mentorPrefers(j, w, worstScore[j], i, s)) {
      worst[j] = i;
      worstScore[j] = s;
    }
  }
  let count = 0;
  const examples: IndexPair[] = [];
  for (let i = 0; i < n; i++) {
    if (lockedTo[i] >= 0) continue;
    const own = assignment[i];
    const list = problem.feasibleMentors ? problem.feasibleMentors(i) : null;
    const total = list ? list.length : m;
    for (let k = 0; k < total; k++) {
      const j = list ? list[k] : k;
      if (j === own) continue;
      const s = prefs.acceptable(i, j);
      if (s === null) continue;
      if (own >= 0 && !prefs.menteePrefers(i, j, s, own, current[i])) continue;
      const hasSlot = load[j] < Math.floor(problem.capacity[j]);
      const w = worst[j];
      if (hasSlot || (w >= 0 && prefs.mentorPrefers(j, i, s, w, worstScore[j]))) {
        count++;
        if (examples.length < limit) examples.push([i, j]);
      }
    }
  }
  return { count, examples };
}
