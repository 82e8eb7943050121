/**
 * The direction of the imports under src/: each layer imports only the layers below it (inside a
 * layer anything goes but a cycle), src/core imports no runtime, and src/ has no import cycle.
 * Biome (biome.json: noRestrictedImports per layer, noImportCycles) refuses most uphill imports as
 * they are written; this test is the complete check, with a readable list of what breaks it.
 * And test/ mirrors src/: the tests of src/core/roadmap are in test/core/roadmap, and so on.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");

/** The layers, lowest first; a file belongs to the first whose pattern matches its path. */
const LAYERS: { name: string; paths: RegExp }[] = [
  { name: "data (sheets-templates)", paths: /^sheets-templates\/.+\.json$/ },
  { name: "kernel", paths: /^src\/core\/(ports|dates|months|text|cells|sha256)\.ts$/ },
  { name: "workbook, templates, settings", paths: /^src\/core\/((workbook|templates)\/.+|settings\.ts)$/ },
  {
    name: "formulas, questionnaires, intake, privacy, participants",
    paths: /^src\/core\/(formulas|questionnaires|intake|privacy|participants)\//,
  },
  {
    name: "domain (documents, summary, district, roadmap, matching, monitoring, indicators, labour)",
    paths: /^src\/core\/(documents|summary|district|roadmap|matching|monitoring|indicators|labour)\//,
  },
  { name: "use-cases", paths: /^src\/core\/usecases\// },
  { name: "jobs", paths: /^src\/core\/jobs\// },
  { name: "drivers (gas, offline, demo, ui, browser)", paths: /^src\/(gas|offline|demo|ui|browser)\// },
];

/** Drivers import each other only this way: the sample school runs on any runtime; Apps Script never loads Node code. */
const DRIVER_BANS: { from: RegExp; to: RegExp; why: string }[] = [
  {
    from: /^src\/demo\//,
    to: /^src\/(gas|offline|ui|browser)\//,
    why: "the sample school is runtime-neutral",
  },
  {
    from: /^src\/gas\//,
    to: /^src\/(offline|demo|browser)\//,
    why: "the Apps Script bundle loads no Node, demo or browser-page code",
  },
  {
    from: /^src\/offline\//,
    to: /^src\/(gas|ui|browser)\//,
    why: "the Node driver does not load Apps Script or browser-page code",
  },
  {
    from: /^src\/browser\//,
    to: /^src\/(gas|ui)\//,
    why: "the browser page reuses the Node driver's adapters, never Apps Script code",
  },
];

/** The only packages src/core (and the runtime-neutral src/demo) may import: pure JavaScript, no Node API (lvovich: Russian names in their cases). */
const PURE_PACKAGES = ["zod", "zod/mini", "lvovich"];
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

interface Import {
  from: string;
  /** As written. */
  specifier: string;
  /** Repository path of a relative import's file; null for a package. */
  to: string | null;
  line: number;
}

/** Folders of test/ that hold no tests of a src/ folder: helpers, the Apps Script fake, fixtures, the build's tests. */
const TEST_SUPPORT = ["test/support", "test/gas-fake", "test/fixtures", "test/build"];

function folders(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((name) => statSync(join(ROOT, dir, name)).isDirectory())
    .flatMap((name) => [`${dir}/${name}`, ...folders(`${dir}/${name}`)]);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|js|mjs|cjs|html)$/.test(name)) out.push(path);
  }
  return out;
}

