/**
 * A save interrupted at any moment leaves the previous workbook whole (issue 15, item 1): the
 * writer's steps are injectable, and a failure is thrown at each; the previous version is kept as
 * «NAME.bak.xlsx»; a file changed on disk since it was read is never overwritten.
 */
import {
  chmodSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Table } from "../../src/core/workbook/table";
import {
  backupPathOf,
  changedSince,
  isTempOf,
  removeStaleTemps,
  snapshotOf,
  tempPathFor,
  WRITE_STEPS,
  type WriteStep,
  writeFileAtomic,
} from "../../src/offline/atomic-file";
import type { BookLock } from "../../src/offline/book-lock";
import { run } from "../../src/offline/cli";
import { openWorkbook, saveWorkbook } from "../../src/offline/commands/workbook";
import { CliError } from "../../src/offline/errors";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentor-atomic-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await run([...argv, "--quiet", "--today", "01.10.2026"], (s) => out.push(s));
  return { code, text: out.join("") };
}

/** Files in the folder other than the ones named. */
function leftovers(folder: string, ...known: string[]): string[] {
  return readdirSync(folder).filter((n) => !known.includes(n));
}

class Injected extends Error {}

function failAt(at: WriteStep): (step: WriteStep) => void {
  return (step) => {
    if (step === at) throw new Injected(`injected at ${step}`);
  };
}

