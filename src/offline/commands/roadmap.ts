import { existsSync, readFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { TextDecoder } from "node:util";
import iconv from "iconv-lite";
import Papa from "papaparse";
import type { Cell } from "../../core/ports";
import { findRoadmapTemplate, roadmapTemplateChoices } from "../../core/roadmap/templates";
import { initWorkbook } from "../../core/usecases/init";
import { describeReminders, sendRoadmapReminders } from "../../core/usecases/reminders";
import {
  type AddReport,
  describeAdd,
  describeRoadmap,
  importRoadmapGrid,
  importRoadmapText,
  loadRoadmapTemplate,
  refreshRoadmap,
} from "../../core/usecases/roadmap";
import { CliError, EXIT_USAGE } from "../errors";
import { DEFAULT_OUTBOX, DEFAULT_QUOTA, OutboxMailer } from "../outbox";
import { XlsxWorkbook } from "../xlsx-workbook";
import type { Command, CommandContext } from "./types";
import { DEFAULT_FILE, openWorkbook, saveWorkbook } from "./workbook";

/** Opens the workbook; a file that does not exist yet is created from the templates first. */
async function openOrCreate(ctx: CommandContext) {
  const { wb, path, fresh } = await openWorkbook(ctx, { create: true });
  if (fresh) initWorkbook({ workbook: wb, clock: ctx.clock, progress: ctx.progress });
  return { wb, path, fresh };
}

/** Text file bytes: UTF-8 (with or without a byte-order mark), else Windows-1251. */
export function decodeTextFile(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), "utf-16le");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, "win1251");
  }
}

function templateList(): string {
  return roadmapTemplateChoices()
    .map((t, i) => `  ${i + 1}. ${t.id} — ${t.title} (мероприятий: ${t.events})`)
    .join("\n");
}

function addReportText(r: AddReport): string {
  return describeAdd(r);
}

async function importFile(ctx: CommandContext, file: string, ports: Parameters<typeof importRoadmapText>[0]) {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`Файл не найден: ${path}`);
  const ext = extname(path).toLowerCase();
  const name = basename(path);
  if (ext === ".xlsx") {
    const book = await XlsxWorkbook.load(path, "table");
    const sheet = book.sheetNames()[0];
    if (!sheet) throw new Error(`В файле «${name}» нет листов.`);
    return importRoadmapGrid(ports, book.read(sheet), `файл «${name}»`);
  }
  const text = decodeTextFile(readFileSync(path));
  if (ext === ".csv" && !text.includes("\t")) {
    const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, "\n"), { skipEmptyLines: false });
    const grid: Cell[][] = parsed.data.map((r) => r.map((c) => String(c ?? "")));
    return importRoadmapGrid(ports, grid, `файл «${name}»`);
  }
  if (ext !== ".txt" && ext !== ".tsv" && ext !== ".csv" && ext !== "")
    ctx.out(
      `Файл «${name}» читается как текст с табуляциями (как таблица, скопированная из Word или PDF).\n`,
    );
  return importRoadmapText(ports, text, `файл «${name}»`);
}

