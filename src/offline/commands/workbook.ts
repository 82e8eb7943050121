import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { calendarDate, formatDateRu } from "../../core/dates";
import { describeInit, initWorkbook } from "../../core/usecases/init";
import { Table } from "../../core/workbook/table";
import { defaultDemoDate } from "../../demo/clock";
import { runDemoYear } from "../demo";
import { XlsxWorkbook } from "../xlsx-workbook";
import type { Command } from "./types";

export const DEFAULT_FILE = "out/nastavnichestvo.xlsx";

/** The workbook a command works on: --file, or the default; created empty when absent. */
export async function openWorkbook(
  file: string | true | undefined,
): Promise<{ wb: XlsxWorkbook; path: string }> {
  const path = resolve(typeof file === "string" ? file : DEFAULT_FILE);
  return { wb: existsSync(path) ? await XlsxWorkbook.load(path) : XlsxWorkbook.create(), path };
}

export async function saveWorkbook(wb: XlsxWorkbook, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  await wb.save(path);
}

export const initCommand: Command = {
  name: "init",
  usage: "init                 Создать книгу из шаблонов или восстановить повреждённую",
  valueOptions: ["file"],
  async run(ctx) {
    const { wb, path } = await openWorkbook(ctx.options.file);
    const report = initWorkbook({ workbook: wb, clock: ctx.clock, progress: ctx.progress });
    await saveWorkbook(wb, path);
    ctx.out(`${describeInit(report)}\nФайл: ${path}\n`);
    return 0;
  },
};

export const demoCommand: Command = {
  name: "demo",
  usage:
    "demo                 Демонстрация: учебный год школы целиком (out/demo-school.xlsx, письма в out/outbox)",
  valueOptions: ["file", "outbox", "documents"],
  async run(ctx) {
    const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : "out/demo-school.xlsx");
    const outbox = resolve(typeof ctx.options.outbox === "string" ? ctx.options.outbox : "out/outbox");
    const today =
      typeof ctx.options.today === "string"
        ? calendarDate(ctx.clock.now())
        : defaultDemoDate(ctx.clock.now());
    ctx.out(`Демонстрация на ${formatDateRu(today)}: школа, анкеты, пары, год работы, мониторинг.\n`);
    const wb = XlsxWorkbook.create();
    const documents = resolve(
      typeof ctx.options.documents === "string" ? ctx.options.documents : "out/documents",
    );
    await runDemoYear({
      workbook: wb,
      today,
      progress: ctx.progress,
      outbox,
      documents,
      out: (line) => ctx.out(`${line}\n`),
    });
    await saveWorkbook(wb, path);
    const mentors = Table.load(wb, "mentors").records().length;
    const mentees = Table.load(wb, "mentees").records().length;
    const pairs = Table.load(wb, "pairs").records().length;
    ctx.out(
      `Демонстрационная книга готова: ${mentors} наставников, ${mentees} наставляемых, ${pairs} пар.\nФайл: ${path}\nПисьма: ${outbox}\n`,
    );
    return 0;
  },
};
