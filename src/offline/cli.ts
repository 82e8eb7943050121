import { type BookLock, releaseAllBookLocks } from "./book-lock";
import { nodeClock } from "./clock";
import { commands } from "./commands";
import { CliError, debugDetail, describeFailure, EXIT_USAGE } from "./errors";
import { cliProgress } from "./progress";

const GLOBAL_VALUE_OPTIONS = ["file", "today"];
const GLOBAL_FLAGS = ["help", "quiet"];

/** Levenshtein distance, for «did you mean» on a mistyped option. */
function distance(a: string, b: string): number {
  const d: number[] = [];
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const was = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = was;
    }
  }
  return d[b.length];
}

/**
 * Refuses an option the command does not know (a typo such as --fiel must not leave the command
 * working on the default workbook), naming it, the nearest known option and the command's options.
 */
function refuseUnknownOptions(
  command: (typeof commands)[number] | undefined,
  options: Map<string, string | true>,
): void {
  const known = [
    ...GLOBAL_VALUE_OPTIONS,
    ...GLOBAL_FLAGS,
    ...(command?.valueOptions ?? []),
    ...(command?.flags ?? []),
  ];
  for (const name of options.keys()) {
    if (known.indexOf(name) >= 0) continue;
    const near = known
      .map((k) => ({ k, d: distance(name.toLowerCase(), k) }))
      .filter((x) => x.d <= Math.max(1, Math.ceil(x.k.length / 3)))
      .sort((a, b) => a.d - b.d)[0];
    const where = command ? `у команды «${command.name}»` : "";
    const list = known
      .filter((k, i) => known.indexOf(k) === i)
      .map((k) => `--${k}`)
      .join(", ");
    throw new CliError(
      `Неизвестный параметр «--${name}»${where ? ` ${where}` : ""}: команда не выполнена.${
        near ? ` Возможно, имелся в виду --${near.k}.` : ""
      } Параметры${where ? ` ${where}` : ""}: ${list}. Справка: mentor --help`,
      EXIT_USAGE,
    );
  }
}

function help(): string {
  return `Наставничество — офлайн-версия: та же программа, что в Google Таблицах, на файле .xlsx.

Использование:
  mentor <команда> [параметры]

Команды:
${commands.map((c) => `  ${c.usage}`).join("\n")}
  help                 Показать эту справку

Общие параметры:
  --file ПУТЬ          Файл книги .xlsx (по умолчанию out/nastavnichestvo.xlsx; для demo — out/demo-school.xlsx)
  --today ДАТА         Считать сегодняшней дату ДД.ММ.ГГГГ (для проверки сроков и демонстрации)
  --quiet              Не показывать ход выполнения

Сохранение книги:
  Книга записывается через временный файл в той же папке и заменяет прежнюю целиком: прерванная
  команда (сбой, Ctrl+C) оставляет прежнюю версию. Предыдущая версия хранится рядом: ИМЯ.bak.xlsx.
  С книгой работает одна команда за раз (файл ИМЯ.xlsx.mentor-lock рядом с ней); вторая ждёт
  до 15 секунд (MENTOR_LOCK_WAIT=СЕКУНДЫ) и завершается с кодом 3. Книгу, открытую в Excel или
  LibreOffice, команды не меняют.

Справка по команде — её параметры и примеры: mentor КОМАНДА --help (или mentor help КОМАНДА).

Примеры:
  mentor demo
  mentor init --file школа.xlsx
  mentor status --file школа.xlsx
`;
}

/** The general options as each command's help lists them after its own. */
const GENERAL_OPTIONS: [string, string][] = [
  ["--file КНИГА.xlsx", "файл книги (по умолчанию out/nastavnichestvo.xlsx)"],
  ["--today ДАТА", "считать сегодняшней дату ДД.ММ.ГГГГ (проверка сроков, демонстрация)"],
  ["--quiet", "не показывать ход выполнения"],
];

/** `mentor КОМАНДА --help`: what the command does, how to call it, its options, examples. */
export function commandHelp(command: (typeof commands)[number]): string {
  const h = command.help;
  if (typeof h === "string") return h.endsWith("\n") ? h : `${h}\n`;
  const what = command.usage
    .split("\n")
    .map((line, i) => (i === 0 ? line.replace(/^\S.*?\s{2,}/, "") : line.trim()))
    .filter((line) => line !== "" && !line.startsWith(command.name))
    .join(" ");
  const options = [
    ...h.options,
    ...GENERAL_OPTIONS.filter(([o]) => !h.noWorkbook || !o.startsWith("--file")),
  ];
  const width = Math.max(...options.map(([o]) => o.length)) + 2;
  const lines = [
    `mentor ${command.name} — ${what}`,
    "",
    "Использование:",
    ...h.synopsis.map((s) => `  mentor ${s}`),
    "",
    "Параметры:",
    ...options.map(([o, text]) => `  ${o.padEnd(width)}${text}`),
  ];
  if (h.details && h.details.length > 0) lines.push("", ...h.details);
  lines.push("", h.examples.length > 1 ? "Примеры:" : "Пример:", ...h.examples.map((e) => `  ${e}`));
  return `${lines.join("\n")}\n`;
}

