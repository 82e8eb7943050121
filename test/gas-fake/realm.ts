/**
 * Values handed to script code are created in the script's realm when the fake runs inside a vm
 * context (gas-local): dates, errors, arrays and plain objects then pass `instanceof Date`,
 * `instanceof Error`, `instanceof Array` there, as they do in Apps Script. Outside a context (a
 * plain jest test) they are ordinary objects of the caller's realm.
 *
 * The context is found by itself: gas-local contextifies the very `globals` object the fake
 * returned, which `vm.isContext` recognises. `bind` is for callers that build their own context.
 */
import * as vm from "node:vm";

interface RealmConstructors {
  Date: DateConstructor;
  Error: ErrorConstructor;
  copyArray: <T>(items: readonly T[]) => T[];
  newObject: () => Record<string, unknown>;
}

const SETUP = `({
  Date: Date,
  Error: Error,
  copyArray: function (items) { return Array.prototype.slice.call(items); },
  newObject: function () { return {}; }
})`;

export class Realm {
  private ctors: RealmConstructors | undefined;

  constructor(private readonly candidate: () => object | undefined) {}

  bind(context: vm.Context): void {
    this.ctors = vm.runInContext(SETUP, context) as RealmConstructors;
  }

  get bound(): boolean {
    return this.resolve() !== undefined;
  }

  date(ms: number): Date {
    const r = this.resolve();
    return r ? new r.Date(ms) : new Date(ms);
  }

  /** An Apps Script exception: name "Exception", so String(e) is "Exception: <message>". */
  error(message: string): Error {
    const r = this.resolve();
    const e = r ? new r.Error(message) : new Error(message);
    e.name = "Exception";
    return e;
  }

  array<T>(items: readonly T[]): T[] {
    const r = this.resolve();
    return r ? r.copyArray(items) : [...items];
  }

  object<T extends Record<string, unknown>>(source: T): T {
    const r = this.resolve();
    return r ? (Object.assign(r.newObject(), source) as T) : { ...source };
  }

  private resolve(): RealmConstructors | undefined {
    if (!this.ctors) {
      const c = this.candidate();
      if (c && vm.isContext(c)) this.bind(c);
    }
    return this.ctors;
  }
}
