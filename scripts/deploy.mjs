// npm run deploy: builds dist/ and pushes it to Apps Script with clasp. Without a scriptId in
// .clasp.json, first creates a new Google Sheets workbook with a bound script. No credentials
// are kept here: `npx clasp login` stores them in ~/.clasprc.json.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "./build.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const claspBin = join(root, "node_modules", "@google", "clasp", "build", "src", "index.js");
const projectFile = join(root, ".clasp.json");

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
    clasp(["create-script", "--type", "sheets", "--title", "Наставничество", "--rootDir", "."], tmp);
    const created = JSON.parse(readFileSync(join(tmp, ".clasp.json"), "utf8"));
    project.scriptId = created.scriptId;
    if (created.parentId) project.parentId = created.parentId;
    writeFileSync(projectFile, `${JSON.stringify(project, null, 2)}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
const built = await build();
console.log(`Собрано: ${built.exports.length} функций, ${(built.bytes / 1024).toFixed(1)} КБ. Отправляю…`);
process.stdout.write(clasp(["push", "--force"], root));
console.log("Готово. Откройте таблицу и обновите страницу: появится меню «Наставничество».");
