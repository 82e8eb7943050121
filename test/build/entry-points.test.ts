import { existsSync } from "node:fs";
import { join } from "node:path";
import { menuItems } from "../../src/gas/menu";
import { buildInto, loadCode, sourceFiles, topLevelFunctions } from "./dist";

/**
 * Apps Script calls a function of Code.js by its name, given as a string: a menu item, a trigger's
 * handler, a sidebar's google.script.run. A name that is not a global function fails only there,
 * at run time, in front of a curator. Each name is read here from the built bundle or the sources
 * and must be a top-level function of the bundle.
 */

/** Functions Apps Script calls by their name alone (simple triggers and web app handlers). */
const SIMPLE_TRIGGERS = ["onOpen", "onEdit", "onInstall", "onSelectionChange", "doGet", "doPost"];

let built: { dir: string; cleanup: () => void };
let functions: string[];

beforeAll(() => {
  built = buildInto();
  functions = topLevelFunctions(loadCode(built.dir));
});
afterAll(() => built?.cleanup());

const missing = (names: Iterable<string>) => [...new Set(names)].filter((n) => !functions.includes(n)).sort();

/** The items onOpen of the built bundle adds to the menu, with a recording Ui. */
function builtMenu(): { caption: string; fn: string }[] {
  const items: { caption: string; fn: string }[] = [];
  const menu = () => {
    const m = {
      addItem: (caption: string, fn: string) => {
        items.push({ caption, fn });
        return m;
      },
      addSeparator: () => m,
      addSubMenu: () => m,
      addToUi: () => undefined,
    };
    return m;
  };
  const ui = { createMenu: menu, createAddonMenu: menu };
  const context = loadCode(built.dir, { SpreadsheetApp: { getUi: () => ui } });
  (context.onOpen as () => void)();
  return items;
}

