import { accessSync, constants, existsSync, mkdirSync, realpathSync, type Stats, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { calendarDate, formatDateRu } from "../../core/dates";
import { countPairsAndGroups } from "../../core/participants/groups";
import { count } from "../../core/text";
import { describeInit, initWorkbook } from "../../core/usecases/init";
import { PAIR_STATUS } from "../../core/workbook/statuses";
import { Table } from "../../core/workbook/table";
import { defaultDemoDate } from "../../demo/clock";
import { sampleSchool } from "../../demo/sample";
import { snapshotOf } from "../atomic-file";
import { acquireBookLock, refuseIfOpenInOffice } from "../book-lock";
import { runDemoYear } from "../demo";
import { CliError, describeFileError, EXIT_USAGE } from "../errors";
import { XlsxWorkbook } from "../xlsx-workbook";
import type { Command, CommandContext } from "./types";

export const DEFAULT_FILE = "out/nastavnichestvo.xlsx";

/** The workbook's path: --file or the default, through symbolic links (a save replaces the real file). */
export function workbookPath(file: string | true | undefined, fallback = DEFAULT_FILE): string {
  const path = resolve(typeof file === "string" ? file : fallback);
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The file's state, null when absent; a folder, a name too long or no access is a Russian error. */
function statWorkbook(path: string): Stats | null {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new CliError(describeFileError(e, path, "read"));
  }
  if (st.isDirectory())
    throw new CliError(
      `«${path}» — это папка, а не файл книги. Укажите файл .xlsx, например: --file ${resolve(path, "школа.xlsx")}`,
      EXIT_USAGE,
    );
  return st;
}

export function missingWorkbookMessage(path: string): string {
  return `Файл книги не найден: ${path}. Создайте книгу: mentor init --file ${path} — или укажите существующую: --file КНИГА.xlsx`;
}

/**
 * Before a command changes the workbook at `path`: its folder exists, the command holds the
 * workbook's lock (waiting a little for another command), neither Excel nor LibreOffice holds the
 * file open, and the file may be written.
 */
export async function prepareToWrite(ctx: CommandContext, path: string): Promise<void> {
  const st = statWorkbook(path);
  if (!st) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new CliError(describeFileError(e, path, "write"));
    }
  }
  const lock = await acquireBookLock(path, {
    command: ctx.command ?? "mentor",
    notify: (text) => ctx.out(`${text}\n`),
  });
  if (ctx.locks) ctx.locks.push(lock);
  refuseIfOpenInOffice(path);
  if (!st) return;
  let writable = (st.mode & 0o222) !== 0;
  try {
    accessSync(path, constants.W_OK);
  } catch {
    writable = false;
  }
  if (!writable)
    throw new CliError(
      `Файл книги ${path} доступен только для чтения: команда не сможет его сохранить. Снимите с файла атрибут «Только чтение» (в свойствах файла; в Linux и macOS: chmod u+w) или скопируйте книгу и укажите копию: --file КОПИЯ.xlsx`,
    );
}

export interface OpenOptions {
  /** A missing file becomes a new empty workbook (init, roadmap); otherwise it is an error. */
  create?: boolean;
  /** Only read: no lock, and the workbook may be open in Excel. */
  readOnly?: boolean;
}

/**
 * The workbook a command works on (--file, or the default). Unless `readOnly`, the command holds
 * its lock from here to the end, so that it reads the version it will replace.
 */
export async function openWorkbook(
  ctx: CommandContext,
  options: OpenOptions = {},
): Promise<{ wb: XlsxWorkbook; path: string; fresh: boolean }> {
  const path = workbookPath(ctx.options.file);
  if (!statWorkbook(path) && !options.create) throw new CliError(missingWorkbookMessage(path), EXIT_USAGE);
  if (!options.readOnly) await prepareToWrite(ctx, path);
  // Read after taking the lock: the command that held it may have just saved or created the file.
  const fresh = !existsSync(path);
  const wb = fresh ? XlsxWorkbook.create() : await XlsxWorkbook.load(path);
  if (fresh) wb.origin = { path, exists: false };
  return { wb, path, fresh };
}

export async function saveWorkbook(wb: XlsxWorkbook, path: string): Promise<void> {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new CliError(describeFileError(e, path, "write"));
  }
  await wb.save(path);
}

export const initCommand: Command = {
  name: "init",
  usage: "init                 Создать книгу из шаблонов или восстановить повреждённую",
  help: {
    synopsis: ["init [--file КНИГА.xlsx]"],
    options: [],
    details: [
      "Новая книга создаётся со всеми листами и «Настройками»; в существующей восстанавливаются листы,",
      "столбцы и служебные строки, данные не стираются. Затем заполните лист «Настройки» и проверьте: mentor status.",
    ],
    examples: ["mentor init --file школа.xlsx", "mentor status --file школа.xlsx"],
  },
  valueOptions: ["file"],
  flags: [],
  async run(ctx) {
    const { wb, path } = await openWorkbook(ctx, { create: true });
    const report = initWorkbook({ workbook: wb, clock: ctx.clock, progress: ctx.progress });
    await saveWorkbook(wb, path);
    ctx.out(`${describeInit(report)}\nФайл: ${path}\n`);
    return 0;
  },
};

