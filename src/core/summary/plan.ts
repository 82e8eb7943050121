/**
 * The summary planned in core: every sheet it covers read once, «Показатели» and «Сводка» planned
 * (formulas, their values, charts, styles) and the figures with their warnings, for `mentor
 * summary`, the use-case that writes both sheets (usecases/summary.ts) and the documents.
 */
import { schoolYearLabel, schoolYearStartYear } from "../dates";
import { sourceOf } from "../formulas/cells";
import { INDICATOR_CODES, thresholdExpr } from "../indicators/rules";
import { type IndicatorsPlan, planIndicators } from "../indicators/sheet";
import type { Cell, WorkbookPort } from "../ports";
import { roadmapCompletion } from "../roadmap/status";
import { parseSettings } from "../settings";
import { sheetName } from "../templates/load";
import type { SheetKey } from "../workbook/keys.generated";
import { INDICATOR_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";
import type { SummaryFigures } from "./figures";
import { formsToList, planSummarySheet, type SummarySheetPlan } from "./layout";

export interface SummaryPlan {
  figures: SummaryFigures;
  /** «Показатели»: rows added for the year, the one write, the formula cells. */
  indicators: IndicatorsPlan;
  /** «Сводка»: the grid, the formula cells with their values, the charts, the styles. */
  sheet: SummarySheetPlan;
}

/** The sheets planSummary reads. */
export const SUMMARY_SOURCES: SheetKey[] = [
  "settings",
  "mentors",
  "mentees",
  "pairs",
  "roadmap",
  "surveys",
  "monitoring",
  "pair_activity",
  "contingent",
  "lists",
  "indicators",
];

/**
 * Reads every sheet the summary covers (once each) and plans both sheets; writes nothing.
 * `today` is a calendar date (the school year when «Учебный год» is blank).
 */
export function planSummary(wb: WorkbookPort, today: Date): SummaryPlan {
  // Every sheet read below, in one request where the adapter can (Apps Script: the Sheets API).
  wb.prefetch?.(SUMMARY_SOURCES.map((k) => sheetName(k)));
  const settingsTable = Table.load(wb, "settings");
  const values: Record<string, Cell> = Object.create(null);
  for (const r of settingsTable.rowIndexes()) {
    const key = String(settingsTable.get(r, "key")).trim();
    if (key !== "" && !(key in values)) values[key] = settingsTable.get(r, "value");
  }
  const settings = parseSettings(values, { today });
  const year = settings.schoolYear ?? schoolYearStartYear(today);
  const label = schoolYearLabel(year);
  const load = (key: SheetKey) => sourceOf(Table.load(wb, key));
  const roadmapTable = Table.load(wb, "roadmap");
  const src = {
    settings: sourceOf(settingsTable),
    mentors: load("mentors"),
    mentees: load("mentees"),
    pairs: load("pairs"),
    roadmap: sourceOf(roadmapTable),
    surveys: load("surveys"),
    monitoring: load("monitoring"),
    activity: load("pair_activity"),
    contingent: load("contingent"),
  };
  const lists = load("lists");
  const indicators = planIndicators(Table.load(wb, "indicators"), year, src, thresholdExpr(src.settings));
  const { plan, figures } = planSummarySheet(
    { ...src, indicators: indicators.source },
    {
      year,
      label,
      schoolName: settings.schoolShort || settings.schoolName,
      today,
      forms: formsToList(lists, src.mentees, src.pairs),
      threshold: thresholdExpr(src.settings),
    },
  );

  const warnings = [...settings.warnings];
  if (figures.threshold !== settings.satisfiedThreshold)
    warnings.push(
      `Порог удовлетворённости в «Настройках» записан не числом от 1 до 10: формулы показателей 5 и 6 берут ${figures.threshold}. Введите число.`,
    );
  const live = roadmapCompletion(wb, today, { settings, roadmap: roadmapTable }).reduce(
    (s, c) => s + c.overdue,
    0,
  );
  if (live > figures.roadmap.total.overdue)
    warnings.push(
      `По срокам просрочено мероприятий дорожной карты: ${live}, а в столбце «Статус» отмечено ${figures.roadmap.total.overdue}. Выберите «Дорожная карта: обновить сроки и статусы».`,
    );
  for (const c of INDICATOR_CODES) {
    const f = figures.indicators.find((i) => i.code === c)!;
    if (f.status === INDICATOR_STATUS.noData && ["1", "2", "3"].indexOf(c) >= 0)
      warnings.push(
        `Показатель ${c}: нет данных о контингенте за ${year} год — заполните лист «${sheetName("contingent")}».`,
      );
  }
  return { figures: { ...figures, warnings: dedupe(warnings) }, indicators, sheet: plan };
}

function dedupe(list: string[]): string[] {
  return list.filter((s, i) => list.indexOf(s) === i);
}
