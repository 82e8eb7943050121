/**
 * How «Дорожная карта» looks: its layout with the conditional formats that colour what is late, what
 * is due soon, what is done and what is cancelled; dates as the digests and messages write them.
 */
import { formatDateRu } from "../dates";
import type { ConditionalRule, SheetLayout } from "../ports";
import { RULE_MARKER } from "../ports";
import { sheetTemplate } from "../templates/load";
import { columnLetter } from "../workbook/a1";
import { buildLayout } from "../workbook/layout";
import { FIRST_DATA_ROW } from "../workbook/repair";
import { ROADMAP_STATUS } from "../workbook/statuses";

export const ROADMAP_COLORS = {
  overdue: "#f4cccc",
  dueSoon: "#fff2cc",
  done: "#d9ead3",
  cancelled: "#efefef",
  cancelledFont: "#999999",
} as const;

/**
 * The conditional formats of «Дорожная карта», written for its first data row with the actual
 * columns of the key row: overdue in red, due within `reminderDays` in yellow, done in green,
 * cancelled in grey. Commas as separators, so the same text works in Sheets, Excel and LibreOffice.
 */
export function roadmapFormatRules(columns: Record<string, number>, reminderDays: number): ConditionalRule[] {
  const row = FIRST_DATA_ROW + 1;
  const ref = (key: string) => `$${columnLetter(columns[key])}${row}`;
  const status = ref("status");
  const end = ref("end");
  const next = "next_due" in columns ? ref("next_due") : end;
  const open = `${status}<>"${ROADMAP_STATUS.done}",${status}<>"${ROADMAP_STATUS.cancelled}"`;
  const days = Math.max(0, Math.round(reminderDays));
  const rule = (body: string) => `=AND(${RULE_MARKER},${body})`;
  return [
    { formula: rule(`${status}="${ROADMAP_STATUS.done}"`), background: ROADMAP_COLORS.done },
    {
      formula: rule(`${status}="${ROADMAP_STATUS.cancelled}"`),
      background: ROADMAP_COLORS.cancelled,
      fontColor: ROADMAP_COLORS.cancelledFont,
    },
    {
      formula: rule(`${open},OR(${status}="${ROADMAP_STATUS.overdue}",AND(ISNUMBER(${end}),${end}<TODAY()))`),
      background: ROADMAP_COLORS.overdue,
    },
    {
      formula: rule(
        `${open},${status}<>"${ROADMAP_STATUS.overdue}",ISNUMBER(${next}),${next}>=TODAY(),${next}<=TODAY()+${days}`,
      ),
      background: ROADMAP_COLORS.dueSoon,
    },
  ];
}

/** The full layout of «Дорожная карта» with its conditional formats. */
export function roadmapLayout(columns: Record<string, number>, reminderDays: number): SheetLayout {
  const layout = buildLayout(sheetTemplate("roadmap"), columns, null, (k) => k);
  return { ...layout, conditionalRules: roadmapFormatRules(columns, reminderDays) };
}

/** A date as the digests and messages write it. */
export function formatDay(d: Date | null): string {
  return d ? formatDateRu(d) : "";
}
