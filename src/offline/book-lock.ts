/**
 * One command at a time per workbook. A command that changes a workbook first creates a lock file
 * beside it («школа.xlsx.mentor-lock», created exclusively) holding its pid, host, command and start
 * time, and removes it when it ends. A second command waits a few seconds for it, then stops; a
 * lock left by a process that no longer runs on this computer is taken over. A workbook that
 * Excel or LibreOffice holds open (their lock files beside it) is refused.
 */
import { randomBytes } from "node:crypto";
import { closeSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { removeStaleTemps, siblingPath } from "./atomic-file";
import { CliError, describeFileError, EXIT_BUSY } from "./errors";

export interface LockInfo {
  pid: number;
  host: string;
  command: string;
  /** ISO time the command started. */
  startedAt: string;
  /** Tells this holder's lock from another's with the same pid (two commands in one process). */
  token: string;
}

export interface LockOptions {
  /** The command taking the lock, as the waiting one will name it: «import». */
  command: string;
  /** How long to wait for a busy workbook (default: MENTOR_LOCK_WAIT seconds, else 15 s). */
  waitMs?: number;
  /** How often to look again while waiting. */
  pollMs?: number;
  /** Told once when the workbook is busy and the command starts waiting. */
  notify?: (text: string) => void;
}

const DEFAULT_WAIT_MS = 15_000;
/** A lock file still empty after this long was left by a process killed as it created it. */
const UNWRITTEN_STALE_MS = 10_000;

export function lockPathOf(book: string): string {
  return siblingPath(book, "", ".mentor-lock");
}

function defaultWaitMs(): number {
  const s = Number(process.env.MENTOR_LOCK_WAIT);
  return Number.isFinite(s) && s >= 0 ? s * 1000 : DEFAULT_WAIT_MS;
}

function readLock(path: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path, "utf8")) as LockInfo;
    return typeof info.pid === "number" && typeof info.token === "string" ? info : null;
  } catch {
    return null;
  }
}

