/**
 * «Отчётный пакет»: what a school sends its education department — counts only, never a person.
 * The figures are those of «Сводка» (summary/plan.ts `planSummary`, the same computation the sheet's
 * formulas show), so the department sees what the school's director sees.
 *
 * A package is a flat list of key → value rows (the machine-readable sheet «Данные»), closed by a
 * SHA-256 checksum of the rows before it: a figure edited by hand no longer matches. The format has
 * a version; a department reading an older one flags it instead of summing it.
 */
import { round } from "../formulas/cells";
import { INDICATOR_CODES, type IndicatorCode } from "../indicators/rules";
import type { Cell, WorkbookPort } from "../ports";
import { readSettings } from "../settings";
import { sha256 } from "../sha256";
import type { SummaryFigures } from "../summary/figures";
import { planSummary } from "../summary/plan";
import { normalizeHeader } from "../text";
import { INDICATOR_STATUS, type IndicatorStatus } from "../workbook/statuses";

/** The text of the «format» row: a workbook of anything else is not a package. */
export const PACKAGE_FORMAT = "Наставничество: отчётный пакет";
/**
 * The format's version. 1: the first. Raise it whenever a key changes meaning or is removed (a
 * district workbook flags a package of an older version instead of summing it).
 */
export const PACKAGE_VERSION = 1;
export const CHECKSUM_KEY = "checksum";
export const CHECKSUM_PREFIX = "sha256:";

export interface PackageIndicator {
  code: IndicatorCode;
  name: string;
  unit: "%" | "ед.";
  /** What was counted and what it was divided by (indicator 4: partners; the whole is the contingent's). */
  part: number;
  whole: number;
  target: number | null;
  actual: number | null;
  status: IndicatorStatus;
}

export interface PackageForm {
  form: string;
  mentors: number;
  mentees: number;
  waiting: number;
  proposed: number;
  approved: number;
  completed: number;
}

export interface PackageShare {
  /** Participants with an exit satisfaction answer; of them, satisfied. */
  respondents: number;
  satisfied: number;
}

export interface SchoolPackage {
  format: string;
  version: number;
  /** The school's identity: an organisation, never a person. */
  school: { name: string; short: string; city: string; department: string };
  /** First calendar year of the school year (2026 for 2026/2027). */
  year: number;
  /** When the package was made: the school's wall clock, «2026-11-22T10:00». */
  createdAt: string;
  indicators: PackageIndicator[];
  achieved: number;
  mentors: {
    total: number;
    candidates: number;
    admitted: number;
    paired: number;
    finished: number;
    left: number;
  };
  mentees: {
    total: number;
    waiting: number;
    paired: number;
    supported: number;
    finished: number;
    left: number;
  };
  forms: PackageForm[];
  pairs: {
    proposed: number;
    approved: number;
    completed: number;
    terminated: number;
    rejected: number;
    formed: number;
    individual: number;
    groups: number;
  };
  monitoring: {
    /** «Программа в целом», 0–18; null when not scored. */
    total: number | null;
    level: string;
    optimal: number;
    acceptable: number;
    unacceptable: number;
    undetermined: number;
  };
  roadmap: {
    total: number;
    done: number;
    inProgress: number;
    planned: number;
    overdue: number;
    cancelled: number;
  };
  satisfaction: { threshold: number; mentees: PackageShare; mentors: PackageShare };
  /**
   * The federal statistics forms ask for the number of participants of mentoring programmes: the
   * people who took part this year (in a pair, or finished), by role, and among the mentees the
   * pupils aged 10–18 and the young teachers (the numerators of indicators 1 and 3), among the
   * mentors the pupils aged 15–18 (indicator 2), and the partner organisations (indicator 4).
   */
  fsn: {
    participants: number;
    mentors: number;
    mentees: number;
    menteePupils: number;
    mentorPupils: number;
    youngTeachers: number;
    partners: number;
  };
}

/** The package of a school's workbook on `today` (a calendar date), from the summary's figures. */
export function buildPackage(wb: WorkbookPort, today: Date, now: Date): SchoolPackage {
  const settings = readSettings(wb, { today });
  const f = planSummary(wb, today).figures;
  return packageOfFigures(
    f,
    {
      name: settings.schoolName.trim(),
      short: settings.schoolShort.trim(),
      city: settings.schoolCity.trim(),
      department: settings.departmentName.trim(),
    },
    now,
  );
}

function wallClockText(d: Date): string {
  return d.toISOString().slice(0, 16);
}

