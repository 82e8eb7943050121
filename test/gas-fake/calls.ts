/**
 * Call counting for the fake services.
 *
 * Every public method of a fake class is wrapped once, at module load, by `instrument`. A call is
 * recorded only when it comes from outside the fake (depth 0): a fake method that calls another
 * public method internally does not inflate the counts, and test helpers run `untracked`.
 */

export class CallLog {
  private readonly counts = new Map<string, number>();
  private readonly serviceOf = new Map<string, string>();
  private depth = 0;
  /** Checks each call from outside the fake before it runs (authorization, see auth.ts). */
  authorize: ((service: string, key: string) => void) | null = null;

  /** Runs `fn` as one call of `key` ("Range.getValues") of `service` ("Spreadsheet"). */
  track<T>(service: string, key: string, fn: () => T): T {
    if (this.depth === 0) {
      this.authorize?.(service, key);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      this.serviceOf.set(key, service);
    }
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /** Runs `fn` without recording any call it makes (for test helpers). */
  untracked<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /** Calls of one method, e.g. count("Range.getValues"). */
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /**
   * Sum of calls: all calls with no argument; else calls of a service ("Spreadsheet", "MailApp",
   * "Ui", ...) or of one object type ("Range", "Sheet", "Protection", ...).
   */
  total(serviceOrType?: string): number {
    let sum = 0;
    for (const [key, n] of this.counts) {
      if (
        serviceOrType === undefined ||
        this.serviceOf.get(key) === serviceOrType ||
        key.startsWith(`${serviceOrType}.`)
      ) {
        sum += n;
      }
    }
    return sum;
  }

  reset(): void {
    this.counts.clear();
    this.serviceOf.clear();
  }

  /** Counts by "Type.method", sorted by key. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.counts.keys()].sort()) out[key] = this.counts.get(key)!;
    return out;
  }

  /** Counts by service, e.g. { Spreadsheet: 12, MailApp: 3 }. */
  byService(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, n] of this.counts) {
      const service = this.serviceOf.get(key)!;
      out[service] = (out[service] ?? 0) + n;
    }
    return out;
  }
}

/** Anything whose methods are counted: it knows the call log of its fake. */
export interface HasCallLog {
  readonly calls: CallLog;
}

type AnyMethod = (...args: unknown[]) => unknown;

/**
 * Wraps the listed prototype methods of a fake class so each call is recorded as
 * `${type}.${method}` under `service`. Call once per class, right after its declaration.
 */
export function instrument<T extends object>(
  ctor: { prototype: T },
  service: string,
  type: string,
  methods: readonly (keyof T & string)[],
): void {
  const proto = ctor.prototype as unknown as Record<string, AnyMethod>;
  for (const name of methods) {
    const original = proto[name];
    if (typeof original !== "function") throw new Error(`gas-fake: ${type}.${name} is not a method`);
    const key = `${type}.${name}`;
    proto[name] = function (this: { env: HasCallLog }, ...args: unknown[]) {
      return this.env.calls.track(service, key, () => original.apply(this, args));
    };
  }
}
