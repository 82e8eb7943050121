import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { sampleSchool } from "../../core/demo/sample";
import { questionnaire } from "../../core/questionnaires/schema";
import { seedSchoolProfile } from "../../core/usecases/demo";
import { describeInit, initWorkbook } from "../../core/usecases/init";
import { describeIntake, intakeSubmissions } from "../../core/usecases/intake";
import { Table } from "../../core/workbook/table";
import { readExport } from "../import";
import { SAMPLE_FILES, samplesDir } from "../samples";
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
    seedSchoolProfile(wb, sampleSchool(ctx.clock.now()));
    // The banks fill the way a curator's do: from questionnaire exports, through intake.
    const dir = samplesDir();
    const imports: [string, string][] = [
      [SAMPLE_FILES.mentors, "mentor"],
      [SAMPLE_FILES.mentees, "mentee"],
      [SAMPLE_FILES.menteesYandex, "mentee"],
    ];
    for (const [file, form] of imports) {
      ctx.progress.report(`Загрузка «${file}»`);
      const exported = await readExport(join(dir, file), { formTitle: questionnaire(form).title });
      const summary = intakeSubmissions({ workbook: wb, clock: ctx.clock }, form, exported.submissions);
      ctx.out(`${file}: ${describeIntake(summary)}\n`);
    }
    await saveWorkbook(wb, path);
    const mentors = Table.load(wb, "mentors").records().length;
    const mentees = Table.load(wb, "mentees").records().length;
    ctx.out(
      `Демонстрационная книга готова: ${mentors} наставников, ${mentees} наставляемых.\nФайл: ${path}\n`,
    );
    return 0;
  },
};
