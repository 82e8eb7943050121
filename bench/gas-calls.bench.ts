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
import * as vm from "node:vm";
import { sampleSchool } from "../src/demo/sample";
import { createGasFake } from "../test/gas-fake";
import { installDocumentApp } from "../test/gas-fake/document";
import { installFormApp } from "../test/gas-fake/forms";
import { FakeRange } from "../test/gas-fake/range";
import { CELL_MS, CPU_FACTOR, callMs, estimateMs, remoteCalls } from "./latency.mjs";

const args = process.argv.slice(2);
const participants = Number(args[args.indexOf("--participants") + 1] || 100);
const mentors = Math.round(participants / 4);
const mentees = participants - mentors;

// Cells read and written, for the time estimate.
let cells = 0;
/** Moves the script's clock on for `n` cells read or written (set once the script is loaded). */
let cellsClock = (_n: number) => {};
const getValues = FakeRange.prototype.getValues;
const setValues = FakeRange.prototype.setValues;
FakeRange.prototype.getValues = function (this: FakeRange) {
  const v = getValues.call(this);
  cells += v.length * (v[0]?.length ?? 0);
  cellsClock(v.length * (v[0]?.length ?? 0));
  return v;
};
FakeRange.prototype.setValues = function (this: FakeRange, values: unknown[][]) {
  cells += values.length * (values[0]?.length ?? 0);
  cellsClock(values.length * (values[0]?.length ?? 0));
  return setValues.call(this, values);
};

const dir = mkdtempSync(join(tmpdir(), "gas-bench-"));
// GAS_DIST names another build (as for the tests, test/support/gas.ts).
copyFileSync(
  resolve(process.env.GAS_DIST ?? resolve(process.cwd(), "dist"), "Code.js"),
  join(dir, "Code.js"),
);
const fake = createGasFake({ mailQuota: 1000 });
const forms = installFormApp(fake);
// No daily quota of documents here: the bench measures executions, not days (quotas.ts has its tests).
installDocumentApp(fake, { docsCreatedPerDay: 1_000_000 });
const context = fake.loadScript(dir);
rmSync(dir, { recursive: true, force: true });

/**
 * The script's clock runs by the time model (bench/latency.mjs): the script realm's Date.now()
 * moves on by each counted call's estimated latency and each cell read or written, and its own
 * work runs CPU_FACTOR times slower, so a job's stopwatch (src/gas/jobs.ts) ends an execution after
 * 4.5 minutes of modelled time, as it would in Apps Script, not of Node's.
 */
const advance = vm.runInContext(
  `(function () { var now = Date.now, start = now(), skew = 0;
    Date.now = function () { return start + (now() - start) * ${CPU_FACTOR} + skew; };
    return function (ms) { skew += ms; }; })()`,
  context,
) as (ms: number) => void;
cellsClock = (n: number) => advance(n * CELL_MS);
let modelledMs = 0;
const track = fake.calls.track;
fake.calls.track = function <T>(this: typeof fake.calls, service: string, key: string, fn: () => T): T {
  const before = this.count(key);
  return track.call(this, service, key, () => {
    if (this.count(key) > before) {
      const ms = callMs(service, key);
      modelledMs += ms;
      advance(ms);
    }
    return fn();
  }) as T;
};

/** One execution of an operation (a job's heaviest execution, when it took several). */
interface Measure {
  name: string;
  /** Calls by service ("Spreadsheet", "FormApp", "DocumentApp", "Utilities"...). */
  byService: Record<string, number>;
  /** Calls by "Type.method", for the methods the time model prices on their own. */
  byMethod: Record<string, number>;
  /** Calls that add rows or columns to a full sheet (once per 1,000 rows a sheet gains). */
  grow: number;
  cells: number;
  /** Node time of the execution. */
  ms: number;
  /** The execution's calls priced by the time model (bench/latency.mjs). */
  callMs: number;
  /** Executions the operation took (a job continued by triggers), 1 otherwise. */
  executions: number;
  /** The estimated time of all its executions (bench/latency.mjs), ms. */
  totalMs: number;
  /** Executions and total time extrapolated from the first ones (a job too long to run to its end here). */
  extrapolated?: boolean;
  /** A job's units of work in all (programmes, rows…), as its progress counts them. */
  units?: number;
  note?: string;
}
const ops: Measure[] = [];

