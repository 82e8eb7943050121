/**
 * An independent recount (issue 16, item 2): the sample school's year is played as `npm start`
 * plays it, then every figure below is counted again from the raw sheets alone (banks, «Пары»,
 * «Встречи», «Дорожная карта») by the small code of this file — never by the product's figure
 * functions — and compared with what «Сводка» shows (the values core plans for its formulas), what
 * the documents say (their text) and what the report mail says. A figure that is off fails here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utcDate } from "../../src/core/dates";
import { analysisFigures } from "../../src/core/documents/analysis";
import { type DocumentModel, plainText } from "../../src/core/documents/model";
import type { DocumentSource } from "../../src/core/documents/source";
import type { WorkbookPort } from "../../src/core/ports";
import { planSummary } from "../../src/core/summary/plan";
import { buildDocuments, openDocumentSource, summaryLines } from "../../src/core/usecases/documents";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

// The demo's day (src/offline/demo.ts: `mentor demo` runs on 22.11.2026 by default in the tests).
const NOW = new Date(Date.UTC(2026, 10, 22, 10, 0));
const TODAY = utcDate(2026, 11, 22);
const clock = { now: () => NOW };
const nb = (s: string) => s.replace(/\u00a0/g, " ");
const dir = mkdtempSync(join(tmpdir(), "recount-"));
const file = join(dir, "demo.xlsx");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The workbook `npm start` writes (`mentor demo`), reopened. */
async function demoBook(): Promise<XlsxWorkbook> {
  const code = await run(["demo", "--file", file, "--today", "22.11.2026", "--quiet"], () => {});
  expect(code).toBe(0);
  return XlsxWorkbook.load(file);
}

// --- The recount: its own code, from the raw rows ---

/** A spreadsheet serial day as milliseconds (wall-clock UTC). */
const serialMs = (n: number) => Math.round((n - 25569) * 86400000);
const text = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());
const low = (v: unknown) => text(v).toLowerCase();

function ru(n: number, one: string, few: string, many: string): string {
  const a = n % 100;
  const b = n % 10;
  const w = a >= 11 && a <= 14 ? many : b === 1 ? one : b >= 2 && b <= 4 ? few : many;
  return `${n} ${w}`;
}

interface Recount {
  mentorsInBank: number;
  menteesInBank: number;
  /** Rows of «Пары» approved (working), approved or completed. */
  approvedRows: number;
  workingRows: number;
  individual: number;
  groups: number;
  mentorsInPairs: number;
  menteesInPairs: number;
  waitingStatus: number;
  supportedStatus: number;
  noConsent: number;
  noGuardian: number;
  noFreeMentor: number;
  roadmap: {
    total: number;
    done: number;
    inWork: number;
    planned: number;
    overdue: number;
    cancelled: number;
  };
  meetings: number;
  /** Done ÷ not cancelled, %, and the share expected by today, %, both rounded as shown. */
  roadmapDonePercent: number;
  roadmapExpectedPercent: number;
  /** «Мониторинг», pair rows of the school year: by level, and with no level yet. */
  pairLevels: { оптимальный: number; допустимый: number; недопустимый: number; none: number };
}

