import fc from "fast-check";
import { solveInstance } from "../../../src/core/matching/instance";
import {
  type AssignmentProblem,
  type AssignmentResult,
  solveAssignment,
} from "../../../src/core/matching/solver";
import {
  randomInstance,
  referenceOptimum,
  type SmallInstance,
  toJson,
  toProblem,
} from "../../support/matching-reference";

function checkFeasible(inst: SmallInstance, r: AssignmentResult): void {
  const load = new Array(inst.m).fill(0);
  let total = 0;
  let matched = 0;
  for (let i = 0; i < inst.n; i++) {
    const j = r.assignment[i];
    if (j < 0) continue;
    const s = inst.scores[i][j];
    expect(s).not.toBeNull(); // feasible and not forbidden
    const isLocked = inst.locked.some(([a, b]) => a === i && b === j);
    if (inst.mode === "quality" && !isLocked) {
      expect(s as number).toBeGreaterThanOrEqual(inst.threshold);
      expect(s as number).toBeGreaterThan(0);
    }
    load[j]++;
    total += s as number;
    matched++;
  }
  for (let j = 0; j < inst.m; j++) expect(load[j]).toBeLessThanOrEqual(inst.capacity[j]);
  for (const [i, j] of inst.locked) expect(r.assignment[i]).toBe(j);
  expect(r.total).toBe(total);
  expect(r.matchedCount).toBe(matched);
}

/** Independent check of the certificate: dual feasibility on every pair and equal objectives. */
function checkCertificate(inst: SmallInstance, r: AssignmentResult): void {
  const { mentee: u, mentor: p, bonus } = r.duals;
  const capLeft = inst.capacity.slice();
  for (const [, j] of inst.locked) capLeft[j]--;
  let dual = 0;
  let primal = 0;
  for (let i = 0; i < inst.n; i++) {
    if (r.locked[i]) continue;
    expect(u[i]).toBeGreaterThanOrEqual(0);
    dual += u[i];
    if (r.assignment[i] >= 0) primal += r.pairScore[i] + bonus;
    for (let j = 0; j < inst.m; j++) {
      const s = inst.scores[i][j];
      if (s === null || capLeft[j] === 0) continue;
      const w = inst.mode === "quality" ? (s >= inst.threshold && s > 0 ? s : null) : s + bonus;
      if (w !== null) expect(u[i] + p[j]).toBeGreaterThanOrEqual(w);
    }
  }
  for (let j = 0; j < inst.m; j++) {
    expect(p[j]).toBeGreaterThanOrEqual(0);
    dual += capLeft[j] * p[j];
  }
  expect(dual).toBe(primal);
}

describe("solver: optimum equals the dense reference (munkres on the slot-expanded matrix)", () => {
  test("default options, a few hundred random instances", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const inst = randomInstance(seed);
        const ref = referenceOptimum(inst)!;
        const r = solveAssignment(toProblem(inst));
        checkFeasible(inst, r);
        expect(r.certified).toBe(true);
        checkCertificate(inst, r);
        expect(r.total).toBe(ref.total);
        if (inst.mode === "max_participants") expect(r.matchedCount).toBe(ref.matched);
      }),
      { numRuns: 400, seed: 4242 },
    );
  });

  test("sparse candidates (the certificate has to add the missing edges), both strategies", () => {
    let added = 0;
    let reinserted = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom("mentees" as const, "mentors" as const),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        (seed, k, strategy, slack, mentorCandidates) => {
          const inst = randomInstance(seed, 12, 6);
          const ref = referenceOptimum(inst)!;
          const r = solveAssignment(toProblem(inst), {
            denseLimit: 0,
            candidatesPerMentee: k,
            mentorCandidateSlack: slack,
            mentorCandidates,
            strategy,
            violationsPerMentee: 1,
          });
          checkFeasible(inst, r);
          expect(r.certified).toBe(true);
          checkCertificate(inst, r);
          expect(r.total).toBe(ref.total);
          if (inst.mode === "max_participants") expect(r.matchedCount).toBe(ref.matched);
          // The certificate: dual objective equals the primal one.
          expect(r.duals.dualObjective).toBe(r.duals.primalObjective);
          added += r.stats.addedEdges;
          reinserted += r.stats.reinserted;
        },
      ),
      { numRuns: 400, seed: 777 },
    );
    // The warm re-optimisation was really exercised.
    expect(added).toBeGreaterThan(50);
    expect(reinserted).toBeGreaterThan(50);
  });

  test("the JSON instance (forbidden pairs, locks) gives the reference optimum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const inst = randomInstance(seed);
        const ref = referenceOptimum(inst)!;
        const out = solveInstance(toJson(inst));
        expect(out.certified).toBe(true);
        expect(out.total).toBe(ref.total);
        if (inst.mode === "max_participants") expect(out.matchedCount).toBe(ref.matched);
        expect(out.assignment.length + out.unmatched.length).toBe(inst.n);
        for (const p of out.assignment) {
          expect(inst.forbidden.some(([i, j]) => `S${i}` === p.mentee && `M${j}` === p.mentor)).toBe(false);
        }
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});

