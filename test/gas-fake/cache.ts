/** CacheService: string values with expiry measured by the fake's clock (option `now`). */
import { instrument } from "./calls";
import { type Env, Fake } from "./env";

type GasCache = GoogleAppsScript.Cache.Cache;

export type CacheStore = Map<string, { value: string; expiresAt: number }>;

const DEFAULT_TTL_S = 600;
const MAX_TTL_S = 21600;
const MAX_KEY = 250;
const MAX_VALUE = 100 * 1024;

const CACHE_METHODS = ["get", "getAll", "put", "putAll", "remove", "removeAll"] as const;

export class FakeCache extends Fake implements Pick<GasCache, (typeof CACHE_METHODS)[number]> {
  constructor(
    env: Env,
    private readonly store: CacheStore,
  ) {
    super(env);
  }

  private read(key: string): string | null {
    const entry = this.store.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.env.now()) {
      this.store.delete(key);
      return null;
    }
    return entry.value;
  }

  private write(key: string, value: unknown, ttlSeconds: number | undefined): void {
    const k = String(key);
    const v = String(value);
    if (k.length > MAX_KEY) throw this.env.error("Argument too large: key");
    if (Buffer.byteLength(v, "utf8") > MAX_VALUE) throw this.env.error("Argument too large: value");
    const ttl = Math.min(ttlSeconds ?? DEFAULT_TTL_S, MAX_TTL_S);
    this.store.set(k, { value: v, expiresAt: this.env.now() + ttl * 1000 });
  }

  get(key: string): string | null {
    return this.read(String(key));
  }
  getAll(keys: string[]): { [key: string]: string } {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.read(String(k));
      if (v !== null) out[k] = v;
    }
    return this.env.realm.object(out);
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    this.write(key, value, expirationInSeconds);
  }
  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.write(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this.store.delete(String(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.store.delete(String(k));
  }
}
instrument(FakeCache, "CacheService", "Cache", CACHE_METHODS);

export class FakeCacheService
  extends Fake
  implements Pick<GoogleAppsScript.Cache.CacheService, "getDocumentCache" | "getScriptCache" | "getUserCache">
{
  private readonly stores = { script: new Map(), document: new Map(), user: new Map() } satisfies Record<
    string,
    CacheStore
  >;

  getDocumentCache(): GasCache {
    return new FakeCache(this.env, this.stores.document) as unknown as GasCache;
  }
  getScriptCache(): GasCache {
    return new FakeCache(this.env, this.stores.script) as unknown as GasCache;
  }
  getUserCache(): GasCache {
    return new FakeCache(this.env, this.stores.user) as unknown as GasCache;
  }
}
instrument(FakeCacheService, "CacheService", "CacheService", [
  "getDocumentCache",
  "getScriptCache",
  "getUserCache",
]);
