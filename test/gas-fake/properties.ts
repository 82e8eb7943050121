/**
 * PropertiesService over state.properties (plain objects tests may seed and read). Values are
 * stored as strings; the 9 kB per value and 500 kB per store quotas are enforced.
 */
import { instrument } from "./calls";
import { type Env, Fake } from "./env";

type GasProperties = GoogleAppsScript.Properties.Properties;
type Scope = "script" | "document" | "user";

const MAX_VALUE = 9 * 1024;
const MAX_STORE = 500 * 1024;

const PROPERTIES_METHODS = [
  "deleteAllProperties",
  "deleteProperty",
  "getKeys",
  "getProperties",
  "getProperty",
  "setProperties",
  "setProperty",
] as const;

export class FakeProperties extends Fake implements Pick<GasProperties, (typeof PROPERTIES_METHODS)[number]> {
  constructor(
    env: Env,
    private readonly scope: Scope,
  ) {
    super(env);
  }

  private get store(): Record<string, string> {
    return this.env.state.properties[this.scope];
  }

  private self(): GasProperties {
    return this as unknown as GasProperties;
  }

  /** Writes all entries or none, after the quota checks. */
  private commit(entries: [string, unknown][], replaceAll: boolean): void {
    const next: Record<string, string> = replaceAll ? {} : { ...this.store };
    for (const [key, value] of entries) {
      if (value === null || value === undefined) throw this.env.error(`Invalid argument: value of ${key}`);
      const v = String(value);
      if (Buffer.byteLength(v, "utf8") > MAX_VALUE) throw this.env.error("Argument too large: value");
      next[String(key)] = v;
    }
    const size = Object.entries(next).reduce(
      (n, [k, v]) => n + Buffer.byteLength(k, "utf8") + Buffer.byteLength(v, "utf8"),
      0,
    );
    if (size > MAX_STORE) {
      throw this.env.error(
        "You have exceeded the property storage quota. Please remove some properties and try again.",
      );
    }
    this.replaceStore(next);
  }

  /** Mutates the store in place, so tests holding state.properties.<scope> see the change. */
  private replaceStore(next: Record<string, string>): void {
    const store = this.store;
    for (const k of Object.keys(store)) delete store[k];
    Object.assign(store, next);
  }

  deleteAllProperties(): GasProperties {
    this.replaceStore({});
    return this.self();
  }
  deleteProperty(key: string): GasProperties {
    delete this.store[String(key)];
    return this.self();
  }
  getKeys(): string[] {
    return this.env.realm.array(Object.keys(this.store));
  }
  getProperties(): { [key: string]: string } {
    return this.env.realm.object({ ...this.store });
  }
  getProperty(key: string): string | null {
    const v: unknown = this.store[String(key)];
    return typeof v === "string" ? v : null;
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): GasProperties {
    if (typeof properties !== "object" || properties === null) {
      throw this.env.signatureError("Properties.setProperties", [properties, deleteAllOthers]);
    }
    this.commit(Object.entries(properties), deleteAllOthers);
    return this.self();
  }
  setProperty(key: string, value: string): GasProperties {
    this.commit([[String(key), value]], false);
    return this.self();
  }
}
instrument(FakeProperties, "PropertiesService", "Properties", PROPERTIES_METHODS);

export class FakePropertiesService
  extends Fake
  implements
    Pick<
      GoogleAppsScript.Properties.PropertiesService,
      "getDocumentProperties" | "getScriptProperties" | "getUserProperties"
    >
{
  getDocumentProperties(): GasProperties {
    return new FakeProperties(this.env, "document") as unknown as GasProperties;
  }
  getScriptProperties(): GasProperties {
    return new FakeProperties(this.env, "script") as unknown as GasProperties;
  }
  getUserProperties(): GasProperties {
    return new FakeProperties(this.env, "user") as unknown as GasProperties;
  }
}
instrument(FakePropertiesService, "PropertiesService", "PropertiesService", [
  "getDocumentProperties",
  "getScriptProperties",
  "getUserProperties",
]);
