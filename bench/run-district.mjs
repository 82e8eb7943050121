#!/usr/bin/env node
/**
 * District roll-up benchmark runner: bundles bench/district.bench.ts with esbuild and runs it in a
 * fresh process for each size; prints the seconds `mentor district` takes over N packages.
 *
 *   node bench/run-district.mjs [--sizes 50,500] [--json]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const at = args.indexOf("--sizes");
const sizes = (at >= 0 ? args[at + 1] : "50,500").split(",").map(Number);
const asJson = args.includes("--json");

// Beside node_modules, so that the bundle's packages (exceljs, jszip, zod…) resolve.
const dir = join(here, "..", "node_modules", ".cache", `district-bench-${process.pid}`);
mkdirSync(dir, { recursive: true });
const bundle = join(dir, "district.bench.cjs");
await build({
  entryPoints: [join(here, "district.bench.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  outfile: bundle,
  logLevel: "error",
});
const results = [];
for (const n of sizes) {
  const r = spawnSync(process.execPath, [bundle, "--packages", String(n)], {
    encoding: "utf8",
    cwd: join(here, ".."),
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exitCode = 1;
    continue;
  }
  results.push(JSON.parse(r.stdout.trim().split("\n").pop()));
}
rmSync(dir, { recursive: true, force: true });
if (asJson) console.log(JSON.stringify(results));
else {
  console.log("Пакетов | mentor district, с | учтено | участников (сумма)");
  for (const r of results)
    console.log(
      `${String(r.packages).padStart(7)} | ${r.seconds.toFixed(1).padStart(18)} | ${String(r.accepted).padStart(6)} | ${r.participants}`,
    );
  console.log("Цель (issue 19): 500 пакетов быстрее 30 с.");
}
