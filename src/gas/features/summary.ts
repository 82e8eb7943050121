import { sheetName } from "../../core/templates/load";
import { buildSummary } from "../../core/usecases/summary";
import {
  drawSummaryCharts,
  drawSummaryChartsWithApi,
  prepareIndicatorColumns,
  styleSummarySheet,
} from "../charts";
import { runMenuAction } from "../context";
import { sheetsApi } from "../layout";

/**
 * Menu: «Обновить сводку» — the live formulas of «Показатели» and «Сводка» (core), then the
 * charts and styles of «Сводка» (Apps Script only).
 */
export function menuRefreshSummary(): void {
  runMenuAction("Сводка", (ctx) => {
    prepareIndicatorColumns(ctx.sheets.sheetObject(sheetName("indicators")));
    const plan = buildSummary(ctx);
    const sheet = ctx.sheets.sheetObject(sheetName("summary"));
    if (sheet) {
      // The director's tab comes first (the template puts it first; a workbook made before did not).
      if (sheet.getIndex() !== 1) {
        ctx.ss.setActiveSheet(sheet);
        ctx.ss.moveActiveSheet(1);
      }
      const width = plan.sheet.grid[0]?.length ?? 0;
      styleSummarySheet(sheet, plan.sheet.styles, plan.sheet.grid.length, width);
      const api = sheetsApi();
      if (api)
        drawSummaryChartsWithApi(api, ctx.sheets.spreadsheetId(), sheetName("summary"), plan.sheet.charts);
      else drawSummaryCharts(sheet, plan.sheet.charts);
    }
    const f = plan.figures;
    const added =
      plan.indicators.added.length > 0
        ? ` На листе «${sheetName("indicators")}» добавлены цели на ${f.year} год — проверьте их.`
        : "";
    return (
      `Сводка обновлена: показатели за ${f.year} год — достигнуто ${f.achieved} из ${f.indicators.length}; ` +
      `пар утверждено ${f.pairs.approved}, наставляемых ожидают пары ${f.mentees.waiting}.${added}`
    );
  });
}
