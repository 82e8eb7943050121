/**
 * The baseline a curator would do by hand: list every allowed pair, sort by score (highest first) and
 * take a pair whenever the mentee is still free and the mentor has a free slot. Locked pairs first.
 * Ties: smaller mentee index, then the order of `feasibleMentors` (ascending mentor index without it).
 * Not optimal; used by the benchmark to show what the solver gains.
 */
import type { AssignmentProblem } from "./solver";

export interface GreedyResult {
  assignment: Int32Array;
  pairScore: Float64Array;
  total: number;
  matchedCount: number;
}

function allowed(problem: AssignmentProblem, s: number): boolean {
  if (problem.mode !== "quality") return true;
  const t = problem.threshold ?? Number.NEGATIVE_INFINITY;
  return s >= t && s > 0;
}

export function greedyAssign(problem: AssignmentProblem): GreedyResult {
  const n = problem.menteeCount;
  const m = problem.mentorCount;
  const left = new Int32Array(m);
  for (let j = 0; j < m; j++) left[j] = Math.max(0, Math.floor(problem.capacity[j]));
  const assignment = new Int32Array(n).fill(-1);
  const pairScore = new Float64Array(n);
  let total = 0;
  let matched = 0;
  for (const [i, j] of problem.locked ?? []) {
    const s = problem.score(i, j);
    if (s === null || left[j] === 0 || assignment[i] !== -1) continue;
    assignment[i] = j;
    pairScore[i] = s;
    left[j]--;
    total += s;
    matched++;
  }
  const forEachPair = (fn: (i: number, j: number, s: number) => void): void => {
    for (let i = 0; i < n; i++) {
      if (assignment[i] !== -1) continue;
      const list = problem.feasibleMentors ? problem.feasibleMentors(i) : null;
      const count = list ? list.length : m;
      for (let k = 0; k < count; k++) {
        const j = list ? list[k] : k;
        if (left[j] === 0) continue;
        const s = problem.score(i, j);
        if (s === null || !allowed(problem, s)) continue;
        fn(i, j, s);
      }
    }
  };
  // Counting sort by score when the scores are small integers (the usual 0–100 points), else a sort.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let count = 0;
  let integral = true;
  forEachPair((_i, _j, s) => {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
    if (!Number.isInteger(s)) integral = false;
    count++;
  });
  if (count === 0) return { assignment, pairScore, total, matchedCount: matched };
  const take = (i: number, j: number, s: number): void => {
    if (assignment[i] !== -1 || left[j] === 0) return;
    assignment[i] = j;
    pairScore[i] = s;
    left[j]--;
    total += s;
    matched++;
  };
  if (integral && hi - lo <= 4 * count + 1024) {
    const range = hi - lo + 1;
    const bucketStart = new Int32Array(range + 1);
    forEachPair((_i, _j, s) => {
      bucketStart[hi - s + 1]++;
    });
    for (let b = 0; b < range; b++) bucketStart[b + 1] += bucketStart[b];
    const fill = bucketStart.slice(0, range);
    const pi = new Int32Array(count);
    const pj = new Int32Array(count);
    forEachPair((i, j, s) => {
      const at = fill[hi - s]++;
      pi[at] = i;
      pj[at] = j;
    });
    for (let b = 0; b < range; b++) {
      const s = hi - b;
      for (let k = bucketStart[b]; k < bucketStart[b + 1]; k++) take(pi[k], pj[k], s);
    }
  } else {
    const pairs: Array<[number, number, number, number]> = [];
    forEachPair((i, j, s) => {
      pairs.push([i, j, s, pairs.length]);
    });
    pairs.sort((a, b) => b[2] - a[2] || a[3] - b[3]);
    for (const [i, j, s] of pairs) take(i, j, s);
  }
  return { assignment, pairScore, total, matchedCount: matched };
}
