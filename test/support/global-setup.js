/**
 * Before any suite: the Apps Script tests load the built bundle (dist/Code.js, dist/*.html), so
 * jest builds it when it is missing or older than what it is built from — a plain clone then runs
 * `npx jest` alone. `npm test` builds first, so there it is already current.
 */
const { execFileSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..", "..");

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), 0);
}

module.exports = () => {
  const built = ["Code.js", "appsscript.json", "matching.html"].map((f) => join(root, "dist", f));
  const sources = ["src", "sheets-templates", "scripts/build.mjs"].map((p) => join(root, p));
  const stale =
    built.some((f) => !existsSync(f)) ||
    Math.min(...built.map((f) => statSync(f).mtimeMs)) < Math.max(...sources.map(newest));
  if (stale)
    execFileSync(process.execPath, [join(root, "scripts", "build.mjs")], { cwd: root, stdio: "inherit" });
};