function recount(wb: WorkbookPort, today: Date): Recount {
  const rows = (key: "mentors" | "mentees" | "pairs" | "roadmap" | "meetings" | "monitoring") =>
    Table.load(wb, key)
      .records()
      .map((r) => r.values as Record<string, unknown>);
  const mentors = rows("mentors").filter((r) => text(r.full_name) !== "");
  const mentees = rows("mentees").filter((r) => text(r.full_name) !== "");
  const pairs = rows("pairs").filter((r) => text(r.pair_id) !== "");
  const working = pairs.filter((r) => ["утверждена", "завершена"].includes(low(r.status)));
  const perMentor = new Map<string, Set<string>>();
  for (const p of working) {
    const m = perMentor.get(low(p.mentor_id)) ?? new Set<string>();
    m.add(low(p.mentee_id));
    perMentor.set(low(p.mentor_id), m);
  }
  const without = mentees.filter((m) =>
    ["ожидает пары", "без пары — сопровождение психолога"].includes(low(m.status)),
  );
  const roadmap = { total: 0, done: 0, inWork: 0, planned: 0, overdue: 0, cancelled: 0 };
  // The program's term from «Настройки» (1 September – 31 May when blank).
  const setting = (key: string) =>
    Table.load(wb, "settings")
      .records()
      .find((x) => text(x.values.key) === key)?.values.value;
  const asDate = (v: unknown, fallback: Date) =>
    v instanceof Date ? v : typeof v === "number" ? new Date(serialMs(v)) : fallback;
  const y = today.getUTCMonth() >= 7 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  const start = asDate(setting("program_start"), new Date(Date.UTC(y, 8, 1))).getTime();
  const finish = asDate(setting("program_end"), new Date(Date.UTC(y + 1, 4, 31))).getTime();
  const elapsed = Math.max(0, Math.min(1, (today.getTime() - start) / (finish - start)));
  let expected = 0;
  for (const r of rows("roadmap")) {
    if (text(r.event) === "") continue;
    roadmap.total++;
    const s = low(r.status);
    const end =
      r.end instanceof Date ? r.end.getTime() : typeof r.end === "number" ? serialMs(r.end) : Number.NaN;
    if (s !== "отменено") expected += Number.isNaN(end) ? elapsed : end < today.getTime() ? 1 : 0;
    if (s === "выполнено") roadmap.done++;
    else if (s === "отменено") roadmap.cancelled++;
    else if (s === "просрочено" || end < today.getTime()) roadmap.overdue++;
    else if (s === "в работе") roadmap.inWork++;
    else roadmap.planned++;
  }
  return {
    mentorsInBank: mentors.length,
    menteesInBank: mentees.length,
    approvedRows: pairs.filter((r) => low(r.status) === "утверждена").length,
    workingRows: working.length,
    individual: [...perMentor.values()].filter((s) => s.size === 1).length,
    groups: [...perMentor.values()].filter((s) => s.size > 1).length,
    mentorsInPairs: perMentor.size,
    menteesInPairs: new Set(working.map((p) => low(p.mentee_id))).size,
    waitingStatus: mentees.filter((m) => low(m.status) === "ожидает пары").length,
    supportedStatus: mentees.filter((m) => low(m.status) === "без пары — сопровождение психолога").length,
    noConsent: without.filter((m) => low(m.eligibility).includes("согласия на обработку")).length,
    noGuardian: without.filter((m) => low(m.eligibility).includes("законного представителя")).length,
    noFreeMentor: without.filter((m) => low(m.eligibility) === "да").length,
    roadmap,
    meetings: rows("meetings").length,
    pairLevels: (() => {
      const label = `${y}/${y + 1}`;
      const mine = rows("monitoring").filter(
        (m) =>
          text(m.scope) !== "" &&
          low(m.scope) !== "программа в целом" &&
          (text(m.period) === "" || text(m.period) === label || !/^.{4}\/.{4}$/.test(text(m.period))),
      );
      const by = (lv: string) => mine.filter((m) => low(m.level) === lv).length;
      return {
        оптимальный: by("оптимальный"),
        допустимый: by("допустимый"),
        недопустимый: by("недопустимый"),
        none: by("") + by("не определён — нужна оценка куратора"),
      };
    })(),
    roadmapDonePercent: Math.round((100 * roadmap.done) / (roadmap.total - roadmap.cancelled)),
    roadmapExpectedPercent: Math.round((100 * expected) / (roadmap.total - roadmap.cancelled)),
  };
}

/** «10 пар и 16 групп, 46 наставляемых», written here once more. */
function unitsText(individual: number, groups: number, mentees: number): string {
  const parts = [
    ...(individual > 0 || groups === 0 ? [ru(individual, "пара", "пары", "пар")] : []),
    ...(groups > 0 ? [ru(groups, "группа", "группы", "групп")] : []),
  ];
  return `${parts.join(" и ")}, ${ru(mentees, "наставляемый", "наставляемых", "наставляемых")}`;
}

function withoutText(r: Recount): string {
  return [
    ...(r.noConsent > 0 ? [`нет согласия на обработку ПДн — ${r.noConsent}`] : []),
    ...(r.noGuardian > 0 ? [`нет согласия законного представителя — ${r.noGuardian}`] : []),
    ...(r.noFreeMentor > 0 ? [`подходят, но нет свободного наставника — ${r.noFreeMentor}`] : []),
  ].join(", ");
}

// --- What the product shows ---

interface Shown {
  summary: (label: string) => unknown;
  order: string;
  analysis: string;
  report: string;
  mail: string;
}

