import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, renameSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describeErase, eraseConsent, type FileNamesPort } from "../../core/usecases/erase";
import { DEFAULT_DOCUMENTS_DIR } from "../documents";
import { CliError, EXIT_USAGE } from "../errors";
import { DEFAULT_OUTBOX } from "../outbox";
import type { Command } from "./types";
import { DEFAULT_FILE, missingWorkbookMessage, openWorkbook, saveWorkbook } from "./workbook";

/** `mentor erase EMAIL`: «Отозвать согласие» on an .xlsx workbook. */
export const eraseCommand: Command = {
  name: "erase",
  usage: "erase EMAIL          Отозвать согласие: удалить персональные данные участника (152-ФЗ)",
  help: {
    synopsis: ["erase EMAIL [--user КТО] [--file КНИГА.xlsx] [--documents ПАПКА] [--outbox ПАПКА]"],
    options: [
      ["EMAIL", "адрес участника, отозвавшего согласие на обработку персональных данных"],
      ["--user КТО", "кто выполняет удаление (для записи в «Журнал»)"],
      [
        "--documents ПАПКА",
        "папка документов (по умолчанию out/documents; можно и --out): файлы с именем участника переименовываются",
      ],
      [
        "--outbox ПАПКА",
        "папка писем (по умолчанию out/outbox): файлы с его адресом или именем переименовываются",
      ],
    ],
    examples: ["mentor erase ivanova@school1.ru --file школа.xlsx"],
  },
  valueOptions: ["file", "user", "documents", "out", "outbox"],
  flags: [],
  async run(ctx) {
    const email = ctx.args[0];
    if (!email)
      throw new CliError("Укажите e-mail участника, например: mentor erase ivanov@school1.ru", EXIT_USAGE);
    const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : DEFAULT_FILE);
    if (!existsSync(path)) throw new CliError(missingWorkbookMessage(path), EXIT_USAGE);
    const { wb } = await openWorkbook(ctx);
    try {
      const report = eraseConsent(
        {
          workbook: wb,
          clock: ctx.clock,
          user: typeof ctx.options.user === "string" ? ctx.options.user : "mentor erase",
          newSalt: () => randomBytes(16).toString("hex"),
          files: fileStores([
            typeof ctx.options.documents === "string"
              ? ctx.options.documents
              : typeof ctx.options.out === "string"
                ? ctx.options.out
                : DEFAULT_DOCUMENTS_DIR,
            typeof ctx.options.outbox === "string" ? ctx.options.outbox : DEFAULT_OUTBOX,
          ]),
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

/** Every file under a folder, as paths relative to it with «/». */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return out;
}

/**
 * The documents folder and the outbox as erase sees them: «N/relative/path» names (N the folder's
 * place in the list), renamed in place. A folder that does not exist holds nothing.
 */
function fileStores(dirs: string[]): FileNamesPort {
  const roots = dirs.map((d) => resolve(d));
  const toPath = (name: string) => {
    const [i, ...rest] = name.split("/");
    return join(roots[Number(i)], ...rest);
  };
  return {
    names: () =>
      roots.flatMap((root, i) => (existsSync(root) ? filesUnder(root).map((f) => `${i}/${f}`) : [])),
    rename: (from, to) => renameSync(toPath(from), toPath(to)),
  };
}