/** The package of the summary's figures: every number copied, none computed again. */
export function packageOfFigures(
  f: SummaryFigures,
  school: SchoolPackage["school"],
  now: Date,
): SchoolPackage {
  const part = (code: IndicatorCode) => f.indicators.find((i) => i.code === code)?.part ?? 0;
  const whole = (code: IndicatorCode) => f.indicators.find((i) => i.code === code)?.whole ?? 0;
  const inProgram = (x: { paired: number; finished: number }) => x.paired + x.finished;
  const t = f.roadmap.total;
  return {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    school,
    year: f.year,
    createdAt: wallClockText(now),
    indicators: INDICATOR_CODES.map((code) => {
      const i = f.indicators.find((x) => x.code === code);
      return {
        code,
        name: i?.name ?? "",
        unit: i?.unit ?? "%",
        part: i?.part ?? 0,
        whole: i?.whole ?? 0,
        target: i?.target ?? null,
        actual: i?.actual ?? null,
        status: i?.status ?? INDICATOR_STATUS.noData,
      };
    }),
    achieved: f.achieved,
    mentors: { ...f.mentors },
    mentees: { ...f.mentees },
    forms: f.forms.map((x) => ({
      form: x.form,
      mentors: x.mentors,
      mentees: x.mentees,
      waiting: x.waiting,
      proposed: x.proposed,
      approved: x.approved,
      completed: x.completed,
    })),
    pairs: {
      proposed: f.pairs.proposed,
      approved: f.pairs.approved,
      completed: f.pairs.completed,
      terminated: f.pairs.terminated,
      rejected: f.pairs.rejected,
      formed: f.pairs.formed,
      individual: f.pairs.individual,
      groups: f.pairs.groups,
    },
    monitoring: {
      total: typeof f.monitoring.total === "number" ? f.monitoring.total : null,
      level: f.monitoring.level,
      optimal: f.monitoring.levels.оптимальный,
      acceptable: f.monitoring.levels.допустимый,
      unacceptable: f.monitoring.levels.недопустимый,
      undetermined: f.monitoring.undetermined,
    },
    roadmap: {
      total: t.total,
      done: t.done,
      inProgress: t.inProgress,
      planned: t.planned,
      overdue: t.overdue,
      cancelled: t.cancelled,
    },
    satisfaction: {
      threshold: f.threshold,
      mentees: { respondents: whole("5"), satisfied: part("5") },
      mentors: { respondents: whole("6"), satisfied: part("6") },
    },
    fsn: {
      participants: inProgram(f.mentors) + inProgram(f.mentees),
      mentors: inProgram(f.mentors),
      mentees: inProgram(f.mentees),
      menteePupils: part("1"),
      mentorPupils: part("2"),
      youngTeachers: part("3"),
      partners: part("4"),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The machine-readable rows

export type PackageRow = [string, string | number];

/** A value as the checksum reads it: a number's shortest text, a text as it is, null as "". */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(round(v, 6));
  return String(v);
}

/** The checksum of rows: SHA-256 of «key TAB value» lines. */
export function checksumOf(rows: PackageRow[] | [string, Cell][]): string {
  return CHECKSUM_PREFIX + sha256(rows.map(([k, v]) => `${k}\t${canonical(v)}`).join("\n"));
}

/** The package as rows: `format`, `version`, every figure by a dotted key, and the checksum last. */
export function packageRows(p: SchoolPackage): PackageRow[] {
  const rows: PackageRow[] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v === null || v === undefined) rows.push([prefix, ""]);
    else if (Array.isArray(v)) {
      rows.push([`${prefix}.count`, v.length]);
      for (let i = 0; i < v.length; i++) walk(`${prefix}.${i + 1}`, v[i]);
    } else if (typeof v === "object")
      for (const [k, x] of Object.entries(v as Record<string, unknown>))
        walk(prefix ? `${prefix}.${k}` : k, x);
    else rows.push([prefix, typeof v === "number" ? v : String(v)]);
  };
  walk("", p);
  rows.push([CHECKSUM_KEY, checksumOf(rows)]);
  return rows;
}

/** What reading a package's rows found. */
export interface ReadPackage {
  /** null when the rows are no package at all (the reason says why). */
  package: SchoolPackage | null;
  /** The checksum row matches the rows above it. */
  checksumOk: boolean;
  /** The version the package states (0 when it states none). */
  version: number;
  /** Russian: why the rows are not a package. */
  error?: string;
}

/**
 * The package of machine-readable rows (key, value; a header row and blank rows are skipped). Reads
 * what it knows and leaves out what it does not: a package of another version is still read, so
 * that the district workbook can show whose it is and flag it.
 */
