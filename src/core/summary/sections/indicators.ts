/** «Сводка»: «Показатели эффективности» (target, actual, status) of the year. */
import {
  type Cond,
  count,
  type Expr,
  letter,
  lit,
  percent,
  type Source,
  str,
  sumIfs,
  type Value,
} from "../../formulas/cells";
import {
  INDICATOR_CODES,
  type IndicatorCode,
  indicatorExprs,
  SHORT_NAMES,
  statusExpr,
  UNITS,
} from "../../indicators/rules";
import { sheetName } from "../../templates/load";
import { INDICATOR_STATUS } from "../../workbook/statuses";
import { type Builder, num } from "../builder";
import type { SummarySources } from "../context";
import type { IndicatorFigure } from "../figures";

export interface IndicatorsSection {
  /** The header row and the last indicator's row (the chart's block). */
  header: number;
  last: number;
  indicators: IndicatorFigure[];
  /** How many indicators are met, and the cell that counts them. */
  achievedCount: number;
  achieved: Expr;
}

/** One line per indicator, then «Достигнуто показателей»; `threshold` is the parameters' cell. */
export function indicatorsSection(
  b: Builder,
  src: SummarySources,
  year: number,
  threshold: Expr,
): IndicatorsSection {
  b.section(`Показатели эффективности за ${year} год (цели — на листе «${sheetName("indicators")}»)`);
  const header = b.header([
    "Показатель",
    "Ед.",
    "Цель",
    "Факт",
    "Статус",
    "Учтено",
    "Из (контингент, ответы)",
  ]);
  const indicators: IndicatorFigure[] = [];
  const statusRefs: Expr[] = [];
  for (const code of INDICATOR_CODES) {
    const { figure, status } = indicatorLine(b, src, year, threshold, code);
    statusRefs.push(status);
    indicators.push(figure);
  }
  const last = b.last();
  const statusRange = `${letter(4)}${header + 2}:${letter(4)}${last + 1}`;
  const achievedCount = statusRefs.filter((s) => s.v === INDICATOR_STATUS.met).length;
  const achieved = b.line("Достигнуто показателей", [
    { f: `COUNTIF(${statusRange},${str(INDICATOR_STATUS.met)})`, v: achievedCount },
  ]).refs[0]!;
  b.note(
    "«Нет данных» — нет контингента за год (лист «Контингент») или итоговых анкет; «цель не задана» — нет целевого значения на листе «Показатели».",
  );
  b.blank();
  return { header, last, indicators, achievedCount, achieved };
}

/** The row of one indicator: name, unit, target, actual, status, part and whole. */
function indicatorLine(
  b: Builder,
  src: SummarySources,
  year: number,
  threshold: Expr,
  code: IndicatorCode,
): { figure: IndicatorFigure; status: Expr } {
  const e = indicatorExprs(code, year, src, threshold);
  const r0 = b.row();
  b.text(r0, 0, SHORT_NAMES[code]);
  b.text(r0, 1, UNITS[code]);
  const target = b.formula(r0, 2, targetLookup(src.indicators, year, code));
  const part = b.formula(r0, 5, e.part);
  const whole = b.formula(r0, 6, e.whole);
  const actual = b.formula(r0, 3, code === "4" ? part : percent(part, whole));
  const status = b.formula(r0, 4, statusExpr(actual, target));
  const figure: IndicatorFigure = {
    code,
    name: SHORT_NAMES[code],
    unit: UNITS[code],
    target: typeof target.v === "number" ? target.v : null,
    actual: typeof actual.v === "number" ? actual.v : null,
    status: status.v as IndicatorFigure["status"],
    part: num(part),
    whole: num(whole),
  };
  return { figure, status };
}

/**
 * The target of an indicator for the year in «Показатели»: the mean of the numeric targets (≥ 0)
 * of its rows for the year, "" when there is none.
 */
export function targetLookup(s: Source, year: number, code: IndicatorCode): Expr {
  const conds: Cond[] = [
    { col: "year", equals: year },
    { col: "code", code },
    { col: "target", cmp: ">=", to: lit.num(0) },
  ];
  const n = count(s, conds);
  const total = sumIfs(s, "target", conds);
  const v: Value = Number(n.v) === 0 ? "" : Number(total.v) / Number(n.v);
  return { f: `IF(${n.f}=0,"",${total.f}/${n.f})`, v };
}
