/**
 * «Панель куратора» on the demo school (issue 17, item 1): the model core computes for the sidebar,
 * counted from the workbook `mentor demo` writes, and `mentor status` printing that same model.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { utcDate } from "../../src/core/dates";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { type CuratorPanel, curatorPanel, describePanel } from "../../src/core/usecases/status";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { offlineAction } from "../../src/offline/commands/status";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

const dir = mkdtempSync(join(tmpdir(), "mentor-status-"));
const demo = join(dir, "demo.xlsx");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function mentor(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    [...argv, "--quiet"],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join(""), err: err.join("") };
}

let panel: CuratorPanel;
let raw: Raw;

/** The demo's figures recounted from the raw rows by this file's own small code (not the panel's). */
interface Raw {
  mentors: number;
  mentees: number;
  noConsent: number;
  proposed: number;
  approvedIds: string[];
  individual: number;
  groups: number;
  attention: number;
  meetings: number;
  /** Approved pairs with a row of «Работа пар» (a pair approved since the last recount has none yet). */
  activityPairs: number;
}

function recount(wb: XlsxWorkbook): Raw {
  const rows = (key: Parameters<typeof Table.load>[1]) =>
    Table.load(wb, key)
      .records()
      .map((r) => r.values as Record<string, unknown>);
  const text = (v: unknown) => String(v ?? "").trim();
  const named = (key: "mentors" | "mentees") => rows(key).filter((r) => text(r.full_name) !== "");
  const pairs = rows("pairs").filter((r) => text(r.pair_id) !== "");
  const approved = pairs.filter((r) => text(r.status) === "утверждена");
  const perMentor = new Map<string, number>();
  for (const p of approved) perMentor.set(text(p.mentor_id), (perMentor.get(text(p.mentor_id)) ?? 0) + 1);
  const ids = new Set(approved.map((p) => text(p.pair_id)));
  const activity = rows("pair_activity").filter(
    (r) => ids.has(text(r.pair_id)) && text(r.year) === "2026/2027",
  );
  return {
    mentors: named("mentors").length,
    mentees: named("mentees").length,
    noConsent: [...named("mentors"), ...named("mentees")].filter((r) =>
      /нет согласия/.test(text(r.eligibility)),
    ).length,
    proposed: pairs.filter((r) => text(r.status) === "предложена").length,
    approvedIds: [...ids],
    individual: [...perMentor.values()].filter((n) => n === 1).length,
    groups: [...perMentor.values()].filter((n) => n > 1).length,
    attention: activity.filter((r) => /^да/.test(text(r.attention))).length,
    meetings: activity.reduce((sum, r) => sum + (Number(r.meetings) || 0), 0),
    activityPairs: activity.length,
  };
}

beforeAll(async () => {
  const made = await mentor(
    "demo",
    "--file",
    demo,
    "--today",
    "25.05.2027",
    "--outbox",
    join(dir, "outbox"),
    "--documents",
    join(dir, "documents"),
  );
  expect(made.code).toBe(0);
  const wb = await XlsxWorkbook.load(demo);
  panel = curatorPanel(wb, utcDate(2027, 5, 25));
  raw = recount(wb);
}, 120_000);

const ru = (n: number, one: string, few: string, many: string) => {
  const a = n % 100;
  const b = n % 10;
  return `${n} ${a >= 11 && a <= 14 ? many : b === 1 ? one : b >= 2 && b <= 4 ? few : many}`;
};