function shown(wb: WorkbookPort): Shown {
  const plan = planSummary(wb, TODAY);
  const summary = (label: string) => {
    const row = plan.sheet.grid.findIndex((r) => r[0] === label);
    if (row < 0) throw new Error(`«Сводка» has no line «${label}»`);
    const cell = plan.sheet.cells.find((c) => c.row === row && c.col === 1);
    return cell?.value;
  };
  const src: DocumentSource = openDocumentSource(wb, clock);
  const set = buildDocuments(src, ["order", "analysis", "report"]);
  const doc = (kind: string) => {
    const d = set.documents.find((x) => x.kind === kind);
    return d ? nb(plainText(d.model as DocumentModel)) : "";
  };
  return {
    summary,
    order: doc("order"),
    analysis: doc("analysis"),
    report: doc("report"),
    mail: nb(summaryLines(src, analysisFigures(src)).join("\n")),
  };
}

/** Every comparison, by the figure's name: [what the product shows holds the recounted figure]. */
function checks(r: Recount, s: Shown): Record<string, boolean> {
  const units = unitsText(r.individual, r.groups, r.menteesInPairs);
  const rm = r.roadmap;
  const sum = s.summary;
  return {
    "Сводка, Главное: наставников в базе": sum("Наставников в базе") === r.mentorsInBank,
    "Сводка, Главное: наставляемых в базе": sum("Наставляемых в базе") === r.menteesInBank,
    "Сводка, Главное: наставляемых в утверждённых парах и группах":
      sum("Наставляемых в утверждённых парах и группах (работают)") === r.approvedRows,
    "Сводка, Главное: пар":
      sum("Пар (наставник с одним наставляемым), утверждено и завершено") === r.individual,
    "Сводка, Главное: групп":
      sum("Групп (наставник с несколькими наставляемыми), утверждено и завершено") === r.groups,
    "Сводка, Главное: без пары, нет согласия":
      sum("Наставляемых без пары: нет согласия (на обработку ПДн / законного представителя)") ===
      r.noConsent + r.noGuardian,
    "Сводка, Главное: без пары, нет свободного наставника":
      sum("Наставляемых без пары: подходят, но нет свободного наставника") === r.noFreeMentor,
    "Сводка, Пары: закреплено наставляемых":
      sum("Закреплено наставляемых (строки пар утверждены или завершены)") === r.workingRows,
    "Сводка, Пары: ожидают пары (статус)": sum("Наставляемых ожидают пары (статус)") === r.waitingStatus,
    "Сводка, Пары: нет согласия на обработку ПДн":
      sum("Без пары: нет согласия на обработку ПДн") === r.noConsent,
    "Сводка, Пары: нет согласия законного представителя":
      sum("Без пары: нет согласия законного представителя") === r.noGuardian,
    "Сводка, Пары: подходят, но нет свободного наставника":
      sum("Без пары: подходят, но нет свободного наставника") === r.noFreeMentor,
    "Сводка, Мониторинг: пар на оптимальном уровне":
      sum("Пар «наставник — наставляемый» на оптимальном уровне (15–18 баллов)") === r.pairLevels.оптимальный,
    "Сводка, Мониторинг: пар на допустимом уровне":
      sum("Пар «наставник — наставляемый» на допустимом уровне (9–14 баллов)") === r.pairLevels.допустимый,
    "Сводка, Мониторинг: пар на недопустимом уровне":
      sum("Пар «наставник — наставляемый» на недопустимом уровне (0–8 баллов)") === r.pairLevels.недопустимый,
    "Сводка, Мониторинг: уровень не определён":
      sum("Пар «наставник — наставляемый», у которых уровень не определён — нужна оценка куратора") ===
      r.pairLevels.none,
    "Приказ: пары, группы, наставляемые": s.order.includes(`(${units})`),
    "Приказ: строк в приложении": appendix(s.order).length === r.approvedRows,
    "Приказ: групп в приложении":
      new Set(appendix(s.order).flatMap((l) => l.match(/\(группа [^)]+\)/g) ?? [])).size === r.groups,
    "Справка: пары, группы, наставляемые, наставники": s.analysis.includes(
      `В программе участвуют ${units} и ${ru(r.mentorsInPairs, "наставник", "наставника", "наставников")}.`,
    ),
    "Справка: без пары по причинам": s.analysis.includes(`Наставляемых без пары: ${withoutText(r)}.`),
    "Отчёт: Всего пар / групп, наставников, наставляемых": s.report.includes(
      `Всего | ${r.individual} / ${r.groups} | ${r.mentorsInPairs} | ${r.menteesInPairs}`,
    ),
    "Отчёт: без пары по причинам, ожидают, сопровождение": s.report.includes(
      `без пары — ${r.noConsent + r.noGuardian + r.noFreeMentor} (${withoutText(r)}); из них ожидают пары — ${r.waitingStatus}, получают сопровождение педагога-психолога — ${r.supportedStatus};`,
    ),
    "Отчёт: в базе наставников и наставляемых": s.report.includes(
      `в базе наставников — ${r.mentorsInBank}, в базе наставляемых — ${r.menteesInBank};`,
    ),
    "Отчёт: встреч": s.report.includes(`проведено встреч наставников и наставляемых — ${r.meetings}`),
    "Отчёт: дорожная карта, всего / выполнено / в работе / запланировано / просрочено": s.report.includes(
      `Всего | ${rm.total} | ${rm.done} | ${rm.inWork} | ${rm.planned} | ${rm.overdue} |`,
    ),
    "Письмо: пары, группы, наставники, без пары": s.mail.includes(
      `в программе: ${units} (наставников — ${r.mentorsInPairs}); без пары — ${r.noConsent + r.noGuardian + r.noFreeMentor} (${withoutText(r)})`,
    ),
    // The note's rule: the roadmap is a strength only when nothing is overdue and the share done is at
    // least the share expected by today; a risk when below it.
    "Справка: дорожная карта — сильная сторона только по правилу":
      s.analysis.includes("Дорожная карта выполняется в срок") ===
      (rm.overdue === 0 && rm.done > 0 && r.roadmapDonePercent >= r.roadmapExpectedPercent),
    "Справка: дорожная карта — отставание с долями":
      rm.overdue > 0 || r.roadmapDonePercent >= r.roadmapExpectedPercent
        ? !s.analysis.includes("Дорожная карта отстаёт")
        : s.analysis.includes(
            `(${r.roadmapDonePercent} %), по срокам к этой дате ожидалось ${r.roadmapExpectedPercent} %`,
          ),
    "Письмо: встреч всего": s.mail.includes(`всего: ${r.meetings};`),
    "Письмо: дорожная карта": s.mail.includes(
      `дорожная карта: выполнено ${rm.done} из ${rm.total} ${rm.total % 10 === 1 && rm.total % 100 !== 11 ? "мероприятия" : "мероприятий"}, в работе ${rm.inWork}, запланировано ${rm.planned}, просрочено ${rm.overdue}`,
    ),
  };
}

