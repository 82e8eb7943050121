/**
 * Apps Script side of `npm run bench`, one school size per process (bundled and launched by
 * bench/run-gas-calls.mjs):  node <bundle> --participants 1000
 * Loads dist/Code.js under gas-local with the in-memory fakes (test/gas-fake), builds a school of
 * that many participants (a quarter mentors), runs every operation through its menu or trigger
 * entry and prints one JSON line: per operation, the service calls by service, the cells read and
 * written, and the Node time.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sampleSchool } from "../src/demo/sample";
import { createGasFake } from "../test/gas-fake";
import { installDocumentApp } from "../test/gas-fake/document";
import { installFormApp } from "../test/gas-fake/forms";
import { FakeRange } from "../test/gas-fake/range";

const args = process.argv.slice(2);
const participants = Number(args[args.indexOf("--participants") + 1] || 100);
const mentors = Math.round(participants / 4);
const mentees = participants - mentors;

// Cells read and written, for the time estimate.
let cells = 0;
const getValues = FakeRange.prototype.getValues;
const setValues = FakeRange.prototype.setValues;
FakeRange.prototype.getValues = function (this: FakeRange) {
  const v = getValues.call(this);
  cells += v.length * (v[0]?.length ?? 0);
  return v;
};
FakeRange.prototype.setValues = function (this: FakeRange, values: unknown[][]) {
  cells += values.length * (values[0]?.length ?? 0);
  return setValues.call(this, values);
};

const dir = mkdtempSync(join(tmpdir(), "gas-bench-"));
copyFileSync(resolve(process.cwd(), "dist/Code.js"), join(dir, "Code.js"));
const fake = createGasFake({ mailQuota: 1000 });
const forms = installFormApp(fake);
installDocumentApp(fake);
fake.loadScript(dir);
rmSync(dir, { recursive: true, force: true });

interface Measure {
  name: string;
  spreadsheet: number;
  /** Calls that add rows or columns to a full sheet (once per 1,000 rows a sheet gains). */
  grow: number;
  byService: Record<string, number>;
  cells: number;
  ms: number;
  note?: string;
}
const ops: Measure[] = [];

function measure(name: string, fn: () => void, note?: () => string): void {
  if (process.env.BENCH_PROGRESS) process.stderr.write(`${participants}: ${name}…\n`);
  fake.calls.reset();
  cells = 0;
  const t0 = performance.now();
  fn();
  const ms = performance.now() - t0;
  // BENCH_DETAIL="one submission" prints the calls of one operation by method.
  if (process.env.BENCH_DETAIL === name)
    process.stderr.write(`${name}: ${JSON.stringify(fake.calls.snapshot())}\n`);
  const alert = fake.state.alerts.at(-1);
  if (alert && /Наставничество:/.test(alert.prompt) && !/Отзыв|Проверка/.test(alert.title))
    process.stderr.write(`${name}: ${alert.prompt}\n`);
  ops.push({
    name,
    spreadsheet: fake.calls.total("Spreadsheet"),
    grow: fake.calls.count("Sheet.insertRowsAfter") + fake.calls.count("Sheet.insertColumnsAfter"),
    byService: fake.calls.byService(),
    cells,
    ms,
    note: note?.(),
  });
}

const untracked = <T>(fn: () => T) => fake.calls.untracked(fn);

measure("init (new workbook)", () => fake.call("menuInitWorkbook"));
untracked(() => fake.call("menuPublishForms"));

// The school: both banks filled directly, and the mentees' questionnaires in their response sheet.
const today = new Date(Date.UTC(2026, 10, 22));
/**
 * sampleSchool draws distinct full names from a finite list and never returns past ~8,000 people:
 * larger schools are made of several samples (other seeds), their e-mails made distinct.
 */
