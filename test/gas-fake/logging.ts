/** Logger and console: lines are recorded in state.logs (and echoed to Node's console with `echoLogs`). */
import { inspect } from "node:util";
import { instrument } from "./calls";
import { Fake } from "./env";
import type { LogRecord } from "./state";
import { javaFormat } from "./utilities";
import { isDate } from "./values";

function show(v: unknown): string {
  if (typeof v === "string") return v;
  if (isDate(v)) return v.toString();
  if (v instanceof Error || Object.prototype.toString.call(v) === "[object Error]") return String(v);
  return inspect(v, { depth: 4, breakLength: Number.POSITIVE_INFINITY });
}

export class FakeLogger
  extends Fake
  implements Pick<GoogleAppsScript.Base.Logger, "clear" | "getLog" | "log">
{
  private lines: string[] = [];

  clear(): void {
    this.lines = [];
  }
  getLog(): string {
    return this.lines.map((l) => `${l}\n`).join("");
  }
  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    const message = values.length > 0 && typeof data === "string" ? javaFormat(data, values) : show(data);
    this.lines.push(message);
    record(this.env.state.logs, { source: "Logger", level: "log", message }, this.env.config.echoLogs);
    return this as unknown as GoogleAppsScript.Base.Logger;
  }
}
instrument(FakeLogger, "Logger", "Logger", ["clear", "getLog", "log"]);

function record(logs: LogRecord[], entry: LogRecord, echo: boolean): void {
  logs.push(entry);
  if (echo) process.stdout.write(`[${entry.source}.${entry.level}] ${entry.message}\n`);
}

const CONSOLE_METHODS = ["error", "info", "log", "time", "timeEnd", "warn"] as const;

export class FakeConsole extends Fake implements Pick<Console, (typeof CONSOLE_METHODS)[number]> {
  private readonly timers = new Map<string, number>();

  private write(level: LogRecord["level"], args: unknown[]): void {
    const message =
      args.length > 0 && typeof args[0] === "string" && /%[sdifoOj%]/.test(args[0])
        ? formatConsole(args[0], args.slice(1))
        : args.map(show).join(" ");
    record(this.env.state.logs, { source: "console", level, message }, this.env.config.echoLogs);
  }

  error(...args: unknown[]): void {
    this.write("error", args);
  }
  info(...args: unknown[]): void {
    this.write("info", args);
  }
  log(...args: unknown[]): void {
    this.write("log", args);
  }
  time(label = "default"): void {
    this.timers.set(label, this.env.now());
  }
  timeEnd(label = "default"): void {
    const start = this.timers.get(label);
    this.timers.delete(label);
    const ms = start === undefined ? 0 : this.env.now() - start;
    record(
      this.env.state.logs,
      { source: "console", level: "time", message: `${label}: ${ms}ms` },
      this.env.config.echoLogs,
    );
  }
  warn(...args: unknown[]): void {
    this.write("warn", args);
  }
}
instrument(FakeConsole, "console", "console", CONSOLE_METHODS);

/** console's printf-style substitutions: %s %d %i %f %o %O %j %%. */
function formatConsole(template: string, args: unknown[]): string {
  let i = 0;
  const out = template.replace(/%([sdifoOj%])/g, (m, c) => {
    if (c === "%") return "%";
    if (i >= args.length) return m;
    const a = args[i++];
    if (c === "d" || c === "i") return String(Math.trunc(Number(a)));
    if (c === "f") return String(Number(a));
    return show(a);
  });
  return [out, ...args.slice(i).map(show)].join(" ");
}
