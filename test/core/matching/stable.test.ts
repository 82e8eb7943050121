import fc from "fast-check";
import { greedyAssign } from "../../../src/core/matching/greedy";
import { solveAssignment } from "../../../src/core/matching/solver";
import {
  countBlockingPairs,
  deferredAcceptance,
  type PreferenceProblem,
} from "../../../src/core/matching/stable";
import { prng, randomInstance, referenceOptimum, toProblem } from "../../support/matching-reference";

describe("blocking pairs", () => {
  const table = [
    [90, 50],
    [60, 80],
  ];
  const problem: PreferenceProblem = {
    menteeCount: 2,
    mentorCount: 2,
    capacity: [1, 1],
    score: (i, j) => table[i][j],
    mode: "max_participants",
  };

  test("a hand-made example: both crossed pairs block", () => {
    // Mentee 0 → mentor 1, mentee 1 → mentor 0: each prefers the other mentor, who prefers them back.
    const b = countBlockingPairs(problem, [1, 0]);
    expect(b.count).toBe(2);
    expect(b.examples).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(countBlockingPairs(problem, [0, 1]).count).toBe(0);
  });

  test("stated preferences come before scores", () => {
    // Mentor 0 states that it prefers mentee 1: the pair (0, 0) no longer blocks.
    const b = countBlockingPairs({ ...problem, mentorPrefs: [[1, 0], undefined] }, [1, 0]);
    expect(b.count).toBe(1);
    expect(b.examples).toEqual([[1, 1]]);
  });

  test("a free slot, an unmatched mentee, locks and the threshold", () => {
    const p: PreferenceProblem = {
      menteeCount: 3,
      mentorCount: 1,
      capacity: [2],
      score: (i) => [70, 30, 80][i],
      mode: "quality",
      threshold: 40,
    };
    // Mentee 0 matched, mentor has a free slot: unmatched mentee 2 (80) blocks, mentee 1 (30) is below
    // the threshold and does not.
    expect(countBlockingPairs(p, [0, -1, -1])).toEqual({ count: 1, examples: [[2, 0]] });
    // Full with a locked mentee 0 and mentee 2: nobody can displace the locked one.
    expect(countBlockingPairs({ ...p, capacity: [1], locked: [[0, 0]] }, [0, -1, -1]).count).toBe(0);
    expect(countBlockingPairs({ ...p, capacity: [1] }, [0, -1, -1]).count).toBe(1);
  });
});

describe("deferred acceptance", () => {
  test("no blocking pairs on random instances with strict stated preferences", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const inst = randomInstance(seed, 10, 6);
        const rnd = prng(seed ^ 0x5bd1e995);
        const perm = (k: number): number[] => {
          const a = Array.from({ length: k }, (_, x) => x);
          for (let x = k - 1; x > 0; x--) {
            const y = Math.floor(rnd() * (x + 1));
            [a[x], a[y]] = [a[y], a[x]];
          }
          return a;
        };
        const problem: PreferenceProblem = {
          ...toProblem(inst),
          menteePrefs: Array.from({ length: inst.n }, () => perm(inst.m)),
          mentorPrefs: Array.from({ length: inst.m }, () => perm(inst.n)),
        };
        const r = deferredAcceptance(problem);
        expect(countBlockingPairs(problem, r.assignment).count).toBe(0);
        const load = new Array(inst.m).fill(0);
        for (let i = 0; i < inst.n; i++) {
          const j = r.assignment[i];
          if (j >= 0) {
            load[j]++;
            expect(inst.scores[i][j]).not.toBeNull();
          }
        }
        for (let j = 0; j < inst.m; j++) expect(load[j]).toBeLessThanOrEqual(inst.capacity[j]);
        for (const [i, j] of inst.locked) expect(r.assignment[i]).toBe(j);
        // Never better than the optimum.
        if (inst.mode === "quality") expect(r.total).toBeLessThanOrEqual(referenceOptimum(inst)!.total);
      }),
      { numRuns: 300, seed: 2718 },
    );
  });

  test("by scores only, it matches greedy-by-score (both sides rank by the same score)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const inst = randomInstance(seed, 10, 6);
        const problem = toProblem(inst);
        const stable = deferredAcceptance(problem);
        expect(countBlockingPairs(problem, stable.assignment).count).toBe(0);
        const greedy = greedyAssign(problem);
        expect(Array.from(stable.assignment)).toEqual(Array.from(greedy.assignment));
      }),
      { numRuns: 200, seed: 1 },
    );
  });
});

describe("greedy baseline", () => {
  test("takes the highest pair first and is not better than the optimum", () => {
    const table = [
      [100, 90],
      [95, 10],
    ];
    const p = {
      menteeCount: 2,
      mentorCount: 2,
      capacity: [1, 1],
      score: (i: number, j: number) => table[i][j],
      mode: "quality" as const,
    };
    const g = greedyAssign(p);
    expect(Array.from(g.assignment)).toEqual([0, 1]);
    expect(g.total).toBe(110);
    expect(solveAssignment(p).total).toBe(185);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const inst = randomInstance(seed);
        const greedy = greedyAssign(toProblem(inst));
        const opt = referenceOptimum(inst)!;
        if (inst.mode === "quality") expect(greedy.total).toBeLessThanOrEqual(opt.total);
        else expect(greedy.matchedCount).toBeLessThanOrEqual(opt.matched);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
