/**
 * The district roll-up at scale (issue 19: 500 packages under 30 s offline). The demo school's year
 * is played (`mentor demo`), its package made (`mentor package`), and N packages written from it
 * under N identities (each its own checksum, figures varied a little); then `mentor district` reads
 * the folder, rolls up and writes the district workbook and its .docx report — timed whole, in this
 * process. Prints one JSON line: {packages, seconds, accepted, participants}.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageXlsx } from "../src/core/district/package-file";
import { run } from "../src/offline/cli";
import { readPackageBytes } from "../src/offline/district";
import { XlsxWorkbook } from "../src/offline/xlsx-workbook";

const args = process.argv.slice(2);
const count = Number(args[args.indexOf("--packages") + 1] || 500);
const dir = mkdtempSync(join(tmpdir(), "district-bench-"));
const quiet = () => {};

async function main() {
  const demo = join(dir, "demo.xlsx");
  if ((await run(["demo", "--file", demo, "--today", "20.05.2027", "--quiet"], quiet)) !== 0)
    throw new Error("demo failed");
  const one = join(dir, "one");
  if ((await run(["package", "--file", demo, "--out", one, "--today", "20.05.2027", "--quiet"], quiet)) !== 0)
    throw new Error("package failed");
  const template = (await readPackageBytes(readFileSync(join(one, readdirSync(one)[0])))).package!;
  const packages = join(dir, "packages");
  mkdirSync(packages);
  const when = new Date(Date.UTC(2027, 4, 20, 10, 0));
  for (let i = 1; i <= count; i++) {
    const p = structuredClone(template);
    p.school = { ...p.school, name: `Школа № ${i}`, short: `СОШ № ${i}` };
    p.indicators = p.indicators.map((x) => ({ ...x, part: x.part + (i % 7), whole: x.whole + (i % 7) }));
    writeFileSync(join(packages, `пакет ${String(i).padStart(4, "0")}.xlsx`), packageXlsx(p, when));
  }
  const out = join(dir, "район.xlsx");
  const lines: string[] = [];
  const t0 = process.hrtime.bigint();
  const code = await run(["district", packages, "--out", out, "--today", "01.06.2027", "--quiet"], (s) =>
    lines.push(s),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (code !== 0) throw new Error(lines.join(""));
  const totals = (await XlsxWorkbook.load(out)).read("Итоги района");
  const participants = totals.find((r) => r[0] === "Участников программ наставничества")?.[1];
  const accepted = /учтено (\d+)/.exec(lines.join(""))?.[1];
  console.log(
    JSON.stringify({
      packages: count,
      seconds: Math.round(seconds * 10) / 10,
      accepted: Number(accepted),
      participants,
    }),
  );
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
