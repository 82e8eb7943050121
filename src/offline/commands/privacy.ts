import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describeErase, eraseConsent } from "../../core/usecases/erase";
import { CliError } from "../errors";
import type { Command } from "./types";
import { DEFAULT_FILE, openWorkbook, saveWorkbook } from "./workbook";

/** `mentor erase EMAIL`: «Отозвать согласие» on an .xlsx workbook. */
export const eraseCommand: Command = {
  name: "erase",
  usage: "erase EMAIL          Отозвать согласие: удалить персональные данные участника (152-ФЗ)",
  help: {
    synopsis: ["erase EMAIL [--user КТО] [--file КНИГА.xlsx]"],
    options: [
      ["EMAIL", "адрес участника, отозвавшего согласие на обработку персональных данных"],
      ["--user КТО", "кто выполняет удаление (для записи в «Журнал»)"],
    ],
    examples: ["mentor erase ivanova@school1.ru --file школа.xlsx"],
  },
  valueOptions: ["file", "user"],
  async run(ctx) {
    const email = ctx.args[0];
    if (!email) {
      ctx.out("Укажите e-mail участника, например: mentor erase ivanov@school1.ru\n");
      return 2;
    }
    const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : DEFAULT_FILE);
    if (!existsSync(path)) {
      ctx.out(`Файл книги не найден: ${path}. Укажите --file.\n`);
      return 2;
    }
    const { wb } = await openWorkbook(ctx);
    try {
      const report = eraseConsent(
        {
          workbook: wb,
          clock: ctx.clock,
          user: typeof ctx.options.user === "string" ? ctx.options.user : "mentor erase",
        },
        email,
      );
      await saveWorkbook(wb, path);
      ctx.out(`${describeErase(report, email)}\nФайл: ${path}\n`);
      return 0;
    } catch (e) {
      if (e instanceof CliError) throw e; // a save refused: said, with its own exit code, by the command line
      ctx.out(`${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  },
};
