// Builds dist/nastavnichestvo.html (issue 20): the curator's page that runs the year in a browser on
// the school's own .xlsx. One self-contained file: src/browser/main.ts bundled for the browser (the
// core, the templates, exceljs, docx, papaparse and jszip inline), the styles inline, and a strict
// Content-Security-Policy (no source but the page's own script and style, by hash; no connect-src),
// so that the page can make no network request.
//
//   node scripts/build-page.mjs [--out FILE]
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const PAGE = join(root, "dist/nastavnichestvo.html");
/** The page's budget (issue 20): at most 3 MB. */
export const MAX_PAGE_BYTES = 3 * 1024 * 1024;

/** Node built-ins the reused offline adapters import, and what the page gives instead. */
const SHIMS = {
  path: "src/browser/shims/path.ts",
  v8: "src/browser/shims/v8.ts",
  util: "src/browser/shims/util.ts",
};

/**
 * The rest (fs, crypto, stream, os…) exist in the page only as names: the page never calls the
 * code that uses them (files are read and written by the page itself); a call says so in Russian.
 */
const UNAVAILABLE = `module.exports = new Proxy({}, { get: function (_, name) {
  if (name === "__esModule") return false;
  return function () { throw new Error("В браузере эта операция недоступна (" + String(name) + "): воспользуйтесь командой mentor."); };
} });`;

const nodeShims = {
  name: "node-shims",
  setup(b) {
    b.onResolve(
      { filter: /^(node:)?(fs|fs\/promises|path|v8|util|stream|crypto|os|child_process|url|vm)$/ },
      (args) => {
        const name = args.path.replace(/^node:/, "");
        if (name === "util" && !args.path.startsWith("node:")) return undefined; // the npm package
        if (SHIMS[name]) return { path: join(root, SHIMS[name]) };
        if (!args.path.startsWith("node:") && !["fs", "fs/promises", "child_process", "os"].includes(name))
          return undefined;
        return { path: name, namespace: "node-unavailable" };
      },
    );
    b.onLoad({ filter: /.*/, namespace: "node-unavailable" }, () => ({
      contents: UNAVAILABLE,
      loader: "js",
    }));
  },
};

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

export async function buildPage({ out = PAGE } = {}) {
  const result = await esbuild.build({
    entryPoints: [join(root, "src/browser/main.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2019",
    minify: true,
    charset: "utf8",
    legalComments: "none",
    inject: [join(root, "src/browser/shims/buffer.ts")],
    define: { global: "globalThis", "process.env.NODE_ENV": '"production"' },
    plugins: [nodeShims],
    write: false,
    outfile: "page.js",
    logLevel: "error",
  });
  // «</script» inside the code would end the inline script early.
  const script = result.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1");
  const template = readFileSync(join(root, "src/browser/page.html"), "utf8");
  const style = /<style>([\s\S]*?)<\/style>/.exec(template)[1];
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const html = template.replace("__CSP__", csp).replace("__SCRIPT__", () => script);
  const bytes = Buffer.byteLength(html);
  if (bytes > MAX_PAGE_BYTES)
    throw new Error(`dist/nastavnichestvo.html: ${bytes} bytes, over the page's budget of ${MAX_PAGE_BYTES}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  return { path: out, bytes, scriptBytes: Buffer.byteLength(script) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--out");
  const r = await buildPage(at > 0 ? { out: resolve(process.argv[at + 1]) } : {});
  console.log(`dist/nastavnichestvo.html: ${(r.bytes / 1024).toFixed(0)} КБ`);
}
