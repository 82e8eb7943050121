/** What «Сводка» is planned from: the sheets as formula sources, and the school year's context. */
import type { Expr, Source } from "../formulas/cells";
import type { IndicatorSources } from "../indicators/rules";

export interface SummarySources extends IndicatorSources {
  pairs: Source;
  roadmap: Source;
  monitoring: Source;
  activity: Source;
  /** «Показатели» after the year's rows were added. */
  indicators: Source;
}

export interface SummaryContext {
  year: number;
  label: string;
  schoolName: string;
  today: Date;
  /** Forms of mentoring to list (from «Справочники» and the data). */
  forms: string[];
  /** The live satisfied threshold (inline, from «Настройки»). */
  threshold: Expr;
}
