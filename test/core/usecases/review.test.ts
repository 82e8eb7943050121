import { noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { decidePairs, matchPairs } from "../../../src/core/usecases/matching";
import { placesTaken, placesText, reasonOf, reviewView } from "../../../src/core/usecases/review";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };
const ports = (wb: MemoryWorkbook) => ({ workbook: wb, clock, progress: noProgress });

function matched() {
  const wb = new MemoryWorkbook();
  initWorkbook(ports(wb));
  seedSampleSchool(wb, sampleSchool(clock.now()), noProgress);
  matchPairs(ports(wb));
  return wb;
}

const statusOf = (wb: MemoryWorkbook, id: string) => {
  const t = Table.load(wb, "pairs");
  const row = t.find("pair_id", id);
  return { status: t.get(row, "status"), locked: t.get(row, "locked") };
};

describe("the short reason of a pair", () => {
  it("says how good a choice the mentor is and what matched, and keeps every detail", () => {
    const r = reasonOf(
      "Наставник — Кузнецов А.С. (балл 70), 5-й по баллу из 18 возможных. Первый выбор — Орлова С.С. (балл 85): у наставника нет свободных мест; такая пара снизила бы общий балл на 5. Баллы: предмет 0 из 20; запросы и компетенции 30 из 30; интересы 6,7 из 10; возрастная группа 15 из 15; время 10 из 10; ролевая модель 15 из 15; предпочтение 0 из 20; взаимное предпочтение 0 из 30.",
    );
    expect(r.reason).toBe(
      "5-й из 18 подходящих, у лучших нет мест; совпали: запросы, возраст, время, ролевая модель",
    );
    expect(r.details).toEqual([
      "Наставник — Кузнецов А.С. (балл 70), 5-й по баллу из 18 возможных.",
      "Первый выбор — Орлова С.С. (балл 85): у наставника нет свободных мест; такая пара снизила бы общий балл на 5.",
      "предмет: 0 из 20",
      "запросы и компетенции: 30 из 30",
      "интересы: 6,7 из 10",
      "возрастная группа: 15 из 15",
      "время: 10 из 10",
      "ролевая модель: 15 из 15",
      "предпочтение: 0 из 20",
      "взаимное предпочтение: 0 из 30",
    ]);
  });

  it("words the first choice, the only mentor, and text typed by hand", () => {
    expect(
      reasonOf("Наставник — П. (балл 65): первый выбор из 3 возможных. Баллы: предмет 20 из 20.").reason,
    ).toBe("Лучший из 3 подходящих; совпали: предмет");
    expect(reasonOf("Наставник — П. (балл 40): единственный возможный.").reason).toBe(
      "Единственный подходящий",
    );
    expect(reasonOf("Выбрана куратором вручную").reason).toBe("Выбрана куратором вручную");
    expect(reasonOf("").reason).toBe("Обоснование не записано");
  });
});

describe("the review sidebar's view", () => {
  it("lists the proposals weakest first with «из 100», short reasons and each mentor's places", () => {
    const wb = matched();
    const view = reviewView(wb);
    const proposed = Table.load(wb, "pairs")
      .records()
      .filter((r) => r.values.status === "предложена");
    expect(view.cards).toHaveLength(proposed.length);
    const scores = view.cards.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(view.cards.every((c) => c.scoreMax === 100)).toBe(true);
    expect(view.cards.every((c) => c.reason.length > 0 && c.reason.length < 120)).toBe(true);
    expect(view.cards.every((c) => c.details.some((d) => d.startsWith("предмет:")))).toBe(true);
    expect(view.forms.length).toBeGreaterThan(1);
    for (const m of view.mentors) {
      const taken = proposed.filter((r) => r.values.mentor_id === m.id).length;
      expect(m.taken).toBe(taken);
      expect(m.taken).toBeLessThanOrEqual(m.capacity);
    }
    expect(placesText({ taken: 2, capacity: 2 })).toBe("занято 2 из 2");
  });
});

