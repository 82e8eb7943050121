/**
 * The real command line under a real `kill -9` and under simultaneous commands (issue 15, items 1
 * and 8): a `mentor import` killed at random moments — also inside its save, right after its
 * temporary file appears — leaves a workbook that opens and equals the old or the new version;
 * pairs of simultaneous imports into one workbook both land (the second waits for the first) or
 * one is refused with «Книга занята»; nothing is lost and no zip is corrupt.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Cell } from "../../src/core/ports";
import { Table } from "../../src/core/workbook/table";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

const root = join(__dirname, "..", "..");
const bin = join(root, "bin", "mentor.js");
const TODAY = ["--today", "01.10.2026", "--quiet"];
const MENTORS = join(samplesDir(), SAMPLE_FILES.mentors);
const MENTEES = join(samplesDir(), SAMPLE_FILES.mentees);

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  ms: number;
}

function mentor(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<Finished> } {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  const done = new Promise<Finished>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, out, ms: Date.now() - started })),
  );
  return { child, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function spinUntil(condition: () => boolean, ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end && !condition());
}

function spinFor(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** Whether a save of `book` has begun: a temporary file beside it, or the file no longer as it was. */
function saveStarted(book: string, size: number): boolean {
  const folder = dirname(book);
  if (readdirSync(folder).some((n) => /^\.school\.xlsx\.[0-9a-f]{8}\.tmp$/.test(n))) return true;
  try {
    return statSync(book).size !== size;
  } catch {
    return true;
  }
}

/** Every sheet's cells: two workbooks are the same version when these are equal. */
function contents(wb: XlsxWorkbook): Record<string, Cell[][]> {
  return Object.fromEntries(wb.sheetNames().map((n) => [n, wb.read(n)]));
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-crash-"));
  const init = await mentor(["init", "--file", join(dir, "empty.xlsx"), ...TODAY]).done;
  expect(init.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("kill -9 during a command", () => {
  it("leaves a workbook that opens and is the old or the new version, at every moment tried", async () => {
    // The old version: the mentors imported. The new one: the mentees added by the killed import.
    const base = join(dir, "base.xlsx");
    copyFileSync(join(dir, "empty.xlsx"), base);
    expect((await mentor(["import", MENTORS, "--form", "mentor", "--file", base, ...TODAY]).done).code).toBe(
      0,
    );
    const oldBytes = readFileSync(base);
    const reference = join(dir, "reference.xlsx");
    copyFileSync(base, reference);
    const full = await mentor(["import", MENTEES, "--form", "mentee", "--file", reference, ...TODAY]).done;
    expect(full.code).toBe(0);
    const oldVersion = contents(await XlsxWorkbook.load(base));
    const newVersion = contents(await XlsxWorkbook.load(reference));
    expect(newVersion).not.toEqual(oldVersion);

    const book = join(dir, "school.xlsx");
    const tally = { tried: 0, old: 0, new: 0, insideSave: 0, exitedBeforeKill: 0 };
    const budget = Date.now() + 240_000;
    const tries = 14;
    for (let i = 0; i < tries && Date.now() < budget; i++) {
      copyFileSync(base, book);
      // The last kill's temporary files are counted; the dead process's lock stays, to be taken over.
      for (const n of readdirSync(dir)) if (/\.tmp$/.test(n)) rmSync(join(dir, n));
      const run = mentor(["import", MENTEES, "--form", "mentee", "--file", book, ...TODAY]);
      if (i % 2 === 0) {
        // A random moment of the whole run: start-up, reading, importing or saving.
        await sleep(full.ms * (0.25 + (0.8 * (i + Math.random())) / tries));
      } else {
        // Inside the save: spinning (no timer is fine-grained enough) until the folder shows it — a
        // temporary file appears, or the workbook itself changes —, then up to a few milliseconds on:
        // mid-write, at the fsync, at the backup, at the rename.
        spinUntil(() => saveStarted(book, oldBytes.length), 120_000);
        spinFor(Math.random() * (i % 4 === 1 ? 3 : 30));
      }
      run.child.kill("SIGKILL"); // no effect when it has finished
      const end = await run.done;
      tally.tried++;
      if (end.signal !== "SIGKILL") tally.exitedBeforeKill++;
      if (readdirSync(dir).some((n) => /^\.school\.(bak\.)?xlsx\.[0-9a-f]{8}\.tmp$/.test(n)))
        tally.insideSave++;
      const now = contents(await XlsxWorkbook.load(book)); // opens: never empty, never a broken zip
      if (JSON.stringify(now) === JSON.stringify(oldVersion)) tally.old++;
      else if (JSON.stringify(now) === JSON.stringify(newVersion)) tally.new++;
      else throw new Error(`kill ${i} (${end.signal ?? end.code}) left a third version of the workbook`);
    }
    console.info(
      `kill -9: ${tally.tried} tried, all survived — ${tally.old} left the old version, ${tally.new} the new one; ` +
        `${tally.insideSave} killed inside the save (its temporary file left behind); ${tally.exitedBeforeKill} had finished before the kill`,
    );
    expect(tally.old + tally.new).toBe(tally.tried);
    expect(tally.tried).toBeGreaterThanOrEqual(6);
    // The next command takes over the dead process's lock, removes its temporary file and runs.
    const next = await mentor(["monitor", "--file", book, ...TODAY], { MENTOR_LOCK_WAIT: "5" }).done;
    expect(next.code).toBe(0);
    expect(readdirSync(dir).filter((n) => /\.tmp$|mentor-lock$/.test(n))).toEqual([]);
    expect(oldBytes.length).toBeGreaterThan(0);
  }, 400_000);
});

describe("simultaneous commands on one workbook", () => {
  it("8 pairs of simultaneous imports: each lands or is refused as busy, nothing is lost", async () => {
    const tally = { pairs: 0, landed: 0, refused: 0, waited: 0 };
    for (let pair = 0; pair < 8; pair++) {
      const book = join(dir, `pair-${pair}.xlsx`);
      copyFileSync(join(dir, "empty.xlsx"), book);
      // A generous wait: on a loaded machine an import takes seconds, and both should land.
      const env = { MENTOR_LOCK_WAIT: "300" };
      const a = mentor(["import", MENTORS, "--form", "mentor", "--file", book, ...TODAY], env);
      const b = mentor(["import", MENTEES, "--form", "mentee", "--file", book, ...TODAY], env);
      const [ra, rb] = await Promise.all([a.done, b.done]);
      tally.pairs++;
      const wb = await XlsxWorkbook.load(book); // never a corrupt zip
      const counts = {
        a: Table.load(wb, "mentors").records().length,
        b: Table.load(wb, "mentees").records().length,
      };
      for (const [r, key, expected] of [
        [ra, "a", 36],
        [rb, "b", 69],
      ] as const) {
        if (r.out.includes("Книга занята")) tally.waited++;
        if (r.code === 0) {
          expect(r.out).toContain("добавлено");
          expect(counts[key]).toBe(expected);
          tally.landed++;
        } else {
          expect(r.code).toBe(3);
          expect(r.out).toContain("занята");
          expect(counts[key]).toBe(0);
          tally.refused++;
        }
      }
      expect(existsSync(`${book}.mentor-lock`)).toBe(false);
    }
    console.info(
      `parallel imports: ${tally.pairs} pairs, ${tally.landed} imports landed, ${tally.refused} refused as busy; ` +
        `${tally.waited} waited for the other first`,
    );
    expect(tally.landed + tally.refused).toBe(16);
    expect(tally.landed).toBe(16);
  }, 600_000);
});
