// Builds dist/ for clasp: Code.js (one ES2019 bundle, no export/require, a top-level function
// declaration per entry export), appsscript.json with the OAuth scopes of the services used,
// and the HTML pages of src/ui.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const entry = join(root, "src/gas/entry.ts");
const GLOBAL = "Nastavnichestvo";

/** Scopes by the service calls that need them; the manifest lists exactly those found. */
const SCOPES = [
  [/SpreadsheetApp\.openBy(Id|Url)/, "https://www.googleapis.com/auth/spreadsheets"],
  [/SpreadsheetApp\./, "https://www.googleapis.com/auth/spreadsheets.currentonly"],
  [/\.getUi\(\)|HtmlService\./, "https://www.googleapis.com/auth/script.container.ui"],
  [/MailApp\./, "https://www.googleapis.com/auth/script.send_mail"],
  [/ScriptApp\.newTrigger/, "https://www.googleapis.com/auth/script.scriptapp"],
  [/FormApp\./, "https://www.googleapis.com/auth/forms"],
  [/DocumentApp\./, "https://www.googleapis.com/auth/documents"],
  [/DriveApp\./, "https://www.googleapis.com/auth/drive"],
  [
    /Session\.getActiveUser\(\)\.getEmail|Session\.getEffectiveUser\(\)\.getEmail/,
    "https://www.googleapis.com/auth/userinfo.email",
  ],
];

export async function build() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });

  // 1. The entry's exports, read from esbuild's metafile.
  const probe = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    write: false,
    metafile: true,
    outfile: join(dist, "probe.js"),
    logLevel: "silent",
  });
  const exportsList = Object.values(probe.metafile.outputs).flatMap((o) => o.exports ?? []);
  if (exportsList.length === 0) throw new Error("src/gas/entry.ts exports no function");

  // 2. The bundle itself.
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
    minifySyntax: true,
    minifyWhitespace: true,
    treeShaking: true,
    write: false,
    outfile: join(dist, "Code.js"),
    logLevel: "warning",
  });
  const bundle = result.outputFiles[0].text;
  const declarations = exportsList
    .sort()
    .map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(this, arguments); }`)
    .join("\n");
  const code = `// Наставничество — собрано scripts/build.mjs; не редактируйте.\n${bundle}\n${declarations}\n`;
  if (/^\s*export\s/m.test(code)) throw new Error("dist/Code.js contains an export statement");
  if (/\brequire\s*\(/.test(bundle)) throw new Error("dist/Code.js calls require()");
  writeFileSync(join(dist, "Code.js"), code);

  // 3. The manifest, with the scopes of the services the bundle calls.
  const manifest = JSON.parse(readFileSync(join(root, "appsscript.json"), "utf8"));
  let scopes = SCOPES.filter(([re]) => re.test(bundle)).map(([, s]) => s);
  if (scopes.includes("https://www.googleapis.com/auth/spreadsheets"))
    scopes = scopes.filter((s) => s !== "https://www.googleapis.com/auth/spreadsheets.currentonly");
  manifest.oauthScopes = [...new Set(scopes)].sort();
  writeFileSync(join(dist, "appsscript.json"), `${JSON.stringify(manifest, null, 2)}\n`);

  // 4. HTML pages.
  const ui = join(root, "src/ui");
  if (existsSync(ui))
    for (const f of readdirSync(ui)) if (f.endsWith(".html")) copyFileSync(join(ui, f), join(dist, f));

  // 5. The offline runtime: the same core, with Node adapters, as one CommonJS file.
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

  return { exports: exportsList, bytes: Buffer.byteLength(code), scopes: manifest.oauthScopes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await build();
  console.log(
    `dist/Code.js: ${(r.bytes / 1024).toFixed(1)} КБ, функций Apps Script: ${r.exports.length}; доступы: ${r.scopes.length}`,
  );
}
