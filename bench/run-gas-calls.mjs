#!/usr/bin/env node
/**
 * Apps Script benchmark: Spreadsheet service calls and an estimated run time per operation at 100,
 * 1,000 and 10,000 participants. Bundles bench/gas-calls.bench.ts with esbuild, runs it once per
 * size in a fresh process (dist/Code.js under gas-local with the in-memory fakes of test/gas-fake),
 * and prints a table.
 *
 *   node bench/run-gas-calls.mjs [--sizes 100,1000,10000] [--json]
 *
 * Time model (an estimate, not a measurement of Google's servers): every Spreadsheet service call
 * costs CALL_MS (a round trip), every cell read or written CELL_MS, and the script's own work takes
 * CPU_FACTOR times what it takes in Node here (Apps Script runs the same V8, on shared machines).
 * Figures from experience of Apps Script: a call 20–100 ms, getValues/setValues about 1–3 s per
 * 100,000 cells.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const CALL_MS = 40;
const CELL_MS = 0.02;
const CPU_FACTOR = 3;

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 && k + 1 < args.length ? args[k + 1] : fallback;
};
const sizes = opt("sizes", "100,1000,10000").split(",").map(Number);
const asJson = args.includes("--json");

const dir = mkdtempSync(join(tmpdir(), "gas-calls-bench-"));
const bundle = join(dir, "gas-calls.bench.cjs");
await build({
  entryPoints: [join(here, "gas-calls.bench.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile: bundle,
  logLevel: "error",
});

const runs = [];
for (const n of sizes) {
  const res = spawnSync(
    process.execPath,
    ["--max-old-space-size=8192", bundle, "--participants", String(n)],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 26,
    },
  );
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    process.exitCode = 1;
    continue;
  }
  if (res.stderr.trim() !== "") process.stderr.write(res.stderr);
  runs.push(JSON.parse(res.stdout.trim().split("\n").pop()));
  if (!asJson) process.stderr.write(`${n} participants: done\n`);
}
rmSync(dir, { recursive: true, force: true });

const estimate = (op) => op.spreadsheet * CALL_MS + op.cells * CELL_MS + op.ms * CPU_FACTOR;
const seconds = (ms) =>
  ms < 1000
    ? `${(ms / 1000).toFixed(2)} s`
    : ms < 60000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${(ms / 60000).toFixed(1)} min`;

if (asJson) {
  process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
} else {
  const names = runs[0]?.ops.map((o) => o.name) ?? [];
  const header = [
    "operation",
    ...runs.map((r) => `calls @${r.participants.toLocaleString("en")}`),
    ...runs.map((r) => `est. @${r.participants.toLocaleString("en")}`),
    "other services @max",
    "calls vs rows",
  ];
  const table = names.map((name) => {
    const per = runs.map((r) => r.ops.find((o) => o.name === name));
    // Calls apart from growing a full sheet's grid (one call per sheet that reaches its last row).
    const steady = per.map((o) => (o ? o.spreadsheet - (o.grow ?? 0) : null));
    const last = per.at(-1);
    const others = last
      ? Object.entries(last.byService)
          .filter(([s]) => s !== "Spreadsheet")
          .map(([s, c]) => `${s} ${c}`)
          .join(", ")
      : "";
    const flat = steady.every((c) => c === steady[0]);
    const known = steady.filter((c) => c !== null);
    const grows = known.length > 1 && known.at(-1) > known[0];
    return [
      name,
      ...per.map((o) => (!o ? "—" : o.grow ? `${o.spreadsheet} (${o.grow} grow)` : String(o.spreadsheet))),
      ...per.map((o) => (o ? seconds(estimate(o)) : "—")),
      others || "—",
      name.startsWith("replay")
        ? "flat per chunk; chunks = rows / 500"
        : flat
          ? "flat"
          : grows
            ? (last?.note ?? "GROWS")
            : `no growth (${Math.min(...known)}–${Math.max(...known)})`,
    ];
  });
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => r[k].length)));
  const line = (cells) => `| ${cells.map((c, k) => c.padEnd(widths[k])).join(" | ")} |`;
  console.log(
    "Apps Script: Spreadsheet service calls and estimated time per operation (dist/Code.js, gas-local, fakes)",
  );
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of table) console.log(line(r));
  console.log(
    `Estimate = calls × ${CALL_MS} ms + cells read/written × ${CELL_MS} ms + Node time here × ${CPU_FACTOR}. ` +
      "A quarter of the participants are mentors. «replay» goes through the job in chunks of 500 rows " +
      "(more executions past 4.5 min); every other operation makes the same number of calls at any size, " +
      "apart from «grow»: one insertRowsAfter when a sheet outgrows its grid (1,000 rows at a time). " +
      "An estimate over 6 min cannot run in one Apps Script execution.",
  );
  for (const r of runs) {
    const cellsLine = r.ops.map((o) => `${o.name} ${o.cells.toLocaleString("en")}`).join("; ");
    console.log(`${r.participants.toLocaleString("en")} participants — cells read+written: ${cellsLine}`);
  }
}
