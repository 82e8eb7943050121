/**
 * One command at a time per workbook (issue 15, item 1): an exclusive lock file beside it with the
 * holder's pid, host, command and start time; a second command waits, then stops with «Книга
 * занята»; a stale lock of a dead process is taken over; a workbook that LibreOffice or Excel holds
 * open is refused.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { acquireBookLock, type LockInfo, lockPathOf, processAlive } from "../../src/offline/book-lock";
import { run } from "../../src/offline/cli";
import { CliError } from "../../src/offline/errors";

let dir: string;
let book: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-lock-"));
  book = join(dir, "школа.xlsx");
  expect((await cli("init", "--file", book)).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await run([...argv, "--quiet", "--today", "01.10.2026"], (s) => out.push(s));
  return { code, text: out.join("") };
}

/** The pid of a process that has ended: a lock left by it is stale. */
function deadPid(): number {
  const pid = Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]));
  expect(processAlive(pid)).toBe(false);
  return pid;
}

async function refusal(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return e as CliError;
  }
  throw new Error("expected a refusal");
}

describe("the workbook lock", () => {
  it("is a file beside the workbook with the holder's pid, host, command and start time, removed on release", async () => {
    const lock = await acquireBookLock(book, { command: "import", waitMs: 0 });
    const path = lockPathOf(book);
    expect(path).toBe(join(dir, "школа.xlsx.mentor-lock"));
    const info = JSON.parse(readFileSync(path, "utf8")) as LockInfo;
    expect(info).toMatchObject({ pid: process.pid, host: hostname(), command: "import" });
    expect(Date.now() - Date.parse(info.startedAt)).toBeLessThan(60_000);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it("makes a second command wait, say who holds the workbook, and stop with exit code 3", async () => {
    const first = await acquireBookLock(book, { command: "import", waitMs: 0 });
    const told: string[] = [];
    const error = await refusal(
      acquireBookLock(book, { command: "match", waitMs: 400, pollMs: 50, notify: (t) => told.push(t) }),
    );
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(
      /^Книга занята: с ней работает команда «import» \(начата в \d\d:\d\d:\d\d, процесс \d+\)\. Дождитесь её окончания…/,
    );
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain("всё ещё занята: с ней работает команда «import»");
    expect(error.message).toContain(`удалите файл ${lockPathOf(book)}`);
    first.release();
  });

  it("lets the waiting command in as soon as the first ends", async () => {
    const first = await acquireBookLock(book, { command: "import", waitMs: 0 });
    setTimeout(() => first.release(), 300);
    const second = await acquireBookLock(book, { command: "monitor", waitMs: 5000, pollMs: 50 });
    expect((JSON.parse(readFileSync(lockPathOf(book), "utf8")) as LockInfo).command).toBe("monitor");
    second.release();
  });

  it("takes over the lock of a process that no longer runs on this computer", async () => {
    const stale: LockInfo = {
      pid: deadPid(),
      host: hostname(),
      command: "match",
      startedAt: new Date().toISOString(),
      token: "stale",
    };
    writeFileSync(lockPathOf(book), JSON.stringify(stale));
    const r = await cli("monitor", "--file", book);
    expect(r.code).toBe(0);
    expect(r.text).not.toContain("занята");
    expect(existsSync(lockPathOf(book))).toBe(false);
  });

  it("does not take over the lock of another computer: it may still run there", async () => {
    const remote: LockInfo = {
      pid: deadPid(),
      host: "учительская-пк",
      command: "doc",
      startedAt: new Date().toISOString(),
      token: "remote",
    };
    writeFileSync(lockPathOf(book), JSON.stringify(remote));
    const error = await refusal(acquireBookLock(book, { command: "monitor", waitMs: 200, pollMs: 50 }));
    expect(error.message).toContain("команда «doc» (начата в");
    expect(error.message).toContain("компьютер учительская-пк");
    rmSync(lockPathOf(book));
  });

  it("is released when a command fails, so the next one is not kept waiting", async () => {
    const bad = await cli("roadmap", "import", join(dir, "нет-такого-файла.txt"), "--file", book);
    expect(bad.code).not.toBe(0);
    expect(existsSync(lockPathOf(book))).toBe(false);
  });

  it("refuses a command while the holder runs, and the command says so in Russian (exit code 3)", async () => {
    const holder = await acquireBookLock(book, { command: "import", waitMs: 0 });
    const before = readFileSync(book);
    process.env.MENTOR_LOCK_WAIT = "0.3";
    try {
      const r = await cli("monitor", "--file", book);
      expect(r.code).toBe(3);
      expect(r.text).toContain("Книга занята: с ней работает команда «import»");
      expect(r.text).toContain("Ошибка: Книга");
      expect(r.text).toContain("всё ещё занята");
    } finally {
      delete process.env.MENTOR_LOCK_WAIT;
      holder.release();
    }
    expect(readFileSync(book).equals(before)).toBe(true);
  });
});

describe("a workbook open in LibreOffice or Excel", () => {
  it("is refused while LibreOffice's lock file lies beside it, and not written", async () => {
    const lo = join(dir, ".~lock.школа.xlsx#");
    writeFileSync(
      lo,
      ",Мария Ивановна,teacher-pc,04.12.2026 10:15,file:///home/maria/.config/libreoffice/4;",
    );
    const before = readFileSync(book);
    try {
      const r = await cli("monitor", "--file", book);
      expect(r.code).toBe(3);
      expect(r.text).toContain(
        "Книга открыта в LibreOffice (пользователь Мария Ивановна, компьютер teacher-pc, с 04.12.2026 10:15;",
      );
      expect(r.text).toContain("закройте её и повторите");
      expect(readFileSync(book).equals(before)).toBe(true);
      expect(existsSync(lockPathOf(book))).toBe(false);
      // Reading alone is allowed: the summary without --write only reads.
      expect((await cli("summary", "--file", book)).code).toBe(0);
    } finally {
      rmSync(lo);
    }
    expect((await cli("monitor", "--file", book)).code).toBe(0);
  });

  it("is refused while Excel's owner file ~$NAME lies beside it", async () => {
    const owner = join(dir, "~$школа.xlsx");
    const name = Buffer.from("Maria", "latin1");
    writeFileSync(owner, Buffer.concat([Buffer.from([name.length]), name, Buffer.alloc(160)]));
    try {
      const r = await cli("match", "--file", book);
      expect(r.code).toBe(3);
      expect(r.text).toContain("Книга открыта в Excel (пользователь Maria; файл блокировки");
      expect(r.text).toContain("закройте её и повторите");
    } finally {
      rmSync(owner);
    }
  });
});
