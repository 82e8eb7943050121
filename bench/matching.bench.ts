/**
 * Matching benchmark, one measurement per process (bundled and launched by bench/run-matching.mjs):
 *   node --expose-gc <bundle> --size 500x200 --algo solver|greedy|munkres [--mode max_participants|quality]
 * Prints one JSON line. Instances are generated from a seeded PRNG, so every algorithm sees the same one.
 */
import { munkres } from "munkres";
import { greedyAssign } from "../src/core/matching/greedy";
import { type AssignmentProblem, type MatchingMode, solveAssignment } from "../src/core/matching/solver";
import { prng } from "../src/demo/sample";

function pickWeighted(rnd: () => number, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rnd() * total;
  for (let k = 0; k < weights.length; k++) {
    x -= weights[k];
    if (x < 0) return k;
  }
  return weights.length - 1;
}

function zipf(count: number, s: number): number[] {
  return Array.from({ length: count }, (_, k) => 1 / (k + 1) ** s);
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

// «ученик – ученик», «учитель – учитель», «студент – ученик», «работодатель – ученик», «работодатель – студент»
const MENTEE_FORMS = [0.45, 0.3, 0.12, 0.09, 0.04];
const MENTOR_FORMS = [0.42, 0.33, 0.12, 0.08, 0.05];
const SUBJECTS = zipf(24, 1.1);
const COMPETENCIES = zipf(20, 0.8);
const CAPACITY = [0.3, 0.35, 0.2, 0.15]; // 1..4

export interface GeneratedInstance {
  menteeCount: number;
  mentorCount: number;
  capacity: Int32Array;
  score(i: number, j: number): number | null;
  byForm: Int32Array[];
  formOf: Int32Array;
}

/** Realistic profiles: skewed forms and subjects, competencies, age groups, time slots, capacities 1–4. */
export function generate(n: number, m: number, seed = 20240901): GeneratedInstance {
  const rnd = prng(seed ^ (n * 7919 + m));
  const formA = new Int32Array(n);
  const subjA = new Int32Array(n);
  const subj2A = new Int32Array(n);
  const compA = new Int32Array(n);
  const compCountA = new Int32Array(n);
  const ageA = new Int32Array(n);
  const timeA = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    formA[i] = pickWeighted(rnd, MENTEE_FORMS);
    subjA[i] = pickWeighted(rnd, SUBJECTS);
    subj2A[i] = rnd() < 0.5 ? pickWeighted(rnd, SUBJECTS) : -1;
    let c = 0;
    const want = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < want; k++) c |= 1 << pickWeighted(rnd, COMPETENCIES);
    compA[i] = c;
    compCountA[i] = popcount(c);
    ageA[i] = Math.floor(rnd() * 4);
    let t = 0;
    const slots = 2 + Math.floor(rnd() * 4);
    for (let k = 0; k < slots; k++) t |= 1 << Math.floor(rnd() * 10);
    timeA[i] = t;
  }
  const formB = new Int32Array(m);
  const subjB = new Int32Array(m);
  const compB = new Int32Array(m);
  const ageB = new Int32Array(m);
  const timeB = new Int32Array(m);
  const capacity = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    formB[j] = pickWeighted(rnd, MENTOR_FORMS);
    let s = 0;
    const subjects = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < subjects; k++) s |= 1 << pickWeighted(rnd, SUBJECTS);
    subjB[j] = s;
    let c = 0;
    const have = 2 + Math.floor(rnd() * 5);
    for (let k = 0; k < have; k++) c |= 1 << pickWeighted(rnd, COMPETENCIES);
    compB[j] = c;
    const a = Math.floor(rnd() * 4);
    ageB[j] = (1 << a) | (rnd() < 0.5 ? 1 << Math.min(3, a + 1) : 0);
    let t = 0;
    const slots = 2 + Math.floor(rnd() * 5);
    for (let k = 0; k < slots; k++) t |= 1 << Math.floor(rnd() * 10);
    timeB[j] = t;
    capacity[j] = 1 + pickWeighted(rnd, CAPACITY);
  }
  const byFormLists: number[][] = MENTOR_FORMS.map(() => []);
  for (let j = 0; j < m; j++) byFormLists[formB[j]].push(j);
  const byForm = byFormLists.map((l) => Int32Array.from(l));
  // Competency points: floor(30 · matched / requested), requested 1..3, matched 0..3.
  const compPoints = new Int32Array(16);
  for (let r = 1; r <= 3; r++) for (let c = 0; c <= 3; c++) compPoints[r * 4 + c] = Math.floor((30 * c) / r);
  const score = (i: number, j: number): number | null => {
    if (formA[i] !== formB[j]) return null;
    const sb = subjB[j];
    let s = (sb >>> subjA[i]) & 1 ? 40 : subj2A[i] >= 0 && (sb >>> subj2A[i]) & 1 ? 20 : 0;
    s += compPoints[compCountA[i] * 4 + popcount(compA[i] & compB[j])];
    if ((ageB[j] >>> ageA[i]) & 1) s += 15;
    const overlap = popcount(timeA[i] & timeB[j]);
    s += Math.min(overlap, 3) * 5;
    return s;
  };
  return { menteeCount: n, mentorCount: m, capacity, score, byForm, formOf: formA };
}

