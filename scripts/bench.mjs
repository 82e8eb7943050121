// npm run bench: every benchmark of the project, printing figures (never pass/fail).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const benches = [
  ["Подбор пар (matching)", "bench/run-matching.mjs"],
  ["Apps Script: вызовы сервиса таблиц", "bench/run-gas-calls.mjs"],
  ["Сводка района: 500 отчётных пакетов (mentor district)", "bench/run-district.mjs"],
  ["Офлайн: пиковая память и время команд", "bench/run-offline-memory.mjs"],
];
let failed = 0;
for (const [title, file] of benches) {
  if (!existsSync(join(root, file))) continue;
  console.log(`\n== ${title} ==`);
  const r = spawnSync(process.execPath, [join(root, file), ...process.argv.slice(2)], {
    stdio: "inherit",
    cwd: root,
  });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
