import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { sampleSchool } from "../core/demo/sample";
import { seedSampleSchool } from "../core/usecases/demo";
import { describeInit, initWorkbook } from "../core/usecases/init";
import { nodeClock } from "./clock";
import { cliProgress } from "./progress";
import { XlsxWorkbook } from "./xlsx-workbook";

const HELP = `Наставничество — офлайн-версия: та же программа, что в Google Таблицах, на файле .xlsx.

Использование:
  mentor <команда> [параметры]

Команды:
  demo                 Создать демонстрационную книгу школы с участниками (out/demo-school.xlsx)
  init                 Создать книгу из шаблонов или восстановить повреждённую
  help                 Показать эту справку

Параметры:
  --file ПУТЬ          Файл книги .xlsx (по умолчанию out/nastavnichestvo.xlsx; для demo — out/demo-school.xlsx)
  --today ДАТА         Считать сегодняшней дату ДД.ММ.ГГГГ (для проверки сроков и демонстрации)
  --quiet              Не показывать ход выполнения

Примеры:
  mentor demo
  mentor init --file школа.xlsx
`;

export interface CliOptions {
  command: string;
  file?: string;
  today?: string;
  quiet: boolean;
  rest: string[];
}

export function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { command: "help", quiet: false, rest: [] };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") opts.command = "help";
    else if (a === "--quiet" || a === "-q") opts.quiet = true;
    else if (a === "--file" || a === "--today") {
      const v = argv[++i];
      if (v === undefined) throw new Error(`После ${a} нужно значение.`);
      if (a === "--file") opts.file = v;
      else opts.today = v;
    } else if (a.startsWith("--")) throw new Error(`Неизвестный параметр ${a}. Справка: mentor --help`);
    else positional.push(a);
  }
  if (positional.length > 0 && !argv.includes("--help") && !argv.includes("-h")) opts.command = positional[0];
  opts.rest = positional.slice(1);
  return opts;
}

async function openOrCreate(file: string): Promise<XlsxWorkbook> {
  return existsSync(file) ? XlsxWorkbook.load(file) : XlsxWorkbook.create();
}

async function save(wb: XlsxWorkbook, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await wb.save(file);
}

export async function run(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  const opts = parseArgs(argv);
  const progress = cliProgress(process.stderr, opts.quiet);
  const clock = nodeClock("Europe/Moscow", opts.today);
  switch (opts.command) {
    case "help":
      out(HELP);
      return 0;
    case "init": {
      const file = resolve(opts.file ?? "out/nastavnichestvo.xlsx");
      const wb = await openOrCreate(file);
      const report = initWorkbook({ workbook: wb, clock, progress });
      await save(wb, file);
      out(`${describeInit(report)}\nФайл: ${file}\n`);
      return 0;
    }
    case "demo": {
      const file = resolve(opts.file ?? "out/demo-school.xlsx");
      const wb = XlsxWorkbook.create();
      initWorkbook({ workbook: wb, clock, progress });
      const sample = sampleSchool(clock.now());
      seedSampleSchool(wb, sample, progress);
      await save(wb, file);
      out(
        `Демонстрационная книга готова: ${sample.mentors.length} наставников, ${sample.mentees.length} наставляемых.\nФайл: ${file}\n`,
      );
      return 0;
    }
    default:
      out(`Неизвестная команда «${opts.command}». Справка: mentor --help\n`);
      return 2;
  }
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
