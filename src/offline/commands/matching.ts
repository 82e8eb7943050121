import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { scoreMatrix, solveInstance } from "../../core/matching/instance";
import { decidePairs, describeMatch, type MatchStrategy, matchPairs } from "../../core/usecases/matching";
import { CliError, describeFileError, EXIT_USAGE } from "../errors";
import { warnDataIssues } from "./data-warnings";
import type { Command } from "./types";
import { openWorkbook, saveWorkbook } from "./workbook";

const MODES: Record<string, MatchStrategy> = {
  "max-participants": "max_participants",
  quality: "quality",
  stable: "stable",
};

/** The JSON of a matching instance, or a Russian error: no file, not readable, not JSON. */
function readInstance(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(describeFileError(e, path, "read"));
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new CliError(
      `Файл ${path} — не JSON: в нём ошибка записи (лишняя или пропущенная запятая, кавычка, скобка). Проверьте файл по описанию формата в docs/matching-instance.md.`,
    );
  }
}

export const matchCommand: Command = {
  name: "match",
  usage:
    "match [--full] [--mode max-participants|quality|stable]  Подобрать пары в книге;\n" +
    "       match --instance ФАЙЛ.json [--with-matrix]  Решить задачу из JSON и напечатать ответ",
  help: {
    synopsis: [
      "match [--full] [--mode max-participants|quality|stable] [--file КНИГА.xlsx]",
      "match --instance ЗАДАЧА.json [--with-matrix]",
    ],
    options: [
      ["--full", "переподобрать все пары, кроме тех, что куратор велел не менять"],
      [
        "--mode РЕЖИМ",
        "max-participants — пару получает как можно больше наставляемых (по умолчанию из «Настроек»);",
      ],
      ["", "quality — не создавать пар с баллом ниже порога; stable — по заявленным предпочтениям"],
      ["--instance ФАЙЛ", "решить задачу подбора из JSON (формат — docs/matching-instance.md) без книги"],
      ["--with-matrix", "с --instance: напечатать и баллы всех возможных пар"],
    ],
    details: ["Предложенные пары появляются на листе «Пары»; утвердите их: mentor approve."],
    examples: ["mentor match --file школа.xlsx", "mentor match --mode quality --file школа.xlsx"],
  },
  valueOptions: ["file", "mode", "instance"],
  flags: ["full", "with-matrix"],
  async run(ctx) {
    if (typeof ctx.options.instance === "string") {
      const input = readInstance(resolve(ctx.options.instance));
      const out: Record<string, unknown> = { ...solveInstance(input) };
      if (ctx.options["with-matrix"] === true) out.matrix = scoreMatrix(input);
      ctx.out(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    const mode = typeof ctx.options.mode === "string" ? MODES[ctx.options.mode] : undefined;
    if (typeof ctx.options.mode === "string" && !mode)
      throw new CliError(
        `Неизвестный режим подбора «${ctx.options.mode}»: max-participants, quality или stable. Справка: mentor match --help`,
        EXIT_USAGE,
      );
    const { wb, path } = await openWorkbook(ctx);
    warnDataIssues(ctx, wb, ["mentors", "mentees", "pairs"], { journal: true });
    const report = matchPairs(
      { workbook: wb, clock: ctx.clock, progress: ctx.progress },
      { full: ctx.options.full === true, mode },
    );
    await saveWorkbook(wb, path);
    ctx.out(`${describeMatch(report)}\nПредложения — на листе «Пары». Файл: ${path}\n`);
    return 0;
  },
};

export const approveCommand: Command = {
  name: "approve",
  usage: "approve --all | ID…     Утвердить предложенные пары (все или по ID); --reject ID… отклонить",
  help: {
    synopsis: ["approve --all [--file КНИГА.xlsx]", "approve ID… [--reject] [--file КНИГА.xlsx]"],
    options: [
      ["--all", "утвердить все предложенные пары"],
      ["ID…", "номера пар с листа «Пары», например П-0001 П-0002"],
      ["--reject", "отклонить названные пары вместо утверждения"],
    ],
    examples: [
      "mentor approve --all --file школа.xlsx",
      "mentor approve П-0003 П-0007 --reject --file школа.xlsx",
    ],
  },
  valueOptions: ["file"],
  flags: ["all", "reject"],
  async run(ctx) {
    const reject = ctx.options.reject === true;
    if (ctx.options.all !== true && ctx.args.length === 0)
      throw new CliError("Укажите --all или ID пар, например: mentor approve П-0001 П-0002", EXIT_USAGE);
    const { wb, path } = await openWorkbook(ctx);
    const message = decidePairs(
      { workbook: wb, clock: ctx.clock, progress: ctx.progress },
      ctx.options.all === true
        ? "approve_all"
        : ctx.args.map((pairId) => ({
            pairId,
            decision: reject ? ("reject" as const) : ("approve" as const),
          })),
    );
    await saveWorkbook(wb, path);
    ctx.out(`${message}\nФайл: ${path}\n`);
    return 0;
  },
};