export function readPackageRows(grid: Cell[][]): ReadPackage {
  const rows: [string, Cell][] = [];
  let stated: string | null = null;
  for (const r of grid) {
    const key = String(r[0] ?? "").trim();
    if (key === "" || key === "ключ") continue;
    const value: Cell = r[1] === undefined || r[1] === null ? "" : r[1];
    if (key === CHECKSUM_KEY) stated = String(value).trim();
    else rows.push([key, value]);
  }
  const map = new Map(rows);
  if (String(map.get("format") ?? "").trim() !== PACKAGE_FORMAT)
    return {
      package: null,
      checksumOk: false,
      version: 0,
      error: `это не отчётный пакет (нет строки «format» со значением «${PACKAGE_FORMAT}»)`,
    };
  const version = Number(map.get("version")) || 0;
  const num = (key: string): number => {
    const v = map.get(key);
    const n =
      typeof v === "number"
        ? v
        : Number(
            String(v ?? "")
              .replace(",", ".")
              .trim(),
          );
    return v === undefined || v === "" || !Number.isFinite(n) ? 0 : n;
  };
  const numOrNull = (key: string): number | null => {
    const v = map.get(key);
    return v === undefined || String(v).trim() === "" ? null : num(key);
  };
  const text = (key: string): string => canonical(map.get(key)).trim();
  const indicators: PackageIndicator[] = INDICATOR_CODES.map((code, n) => {
    const k = `indicators.${n + 1}`;
    const status = text(`${k}.status`);
    return {
      code,
      name: text(`${k}.name`),
      unit: text(`${k}.unit`) === "ед." ? "ед." : "%",
      part: num(`${k}.part`),
      whole: num(`${k}.whole`),
      target: numOrNull(`${k}.target`),
      actual: numOrNull(`${k}.actual`),
      status: (Object.values(INDICATOR_STATUS) as string[]).includes(status)
        ? (status as IndicatorStatus)
        : INDICATOR_STATUS.noData,
    };
  });
  const forms: PackageForm[] = [];
  for (let i = 1; i <= num("forms.count"); i++) {
    const k = `forms.${i}`;
    forms.push({
      form: text(`${k}.form`),
      mentors: num(`${k}.mentors`),
      mentees: num(`${k}.mentees`),
      waiting: num(`${k}.waiting`),
      proposed: num(`${k}.proposed`),
      approved: num(`${k}.approved`),
      completed: num(`${k}.completed`),
    });
  }
  const group = <K extends string>(prefix: string, keys: readonly K[]) =>
    Object.fromEntries(keys.map((k) => [k, num(`${prefix}.${k}`)])) as Record<K, number>;
  const pkg: SchoolPackage = {
    format: PACKAGE_FORMAT,
    version,
    school: {
      name: text("school.name"),
      short: text("school.short"),
      city: text("school.city"),
      department: text("school.department"),
    },
    year: num("year"),
    createdAt: text("createdAt"),
    indicators,
    achieved: num("achieved"),
    mentors: group("mentors", ["total", "candidates", "admitted", "paired", "finished", "left"] as const),
    mentees: group("mentees", ["total", "waiting", "paired", "supported", "finished", "left"] as const),
    forms,
    pairs: group("pairs", [
      "proposed",
      "approved",
      "completed",
      "terminated",
      "rejected",
      "formed",
      "individual",
      "groups",
    ] as const),
    monitoring: {
      total: numOrNull("monitoring.total"),
      level: text("monitoring.level"),
      optimal: num("monitoring.optimal"),
      acceptable: num("monitoring.acceptable"),
      unacceptable: num("monitoring.unacceptable"),
      undetermined: num("monitoring.undetermined"),
    },
    roadmap: group("roadmap", ["total", "done", "inProgress", "planned", "overdue", "cancelled"] as const),
    satisfaction: {
      threshold: num("satisfaction.threshold"),
      mentees: group("satisfaction.mentees", ["respondents", "satisfied"] as const),
      mentors: group("satisfaction.mentors", ["respondents", "satisfied"] as const),
    },
    fsn: group("fsn", [
      "participants",
      "mentors",
      "mentees",
      "menteePupils",
      "mentorPupils",
      "youngTeachers",
      "partners",
    ] as const),
  };
  return { package: pkg, checksumOk: stated !== null && stated === checksumOf(rows), version };
}

/** The key a school is known by across packages: its full name (else short name) and town, case and quotes ignored. */
export function schoolKey(school: { name: string; short: string; city: string }): string {
  const norm = (s: string) =>
    normalizeHeader(s)
      .replace(/[«»"'„“”]/g, "")
      .replace(/ё/g, "е")
      .replace(/\s+/g, " ")
      .trim();
  return `${norm(school.name || school.short)}|${norm(school.city)}`;
}

/** The name a school is shown by: its short name, else its full name. */
export function schoolTitle(school: { name: string; short: string }): string {
  return school.short || school.name || "школа без названия";
}

/** «1. Обучающиеся …» as the indicator is titled (its name may already begin with its number). */
export function indicatorLabel(i: { code: string; name: string; unit: string }): string {
  const name = i.name.startsWith(`${i.code}.`) ? i.name : `${i.code}. ${i.name}`;
  return `${name} (${i.unit})`;
}

/** «2026-11-22T09:00» (when a package was made) as «22.11.2026 09:00». */
export function createdText(createdAt: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(createdAt);
  return m ? `${m[3]}.${m[2]}.${m[1]} ${m[4]}` : createdAt;
}
