/**
 * Daily quotas of Apps Script, per user: «Quotas are per user and reset 24 hours after the first
 * request» (developers.google.com/apps-script/guides/services/quotas). A consumer (gmail.com)
 * account's: 250 documents created a day, 100 e-mail recipients a day. Over a quota the service
 * throws «Service invoked too many times for one day: <service>.» (the text Apps Script gives,
 * e.g. «…: docs create.», «…: email.»).
 */
import type { Env } from "./env";

export const CONSUMER_DOCS_CREATED_PER_DAY = 250;
export const DAY_MS = 86_400_000;

export class DailyQuota {
  /** Per user: when the day's first request was made, and how much was used since. */
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly env: Env,
    /** «docs create», «email»: the end of the error message. */
    private readonly service: string,
    public limit: number,
  ) {}

  /** What the effective user may still use today. */
  remaining(): number {
    const w = this.window(false);
    return Math.max(0, this.limit - (w?.used ?? 0));
  }

  /** Charges `n` to the effective user, or throws Apps Script's error when it would exceed the quota. */
  charge(n = 1): void {
    const w = this.window(true)!;
    if (w.used + n > this.limit)
      throw this.env.error(`Service invoked too many times for one day: ${this.service}.`);
    w.used += n;
  }

  private window(create: boolean): { start: number; used: number } | undefined {
    const user = this.env.users.effective;
    const now = this.env.now();
    let w = this.windows.get(user);
    if (w && now >= w.start + DAY_MS) {
      this.windows.delete(user);
      w = undefined;
    }
    if (!w && create) {
      w = { start: now, used: 0 };
      this.windows.set(user, w);
    }
    return w;
  }
}
