/**
 * The fixed corpus of hostile input (test/fixtures/hostile): every string through every entry,
 * every nasty matching instance, the hostile CSV and roadmap paste, and the counterexamples the
 * property tests found. Deterministic: a regression shows here first.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cellBool, cellDate, cellNumber } from "../../../src/core/cells";
import { MatchingInstanceError, solveInstance } from "../../../src/core/matching/instance";
import { type Cell, noProgress } from "../../../src/core/ports";
import { parsePastedRoadmap, parseRoadmapGrid } from "../../../src/core/roadmap/paste";
import { parseEmails, readSettings } from "../../../src/core/settings";
import { initWorkbook } from "../../../src/core/usecases/init";
import { intakeSubmissions } from "../../../src/core/usecases/intake";
import { matchPairs } from "../../../src/core/usecases/matching";
import { recomputeMonitoring } from "../../../src/core/usecases/monitoring";
import { importRoadmapText } from "../../../src/core/usecases/roadmap";
import { Table } from "../../../src/core/workbook/table";
import { ImportError, parseCsvExport } from "../../../src/offline/import";
import { CORPUS, RUSSIAN } from "../../support/fuzz";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { submission } from "../../support/submissions";

const dir = join(__dirname, "../../fixtures/hostile");
const json = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8"));
const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

function fresh(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  return wb;
}

const mentee = {
  full_name: "Смирнова Алиса",
  category: "обучающийся",
  class: "7Б",
  form: "ученик – ученик",
  requests: "Повышение успеваемости",
  consent: "Согласен(на)",
  guardian_name: "Смирнова Ольга",
  guardian_consent: "Согласен(на)",
};

describe(`the hostile corpus: ${CORPUS.length} strings through every entry`, () => {
  it("as free text of a questionnaire: accepted and stored exactly (trimmed), or rejected in Russian", () => {
    const wb = fresh();
    const subs = CORPUS.map((s, i) =>
      submission("mentee", `p${i}@school1.ru`, { ...mentee, full_name: s, request_details: s }),
    );
    const r = intakeSubmissions({ workbook: wb, clock }, "mentee", subs);
    expect(r.results).toHaveLength(CORPUS.length);
    const bank = Table.load(wb, "mentees")
      .records()
      .map((x) => x.values);
    r.results.forEach((res, i) => {
      if (res.outcome === "rejected") for (const m of res.messages) expect(m).toMatch(RUSSIAN);
      else expect(bank.find((b) => b.email === `p${i}@school1.ru`)?.full_name).toBe(CORPUS[i].trim());
    });
    expect(wb.formulas.size).toBe(0);
  });

  it("as every choice, number, date and e-mail answer: a Russian rejection or a value of the list", () => {
    const wb = fresh();
    const subs = CORPUS.flatMap((s, i) => [
      submission("mentee", `a${i}@school1.ru`, { ...mentee, form: s, birth_date: s }),
      submission("mentor", `b${i}@school1.ru`, {
        full_name: "Орлова",
        category: s,
        forms: s,
        capacity: s,
        consent: s,
      }),
      submission("exit_mentee", `c${i}@school1.ru`, { full_name: "Ким", satisfaction: s, would_continue: s }),
      { ...submission("mentee", "x@y.ru", mentee), email: s },
    ]);
    for (const [form, list] of [
      ["mentee", subs.filter((_, k) => k % 4 === 0 || k % 4 === 3)],
      ["mentor", subs.filter((_, k) => k % 4 === 1)],
      ["exit_mentee", subs.filter((_, k) => k % 4 === 2)],
    ] as const) {
      const r = intakeSubmissions({ workbook: wb, clock }, form, list);
      for (const res of r.results) for (const m of res.messages) expect(m).toMatch(RUSSIAN);
    }
    expect(wb.formulas.size).toBe(0);
  });

  it("as a cell of «Настройки» and of a bank: init keeps it, settings read it or warn in Russian, matching and monitoring run", () => {
    const wb = fresh();
    const settings = Table.load(wb, "settings");
    const keys = [
      "school_year",
      "program_start",
      "curator_editors",
      "meetings_per_month",
      "require_training",
      "match_mode",
      "weight_subject",
      "time_zone",
    ];
    for (const [i, s] of CORPUS.entries())
      settings.set(settings.find("key", keys[i % keys.length]), "value", s);
    settings.flush(wb);
    const mentees = Table.load(wb, "mentees");
    for (const [i, s] of CORPUS.entries())
      mentees.add({
        id: s,
        email: `p${i}@school1.ru`,
        full_name: s,
        birth_date: s,
        form: s,
        status: s,
        consent_date: s,
      });
    mentees.flush(wb);
    initWorkbook({ workbook: wb, clock, progress: noProgress });
    const s = readSettings(wb, { today: clock.now() });
    for (const w of s.warnings) expect(w).toMatch(RUSSIAN);
    for (const v of CORPUS) {
      cellNumber(v);
      cellDate(v);
      cellBool(v);
      parseEmails(v);
    }
    matchPairs({ workbook: wb, clock, progress: noProgress });
    recomputeMonitoring({ workbook: wb, clock, progress: noProgress });
    expect(Table.load(wb, "mentees").records()).toHaveLength(CORPUS.length);
    expect(wb.formulas.size).toBe(0);
  });

  it("as cells of a CSV export and of a pasted roadmap: read as text, never a crash", () => {
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const csv = [
      ["Отметка времени", "Адрес электронной почты", "ФИО"].map(q).join(","),
      ...CORPUS.map((s, i) =>
        [`01.09.2026 10:00:${String(i % 60).padStart(2, "0")}`, `p${i}@school1.ru`, s].map(q).join(","),
      ),
    ].join("\n");
    try {
      const r = parseCsvExport(new TextEncoder().encode(csv.split("\u0000").join("")), "ответы.csv");
      const skipped = r.warnings.filter((w) => /нет ни одного ответа/.test(w)).length;
      expect(r.submissions.length + skipped).toBe(CORPUS.length);
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      expect((e as Error).message).toMatch(RUSSIAN);
    }
    const grid: Cell[][] = [
      ["№", "Мероприятие", "Срок", "Ответственный", "Результат"],
      ...CORPUS.map((s, i) => [String(i + 1), s, s, s, s]),
    ];
    const parsed = parseRoadmapGrid(grid);
    for (const w of parsed.warnings) expect(w).toMatch(RUSSIAN);
    parsePastedRoadmap(CORPUS.join("\t"));
  });
});

describe("the hostile files", () => {
  const instances: { note: string; input: unknown; knownDefect?: string }[] =
    json("instances.json").instances;
  it("every nasty matching instance: an answer or a Russian refusal", () => {
    for (const { note, input: raw } of instances.filter((x) => !x.knownDefect)) {
      const input = raw as { mentees?: unknown[] };
      try {
        const out = solveInstance(input);
        expect([note, out.assignment.length + out.unmatched.length]).toEqual([
          note,
          (input.mentees ?? []).length,
        ]);
      } catch (e) {
        expect([note, e instanceof MatchingInstanceError]).toEqual([note, true]);
        expect((e as Error).message).toMatch(RUSSIAN);
      }
    }
  });
  // Defects the corpus found, now fixed: they stay as ordinary tests.
  for (const { note, input, knownDefect } of instances.filter((x) => x.knownDefect))
    it(`fixed defect: ${note} — ${knownDefect}`, () => {
      try {
        solveInstance(input);
      } catch (e) {
        expect(e).toBeInstanceOf(MatchingInstanceError);
      }
    });

  it("the hostile Excel-RU CSV: every row a submission or a warning, formulas as text", () => {
    const r = parseCsvExport(readFileSync(join(dir, "answers-excel-ru.csv")), "answers-excel-ru.csv");
    expect(r.submissions.map((s) => s.answers.ФИО)).toEqual([
      '=HYPERLINK("http://evil.example";"Нажмите")',
      "+7 (912) 000-00-00",
      "'уже с апострофом",
    ]);
    expect(r.warnings.some((w) => /нет ни одного ответа/.test(w))).toBe(true);
    expect(r.warnings.some((w) => /не удалось прочитать время отправки «не время»/.test(w))).toBe(true);
  });

  it("the hostile roadmap paste: imported without a formula, warnings in Russian", () => {
    const wb = fresh();
    const r = importRoadmapText(
      { workbook: wb, clock },
      readFileSync(join(dir, "roadmap-paste.txt"), "utf8"),
      "вставка",
    );
    for (const w of r.warnings) expect(w).toMatch(RUSSIAN);
    expect(wb.formulas.size).toBe(0);
    const events = Table.load(wb, "roadmap")
      .records()
      .map((x) => String(x.values.event));
    expect(events).toContain("=1+1");
  });

  const cases = json("cases.json");
  it(cases.intakeUntimedTwice.note, () => {
    const wb = fresh();
    const subs = cases.intakeUntimedTwice.submissions.map(
      (s: { email: string; answers: Record<string, string> }, i: number) => ({
        submittedAt: null,
        email: s.email,
        answers: s.answers,
        source: `строка ${i + 2}`,
      }),
    );
    intakeSubmissions({ workbook: wb, clock }, "mentee", subs);
    const bank = JSON.stringify(wb.grid("Наставляемые"));
    const again = intakeSubmissions({ workbook: wb, clock }, "mentee", subs);
    expect(again.added).toBe(0);
    expect(JSON.stringify(wb.grid("Наставляемые"))).toBe(bank);
    expect(Table.load(wb, "mentees").records()[0].values.class).toBe("+7 (912) 000-00-00");
  });

  it(cases.handEdits.note, () => {
    const wb = fresh();
    for (const e of cases.handEdits.edits) {
      const g = wb.sheets.get(e.sheet)!;
      while (g.length <= e.row) g.push([]);
      while (g[e.row].length <= e.col) g[e.row].push("");
      g[e.row][e.col] = e.value;
    }
    initWorkbook({ workbook: wb, clock, progress: noProgress });
    expect(readSettings(wb).schoolYearLabel).toBe("2026/2027");
    expect(wb.grid("Наставники").flat()).toContain("\u0000");
    matchPairs({ workbook: wb, clock, progress: noProgress });
  });

  it(cases.csvOutsideHeader.note, () => {
    const r = parseCsvExport(new TextEncoder().encode(cases.csvOutsideHeader.csv), "x.csv");
    expect(r.submissions.map((s) => s.answers)).toEqual([
      { ФИО: "0", "Столбец D": "=1+1" },
      { ФИО: "", "Столбец D": "=" },
    ]);
  });

  it(cases.keyRowJunk.note, () => {
    const wb = fresh();
    for (const e of cases.keyRowJunk.edits) wb.sheets.get(e.sheet)![e.row][e.col] = e.value;
    initWorkbook({ workbook: wb, clock, progress: noProgress });
    expect(readSettings(wb).schoolYearLabel).toBe("2026/2027");
  });
});
