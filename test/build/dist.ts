import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import vm from "node:vm";

export const ROOT = resolve(__dirname, "../..");

/** Runs scripts/build.mjs into a new temporary directory (never the shared dist/); its stderr on failure. */
export function buildInto(options: { entry?: string } = {}): { dir: string; cleanup: () => void } {
  const base = mkdtempSync(join(tmpdir(), "nastavnichestvo-build-"));
  const dir = join(base, "dist");
  const args = [join(ROOT, "scripts/build.mjs"), "--outdir", dir];
  if (options.entry) args.push("--entry", options.entry);
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: "pipe" });
  return { dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** dist/Code.js evaluated as Apps Script loads it: one global scope, with only the given services. */
export function loadCode(dir: string, services: Record<string, unknown> = {}): Record<string, unknown> {
  const context = vm.createContext({ ...services });
  vm.runInContext(readFileSync(join(dir, "Code.js"), "utf8"), context, { filename: "Code.js" });
  return context as Record<string, unknown>;
}

/** The global functions of the loaded Code.js: what Apps Script can call. */
export function topLevelFunctions(context: Record<string, unknown>): string[] {
  return Object.keys(context)
    .filter((k) => typeof context[k] === "function")
    .sort();
}

/** The names src/gas/entry.ts re-exports, one `export { … } from "…"` statement per feature. */
export function entryNames(): { names: string[]; rest: string } {
  const source = readFileSync(join(ROOT, "src/gas/entry.ts"), "utf8");
  const names: string[] = [];
  const rest = source
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "")
    .replace(/export\s*\{([^}]*)\}\s*from\s*"[^"]+";?/g, (_m, list: string) => {
      for (const item of list.split(",")) {
        const name = item
          .trim()
          .split(/\s+as\s+/)
          .pop();
        if (name) names.push(name);
      }
      return "";
    });
  return { names: names.sort(), rest: rest.trim() };
}

/** Every file under a directory of the repository whose name ends with the extension. */
export function sourceFiles(dir: string, ext: string): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith(ext)) out.push({ path: p.slice(ROOT.length + 1), text: readFileSync(p, "utf8") });
    }
  };
  walk(join(ROOT, dir));
  return out;
}
