import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildInto, entryNames, loadCode, ROOT, topLevelFunctions } from "./dist";

let built: { dir: string; cleanup: () => void };
let code: string;

beforeAll(() => {
  built = buildInto();
  code = readFileSync(join(built.dir, "Code.js"), "utf8");
});
afterAll(() => built?.cleanup());

describe("dist/Code.js: a top-level function for each function of the entry, and nothing else", () => {
  it("src/gas/entry.ts lists the functions by name (no `export *`, nothing but re-exports)", () => {
    const { names, rest } = entryNames();
    expect(rest).toBe("");
    expect(names.length).toBeGreaterThan(30);
    expect(new Set(names).size).toBe(names.length);
  });

  it("declares exactly the entry's names as global functions, each calling into the bundle", () => {
    const context = loadCode(built.dir);
    expect(topLevelFunctions(context)).toEqual(entryNames().names);
    const bundle = context.Nastavnichestvo as Record<string, unknown>;
    expect(Object.keys(bundle).sort()).toEqual(entryNames().names);
    // A trigger's handler name is a string of its feature module, not an Apps Script function.
    expect(context).not.toHaveProperty("MONTHLY_HANDLER");
  });

  it("the build refuses an entry that exports something other than a function", () => {
    const dir = mkdtempSync(join(tmpdir(), "nastavnichestvo-entry-"));
    const entry = join(dir, "entry.ts");
    const documents = join(ROOT, "src/gas/features/documents").replace(/\\/g, "/");
    writeFileSync(entry, `export { MONTHLY_HANDLER, menuDocOrder } from "${documents}";\n`);
    try {
      expect(() => buildInto({ entry })).toThrow(/exports what is not a function: MONTHLY_HANDLER\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("dist/Code.js reads like the source, and an error's location points at a line", () => {
  it("has no line over 1,000 characters", () => {
    const long = code
      .split("\n")
      .map((line, i) => ({ line: i + 1, length: line.length }))
      .filter((l) => l.length > 1000);
    expect(long).toEqual([]);
  });

  it("is not minified: functions keep their statements, names and comments", () => {
    const context = loadCode(built.dir);
    const onOpen = String((context.Nastavnichestvo as Record<string, unknown>).onOpen);
    expect(onOpen).toContain("const ui = SpreadsheetApp.getUi();");
    expect(onOpen).toContain("else sub.addItem(item.caption, item.fn);");
    expect(code).toContain("// src/gas/features/workbook.ts");
  });

  it("an error thrown in Apps Script names the line and column of the failing expression", () => {
    // No SpreadsheetApp here: onOpen's first statement throws a ReferenceError.
    const context = loadCode(built.dir);
    let stack = "";
    try {
      (context.onOpen as () => void)();
    } catch (e) {
      stack = String((e as Error).stack);
    }
    const at = /Code\.js:(\d+):(\d+)/.exec(stack);
    expect(at).not.toBeNull();
    const line = code.split("\n")[Number(at![1]) - 1];
    expect(line.slice(Number(at![2]) - 1)).toMatch(/^SpreadsheetApp\.getUi\(\);/);
  });
});