describe("solver: certification", () => {
  const scores = [
    [10, 9],
    [10, 1],
  ];
  const base = (mode: "quality" | "max_participants"): AssignmentProblem => ({
    menteeCount: 2,
    mentorCount: 2,
    capacity: [1, 1],
    score: (i, j) => scores[i][j],
    mode,
  });

  test.each(["quality", "max_participants"] as const)(
    "a candidate generator that omits the optimal edge (%s)",
    (mode) => {
      // Mentee 0's candidates miss mentor 1: on the candidates alone the best is 10 + 1 = 11.
      const problem: AssignmentProblem = { ...base(mode), candidates: (i) => (i === 0 ? [0] : [0, 1]) };
      const r = solveAssignment(problem);
      expect(r.certified).toBe(true);
      expect(r.stats.addedEdges).toBeGreaterThanOrEqual(1);
      expect(r.stats.rounds).toBeGreaterThanOrEqual(2);
      expect(Array.from(r.assignment)).toEqual([1, 0]);
      expect(r.total).toBe(19);
    },
  );
});

describe("solver: determinism", () => {
  /** A mid-size instance with many equal scores (coarse points), more mentees than slots. */
  function tied(seed: number): AssignmentProblem {
    const n = 300;
    const m = 60;
    let a = seed;
    const next = (): number => {
      a = (Math.imul(a, 1103515245) + 12345) >>> 0;
      return a / 4294967296;
    };
    const cap = Array.from({ length: m }, () => 1 + Math.floor(next() * 4));
    const table = Array.from({ length: n }, () =>
      Array.from({ length: m }, () => (next() < 0.2 ? null : 5 * Math.floor(next() * 20))),
    );
    return {
      menteeCount: n,
      mentorCount: m,
      capacity: cap,
      score: (i, j) => table[i][j],
      mode: "max_participants",
    };
  }

  test("the same input twice gives the same output (both strategies)", () => {
    for (const strategy of ["auto", "mentees", "mentors"] as const) {
      const a = solveAssignment(tied(7), { strategy, denseLimit: 0 });
      const b = solveAssignment(tied(7), { strategy, denseLimit: 0 });
      expect(a.certified).toBe(true);
      expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
      expect(a.total).toBe(b.total);
    }
  });

  test("equal scores: the mentee with the smaller index keeps the mentor", () => {
    for (const strategy of ["mentees", "mentors"] as const) {
      const r = solveAssignment(
        { menteeCount: 5, mentorCount: 1, capacity: [2], score: () => 50, mode: "quality" },
        { strategy },
      );
      expect(Array.from(r.assignment)).toEqual([0, 0, -1, -1, -1]);
    }
  });

  test("the order of the pairs in the JSON file does not matter", () => {
    const inst = randomInstance(2024, 8, 5);
    const json = toJson(inst) as { scores: unknown[] };
    const reversed = { ...json, scores: json.scores.slice().reverse() };
    const a = solveInstance(json);
    const b = solveInstance(reversed);
    expect(b.assignment).toEqual(a.assignment);
    expect(b.unmatched).toEqual(a.unmatched);
  });
});

describe("solver: input checks", () => {
  test("a lock on an infeasible pair, or too many locks, is an error", () => {
    const p: AssignmentProblem = {
      menteeCount: 2,
      mentorCount: 1,
      capacity: [1],
      score: (i) => (i === 0 ? 10 : null),
      mode: "quality",
    };
    expect(() => solveAssignment({ ...p, locked: [[1, 0]] })).toThrow(/обязательное правило/);
    expect(() =>
      solveAssignment({
        ...p,
        score: () => 5,
        locked: [
          [0, 0],
          [1, 0],
        ],
      }),
    ).toThrow(/не хватает мест/);
  });

  test("non-integer scores are rejected", () => {
    expect(() =>
      solveAssignment({ menteeCount: 1, mentorCount: 1, capacity: [1], score: () => 1.5, mode: "quality" }),
    ).toThrow(/целым/);
  });

  test("empty problems", () => {
    const r = solveAssignment({
      menteeCount: 0,
      mentorCount: 0,
      capacity: [],
      score: () => null,
      mode: "quality",
    });
    expect(r.certified).toBe(true);
    expect(r.total).toBe(0);
    const r2 = solveAssignment({
      menteeCount: 3,
      mentorCount: 0,
      capacity: [],
      score: () => null,
      mode: "max_participants",
    });
    expect(Array.from(r2.assignment)).toEqual([-1, -1, -1]);
  });
});
