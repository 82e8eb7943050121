import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { sampleSchool } from "../../core/demo/sample";
import { seedSampleSchool } from "../../core/usecases/demo";
import { describeInit, initWorkbook } from "../../core/usecases/init";
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
  usage: "demo                 Создать демонстрационную книгу школы с участниками (out/demo-school.xlsx)",
  valueOptions: ["file"],
  async run(ctx) {
    const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : "out/demo-school.xlsx");
    const wb = XlsxWorkbook.create();
    initWorkbook({ workbook: wb, clock: ctx.clock, progress: ctx.progress });
    const sample = sampleSchool(ctx.clock.now());
    seedSampleSchool(wb, sample, ctx.progress);
    await saveWorkbook(wb, path);
    ctx.out(
      `Демонстрационная книга готова: ${sample.mentors.length} наставников, ${sample.mentees.length} наставляемых.\nФайл: ${path}\n`,
    );
    return 0;
  },
};
