/**
 * Issue 19, item 4: a Drive folder of 500 packages rolls up in Apps Script as a job whose every
 * execution stays within six minutes, under the latency model of `npm run bench` (bench/latency.mjs:
 * a Drive API request and a download 300 ms, a Blob call 20 ms…). Prints the modelled executions.
 * DISTRICT_N=… changes the number of packages.
 */
import * as vm from "node:vm";
import { DISTRICT_SHEETS } from "../../src/core/district/sheets";
import { continuations, district, folder, setFolder } from "../support/district-gas";

// bench/latency.mjs's figures (ms a call), with the Drive API and a download at 300 ms.
const SERVICE_MS: Record<string, number> = {
  Spreadsheet: 40,
  Sheets: 300,
  Docs: 300,
  DocumentApp: 15,
  DriveApp: 200,
  ScriptApp: 150,
  PropertiesService: 30,
  LockService: 30,
  Base: 20,
  Ui: 100,
  Utilities: 0.05,
};
const METHOD_MS: Record<string, number> = {
  "DocumentApp.create": 1000,
  "DocumentApp.openById": 500,
  "Document.saveAndClose": 1000,
};
const N = Number(process.env.DISTRICT_N ?? 500);
it(`${N} packages in a Drive folder: executions within six minutes (the bench's latency model)`, async () => {
  const { fake, docs } = district();
  const t0 = Date.now();
  const f = await folder(docs, N);
  const made = Date.now() - t0;
  setFolder(fake, f.id);
  fake.calls.reset();
  // A download (UrlFetchApp.fetch) at 300 ms, its response's getters free; a files.list at 300 ms.
  const ms: Record<string, number> = { ...SERVICE_MS, Drive: 300, UrlFetchApp: 0 };
  const per: Record<string, number> = { ...METHOD_MS, "UrlFetchApp.fetch": 300 };
  const start = Date.now();
  // The script's clock moves by the calls made, each at its service's (or method's) latency.
  const simNow = () => {
    let t = start;
    for (const [key, n] of Object.entries(fake.calls.snapshot())) t += n * (per[key] ?? 0);
    for (const [sv, n] of Object.entries(fake.calls.byService())) t += n * (ms[sv] ?? 50);
    return t;
  };
  (fake.context as Record<string, unknown>).__simNow = simNow;
  vm.runInContext("Date.now = function () { return __simNow(); };", fake.context);
  const durations: number[] = [];
  let before = simNow();
  const w0 = Date.now();
  fake.call("menuDistrictRollUp");
  durations.push(simNow() - before);
  while (continuations(fake).length > 0) {
    before = simNow();
    fake.call("continueDistrict");
    durations.push(simNow() - before);
  }
  process.stdout.write(
    `N=${N} packages made in ${made} ms; gas-local ${Date.now() - w0} ms; executions ${durations.length}: ${durations.map((d) => (d / 1000).toFixed(0)).join(", ")} s; calls ${JSON.stringify(fake.calls.byService())}; last toast: ${fake.state.toasts.at(-1)?.message}\n`,
  );
  for (const d of durations) expect(d).toBeLessThan(6 * 60_000);
  expect(String(fake.sheet(DISTRICT_SHEETS.totals).values()[1][0])).toMatch(
    new RegExp(`^Учтено пакетов: ${N}; не учтено: 2;`),
  );
}, 600_000);