/** The rows of the order's appendix: the numbered lines after its header «№ | Наставник | …». */
function appendix(order: string): string[] {
  const lines = order.split("\n");
  const start = lines.findIndex((l) => l.startsWith("№ | Наставник | Наставляемый"));
  const out: string[] = [];
  for (let i = start + 1; start >= 0 && i < lines.length && /^\d+ \| /.test(lines[i]); i++)
    out.push(lines[i]);
  return out;
}

const failing = (c: Record<string, boolean>) => Object.keys(c).filter((k) => !c[k]);

describe("an independent recount of the demo school agrees with «Сводка», the documents and the mail", () => {
  let wb: XlsxWorkbook;
  let r: Recount;

  beforeAll(async () => {
    wb = await demoBook();
    r = recount(wb, TODAY);
  }, 600000);

  it("finds the demo's figures as the issue describes them", () => {
    expect(r).toMatchObject({ individual: 12, groups: 15, menteesInPairs: 46, noConsent: 4, noGuardian: 12 });
    expect(r.noFreeMentor).toBe(36);
    expect(r.roadmap.planned).toBeGreaterThan(0);
  });

  it("every figure the product shows equals the recount", () => {
    expect(failing(checks(r, shown(wb)))).toEqual([]);
  });

  it("fails on a product text that is one off", () => {
    const s = shown(wb);
    const off = { ...s, order: s.order.replace(`${r.individual} пар и`, `${r.individual + 1} пар и`) };
    expect(failing(checks(r, off))).toEqual(["Приказ: пары, группы, наставляемые"]);
    const mail = {
      ...s,
      mail: s.mail.replace(`запланировано ${r.roadmap.planned}`, `запланировано ${r.roadmap.planned + 1}`),
    };
    expect(failing(checks(r, mail))).toEqual(["Письмо: дорожная карта"]);
  });

  it("fails when the raw data changes and the product's old figures are compared", () => {
    const before = shown(wb);
    // One group pair's row is terminated: the recount now expects a smaller group or a pair more.
    const pairs = Table.load(wb, "pairs");
    const row = pairs.records().find((x) => x.values.status === "утверждена")!;
    pairs.set(row.row, "status", "расторгнута");
    pairs.flush(wb);
    const after = recount(wb, TODAY);
    expect(failing(checks(after, before)).length).toBeGreaterThan(0);
    // …and the product, re-run on the changed sheets, follows.
    expect(failing(checks(after, shown(wb)))).toEqual([]);
  });
});
