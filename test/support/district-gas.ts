/**
 * The department's «Район» bundle (dist-district/) under gas-local with the fake, and a Drive folder
 * of packages made by core from the sample school under other names: for test/gas/district*.test.ts.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type * as vm from "node:vm";
import JSZip from "jszip";
import { noProgress } from "../../src/core/ports";
import { makePackage } from "../../src/core/usecases/district";
import { initWorkbook } from "../../src/core/usecases/init";
import { Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { createGasFake, type GasFake } from "../gas-fake";
import { type DocumentsControl, installDocumentApp } from "../gas-fake/document";
import { installDriveApp } from "../gas-fake/drive";
import { MemoryWorkbook } from "./memory-workbook";

export const DIST = resolve(__dirname, "../../dist-district");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const NOW = Date.UTC(2027, 4, 20, 7, 0);

export const manifest = () => JSON.parse(readFileSync(join(DIST, "appsscript.json"), "utf8"));

/** The district bundle under gas-local: Sheets, DocumentApp, Drive (DriveApp, the API, UrlFetchApp). */
export function district(): { fake: GasFake & { context: vm.Context }; docs: DocumentsControl } {
  if (!existsSync(join(DIST, "Code.js")))
    throw new Error("dist-district/Code.js is missing: run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "gas-district-"));
  copyFileSync(join(DIST, "Code.js"), join(dir, "Code.js"));
  const fake = createGasFake({ oauthScopes: manifest().oauthScopes, now: () => NOW });
  const docs = installDocumentApp(fake);
  installDriveApp(fake, docs.drive.store);
  const context = fake.loadScript(dir);
  return { fake: Object.assign(fake, { context }), docs };
}

/** The sample school's package under another name (no year played: the counts of its banks). */
let base: MemoryWorkbook | null = null;
function sample(): MemoryWorkbook {
  if (base) return base;
  base = new MemoryWorkbook();
  const clock = { now: () => new Date(NOW) };
  initWorkbook({ workbook: base, clock, progress: noProgress });
  seedSampleSchool(base, sampleSchool(new Date(NOW)), noProgress);
  return base;
}
export function packageOf(name: string): { bytes: Uint8Array; participants: number; mentors: number } {
  const wb = sample();
  const settings = Table.load(wb, "settings");
  for (const r of settings.rowIndexes()) {
    if (settings.get(r, "key") === "school_name") settings.set(r, "value", name);
    if (settings.get(r, "key") === "school_short") settings.set(r, "value", name);
  }
  settings.flush(wb);
  const made = makePackage({ workbook: wb, clock: { now: () => new Date(NOW) } });
  return {
    bytes: made.bytes,
    participants: made.package.fsn.participants,
    mentors: made.package.mentors.total,
  };
}

/** A folder of `n` packages, one edited by hand (re-saved deflated by JSZip), one sent twice, one trashed, one PDF. */
export async function folder(docs: DocumentsControl, n: number): Promise<{ id: string; mentors: number }> {
  const store = docs.drive.store;
  const f = store.addFolder("Пакеты школ");
  const put = (name: string, bytes: Uint8Array, mime = XLSX) => {
    const file = store.addFile(name, mime, Buffer.from(bytes));
    file.parents = [f.id];
    return file;
  };
  let mentors = 0;
  for (let i = 1; i <= n; i++) {
    const p = packageOf(`Школа № ${i}`);
    mentors += p.mentors;
    put(`пакет ${String(i).padStart(3, "0")}.xlsx`, p.bytes);
  }
  put(`пакет ${String(1).padStart(3, "0")} ещё раз.xlsx`, packageOf("Школа № 1").bytes);
  // Edited by hand: a figure of «Данные» changed, the archive saved again deflated.
  const zip = await JSZip.loadAsync(packageOf("Школа правленая").bytes);
  const sheet = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
  zip.file(
    "xl/worksheets/sheet2.xml",
    sheet.replace(
      /(<c r="B\d+"><v>)(\d+)(<\/v><\/c><\/row><row r="\d+"><c r="A\d+" t="inlineStr"><is><t xml:space="preserve">mentors\.candidates)/,
      "$1999$3",
    ),
  );
  const edited = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  put("правленый.xlsx", edited);
  put("в корзине.xlsx", packageOf("Школа из корзины").bytes).trashed = true;
  put("положение.pdf", new Uint8Array([37, 80, 68, 70]), "application/pdf");
  return { id: f.id, mentors };
}

export function setFolder(fake: GasFake, id: string): void {
  fake.state.promptResponses.push({
    button: "OK",
    text: `https://drive.google.com/drive/folders/${id}?usp=sharing`,
  });
  fake.call("menuDistrictFolder");
}

export const continuations = (fake: GasFake) =>
  fake.state.triggers.filter((t) => t.handler === "continueDistrict");
