/** «Сводка»: «Мониторинг» (the program's level, pairs by level) and «Пары, которым нужно внимание». */
import {
  asText,
  type Cond,
  cellOf,
  count,
  countAny,
  type Expr,
  kthRow,
  lastRow,
  matchingRows,
  sum,
  textAt,
  textsAt,
  valueAt,
} from "../../formulas/cells";
import { PROGRAM_SCOPE } from "../../monitoring/data";
import { LEVEL_UNDETERMINED } from "../../monitoring/rubric";
import { sheetName } from "../../templates/load";
import { type Builder, LIST_ROWS, max, more, num, orEmpty, SUMMARY_ROW_COLUMN } from "../builder";
import type { SummarySources } from "../context";
import type { AttentionPair, MonitoringFigures } from "../figures";

/** The program's total and level, pairs per level, of the school year `label`. */
export function monitoringSection(
  b: Builder,
  src: SummarySources,
  label: string,
): { level: Expr; monitoring: MonitoringFigures } {
  b.section(`Мониторинг, этап 1 (лист «${sheetName("monitoring")}», ${label} учебный год)`);
  const scopeIs: Cond = { col: "scope", is: PROGRAM_SCOPE };
  // Rows of the school year: «Период» blank, the year («2026/2027»), or not another school year.
  const periods: Cond[][] = [
    [{ col: "period", empty: true }],
    [{ col: "period", is: label }],
    [
      { col: "period", filled: true },
      { col: "period", unlike: "????/????" },
    ],
  ];
  const programRow = periods.map((p) => lastRow(src.monitoring, [scopeIs, ...p])).reduce((a, e) => max(a, e));
  const programTotal = b.line("Программа в целом: баллов из 18", [
    valueAt(src.monitoring, "total", programRow, "", ""),
  ]).refs[0]!;
  const level = b.line("Уровень программы", [
    valueAt(src.monitoring, "level", programRow, "нет оценки", "не определён"),
  ]).refs[0]!;
  const levelCount = (lv: string) =>
    countAny(
      src.monitoring,
      [
        { col: "scope", filled: true },
        { col: "scope", isNot: PROGRAM_SCOPE },
        { col: "level", is: lv },
      ],
      periods,
    );
  const levels = {
    оптимальный: num(
      b.line("Пар «наставник — наставляемый» на оптимальном уровне (15–18 баллов)", [
        levelCount("оптимальный"),
      ]).refs[0],
    ),
    допустимый: num(
      b.line("Пар «наставник — наставляемый» на допустимом уровне (9–14 баллов)", [levelCount("допустимый")])
        .refs[0],
    ),
    недопустимый: num(
      b.line("Пар «наставник — наставляемый» на недопустимом уровне (0–8 баллов)", [
        levelCount("недопустимый"),
      ]).refs[0],
    ),
  };
  // «Мониторинг» writes «не определён — нужна оценка куратора»; a row it has not recomputed yet is blank.
  const undetermined = b.line(
    "Пар «наставник — наставляемый», у которых уровень не определён — нужна оценка куратора",
    [
      sum(
        [{ col: "level", empty: true } as Cond, { col: "level", is: LEVEL_UNDETERMINED } as Cond].map(
          (lv) => ({
            sign: 1 as const,
            e: countAny(
              src.monitoring,
              [{ col: "scope", filled: true }, { col: "scope", isNot: PROGRAM_SCOPE }, lv],
              periods,
            ),
          }),
        ),
      ),
    ],
  ).refs[0];
  b.note(
    "Баллы и уровни ставит «Пересчитать мониторинг» и куратор (показатели 1–5 — экспертная оценка); уровень определяется, только когда оценены все девять показателей. В группе каждая пара «наставник — наставляемый» оценивается отдельно: таких пар столько же, сколько наставляемых в парах и группах.",
  );
  const monitoring: MonitoringFigures = {
    total: programTotal.v,
    level: String(level.v),
    levels,
    undetermined: num(undetermined),
  };
  b.blank();
  return { level, monitoring };
}

/** The count and the first LIST_ROWS pairs of «Работа пар» marked for attention in the year `label`. */
export function attentionSection(
  b: Builder,
  src: SummarySources,
  label: string,
): { count: Expr; pairs: AttentionPair[] } {
  b.section(`Пары, которым нужно внимание (лист «${sheetName("pair_activity")}», ${label})`);
  const attentionConds: Cond[] = [
    { col: "pair_id", filled: true },
    { col: "year", is: label },
    { col: "attention", filled: true },
  ];
  const attentionCount = b.line("Пар требуют внимания", [count(src.activity, attentionConds)]).refs[0]!;
  b.header(["Наставник — наставляемый", "ID пары", "Форма", "Причина", "", "", "", "", "", "Строка листа"]);
  for (let k = 1; k <= LIST_ROWS; k++) {
    const r0 = b.row();
    const rowRef = b.formula(r0, SUMMARY_ROW_COLUMN, kthRow(src.activity, attentionConds, k, attentionCount));
    const names = textsAt(src.activity, ["mentor_name", "mentee_name"], " — ", rowRef);
    b.formula(
      r0,
      0,
      k === 1 ? orEmpty(attentionCount, names, "Таких пар нет: все утверждённые пары встречаются.") : names,
    );
    b.formula(r0, 1, textAt(src.activity, "pair_id", rowRef));
    b.formula(r0, 2, textAt(src.activity, "form", rowRef));
    b.formula(r0, 3, textAt(src.activity, "attention", rowRef));
  }
  b.formula(b.row(), 0, more(attentionCount, `на листе «${sheetName("pair_activity")}»`));
  b.note(
    "Утверждённые пары без встреч дольше допустимого («Настройки»); лист «Работа пар» заполняет «Пересчитать мониторинг».",
  );
  const pairs: AttentionPair[] = matchingRows(src.activity, attentionConds).map((i) => ({
    row: i + 3,
    pairId: asText(cellOf(src.activity, i, "pair_id")),
    mentor: asText(cellOf(src.activity, i, "mentor_name")),
    mentee: asText(cellOf(src.activity, i, "mentee_name")),
    form: asText(cellOf(src.activity, i, "form")),
    reason: asText(cellOf(src.activity, i, "attention")),
  }));
  b.blank();
  return { count: attentionCount, pairs };
}
