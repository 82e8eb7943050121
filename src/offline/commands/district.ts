import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { calendarDate, parseSchoolYear } from "../../core/dates";
import { DISTRICT_SHEETS } from "../../core/district/sheets";
import { plural } from "../../core/text";
import {
  describeRollup,
  ensureExpectedSheet,
  makePackage,
  readExpectedSchools,
  rollUpSources,
  writeDistrict,
} from "../../core/usecases/district";
import { writeFileAtomic } from "../atomic-file";
import { packagePaths, readPackageFiles } from "../district";
import { renderDocx } from "../docx";
import { CliError, EXIT_USAGE } from "../errors";
import { XlsxWorkbook } from "../xlsx-workbook";
import type { Command } from "./types";
import { openWorkbook, prepareToWrite, saveWorkbook } from "./workbook";

export const packageCommand: Command = {
  name: "package",
  usage:
    "package [--out ПУТЬ]   Отчётный пакет школы для отдела образования: только числа, без персональных\n" +
    "                       данных (.xlsx с контрольной суммой; --out — файл или папка, по умолчанию out/)",
  help: `mentor package — отчётный пакет школы для органа управления образованием.

Использование:
  mentor package [--file КНИГА.xlsx] [--out ПУТЬ] [--today ДД.ММ.ГГГГ]

Пакет — небольшая книга .xlsx: лист «Пакет» с числами для человека и лист «Данные», который
читает книга района, с контрольной суммой. В пакете только числа: показатели эффективности
(числители, знаменатели, цели), участники по формам, ролям и статусам, пары и группы, уровни
мониторинга, выполнение дорожной карты, доли удовлетворённых, числа для форм федерального
статистического наблюдения. Ни имён, ни адресов, ни дат рождения, ни ответов участников в нём нет.

Параметры:
  --file КНИГА.xlsx    Книга школы (по умолчанию out/nastavnichestvo.xlsx)
  --out ПУТЬ           Файл пакета .xlsx или папка для него (по умолчанию out/)
  --today ДАТА         Считать сегодняшней дату ДД.ММ.ГГГГ

Пример:
  mentor package --file школа.xlsx --out пакеты/
`,
  valueOptions: ["file", "out"],
  flags: [],
  async run(ctx) {
    const { wb } = await openWorkbook(ctx, { readOnly: true });
    const made = makePackage({ workbook: wb, clock: ctx.clock });
    const out = typeof ctx.options.out === "string" ? resolve(ctx.options.out) : resolve("out");
    const isDir = out.toLowerCase().endsWith(".xlsx")
      ? false
      : !existsSync(out) || statSync(out).isDirectory();
    const path = isDir ? join(out, made.name) : out;
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, made.bytes);
    const p = made.package;
    ctx.out(
      `Отчётный пакет за ${p.year}/${p.year + 1} учебный год: ${path}\n` +
        `  участников программы — ${p.fsn.participants}, показателей достигнуто — ${p.achieved} из ${p.indicators.length}; персональных данных в пакете нет.\n`,
    );
    return 0;
  },
};

