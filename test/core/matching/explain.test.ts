import fc from "fast-check";
import { explainAll, explainInRussian, explainMentee } from "../../../src/core/matching/explain";
import { solveAssignment } from "../../../src/core/matching/solver";
import { randomInstance, referenceOptimum, toProblem } from "../../support/matching-reference";

describe("explanations", () => {
  test("«it would lower the total by N» equals optimum − optimum with the pair forced (brute force)", () => {
    let checked = 0;
    let addedByExplanations = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (seed, sparse) => {
        const inst = randomInstance(seed, sparse ? 12 : 8, sparse ? 6 : 5);
        // Sparse: one candidate per mentee, so the explanation's own check of left-out pairs has work.
        const r = solveAssignment(
          toProblem(inst),
          sparse ? { denseLimit: 0, candidatesPerMentee: 1, mentorCandidates: false } : {},
        );
        expect(r.certified).toBe(true);
        const opt = referenceOptimum(inst)!;
        for (const e of explainAll(r)) {
          const target =
            e.whyNotFirst?.code === "full" ? e.firstChoice : e.bestAllowed ? e.bestAllowed.mentor : -1;
          const loss =
            e.whyNotFirst?.code === "full" ? e.whyNotFirst.loss : e.bestAllowed ? e.bestAllowed.loss : null;
          if (target < 0) continue;
          const forced = referenceOptimum(inst, [e.mentee, target]);
          if (forced === null) {
            expect(loss).toBeNull();
            continue;
          }
          expect(loss).not.toBeNull();
          expect(loss!.scoreLoss).toBe(opt.total - forced.total);
          if (inst.mode === "max_participants") expect(loss!.matchedLoss).toBe(opt.matched - forced.matched);
          checked++;
        }
        addedByExplanations += r.state.explainAddedEdges;
      }),
      { numRuns: 400, seed: 31337 },
    );
    expect(checked).toBeGreaterThan(200);
    expect(addedByExplanations).toBeGreaterThan(0);
  });

  test("rank, first choice and the reasons of unmatched mentees", () => {
    // Mentors: 0 (1 slot), 1 (1 slot), 2 (0 slots). Mentee 3 has no feasible mentor at all.
    const table = [
      [90, 70, null],
      [95, 60, null],
      [30, 20, 99],
      [null, null, null],
      [10, 15, null],
    ];
    const problem = {
      menteeCount: 5,
      mentorCount: 3,
      capacity: [1, 1, 0],
      score: (i: number, j: number) => table[i][j],
      mode: "quality" as const,
      threshold: 40,
    };
    const r = solveAssignment(problem);
    expect(Array.from(r.assignment)).toEqual([1, 0, -1, -1, -1]);
    const e0 = explainMentee(r, 0);
    expect(e0.rank).toBe(2);
    expect(e0.options).toBe(2);
    expect(e0.firstChoice).toBe(0);
    expect(e0.whyNotFirst).toEqual({
      code: "full",
      loss: { scoreLoss: 15, matchedLoss: 0 },
      slots: "taken",
    });
    const e1 = explainMentee(r, 1);
    expect(e1.gotFirstChoice).toBe(true);
    expect(e1.rank).toBe(1);
    const e2 = explainMentee(r, 2);
    expect(e2.unmatchedReason).toBe("all_full"); // mentor 2 (99) has no slot at all
    expect(explainMentee(r, 3).unmatchedReason).toBe("no_mentor_of_form");
    expect(explainMentee(r, 4).unmatchedReason).toBe("below_threshold");
    const names = { mentor: (j: number) => ["Иванова А.А.", "Петров П.П.", "Сидорова Е.В."][j] };
    const ctx = { mode: "quality" as const, threshold: 40 };
    expect(explainInRussian(e0, names, ctx)).toBe(
      "Наставник — Петров П.П. (балл 70), 2-й по баллу из 2 возможных. " +
        "Первый выбор — Иванова А.А. (балл 90): у наставника нет свободных мест; " +
        "такая пара ухудшила бы подбор для других: сумма баллов всех пар стала бы меньше на 15.",
    );
    expect(explainInRussian(e1, names, ctx)).toBe(
      "Наставник — Иванова А.А. (балл 95): первый выбор из 2 возможных.",
    );
    expect(explainInRussian(explainMentee(r, 3), names, ctx)).toMatch(/^Без пары: нет ни одного подходящего/);
    expect(explainInRussian(explainMentee(r, 4), names, ctx)).toBe(
      "Без пары: все возможные пары ниже порога качества 40 (лучшая — Петров П.П., балл 15).",
    );
    expect(explainInRussian(e2, names, ctx)).toMatch(/^Без пары: все подходящие наставники заняты\./);
  });

  test("«максимум участников»: the loss counts the participants left without a pair", () => {
    // Mentee 0 could take mentor 0 (its first choice), but then mentee 1 (only mentor 0) is left out.
    const table = [
      [90, 50],
      [60, null],
    ];
    const r = solveAssignment({
      menteeCount: 2,
      mentorCount: 2,
      capacity: [1, 1],
      score: (i, j) => table[i][j],
      mode: "max_participants",
    });
    expect(Array.from(r.assignment)).toEqual([1, 0]);
    const e = explainMentee(r, 0);
    expect(e.whyNotFirst).toEqual({
      code: "full",
      loss: { scoreLoss: 20, matchedLoss: 1 },
      slots: "taken",
    });
    const text = explainInRussian(e, { mentor: (j) => `M${j}` }, { mode: "max_participants" });
    expect(text).toContain("оставила бы без наставника ещё 1 участника");
    expect(text).toContain("а сумма баллов всех пар стала бы меньше на 20");
  });

  test("a first choice whose slots are all locked", () => {
    const r = solveAssignment({
      menteeCount: 2,
      mentorCount: 2,
      capacity: [1, 1],
      score: (_i, j) => (j === 0 ? 80 : 50),
      locked: [[1, 0]],
      mode: "quality",
    });
    const e = explainMentee(r, 0);
    expect(e.whyNotFirst).toEqual({ code: "full", slots: "locked", loss: null });
    expect(explainInRussian(e, { mentor: (j) => `M${j}` }, { mode: "quality" })).toContain(
      "все заняты парами, которые куратор велел не менять при переподборе",
    );
    expect(explainInRussian(explainMentee(r, 1), { mentor: (j) => `M${j}` }, { mode: "quality" })).toBe(
      "Пара не меняется при переподборе по решению куратора: M0 (балл 80).",
    );
  });
});