export const roadmapCommand: Command = {
  name: "roadmap",
  usage:
    "roadmap load ID | import ФАЙЛ | refresh\n" +
    "                       Дорожная карта: загрузить шаблон (без ID — список шаблонов), импортировать\n" +
    "                       таблицу из .txt/.tsv/.csv/.xlsx, пересчитать сроки и статусы",
  help: {
    synopsis: [
      "roadmap load [ID] [--file КНИГА.xlsx]",
      "roadmap import ФАЙЛ [--file КНИГА.xlsx]",
      "roadmap refresh [--file КНИГА.xlsx]",
    ],
    options: [
      ["load [ID]", "загрузить шаблон дорожной карты; без ID — список шаблонов"],
      ["import ФАЙЛ", "загрузить свою таблицу мероприятий (.txt, .tsv, .csv, .xlsx)"],
      ["refresh", "пересчитать сроки и статусы мероприятий на сегодня"],
    ],
    examples: [
      "mentor roadmap load school-general --file школа.xlsx",
      "mentor roadmap refresh --file школа.xlsx",
    ],
  },
  valueOptions: ["file"],
  flags: [],
  async run(ctx) {
    const [sub, arg] = ctx.args;
    if (sub === "load" && !arg) {
      ctx.out(`Шаблоны дорожной карты:\n${templateList()}\nЗагрузка: mentor roadmap load ID\n`);
      return 0;
    }
    if (sub !== "load" && sub !== "import" && sub !== "refresh")
      throw new CliError(
        `${sub === undefined ? "Укажите действие" : `Неизвестное действие «${sub}»`}: load, import или refresh. Например: mentor roadmap load school-general --file школа.xlsx. Справка: mentor roadmap --help`,
        EXIT_USAGE,
      );
    if (sub === "import" && !arg)
      throw new CliError("Укажите файл: mentor roadmap import ФАЙЛ.txt --file школа.xlsx", EXIT_USAGE);
    let templateId = "";
    if (sub === "load") {
      const t = findRoadmapTemplate(arg);
      if (!t) {
        throw new CliError(
          `Шаблон дорожной карты «${arg}» не найден. Шаблоны:\n${templateList()}`,
          EXIT_USAGE,
        );
      }
      templateId = t.id;
    }
    const { wb, path, fresh } = await openOrCreate(ctx);
    const ports = { workbook: wb, clock: ctx.clock, progress: ctx.progress };
    let text: string;
    if (sub === "load") text = addReportText(loadRoadmapTemplate(ports, templateId));
    else if (sub === "import") text = addReportText(await importFile(ctx, arg, ports));
    else text = describeRoadmap(refreshRoadmap(ports));
    await saveWorkbook(wb, path);
    ctx.out(`${fresh ? "Книга создана из шаблонов.\n" : ""}${text}\nФайл: ${path}\n`);
    return 0;
  },
};

export const remindCommand: Command = {
  name: "remind",
  usage:
    "remind               Напоминания о сроках дорожной карты: письма .eml в папку (--outbox, по умолчанию\n" +
    "                       out/outbox; --quota N — не больше N писем, по умолчанию 100; --curator — сводка\n" +
    "                       куратору в любой день)",
  help: {
    synopsis: ["remind [--outbox ПАПКА] [--quota N] [--curator] [--file КНИГА.xlsx]"],
    options: [
      ["--outbox ПАПКА", "куда записать письма .eml (по умолчанию out/outbox)"],
      ["--quota N", "не больше N писем за раз (по умолчанию 100)"],
      ["--curator", "сводку куратору — в любой день, не только в день рассылки"],
    ],
    examples: [
      "mentor remind --file школа.xlsx",
      "mentor remind --curator --outbox письма --file школа.xlsx",
    ],
  },
  valueOptions: ["file", "outbox", "quota"],
  flags: ["curator", "force"],
  async run(ctx) {
    const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : DEFAULT_FILE);
    if (!existsSync(path))
      throw new CliError(
        `Файл книги не найден: ${path}. Создайте книгу: mentor init --file ${path}`,
        EXIT_USAGE,
      );
    const quotaText = ctx.options.quota;
    const quota = typeof quotaText === "string" ? Number(quotaText) : DEFAULT_QUOTA;
    if (!Number.isInteger(quota) || quota < 0)
      throw new CliError(
        `--quota: ожидается целое число не меньше 0, получено «${String(quotaText)}».`,
        EXIT_USAGE,
      );
    const { wb } = await openWorkbook(ctx);
    const outbox = resolve(typeof ctx.options.outbox === "string" ? ctx.options.outbox : DEFAULT_OUTBOX);
    const mailer = new OutboxMailer({ dir: outbox, quota, clock: ctx.clock, timeZone: "Europe/Moscow" });
    const report = sendRoadmapReminders(
      { workbook: wb, clock: ctx.clock, mailer, user: "mentor remind" },
      { forceCuratorDigest: ctx.options.curator === true || ctx.options.force === true },
    );
    await saveWorkbook(wb, path);
    const files = mailer.files.map((f) => `  ${f}`).join("\n");
    ctx.out(
      `${describeReminders(report)}\n` +
        (mailer.files.length > 0 ? `Письма (${mailer.files.length}) в папке ${outbox}:\n${files}\n` : "") +
        `Файл: ${path}\n`,
    );
    return 0;
  },
};
