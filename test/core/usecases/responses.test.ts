import { utcDate } from "../../../src/core/dates";
import { noProgress } from "../../../src/core/ports";
import { questionnaires } from "../../../src/core/questionnaires/schema";
import { initWorkbook } from "../../../src/core/usecases/init";
import {
  describeResponses,
  feedsMonitoring,
  importResponses,
  type ResponsesPorts,
  takeResponseRows,
} from "../../../src/core/usecases/responses";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { goodMentee, submission } from "../../support/submissions";

const clock = { now: () => new Date(Date.UTC(2026, 10, 20, 9)) };

/** One approved pair: Орлова (mentor) and Смирнова (mentee). */
function school() {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const mentors = Table.load(wb, "mentors");
  mentors.add({
    id: "Н-0001",
    email: "orlova@school.ru",
    full_name: "Орлова Марина Сергеевна",
    status: "в паре",
  });
  mentors.flush(wb);
  const mentees = Table.load(wb, "mentees");
  mentees.add({
    id: "НЯ-0001",
    email: "smirnova@school.ru",
    full_name: "Смирнова Алиса Игоревна",
    status: "в паре",
  });
  mentees.flush(wb);
  const pairs = Table.load(wb, "pairs");
  pairs.add({
    pair_id: "П-0001",
    mentor_id: "Н-0001",
    mentor_name: "Орлова Марина Сергеевна",
    mentee_id: "НЯ-0001",
    mentee_name: "Смирнова Алиса Игоревна",
    form: "учитель – учитель",
    status: "утверждена",
    start_date: utcDate(2026, 10, 1),
  });
  pairs.flush(wb);
  return wb;
}

/** Ports whose step runner counts the steps, as Apps Script wraps each in an edit guard. */
function counted(wb: MemoryWorkbook) {
  const ports: ResponsesPorts = { workbook: wb, clock };
  const steps: number[] = [];
  const step = <T>(fn: (p: ResponsesPorts) => T): T => {
    steps.push(steps.length + 1);
    return fn(ports);
  };
  return { ports, steps, step };
}

const meeting = (email: string, role: string, rating: string) =>
  submission(
    "meeting_feedback",
    email,
    { role, date: "19.11.2026", type: "встреча-знакомство", rating },
    new Date(Date.UTC(2026, 10, 19, 15)),
  );

describe("importResponses: intake, then the monitoring when the answers feed it", () => {
  it("names the questionnaires that feed the monitoring", () => {
    expect(
      questionnaires()
        .filter((q) => feedsMonitoring(q.key))
        .map((q) => q.key),
    ).toEqual([
      "meeting_feedback",
      "mentor_report",
      "entry_mentee",
      "exit_mentee",
      "entry_mentor",
      "exit_mentor",
    ]);
  });

  it("recomputes the monitoring after a meeting feedback that added a row, in a step of its own", () => {
    const wb = school();
    const { ports, steps, step } = counted(wb);
    const outcome = importResponses(
      ports,
      "meeting_feedback",
      [meeting("orlova@school.ru", "наставник", "9")],
      step,
    );
    expect(outcome.intake).toMatchObject({ added: 1, updated: 0 });
    expect(outcome.monitoring?.pairs.map((p) => p.pair.id)).toEqual(["П-0001"]);
    expect(steps).toHaveLength(2);
    expect(Table.load(wb, "pair_activity").records()[0].values).toMatchObject({
      pair_id: "П-0001",
      meetings: 1,
    });
    expect(describeResponses(outcome)).toMatch(
      /^Обратная связь после встречи: добавлено 1, обновлено 0, без изменений 0, отклонено 0\.\nМониторинг 2026\/2027 пересчитан: 1 пара/,
    );
  });

  it("skips the recompute when nothing changed, nothing was accepted or the questionnaire does not feed it", () => {
    const wb = school();
    const first = counted(wb);
    importResponses(first.ports, "meeting_feedback", [meeting("orlova@school.ru", "наставник", "9")]);
    const again = counted(wb);
    const same = importResponses(
      again.ports,
      "meeting_feedback",
      [meeting("orlova@school.ru", "наставник", "9")],
      again.step,
    );
    expect(same).toMatchObject({ intake: { unchanged: 1 }, monitoring: null });
    expect(again.steps).toHaveLength(1);
    expect(describeResponses(same)).not.toContain("Мониторинг");

    const stranger = importResponses(first.ports, "meeting_feedback", [
      meeting("nobody@school.ru", "наставник", "9"),
    ]);
    expect(stranger).toMatchObject({ intake: { rejected: 1 }, monitoring: null });

    const bank = importResponses(first.ports, "mentee", [submission("mentee", "new@school.ru", goodMentee)]);
    expect(bank).toMatchObject({ intake: { added: 1 }, monitoring: null });
  });

  it("takes the rows of a linked response sheet only (the submit trigger)", () => {
    const wb = school();
    const { ports, steps, step } = counted(wb);
    expect(takeResponseRows(ports, "Лист1", ["Отметка времени"], [[clock.now()]], 2, step)).toBeNull();
    expect(steps).toEqual([]);
  });
});
