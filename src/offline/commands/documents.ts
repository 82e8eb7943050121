import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { cellDate } from "../../core/cells";
import { parseSchoolYear, utcDate } from "../../core/dates";
import { plural } from "../../core/text";
import {
  DOCUMENT_KINDS,
  DOCUMENT_TITLES,
  type DocumentKind,
  describeGenerated,
  LABOUR_KINDS,
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
  consent: ["consent"],
  согласие: ["consent"],
  agreement: ["agreement"],
  соглашение: ["agreement"],
  notice: ["notice"],
  уведомление: ["notice"],
  paylist: ["paylist"],
  доплата: ["paylist"],
  thanks: ["thanks"],
  благодарность: ["thanks"],
  certificate: ["certificate"],
  "справка-наставника": ["certificate"],
  labour: ["consent", "agreement", "notice"],
  mentors: LABOUR_KINDS,
  наставникам: LABOUR_KINDS,
  all: DOCUMENT_KINDS,
  все: DOCUMENT_KINDS,
};

/** «2027-04», «04.2027», «апрель 2027» is not read: a month as ГГГГ-ММ or ММ.ГГГГ; null when unreadable. */
export function parseMonthOption(v: string): Date | null {
  const iso = /^(\d{4})-(\d{1,2})$/.exec(v.trim());
  const ru = /^(\d{1,2})\.(\d{4})$/.exec(v.trim());
  const [y, m] = iso ? [Number(iso[1]), Number(iso[2])] : ru ? [Number(ru[2]), Number(ru[1])] : [0, 0];
  if (y >= 2000 && m >= 1 && m <= 12) return utcDate(y, m, 1);
  const d = cellDate(v);
  return d ? utcDate(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : null;
}

/** «2026/2027» or «2026» → 2026; null when unreadable. */
export function parseYearOption(v: string): number | null {
  const y = parseSchoolYear(v.trim());
  if (y !== null) return y;
  return /^\d{4}$/.test(v.trim()) ? Number(v.trim()) : null;
}

function idList(v: string | true | undefined): string[] | undefined {
  return typeof v === "string"
    ? v
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
}

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
    "                       справка, report — отчёт в орган управления образованием;\n" +
    "                       consent, agreement, notice, paylist, thanks, certificate — документы наставников\n" +
    "                       (ст. 351.8 ТК РФ, доплата, поощрение); mentors — все шесть; all — четыре документа программы",
  help: {
    synopsis: [
      "doc order|program|analysis|report|all [--pair ID…] [--out ПАПКА] [--file КНИГА.xlsx]",
      "doc consent|agreement|labour|thanks|certificate|mentors [--mentor ID…] [--year 2026/2027]",
      "doc notice [--pair ID…]",
      "doc paylist [--month ГГГГ-ММ]",
    ],
    options: [
      ["order", "приказ о закреплении наставнических пар (групп)"],
      ["program", "персонализированные программы утверждённых пар"],
      ["analysis", "аналитическая справка по итогам мониторинга"],
      ["report", "отчёт о реализации программы для органа управления образованием"],
      ["all", "четыре документа программы: order, program, analysis, report"],
      ["consent", "согласие работника на выполнение работы по наставничеству (ст. 351.8 ТК РФ)"],
      ["agreement", "дополнительное соглашение к трудовому договору: содержание, срок, форма, оплата"],
      ["notice", "уведомление о досрочном прекращении наставничества (после mentor end-pair)"],
      ["labour", "consent, agreement и notice"],
      ["paylist", "список на доплату за наставничество за месяц; заполняет лист «Доплата за наставничество»"],
      ["thanks", "благодарственные письма лучшим наставникам по рейтингу"],
      ["certificate", "справки о наставнической деятельности для аттестации (по данным мониторинга)"],
      ["mentors", "все шесть документов наставников"],
      ["--pair ID…", "с program и notice: только эти пары (через запятую)"],
      ["--mentor ID…", "с consent, agreement, thanks, certificate: только эти наставники"],
      ["--month ГГГГ-ММ", "с paylist: месяц (по умолчанию прошлый)"],
      ["--year 2026/2027", "с certificate: учебный год (по умолчанию текущий в «Настройках»)"],
      ["--out ПАПКА", "куда записать .docx (по умолчанию out/documents/<учебный год>)"],
    ],
    examples: [
      "mentor doc order --file школа.xlsx",
      "mentor doc program --pair П-0001,П-0002 --file школа.xlsx",
      "mentor doc labour --file школа.xlsx",
      "mentor doc paylist --month 2027-04 --file школа.xlsx",
    ],
    details: [
      "Документы по ст. 351.8 ТК РФ готовятся только для наставников — работников школы (столбец «Наставничество по ст. 351.8 ТК РФ» листа «Наставники»).",
    ],
  },
  valueOptions: ["file", "out", "pair", "mentor", "month", "year"],
  flags: [],
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
    const pairIds = idList(ctx.options.pair);
    const month = typeof ctx.options.month === "string" ? parseMonthOption(ctx.options.month) : undefined;
    if (month === null)
      throw new CliError(
        `Месяц «${ctx.options.month}» не распознан: укажите --month ГГГГ-ММ, например 2027-04.`,
        EXIT_USAGE,
      );
    const year = typeof ctx.options.year === "string" ? parseYearOption(ctx.options.year) : undefined;
    if (year === null)
      throw new CliError(
        `Учебный год «${ctx.options.year}» не распознан: укажите --year 2026/2027.`,
        EXIT_USAGE,
      );
    const result = await writeDocuments(wb, ctx.clock, kinds, {
      outDir: typeof ctx.options.out === "string" ? ctx.options.out : undefined,
      pairIds,
      mentorIds: idList(ctx.options.mentor),
      month,
      year,
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
    for (const w of result.warnings) ctx.out(`Внимание: ${w}\n`);
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
  flags: ["monthly"],
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
    if (quota !== undefined && (!Number.isInteger(quota) || quota < 0))
      throw new CliError(
        `--quota: ожидается целое число не меньше 0, получено «${String(ctx.options.quota)}».`,
        EXIT_USAGE,
      );
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
