/**
 * Test helpers: random small instances and the dense reference — the `munkres` package (Hungarian
 * method) on the slot-expanded mentees × slots matrix.
 */
import { munkres } from "munkres";
import type { AssignmentProblem, IndexPair, MatchingMode } from "../../src/core/matching/solver";
import { prng } from "../../src/demo/sample";

export interface SmallInstance {
  n: number;
  m: number;
  capacity: number[];
  /** Score matrix, null = infeasible (forbidden pairs are null here too). */
  scores: Array<Array<number | null>>;
  /** Pairs marked forbidden (their scores exist in `raw` but must not be used). */
  forbidden: IndexPair[];
  /** Scores before removing the forbidden pairs. */
  raw: Array<Array<number | null>>;
  locked: IndexPair[];
  mode: MatchingMode;
  threshold: number;
}

/** Up to 8 mentees × 5 mentors, capacities 0–3, infeasible pairs, locks, forbidden pairs, both modes. */
export function randomInstance(seed: number, maxN = 8, maxM = 5): SmallInstance {
  const rnd = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const n = int(1, maxN);
  const m = int(1, maxM);
  const capacity = Array.from({ length: m }, () => int(0, 3));
  const coarse = rnd() < 0.5; // coarse scores make many ties
  const raw = Array.from({ length: n }, () =>
    Array.from({ length: m }, () => (rnd() < 0.3 ? null : coarse ? 10 * int(-1, 10) : int(-10, 100))),
  );
  const scores = raw.map((row) => row.slice());
  const forbidden: IndexPair[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      if (raw[i][j] !== null && rnd() < 0.1) {
        forbidden.push([i, j]);
        scores[i][j] = null;
      }
    }
  }
  const locked: IndexPair[] = [];
  const left = capacity.slice();
  const lockedMentee = new Set<number>();
  const tries = int(0, 2);
  for (let t = 0; t < tries; t++) {
    const i = int(0, n - 1);
    const j = int(0, m - 1);
    if (lockedMentee.has(i) || scores[i][j] === null || left[j] === 0) continue;
    locked.push([i, j]);
    lockedMentee.add(i);
    left[j]--;
  }
  return {
    n,
    m,
    capacity,
    scores,
    forbidden,
    raw,
    locked,
    mode: rnd() < 0.5 ? "quality" : "max_participants",
    threshold: int(0, 60),
  };
}

export function toProblem(inst: SmallInstance): AssignmentProblem {
  return {
    menteeCount: inst.n,
    mentorCount: inst.m,
    capacity: inst.capacity,
    score: (i, j) => inst.scores[i][j],
    locked: inst.locked,
    mode: inst.mode,
    threshold: inst.threshold,
  };
}

/** The same instance in the JSON format of `mentor match --instance`. */
export function toJson(inst: SmallInstance): unknown {
  const scores: Array<{ mentee: string; mentor: string; score: number }> = [];
  for (let i = 0; i < inst.n; i++) {
    for (let j = 0; j < inst.m; j++) {
      const s = inst.raw[i][j];
      if (s !== null) scores.push({ mentee: `S${i}`, mentor: `M${j}`, score: s });
    }
  }
  return {
    mode: inst.mode,
    threshold: inst.threshold,
    mentors: inst.capacity.map((c, j) => ({ id: `M${j}`, capacity: c })),
    mentees: Array.from({ length: inst.n }, (_, i) => ({ id: `S${i}` })),
    scores,
    locked: inst.locked.map(([i, j]) => [`S${i}`, `M${j}`]),
    forbidden: inst.forbidden.map(([i, j]) => [`S${i}`, `M${j}`]),
  };
}

export interface ReferenceOptimum {
  matched: number;
  total: number;
  assignment: Int32Array;
}

/**
 * The optimum by the Hungarian method on the slot-expanded matrix: every mentor repeated once per free
 * slot, weight = score (+ a bonus in "max_participants"), 0 for an infeasible / not allowed pair (a zero
 * weight means "no pair", so a rectangular assignment solves the "may stay unmatched" problem exactly).
 * Locked pairs are fixed first. `extraLock` forces one more pair (for the explanation tests); null when
 * it cannot be forced.
 */
export function referenceOptimum(inst: SmallInstance, extraLock?: IndexPair): ReferenceOptimum | null {
  const locked = extraLock ? [...inst.locked, extraLock] : inst.locked;
  const left = inst.capacity.slice();
  const assignment = new Int32Array(inst.n).fill(-1);
  let total = 0;
  let matched = 0;
  for (const [i, j] of locked) {
    const s = inst.scores[i][j];
    if (s === null || left[j] === 0 || assignment[i] !== -1) return null;
    if (extraLock && i === extraLock[0] && j === extraLock[1] && inst.mode === "quality") {
      if (!(s >= inst.threshold && s > 0)) return null;
    }
    left[j]--;
    assignment[i] = j;
    total += s;
    matched++;
  }
  const rows: number[] = [];
  for (let i = 0; i < inst.n; i++) if (assignment[i] === -1) rows.push(i);
  const slots: number[] = [];
  left.forEach((c, j) => {
    for (let k = 0; k < c; k++) slots.push(j);
  });
  if (rows.length === 0 || slots.length === 0) return { matched, total, assignment };
  const bonus = 1_000_000;
  const weight = (i: number, j: number): number => {
    const s = inst.scores[i][j];
    if (s === null) return 0;
    if (inst.mode === "quality") return s >= inst.threshold && s > 0 ? s : 0;
    return bonus + s;
  };
  const cost = rows.map((i) => slots.map((j) => -weight(i, j)));
  for (const [y, x] of munkres(cost)) {
    const i = rows[y];
    const j = slots[x];
    const w = weight(i, j);
    if (w <= 0) continue;
    assignment[i] = j;
    total += inst.mode === "quality" ? w : w - bonus;
    matched++;
  }
  return { matched, total, assignment };
}

export { prng };