describe("the curator's panel on the demo school, 25 May", () => {
  it("names the school and the day, and the start walk is complete", () => {
    expect(panel.heading).toBe("МБОУ «СОШ № 1» · 2026/2027 учебный год");
    expect(panel.today).toBe("на 25.05.2027");
    expect(panel.ready).toBe(true);
    expect(panel.start.complete).toBe(true);
  });

  it("lists the ten steps of the cycle in the seeds' order, each counted from the workbook", () => {
    expect(panel.steps.map((s) => s.title)).toEqual([
      "Анкеты",
      "Базы участников",
      "Подбор пар",
      "Проверка пар",
      "Утверждение пар",
      "Приказ о закреплении",
      "Персональные программы",
      "Встречи",
      "Мониторинг",
      "Итоги года",
    ]);
    const facts = Object.fromEntries(panel.steps.map((s) => [s.key, s.facts]));
    expect(facts.forms).toBe(
      `${ru(raw.mentors, "наставник", "наставника", "наставников")}, ${ru(raw.mentees, "наставляемый", "наставляемых", "наставляемых")}, ${raw.noConsent} без согласия`,
    );
    expect(facts.matching).toMatch(
      new RegExp(
        `^пар «наставник — наставляемый»: предложено ${raw.proposed}, утверждено ${raw.approvedIds.length}`,
      ),
    );
    expect(facts.review).toBe(
      raw.proposed > 0
        ? `ждут решения ${ru(raw.proposed, "предложенная пара", "предложенные пары", "предложенных пар")}`
        : "все предложения рассмотрены",
    );
    expect(facts.approval).toBe(
      `утверждено: ${ru(raw.individual, "пара", "пары", "пар")} и ${ru(raw.groups, "группа", "группы", "групп")}, ${ru(raw.approvedIds.length, "наставляемый", "наставляемых", "наставляемых")}`,
    );
    expect(facts.order).toBe("создан 25.05.2027");
    expect(facts.programs).toBe(`созданы для всех ${raw.approvedIds.length} пар «наставник — наставляемый»`);
    expect(facts.meetings).toBe(
      `${ru(raw.meetings, "встреча", "встречи", "встреч")} у ${ru(raw.activityPairs, "пары", "пар", "пар")}; давно не встречались ${ru(raw.attention, "пара", "пары", "пар")}${raw.approvedIds.length > raw.activityPairs ? `; ${raw.approvedIds.length - raw.activityPairs} новых пар ещё не учтены — пересчитайте мониторинг`.replace(/^; 1 новых пар ещё не учтены/, "; 1 новая пара ещё не учтена").replace(/^; ([234]) новых пар/, "; $1 новые пары") : ""}`,
    );
    expect(facts.monitoring).toMatch(
      /^программа — \d+ из 18 баллов, (оптимальный|допустимый|недопустимый) уровень/,
    );
    expect(facts.results).toMatch(
      /^итоговые анкеты: \d+ наставляем\S+ и \d+ наставник\S*; справка от 25\.05\.2027, отчёт от 25\.05\.2027$/,
    );
    // One step is current; every step before it is done.
    const now = panel.steps.findIndex((s) => s.state === "now");
    expect(panel.steps.filter((s) => s.state === "now")).toHaveLength(1);
    expect(panel.steps.slice(0, now).every((s) => s.state === "done")).toBe(true);
    expect(panel.steps[now].key).toBe(raw.proposed > 0 ? "review" : "meetings");
  });

  it("says what to do next and warns about what matters, each with its button", () => {
    const now = panel.steps.find((s) => s.state === "now")!;
    expect(panel.next).toEqual({ text: `${now.title}: ${now.facts}.`, action: now.action });
    expect(panel.warnings.map((w) => [w.text, w.action?.key]).slice(0, 2)).toEqual([
      [
        `${ru(raw.attention, "пара", "пары", "пар")} без встреч дольше 14 дней: поговорите с наставниками.`,
        "open:pair_activity",
      ],
      [
        "Нет согласия на обработку персональных данных — 4 наставляемых, 2 наставника; законного представителя — 12 наставляемых, 1 наставник: они не участвуют в подборе, пока согласие не получено.",
        "open:mentees",
      ],
    ]);
  });

  it("has the shape of the model the sidebar's UI test renders (test/fixtures/panel/demo.json)", () => {
    const fixture = resolve(__dirname, "../fixtures/panel/demo.json");
    if (process.env.UPDATE_FIXTURES === "1") writeFileSync(fixture, `${JSON.stringify(panel, null, 2)}\n`);
    const shape = (p: CuratorPanel) => ({
      keys: Object.keys(p).sort(),
      steps: p.steps.map((s) => [s.key, s.title, Object.keys(s).sort()]),
      start: p.start.items.map((i) => i.title),
    });
    expect(shape(JSON.parse(readFileSync(fixture, "utf8")))).toEqual(shape(panel));
  });

  it("mentor status prints the same panel, each button as the command that does it", async () => {
    const { code, out } = await mentor("status", "--file", demo, "--today", "25.05.2027");
    expect(code).toBe(0);
    expect(out).toBe(`${describePanel(panel, (a) => offlineAction(a.key, demo))}\n`);
    expect(out).toContain(` 8. Встречи: ${panel.steps[7].facts} (!)`);
    expect(out).toContain(`[откройте лист «Работа пар» в ${demo}]`);
    expect(out).not.toMatch(/\b(undefined|null|NaN|true|false)\b/);
  });
});

