/**
 * Saving a file so that a crash at any moment leaves either the old or the new version, never a
 * half: the bytes go to a temporary file in the same folder, are flushed to the disk (fsync) and
 * renamed over the original (an atomic replace on one file system). The previous version can be
 * kept as a backup beside it, and a file changed on disk since it was read is never overwritten.
 *
 * Each step is named (`WriteStep`) and `onStep` is called at each, so that tests can fail or kill
 * the write at every moment.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { CliError, describeFileError, EXIT_BUSY } from "./errors";

/** The state of a file when a command read it, compared before the file is overwritten. */
export interface FileSnapshot {
  path: string;
  exists: boolean;
  size?: number;
  mtimeMs?: number;
  sha256?: string;
}

/** The moments of a save, in order; `onStep` is called at each. */
export const WRITE_STEPS = ["temp-created", "mid-write", "before-fsync", "before-rename", "renamed"] as const;
export type WriteStep = (typeof WRITE_STEPS)[number];

export interface AtomicWriteOptions {
  /** Keep the version being replaced at this path (the previous backup is replaced). */
  backup?: string;
  /** Refuse (and write nothing) when the file on disk is no longer this one. */
  expect?: FileSnapshot;
  /** Called at each step of the save: tests throw here to interrupt it. */
  onStep?: (step: WriteStep) => void;
}

/** Longest file name in bytes on the common file systems (ext4, NTFS in UTF-16 units, APFS). */
const NAME_MAX = 255;

export function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** `prefix + name + suffix` beside `path`, the name shortened until it fits a file name. */
export function siblingPath(path: string, prefix: string, suffix: string): string {
  let chars = [...basename(path)];
  while (chars.length > 1 && Buffer.byteLength(prefix + chars.join("") + suffix) > NAME_MAX)
    chars = chars.slice(0, -1);
  return join(dirname(path), prefix + chars.join("") + suffix);
}

/** Where the previous version of a file is kept: «школа.xlsx» → «школа.bak.xlsx». */
export function backupPathOf(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  return siblingPath(join(dirname(path), stem), "", `.bak${ext}`);
}

/** A fresh temporary file name beside `path`: «.школа.xlsx.1a2b3c4d.tmp». */
export function tempPathFor(path: string): string {
  return siblingPath(path, ".", `.${randomBytes(4).toString("hex")}.tmp`);
}

/** Whether a name in the folder of `path` is a temporary file of a save of `path`. */
export function isTempOf(path: string, name: string): boolean {
  const sample = basename(siblingPath(path, ".", ".00000000.tmp"));
  const prefix = sample.slice(0, -".00000000.tmp".length);
  return name.startsWith(prefix) && /^\.[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length));
}

/**
 * Removes temporary files that interrupted saves of `path` (and of its backup) left behind. Call it
 * only while holding the lock of `path`: then no save of it is running.
 */
export function removeStaleTemps(path: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return removed;
  }
  const backup = backupPathOf(path);
  for (const name of names)
    if (isTempOf(path, name) || isTempOf(backup, name)) {
      try {
        unlinkSync(join(dirname(path), name));
        removed.push(name);
      } catch {
        // Another program's file or already gone: leave it.
      }
    }
  return removed;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** The state of `path` now; `data`, when given, is its content (saves reading it again). */
export function snapshotOf(path: string, data?: Uint8Array): FileSnapshot {
  const st = statOrNull(path);
  if (!st) return { path, exists: false };
  return {
    path,
    exists: true,
    size: st.size,
    mtimeMs: st.mtimeMs,
    sha256: sha256(data ?? readFileSync(path)),
  };
}

/** Whether the file differs from the snapshot: appeared, vanished, or other bytes. */
export function changedSince(s: FileSnapshot): boolean {
  const st = statOrNull(s.path);
  if (!st || !s.exists) return Boolean(st) !== s.exists;
  if (st.size !== s.size) return true;
  if (st.mtimeMs === s.mtimeMs) return false;
  return sha256(readFileSync(s.path)) !== s.sha256;
}

export function changedOnDiskMessage(path: string): string {
  return (
    `Файл ${path} изменился на диске после того, как программа его прочитала (его сохранила другая ` +
    `программа: Excel, LibreOffice, синхронизация с облаком). Чтобы не затереть эти изменения, новая версия ` +
    `не записана. Повторите команду: она прочитает файл заново.`
  );
}

function writeRange(fd: number, data: Buffer, from: number, to: number): void {
  let at = from;
  while (at < to) at += writeSync(fd, data, at, to - at);
}

function fsyncPath(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (the rename) to the disk; not possible on every system. */
function fsyncFolder(dir: string): void {
  try {
    fsyncPath(dir, "r");
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  }
}

/** The version being replaced, kept at `backup`: a hard link (no copy), else a flushed copy. */
function keepBackup(target: string, backup: string): void {
  const now = statSync(target);
  const kept = statOrNull(backup);
  // Already this very file (a save interrupted after its backup): renaming a second link of it
  // over the first would do nothing and leave the link behind.
  if (kept && kept.ino === now.ino && kept.dev === now.dev && now.ino !== 0) return;
  const tmp = tempPathFor(backup);
  try {
    try {
      linkSync(target, tmp);
    } catch {
      copyFileSync(target, tmp);
      fsyncPath(tmp, "r+");
    }
    renameSync(tmp, backup);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Not created.
    }
    throw e;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone or never created.
  }
}

/**
 * Writes `data` to `target` atomically: temporary file beside it, fsync, optional backup of the
 * previous version, rename. On any failure the target is untouched and the temporary file removed.
 * Returns the state of the new file. File system errors become Russian `CliError`s.
 */
export function writeFileAtomic(
  target: string,
  data: Uint8Array | string,
  options: AtomicWriteOptions = {},
): FileSnapshot {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
  const step = options.onStep ?? (() => {});
  const tmp = tempPathFor(target);
  let fd: number | null = null;
  let renamed = false;
  try {
    const previous = statOrNull(target);
    fd = openSync(tmp, "wx");
    step("temp-created");
    if (previous) {
      try {
        fchmodSync(fd, previous.mode & 0o7777);
      } catch {
        // Permissions cannot be copied here (FAT, some shares): the default ones stay.
      }
    }
    const half = Math.floor(bytes.length / 2);
    writeRange(fd, bytes, 0, half);
    step("mid-write");
    writeRange(fd, bytes, half, bytes.length);
    step("before-fsync");
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (options.expect && changedSince(options.expect))
      throw new CliError(changedOnDiskMessage(target), EXIT_BUSY);
    if (options.backup && previous) keepBackup(target, options.backup);
    step("before-rename");
    renameSync(tmp, target);
    renamed = true;
    step("renamed");
    fsyncFolder(dirname(target));
  } catch (e) {
    if (fd !== null) {
      try {
        closeSync(fd);
      } catch {
        // Already closed.
      }
    }
    if (!renamed) unlinkQuietly(tmp);
    const code = (e as NodeJS.ErrnoException).code;
    const syscall = (e as NodeJS.ErrnoException).syscall;
    if (syscall === "rename" && (code === "EPERM" || code === "EBUSY" || code === "EACCES"))
      throw new CliError(
        `Не удалось заменить ${target}: файл занят другой программой (возможно, открыт в Excel) или защищён от записи. Прежняя версия не изменена. Закройте файл и повторите.`,
      );
    if (typeof code === "string" && syscall) throw new CliError(describeFileError(e, target, "write"));
    throw e;
  }
  const st = statSync(target);
  return { path: target, exists: true, size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(bytes) };
}
