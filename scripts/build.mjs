// Builds dist/ for clasp: Code.js (one readable ES2019 bundle, no export/require, a top-level
// function declaration per function src/gas/entry.ts exports), appsscript.json with the OAuth scopes
// of scripts/oauth-scopes.json, and the HTML pages of src/ui. Also lib/mentor.cjs for Node and
// dist/nastavnichestvo.html, the page that runs the year in a browser (scripts/build-page.mjs).
//
//   node scripts/build.mjs                  dist/ and lib/mentor.cjs
//   node scripts/build.mjs --outdir DIR [--entry FILE]
//                                           the Apps Script files only, into DIR (for tests)
//   node scripts/build.mjs --district [--outdir DIR]
//                                           the department's «Район» project only (dist-district/)
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import * as esbuild from "esbuild";
import { buildPage } from "./build-page.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const ENTRY = join(root, "src/gas/entry.ts");
/**
 * The department's «Район» workbook is a second script project (issue 19): its own bundle, menu and
 * manifest — it reads a Drive folder («drive.readonly»), which the school's bundle never asks for.
 */
export const DISTRICT = {
  entry: join(root, "src/gas/district/entry.ts"),
  outDir: join(root, "dist-district"),
  scopes: join(root, "scripts/oauth-scopes-district.json"),
  manifest: join(root, "appsscript-district.json"),
};
const GLOBAL = "Nastavnichestvo";

/** An Apps Script error reads «Code:LINE:COLUMN»: no line of Code.js may be longer than this. */
export const MAX_LINE = 1000;
/** esbuild breaks the rare longer line (a long text) at about this length. */
const LINE_LIMIT = 500;
/** A JSON object or array that fits in this many characters is printed on one line. */
const JSON_WIDTH = 120;

