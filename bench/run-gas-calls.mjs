#!/usr/bin/env node
/**
 * Apps Script benchmark: service calls and an estimated run time per operation at 100, 1,000 and
 * 10,000 participants. Bundles bench/gas-calls.bench.ts with esbuild, runs it once per size in a
 * fresh process (dist/Code.js under gas-local with the in-memory fakes of test/gas-fake, which count
 * every call the script makes), and prints a table — or, with --json,
 * `{ operation: { participants: { calls, seconds, executions, totalSeconds } } }`: the calls and
 * estimated seconds of one execution (a job: its heaviest), the executions the operation takes (a
 * job: its first and every continuation; 1 otherwise) and their estimated time in all (for a job,
 * the trigger time it takes of the account's day: 90 minutes for a gmail.com account).
 *
 *   node bench/run-gas-calls.mjs [--sizes 100,1000,10000] [--json]
 *
 * «calls» are the service calls of one execution (a job: of its heaviest execution), every service
 * but Utilities and HTTPResponse: Utilities.formatDate and the like, and reading a response
 * UrlFetchApp has fetched, compute inside the Apps Script runtime and reach no Google server (they are priced in the seconds all the same, and listed by service in the table).
 *
 * The time model (bench/latency.mjs) is an estimate, not a measurement of Google's servers: a
 * latency per call of each service, with its source or the reasoning behind the estimate.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

import { CELL_MS, CPU_FACTOR, estimateMs, METHOD_MS, remoteCalls, SERVICE_MS } from "./latency.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

async function main() {
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
      { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 },
    );
    if (res.status !== 0) {
      process.stderr.write(res.stderr);
      process.exitCode = 1;
      continue;
    }
    if (res.stderr.trim() !== "" && !asJson) process.stderr.write(res.stderr);
    runs.push(JSON.parse(res.stdout.trim().split("\n").pop()));
    if (!asJson) process.stderr.write(`${n} participants: done\n`);
  }
  rmSync(dir, { recursive: true, force: true });

  if (asJson) {
    const out = {};
    for (const r of runs)
      for (const op of r.ops) {
        out[op.name] ??= {};
        out[op.name][r.participants] = {
          calls: remoteCalls(op),
          seconds: Math.round(estimateMs(op) / 100) / 10,
          executions: op.executions,
          totalSeconds: Math.round((op.totalMs ?? estimateMs(op)) / 100) / 10,
          ...(op.extrapolated ? { extrapolated: true } : {}),
        };
      }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }

  const seconds = (ms) => (ms < 60000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60000).toFixed(1)} min`);
  const names = runs[0]?.ops.map((o) => o.name) ?? [];
  const sizeLabel = (r) => r.participants.toLocaleString("en");
  const header = [
    "operation",
    ...runs.map((r) => `calls @${sizeLabel(r)}`),
    ...runs.map((r) => `est. @${sizeLabel(r)}`),
    ...runs.map((r) => `runs, total @${sizeLabel(r)}`),
    `by service @${runs.at(-1) ? sizeLabel(runs.at(-1)) : "—"}`,
  ];
  const table = names.map((name) => {
    const per = runs.map((r) => r.ops.find((o) => o.name === name));
    const last = per.at(-1);
    const services = last
      ? Object.entries(last.byService)
          .sort((a, b) => b[1] - a[1])
          .map(([s, c]) => `${s} ${c}`)
          .join(", ")
      : "";
    return [
      name,
      ...per.map((o) => (!o ? "—" : `${remoteCalls(o)}${o.grow ? ` (${o.grow} grow)` : ""}`)),
      ...per.map((o) => (o ? seconds(estimateMs(o)) : "—")),
      ...per.map((o) =>
        o ? `${o.extrapolated ? "≈" : ""}${o.executions} × = ${seconds(o.totalMs ?? estimateMs(o))}` : "—",
      ),
      services || "—",
    ];
  });
  const widths = header.map((h, k) => Math.max(h.length, ...table.map((r) => r[k].length)));
  const line = (cells) => `| ${cells.map((c, k) => c.padEnd(widths[k])).join(" | ")} |`;
  console.log("Apps Script: service calls and estimated time per execution (dist/Code.js, gas-local, fakes)");
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of table) console.log(line(r));
  console.log(
    "calls: every service but Utilities and HTTPResponse (local), in one execution (a job: its heaviest). " +
      "runs, total: the executions the operation takes and their estimated time in all (a job's trigger time; " +
      "≈: extrapolated from its first 40 executions by its progress). " +
      "«grow»: insertRowsAfter when a sheet outgrows its grid (1,000 rows at a time). A quarter of the " +
      "participants are mentors. An execution over 6 min cannot run in Apps Script.",
  );
  console.log(
    `Time model (estimates, sources in bench/run-gas-calls.mjs): per call ${Object.entries(SERVICE_MS)
      .filter(([, ms]) => ms > 0)
      .map(([s, ms]) => `${s} ${ms} ms`)
      .join(", ")}; ${Object.entries(METHOD_MS)
      .map(([m, ms]) => `${m} ${ms / 1000} s`)
      .join(", ")}; cells × ${CELL_MS} ms; Node time × ${CPU_FACTOR}.`,
  );
  for (const r of runs) {
    const notes = r.ops.filter((o) => o.note).map((o) => `${o.name}: ${o.note}`);
    const cellsLine = r.ops.map((o) => `${o.name} ${o.cells.toLocaleString("en")}`).join("; ");
    console.log(`${sizeLabel(r)} participants — cells read+written: ${cellsLine}`);
    if (notes.length > 0) console.log(`  notes: ${notes.join("; ")}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
