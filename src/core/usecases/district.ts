/**
 * The district's view (issue 19): a school's «Отчётный пакет» (counts only, from the figures of
 * «Сводка») and the department's roll-up of many packages into its own workbook and report.
 *
 * - `makePackage`: the package of a school's workbook, as .xlsx bytes (the menu, the report mail to
 *   the department, `mentor package`).
 * - `rollUpSources` + `writeDistrict`: the roll-up in one go (`mentor district`).
 * - the same roll-up as a job is core/jobs/district.ts (Apps Script: a Drive folder).
 */
import { calendarDate, schoolYearStartYear } from "../dates";
import { buildPackage, packageOfFigures, type SchoolPackage } from "../district/package";
import { packageFileName, packageXlsx } from "../district/package-file";
import { buildDistrictReport } from "../district/report";
import {
  commonYear,
  type DistrictRollup,
  type ExpectedSchool,
  type PackageSource,
  rollUp,
} from "../district/rollup";
import { DISTRICT_SHEETS, type DistrictPlan, expectedSheetLayout, planDistrict } from "../district/sheets";
import type { DocumentModel } from "../documents/model";
import type { DocumentSource } from "../documents/source";
import type { CellInput, ClockPort, Grid, WorkbookPort } from "../ports";
import { readSettings } from "../settings";
import { plural } from "../text";
import { applyLayouts } from "../workbook/layout";

export interface MadePackage {
  package: SchoolPackage;
  name: string;
  bytes: Uint8Array;
}

/** The school's package now: its figures, file name and .xlsx bytes. Reads the workbook, writes nothing. */
export function makePackage(ports: { workbook: WorkbookPort; clock: ClockPort }): MadePackage {
  const now = ports.clock.now();
  const p = buildPackage(ports.workbook, calendarDate(now), now);
  return { package: p, name: packageFileName(p), bytes: packageXlsx(p, now) };
}

/** The package of a document source's figures (the report mail to the department): the sheets it read already. */
export function packageOfSource(src: DocumentSource, now: Date): MadePackage {
  // The identity as «Настройки» hold it (one read of that sheet), the figures as the documents have them.
  const s = readSettings(src.workbook, { today: src.today });
  const p = packageOfFigures(
    src.summary(),
    {
      name: s.schoolName.trim(),
      short: s.schoolShort.trim(),
      city: s.schoolCity.trim(),
      department: s.departmentName.trim(),
    },
    now,
  );
  return { package: p, name: packageFileName(p), bytes: packageXlsx(p, now) };
}

/** The schools the department expects, from its «Школы района» sheet (school, town; a header row). */
export function readExpectedSchools(grid: Grid): ExpectedSchool[] {
  const out: ExpectedSchool[] = [];
  for (const r of grid) {
    const name = String(r[0] ?? "").trim();
    if (name === "" || /^школа$/i.test(name) || name.startsWith("Впишите")) continue;
    out.push({ name, city: String(r[1] ?? "").trim() });
  }
  return out;
}

/** The department's expected schools sheet, made when absent (a header and how to fill it). */
export function ensureExpectedSheet(wb: WorkbookPort): Grid {
  if (wb.ensureSheet(DISTRICT_SHEETS.expected, 0)) {
    wb.write(DISTRICT_SHEETS.expected, 0, 0, [
      ["Школа", "Населённый пункт"],
      ["Впишите ниже полные названия школ района (как в их «Настройках»), по одной в строке.", ""],
    ]);
    wb.applyLayout(DISTRICT_SHEETS.expected, expectedSheetLayout());
    return [];
  }
  return wb.read(DISTRICT_SHEETS.expected);
}

export interface DistrictOptions {
  /** First year of the school year to roll up; default: the year most packages report. */
  year?: number;
  /** The department's name for the title. */
  district?: string;
  expected?: ExpectedSchool[];
}

export interface DistrictResult {
  rollup: DistrictRollup;
  plan: DistrictPlan;
  report: DocumentModel;
  message: string;
}

/** Rolls up and plans the workbook and the report; writes nothing. */
export function rollUpSources(
  sources: PackageSource[],
  today: Date,
  options: DistrictOptions = {},
): DistrictResult {
  const year = options.year ?? commonYear(sources, schoolYearStartYear(today));
  const rollup = rollUp(sources, year, options.expected ?? []);
  const plan = planDistrict(rollup, options.district ?? "");
  const report = buildDistrictReport(rollup, options.district ?? "", today);
  return { rollup, plan, report, message: describeRollup(rollup) };
}

/** Writes the district's sheets, each in one write (clearing what an earlier roll-up left beyond). */
export function writeDistrict(wb: WorkbookPort, plan: DistrictPlan): void {
  plan.sheets.forEach((s, i) => {
    wb.ensureSheet(s.name, i + 1);
    const old = wb.read(s.name);
    const height = Math.max(s.grid.length, old.length);
    const width = Math.max(...s.grid.map((r) => r.length), ...old.map((r) => r.length), 1);
    const grid: CellInput[][] = [];
    for (let r = 0; r < height; r++) {
      const row: CellInput[] = [];
      for (let c = 0; c < width; c++) {
        const v = s.grid[r]?.[c];
        row.push(v === undefined || v === null ? "" : v);
      }
      grid.push(row);
    }
    wb.write(s.name, 0, 0, grid);
  });
  // Every sheet's layout at once: Apps Script sends them in one request.
  applyLayouts(
    wb,
    plan.sheets.map((s) => ({ sheet: s.name, layout: s.layout })),
  );
}

/** The roll-up in a Russian sentence. */
export function describeRollup(r: DistrictRollup): string {
  const n = (k: number, one: string, few: string, many: string) => `${k} ${plural(k, one, few, many)}`;
  const flagged = r.entries.length - r.accepted.length;
  return (
    `Сводка района за ${r.year}/${r.year + 1} учебный год: учтено ${n(r.accepted.length, "пакет", "пакета", "пакетов")}` +
    `${flagged > 0 ? `, не учтено ${n(flagged, "пакет", "пакета", "пакетов")} (причины — на листе «${DISTRICT_SHEETS.check}»)` : ""}` +
    `${r.missing.length > 0 ? `, не прислали ${n(r.missing.length, "школа", "школы", "школ")}` : ""}.`
  );
}
