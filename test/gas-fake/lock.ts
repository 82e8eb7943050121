/**
 * LockService. A lock is held by one Lock object (an execution) or by "other", a simulated
 * concurrent execution (see GasFake.lock). Waiting takes no real time: the wait is recorded in
 * state.sleeps, and "other" may let go after a given number of ms.
 */
import { instrument } from "./calls";
import { type Env, Fake } from "./env";
import type { LockKind, LockState } from "./state";

type GasLock = GoogleAppsScript.Lock.Lock;

const LOCK_METHODS = ["hasLock", "releaseLock", "tryLock", "waitLock"] as const;

export class FakeLock extends Fake implements Pick<GasLock, (typeof LOCK_METHODS)[number]> {
  constructor(
    env: Env,
    private readonly lock: LockState,
  ) {
    super(env);
  }

  private acquire(timeoutInMillis: number): boolean {
    const l = this.lock;
    if (l.holder === null || l.holder === this) {
      l.holder = this;
      return true;
    }
    const releaseAfter = l.holder === "other" ? l.otherReleasesAfterMs : undefined;
    if (releaseAfter !== undefined && releaseAfter <= timeoutInMillis) {
      this.env.state.sleeps.push(releaseAfter);
      l.holder = this;
      l.otherReleasesAfterMs = undefined;
      return true;
    }
    this.env.state.sleeps.push(timeoutInMillis);
    return false;
  }

  hasLock(): boolean {
    return this.lock.holder === this;
  }
  releaseLock(): void {
    if (this.lock.holder === this) this.lock.holder = null;
  }
  tryLock(timeoutInMillis: number): boolean {
    return this.acquire(timeoutInMillis);
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.acquire(timeoutInMillis)) {
      throw this.env.error("Lock timeout: another process was holding the lock for too long.");
    }
  }
}
instrument(FakeLock, "LockService", "Lock", LOCK_METHODS);

export class FakeLockService
  extends Fake
  implements Pick<GoogleAppsScript.Lock.LockService, "getDocumentLock" | "getScriptLock" | "getUserLock">
{
  private get(kind: LockKind): GasLock {
    return new FakeLock(this.env, this.env.state.locks[kind]) as unknown as GasLock;
  }
  getDocumentLock(): GasLock {
    return this.get("document");
  }
  getScriptLock(): GasLock {
    return this.get("script");
  }
  getUserLock(): GasLock {
    return this.get("user");
  }
}
instrument(FakeLockService, "LockService", "LockService", [
  "getDocumentLock",
  "getScriptLock",
  "getUserLock",
]);
