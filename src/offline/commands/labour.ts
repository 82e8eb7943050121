import { cellDate } from "../../core/cells";
import { describeEndPair, endPairEarly, parseInitiator } from "../../core/usecases/labour";
import { writeDocuments } from "../documents";
import type { Command } from "./types";
import { openWorkbook, saveWorkbook } from "./workbook";

export const endPairCommand: Command = {
  name: "end-pair",
  usage:
    "end-pair ID --by наставник|работодатель|наставляемый [--reason ТЕКСТ] [--notice ДД.ММ.ГГГГ] [--end ДД.ММ.ГГГГ]\n" +
    "                       Досрочно прекратить наставничество пары: дата, инициатор и причина на листе\n" +
    "                       «Пары» (встречи и история остаются), базы обновляются, наставляемому\n" +
    "                       подбирается новый наставник; для наставника по ст. 351.8 ТК РФ — уведомление\n" +
    "                       .docx, прекращение не ранее чем через 3 рабочих дня после уведомления",
  help: {
    synopsis: [
      "end-pair ID --by наставник|работодатель|наставляемый [--reason ТЕКСТ] [--notice ДД.ММ.ГГГГ] [--end ДД.ММ.ГГГГ]",
    ],
    options: [
      ["ID", "пара с листа «Пары», например П-0003 (только утверждённая)"],
      ["--by КТО", "инициатор: наставник, работодатель или наставляемый"],
      ["--reason ТЕКСТ", "причина: попадёт в уведомление и на лист «Пары»"],
      ["--notice ДАТА", "дата уведомления (по умолчанию сегодня)"],
      [
        "--end ДАТА",
        "последний день наставничества (по умолчанию — третий рабочий день после уведомления по производственному календарю)",
      ],
      ["--out ПАПКА", "куда записать уведомление .docx (по умолчанию out/documents/<учебный год>)"],
    ],
    examples: [
      "mentor end-pair П-0003 --by работодатель --reason «Перевод наставляемого» --file школа.xlsx",
      "mentor end-pair П-0007 --by наставник --notice 29.04.2027 --file школа.xlsx",
    ],
    details: [
      "Встречи и история пары остаются; наставляемый снова ожидает пары, и подбор предлагает ему нового наставника (прежняя пара больше не предлагается).",
      "Уведомление по ст. 351.8 ТК РФ готовится только для наставника — работника школы; другую сторону предупреждают не менее чем за три рабочих дня.",
    ],
  },
  valueOptions: ["file", "out", "by", "reason", "notice", "end"],
  flags: [],
  async run(ctx) {
    const pairId = (ctx.args[0] ?? "").trim();
    if (pairId === "") {
      ctx.out("Укажите ID пары: mentor end-pair П-0003 --by работодатель --reason «…».\n");
      return 2;
    }
    const initiator = typeof ctx.options.by === "string" ? parseInitiator(ctx.options.by) : null;
    if (!initiator) {
      ctx.out("Укажите инициатора: --by наставник, работодатель или наставляемый.\n");
      return 2;
    }
    const date = (name: "notice" | "end"): Date | null | undefined => {
      const v = ctx.options[name];
      if (typeof v !== "string") return undefined;
      return cellDate(v);
    };
    const noticeDate = date("notice");
    const endDate = date("end");
    if (noticeDate === null || endDate === null) {
      ctx.out("Дата не распознана: укажите --notice и --end как ДД.ММ.ГГГГ.\n");
      return 2;
    }
    const { wb, path } = await openWorkbook(ctx);
    const report = endPairEarly(
      { workbook: wb, clock: ctx.clock, progress: ctx.progress },
      {
        pairId,
        initiator,
        reason: typeof ctx.options.reason === "string" ? ctx.options.reason : "",
        noticeDate,
        endDate,
      },
    );
    let notice: string | undefined;
    if (report.covered) {
      const docs = await writeDocuments(wb, ctx.clock, ["notice"], {
        outDir: typeof ctx.options.out === "string" ? ctx.options.out : undefined,
        pairIds: [report.pairId],
      });
      notice = docs.stored[0] ? `${docs.stored[0].url}` : undefined;
    }
    await saveWorkbook(wb, path);
    ctx.out(`${describeEndPair(report, notice)}\nФайл: ${path}\n`);
    return 0;
  },
};
