/**
 * The demo looks like a real school (issue 16, item 4): `mentor demo` on its default day (25 May)
 * and `mentor demo --close` leave figures that are plausible and not degenerate — a contingent that
 * holds the demo's people, a mixed picture of the indicators, stated preferences that matching used,
 * pairs on every level of the rubric, a roadmap that moves, and after closing a ranking with places
 * and best practices. Indicators 1–6 are recounted here from the raw sheets (banks, «Контингент»,
 * «Анкеты мониторинга») by this file's own code and compared with «Сводка» and the report.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utcDate } from "../../src/core/dates";
import { type DocumentModel, plainText } from "../../src/core/documents/model";
import { planSummary } from "../../src/core/summary/plan";
import { buildDocuments, openDocumentSource } from "../../src/core/usecases/documents";
import type { SheetKey } from "../../src/core/workbook/keys.generated";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

const MAY = utcDate(2027, 5, 25);
const dir = mkdtempSync(join(tmpdir(), "demo-figures-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function demo(name: string, ...extra: string[]): Promise<{ wb: XlsxWorkbook; out: string }> {
  const file = join(dir, name);
  const out: string[] = [];
  const code = await run(
    [
      "demo",
      "--file",
      file,
      "--today",
      "25.05.2027",
      "--quiet",
      "--outbox",
      join(dir, `${name}-outbox`),
      "--documents",
      join(dir, `${name}-docs`),
      ...extra,
    ],
    (s) => out.push(s),
  );
  expect(code).toBe(0);
  return { wb: await XlsxWorkbook.load(file), out: out.join("") };
}

const rows = (wb: XlsxWorkbook, key: SheetKey) =>
  Table.load(wb, key)
    .records()
    .map((r) => r.values as Record<string, unknown>);
const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
const asDate = (v: unknown) =>
  v instanceof Date ? v : typeof v === "number" ? new Date(Math.round((v - 25569) * 86400000)) : null;

/** Indicators 1–6 of 2026 from the raw rows: [part, whole]. Ages on 01.09.2026. */
function recountIndicators(wb: XlsxWorkbook): Record<string, [number, number]> {
  const sept = (y: number) => Date.UTC(y, 8, 1);
  const inProgram = (r: Record<string, unknown>) => ["в паре", "завершил"].includes(text(r.status));
  const named = (r: Record<string, unknown>) => text(r.full_name) !== "";
  const born = (r: Record<string, unknown>) => asDate(r.birth_date)?.getTime() ?? null;
  const aged = (r: Record<string, unknown>, from: number, to: number) => {
    const b = born(r);
    return b !== null && b <= sept(2026 - from) && b > sept(2026 - to - 1);
  };
  const mentees = rows(wb, "mentees").filter(named);
  const mentors = rows(wb, "mentors").filter(named);
  const c = rows(wb, "contingent").find((r) => text(r.year) === "2026")!;
  const exits = (role: string) =>
    rows(wb, "surveys").filter((r) => {
      const at = asDate(r.submitted_at)?.getTime();
      const n = typeof r.satisfaction === "number" ? r.satisfaction : Number.NaN;
      return (
        text(r.role) === role &&
        text(r.stage) === "итоговая" &&
        n >= 1 &&
        n <= 10 &&
        (at === undefined || (at >= sept(2026) && at < sept(2027)))
      );
    });
  const satisfied = (role: string) => exits(role).filter((r) => Number(r.satisfaction) >= 7).length;
  return {
    "1": [
      mentees.filter((r) => text(r.category) === "обучающийся" && inProgram(r) && aged(r, 10, 18)).length,
      Number(c.students_10_18),
    ],
    "2": [
      mentors.filter(
        (r) =>
          text(r.category) === "обучающийся 15–18 лет" &&
          inProgram(r) &&
          (born(r) === null || aged(r, 15, 18)),
      ).length,
      Number(c.students_15_18),
    ],
    "3": [
      mentees.filter(
        (r) =>
          inProgram(r) &&
          (text(r.category) === "молодой специалист (стаж 0–3 года)" ||
            (!["обучающийся", "студент"].includes(text(r.category)) &&
              typeof r.experience_years === "number" &&
              r.experience_years >= 0 &&
              r.experience_years <= 3)),
      ).length,
      Number(c.young_teachers),
    ],
    "4": [
      new Set(
        mentors
          .filter((r) => inProgram(r) && text(r.organisation) !== "")
          .map((r) => text(r.organisation).toLowerCase()),
      ).size,
      Number(c.partner_organisations),
    ],
    "5": [satisfied("наставляемый"), exits("наставляемый").length],
    "6": [satisfied("наставник"), exits("наставник").length],
  };
}

