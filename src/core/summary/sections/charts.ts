/** «Сводка»: the charts (Apps Script draws them to the right of the tables; exceljs cannot). */
import { block } from "../builder";

/** Charts are anchored from this column (1-based: K). */
export const CHART_COLUMN = 11;

export interface ChartSpec {
  key: "indicators" | "forms" | "roadmap";
  title: string;
  kind: "column" | "bar";
  stacked: boolean;
  /** A1 ranges: the labels first, then the series; each starts with its header row. */
  ranges: string[];
  /** Anchor cell, 1-based. */
  row: number;
  col: number;
}

/** A table a chart draws: its header row and its last row (0-based). */
export interface ChartTable {
  header: number;
  last: number;
}

/**
 * The charts in the order of their sections, each beside its table, never overlapping the previous
 * one. `forms` and `roadmap` are left out (null) when their table has no rows.
 */
export function chartSpecs(
  year: number,
  tables: { forms: ChartTable | null; indicators: ChartTable; roadmap: ChartTable | null },
): ChartSpec[] {
  const charts: ChartSpec[] = [];
  let nextChartRow = 1;
  const chart = (spec: Omit<ChartSpec, "row" | "col">, sectionRow: number) => {
    const row = Math.max(sectionRow + 1, nextChartRow);
    charts.push({ ...spec, row, col: CHART_COLUMN });
    nextChartRow = row + 17;
  };
  const { forms, indicators, roadmap } = tables;
  if (forms)
    chart(
      {
        key: "forms",
        title: "Пары по формам наставничества",
        kind: "column",
        stacked: true,
        ranges: [block(0, forms.header, 0, forms.last), block(4, forms.header, 6, forms.last)],
      },
      forms.header,
    );
  chart(
    {
      key: "indicators",
      title: `Показатели ${year}: цель и факт`,
      kind: "column",
      stacked: false,
      ranges: [
        block(0, indicators.header, 0, indicators.last),
        block(2, indicators.header, 3, indicators.last),
      ],
    },
    indicators.header,
  );
  if (roadmap)
    chart(
      {
        key: "roadmap",
        title: "Дорожная карта: мероприятия по этапам",
        kind: "bar",
        stacked: true,
        ranges: [block(0, roadmap.header, 0, roadmap.last), block(2, roadmap.header, 6, roadmap.last)],
      },
      roadmap.header,
    );
  return charts;
}