export const districtCommand: Command = {
  name: "district",
  usage:
    "district ПАКЕТЫ… --out район.xlsx   Сводка района из отчётных пакетов школ (файлы или папки):\n" +
    "                       итоги, школы и показатели, рейтинг, кто не сдал, проверка пакетов; отчёт .docx",
  help: `mentor district — сводка района из отчётных пакетов школ.

Использование:
  mentor district ПАКЕТ.xlsx… | ПАПКА… --out район.xlsx [--year 2026/2027] [--schools школы.txt]
                  [--report отчёт.docx] [--district "Отдел образования …"]

Читает пакеты, которые прислали школы (mentor package или пункт меню «Отчётный пакет»), и пишет
книгу района: «Итоги района» (суммы числителей и знаменателей школ, не средние процентов),
«Школы» (школы × показатели: значение, цель, статус), «Рейтинг», «Не сдали», «Проверка пакетов».
Пакет за другой учебный год, повторный пакет школы, пакет с изменёнными вручную числами
(контрольная сумма не совпадает) и пакет другой версии формата отмечаются и в итоги не входят.
Рядом с книгой записывается сводный отчёт .docx.

Параметры:
  --out район.xlsx     Книга района (создаётся или обновляется; её лист «Школы района» сохраняется)
  --year ГОД           Учебный год сводки, например 2026/2027 (по умолчанию — год большинства пакетов)
  --schools ФАЙЛ       Список школ района: по одной в строке, «название;населённый пункт» — для
                       листа «Не сдали» (иначе берётся лист «Школы района» книги района)
  --report ФАЙЛ.docx   Куда записать отчёт (по умолчанию рядом с книгой района)
  --district ТЕКСТ     Название органа управления образованием для заголовков

Пример:
  mentor district пакеты/ --out район.xlsx --schools школы.txt
`,
  valueOptions: ["out", "year", "schools", "report", "district"],
  flags: [],
  async run(ctx) {
    if (ctx.args.length === 0)
      throw new CliError(
        "Укажите файлы пакетов или папку с ними: mentor district пакеты/ --out район.xlsx",
        EXIT_USAGE,
      );
    if (typeof ctx.options.out !== "string")
      throw new CliError("Укажите книгу района: --out район.xlsx", EXIT_USAGE);
    for (const a of ctx.args)
      if (!existsSync(resolve(a))) throw new CliError(`Файл или папка не найдены: ${resolve(a)}`, EXIT_USAGE);
    let year: number | undefined;
    if (typeof ctx.options.year === "string") {
      const y =
        parseSchoolYear(ctx.options.year) ??
        (/^\d{4}$/.test(ctx.options.year) ? Number(ctx.options.year) : null);
      if (y === null)
        throw new CliError(
          `Учебный год «${ctx.options.year}» не распознан: укажите, например, 2026/2027.`,
          EXIT_USAGE,
        );
      year = y;
    }
    const outPath = resolve(ctx.options.out);
    const paths = packagePaths(ctx.args).filter((p) => resolve(p) !== outPath);
    const sources = await readPackageFiles(paths);
    await prepareToWrite(ctx, outPath);
    const fresh = !existsSync(outPath);
    const wb = fresh ? XlsxWorkbook.create() : await XlsxWorkbook.load(outPath);
    if (fresh) wb.origin = { path: outPath, exists: false };
    const fromSheet = ensureExpectedSheet(wb);
    const expected =
      typeof ctx.options.schools === "string"
        ? readExpectedSchools(
            readFileSync(resolve(ctx.options.schools), "utf8")
              .split(/\r?\n/)
              .map((line) => line.split(/[;\t]/).map((s) => s.trim())),
          )
        : readExpectedSchools(fromSheet);
    const now = ctx.clock.now();
    const district = typeof ctx.options.district === "string" ? ctx.options.district : "";
    const result = rollUpSources(sources, calendarDate(now), {
      year,
      district,
      expected,
    });
    writeDistrict(wb, result.plan);
    await saveWorkbook(wb, outPath);
    const reportPath =
      typeof ctx.options.report === "string"
        ? resolve(ctx.options.report)
        : join(dirname(outPath), `${outPath.replace(/^.*[\\/]/, "").replace(/\.xlsx$/i, "")} — отчёт.docx`);
    writeFileAtomic(reportPath, await renderDocx(result.report));
    ctx.out(`${describeRollup(result.rollup)}\nКнига района: ${outPath}\nОтчёт: ${reportPath}\n`);
    const r = result.rollup;
    ctx.out(
      `Прочитано ${paths.length} ${plural(paths.length, "файл", "файла", "файлов")}; участников программ наставничества — ${r.fsn.participants}; лист «${DISTRICT_SHEETS.totals}».\n`,
    );
    return 0;
  },
};
