import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createGasFake, type GasFake, type GasFakeOptions } from "../gas-fake";

/** The built bundle: dist/, or the directory GAS_DIST names (a private build while others rebuild dist/). */
const DIST = process.env.GAS_DIST ? resolve(process.env.GAS_DIST) : resolve(__dirname, "../../dist");
const BUNDLE = resolve(DIST, "Code.js");
const MANIFEST = resolve(DIST, "appsscript.json");

/** The built manifest's OAuth scopes: what every user grants the bundle unless a test says otherwise. */
export function manifestScopes(): string[] {
  return JSON.parse(readFileSync(MANIFEST, "utf8")).oauthScopes;
}

/**
 * The built bundle loaded with gas-local into a V8 context whose only globals are the Apps Script
 * fakes: no require, process, module, URL, TextEncoder or setTimeout. `npm test` builds first.
 */
export type LoadedBundle = GasFake & { context: Record<string, unknown> };

export function loadBundle(
  options: GasFakeOptions = {},
  extraGlobals: Record<string, unknown> = {},
  install: (fake: GasFake) => void = () => {},
): LoadedBundle {
  if (!existsSync(BUNDLE)) throw new Error("dist/Code.js is missing: run `npm run build` first");
  const dir = mkdtempSync(join(tmpdir(), "gas-bundle-"));
  copyFileSync(BUNDLE, join(dir, "Code.js"));
  // Every call the bundle makes is checked against the manifest's scopes (test/gas-fake/auth.ts).
  const fake = createGasFake({ oauthScopes: manifestScopes(), ...options });
  Object.assign(fake.globals, extraGlobals);
  install(fake);
  const context = fake.loadScript(dir) as unknown as Record<string, unknown>;
  return Object.assign(fake, { context });
}