/** Calls of one execution. */
function take(): Pick<Measure, "byService" | "byMethod" | "grow"> {
  return {
    byService: fake.calls.byService(),
    byMethod: fake.calls.snapshot(),
    grow: fake.calls.count("Sheet.insertRowsAfter") + fake.calls.count("Sheet.insertColumnsAfter"),
  };
}

/** The progress [done, total] of the job under way (its marker in the script properties), if any. */
function jobProgress(): [number, number] | null {
  for (const [key, value] of Object.entries(fake.state.properties.script))
    if (key.includes(".job."))
      try {
        const p = (JSON.parse(String(value)) as { progress?: [number, number] }).progress;
        if (p) return p;
      } catch (_e) {
        // Not a marker.
      }
  return null;
}

/**
 * Measures an operation: `first` is its execution (a menu item or a trigger); a job's continuations
 * (`continueJobs`, fired by its one-off trigger) follow, one execution each, up to `maxExecutions`.
 * The heaviest execution is what must fit in six minutes; the count of executions and their total
 * estimated time are recorded — for a job stopped at `maxExecutions`, extrapolated from its progress
 * (the executions measured, times the work left over the work they did).
 */
function measureRuns(name: string, first: () => void, maxExecutions: number, note?: () => string): void {
  if (process.env.BENCH_PROGRESS) process.stderr.write(`${participants}: ${name}…\n`);
  let worst: Measure | null = null;
  let count = 0;
  let totalMs = 0;
  let progress: [number, number] | null = null;
  let run: (() => void) | null = first;
  while (run && count < maxExecutions) {
    fake.calls.reset();
    cells = 0;
    modelledMs = 0;
    const t0 = performance.now();
    run();
    const ms = performance.now() - t0;
    count++;
    const m: Measure = { name, ...take(), cells, ms, callMs: modelledMs, executions: 1, totalMs: 0 };
    totalMs += estimateMs(m);
    progress = jobProgress() ?? progress;
    // BENCH_DETAIL="one submission" prints the calls of one operation by method.
    if (process.env.BENCH_DETAIL === name)
      process.stderr.write(`${name} #${count}: ${JSON.stringify(fake.calls.snapshot())}\n`);
    if (
      !worst ||
      remoteCalls(m) > remoteCalls(worst) ||
      (remoteCalls(m) === remoteCalls(worst) && m.ms > worst.ms)
    )
      worst = m;
    // The job's continuation: its one-off trigger, fired as its owner (spent ones stay listed).
    const next = fake.state.triggers.find((t) => t.handler === "continueJobs" && !t.spent);
    run = next ? () => void fake.fireTrigger(next.id) : null;
  }
  const alert = fake.state.alerts.at(-1);
  if (alert && /Наставничество:/.test(alert.prompt) && !/Отзыв|Проверка/.test(alert.title))
    process.stderr.write(`${name}: ${alert.prompt}\n`);
  if (!worst) return;
  // Stopped before its end: the rest at the pace of the executions measured.
  const left = run !== null && progress !== null && progress[0] > 0 ? progress[1] - progress[0] : 0;
  const executions = left > 0 ? count + Math.ceil((left * count) / (progress as [number, number])[0]) : count;
  ops.push({
    ...worst,
    executions,
    totalMs: left > 0 ? (totalMs * executions) / count : totalMs,
    ...(left > 0 ? { extrapolated: true } : {}),
    ...(progress ? { units: progress[1] } : {}),
  });
  // The note may read the measure just pushed.
  if (note) ops[ops.length - 1].note = note();
  if (left > 0) {
    // The job's rest is not run: its continuation and its marker go, so that the next one starts
    // on its own (as if the curator had waited for it).
    for (const t of fake.state.triggers.filter((x) => x.handler === "continueJobs")) t.spent = true;
    for (const key of Object.keys(fake.state.properties.script))
      if (key.includes(".job.")) delete fake.state.properties.script[key];
  }
}

