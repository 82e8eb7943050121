import { resolve } from "node:path";
import { questionnaires } from "../../core/questionnaires/schema";
import { describeResponses, importResponses } from "../../core/usecases/responses";
import { readExport } from "../import";
import { writeSampleExports } from "../samples";
import type { Command } from "./types";
import { openWorkbook, saveWorkbook } from "./workbook";

function formList(): string {
  return questionnaires()
    .map((q) => `  ${q.key.padEnd(20)} ${q.title}`)
    .join("\n");
}

export const importCommand: Command = {
  name: "import",
  usage: "import ФАЙЛ --form КОД  Загрузить ответы анкеты (CSV/XLSX Google Форм, Яндекс Форм, Excel)",
  valueOptions: ["file", "form"],
  async run(ctx) {
    const path = ctx.args[0];
    const form = ctx.options.form;
    if (!path || typeof form !== "string" || !questionnaires().some((q) => q.key === form)) {
      ctx.out(
        `Использование: mentor import ФАЙЛ --form КОД [--file КНИГА.xlsx]\nКоды анкет:\n${formList()}\n`,
      );
      return 2;
    }
    const title = questionnaires().find((q) => q.key === form)!.title;
    const exported = await readExport(resolve(path), { formTitle: title });
    const { wb, path: book } = await openWorkbook(ctx);
    // As the submit trigger: the monitoring follows meetings, reports and surveys.
    const outcome = importResponses(
      { workbook: wb, clock: ctx.clock, progress: ctx.progress },
      form,
      exported.submissions,
    );
    await saveWorkbook(wb, book);
    for (const w of exported.warnings) ctx.out(`Предупреждение: ${w}\n`);
    ctx.out(`${describeResponses(outcome)}\nФайл: ${book}\n`);
    return 0;
  },
};

export const samplesCommand: Command = {
  name: "samples",
  usage: "samples --out ПАПКА   Записать примеры выгрузок анкет (Google Формы, Excel, Яндекс Формы)",
  valueOptions: ["out"],
  async run(ctx) {
    const dir = resolve(typeof ctx.options.out === "string" ? ctx.options.out : "out/samples");
    const files = await writeSampleExports(dir);
    ctx.out(`Примеры выгрузок записаны:\n${files.map((f) => `  ${f}`).join("\n")}\n`);
    return 0;
  },
};