describe("the demo school on 25 May", () => {
  let wb: XlsxWorkbook;
  beforeAll(async () => {
    ({ wb } = await demo("may.xlsx"));
  }, 600000);

  it("indicators 1–6 recounted from the raw sheets equal «Сводка», and the report shows them", () => {
    const plan = planSummary(wb, MAY);
    const recounted = recountIndicators(wb);
    const report = plainText(
      buildDocuments(openDocumentSource(wb, { now: () => new Date(Date.UTC(2027, 4, 25, 10)) }), ["report"])
        .documents[0].model as DocumentModel,
    ).replace(/\u00a0/g, " ");
    for (const f of plan.figures.indicators) {
      const [part, whole] = recounted[f.code];
      const row = plan.sheet.grid.findIndex((r) => String(r[0]).startsWith(`${f.code}. `));
      const value = (col: number) => plan.sheet.cells.find((c) => c.row === row && c.col === col)?.value;
      expect([f.code, value(5), value(6)]).toEqual([f.code, part, whole]);
      const shown =
        f.code === "4"
          ? String(part)
          : `${String(Math.round((1000 * part) / whole) / 10).replace(".", ",")} %`;
      expect(report).toMatch(new RegExp(`^${f.code} \\| [^|]+ \\| [^|]+ \\| ${shown} \\|`, "m"));
    }
  });

  it("a contingent that holds the demo's people and a mixed picture of the indicators", () => {
    const plan = planSummary(wb, MAY);
    const r = recountIndicators(wb);
    for (const code of ["1", "2", "3", "4"]) expect(r[code][0]).toBeLessThanOrEqual(r[code][1]);
    // The bank's pupils aged 10–18 and the mentors' organisations fit in the contingent.
    expect(rows(wb, "mentees").filter((m) => text(m.category) === "обучающийся").length).toBeLessThan(
      r["1"][1],
    );
    expect(
      new Set(
        rows(wb, "mentors")
          .map((m) => text(m.organisation))
          .filter((o) => o !== ""),
      ).size,
    ).toBe(r["4"][1]);
    const statuses = plan.figures.indicators.map((i) => i.status);
    expect(statuses).not.toContain("нет данных");
    expect(plan.figures.achieved).toBeGreaterThanOrEqual(2);
    expect(plan.figures.achieved).toBeLessThanOrEqual(5);
  });

  it("preferences stated after the group meeting, and matching used them", () => {
    const prefs = rows(wb, "preferences");
    expect(prefs.filter((p) => text(p.role) === "наставляемый").length).toBeGreaterThan(30);
    expect(prefs.filter((p) => text(p.role) === "наставник").length).toBeGreaterThan(15);
    const chosen = new Set(
      prefs
        .filter((p) => text(p.role) === "наставляемый")
        .flatMap((p) =>
          [p.choice_1, p.choice_2, p.choice_3].map(
            (c) => `${text(p.email)}>${/\(([^()]+)\)$/.exec(text(c))?.[1] ?? ""}`,
          ),
        ),
    );
    const email = new Map(rows(wb, "mentees").map((m) => [text(m.id), text(m.email)]));
    const granted = rows(wb, "pairs").filter((p) =>
      chosen.has(`${email.get(text(p.mentee_id))}>${text(p.mentor_id)}`),
    );
    expect(granted.length).toBeGreaterThan(10);
  });

  it("pairs on every level of the rubric, most of them assessed", () => {
    const m = planSummary(wb, MAY).figures.monitoring;
    expect(m.levels.оптимальный).toBeGreaterThan(0);
    expect(m.levels.допустимый).toBeGreaterThan(0);
    expect(m.levels.недопустимый).toBeGreaterThan(0);
    const assessed = m.levels.оптимальный + m.levels.допустимый + m.levels.недопустимый;
    expect(assessed).toBeGreaterThan(2 * m.undetermined);
  });

  it("a roadmap that moves: done, in work, few overdue, not behind its own dates", () => {
    const rm = planSummary(wb, MAY).figures.roadmap.total;
    expect(rm.done).toBeGreaterThanOrEqual(8);
    expect(rm.inProgress).toBeGreaterThan(0);
    expect(rm.overdue).toBeLessThanOrEqual(3);
  });
});

describe("the demo school through the closing of the cycle (mentor demo --close)", () => {
  let wb: XlsxWorkbook;
  let out: string;
  beforeAll(async () => {
    ({ wb, out } = await demo("closed.xlsx", "--close"));
  }, 600000);

  it("closes the cycle: a ranking with places, best practices, results in the banks", () => {
    expect(out).toMatch(/Цикл 2026\/2027 завершён: \d+ пар/);
    const ranking = rows(wb, "mentor_ranking");
    expect(ranking.filter((r) => typeof r.place === "number").length).toBeGreaterThan(5);
    expect(rows(wb, "best_practices").length).toBeGreaterThan(0);
    expect(rows(wb, "pairs").filter((p) => text(p.status) === "завершена").length).toBeGreaterThanOrEqual(40);
    expect(rows(wb, "mentees").filter((m) => text(m.status) === "завершил").length).toBeGreaterThan(0);
  });

  it("every sheet of the year has content", () => {
    for (const key of [
      "mentors",
      "mentees",
      "pairs",
      "meetings",
      "preferences",
      "mentor_reports",
      "pair_activity",
      "roadmap",
      "surveys",
      "monitoring",
      "growth",
      "mentor_ranking",
      "best_practices",
      "indicators",
      "contingent",
    ] as const)
      expect([key, rows(wb, key).length > 0]).toEqual([key, true]);
  });
});
