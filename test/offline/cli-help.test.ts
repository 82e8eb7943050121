/**
 * A command line that guides (issue 17, item 8): each command's own help with its options and an
 * example; specific Russian errors that name what was wrong; a non-zero exit on every error.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { run } from "../../src/offline/cli";
import { commands } from "../../src/offline/commands";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

const dir = mkdtempSync(join(tmpdir(), "mentor-help-"));
const book = join(dir, "школа.xlsx");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const wb = XlsxWorkbook.create();
  initWorkbook({
    workbook: wb,
    clock: { now: () => new Date(Date.UTC(2026, 8, 1, 9)) },
    progress: noProgress,
  });
  await wb.save(book);
});

async function mentor(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    [...argv, "--quiet"],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out: out.join(""), err: err.join("") };
}

describe("mentor КОМАНДА --help", () => {
  it.each(commands.map((c) => [c.name]))("%s: its own usage, options and an example", async (name) => {
    const a = await mentor(name, "--help");
    const b = await mentor("help", name);
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    const text = a.out;
    expect(text.startsWith(`mentor ${name} — `)).toBe(true);
    expect(text).toContain(`Использование:\n  mentor ${name}`);
    expect(text).toMatch(/\nПримеры?:\n {2}mentor /);
    const h = commands.find((c) => c.name === name)!.help;
    if (typeof h !== "string") {
      for (const [option] of h.options) if (option !== "") expect(text).toContain(option);
      expect(h.examples[0].startsWith(`mentor ${name}`)).toBe(true);
    }
    // Not the general page.
    expect(text).not.toContain("Команды:");
    expect(text).not.toMatch(/\bat \S+ \(|Error:|undefined/);
  });

  it("every command's page differs from every other's", async () => {
    const pages = await Promise.all(commands.map(async (c) => (await mentor(c.name, "--help")).out));
    expect(new Set(pages).size).toBe(commands.length);
  });

  it("the general help lists every command and says how to get a command's help", async () => {
    const { code, out } = await mentor("--help");
    expect(code).toBe(0);
    for (const c of commands) expect(out).toContain(`  ${c.name}`);
    expect(out).toContain("mentor КОМАНДА --help");
  });
});

describe("errors name what was wrong and exit non-zero", () => {
  it("an unknown command, also after help", async () => {
    const a = await mentor("statsu");
    expect(a.code).toBe(2);
    expect(a.err).toContain("неизвестная команда «statsu»");
    expect(a.err).toContain("status");
    const b = await mentor("help", "statsu");
    expect(b.code).toBe(2);
    expect(b.err).toContain("неизвестная команда «statsu»");
  });

  it("a missing workbook: how to create it", async () => {
    const missing = join(dir, "нет такой.xlsx");
    for (const command of ["match", "monitor", "summary", "status", "doc"]) {
      const r = await mentor(command, ...(command === "doc" ? ["order"] : []), "--file", missing);
      expect([command, r.code]).toEqual([command, 2]);
      expect(r.err + r.out).toContain(`mentor init --file ${missing}`);
    }
  });

  it("an unknown form code is named, with the codes there are", async () => {
    const r = await mentor("import", join(dir, "ответы.csv"), "--form", "mentr", "--file", book);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Неизвестный код анкеты «mentr»");
    expect(r.err).toContain("mentor ");
  });

  it("an unknown document kind is named", async () => {
    const r = await mentor("doc", "prikaz", "--file", book);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Неизвестный вид документа «prikaz»");
    expect(r.err).toContain("order");
  });

  it("an unknown pair is named, and nothing is approved", async () => {
    const r = await mentor("approve", "П-9999", "--file", book);
    expect(r.code).toBe(1);
    expect(r.err).toContain("П-9999");
    expect(r.err).toContain("Нет пары П-9999 на листе «Пары».");
  });

  it("an unknown roadmap action is named", async () => {
    const r = await mentor("roadmap", "lod", "--file", book);
    expect(r.code).toBe(2);
    expect(r.err).toContain("«lod»");
  });

  it("a wrong value or a missing argument is said on stderr with exit code 2, nothing written", async () => {
    for (const argv of [
      ["match", "--mode", "zzz"],
      ["approve"],
      ["erase"],
      ["remind", "--quota", "abc"],
      ["send-report", "--to", "director", "--quota", "x"],
      ["doc", "paylist", "--month", "май"],
    ]) {
      const r = await mentor(...argv, "--file", book);
      expect([argv.join(" "), r.code]).toEqual([argv.join(" "), 2]);
      expect(r.err).toMatch(/^Ошибка: \S/);
      expect(r.out).toBe("");
    }
  });
});
