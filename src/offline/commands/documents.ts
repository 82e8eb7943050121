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
import { DEFAULT_OUTBOX, OutboxMailer } from "../outbox";
import type { Command, CommandContext } from "./types";
import { DEFAULT_FILE, openWorkbook, saveWorkbook } from "./workbook";

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
  ctx.out(`Файл книги не найден: ${path}. Укажите --file или создайте книгу: mentor init --file ${path}\n`);
  return null;
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
  valueOptions: ["file", "out", "pair"],
  async run(ctx) {
    const word = (ctx.args[0] ?? "").toLowerCase();
    const kinds = KIND_WORDS[word];
    if (!kinds) {
      ctx.out(
        `Укажите вид документа: ${Object.keys(KIND_WORDS)
          .filter((k) => /^[a-z]+$/.test(k))
          .join(", ")}. Например: mentor doc order --file школа.xlsx\n`,
      );
      return 2;
    }
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
