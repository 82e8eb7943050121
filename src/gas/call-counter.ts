/**
 * Service calls counted as they are made: a job that must stay within a budget of calls per
 * execution (issue 14, item 7: 300) learns what each document cost. `counted(target, meter)` is
 * `target` with every method call counted, and every document element such a call returns counted
 * the same way (a body's appended paragraph, a table's cell…); an object passed back to a service (a list
 * item given to setListId) is unwrapped first, so the service sees its own object.
 */

export interface CallMeter {
  calls: number;
}

const targets = new WeakMap<object, object>();

function unwrap(v: unknown): unknown {
  return typeof v === "object" && v !== null ? (targets.get(v) ?? v) : v;
}

function isElement(v: unknown): v is object {
  return typeof v === "object" && v !== null && typeof (v as { getType?: unknown }).getType === "function";
}

export function counted<T extends object>(target: T, meter: CallMeter): T {
  const proxy = new Proxy(target, {
    get(t, key) {
      const v = (t as Record<PropertyKey, unknown>)[key];
      if (typeof v !== "function") return v;
      // A cast (asParagraph, asTable…) changes only the type the script sees: not counted.
      const cast = typeof key === "string" && /^as[A-Z]/.test(key);
      return (...args: unknown[]) => {
        if (!cast) meter.calls++;
        const r = (v as (...a: unknown[]) => unknown).apply(t, args.map(unwrap));
        // A method returning its own object (a builder's chained setter) returns the proxy.
        if (r === t) return proxy;
        // Only a document's elements (what has getType) are wrapped: an enum value a method
        // returns (getType's ElementType) stays itself, so comparisons with the enum still hold.
        return isElement(r) || (key === "editAsText" && typeof r === "object" && r !== null)
          ? counted(r as object, meter)
          : r;
      };
    },
  });
  targets.set(proxy, target);
  return proxy;
}