export function toProblem(g: GeneratedInstance, mode: MatchingMode, threshold?: number): AssignmentProblem {
  const { byForm, formOf } = g;
  return {
    menteeCount: g.menteeCount,
    mentorCount: g.mentorCount,
    capacity: g.capacity,
    score: g.score,
    feasibleMentors: (i) => byForm[formOf[i]],
    mode,
    threshold,
  };
}

/** Dense reference: munkres on the slot-expanded mentees × slots matrix (weight 0 = no pair). */
function solveMunkres(g: GeneratedInstance, mode: MatchingMode, threshold: number) {
  const n = g.menteeCount;
  const slots: number[] = [];
  for (let j = 0; j < g.mentorCount; j++) for (let k = 0; k < g.capacity[j]; k++) slots.push(j);
  const B = 2 * n * 100 + 1;
  const rows: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(slots.length);
    for (let c = 0; c < slots.length; c++) {
      const s = g.score(i, slots[c]);
      let w = 0;
      if (s !== null) w = mode === "quality" ? (s >= threshold && s > 0 ? s : 0) : B + s;
      row[c] = -w;
    }
    rows.push(row);
  }
  const t = performance.now();
  const pairs = munkres(rows);
  const ms = performance.now() - t;
  let total = 0;
  let matched = 0;
  for (const [y, x] of pairs) {
    const w = -rows[y][x];
    if (w > 0) {
      matched++;
      total += mode === "quality" ? w : w - B;
    }
  }
  return { ms, total, matched, cells: n * slots.length };
}

function arg(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && k + 1 < process.argv.length ? process.argv[k + 1] : fallback;
}

function main(): void {
  const [n, m] = arg("size", "500x200").split("x").map(Number);
  const algo = arg("algo", "solver");
  const mode = arg("mode", "max_participants") as MatchingMode;
  const threshold = Number(arg("threshold", "40"));
  const repeat = Number(arg("repeat", "1"));
  const g = generate(n, m);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const out: Record<string, unknown> = { n, m, algo, mode };
  let slots = 0;
  for (let j = 0; j < m; j++) slots += g.capacity[j];
  out.slots = slots;
  if (algo === "solver") {
    const times: number[] = [];
    let r = solveAssignment(toProblem(g, mode, threshold));
    for (let k = 0; k < repeat; k++) {
      const t = performance.now();
      r = solveAssignment(toProblem(g, mode, threshold));
      times.push(performance.now() - t);
      if (k === 0) out.firstMs = times[0];
    }
    out.heapAfterMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    times.sort((a, b) => a - b);
    out.ms = times[Math.floor(times.length / 2)];
    out.total = r.total;
    out.matched = r.matchedCount;
    out.certified = r.certified;
    out.stats = r.stats;
  } else if (algo === "cold") {
    const t = performance.now();
    const r = solveAssignment(toProblem(g, mode, threshold));
    out.ms = performance.now() - t;
    out.heapAfterMB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    out.total = r.total;
    out.matched = r.matchedCount;
    out.certified = r.certified;
    out.stats = r.stats;
  } else if (algo === "greedy") {
    const t = performance.now();
    const r = greedyAssign(toProblem(g, mode, threshold));
    out.ms = performance.now() - t;
    out.total = r.total;
    out.matched = r.matchedCount;
  } else if (algo === "munkres") {
    const r = solveMunkres(g, mode, threshold);
    Object.assign(out, r);
  }
  out.peakRssMB = process.resourceUsage().maxRSS / 1024;
  out.rssBeforeMB = rssBefore / 2 ** 20;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (process.argv.includes("--algo")) main();