/** Whether process `pid` runs on this computer (EPERM: it runs as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock nobody holds any more: its process has ended on this computer, or it was never written. */
function isStale(path: string, info: LockInfo | null): boolean {
  if (!info) {
    try {
      return Date.now() - statSync(path).mtimeMs > UNWRITTEN_STALE_MS;
    } catch {
      return false;
    }
  }
  return info.host === hostname() && !processAlive(info.pid);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * Removes a stale lock under a second, short-lived lock («….takeover»), re-reading it there so that
 * two commands taking over the same stale lock never remove a fresh one.
 */
function takeOver(path: string, seen: LockInfo | null): void {
  const guard = `${path}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, "wx");
  } catch {
    try {
      if (Date.now() - statSync(guard).mtimeMs > UNWRITTEN_STALE_MS) unlinkQuietly(guard);
    } catch {
      // Gone meanwhile.
    }
    return;
  }
  closeSync(fd);
  try {
    const now = readLock(path);
    const same = now === null ? seen === null : seen !== null && now.token === seen.token;
    if (same && isStale(path, now)) unlinkQuietly(path);
  } finally {
    unlinkQuietly(guard);
  }
}

function formatStart(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "неизвестно когда";
  const time = d.toLocaleTimeString("ru-RU", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const today = new Date().toDateString() === d.toDateString();
  return today ? `в ${time}` : `${d.toLocaleDateString("ru-RU")} в ${time}`;
}

function holderText(info: LockInfo | null): string {
  if (!info) return "другая команда mentor";
  const where =
    info.host === hostname() ? `процесс ${info.pid}` : `компьютер ${info.host}, процесс ${info.pid}`;
  return `команда «${info.command}» (начата ${formatStart(info.startedAt)}, ${where})`;
}

const held = new Map<string, BookLock>();

/** A workbook lock this process holds. */
export class BookLock {
  constructor(
    readonly book: string,
    readonly path: string,
    readonly info: LockInfo,
  ) {}

  /** Removes the lock file if it is still this holder's. */
  release(): void {
    held.delete(this.path);
    const now = readLock(this.path);
    if (now && now.token === this.info.token) unlinkQuietly(this.path);
  }
}

/** Creates the lock file exclusively; false when it exists. A failure is said about the book's folder. */
function tryCreate(book: string, path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new CliError(describeFileError(e, book, "write"));
  }
  try {
    writeSync(fd, JSON.stringify(info));
  } catch (e) {
    closeSync(fd);
    unlinkQuietly(path);
    throw new CliError(describeFileError(e, book, "write"));
  }
  closeSync(fd);
  return true;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the lock of workbook `book`, waiting up to `waitMs` while another command holds it; then
 * throws a Russian `CliError` (exit code 3). Stale temporary files of interrupted saves are removed.
 */
export async function acquireBookLock(book: string, options: LockOptions): Promise<BookLock> {
  const path = lockPathOf(book);
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    command: options.command,
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString("hex"),
  };
  const waitMs = options.waitMs ?? defaultWaitMs();
  const pollMs = options.pollMs ?? 150;
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    if (tryCreate(book, path, info)) break;
    const other = readLock(path);
    if (isStale(path, other)) {
      takeOver(path, other);
      continue;
    }
    if (Date.now() >= deadline)
      throw new CliError(
        `Книга ${book} всё ещё занята: с ней работает ${holderText(other)}. Повторите, когда та команда закончится. ` +
          `Если её уже нет (компьютер выключали, окно закрыли), удалите файл ${path} и повторите.`,
        EXIT_BUSY,
      );
    if (!told) {
      options.notify?.(
        `Книга занята: с ней работает ${holderText(other)}. Дождитесь её окончания… (жду до ${Math.ceil(waitMs / 1000)} с)`,
      );
      told = true;
    }
    await sleep(pollMs + Math.floor(Math.random() * pollMs));
  }
  const lock = new BookLock(book, path, info);
  held.set(path, lock);
  removeStaleTemps(book);
  return lock;
}

/** Releases every workbook lock this process holds (the end of a command). */
export function releaseAllBookLocks(): void {
  for (const lock of [...held.values()]) lock.release();
}

/** Who holds a LibreOffice lock «.~lock.NAME#»: «,Имя,хост,дата,…;» → «пользователь Имя, хост, с даты». */
function libreOfficeHolder(text: string): string {
  const [name, user, host, date] = text.replace(/;\s*$/, "").split(",");
  const who = (name || user || "").trim();
  const parts = [
    who ? `пользователь ${who}` : "",
    host?.trim() ? `компьютер ${host.trim()}` : "",
    date?.trim() ? `с ${date.trim()}` : "",
  ];
  return parts.filter(Boolean).join(", ");
}

/** Who holds an Excel owner file «~$NAME»: a length byte, then the user's name. */
function excelHolder(bytes: Buffer): string {
  const n = bytes[0] ?? 0;
  const name = bytes
    .subarray(1, 1 + Math.min(n, 53))
    .toString("latin1")
    .replace(/[^\x20-\x7e]/g, "")
    .trim();
  return name ? `пользователь ${name}` : "";
}

/**
 * Refuses a workbook that Excel or LibreOffice holds open: LibreOffice writes «.~lock.NAME#» beside
 * it, Excel «~$NAME». Saving under them would be lost when they save, or lose their work.
 */
export function refuseIfOpenInOffice(book: string): void {
  const dir = dirname(book);
  const name = basename(book);
  let names: Set<string>;
  try {
    names = new Set(readdirSync(dir));
  } catch {
    return;
  }
  const lo = `.~lock.${name}#`;
  const excel = `~$${name}`;
  let program = "";
  let lockFile = "";
  let who = "";
  if (names.has(lo)) {
    program = "LibreOffice";
    lockFile = join(dir, lo);
    try {
      who = libreOfficeHolder(readFileSync(lockFile, "utf8"));
    } catch {
      // Unreadable: the program is still named.
    }
  } else if (names.has(excel)) {
    program = "Excel";
    lockFile = join(dir, excel);
    try {
      who = excelHolder(readFileSync(lockFile));
    } catch {
      // Unreadable: the program is still named.
    }
  }
  if (!program) return;
  throw new CliError(
    `Книга открыта в ${program} (${who ? `${who}; ` : ""}файл блокировки ${lockFile}): закройте её и повторите. ` +
      `Если ${program} уже закрыт, а файл блокировки остался, удалите его.`,
    EXIT_BUSY,
  );
}
