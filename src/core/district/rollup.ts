/**
 * The district roll-up: packages in, the district's figures out. Totals are sums of the schools'
 * counts — an indicator's district value is Σ numerators ÷ Σ denominators, never a mean of the
 * schools' percentages. A package is summed only when it can be trusted: a package of another
 * school year, of an older (or unknown) format version, with a checksum that does not match its
 * figures (edited by hand), or a second package of a school already counted is flagged and left out
 * of every total, never silently summed.
 */

import { round } from "../formulas/cells";
import { INDICATOR_CODES, type IndicatorCode } from "../indicators/rules";
import { normalizeHeader } from "../text";
import { INDICATOR_STATUS, type IndicatorStatus } from "../workbook/statuses";
import {
  createdText,
  PACKAGE_VERSION,
  type PackageForm,
  type ReadPackage,
  type SchoolPackage,
  schoolKey,
  schoolTitle,
} from "./package";

/** One file or workbook the department collected. */
export interface PackageSource {
  /** The file's name (or path), as the department sees it. */
  source: string;
  read: ReadPackage;
}

/** A school the department expects a package from. */
export interface ExpectedSchool {
  name: string;
  city: string;
}

export type TrustFlag = "unreadable" | "version" | "checksum" | "year" | "duplicate";

export interface RollupEntry {
  source: string;
  title: string;
  key: string;
  year: number | null;
  version: number;
  createdAt: string;
  /** Summed into the district's totals. */
  accepted: boolean;
  flags: TrustFlag[];
  /** Russian: why it is not summed, one sentence per flag. */
  notes: string[];
  package: SchoolPackage | null;
}

export interface TotalIndicator {
  code: IndicatorCode;
  name: string;
  unit: "%" | "ед.";
  /** Σ of the schools' numerators and denominators. */
  part: number;
  whole: number;
  /** Σ part ÷ Σ whole, %, one decimal (indicator 4: Σ part); null without a denominator. */
  actual: number | null;
  /**
   * The district's target: the schools' targets weighted by their denominators (Σ target × whole ÷
   * Σ whole over the schools with a target), that is the share the district reaches when every
   * school reaches its own; without any denominator, the target the schools share; indicator 4:
   * Σ targets. null when no school has one.
   */
  target: number | null;
  status: IndicatorStatus;
  /** Schools that met it, and schools with a status at all (met or not). */
  met: number;
  judged: number;
}

export interface RankedSchool {
  rank: number;
  entry: RollupEntry;
  achieved: number;
  monitoring: number | null;
  roadmapPercent: number | null;
}

export interface DistrictRollup {
  year: number;
  entries: RollupEntry[];
  /** The packages summed, one per school. */
  accepted: RollupEntry[];
  indicators: TotalIndicator[];
  mentors: SchoolPackage["mentors"];
  mentees: SchoolPackage["mentees"];
  forms: PackageForm[];
  pairs: SchoolPackage["pairs"];
  monitoring: {
    optimal: number;
    acceptable: number;
    unacceptable: number;
    undetermined: number;
    /** Schools by the level of their programme as a whole. */
    schoolsByLevel: { level: string; schools: number }[];
  };
  roadmap: SchoolPackage["roadmap"] & { percent: number | null };
  satisfaction: {
    mentees: { respondents: number; satisfied: number; percent: number | null };
    mentors: { respondents: number; satisfied: number; percent: number | null };
  };
  fsn: SchoolPackage["fsn"];
  ranking: RankedSchool[];
  /** Expected schools without a package summed (`sent`: a package came but is flagged). */
  missing: { school: ExpectedSchool; sent: string[] }[];
}

const share = (part: number, whole: number) => (whole > 0 ? round((100 * part) / whole, 1) : null);

function statusOf(actual: number | null, target: number | null): IndicatorStatus {
  if (actual === null) return INDICATOR_STATUS.noData;
  if (target === null) return INDICATOR_STATUS.noTarget;
  return actual >= target ? INDICATOR_STATUS.met : INDICATOR_STATUS.notMet;
}

function sumOf<K extends string>(items: Record<K, number>[], keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) {
    let total = 0;
    for (const x of items) total += x[k] ?? 0;
    out[k] = total;
  }
  return out;
}

function yearLabel(y: number): string {
  return `${y}/${y + 1}`;
}

