import { nodeClock } from "./clock";
import { commands } from "./commands";
import { cliProgress } from "./progress";

const GLOBAL_VALUE_OPTIONS = ["file", "today"];

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

Примеры:
  mentor demo
  mentor init --file школа.xlsx
`;
}

export interface ParsedArgs {
  command: string;
  args: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
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
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") options.help = true;
    else if (a === "-q") options.quiet = true;
    else if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split("=", 2);
      if (inline !== undefined) options[name] = inline;
      else if (valueOptions.has(name)) {
        const v = argv[++i];
        if (v === undefined) throw new Error(`После --${name} нужно значение.`);
        options[name] = v;
      } else options[name] = true;
    } else positional.push(a);
  }
  return { command: options.help ? "help" : (positional[0] ?? "help"), args: positional.slice(1), options };
}

export async function run(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.command === "help") {
    out(help());
    return 0;
  }
  const command = commands.find((c) => c.name === parsed.command);
  if (!command) {
    out(`Неизвестная команда «${parsed.command}». Справка: mentor --help\n`);
    return 2;
  }
  const today = typeof parsed.options.today === "string" ? parsed.options.today : undefined;
  return command.run({
    args: parsed.args,
    options: parsed.options,
    clock: nodeClock("Europe/Moscow", today),
    progress: cliProgress(process.stderr, parsed.options.quiet === true),
    out,
  });
}

export function main(): void {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`Ошибка: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
