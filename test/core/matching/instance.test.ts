import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  MatchingInstanceError,
  parseMatchingInstance,
  scoreMatrix,
  solveInstance,
} from "../../../src/core/matching/instance";

const example = JSON.parse(
  readFileSync(join(__dirname, "../../../docs/examples/matching-instance.json"), "utf8"),
);

describe("JSON instance", () => {
  test("the documented example solves, certified, with explanations in Russian", () => {
    const out = solveInstance(example);
    expect(out.certified).toBe(true);
    expect(out.total).toBe(482);
    expect(out.matchedCount).toBe(6);
    const byMentee = new Map(out.assignment.map((p) => [p.mentee, p]));
    expect(byMentee.get("T1")).toMatchObject({ mentor: "M4", locked: true });
    expect(byMentee.get("S3")?.mentor).not.toBe("M1"); // forbidden
    expect(byMentee.get("S6")?.explanation).toBe(
      "Наставник — Сидорова Е.В. (балл 72), 2-й по баллу из 2 возможных. Первый выбор — Иванова А.А. " +
        "(балл 85): у наставника нет свободных мест; такая пара ухудшила бы подбор для других: сумма баллов всех пар стала бы меньше на 4.",
    );
    expect(out.unmatched.map((u) => [u.mentee, u.reason])).toEqual([
      ["S5", "below_threshold"],
      ["T2", "all_full"],
    ]);
    expect(out.blockingPairs).toBe(0);
  });

  test("modes: «максимум участников» and «устойчивое»", () => {
    const mp = solveInstance({ ...example, mode: "max_participants" });
    expect(mp.certified).toBe(true);
    expect(mp.matchedCount).toBe(6);
    const stable = solveInstance({ ...example, stable: true });
    expect(stable.stable).toBe(true);
    expect(stable.certified).toBe(false);
    expect(stable.blockingPairs).toBe(0);
    expect(stable.optimum).toEqual({ total: 482, matchedCount: 6, certified: true });
    expect(stable.total).toBeLessThanOrEqual(482);
  });

  test("the matrix lists every feasible pair except the forbidden ones", () => {
    const mat = scoreMatrix(example);
    expect(mat.pairs.length).toBe(example.scores.length - example.forbidden.length);
    expect(mat.pairs.some((p) => p.mentee === "S3" && p.mentor === "M1")).toBe(false);
    expect(mat.pairs.find((p) => p.mentee === "S5" && p.mentor === "M2")).toEqual({
      mentee: "S5",
      mentor: "M2",
      score: 35,
      allowed: false,
    });
    expect(mat.mentors[0]).toEqual({ id: "M1", capacity: 2 });
  });

  test("invalid instances are rejected with Russian messages", () => {
    const bad = (patch: Record<string, unknown>): string[] => {
      try {
        parseMatchingInstance({ ...example, ...patch });
      } catch (e) {
        expect(e).toBeInstanceOf(MatchingInstanceError);
        return (e as MatchingInstanceError).issues;
      }
      throw new Error("accepted");
    };
    expect(bad({ mode: "best" })[0]).toMatch(/^mode: /);
    expect(bad({ extra: 1 })[0]).toMatch(/Нераспознанный ключ/);
    expect(bad({ scores: [{ mentee: "S1", mentor: "M1", score: 1.5 }] })[0]).toMatch(/^scores\[0\]\.score/);
    expect(bad({ locked: [["S9", "M1"]] })).toEqual(["locked[0]: нет наставляемого «S9»"]);
    expect(bad({ locked: [["S3", "M1"]] })).toEqual(["locked[0]: пара «S3» — «M1» одновременно запрещена"]);
    expect(
      bad({
        locked: [
          ["S1", "M2"],
          ["S4", "M2"],
        ],
      }),
    ).toEqual(["за наставником «M2» закреплено 2, а мест 1"]);
    expect(bad({ scores: [...example.scores, example.scores[0]] })[0]).toMatch(/указана дважды/);
    expect(bad({ mentors: [...example.mentors, example.mentors[0]] })[0]).toMatch(/указан дважды/);
  });
});
