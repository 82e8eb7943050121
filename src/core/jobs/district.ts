/**
 * «Сводка района» as a job (Apps Script reads a Drive folder of hundreds of packages within six
 * minutes an execution): a checkpoint every FILES_PER_CHUNK files. The list of files and what was
 * read from each (counts only) is kept in the district workbook's «Пакеты (служебный)» sheet, so a
 * continuation resumes from it and a file unchanged since the last roll-up is not read again; the
 * last step rolls up and writes the district's sheets (core/usecases/district.ts).
 */
import { calendarDate } from "../dates";
import type { ReadPackage } from "../district/package";
import type { PackageSource } from "../district/rollup";
import type { DistrictPlan } from "../district/sheets";
import type { DocumentModel } from "../documents/model";
import type { CellInput } from "../ports";
import { ensureExpectedSheet, readExpectedSchools, rollUpSources, writeDistrict } from "../usecases/district";
import type { JobDefinition, JobPorts } from "./job";

/** A file of the department's folder. */
export interface SourceFile {
  id: string;
  name: string;
  /** Last modified, ms: a file unchanged since the last roll-up is not read again. */
  updated: number;
  /** The file's MIME type (an .xlsx, or a Google Sheet Drive converted it to). */
  type?: string;
}

/** Where the packages are: the driver lists and reads them (Drive folder, files on disk). */
export interface DistrictSourcesPort {
  list(): SourceFile[];
  read(file: SourceFile): ReadPackage;
}

export interface DistrictJobPorts extends JobPorts {
  sources: DistrictSourcesPort;
  /** Stores the report (a Google Doc) and returns where it is; absent: no report. */
  storeReport?: (report: DocumentModel) => string;
  /** Draws the charts of the plan (Apps Script). */
  drawCharts?: (plan: DistrictPlan) => void;
  district?: string;
}

/** The working sheet of the job: a row per file and what was read from it (counts only). */
export const PACKAGES_SHEET = "Пакеты (служебный)";
const PACKAGES_HEADER = ["ID файла", "Файл", "Изменён", "Тип", "Прочитан (данные пакета)"];
const DATA = 4;

/** How many files one chunk reads: a checkpoint every few files. */
export const FILES_PER_CHUNK = 10;

export interface DistrictCursor {
  next: number;
  total: number;
}

function readRow(v: CellInput | undefined): ReadPackage | null {
  if (typeof v !== "string" || v === "") return null;
  try {
    return JSON.parse(v) as ReadPackage;
  } catch (_e) {
    return null;
  }
}

/** The job «Сводка района»: list the folder, read each file (checkpoint per chunk), then write the workbook. */
export function districtJob(): JobDefinition<DistrictCursor> {
  return {
    name: "district",
    title: "Сводка района",
    start(ports) {
      const p = ports as DistrictJobPorts;
      const files = p.sources
        .list()
        .sort((a, b) => a.name.localeCompare(b.name, "ru") || a.id.localeCompare(b.id));
      p.workbook.ensureSheet(PACKAGES_SHEET);
      const old = p.workbook.read(PACKAGES_SHEET);
      const known = new Map<string, CellInput>();
      for (const r of old.slice(1)) if (r[0] !== "") known.set(`${r[0]}|${r[2]}`, r[DATA]);
      const rows: CellInput[][] = [
        PACKAGES_HEADER,
        ...files.map((f) => [f.id, f.name, f.updated, f.type ?? "", known.get(`${f.id}|${f.updated}`) ?? ""]),
      ];
      const height = Math.max(rows.length, old.length);
      while (rows.length < height) rows.push(["", "", "", "", ""]);
      p.workbook.write(
        PACKAGES_SHEET,
        0,
        0,
        rows.map((r) => [...r, ...new Array(Math.max(0, 5 - r.length)).fill("")].slice(0, 5)),
      );
      return { next: 0, total: files.length };
    },
    step(ports, cursor) {
      const p = ports as DistrictJobPorts;
      const grid = p.workbook.read(PACKAGES_SHEET);
      const end = Math.min(cursor.total, cursor.next + FILES_PER_CHUNK);
      const out: CellInput[][] = [];
      for (let i = cursor.next; i < end; i++) {
        const r = grid[i + 1] ?? [];
        const cached = readRow(r[DATA]);
        if (cached) {
          out.push([r[DATA]]);
          continue;
        }
        const file: SourceFile = {
          id: String(r[0]),
          name: String(r[1]),
          updated: Number(r[2]),
          type: String(r[3]),
        };
        let read: ReadPackage;
        try {
          read = p.sources.read(file);
        } catch (e) {
          read = {
            package: null,
            checksumOk: false,
            version: 0,
            error: `файл не открылся (${e instanceof Error ? e.message : String(e)})`,
          };
        }
        out.push([JSON.stringify(read)]);
      }
      if (out.length > 0) p.workbook.write(PACKAGES_SHEET, cursor.next + 1, DATA, out);
      return {
        cursor: { next: end, total: cursor.total },
        done: end >= cursor.total,
        progress: [end, cursor.total],
      };
    },
    finish(ports) {
      const p = ports as DistrictJobPorts;
      const grid = p.workbook.read(PACKAGES_SHEET);
      const sources: PackageSource[] = grid
        .slice(1)
        .filter((r) => String(r[0] ?? "") !== "")
        .map((r) => ({
          source: String(r[1]),
          read: readRow(r[DATA]) ?? {
            package: null,
            checksumOk: false,
            version: 0,
            error: "файл не прочитан",
          },
        }));
      const expected = readExpectedSchools(ensureExpectedSheet(p.workbook));
      const result = rollUpSources(sources, calendarDate(p.clock.now()), { expected, district: p.district });
      writeDistrict(p.workbook, result.plan);
      p.drawCharts?.(result.plan);
      const where = p.storeReport ? p.storeReport(result.report) : "";
      return `${result.message}${where ? ` Отчёт: ${where}.` : ""}`;
    },
  };
}