/** JSON text with every object or array that fits in JSON_WIDTH on one line (esbuild keeps that). */
function compactJson(value, indent = 0) {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== "object" || indent + flat.length <= JSON_WIDTH) return flat;
  const pad = " ".repeat(indent + 2);
  const items = Array.isArray(value)
    ? value.map((v) => pad + compactJson(v, indent + 2))
    : Object.entries(value).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${compactJson(v, indent + 2)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${items.join(",\n")}\n${" ".repeat(indent)}${close}`;
}

/** The sheets templates embedded as compact object literals, not one property per line. */
const compactJsonPlugin = {
  name: "compact-json",
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => ({
      contents: compactJson(JSON.parse(readFileSync(args.path, "utf8"))),
      loader: "json",
    }));
  },
};

/**
 * esbuild indents by two spaces and the whole IIFE body by one level. The body goes to column 0
 * and each further level becomes a tab: about 80 KB less. Checked, not assumed: the code must
 * minify to the same text as esbuild's own (a line inside a multi-line template literal or a
 * string broken by the line limit would differ); if not, esbuild's indentation is kept.
 */
function tabIndent(bundle) {
  const out = bundle.replace(/^ {2,}/gm, (spaces) => {
    const levels = spaces.length - 2;
    return "\t".repeat(levels >> 1) + (levels & 1 ? " " : "");
  });
  const minified = (code) => esbuild.transformSync(code, { minifyWhitespace: true, charset: "utf8" }).code;
  if (minified(out) === minified(bundle)) return out;
  console.warn("build: re-indenting would change the code; dist/Code.js keeps esbuild's indentation");
  return bundle;
}

/** The bundle evaluated as Apps Script would, with no service: its global's exports. */
function evaluateExports(bundle) {
  const sandbox = vm.createContext({});
  try {
    vm.runInContext(bundle, sandbox, { filename: "Code.js" });
  } catch (e) {
    throw new Error(
      `dist/Code.js fails at load, with no Apps Script service called (the top level of a module must not call one): ${e}`,
    );
  }
  return sandbox[GLOBAL];
}

export async function build({
  outDir = dist,
  entry = ENTRY,
  offline = outDir === dist,
  scopesFile = join(root, "scripts/oauth-scopes.json"),
  manifestFile = join(root, "appsscript.json"),
  pages = true,
} = {}) {
  if (outDir === dist || outDir === DISTRICT.outDir) rmSync(outDir, { recursive: true, force: true });
  else if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new Error(`${outDir} is not empty`);
  mkdirSync(outDir, { recursive: true });

  // The manifest's OAuth scopes, also known to the bundle (src/gas/permissions.ts asks Google
  // for exactly these when a user unticked one).
  const scopes = JSON.parse(readFileSync(scopesFile, "utf8")).scopes;

  // 1. The bundle: no whitespace or syntax minification, so that it reads like the source in
  // the Apps Script editor and an error's line points at a statement.
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    globalName: GLOBAL,
    target: "es2019",
    platform: "neutral",
    mainFields: ["module", "main"],
    charset: "utf8",
    legalComments: "none",
    lineLimit: LINE_LIMIT,
    treeShaking: true,
    plugins: [compactJsonPlugin],
    define: { __OAUTH_SCOPES__: JSON.stringify(scopes.map((s) => s.scope).sort()) },
    write: false,
    outfile: join(outDir, "Code.js"),
    logLevel: "warning",
  });
  const bundle = tabIndent(result.outputFiles[0].text);

  // 2. A top-level function per entry export; every export must be a function.
  const exported = evaluateExports(bundle);
  const names = Object.keys(exported ?? {}).sort();
  const entryName = relative(root, entry);
  if (names.length === 0) throw new Error(`${entryName} exports no function`);
  const notFunctions = names.filter((name) => typeof exported[name] !== "function");
  if (notFunctions.length > 0)
    throw new Error(
      `${entryName} exports what is not a function: ${notFunctions.join(", ")}. ` +
        "Apps Script calls only functions: export it from its feature module, not from the entry.",
    );
  const declarations = names
    .map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(this, arguments); }`)
    .join("\n");
  const code =
    "// Наставничество — собрано scripts/build.mjs из src/; не редактируйте.\n" +
    `${bundle}\n// Функции, которые вызывает Apps Script (src/gas/entry.ts).\n${declarations}\n`;
  if (/^\s*export\s/m.test(code)) throw new Error("dist/Code.js contains an export statement");
  if (/\brequire\s*\(/.test(bundle)) throw new Error("dist/Code.js calls require()");
  const lines = code.split("\n");
  const longest = Math.max(...lines.map((l) => l.length));
  const tooLong = lines.findIndex((l) => l.length > MAX_LINE);
  if (tooLong >= 0)
    throw new Error(
      `dist/Code.js line ${tooLong + 1} has ${lines[tooLong].length} characters (at most ${MAX_LINE}): ` +
        `${lines[tooLong].trim().slice(0, 80)}…`,
    );
  writeFileSync(join(outDir, "Code.js"), code);

  // 3. The manifest with the explicit list of OAuth scopes (test/build checks it against the
  // services the bundle calls).
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
  if (manifest.oauthScopes)
    throw new Error(`${relative(root, manifestFile)}: list the scopes in ${relative(root, scopesFile)}`);
  manifest.oauthScopes = scopes.map((s) => s.scope).sort();
  writeFileSync(join(outDir, "appsscript.json"), `${JSON.stringify(manifest, null, 2)}\n`);

  // 4. HTML pages.
  const ui = join(root, "src/ui");
  if (pages && existsSync(ui))
    for (const f of readdirSync(ui)) if (f.endsWith(".html")) copyFileSync(join(ui, f), join(outDir, f));

  // 5. The offline runtime: the same core, with Node adapters, as one CommonJS file.
  if (offline)
    await esbuild.build({
      entryPoints: [join(root, "src/offline/main.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      packages: "external",
      charset: "utf8",
      sourcemap: "inline",
      outfile: join(root, "lib/mentor.cjs"),
      logLevel: "warning",
    });

  // 6. The curator's page that runs the year in a browser, without Google (issue 20):
  // dist/nastavnichestvo.html, one self-contained file (scripts/build-page.mjs).
  if (offline) await buildPage();

  // 7. The department's «Район» project beside it (dist-district/).
  if (offline)
    await build({
      outDir: DISTRICT.outDir,
      entry: DISTRICT.entry,
      offline: false,
      scopesFile: DISTRICT.scopes,
      manifestFile: DISTRICT.manifest,
      pages: false,
    });

  return {
    exports: names,
    bytes: Buffer.byteLength(code),
    lines: lines.length,
    longestLine: longest,
    scopes: manifest.oauthScopes,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? resolve(process.argv[at + 1]) : undefined;
  };
  const r = process.argv.includes("--district")
    ? await build({
        outDir: option("--outdir") ?? DISTRICT.outDir,
        entry: DISTRICT.entry,
        offline: false,
        scopesFile: DISTRICT.scopes,
        manifestFile: DISTRICT.manifest,
        pages: false,
      })
    : await build({ outDir: option("--outdir"), entry: option("--entry") });
  console.log(
    `dist/Code.js: ${(r.bytes / 1024).toFixed(1)} КБ, строк ${r.lines} (самая длинная ${r.longestLine} симв.), ` +
      `функций Apps Script: ${r.exports.length}; доступы: ${r.scopes.length}`,
  );
}
