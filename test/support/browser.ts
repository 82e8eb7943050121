import { type Browser, chromium } from "playwright-core";
import { chromiumTool } from "./tools";

/** Debian's Chromium: suites that launch it are declared with describeWith(CHROMIUM) (./tools). */
export const CHROMIUM = chromiumTool();

/** Chromium headless, with the flags this closed network needs (no background traffic). */
export async function launchChromium(): Promise<Browser> {
  if (CHROMIUM.path === null) throw new Error(`${CHROMIUM.missing}.`);
  return chromium.launch({
    executablePath: CHROMIUM.path,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
