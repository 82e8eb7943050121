import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { plural } from "../../core/text";
import {
  DOCUMENT_KINDS,
  DOCUMENT_TITLES,
  type DocumentKind,
  describeGenerated,
  type Recipient,
  type StoredDocument,
} from "../../core/usecases/documents";
import { sendReportOffline, writeDocuments } from "../documents";
import { CliError, EXIT_USAGE } from "../errors";
import { DEFAULT_OUTBOX, OutboxMailer } from "../outbox";
import type { Command, CommandContext } from "./types";
import { DEFAULT_FILE, missingWorkbookMessage, openWorkbook, saveWorkbook } from "./workbook";

const KIND_WORDS: Record<string, DocumentKind[]> = {
  order: ["order"],
  приказ: ["order"],
  program: ["program"],
  programs: ["program"],
  программа: ["program"],
  программы: ["program"],
  analysis: ["analysis"],
  справка: ["analysis"],
  report: ["report"],
  отчёт: ["report"],
  отчет: ["report"],
  all: DOCUMENT_KINDS,
  все: DOCUMENT_KINDS,
};

const RECIPIENTS: Record<string, Recipient> = {
  director: "director",
  директор: "director",
  curator: "curator",
  куратор: "curator",
  department: "department",
  уо: "department",
  "отдел-образования": "department",
};

function existingBook(ctx: CommandContext): string | null {
  const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : DEFAULT_FILE);
  if (existsSync(path)) return path;
  throw new CliError(missingWorkbookMessage(path), EXIT_USAGE);
}

function listStored(ctx: CommandContext, stored: StoredDocument[], dir: string): void {
  for (const d of stored) ctx.out(`  ${d.replaced ? "обновлён" : "создан"}: ${d.name}.docx\n`);
  ctx.out(`Папка: ${dir}\n`);
}

export const docCommand: Command = {
  name: "doc",
  usage:
    "doc ВИД              Документы в .docx (out/documents/<учебный год>; --out ПАПКА): order — приказ\n" +
    "                       о закреплении пар, program — программы пар (--pair ID), analysis — аналитическая\n" +
    "                       справка, report — отчёт в орган управления образованием, all — все",
  help: {
    synopsis: ["doc order|program|analysis|report|all [--pair ID…] [--out ПАПКА] [--file КНИГА.xlsx]"],
    options: [
      ["order", "приказ о закреплении наставнических пар (групп)"],
      ["program", "персонализированные программы утверждённых пар"],
      ["analysis", "аналитическая справка по итогам мониторинга"],
      ["report", "отчёт о реализации программы для органа управления образованием"],
      ["all", "все документы"],
      ["--pair ID…", "с program: только эти пары (через запятую)"],
      ["--out ПАПКА", "куда записать .docx (по умолчанию out/documents/<учебный год>)"],
    ],
    examples: [
      "mentor doc order --file школа.xlsx",
      "mentor doc program --pair П-0001,П-0002 --file школа.xlsx",
    ],
  },
  valueOptions: ["file", "out", "pair"],
  async run(ctx) {
    const word = (ctx.args[0] ?? "").toLowerCase();
    const kinds = KIND_WORDS[word];
    if (!kinds)
      throw new CliError(
        `${word === "" ? "Укажите вид документа" : `Неизвестный вид документа «${ctx.args[0]}»`}: ${Object.keys(
          KIND_WORDS,
        )
          .filter((k) => /^[a-z]+$/.test(k))
          .join(", ")}. Например: mentor doc order --file школа.xlsx. Справка: mentor doc --help`,
        EXIT_USAGE,
      );
    const path = existingBook(ctx);
    if (!path) return 2;
    const { wb } = await openWorkbook(ctx);
    const pairIds =
      typeof ctx.options.pair === "string"
        ? ctx.options.pair
            .split(/[\s,;]+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;
    const result = await writeDocuments(wb, ctx.clock, kinds, {
      outDir: typeof ctx.options.out === "string" ? ctx.options.out : undefined,
      pairIds,
    });
    await saveWorkbook(wb, path);
    if (result.stored.length === 0) {
      ctx.out(`${describeGenerated({ folder: result.dir, stored: [], refused: result.refused }, kinds)}\n`);
      return 1;
    }
    const n = result.stored.length;
    ctx.out(
      `Готово: ${n} ${plural(n, "документ", "документа", "документов")} (${kinds.map((k) => DOCUMENT_TITLES[k]).join("; ")})\n`,
    );
    listStored(ctx, result.stored, result.dir);
    for (const r of result.refused) ctx.out(`${r.message}\n`);
    return 0;
  },
};

export const sendReportCommand: Command = {
  name: "send-report",
  usage:
    "send-report --to department|director|curator | --monthly\n" +
    "                       Отправить отчёт с .docx во вложении (письмо .eml в --outbox, по умолчанию\n" +
    "                       out/outbox); не чаще раза в месяц на адрес; --monthly — сводка директору",
  help: {
    synopsis: [
      "send-report --to department|director|curator [--outbox ПАПКА] [--file КНИГА.xlsx]",
      "send-report --monthly [--outbox ПАПКА] [--file КНИГА.xlsx]",
    ],
    options: [
      ["--to КОМУ", "department — орган управления образованием, director — директор, curator — куратор"],
      ["--monthly", "ежемесячная сводка директору"],
      ["--outbox ПАПКА", "куда записать письмо .eml (по умолчанию out/outbox)"],
      ["--out ПАПКА", "куда записать вложенный .docx"],
      ["--quota N", "не больше N писем за раз"],
    ],
    details: ["Адреса берутся из «Настроек»; на один адрес — не чаще раза в месяц."],
    examples: ["mentor send-report --to director --file школа.xlsx"],
  },
  valueOptions: ["file", "out", "to", "outbox", "quota"],
  async run(ctx) {
    const monthly = ctx.options.monthly === true;
    const toWord =
      typeof ctx.options.to === "string" ? ctx.options.to.toLowerCase() : monthly ? "director" : "";
    const recipient = RECIPIENTS[toWord];
    if (!recipient) {
      ctx.out("Укажите получателя: --to department (орган управления образованием), director или curator.\n");
      return 2;
    }
    const path = existingBook(ctx);
    if (!path) return 2;
    const { wb } = await openWorkbook(ctx);
    const quota = typeof ctx.options.quota === "string" ? Number(ctx.options.quota) : undefined;
    const outbox = new OutboxMailer({
      dir: typeof ctx.options.outbox === "string" ? ctx.options.outbox : DEFAULT_OUTBOX,
      clock: ctx.clock,
      quota: quota !== undefined && Number.isFinite(quota) ? quota : undefined,
    });
    const result = await sendReportOffline(
      wb,
      ctx.clock,
      outbox,
      { recipient, kind: monthly ? "monthly" : "report" },
      { outDir: typeof ctx.options.out === "string" ? ctx.options.out : undefined },
    );
    await saveWorkbook(wb, path);
    listStored(ctx, result.stored, result.dir);
    ctx.out(`${result.message}\n`);
    if (result.sent) ctx.out(`Письмо: ${outbox.files[outbox.files.length - 1]}\n`);
    return result.sent ? 0 : 1;
  },
};
