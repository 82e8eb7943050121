/**
 * A curator types into the workbook whenever they like — also between an operation's read of a
 * sheet and its write back. Every menu action and the submit trigger run behind the edit guard
 * (src/gas/context.ts withEditGuard): the write over changed cells is refused and the operation
 * runs again on fresh reads, so nothing the curator typed is overwritten and no row is lost.
 */
import { sampleSchool } from "../../src/demo/sample";
import type { LoadedBundle } from "../support/gas";
import { fillBanks, MENTEE_FORM, menteeAnswers, readHook, records, setupSchool } from "../support/school";

function setup() {
  const school = setupSchool();
  fillBanks(
    school.fake,
    sampleSchool(new Date(Date.UTC(2026, 10, 22)), 20260901, { mentors: 12, mentees: 30 }),
  );
  return school;
}

const table = records;
const hook = readHook();

/** The curator's hand: runs once, right after the first read of `sheet` by the program. */
function onFirstRead(sheet: string, edit: () => void): string[] {
  const done: string[] = [];
  hook.on = (name) => {
    if (name !== sheet || done.length > 0) return;
    done.push(sheet);
    edit();
  };
  return done;
}

/** Types a value into the cell of `key` on the data row whose `idKey` is `id`. */
function type(fake: LoadedBundle, sheet: string, idKey: string, id: string, key: string, value: string) {
  const s = fake.sheet(sheet);
  const keys = s.row(1).map(String);
  const row = s.values().findIndex((r) => r[keys.indexOf(idKey)] === id);
  expect(row).toBeGreaterThanOrEqual(2);
  s.setValues(`${String.fromCharCode(65 + keys.indexOf(key))}${row + 1}`, [[value]]);
}

describe("a curator's edit during an operation is never overwritten", () => {
  it("«Подобрать пары»: a comment typed into a mentee's row and a pair row added by hand stay", () => {
    const { fake } = setup();
    // Matching reads «Пары» first, then the banks: the curator adds a pair row right after the
    // read of «Пары» and types a comment into a mentee's row right after the read of the mentees.
    const done: string[] = [];
    hook.on = (name) => {
      if (done.includes(name)) return;
      if (name === "Пары") {
        done.push(name);
        const s = fake.sheet("Пары");
        const keys = s.row(1).map(String);
        s.setValues(`A${Math.max(s.lastRow, 2) + 1}`, [
          keys.map((k) =>
            k === "pair_id" ? "П-9999" : k === "status" ? "запрещена" : k === "comment" ? "куратор" : "",
          ),
        ]);
      }
      if (name === "Наставляемые") {
        done.push(name);
        type(fake, "Наставляемые", "id", "НЯ-0003", "comment", "звонила мама, просит позже");
      }
    };
    fake.call("menuMatchPairs");
    hook.on = null;
    expect(done).toEqual(["Пары", "Наставляемые"]);
    expect(fake.state.alerts).toEqual([]);
    expect(fake.state.toasts.at(-1)?.message).toContain("Подбор пар");

    const bank = table(fake, "Наставляемые");
    expect(bank.find((m) => m.id === "НЯ-0003")?.comment).toBe("звонила мама, просит позже");
    expect(bank.filter((m) => String(m.match_note) !== "").length).toBeGreaterThan(20);
    const rows = table(fake, "Пары");
    expect(rows.filter((p) => p.pair_id === "П-9999")).toEqual([
      expect.objectContaining({ status: "запрещена", comment: "куратор" }),
    ]);
    const ids = rows.map((p) => String(p.pair_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows.filter((p) => p.status === "предложена").length).toBeGreaterThan(5);
  });

  it("«Утвердить пары»: a comment typed into a proposal stays, and the pair is approved", () => {
    const { fake } = setup();
    fake.call("menuMatchPairs");
    const target = String(table(fake, "Пары")[0].pair_id);
    const done = onFirstRead("Пары", () =>
      type(fake, "Пары", "pair_id", target, "comment", "обсудить с психологом"),
    );
    fake.call("menuApprovePairs");
    expect(done).toEqual(["Пары"]);
    // Only the question «Утвердить все (N)?», answered «Да», asked once though the action ran twice.
    expect(fake.state.alerts.map((a) => a.title)).toEqual([
      expect.stringMatching(/^Утвердить все \(\d+\)\?$/),
    ]);
    const pair = table(fake, "Пары").find((p) => p.pair_id === target);
    expect(pair).toEqual(expect.objectContaining({ status: "утверждена", comment: "обсудить с психологом" }));
  });

  it("a submission updating a mentee: the comment the curator typed into that row meanwhile stays", () => {
    const { fake, forms } = setup();
    const person = table(fake, "Наставляемые")[4];
    const done = onFirstRead("Наставляемые", () =>
      type(fake, "Наставляемые", "id", String(person.id), "comment", "перевёлся из 6Б"),
    );
    forms.submit(MENTEE_FORM, {
      email: String(person.email),
      at: new Date(Date.UTC(2026, 10, 22, 12)),
      answers: menteeAnswers(String(person.full_name), "7В"),
    });
    expect(done).toEqual(["Наставляемые"]);
    const rows = table(fake, "Наставляемые").filter((m) => m.email === person.email);
    expect(rows).toEqual([expect.objectContaining({ class: "7В", comment: "перевёлся из 6Б" })]);
    expect(table(fake, "Журнал").filter((l) => l.level === "ошибка")).toEqual([]);
  });
});