/** Rolls the packages up for the school year starting in `year`. */
export function rollUp(
  sources: PackageSource[],
  year: number,
  expected: ExpectedSchool[] = [],
): DistrictRollup {
  const entries: RollupEntry[] = sources.map((s) => {
    const p = s.read.package;
    const entry: RollupEntry = {
      source: s.source,
      title: p ? schoolTitle(p.school) : s.source,
      key: p ? schoolKey(p.school) : "",
      year: p ? p.year : null,
      version: s.read.version,
      createdAt: p?.createdAt ?? "",
      accepted: false,
      flags: [],
      notes: [],
      package: p,
    };
    if (!p) {
      entry.flags.push("unreadable");
      entry.notes.push(`Файл не прочитан: ${s.read.error ?? "это не отчётный пакет"}.`);
      return entry;
    }
    if (s.read.version !== PACKAGE_VERSION) {
      entry.flags.push("version");
      entry.notes.push(
        s.read.version < PACKAGE_VERSION
          ? `Пакет старого формата (версия ${s.read.version}, нужна ${PACKAGE_VERSION}): школе нужно обновить программу и сформировать пакет заново.`
          : `Пакет более нового формата (версия ${s.read.version}; эта книга читает версию ${PACKAGE_VERSION}): обновите книгу района.`,
      );
    }
    if (!s.read.checksumOk) {
      entry.flags.push("checksum");
      entry.notes.push(
        "Контрольная сумма не совпадает: числа пакета изменены вручную после его создания. Запросите у школы новый пакет.",
      );
    }
    if (p.year !== year) {
      entry.flags.push("year");
      entry.notes.push(
        `Пакет за ${p.year > 0 ? `${yearLabel(p.year)} учебный год` : "неизвестный год"}, а сводка — за ${yearLabel(year)}.`,
      );
    }
    return entry;
  });

  // A school sent twice: the latest package (by when it was made, then by order) is summed.
  const byKey = new Map<string, RollupEntry[]>();
  for (const e of entries) if (e.flags.length === 0) byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  for (const group of byKey.values()) {
    let latest = group[0];
    for (const e of group) if (e.createdAt >= latest.createdAt) latest = e;
    latest.accepted = true;
    for (const e of group)
      if (e !== latest) {
        e.flags.push("duplicate");
        e.notes.push(
          `Школа прислала пакет ещё раз: учтён пакет от ${createdText(latest.createdAt)} («${latest.source}»).`,
        );
      }
  }
  const accepted = entries.filter((e) => e.accepted);
  const packages = accepted.map((e) => e.package!);

  const indicators: TotalIndicator[] = INDICATOR_CODES.map((code, n) => {
    const list = packages.map((p) => p.indicators[n]);
    const part = list.reduce((s, i) => s + i.part, 0);
    const whole = list.reduce((s, i) => s + i.whole, 0);
    const first = list.find((i) => i.name !== "");
    const unit = first?.unit ?? (code === "4" ? "ед." : "%");
    const withTarget = list.filter((i) => i.target !== null);
    let target: number | null = null;
    if (unit === "ед.")
      target = withTarget.length > 0 ? withTarget.reduce((s, i) => s + (i.target ?? 0), 0) : null;
    else {
      const w = withTarget.reduce((s, i) => s + i.whole, 0);
      // No denominator to weigh by (no exit answers yet): the schools' target when they all share it.
      const same = withTarget.length > 0 && withTarget.every((i) => i.target === withTarget[0].target);
      target =
        w > 0
          ? round(withTarget.reduce((s, i) => s + (i.target ?? 0) * i.whole, 0) / w, 1)
          : same
            ? withTarget[0].target
            : null;
    }
    const actual = unit === "ед." ? (list.length > 0 ? part : null) : share(part, whole);
    return {
      code,
      name: first?.name ?? "",
      unit,
      part,
      whole,
      actual,
      target,
      status: statusOf(actual, target),
      met: list.filter((i) => i.status === INDICATOR_STATUS.met).length,
      judged: list.filter((i) => i.status === INDICATOR_STATUS.met || i.status === INDICATOR_STATUS.notMet)
        .length,
    };
  });

  // Forms of mentoring by their name (case and punctuation ignored), in the order first met.
  const forms = new Map<string, PackageForm>();
  for (const p of packages)
    for (const f of p.forms) {
      const k = normalizeHeader(f.form);
      const t = forms.get(k) ?? {
        form: f.form,
        mentors: 0,
        mentees: 0,
        waiting: 0,
        proposed: 0,
        approved: 0,
        completed: 0,
      };
      for (const key of ["mentors", "mentees", "waiting", "proposed", "approved", "completed"] as const)
        t[key] += f[key];
      forms.set(k, t);
    }

  const levels = new Map<string, number>();
  for (const p of packages)
    levels.set(p.monitoring.level || "нет оценки", (levels.get(p.monitoring.level || "нет оценки") ?? 0) + 1);
  const roadmap = sumOf(
    packages.map((p) => p.roadmap),
    ["total", "done", "inProgress", "planned", "overdue", "cancelled"] as const,
  );
  const sat = (role: "mentees" | "mentors") => {
    const s = sumOf(
      packages.map((p) => p.satisfaction[role]),
      ["respondents", "satisfied"] as const,
    );
    return { ...s, percent: share(s.satisfied, s.respondents) };
  };

  const roadmapPercent = (p: SchoolPackage) => share(p.roadmap.done, p.roadmap.total - p.roadmap.cancelled);
  const ranked = accepted
    .map((e) => ({
      entry: e,
      achieved: e.package!.indicators.filter((i) => i.status === INDICATOR_STATUS.met).length,
      monitoring: e.package!.monitoring.total,
      roadmapPercent: roadmapPercent(e.package!),
    }))
    .sort(
      (a, b) =>
        b.achieved - a.achieved ||
        (b.monitoring ?? -1) - (a.monitoring ?? -1) ||
        (b.roadmapPercent ?? -1) - (a.roadmapPercent ?? -1) ||
        a.entry.title.localeCompare(b.entry.title, "ru"),
    );
  const ranking: RankedSchool[] = [];
  ranked.forEach((r, i) => {
    const prev = ranking[i - 1];
    const tie =
      prev !== undefined &&
      prev.achieved === r.achieved &&
      prev.monitoring === r.monitoring &&
      prev.roadmapPercent === r.roadmapPercent;
    ranking.push({ ...r, rank: tie ? prev.rank : i + 1 });
  });

  const missing = expected
    .filter((s) => {
      const key = schoolKey({ name: s.name, short: "", city: s.city });
      const nameOnly = schoolKey({ name: s.name, short: "", city: "" });
      const matches = (e: RollupEntry) =>
        e.package !== null &&
        (e.key === key ||
          (s.city === "" && e.key.split("|")[0] === nameOnly.split("|")[0]) ||
          schoolKey({ name: e.package.school.short, short: "", city: e.package.school.city }) === key);
      return !accepted.some(matches);
    })
    .map((s) => {
      const key = schoolKey({ name: s.name, short: "", city: s.city }).split("|")[0];
      const sent = entries
        .filter((e) => e.package !== null && !e.accepted)
        .filter(
          (e) =>
            e.key.split("|")[0] === key ||
            schoolKey({ name: e.package!.school.short, short: "", city: "" }).split("|")[0] === key,
        )
        .map((e) => e.source);
      return { school: s, sent };
    });

  return {
    year,
    entries,
    accepted,
    indicators,
    mentors: sumOf(
      packages.map((p) => p.mentors),
      ["total", "candidates", "admitted", "paired", "finished", "left"] as const,
    ),
    mentees: sumOf(
      packages.map((p) => p.mentees),
      ["total", "waiting", "paired", "supported", "finished", "left"] as const,
    ),
    forms: [...forms.values()],
    pairs: sumOf(
      packages.map((p) => p.pairs),
      [
        "proposed",
        "approved",
        "completed",
        "terminated",
        "rejected",
        "formed",
        "individual",
        "groups",
      ] as const,
    ),
    monitoring: {
      ...sumOf(
        packages.map((p) => p.monitoring),
        ["optimal", "acceptable", "unacceptable", "undetermined"] as const,
      ),
      schoolsByLevel: [...levels.entries()].map(([level, schools]) => ({ level, schools })),
    },
    roadmap: { ...roadmap, percent: share(roadmap.done, roadmap.total - roadmap.cancelled) },
    satisfaction: { mentees: sat("mentees"), mentors: sat("mentors") },
    fsn: sumOf(
      packages.map((p) => p.fsn),
      [
        "participants",
        "mentors",
        "mentees",
        "menteePupils",
        "mentorPupils",
        "youngTeachers",
        "partners",
      ] as const,
    ),
    ranking,
    missing,
  };
}

/** The school year most packages report (the latest of equals); `fallback` without packages. */
export function commonYear(sources: PackageSource[], fallback: number): number {
  const counts = new Map<number, number>();
  for (const s of sources)
    if (s.read.package && s.read.package.year > 0)
      counts.set(s.read.package.year, (counts.get(s.read.package.year) ?? 0) + 1);
  let best = fallback;
  let most = 0;
  for (const [y, n] of counts) if (n > most || (n === most && y > best)) [best, most] = [y, n];
  return best;
}

/** Russian names of the flags, for the district workbook. */
export const FLAG_TITLES: Record<TrustFlag, string> = {
  unreadable: "не пакет",
  version: "формат другой версии",
  checksum: "изменён вручную",
  year: "другой учебный год",
  duplicate: "повтор школы",
};
