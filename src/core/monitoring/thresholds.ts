import { cellNumber, cellText } from "../cells";
import type { Cell } from "../ports";
import type { Settings } from "../settings";
import { sheetTemplate } from "../templates/load";
import type { SettingKey } from "../workbook/keys.generated";

/**
 * The thresholds of monitoring, kept in «Настройки» so a school can set its own rules.
 *
 * - Rating-based indicators (6, 7, 9 and the report half of 8) score the average of 1–10 answers:
 *   2 points from `fullFrom` (default 8), 1 point from `partialFrom` (default 5), else 0.
 * - The meeting half of indicator 8 scores the meetings held as a percentage of the norm
 *   (`meetingsPerMonth` × months the pair has worked): 2 points from `activityFullShare` (75 %),
 *   1 point from `activityPartialShare` (50 %), else 0; only after the pair's first month.
 * - A pair «требует внимания» when it has had no meeting for more than `stallDays` days.
 * - A participant is «удовлетворён» when the exit survey's satisfaction is ≥ `satisfiedThreshold`.
 */
export interface MonitoringThresholds {
  fullFrom: number;
  partialFrom: number;
  activityFullShare: number;
  activityPartialShare: number;
  meetingsPerMonth: number;
  stallDays: number;
  satisfiedThreshold: number;
}

/** Codes of the «Настройки» rows added by monitoring. */
export const THRESHOLD_KEYS = {
  fullFrom: "rubric_full_from",
  partialFrom: "rubric_partial_from",
  activityFullShare: "activity_full_share",
  activityPartialShare: "activity_partial_share",
} as const satisfies Record<string, SettingKey>;

function templateDefault(key: SettingKey, fallback: number): number {
  const row = (sheetTemplate("settings").rows ?? []).find((r) => r.key === key);
  return typeof row?.value === "number" ? row.value : fallback;
}

function paramName(key: SettingKey): string {
  const row = (sheetTemplate("settings").rows ?? []).find((r) => r.key === key);
  return row ? `«${String(row.param)}»` : `«${key}»`;
}

export const DEFAULT_THRESHOLDS: MonitoringThresholds = {
  fullFrom: templateDefault(THRESHOLD_KEYS.fullFrom, 8),
  partialFrom: templateDefault(THRESHOLD_KEYS.partialFrom, 5),
  activityFullShare: templateDefault(THRESHOLD_KEYS.activityFullShare, 75),
  activityPartialShare: templateDefault(THRESHOLD_KEYS.activityPartialShare, 50),
  meetingsPerMonth: templateDefault("meetings_per_month", 4),
  stallDays: templateDefault("stall_days", 14),
  satisfiedThreshold: templateDefault("satisfied_threshold", 7),
};

/** The thresholds from typed settings; unreadable values fall back to defaults, with a warning. */
export function monitoringThresholds(settings: Settings): {
  thresholds: MonitoringThresholds;
  warnings: string[];
} {
  const warnings: string[] = [];
  const read = (key: SettingKey, fallback: number, min: number, max: number): number => {
    const raw: Cell | undefined = settings.values[key];
    if (raw === undefined || cellText(raw) === "") return fallback;
    const n = cellNumber(raw);
    if (n === null || n < min || n > max) {
      warnings.push(
        `Параметр ${paramName(key)}: значение «${cellText(raw)}» не число от ${min} до ${max}; используется ${fallback}.`,
      );
      return fallback;
    }
    return n;
  };
  let fullFrom = read(THRESHOLD_KEYS.fullFrom, DEFAULT_THRESHOLDS.fullFrom, 1, 10);
  let partialFrom = read(THRESHOLD_KEYS.partialFrom, DEFAULT_THRESHOLDS.partialFrom, 1, 10);
  if (partialFrom > fullFrom) {
    warnings.push(
      `Порог 1 балла (${partialFrom}) выше порога 2 баллов (${fullFrom}): используются ${DEFAULT_THRESHOLDS.partialFrom} и ${DEFAULT_THRESHOLDS.fullFrom}.`,
    );
    fullFrom = DEFAULT_THRESHOLDS.fullFrom;
    partialFrom = DEFAULT_THRESHOLDS.partialFrom;
  }
  let activityFullShare = read(
    THRESHOLD_KEYS.activityFullShare,
    DEFAULT_THRESHOLDS.activityFullShare,
    0,
    1000,
  );
  let activityPartialShare = read(
    THRESHOLD_KEYS.activityPartialShare,
    DEFAULT_THRESHOLDS.activityPartialShare,
    0,
    1000,
  );
  if (activityPartialShare > activityFullShare) {
    warnings.push(
      `Порог выполнения нормы встреч для 1 балла (${activityPartialShare} %) выше порога для 2 баллов (${activityFullShare} %): используются ${DEFAULT_THRESHOLDS.activityPartialShare} и ${DEFAULT_THRESHOLDS.activityFullShare} %.`,
    );
    activityFullShare = DEFAULT_THRESHOLDS.activityFullShare;
    activityPartialShare = DEFAULT_THRESHOLDS.activityPartialShare;
  }
  return {
    thresholds: {
      fullFrom,
      partialFrom,
      activityFullShare,
      activityPartialShare,
      meetingsPerMonth: settings.meetingsPerMonth,
      stallDays: settings.stallDays,
      satisfiedThreshold: settings.satisfiedThreshold,
    },
    warnings,
  };
}