/** Static imports and re-exports (type-only ones too), dynamic import() and require(). */
const IMPORT =
  /(?:^|[;}\n])[ \t]*(?:import|export)[ \t\n]+(?:type[ \t\n]+)?(?:[\w$*{}, \t\n]+?[ \t\n]+from[ \t\n]*)?["']([^"'\n]+)["']|\bimport\([ \t]*["']([^"'\n]+)["'][ \t]*\)|\brequire\([ \t]*["']([^"'\n]+)["'][ \t]*\)/g;

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = join(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`])
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile())
      return relative(ROOT, join(ROOT, candidate)).split("\\").join("/");
  return `${base} (not found)`;
}

function importsOf(file: string): Import[] {
  if (file.endsWith(".html")) return [];
  const text = readFileSync(join(ROOT, file), "utf8");
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const specifier = m[1] ?? m[2] ?? m[3];
    const line = text.slice(0, (m.index ?? 0) + m[0].length).split("\n").length;
    out.push({ from: file, specifier, to: resolveImport(file, specifier), line });
  }
  return out;
}

function layerOf(path: string): number {
  return LAYERS.findIndex((l) => l.paths.test(path));
}

const describeLayer = (i: number) => (i < 0 ? "no layer" : `layer ${i} ${LAYERS[i].name}`);

const files = sourceFiles("src");
const imports = files.flatMap(importsOf);
const where = (i: Import) => `${i.from}:${i.line} imports "${i.specifier}"`;

describe("src/ imports go one way: down the layers", () => {
  test("the import scanner sees the imports (a check of this test)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.filter((i) => i.from === "src/core/usecases/init.ts").length).toBeGreaterThan(3);
    expect(imports.some((i) => i.from === "src/offline/cli.ts" && i.to !== null)).toBe(true);
  });

  test("every file under src/ is in a layer", () => {
    const lost = files.filter((f) => layerOf(f) < 0);
    expect(
      lost.map((f) => `${f}: in no layer — add its folder to LAYERS in test/architecture.test.ts`),
    ).toEqual([]);
  });

  test("every relative import names a file of the repository", () => {
    const broken = imports.filter((i) => i.to?.endsWith("(not found)") || i.to?.startsWith(".."));
    expect(broken.map(where)).toEqual([]);
  });

  test("no import goes up a layer", () => {
    const uphill = imports
      .filter((i) => i.to !== null && layerOf(i.to) > layerOf(i.from))
      .map((i) => `${where(i)}: ${describeLayer(layerOf(i.from))} -> ${describeLayer(layerOf(i.to!))}`);
    expect(uphill).toEqual([]);
  });

  test("drivers stay apart", () => {
    const crossed = imports.flatMap((i) =>
      DRIVER_BANS.filter((b) => i.to !== null && b.from.test(i.from) && b.to.test(i.to)).map(
        (b) => `${where(i)}: ${b.why}`,
      ),
    );
    expect(crossed).toEqual([]);
  });

  test("src/core and src/demo import no Node built-in and no runtime package", () => {
    const impure = imports
      .filter((i) => /^src\/(core|demo)\//.test(i.from) && i.to === null)
      .filter((i) => NODE_BUILTINS.has(i.specifier) || !PURE_PACKAGES.includes(i.specifier))
      .map((i) => `${where(i)}: allowed packages are ${PURE_PACKAGES.join(", ")}`);
    expect(impure).toEqual([]);
  });

  test("no import cycle", () => {
    const edges = new Map<string, string[]>();
    for (const i of imports)
      if (i.to?.startsWith("src/")) edges.set(i.from, [...(edges.get(i.from) ?? []), i.to!]);
    // Tarjan's strongly connected components: each of more than one file is a cycle.
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      for (const w of edges.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    const described = cycles.map((c) => {
      const inside = imports.filter((i) => c.includes(i.from) && i.to !== null && c.includes(i.to));
      return `cycle of ${c.length} files: ${inside.map(where).join("; ")}`;
    });
    expect(described).toEqual([]);
  });
});

describe("test/ mirrors src/", () => {
  const own = (path: string) => !TEST_SUPPORT.some((s) => path === s || path.startsWith(`${s}/`));

  test("each folder of tests is a folder of src/", () => {
    const strays = folders("test")
      .filter(own)
      .filter((d) => !existsSync(join(ROOT, d.replace(/^test/, "src"))))
      .map(
        (d) =>
          `${d}: there is no ${d.replace(/^test/, "src")}; put tests beside the code they test, helpers in test/support`,
      );
    expect(strays).toEqual([]);
  });

  test("outside test/support, test/gas-fake and test/build every file is a test", () => {
    const helpers = folders("test")
      .filter(own)
      .flatMap((d) => readdirSync(join(ROOT, d)).map((f) => `${d}/${f}`))
      .filter((f) => statSync(join(ROOT, f)).isFile() && !f.endsWith(".test.ts"))
      .map((f) => `${f}: not a test; helpers go to test/support`);
    expect(helpers).toEqual([]);
  });
});
