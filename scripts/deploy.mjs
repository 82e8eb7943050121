// npm run deploy: builds dist/ and pushes it to Apps Script with clasp. Without a scriptId in
// .clasp.json, first creates a new Google Sheets workbook with a bound script. No credentials
// are kept here: `npx clasp login` stores them in ~/.clasprc.json.
// npm run deploy -- --district: the same for the department's «Район» workbook, a second script
// project (dist-district/, .clasp-district.json).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, DISTRICT } from "./build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const claspBin = join(root, "node_modules", "@google", "clasp", "build", "src", "index.js");
const district = process.argv.includes("--district");
const projectFile = join(root, district ? ".clasp-district.json" : ".clasp.json");
const title = district ? "Наставничество — район" : "Наставничество";

function clasp(args, cwd) {
  return execFileSync(process.execPath, [claspBin, ...args], {
    cwd,
    stdio: ["inherit", "pipe", "inherit"],
  }).toString();
}

const project = JSON.parse(readFileSync(projectFile, "utf8"));
if (!project.scriptId) {
  console.log("Создаю новую Google Таблицу с проектом Apps Script…");
  const tmp = mkdtempSync(join(tmpdir(), "clasp-create-"));
  try {
    clasp(["create-script", "--type", "sheets", "--title", title, "--rootDir", "."], tmp);
    const created = JSON.parse(readFileSync(join(tmp, ".clasp.json"), "utf8"));
    project.scriptId = created.scriptId;
    if (created.parentId) project.parentId = created.parentId;
    writeFileSync(projectFile, `${JSON.stringify(project, null, 2)}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
const built = district
  ? await build({
      outDir: DISTRICT.outDir,
      entry: DISTRICT.entry,
      offline: false,
      scopesFile: DISTRICT.scopes,
      manifestFile: DISTRICT.manifest,
      pages: false,
    })
  : await build();
console.log(`Собрано: ${built.exports.length} функций, ${(built.bytes / 1024).toFixed(1)} КБ. Отправляю…`);
process.stdout.write(clasp(["-P", projectFile, "push", "--force"], root));
console.log(
  `Готово. Откройте таблицу и обновите страницу: появится меню «${district ? "Район" : "Наставничество"}».`,
);
