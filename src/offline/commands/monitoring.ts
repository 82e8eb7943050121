import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { count } from "../../core/text";
import { closeCycle, describeCloseCycle } from "../../core/usecases/close-cycle";
import { describeMonitoring } from "../../core/usecases/monitoring";
import { RUBRIC_SHEET, recomputeMonitoringWithSheet } from "../../core/usecases/rubric-sheet";
import type { SheetKey } from "../../core/workbook/keys.generated";
import { CliError, EXIT_USAGE } from "../errors";
import { warnDataIssues } from "./data-warnings";
import { printRubricTake } from "./rubric";
import type { Command, CommandContext } from "./types";
import { DEFAULT_FILE, missingWorkbookMessage, openWorkbook, saveWorkbook } from "./workbook";

/** The workbook of a command that changes an existing book: an error (code 2) when there is none. */
function existing(ctx: CommandContext): string | null {
  const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : DEFAULT_FILE);
  if (existsSync(path)) return path;
  throw new CliError(missingWorkbookMessage(path), EXIT_USAGE);
}

/** The sheets the monitoring reads. */
const MONITORED: SheetKey[] = ["pairs", "meetings", "mentor_reports", "surveys", "monitoring"];

export const monitorCommand: Command = {
  name: "monitor",
  usage:
    "monitor              Пересчитать мониторинг: работа пар, показатели этапов 1 и 2, удовлетворённость",
  help: {
    synopsis: ["monitor [--file КНИГА.xlsx]"],
    options: [],
    details: [
      "Пересчитывает листы «Работа пар», «Мониторинг», «Динамика участников» по встречам, отчётам и анкетам.",
      `Если в книге есть лист «${RUBRIC_SHEET}» (его создаёт mentor rubric), сначала принимает изменённые`,
      "на нём оценки показателей 1–5, а после пересчёта записывает лист заново с новыми фактами и уровнями.",
    ],
    examples: ["mentor monitor --file школа.xlsx"],
  },
  valueOptions: ["file"],
  flags: [],
  async run(ctx) {
    const path = existing(ctx);
    if (!path) return 2;
    const { wb } = await openWorkbook(ctx);
    warnDataIssues(ctx, wb, MONITORED, { journal: true });
    // The curator's scores typed on «Оценка куратора» first, as the sidebar would have saved them.
    const { taken, result } = recomputeMonitoringWithSheet({
      workbook: wb,
      clock: ctx.clock,
      progress: ctx.progress,
    });
    await saveWorkbook(wb, path);
    printRubricTake(ctx, taken);
    for (const w of result.warnings) ctx.out(`Предупреждение: ${w}\n`);
    ctx.out(`${describeMonitoring(result)}\n`);
    const unscored = result.pairs.filter((p) => p.rubric.result.missing.some((n) => n <= 5)).length;
    if (!taken.present && unscored > 0)
      ctx.out(
        `Показатели 1–5 (оценка куратора) не выставлены у ${count(unscored, "пары", "пар", "пар")}: mentor rubric --file ${path} создаст лист «${RUBRIC_SHEET}», где их удобно заполнить по строке на пару.\n`,
      );
    ctx.out(`Файл: ${path}\n`);
    return 0;
  },
};

export const closeCycleCommand: Command = {
  name: "close-cycle",
  usage:
    "close-cycle          Завершить цикл: итоги пар в базы, рейтинг наставников, лучшие практики, новый учебный год",
  help: {
    synopsis: ["close-cycle [--file КНИГА.xlsx]"],
    options: [],
    details: [
      "В конце учебного года: пары завершаются, итоги записываются в базы, составляются рейтинг",
      "наставников и лучшие практики, книга переходит на следующий учебный год. Сначала создайте справку и отчёт.",
    ],
    examples: ["mentor close-cycle --file школа.xlsx"],
  },
  valueOptions: ["file"],
  flags: [],
  async run(ctx) {
    const path = existing(ctx);
    if (!path) return 2;
    const { wb } = await openWorkbook(ctx);
    const report = closeCycle({ workbook: wb, clock: ctx.clock, progress: ctx.progress });
    if (!report.nothingToClose) await saveWorkbook(wb, path);
    ctx.out(`${describeCloseCycle(report)}\nФайл: ${path}\n`);
    return 0;
  },
};