/**
 * Whether an existing workbook is one `mentor demo` wrote: its «Настройки» name the sample school
 * and its curator. Anything else (a school's own workbook, a file that is not a workbook) is never
 * replaced by the demonstration.
 */
async function isDemoWorkbook(path: string): Promise<boolean> {
  const sample = sampleSchool(new Date(Date.UTC(2026, 8, 1))).school;
  const wb = await XlsxWorkbook.load(path);
  if (wb.sheetNames().length === 0) return false;
  const settings = Table.load(wb, "settings");
  const value = (key: string) => {
    const row = settings.find("key", key);
    return row >= 0 ? String(settings.get(row, "value")).trim() : "";
  };
  return value("school_name") === sample.school_name && value("curator_email") === sample.curator_email;
}

/** Refuses to let the demonstration replace a file that is not a demonstration workbook. */
async function refuseNonDemo(path: string): Promise<void> {
  let demo = false;
  try {
    demo = await isDemoWorkbook(path);
  } catch {
    demo = false;
  }
  if (!demo)
    throw new CliError(
      `Файл ${path} уже есть, и это не демонстрационная книга: демонстрация не заменит его, чтобы не потерять данные. Укажите другой файл (--file out/demo-school.xlsx) или переименуйте этот.`,
      EXIT_USAGE,
    );
}

export const demoCommand: Command = {
  name: "demo",
  usage:
    "demo                 Демонстрация: учебный год школы целиком (out/demo-school.xlsx, письма в out/outbox)",
  help: {
    synopsis: ["demo [--file КНИГА.xlsx] [--today ДАТА] [--outbox ПАПКА] [--documents ПАПКА] [--close]"],
    options: [
      [
        "--close",
        "довести год до конца и завершить цикл: рейтинг наставников, лучшие практики, итоги в базах",
      ],
      ["--outbox ПАПКА", "куда записать письма .eml (по умолчанию out/outbox)"],
      ["--documents ПАПКА", "куда записать документы .docx (по умолчанию out/documents)"],
    ],
    details: [
      "Книга демонстрационной школы: анкеты, пары, год встреч, мониторинг, документы и письма.",
      "По умолчанию — out/demo-school.xlsx на 25 мая; --today выбирает другой день года.",
    ],
    examples: ["mentor demo", "mentor demo --today 15.11.2026 --file демо.xlsx", "mentor demo --close"],
  },
  valueOptions: ["file", "outbox", "documents"],
  flags: ["close"],
  async run(ctx) {
    const path = workbookPath(ctx.options.file, "out/demo-school.xlsx");
    await prepareToWrite(ctx, path);
    if (existsSync(path)) await refuseNonDemo(path);
    const outbox = resolve(typeof ctx.options.outbox === "string" ? ctx.options.outbox : "out/outbox");
    const today =
      typeof ctx.options.today === "string"
        ? calendarDate(ctx.clock.now())
        : defaultDemoDate(ctx.clock.now());
    ctx.out(`Демонстрация на ${formatDateRu(today)}: школа, анкеты, пары, год работы, мониторинг.\n`);
    const wb = XlsxWorkbook.create();
    // The demo replaces the file whole, but not a version another program saves while it runs.
    wb.origin = snapshotOf(path);
    const documents = resolve(
      typeof ctx.options.documents === "string" ? ctx.options.documents : "out/documents",
    );
    await runDemoYear({
      workbook: wb,
      today,
      progress: ctx.progress,
      outbox,
      documents,
      out: (line) => ctx.out(`${line}\n`),
      close: ctx.options.close === true,
    });
    await saveWorkbook(wb, path);
    const mentors = Table.load(wb, "mentors").records().length;
    const mentees = Table.load(wb, "mentees").records().length;
    // Pairs and groups as the order lists them (a row of «Пары» is one mentee's place in either).
    const units = countPairsAndGroups(
      Table.load(wb, "pairs")
        .records()
        .filter((r) => r.values.status === PAIR_STATUS.approved || r.values.status === PAIR_STATUS.completed)
        .map((r) => ({ mentorId: String(r.values.mentor_id), menteeId: String(r.values.mentee_id) })),
    );
    ctx.out(
      `Демонстрационная книга готова: ${count(mentors, "наставник", "наставника", "наставников")} и ${count(mentees, "наставляемый", "наставляемых", "наставляемых")} в базах; ${count(units.pairs, "пара", "пары", "пар")} и ${count(units.groups, "группа", "группы", "групп")}, в них ${count(units.mentees, "наставляемый", "наставляемых", "наставляемых")}.\nФайл: ${path}\nПисьма: ${outbox}\n`,
    );
    return 0;
  },
};
