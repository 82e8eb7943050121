import type { ProgressPort } from "../core/ports";

/** A progress line on stderr: redrawn in a terminal, one line per step otherwise. */
export function cliProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressPort {
  return {
    report(message, done, total) {
      if (quiet) return;
      const pct = done !== undefined && total ? Math.round((100 * done) / total) : null;
      const bar =
        pct === null
          ? ""
          : `[${"#".repeat(Math.round(pct / 5)).padEnd(20, ".")}] ${String(pct).padStart(3)}% `;
      if (stream.isTTY) {
        stream.write(`\r\x1b[K${bar}${message}`);
        if (pct === 100) stream.write("\n");
      } else stream.write(`${bar}${message}\n`);
    },
  };
}