function measure(name: string, fn: () => void, note?: () => string): void {
  measureRuns(name, fn, 1, note);
}

/**
 * A job: its first execution and its continuations (at most `max`), counted per execution. Another
 * job left under way by an earlier operation is run to its end first (its continuations fired,
 * unmeasured), so that the job's executions are its own: a continuation resumes every job under way.
 */
function measureJob(name: string, start: () => void, note?: () => string, max = 50): void {
  const left = Object.keys(fake.state.properties.script).filter((k) => k.includes(".job."));
  if (left.length > 0) {
    let fired = 0;
    for (
      let t = fake.state.triggers.find((x) => x.handler === "continueJobs" && !x.spent);
      t && fired < 200;
      t = fake.state.triggers.find((x) => x.handler === "continueJobs" && !x.spent)
    ) {
      fake.fireTrigger(t.id);
      fired++;
    }
    process.stderr.write(
      `${participants}: before «${name}», ${left.join(", ")} under way: ${fired} continuations\n`,
    );
  }
  measureRuns(name, start, max, note);
}

const untracked = <T>(fn: () => T) => fake.calls.untracked(fn);
/** Documents a gmail.com account may create a day (developers.google.com/apps-script/guides/services/quotas). */
const CONSUMER_DOCS_PER_DAY = 250;

measure("init (new workbook)", () => fake.call("menuInitWorkbook"));
measure("forms (first run)", () => fake.call("menuPublishForms"));
measure("forms (nothing changed)", () => fake.call("menuPublishForms"));

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
measureJob(
  "replay of every response (job)",
  () => fake.call("menuReplayResponses"),
  () => `${mentees + 1} responses, chunks of 500`,
);
measure("match pairs", () => fake.call("menuMatchPairs"));
measure("approve pairs", () => fake.call("menuApprovePairs"));
measure("monitoring", () => fake.call("menuRecomputeMonitoring"));
measure("roadmap: load template", () => {
  fake.state.promptResponses.push({ text: "1" });
  fake.call("menuRoadmapLoadTemplate");
});
measure("roadmap: refresh", () => fake.call("menuRoadmapRefresh"));
measure("roadmap: reminders now", () => fake.call("menuRoadmapRemindNow"));
measure("summary", () => fake.call("menuRefreshSummary"));
measure("documents: order", () => fake.call("menuDocOrder"));
measure("documents: analysis", () => fake.call("menuDocAnalysis"));
measure("documents: report", () => fake.call("menuDocReport"));
// The programs job makes one document per approved pair: run to its end (at most 40 executions,
// the rest extrapolated). The bench lifts the day's quota of new documents; the note says how many
// days a gmail.com account's 250 a day make it take.
measureJob(
  "documents: programs (job)",
  () => fake.call("menuDocPrograms"),
  () => {
    const op = ops.at(-1);
    // The programmes remembered in the document properties (one ID each), if the job said no total.
    const n =
      op?.units ?? Object.keys(fake.state.properties.document).filter((k) => k.includes("|program:")).length;
    const per = op ? n / op.executions : 0;
    const days = Math.ceil(n / CONSUMER_DOCS_PER_DAY);
    const perDay = op && n > 0 ? (op.totalMs * Math.min(n, CONSUMER_DOCS_PER_DAY)) / n / 60000 : 0;
    return (
      `${n} programmes, ${per.toFixed(1)} per execution; at ${CONSUMER_DOCS_PER_DAY} new Docs a day ` +
      `(gmail.com) ${days} day${days === 1 ? "" : "s"}, ${perDay.toFixed(1)} min of triggers a day (90 allowed)`
    );
  },
  40,
);

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
measureJob("full re-match (job)", () => {
  fake.state.alertResponses.push("YES");
  fake.call("menuRematchAll");
});

measureJob("close the cycle (job)", () => {
  fake.state.alertResponses.push("YES");
  fake.call("menuCloseCycle");
});

process.stdout.write(`${JSON.stringify({ participants, mentors, mentees, ops })}\n`);