describe("the curator's decisions on one pair", () => {
  it("rejects, restores, keeps at re-matching and forbids", () => {
    const wb = matched();
    const [a, b] = reviewView(wb).cards;
    expect(decidePairs(ports(wb), [{ pairId: a.pairId, decision: "reject" }])).toBe("Пары: отклонено 1.");
    expect(reviewView(wb).cards.find((c) => c.pairId === a.pairId)?.status).toBe("отклонена");
    expect(decidePairs(ports(wb), [{ pairId: a.pairId, decision: "restore" }])).toBe(
      "Пары: возвращено в предложенные 1.",
    );
    expect(statusOf(wb, a.pairId).status).toBe("предложена");
    expect(decidePairs(ports(wb), [{ pairId: b.pairId, decision: "lock" }])).toBe(
      "Пары: не менять при переподборе: 1.",
    );
    expect(reviewView(wb).cards.find((c) => c.pairId === b.pairId)?.keep).toBe(true);
    expect(decidePairs(ports(wb), [{ pairId: b.pairId, decision: "forbid" }])).toBe("Пары: запрещено 1.");
    expect(statusOf(wb, b.pairId)).toEqual({ status: "запрещена", locked: "нет" });
    expect(reviewView(wb).cards.some((c) => c.pairId === b.pairId)).toBe(false);
    // A forbidden pair is never proposed again.
    const t = Table.load(wb, "pairs");
    const row = t.find("pair_id", b.pairId);
    const [mentor, mentee] = [t.get(row, "mentor_id"), t.get(row, "mentee_id")];
    matchPairs(ports(wb));
    const again = Table.load(wb, "pairs")
      .records()
      .filter((r) => r.values.mentor_id === mentor && r.values.mentee_id === mentee);
    expect(again.map((r) => r.values.status)).toEqual(["запрещена"]);
  });

  it("refuses to restore a pair whose mentee has another pair, naming it", () => {
    const wb = matched();
    const [a] = reviewView(wb).cards;
    decidePairs(ports(wb), [{ pairId: a.pairId, decision: "reject" }]);
    matchPairs(ports(wb));
    const other = Table.load(wb, "pairs")
      .records()
      .find((r) => r.values.mentee_id === a.menteeId && r.values.status === "предложена");
    expect(other).toBeDefined();
    expect(() => decidePairs(ports(wb), [{ pairId: a.pairId, decision: "restore" }])).toThrow(
      `Пару ${a.pairId} нельзя вернуть: у наставляемого ${a.mentee} уже есть пара ${other?.values.pair_id}.`,
    );
    expect(statusOf(wb, a.pairId).status).toBe("отклонена");
  });

  it("refuses to restore a pair whose mentor has no free place", () => {
    const wb = matched();
    const view = reviewView(wb);
    const full = view.mentors.find((m) => m.taken === m.capacity)!;
    const a = view.cards.find((c) => c.mentorId === full.id)!;
    decidePairs(ports(wb), [{ pairId: a.pairId, decision: "reject" }]);
    // Another pair takes the freed place: a proposal of the same mentor for someone without one.
    const pairs = Table.load(wb, "pairs");
    pairs.add({ pair_id: "П-9001", mentor_id: full.id, mentee_id: "НЯ-9999", status: "утверждена" });
    pairs.flush(wb);
    expect(() => decidePairs(ports(wb), [{ pairId: a.pairId, decision: "restore" }])).toThrow(
      `у наставника ${a.mentor} заняты все места (${full.capacity})`,
    );
  });

  it("names an unknown pair and a pair already decided", () => {
    const wb = matched();
    const [a] = reviewView(wb).cards;
    expect(() => decidePairs(ports(wb), [{ pairId: "П-9999", decision: "approve" }])).toThrow(
      "Нет пары П-9999 на листе «Пары».",
    );
    decidePairs(ports(wb), [{ pairId: a.pairId, decision: "approve" }]);
    expect(() => decidePairs(ports(wb), [{ pairId: a.pairId, decision: "reject" }])).toThrow(
      `Пара ${a.pairId} уже утверждена: действие не выполнено.`,
    );
  });
});

