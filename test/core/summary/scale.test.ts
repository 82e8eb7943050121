/**
 * No limit hidden in a formula (issue 15, item 5): at 12,000 participants (3,000 mentors, 9,000
 * mentees, 7,000 pair rows) «Сводка» and «Показатели» count every row, not rows 3–5000. The
 * figures are checked against a count of the raw rows made here, and every COUNTIFS formula of
 * both sheets is evaluated by this file's own small COUNTIFS over the sheets and must give the
 * value core planned for it; every range reaches past the last data row.
 */
import { utcDate } from "../../../src/core/dates";
import { type Cell, noProgress } from "../../../src/core/ports";
import { planSummary } from "../../../src/core/summary/plan";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 8, 1, 9)) };
const TODAY = utcDate(2026, 11, 20);
const MENTORS = 3000;
const MENTEES = 9000;
const PAIRS = 7000;
const FORMS = ["ученик – ученик", "учитель – учитель", "студент – ученик"];
const MENTEE_STATUS = ["в паре", "ожидает пары", "завершил", "выбыл"];

function bigSchool(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const settings = Table.load(wb, "settings");
  settings.set(settings.find("key", "school_year"), "value", "2026/2027");
  settings.flush(wb);
  const mentors = Table.load(wb, "mentors");
  for (let i = 0; i < MENTORS; i++)
    mentors.add({
      id: `Н-${i + 1}`,
      full_name: `Наставник ${i + 1}`,
      forms: FORMS[i % 3],
      status: i % 5 === 0 ? "кандидат" : "в паре",
    });
  mentors.flush(wb);
  const mentees = Table.load(wb, "mentees");
  for (let i = 0; i < MENTEES; i++)
    mentees.add({
      id: `НЯ-${i + 1}`,
      full_name: `Наставляемый ${i + 1}`,
      category: "обучающийся",
      birth_date: utcDate(2011 - (i % 6), 3, 1),
      form: FORMS[i % 3],
      status: MENTEE_STATUS[i % 4],
    });
  mentees.flush(wb);
  const pairs = Table.load(wb, "pairs");
  for (let i = 0; i < PAIRS; i++)
    pairs.add({
      pair_id: `П-${i + 1}`,
      mentor_id: `Н-${(i % MENTORS) + 1}`,
      mentee_id: `НЯ-${i + 1}`,
      form: FORMS[i % 3],
      status: i % 7 === 6 ? "предложена" : "утверждена",
    });
  pairs.flush(wb);
  return wb;
}

const grids = new Map<string, Cell[][]>();

/** The range's rows of a column of a sheet of the workbook ('Лист'!$C$3:$C$20000). */
function rangeCells(wb: MemoryWorkbook, ref: string): { values: Cell[]; last: number; sheet: string } {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a column range: ${ref}`);
  const sheet = m[1].replace(/''/g, "'");
  const col = [...m[2]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const first = Number(m[3]);
  const last = Number(m[5]);
  const grid = grids.get(sheet) ?? wb.grid(sheet);
  grids.set(sheet, grid);
  const values: Cell[] = [];
  for (let r = first; r <= last; r++) values.push(grid[r - 1]?.[col] ?? "");
  return { values, last, sheet };
}

/** COUNTIFS as the engines compute it, for the criteria these sheets use: "<>", "" and literal text. */
function countifs(wb: MemoryWorkbook, args: string[]): number {
  const pairs: { values: Cell[]; test: (v: Cell) => boolean }[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const crit = JSON.parse(args[i + 1].replace(/""/g, '\\"')) as string;
    const test =
      crit === "<>"
        ? (v: Cell) => v !== ""
        : crit === ""
          ? (v: Cell) => v === ""
          : crit.startsWith("<>")
            ? (v: Cell) => !(typeof v === "string" && v.toLowerCase() === crit.slice(2).toLowerCase())
            : (v: Cell) => typeof v === "string" && v.toLowerCase() === crit.replace(/^=/, "").toLowerCase();
    pairs.push({ values: rangeCells(wb, args[i]).values, test });
  }
  let n = 0;
  for (let r = 0; r < pairs[0].values.length; r++) if (pairs.every((p) => p.test(p.values[r]))) n++;
  return n;
}

/** The arguments of a formula that is one COUNTIFS with plain text criteria, or null. */
function plainCountifs(formula: string): string[] | null {
  const m = /^=?COUNTIFS\((.*)\)$/.exec(formula);
  if (!m) return null;
  const args = m[1].match(/'(?:[^']|'')+'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+|"(?:[^"]|"")*"/g);
  if (!args || args.join(",") !== m[1]) return null;
  for (let i = 1; i < args.length; i += 2) if (/[*?~]|^"[<>=]+[^>"]/.test(args[i])) return null;
  return args;
}

describe("figures past row 5000 (12,000 participants)", () => {
  const wb = bigSchool();
  const plan = planSummary(wb, TODAY);
  const cells = [...plan.sheet.cells, ...plan.indicators.cells];

  test("the figures count every row of the banks and of «Пары»", () => {
    const f = plan.figures;
    expect(f.mentors.total).toBe(MENTORS);
    expect(f.mentees.total).toBe(MENTEES);
    expect(f.mentees.paired).toBe(MENTEES / 4);
    expect(f.mentees.waiting).toBe(MENTEES / 4);
    expect(f.mentors.paired).toBe(MENTORS - MENTORS / 5);
    expect(f.pairs.approved).toBe(PAIRS - PAIRS / 7);
    expect(f.pairs.proposed).toBe(PAIRS / 7);
    expect(f.formsTotal.mentees).toBe(MENTEES);
  });

  test("every range of both sheets reaches below the last data row of its sheet", () => {
    const lastData: Record<string, number> = {};
    for (const name of wb.order) lastData[name] = wb.grid(name).length;
    let ranges = 0;
    for (const c of cells)
      for (const ref of c.formula.match(/'(?:[^']|'')+'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+/g) ?? []) {
        const { last, sheet } = rangeCells(wb, ref);
        expect({ ref, covered: last >= lastData[sheet] }).toEqual({ ref, covered: true });
        ranges++;
      }
    expect(ranges).toBeGreaterThan(100);
    const longest = Math.max(MENTEES, PAIRS) + 2;
    expect(cells.some((c) => c.formula.includes(`$${longest}`) || /\$\d{5}\b/.test(c.formula))).toBe(true);
  });

  test("every COUNTIFS of «Сводка» and «Показатели», evaluated over the sheets, gives core's value", () => {
    let checked = 0;
    let pastRow5000 = 0;
    for (const c of cells) {
      const args = plainCountifs(c.formula);
      if (!args) continue;
      const n = countifs(wb, args);
      expect({ formula: c.formula, value: n }).toEqual({ formula: c.formula, value: c.value });
      checked++;
      if (n > 4998) pastRow5000++;
    }
    expect(checked).toBeGreaterThan(20);
    expect(pastRow5000).toBeGreaterThanOrEqual(3);
  });
});