function bigSchool(m: number, n: number) {
  const out = { mentors: [] as Record<string, unknown>[], mentees: [] as Record<string, unknown>[] };
  for (let k = 0; out.mentors.length < m || out.mentees.length < n; k++) {
    const part = sampleSchool(today, 20260901 + k, {
      mentors: Math.min(500, m - out.mentors.length),
      mentees: Math.min(1500, n - out.mentees.length),
    });
    for (const [list, people] of [
      [out.mentors, part.mentors],
      [out.mentees, part.mentees],
    ] as const)
      for (const p of people) list.push(k === 0 ? p : { ...p, email: `${k}.${String(p.email)}` });
  }
  return out;
}
const school = bigSchool(mentors, mentees);
untracked(() => {
  for (const [sheet, people, prefix] of [
    ["Наставники", school.mentors, "Н"],
    ["Наставляемые", school.mentees, "НЯ"],
  ] as const) {
    const s = fake.sheet(sheet);
    const keys = s.row(1).map(String);
    s.model.maxRows = Math.max(s.model.maxRows, people.length + 1000);
    s.setValues(
      "A3",
      people.map((p, i) =>
        keys.map((k) => (k === "id" ? `${prefix}-${String(i + 1).padStart(4, "0")}` : (p[k] ?? ""))),
      ),
    );
  }
  const responses = fake.sheet("Ответы — Анкета наставляемого");
  const titles = responses.row(1).map(String);
  const byTitle: Record<string, string> = {
    ФИО: "full_name",
    "Кто вы": "category",
    "Класс (для обучающихся)": "class",
    "Форма наставничества": "form",
  };
  responses.model.maxRows = Math.max(responses.model.maxRows, mentees + 10);
  responses.setValues(
    "A2",
    school.mentees.map((p, i) =>
      titles.map((t) =>
        t === "Отметка времени"
          ? new Date(Date.UTC(2026, 8, 1, 8, 0, i))
          : t === "Адрес электронной почты"
            ? String(p.email)
            : t in byTitle
              ? String(p[byTitle[t]] ?? "")
              : "",
      ),
    ),
  );
});
const settings = fake.sheet("Настройки");
const keyCol = settings.row(1).indexOf("key");
const valueCol = String.fromCharCode(65 + settings.row(1).indexOf("value"));
const curatorRow = settings.values().findIndex((r) => r[keyCol] === "curator_editors") + 1;
untracked(() => settings.edit(`${valueCol}${curatorRow}`, "curator@school1.ru"));

measure("init (re-run)", () => fake.call("menuInitWorkbook"));
measure("one submission", () =>
  forms.submit("Анкета наставляемого", {
    email: "new.one@school1.ru",
    at: new Date(Date.UTC(2026, 8, 20, 9)),
    answers: {
      ФИО: "Новый Ученик",
      "Кто вы": "обучающийся",
      "Класс (для обучающихся)": "7А",
      "Форма наставничества": "ученик – ученик",
      "Ваши запросы к наставнику": ["Повышение успеваемости"],
    },
  }),
);
measure(
  "replay of every response",
  () => {
    fake.call("menuReplayResponses");
    for (let i = 0; i < 50 && fake.state.triggers.some((t) => t.handler === "continueJobs"); i++)
      fake.call("continueJobs");
  },
  () => `${mentees + 1} responses, chunks of 500`,
);
measure("match pairs", () => fake.call("menuMatchPairs"));
measure("approve pairs", () => fake.call("menuApprovePairs"));
measure("monitoring", () => fake.call("menuRecomputeMonitoring"));
measure("summary", () => fake.call("menuRefreshSummary"));
measure("documents: order", () => fake.call("menuDocOrder"));
measure("protect personal data", () => fake.call("menuProtectPersonalData"));
measure("check access", () => fake.call("menuCheckAccess"));
// The same kind of person at every size: the mentee of the first approved pair (in «Пары», meetings…).
const paired = untracked(() => {
  const rows = (name: string) => {
    const v = fake.sheet(name).values();
    const keys = v[0].map(String);
    return v.slice(2).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
  };
  const pair = rows("Пары").find((p) => p.status === "утверждена");
  return String(rows("Наставляемые").find((m) => m.id === pair?.mentee_id)?.email ?? school.mentees[0].email);
});
measure(
  "erase one person",
  () => {
    fake.state.promptResponses.push({ text: paired });
    fake.state.alertResponses.push("YES", "OK");
    fake.call("menuEraseConsent");
  },
  () => "bounded by the sheets: one block write (4 calls) per sheet that holds the person",
);
measure("full re-match (job)", () => {
  fake.state.alertResponses.push("YES");
  fake.call("menuRematchAll");
});

process.stdout.write(`${JSON.stringify({ participants, mentors, mentees, ops })}\n`);