describe("every menu item names a function of the entry", () => {
  it("onOpen of dist/Code.js adds the items of src/gas/menu.ts, and each names an Apps Script function", () => {
    const items = builtMenu();
    expect(items).toEqual([...menuItems]);
    expect(items.length).toBeGreaterThan(20);
    expect(missing(items.map((i) => i.fn))).toEqual([]);
  });

  it("no other addItem in src/gas names a function by a literal the entry lacks", () => {
    const names = sourceFiles("src/gas", ".ts").flatMap((f) =>
      [...f.text.matchAll(/\.addItem\(\s*(?:"[^"]*"|'[^']*'|`[^`]*`)\s*,\s*["'`](\w+)["'`]/g)].map(
        (m) => m[1],
      ),
    );
    expect(missing(names)).toEqual([]);
  });
});

/** The index just past the group that opens at `open` with `(` or `{` (quotes and nesting respected). */
function skipGroup(text: string, open: number): number {
  const [start, end] = text[open] === "{" ? ["{", "}"] : ["(", ")"];
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === "\\") i++;
    } else if (c === start) depth++;
    else if (c === end && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced ${start} at ${open}`);
}

/**
 * The server functions a page calls through google.script.run: a chain ending in a call
 * (`google.script.run.withSuccessHandler(…).name(…)`), or a runner kept by a helper function that
 * calls it by its first parameter (`function call(name, …) { var runner = google.script.run…;
 * runner[name](…) }`), then each `call("name", …)`. A use it cannot read is reported, never skipped.
 */
function serverCalls(html: string): { names: string[]; unreadable: string[] } {
  const names: string[] = [];
  const unreadable: string[] = [];
  const helpers = [...html.matchAll(/function\s+(\w+)\s*\(\s*(\w+)[^)]*\)\s*/g)].map((m) => {
    const open = (m.index ?? 0) + m[0].length;
    return { name: m[1], param: m[2], start: open, end: skipGroup(html, open) };
  });
  for (const m of html.matchAll(/google\.script\.run\b/g)) {
    const at = m.index ?? 0;
    let i = at + m[0].length;
    let called: string | null = null;
    for (;;) {
      const member = /^\s*\.\s*(\w+)\s*/.exec(html.slice(i));
      if (!member) break;
      i += member[0].length;
      if (html[i] !== "(") break;
      if (!member[1].startsWith("with")) {
        called = member[1];
        break;
      }
      i = skipGroup(html, i);
    }
    if (called) {
      names.push(called);
      continue;
    }
    // A kept runner: the innermost function around it must call runner[its first parameter].
    const helper = helpers.filter((h) => h.start < at && at < h.end).pop();
    if (!helper || !new RegExp(`\\w\\[${helper.param}\\]`).test(html.slice(helper.start, helper.end))) {
      unreadable.push(html.slice(at, at + 80));
      continue;
    }
    for (const call of html.matchAll(new RegExp(`(?<!function\\s+)\\b${helper.name}\\(\\s*([^,)]*)`, "g"))) {
      const literal = /^["'](\w+)["']$/.exec(call[1].trim());
      if (literal) names.push(literal[1]);
      else unreadable.push(`${helper.name}(${call[1]}`);
    }
  }
  return { names, unreadable };
}

describe("every google.script.run call of src/ui names a function of the entry", () => {
  const pages = sourceFiles("src/ui", ".html");

  it("finds the pages and their calls", () => {
    expect(pages.length).toBeGreaterThan(0);
    const matching = pages.find((p) => p.path.endsWith("matching.html"));
    expect(serverCalls(matching!.text)).toEqual({
      names: expect.arrayContaining(["sidebarProposals", "sidebarDecide", "sidebarApproveAll"]),
      unreadable: [],
    });
  });

  it.each(pages.map((p) => [p.path, p.text]))("%s", (_path, html) => {
    const { names, unreadable } = serverCalls(html);
    expect(unreadable).toEqual([]);
    expect(missing(names)).toEqual([]);
  });

  it("every HtmlService page a feature opens is in dist/", () => {
    const pages = sourceFiles("src/gas", ".ts").flatMap((f) =>
      [
        ...f.text.matchAll(/HtmlService\.create(?:HtmlOutput|Template)FromFile\(\s*["'`]([\w./-]+)["'`]/g),
      ].map((m) => m[1]),
    );
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.filter((p) => !existsSync(join(built.dir, `${p}.html`)))).toEqual([]);
  });
});

/** Trigger handler names in src/gas: newTrigger's argument, *_HANDLER constants, guardTrigger's handler. */
function triggerHandlers(): { names: string[]; unresolved: string[] } {
  // src/gas/district/ is the department's own script project (dist-district/): test/gas/district.test.ts.
  const files = sourceFiles("src/gas", ".ts").filter((f) => !f.path.includes("src/gas/district/"));
  const constants = new Map<string, string>();
  for (const f of files)
    for (const m of f.text.matchAll(/\bconst\s+(\w+)\s*=\s*["'](\w+)["']/g)) constants.set(m[1], m[2]);
  const names: string[] = [];
  const unresolved: string[] = [];
  const resolve = (arg: string, where: string) => {
    const literal = /^["'](\w+)["']$/.exec(arg);
    const value = literal ? literal[1] : constants.get(arg);
    if (value) names.push(value);
    else unresolved.push(`${where}: ${arg}`);
  };
  for (const f of files) {
    for (const m of f.text.matchAll(/ScriptApp\.newTrigger\(\s*([^)]*?)\s*\)/g)) resolve(m[1], f.path);
    for (const m of f.text.matchAll(/\bguardTrigger\(\s*\{\s*handler:\s*([\w"']+)/g)) resolve(m[1], f.path);
    for (const m of f.text.matchAll(/getHandlerFunction\(\)\s*===\s*([\w"']+)/g)) resolve(m[1], f.path);
  }
  for (const [name, value] of constants) if (/HANDLER/.test(name)) names.push(value);
  return { names: [...new Set(names)].sort(), unresolved };
}

describe("every trigger handler names a function of the entry", () => {
  it("newTrigger(…), *_HANDLER and guardTrigger's handler resolve to entry functions", () => {
    const { names, unresolved } = triggerHandlers();
    expect(unresolved).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining(["continueJobs", "dailyReminders", "onFormResponse", "onMonthlyReport"]),
    );
    expect(missing(names)).toEqual([]);
  });
});

describe("the entry lists only what Apps Script calls", () => {
  it("each function is a simple trigger, a menu item, a trigger handler or a sidebar call", () => {
    const called = new Set([
      ...SIMPLE_TRIGGERS,
      ...builtMenu().map((i) => i.fn),
      ...triggerHandlers().names,
      ...sourceFiles("src/ui", ".html").flatMap((p) => serverCalls(p.text).names),
    ]);
    expect(functions.filter((f) => !called.has(f))).toEqual([]);
  });
});
