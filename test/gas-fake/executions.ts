/**
 * Simultaneous executions. Apps Script runs at most 30 executions of one user at a time
 * (developers.google.com/apps-script/guides/services/quotas, «Current limitations»: «Simultaneous
 * executions per user: 30»); an execution past the cap is refused before the script runs, so none
 * of its code runs and nothing it would have written exists.
 *
 * The fake runs one thing at a time. `simultaneously(fn)` declares that every execution started
 * inside `fn` (a menu call, a fired trigger, the submit triggers of `forms.submit`) overlaps the
 * others: each still runs at once, in order, but keeps its slot until `fn` returns, so the 31st of
 * one user is refused — recorded in `refused`, its handler never called. Outside such a window an
 * execution frees its slot when it returns.
 */

/** Executions of one user Apps Script runs at the same time. */
export const SIMULTANEOUS_EXECUTIONS_PER_USER = 30;

export interface RefusedExecution {
  /** The function the execution would have run. */
  handler: string;
  /** Whose execution it was (the effective user). */
  user: string;
}

export class Executions {
  private readonly running = new Map<string, number>();
  private windows = 0;
  private held: string[] = [];
  private depth = 0;
  readonly refused: RefusedExecution[] = [];

  /**
   * Runs `body` as one execution of `user` calling `handler`; refused (body not run, `undefined`
   * returned) when the user already has 30 running. A call made from inside an execution is part
   * of it, not a new one.
   */
  run<T>(user: string, handler: string, body: () => T): T | undefined {
    if (this.depth > 0) return body();
    const key = user.toLowerCase();
    const n = this.running.get(key) ?? 0;
    if (n >= SIMULTANEOUS_EXECUTIONS_PER_USER) {
      this.refused.push({ handler, user });
      return undefined;
    }
    this.running.set(key, n + 1);
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
      if (this.windows > 0) this.held.push(key);
      else this.release(key);
    }
  }

  /** Every execution started inside `fn` runs at the same time as the others (see the file's comment). */
  simultaneously<T>(fn: () => T): T {
    this.windows++;
    try {
      return fn();
    } finally {
      this.windows--;
      if (this.windows === 0) for (const key of this.held.splice(0)) this.release(key);
    }
  }

  /** Executions of `user` running now. */
  runningOf(user: string): number {
    return this.running.get(user.toLowerCase()) ?? 0;
  }

  private release(key: string): void {
    const n = (this.running.get(key) ?? 1) - 1;
    if (n <= 0) this.running.delete(key);
    else this.running.set(key, n);
  }
}
