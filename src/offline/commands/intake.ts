import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";
import { refuseColumns } from "../../core/questionnaires/fit";
import { questionnaires } from "../../core/questionnaires/schema";
import { describeResponses, importResponses } from "../../core/usecases/responses";
import { appendJournal } from "../../core/workbook/journal";
import { Table } from "../../core/workbook/table";
import { CliError, EXIT_USAGE } from "../errors";
import { type ExportResult, ImportError, readExport } from "../import";
import { writeSampleExports } from "../samples";
import type { Command, CommandContext } from "./types";
import { openWorkbook, saveWorkbook, workbookPath } from "./workbook";

/**
 * A refused file leaves its reason in «Журнал» (with the file's name and column titles, as a
 * rejected row leaves its answers), when the workbook exists; the refusal itself is thrown on.
 */
async function journalRefusal(
  ctx: CommandContext,
  title: string,
  path: string,
  message: string,
  titles: string[] | undefined,
): Promise<void> {
  if (!existsSync(workbookPath(ctx.options.file))) return;
  try {
    const { wb, path: book } = await openWorkbook(ctx);
    const entry = {
      at: ctx.clock.now(),
      level: "ошибка" as const,
      operation: `Анкета «${title}»`,
      message,
      source: `файл ${basename(path)}`,
      original: { file: basename(path), columns: titles ?? [] },
    };
    appendJournal(wb, [entry], Table.load(wb, "log").columns);
    await saveWorkbook(wb, book);
  } catch {
    // The refusal is what the curator must read; a journal that cannot be written does not hide it.
  }
}

function formList(): string {
  return questionnaires()
    .map((q) => `  ${q.key.padEnd(20)} ${q.title}`)
    .join("\n");
}

export const importCommand: Command = {
  name: "import",
  usage: "import ФАЙЛ --form КОД  Загрузить ответы анкеты (CSV/XLSX Google Форм, Яндекс Форм, Excel)",
  help: {
    synopsis: ["import ФАЙЛ --form КОД [--file КНИГА.xlsx]"],
    options: [
      ["ФАЙЛ", "выгрузка ответов: CSV или XLSX из Google Форм, Яндекс Форм или Excel"],
      ["--form КОД", "какая это анкета: mentor, mentee, preferences_mentee, preferences_mentor и др."],
    ],
    details: [
      "Повторная загрузка той же выгрузки ничего не удваивает: изменённые ответы обновляются.",
      "Примеры выгрузок записывает команда mentor samples; коды всех анкет печатает mentor import без параметров.",
    ],
    examples: [
      'mentor import "Анкета наставника.csv" --form mentor --file школа.xlsx',
      "mentor import ответы.xlsx --form mentee --file школа.xlsx",
    ],
  },
  valueOptions: ["file", "form"],
  flags: [],
  async run(ctx) {
    const path = ctx.args[0];
    const form = ctx.options.form;
    if (!path && form === undefined) {
      ctx.out(
        `Использование: mentor import ФАЙЛ --form КОД [--file КНИГА.xlsx]\nКоды анкет:\n${formList()}\n`,
      );
      return 2;
    }
    if (typeof form !== "string")
      throw new CliError(
        `Укажите, какая это анкета: --form КОД, например: mentor import ${path ?? "ФАЙЛ.csv"} --form mentor. Коды анкет:\n${formList()}`,
        EXIT_USAGE,
      );
    if (!questionnaires().some((q) => q.key === form))
      throw new CliError(
        `Неизвестный код анкеты «${form}». Коды анкет:\n${formList()}\nНапример: mentor import ${path ?? "ФАЙЛ.csv"} --form mentor`,
        EXIT_USAGE,
      );
    if (!path)
      throw new CliError(
        `Укажите файл с ответами: mentor import ФАЙЛ.csv --form ${form}. Выгрузку ответов скачайте из Google Форм («Ответы → Скачать ответы (.csv)») или Яндекс Форм; примеры — mentor samples.`,
        EXIT_USAGE,
      );
    const title = questionnaires().find((q) => q.key === form)!.title;
    let exported: ExportResult | undefined;
    try {
      exported = await readExport(resolve(path), { formTitle: title });
      // Refused before any row is read: another questionnaire's file, a required question's column missing.
      const refusal = refuseColumns(form, exported.titles, basename(path));
      if (refusal) throw new ImportError(refusal);
    } catch (e) {
      if (e instanceof ImportError) await journalRefusal(ctx, title, path, e.message, exported?.titles);
      throw e;
    }
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
  help: {
    synopsis: ["samples [--out ПАПКА]"],
    options: [["--out ПАПКА", "куда записать примеры (по умолчанию out/samples)"]],
    examples: ["mentor samples --out примеры"],
    noWorkbook: true,
  },
  valueOptions: ["out"],
  flags: [],
  async run(ctx) {
    const dir = resolve(typeof ctx.options.out === "string" ? ctx.options.out : "out/samples");
    const files = await writeSampleExports(dir);
    ctx.out(`Примеры выгрузок записаны:\n${files.map((f) => `  ${f}`).join("\n")}\n`);
    return 0;
  },
};
