import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createGasFake, type GasFake, type GasFakeOptions } from "../gas-fake";

const BUNDLE = resolve(__dirname, "../../dist/Code.js");

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
  const fake = createGasFake(options);
  Object.assign(fake.globals, extraGlobals);
  install(fake);
  const context = fake.loadScript(dir) as unknown as Record<string, unknown>;
  return Object.assign(fake, { context });
}
