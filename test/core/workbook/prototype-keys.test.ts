/**
 * No prototype pollution (issue 15, item 4): a key row, a header, a setting or an ID spelled
 * «__proto__», «constructor» or «toString» is an ordinary key of the records read from a sheet.
 */
import { noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { decidePairs, matchPairs } from "../../../src/core/usecases/matching";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 8, 10, 9)) };

test("columns named like Object's own properties in the key row are columns, nothing else is", () => {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const grid = wb.grid("Наставники");
  const width = grid[0].length;
  grid[0].push("__proto__", "constructor");
  grid[1].push("Прото", "Конструктор");
  grid.push(Array.from({ length: width + 2 }, (_, i) => (i === 0 ? "Н-1" : i === width ? "x" : "")));
  wb.put("Наставники", grid);
  const t = Table.load(wb, "mentors");
  expect(Object.keys(t.columns)).toEqual(expect.arrayContaining(["__proto__", "constructor"]));
  expect(t.has("toString")).toBe(false);
  expect(t.has("hasOwnProperty")).toBe(false);
  const rec = t.record(0) as unknown as Record<string, unknown>;
  expect(Object.getOwnPropertyDescriptor(rec, "__proto__")?.value).toBe("x");
  expect(rec.id).toBe("Н-1");
  expect(({} as Record<string, unknown>).x).toBeUndefined();
});

// A guard: matching keeps IDs in Maps; an object keyed by ID would lose «__proto__»'s preferences.
test("a mentee and a mentor whose IDs are «__proto__» and «constructor» are matched by their stated preferences", () => {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const mentors = Table.load(wb, "mentors");
  for (const [id, email] of [
    ["constructor", "c@school1.ru"],
    ["Н-2", "m2@school1.ru"],
  ])
    mentors.add({
      id,
      email,
      full_name: id === "constructor" ? "Петров Пётр Петрович" : "Сидоров Сидор Сидорович",
      category: "опытный педагог",
      forms: "учитель – учитель",
      capacity: 1,
      consent_date: new Date(Date.UTC(2026, 8, 2)),
      status: "допущен",
    });
  mentors.flush(wb);
  const mentees = Table.load(wb, "mentees");
  for (const [id, email, name] of [
    ["__proto__", "p@school1.ru", "Иванова Анна Сергеевна"],
    ["НЯ-2", "n2@school1.ru", "Кузнецова Мария Ивановна"],
  ])
    mentees.add({
      id,
      email,
      full_name: name,
      category: "молодой специалист",
      form: "учитель – учитель",
      consent_date: new Date(Date.UTC(2026, 8, 2)),
      status: "ожидает пары",
    });
  mentees.flush(wb);
  const prefs = Table.load(wb, "preferences");
  prefs.add({ email: "p@school1.ru", role: "наставляемый", choice_1: "Сидоров Сидор Сидорович (Н-2)" });
  prefs.add({ email: "n2@school1.ru", role: "наставляемый", choice_1: "Петров Пётр Петрович (constructor)" });
  prefs.add({ email: "m2@school1.ru", role: "наставник", choice_1: "Иванова Анна Сергеевна (__proto__)" });
  prefs.add({ email: "c@school1.ru", role: "наставник", choice_1: "Кузнецова Мария Ивановна (НЯ-2)" });
  prefs.flush(wb);
  matchPairs({ workbook: wb, clock, progress: noProgress });
  decidePairs({ workbook: wb, clock, progress: noProgress }, "approve_all");
  const pairs = Table.load(wb, "pairs")
    .records()
    .map((r) => `${r.values.mentee_id}→${r.values.mentor_id}`)
    .sort();
  expect(pairs).toEqual(["__proto__→Н-2", "НЯ-2→constructor"]);
});