describe("a new workbook", () => {
  it("starts with «Начало работы»: Настройки and the forms, the first missing one as the next action", async () => {
    const wb = XlsxWorkbook.create();
    initWorkbook({
      workbook: wb,
      clock: { now: () => new Date(Date.UTC(2026, 8, 1, 9)) },
      progress: noProgress,
    });
    const p = curatorPanel(wb, utcDate(2026, 9, 1));
    const fixture = resolve(__dirname, "../fixtures/panel/new.json");
    if (process.env.UPDATE_FIXTURES === "1") writeFileSync(fixture, `${JSON.stringify(p, null, 2)}\n`);
    expect(JSON.parse(readFileSync(fixture, "utf8"))).toEqual(p);
    expect(p.start.complete).toBe(false);
    expect(p.start.items.map((i) => [i.title, i.done])).toEqual([
      ["Школа", false],
      ["Учебный год", true],
      ["Ответственные", false],
      ["Часовой пояс", true],
      ["Анкеты", false],
    ]);
    expect(p.next.text).toBe(
      "Начало работы. Школа: впишите полное и краткое название школы — они попадут в приказы и отчёты.",
    );
    expect(p.next.action?.key).toBe("open:settings");
    expect(p.steps[0]).toMatchObject({
      title: "Анкеты",
      state: "now",
      facts: "анкеты не созданы, ответов нет",
    });
    expect(p.steps.slice(1).every((s) => s.state === "todo")).toBe(true);

    // The school filled in: the next missing item leads.
    const settings = Table.load(wb, "settings");
    const row = (key: string) => settings.rowIndexes().find((r) => settings.get(r, "key") === key)!;
    settings.set(
      row("school_name"),
      "value",
      "Муниципальное бюджетное общеобразовательное учреждение «Школа № 5»",
    );
    settings.set(row("school_short"), "value", "МБОУ «Школа № 5»");
    settings.flush(wb);
    const q = curatorPanel(wb, utcDate(2026, 9, 1));
    expect(q.heading).toBe("МБОУ «Школа № 5» · 2026/2027 учебный год");
    expect(q.next.text).toBe(
      "Начало работы. Ответственные: впишите ФИО куратора, e-mail куратора, ФИО директора.",
    );
  });

  it("an empty file offers to prepare the workbook, naming what is missing", () => {
    const p = curatorPanel(XlsxWorkbook.create(), utcDate(2026, 9, 1));
    expect(p.ready).toBe(false);
    expect(p.steps).toEqual([]);
    expect(p.next.action?.key).toBe("init");
    expect(p.next.text).toMatch(
      /^В книге нет \d+ лист(а|ов) программы \(среди них «Сводка»\): подготовьте книгу — программа создаст недостающие листы, ничего не стирая\.$/,
    );
  });

  it("mentor status on a file that is not there says how to create it, with a non-zero exit", async () => {
    const missing = join(dir, "нет.xlsx");
    const r = await mentor("status", "--file", missing);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(`mentor init --file ${missing}`);
    const text = join(dir, "text.xlsx");
    writeFileSync(text, "ФИО;E-mail\n");
    const t = await mentor("status", "--file", text);
    expect(t.code).not.toBe(0);
    expect(t.err).toContain("не книга Excel (.xlsx)");
  });
});
