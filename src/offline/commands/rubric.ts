import { plural } from "../../core/text";
import {
  describeRubricTake,
  RUBRIC_SHEET,
  type RubricTake,
  updateRubricSheet,
} from "../../core/usecases/rubric-sheet";
import type { Command, CommandContext } from "./types";
import { openWorkbook, saveWorkbook } from "./workbook";

/** The lines a take printed by `rubric` and `monitor`: what was taken, what was refused. */
export function printRubricTake(ctx: CommandContext, take: RubricTake): void {
  const lines = describeRubricTake(take);
  for (const line of lines)
    ctx.out(`${take.issues.length > 0 && line.startsWith("Не приняты") ? "Предупреждение: " : ""}${line}\n`);
}

/**
 * `mentor rubric`: «Оценка куратора» offline — the sheet of the same name (core/usecases/rubric-sheet.ts):
 * what the curator typed there is taken into «Мониторинг», then the sheet is written again.
 */
export const rubricCommand: Command = {
  name: "rubric",
  usage:
    "rubric               Оценка куратора: лист для показателей 1–5 мониторинга по каждой паре, с фактами пары",
  help: {
    synopsis: ["rubric [--file КНИГА.xlsx]"],
    options: [],
    details: [
      `Создаёт или обновляет лист «${RUBRIC_SHEET}»: по строке на пару — наставник и наставляемый, пять ячеек`,
      "для показателей 1–5 (2 — в полной мере, 1 — частично, 0 — не проявляется; список 0, 1, 2), итог",
      "и уровень, а правее — факты пары: встречи против нормы, последняя встреча, каких встреч не было,",
      "оценка встреч по анкетам, отчёты наставника, рассчитанные показатели 6–9 (как — в примечании ячейки).",
      "Заполните ячейки в Excel или LibreOffice: цифра, Tab — к следующему показателю; после пятого Enter",
      "переводит к первому показателю следующей пары. Сохраните книгу, закройте её и выполните",
      "mentor rubric ещё раз (или mentor monitor): изменённые оценки перейдут в «Мониторинг» с итогом",
      "и уровнем — так же, как их сохраняет боковая панель «Оценка куратора» в Google Таблицах.",
      "Ячейка не с 0, 1 или 2 не принимается: она названа на экране и в «Журнале», оценки её пары",
      "остаются на листе как набраны, пока их не исправят.",
    ],
    examples: ["mentor rubric --file школа.xlsx"],
  },
  valueOptions: ["file"],
  flags: [],
  async run(ctx) {
    const { wb, path } = await openWorkbook(ctx);
    const report = updateRubricSheet({ workbook: wb, clock: ctx.clock }, { create: true });
    printRubricTake(ctx, report);
    if (report.unreadable) {
      // Nothing was written: the sheet stays as the curator left it; «Журнал» has the reason.
      await saveWorkbook(wb, path);
      ctx.out(`Файл: ${path}\n`);
      return 1;
    }
    await saveWorkbook(wb, path);
    if (report.pairs === 0)
      ctx.out(
        `Лист «${RUBRIC_SHEET}» пуст: на листе «Мониторинг» нет пар. Сначала выполните mentor monitor --file ${path}, затем mentor rubric.\n`,
      );
    else {
      const left = report.pairs - report.scored;
      ctx.out(
        `Лист «${RUBRIC_SHEET}» ${report.created ? "создан" : "обновлён"}: ${report.pairs} ${plural(report.pairs, "пара", "пары", "пар")}, ` +
          (left === 0
            ? "у всех пар выставлены показатели 1–5.\n"
            : `показатели 1–5 ещё не выставлены у ${left} ${plural(left, "пары", "пар", "пар")}. Откройте лист, заполните ячейки и выполните mentor rubric снова.\n`),
      );
    }
    ctx.out(`Файл: ${path}\n`);
    return 0;
  },
};