describe("writeFileAtomic", () => {
  it("names its steps in order: temp created, mid-write, before fsync, before rename, renamed", () => {
    const folder = mkdtempSync(join(dir, "steps-"));
    const seen: WriteStep[] = [];
    writeFileAtomic(join(folder, "a.bin"), "x".repeat(1000), { onStep: (s) => seen.push(s) });
    expect(seen).toEqual([...WRITE_STEPS]);
  });

  it.each(WRITE_STEPS.filter((s) => s !== "renamed"))(
    "a failure at «%s» leaves the old file byte for byte and no temporary file",
    (step) => {
      const folder = mkdtempSync(join(dir, "fail-"));
      const target = join(folder, "book.xlsx");
      const old = Buffer.from("old version ".repeat(5000));
      writeFileSync(target, old);
      expect(() =>
        writeFileAtomic(target, Buffer.from("new version ".repeat(7000)), {
          backup: backupPathOf(target),
          onStep: failAt(step),
        }),
      ).toThrow(Injected);
      expect(readFileSync(target).equals(old)).toBe(true);
      // A backup may have been made just before the rename: it holds the old version too.
      expect(leftovers(folder, "book.xlsx", "book.bak.xlsx")).toEqual([]);
      if (step === "before-rename")
        expect(readFileSync(join(folder, "book.bak.xlsx")).equals(old)).toBe(true);
    },
  );

  it("a failure after the rename leaves the new file whole, the old one as the backup", () => {
    const folder = mkdtempSync(join(dir, "renamed-"));
    const target = join(folder, "book.xlsx");
    writeFileSync(target, "old");
    expect(() =>
      writeFileAtomic(target, "new", { backup: backupPathOf(target), onStep: failAt("renamed") }),
    ).toThrow(Injected);
    expect(readFileSync(target, "utf8")).toBe("new");
    expect(readFileSync(join(folder, "book.bak.xlsx"), "utf8")).toBe("old");
    expect(leftovers(folder, "book.xlsx", "book.bak.xlsx")).toEqual([]);
  });

  it("keeps the replaced version as NAME.bak.xlsx, and the file's permissions", () => {
    const folder = mkdtempSync(join(dir, "backup-"));
    const target = join(folder, "школа.xlsx");
    writeFileSync(target, "v1");
    chmodSync(target, 0o640);
    writeFileAtomic(target, "v2", { backup: backupPathOf(target) });
    writeFileAtomic(target, "v3", { backup: backupPathOf(target) });
    expect(readFileSync(target, "utf8")).toBe("v3");
    expect(readFileSync(join(folder, "школа.bak.xlsx"), "utf8")).toBe("v2");
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(backupPathOf("/x/отчёт")).toBe("/x/отчёт.bak");
  });

  it("a backup left as a hard link of the file by an interrupted save is kept, with no link left over", () => {
    const folder = mkdtempSync(join(dir, "linked-"));
    const target = join(folder, "book.xlsx");
    writeFileSync(target, "v1");
    // A save killed after its backup and before its rename: the backup is the file itself.
    linkSync(target, join(folder, "book.bak.xlsx"));
    writeFileAtomic(target, "v2", { backup: backupPathOf(target) });
    expect(readFileSync(target, "utf8")).toBe("v2");
    expect(readFileSync(join(folder, "book.bak.xlsx"), "utf8")).toBe("v1");
    expect(leftovers(folder, "book.xlsx", "book.bak.xlsx")).toEqual([]);
  });

  it("refuses to replace a file that changed on disk since it was read, and writes nothing", () => {
    const folder = mkdtempSync(join(dir, "changed-"));
    const target = join(folder, "book.xlsx");
    writeFileSync(target, "read version");
    const seen = snapshotOf(target);
    writeFileSync(target, "saved by Excel meanwhile");
    expect(changedSince(seen)).toBe(true);
    let error: unknown;
    try {
      writeFileAtomic(target, "ours", { expect: seen, backup: backupPathOf(target) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(3);
    expect((error as CliError).message).toContain(
      "изменился на диске после того, как программа его прочитала",
    );
    expect(readFileSync(target, "utf8")).toBe("saved by Excel meanwhile");
    expect(leftovers(folder, "book.xlsx")).toEqual([]);
  });

  it("a file that appeared after the command found none is not overwritten either", () => {
    const folder = mkdtempSync(join(dir, "appeared-"));
    const target = join(folder, "book.xlsx");
    const seen = snapshotOf(target);
    writeFileSync(target, "someone else's");
    expect(() => writeFileAtomic(target, "ours", { expect: seen })).toThrow(/изменился на диске/);
    expect(readFileSync(target, "utf8")).toBe("someone else's");
  });

  it("temporary names fit a file name and are recognised (and only they) as leftovers", () => {
    const long = join(dir, `${"я".repeat(120)}.xlsx`); // 244 bytes: the name itself is allowed
    const tmp = tempPathFor(long);
    expect(Buffer.byteLength(tmp.slice(dir.length + 1))).toBeLessThanOrEqual(255);
    expect(isTempOf(long, tmp.slice(dir.length + 1))).toBe(true);
    expect(isTempOf(join(dir, "a.xlsx"), ".a.xlsx.0123abcd.tmp")).toBe(true);
    expect(isTempOf(join(dir, "a.xlsx"), ".b.xlsx.0123abcd.tmp")).toBe(false);
    const folder = mkdtempSync(join(dir, "stale-"));
    writeFileSync(join(folder, ".a.xlsx.0123abcd.tmp"), "half");
    writeFileSync(join(folder, ".a.bak.xlsx.89abcdef.tmp"), "half");
    writeFileSync(join(folder, ".b.xlsx.0123abcd.tmp"), "another book's");
    expect(removeStaleTemps(join(folder, "a.xlsx")).sort()).toEqual([
      ".a.bak.xlsx.89abcdef.tmp",
      ".a.xlsx.0123abcd.tmp",
    ]);
    expect(readdirSync(folder)).toEqual([".b.xlsx.0123abcd.tmp"]);
  });
});

describe("saving the workbook", () => {
  let book: string;
  let old: Buffer;
  let changed: XlsxWorkbook;
  beforeAll(async () => {
    book = join(dir, "school.xlsx");
    expect((await cli("init", "--file", book)).code).toBe(0);
    old = readFileSync(book);
    changed = await XlsxWorkbook.load(book);
    const mentors = Table.load(changed, "mentors");
    mentors.add({ full_name: "Новый Наставник", email: "new@school.ru" });
    mentors.flush(changed);
  });

  it.each([...WRITE_STEPS].filter((s) => s !== "renamed"))(
    "a save interrupted at «%s» leaves the previous workbook byte for byte",
    async (step) => {
      await expect(changed.save(book, { onStep: failAt(step) })).rejects.toThrow(Injected);
      expect(readFileSync(book).equals(old)).toBe(true);
      expect(leftovers(dir, "school.xlsx", "school.bak.xlsx").filter((n) => n.endsWith(".tmp"))).toEqual([]);
    },
  );

  it("after the interrupted saves the workbook opens with its data, and the next save lands", async () => {
    expect(Table.load(await XlsxWorkbook.load(book), "mentors").records()).toHaveLength(0);
    await changed.save(book);
    expect(Table.load(await XlsxWorkbook.load(book), "mentors").records()).toHaveLength(1);
    expect(readFileSync(join(dir, "school.bak.xlsx")).equals(old)).toBe(true);
  });

  it("a completed save keeps the version it replaced as school.bak.xlsx", async () => {
    const copy = join(dir, "kept.xlsx");
    writeFileSync(copy, old);
    const { code } = await cli(
      "import",
      join(samplesDir(), SAMPLE_FILES.mentors),
      "--form",
      "mentor",
      "--file",
      copy,
    );
    expect(code).toBe(0);
    expect(readFileSync(join(dir, "kept.bak.xlsx")).equals(old)).toBe(true);
    expect(Table.load(await XlsxWorkbook.load(copy), "mentors").records()).toHaveLength(36);
  });

  it("a command does not overwrite a workbook another program saved while it worked", async () => {
    const copy = join(dir, "changed.xlsx");
    writeFileSync(copy, old);
    const out: string[] = [];
    const ctx = {
      command: "import",
      args: [],
      options: { file: copy },
      clock: { now: () => new Date() },
      progress: { report: () => {} },
      out: (s: string) => out.push(s),
      locks: [] as BookLock[],
    };
    const { wb, path } = await openWorkbook(ctx);
    const mentors = Table.load(wb, "mentors");
    mentors.add({ full_name: "Наша запись", email: "ours@school.ru" });
    mentors.flush(wb);
    // Meanwhile the curator saves the workbook in Excel: other bytes, a later time.
    const excel = await XlsxWorkbook.load(copy);
    excel.write("Наставники", 2, 0, [["Запись из Excel"]]);
    await excel.save(`${copy}.excel.xlsx`);
    writeFileSync(copy, readFileSync(`${copy}.excel.xlsx`));
    const saved = readFileSync(copy);
    await expect(saveWorkbook(wb, path)).rejects.toThrow(
      /изменился на диске после того, как программа его прочитала.*Повторите команду/,
    );
    expect(readFileSync(copy).equals(saved)).toBe(true);
    for (const lock of ctx.locks) lock.release();
  });
});
