#!/usr/bin/env node
/**
 * Offline benchmark: peak memory and time of every `mentor` command on a large school (issue 15,
 * item 6: at 3,000 mentors, 10,000 mentees and 90,000 meetings every command should stay under
 * 1 GB, a school PC's share). For each size it makes the school once (bench/offline-school.bench.ts:
 * both banks, half the mentees in approved pairs, the roadmap, the meetings), then runs each command
 * on a fresh copy in its own process (lib/mentor.cjs, as `mentor` runs) and prints its peak resident
 * memory (process.resourceUsage().maxRSS, read as the process exits) and wall time.
 *
 *   node bench/run-offline-memory.mjs [--sizes 300x1000x9000,3000x10000x90000] [--only monitor,summary] [--json]
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 && k + 1 < args.length ? args[k + 1] : fallback;
};
const sizes = opt("sizes", "300x1000x9000,3000x10000x90000")
  .split(",")
  .map((s) => s.split("x").map(Number));
const only = opt("only", "").split(",").filter(Boolean);
const asJson = args.includes("--json");
const LIMIT_MB = 1024;

const built = join(root, "lib", "mentor.cjs");
if (!existsSync(built)) {
  process.stderr.write("Нет lib/mentor.cjs: сначала npm run build.\n");
  process.exit(1);
}
// A copy beside it (its packages resolve from the same node_modules), so a build meanwhile
// does not change the program being measured.
const mentor = join(root, "lib", `mentor-bench-${process.pid}.cjs`);
copyFileSync(built, mentor);
process.on("exit", () => rmSync(mentor, { force: true }));

const dir = mkdtempSync(join(tmpdir(), "offline-memory-bench-"));
const generator = join(dir, "offline-school.cjs");
await build({
  entryPoints: [join(here, "offline-school.bench.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile: generator,
  logLevel: "error",
});
// Read by every measured process as it exits: its peak resident memory.
const probe = join(dir, "peak.cjs");
writeFileSync(
  probe,
  `process.on("exit", () => require("fs").writeFileSync(process.env.MENTOR_BENCH_PEAK, String(process.resourceUsage().maxRSS)));\n`,
);

/** The commands measured, each with its arguments (FILE: the workbook, DIR: a scratch folder). */
const COMMANDS = [
  ["init", []],
  ["monitor", []],
  ["summary", []],
  ["summary --write", ["--write"]],
  ["roadmap refresh", ["refresh"]],
  ["remind", ["--outbox", "DIR/outbox"]],
  ["match", []],
  ["approve --all", ["--all"]],
  ["doc order", ["order", "--out", "DIR/documents"]],
  ["doc analysis", ["analysis", "--out", "DIR/documents"]],
  ["doc report", ["report", "--out", "DIR/documents"]],
  ["erase", ["1.ivanov@school1.ru"]],
  ["close-cycle", []],
].filter(([name]) => only.length === 0 || only.some((o) => name.startsWith(o)));

const results = [];
for (const [mentors, mentees, meetings] of sizes) {
  const size = `${mentors}/${mentees}/${meetings}`;
  const school = join(dir, `school-${mentors}-${mentees}-${meetings}.xlsx`);
  const made = spawnSync(
    process.execPath,
    [
      "--max-old-space-size=8192",
      generator,
      "--out",
      school,
      "--mentors",
      String(mentors),
      "--mentees",
      String(mentees),
      "--meetings",
      String(meetings),
    ],
    { encoding: "utf8" },
  );
  if (made.status !== 0) {
    process.stderr.write(made.stderr);
    process.exit(1);
  }
  if (!asJson)
    process.stdout.write(`\nШкола ${size} (наставники/наставляемые/встречи): ${made.stdout.trim()}\n`);
  for (const [name, extra] of COMMANDS) {
    const work = join(dir, "work");
    rmSync(work, { recursive: true, force: true });
    const file = join(dir, "book.xlsx");
    copyFileSync(school, file);
    const peakFile = join(dir, "peak.txt");
    rmSync(peakFile, { force: true });
    const command = name.split(" ")[0];
    const argv = [
      "--require",
      probe,
      mentor,
      command,
      ...extra.map((a) => a.replace("DIR", work)),
      "--file",
      file,
      "--today",
      "22.11.2026",
      "--quiet",
    ];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, argv, {
      encoding: "utf8",
      env: { ...process.env, MENTOR_BENCH_PEAK: peakFile },
      maxBuffer: 1 << 26,
    });
    const seconds = (performance.now() - t0) / 1000;
    const peakMb = existsSync(peakFile) ? Math.round(Number(readFileSync(peakFile, "utf8")) / 1024) : null;
    const lastLine = `${r.stdout}${r.stderr}`.trim().split("\n").filter(Boolean).slice(-1)[0] ?? "";
    results.push({ size, command: name, peakMb, seconds: Math.round(seconds * 10) / 10, exit: r.status });
    if (!asJson)
      process.stdout.write(
        `  ${name.padEnd(16)} ${String(peakMb ?? "?").padStart(6)} МБ ${seconds.toFixed(1).padStart(7)} с  код ${r.status}${
          peakMb !== null && peakMb > LIMIT_MB ? "  > 1 ГБ" : ""
        }${r.status !== 0 ? `  ${lastLine.slice(0, 160)}` : ""}\n`,
      );
  }
}
rmSync(dir, { recursive: true, force: true });
if (asJson) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