describe("a mentor's places after a full re-match", () => {
  const pairStatuses = (wb: MemoryWorkbook) => {
    const byMentee = new Map<string, string[]>();
    for (const { values } of Table.load(wb, "pairs").records()) {
      const k = String(values.mentee_id);
      byMentee.set(k, [...(byMentee.get(k) ?? []), String(values.status)]);
    }
    return byMentee;
  };

  it("counts each mentee once, never more places than the mentor has", () => {
    const wb = matched();
    decidePairs(ports(wb), "approve_all");
    // A mentor leaves, so the full re-match has proposals to review beside the approved pairs.
    const mentors = Table.load(wb, "mentors");
    const leaving = String(Table.load(wb, "pairs").get(0, "mentor_id"));
    mentors.set(mentors.find("id", leaving), "status", "выбыл");
    mentors.flush(wb);
    matchPairs(ports(wb), { full: true });
    const view = reviewView(wb);
    const capacity = new Map(
      Table.load(wb, "mentors")
        .records()
        .map((r) => [String(r.values.id), Number(r.values.capacity) || 1]),
    );
    expect(view.cards.length).toBeGreaterThan(0);
    expect(view.mentors.length).toBeGreaterThan(0);
    for (const m of view.mentors) expect(m.taken).toBeLessThanOrEqual(capacity.get(m.id)!);
    // Every mentee has one pair in force or proposed, not an approved one and its copy.
    for (const [, statuses] of pairStatuses(wb)) {
      const live = statuses.filter((s) => s === "предложена" || s === "утверждена");
      expect(live.length).toBeLessThanOrEqual(2);
      if (live.length === 2) expect(live.sort()).toEqual(["предложена", "утверждена"]);
    }
  });

  it("counts a proposal in place of the same mentee's approved pair, not beside it", () => {
    const row = (pair: string, mentor: string, mentee: string, status: string) => ({
      values: { pair_id: pair, mentor_id: mentor, mentee_id: mentee, status },
    });
    const taken = placesTaken([
      row("П-1", "Н-1", "НЯ-1", "утверждена"),
      row("П-2", "Н-1", "НЯ-1", "предложена"), // the same pair proposed again: one place
      row("П-3", "Н-1", "НЯ-2", "утверждена"),
      row("П-4", "Н-2", "НЯ-2", "предложена"), // moved to another mentor: Н-1's place is free
      row("П-5", "Н-2", "НЯ-3", "отклонена"),
      row("П-6", "Н-2", "НЯ-4", "завершена"),
    ]);
    expect(Object.fromEntries(taken)).toEqual({ "Н-1": 1, "Н-2": 1 });
  });

  it("keeps an approved pair the re-match chose again, and ends one it replaced on approval", () => {
    const wb = matched();
    decidePairs(ports(wb), "approve_all");
    const before = Table.load(wb, "pairs").records().length;
    const report = matchPairs(ports(wb), { full: true });
    expect(report.confirmed).toBe(before);
    expect(report.proposed).toBe(0);
    expect(Table.load(wb, "pairs").records().length).toBe(before);

    // A mentor leaves: their mentees are proposed to others; approving ends the old pairs.
    const mentors = Table.load(wb, "mentors");
    const pairs = Table.load(wb, "pairs");
    const leaving = String(pairs.get(0, "mentor_id"));
    const theirMentees = pairs
      .records()
      .filter((r) => r.values.mentor_id === leaving)
      .map((r) => String(r.values.mentee_id));
    mentors.set(mentors.find("id", leaving), "capacity", 0);
    mentors.set(mentors.find("id", leaving), "status", "выбыл");
    mentors.flush(wb);
    const again = matchPairs(ports(wb), { full: true });
    expect(again.proposed).toBeGreaterThan(0);
    const view = reviewView(wb);
    for (const m of view.mentors) expect(m.taken).toBeLessThanOrEqual(m.capacity);
    expect(view.mentors.some((m) => m.id === leaving)).toBe(false);
    const message = decidePairs(ports(wb), "approve_all");
    expect(message).toMatch(/завершено прежних пар, заменённых новыми, \d+/);
    for (const mentee of theirMentees) {
      const statuses = pairStatuses(wb).get(mentee)!;
      expect(statuses.filter((s) => s === "утверждена").length).toBeLessThanOrEqual(1);
    }
    for (const [, statuses] of pairStatuses(wb))
      expect(statuses.filter((s) => s === "утверждена").length).toBeLessThanOrEqual(1);
  });
});