export interface ParsedArgs {
  command: string;
  /** With --help: the command asked about («mentor district --help»), if any. */
  topic?: string;
  args: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  // The command is the first word that is not an option or an option's value.
  let command: (typeof commands)[number] | undefined;
  for (let i = 0; i < argv.length && !command; i++) {
    if (argv[i].startsWith("-")) {
      if (GLOBAL_VALUE_OPTIONS.includes(argv[i].slice(2))) i++;
      continue;
    }
    command = commands.find((c) => c.name === argv[i]);
    if (!command) break;
  }
  const valueOptions = new Set([...GLOBAL_VALUE_OPTIONS, ...(command?.valueOptions ?? [])]);
  // Options by name in a Map: a name such as __proto__ is an unknown option, never a property.
  const given = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") given.set("help", true);
    else if (a === "-q") given.set("quiet", true);
    else if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (eq >= 0) given.set(name, a.slice(eq + 1));
      else if (valueOptions.has(name)) {
        const v = argv[++i];
        if (v === undefined) throw new CliError(`После --${name} нужно значение.`, EXIT_USAGE);
        given.set(name, v);
      } else given.set(name, true);
    } else if (a.startsWith("-") && a.length > 1) given.set(a.slice(1), true);
    else positional.push(a);
  }
  if (!given.has("help") && command) refuseUnknownOptions(command, given);
  const options: Record<string, string | true> = Object.create(null);
  for (const [name, value] of given) options[name] = value;
  // «mentor КОМАНДА --help» is «mentor help КОМАНДА».
  const words = options.help && positional[0] !== "help" ? ["help", ...positional] : positional;
  return {
    command: words[0] ?? "help",
    topic: words[0] === "help" ? words[1] : undefined,
    args: words.slice(1),
    options,
  };
}

/**
 * Runs one command; returns its exit code. A failure is printed as one Russian sentence (to `err`;
 * by default where `out` writes when `out` is given, else to stderr), never as a stack; every
 * workbook lock the command took is released.
 */
export async function run(
  argv: string[],
  out?: (s: string) => void,
  err?: (s: string) => void,
): Promise<number> {
  const write = out ?? ((s: string) => process.stdout.write(s));
  const fail = err ?? out ?? ((s: string) => process.stderr.write(s));
  const locks: BookLock[] = [];
  try {
    const parsed = parseArgs(argv);
    if (parsed.command === "help") {
      const topic = parsed.topic;
      if (topic === undefined) {
        write(help());
        return 0;
      }
      const about = commands.find((c) => c.name === topic);
      if (!about) {
        fail(`Ошибка: неизвестная команда «${topic}». Команды: ${commands.map((c) => c.name).join(", ")}.\n`);
        return 2;
      }
      write(commandHelp(about));
      return 0;
    }
    const command = commands.find((c) => c.name === parsed.command);
    if (!command) {
      fail(
        `Ошибка: неизвестная команда «${parsed.command}». Команды: ${commands.map((c) => c.name).join(", ")}. Справка: mentor --help\n`,
      );
      return 2;
    }
    const today = typeof parsed.options.today === "string" ? parsed.options.today : undefined;
    return await command.run({
      command: command.name,
      locks,
      args: parsed.args,
      options: parsed.options,
      clock: nodeClock("Europe/Moscow", today),
      progress: cliProgress(process.stderr, parsed.options.quiet === true),
      out: write,
    });
  } catch (e) {
    const { message, exitCode } = describeFailure(e);
    fail(`Ошибка: ${message}\n`);
    const detail = debugDetail(e);
    if (detail) process.stderr.write(detail);
    return exitCode;
  } finally {
    for (const lock of locks) lock.release();
  }
}

export function main(): void {
  // A lock still held when the process exits (process.exit elsewhere) is released on the way out.
  process.on("exit", releaseAllBookLocks);
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`Ошибка: ${describeFailure(e).message}\n${debugDetail(e)}`);
      process.exitCode = 1;
    },
  );
}
