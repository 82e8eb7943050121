/**
 * External programs some suites need: LibreOffice (`soffice`, headless) and Chromium. Where a
 * program is missing, its suites are skipped — jest lists their tests as skipped — unless the
 * environment requires it: `.ci/run` sets REQUIRE_LIBREOFFICE=1 and REQUIRE_CHROMIUM=1, and then a
 * missing program fails the suite with a message saying what to install.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Tool {
  /** The program's name in messages. */
  name: string;
  /** Where it was found; null when it is not installed. */
  path: string | null;
  /** Set to 1 to make a missing program a failure (.ci/run sets it). */
  requireVar: string;
  /** Why it is missing, when it is, and how to install it. */
  missing: string;
}

/** The first path that exists, else what `which` finds on PATH; null when none. */
function locate(paths: string[], command: string): string | null {
  for (const p of paths) if (existsSync(p)) return p;
  try {
    return (
      execFileSync("which", [command], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() ||
      null
    );
  } catch {
    return null;
  }
}

/** LibreOffice: $SOFFICE when set, else the usual places or `soffice` on PATH. SKIP_LIBREOFFICE=1 leaves it out. */
export function libreOffice(): Tool {
  const skipped = process.env.SKIP_LIBREOFFICE === "1";
  const wanted = process.env.SOFFICE;
  let path: string | null = null;
  if (!skipped)
    path = wanted
      ? existsSync(wanted)
        ? wanted
        : null
      : locate(["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/libreoffice/program/soffice"], "soffice");
  return {
    name: "LibreOffice",
    path,
    requireVar: "REQUIRE_LIBREOFFICE",
    missing: skipped
      ? "SKIP_LIBREOFFICE=1 is set"
      : `soffice is not installed${wanted ? ` at ${wanted}` : ""}: apt-get install libreoffice-calc-nogui libreoffice-writer-nogui (.ci/run does), or set SOFFICE to its path`,
  };
}

/** Chromium: $CHROMIUM_PATH when set, else /usr/bin/chromium or `chromium` on PATH. */
export function chromiumTool(): Tool {
  const wanted = process.env.CHROMIUM_PATH;
  const path = wanted ? (existsSync(wanted) ? wanted : null) : locate(["/usr/bin/chromium"], "chromium");
  return {
    name: "Chromium",
    path,
    requireVar: "REQUIRE_CHROMIUM",
    missing: `Chromium is not installed at ${wanted ?? "/usr/bin/chromium"}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH to its path`,
  };
}

/**
 * `describe` for a suite that needs `tool`. Installed: the suite runs. Missing: the suite is skipped
 * (`describe.skip`, its tests reported as skipped), or — when the tool's REQUIRE_… variable is 1 —
 * the suite holds one failing test that says what is missing.
 */
export function describeWith(tool: Tool): (name: string, fn: () => void) => void {
  if (tool.path !== null) return describe;
  if (process.env[tool.requireVar] === "1")
    return (name, _fn) =>
      describe(name, () => {
        test(`${tool.name} is required (${tool.requireVar}=1)`, () => {
          throw new Error(`${tool.name} is required here (${tool.requireVar}=1), but ${tool.missing}.`);
        });
      });
  return describe.skip;
}

/**
 * Converts `files` with LibreOffice (headless, a fresh throw-away profile so runs never share one)
 * into `outDir` as `format` ("pdf", "xlsx"…); the converted file keeps the input's base name.
 */
export function convertWithLibreOffice(
  tool: Tool,
  files: string[],
  format: string,
  outDir: string,
  timeout = 300_000,
): void {
  if (tool.path === null) throw new Error(`${tool.name} is not installed: ${tool.missing}`);
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  try {
    execFileSync(
      tool.path,
      [
        "--headless",
        "--norestore",
        `-env:UserInstallation=file://${profile}`,
        "--convert-to",
        format,
        "--outdir",
        outDir,
        ...files,
      ],
      { stdio: "pipe", timeout },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
