import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import {
  DAILY_TRIGGER_LOCK_TIMEOUT_MS,
  LOCK_TIMEOUT_MS,
  type LockPort,
  withWorkbookLock,
} from "../../src/core/ports";

function recordingLock(): LockPort & { timeouts: number[] } {
  const timeouts: number[] = [];
  return {
    timeouts,
    withLock(timeoutMs, fn) {
      timeouts.push(timeoutMs);
      return fn();
    },
  };
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("the workbook lock", () => {
  it("runs under the ports' lock with the one timeout, or directly without a lock", () => {
    const lock = recordingLock();
    expect(withWorkbookLock({ lock }, () => 7)).toBe(7);
    expect(withWorkbookLock({ lock }, () => 8, DAILY_TRIGGER_LOCK_TIMEOUT_MS)).toBe(8);
    expect(lock.timeouts).toEqual([LOCK_TIMEOUT_MS, DAILY_TRIGGER_LOCK_TIMEOUT_MS]);
    expect(LOCK_TIMEOUT_MS).toBe(30000);
    expect(withWorkbookLock({}, () => 9)).toBe(9);
    expect(withWorkbookLock({ lock: undefined }, () => 10)).toBe(10);
  });

  it("is taken only through withWorkbookLock in core and the Apps Script code", () => {
    const root = join(__dirname, "../..");
    const direct = [...sources(join(root, "src/core")), ...sources(join(root, "src/gas"))]
      .filter((path) => /\.withLock\(/.test(readFileSync(path, "utf8")))
      .map((path) => relative(root, path));
    expect(direct).toEqual(["src/core/ports.ts"]);
  });
});
