/**
 * The district workbook's sheets, planned from a roll-up: «Итоги района» (the district's totals
 * and the chart's table), «Школы» (schools × indicators with targets and statuses), «Рейтинг»,
 * «Не сдали» and «Проверка пакетов» (every file read and why it was or was not summed). Counts and
 * school names only: no cell holds a person's name, e-mail, birth date or free text — the packages
 * carry none.
 */
import type { CellInput, ConditionalRule, SheetLayout } from "../ports";
import { RULE_MARKER } from "../ports";
import type { ChartSpec } from "../summary/layout";
import { columnLetter } from "../workbook/a1";
import { headerStyle } from "../workbook/layout";
import { STATE_COLORS } from "../workbook/state-colors";
import { INDICATOR_STATUS } from "../workbook/statuses";
import { createdText, indicatorLabel } from "./package";
import { type DistrictRollup, FLAG_TITLES } from "./rollup";

export const DISTRICT_SHEETS = {
  totals: "Итоги района",
  schools: "Школы",
  ranking: "Рейтинг",
  missing: "Не сдали",
  check: "Проверка пакетов",
  /** Filled by the department: the schools it expects a package from. */
  expected: "Школы района",
} as const;

export interface DistrictSheet {
  name: string;
  grid: CellInput[][];
  layout: SheetLayout;
}

export interface DistrictPlan {
  sheets: DistrictSheet[];
  /** Drawn by Apps Script on «Итоги района» (exceljs draws none). */
  charts: ChartSpec[];
}

/** Pixels a character of the widths below: they are given in characters. */
const CHAR_PX = 7;

/**
 * A district sheet's layout: widths in characters; a table (one header row) read like the school's
 * tables — the header row in the template's font, frozen with the columns up to the school's name,
 * a filter from the header row, the indicators' statuses coloured.
 */
function layout(
  widths: number[],
  frozenRows: number,
  nameColumn?: number,
  statusColumns: number[] = [],
): SheetLayout {
  const table = frozenRows > 0;
  const rules: ConditionalRule[] = statusColumns.flatMap((c) => {
    const ref = `$${columnLetter(c)}${frozenRows + 1}`;
    const rule = (status: string, color: keyof typeof STATE_COLORS): ConditionalRule => ({
      formula: `=AND(${RULE_MARKER},COLUMN(A${frozenRows + 1})=${c + 1},${ref}="${status}")`,
      ...STATE_COLORS[color],
    });
    return [rule(INDICATOR_STATUS.notMet, "bad"), rule(INDICATOR_STATUS.met, "good")];
  });
  return {
    frozenRows,
    hiddenRows: [],
    headerRows: frozenRows,
    columns: widths.map((width, index) => ({
      index,
      width: width * CHAR_PX,
      ...(width >= 40 ? { wrap: true } : {}),
    })),
    protectHeader: false,
    protectSheet: false,
    ...(table ? { header: headerStyle(), filter: true } : {}),
    ...(table && nameColumn !== undefined ? { frozenColumns: nameColumn + 1 } : {}),
    ...(rules.length > 0 ? { conditionalRules: rules } : {}),
  };
}

/** «Школы района», the department's own list: its header row like the others', frozen; no filter. */
export function expectedSheetLayout(): SheetLayout {
  return { ...layout([60, 30], 1), filter: false };
}

const yes = (b: boolean) => (b ? "да" : "нет");
const label = (y: number) => `${y}/${y + 1}`;

export function planDistrict(r: DistrictRollup, district: string): DistrictPlan {
  const title = `${district ? `${district}: ` : ""}программы наставничества школ, ${label(r.year)} учебный год`;

  // «Итоги района»
  const t: CellInput[][] = [];
  t.push([title]);
  t.push([
    `Учтено пакетов: ${r.accepted.length}; не учтено: ${r.entries.length - r.accepted.length}; не сдали: ${r.missing.length}. Итоги — суммы числителей и знаменателей школ, не средние процентов.`,
  ]);
  t.push([]);
  const indicatorsHeader = t.length;
  t.push([
    "Показатель",
    "Значение района",
    "Цель района",
    "Числитель (Σ)",
    "Знаменатель (Σ)",
    "Статус",
    "Школ достигли",
    "Школ с оценкой",
  ]);
  for (const i of r.indicators)
    t.push([indicatorLabel(i), i.actual, i.target, i.part, i.whole, i.status, i.met, i.judged]);
  const indicatorsLast = t.length - 1;
  t.push([]);
  t.push([
    "Участники",
    "Всего",
    "Ожидают / кандидаты",
    "Допущены / без пары",
    "В паре",
    "Завершили",
    "Выбыли",
  ]);
  t.push([
    "Наставники",
    r.mentors.total,
    r.mentors.candidates,
    r.mentors.admitted,
    r.mentors.paired,
    r.mentors.finished,
    r.mentors.left,
  ]);
  t.push([
    "Наставляемые",
    r.mentees.total,
    r.mentees.waiting,
    r.mentees.supported,
    r.mentees.paired,
    r.mentees.finished,
    r.mentees.left,
  ]);
  t.push([]);
  t.push([
    "Форма наставничества",
    "Наставников",
    "Наставляемых",
    "Ожидают пары",
    "Пар предложено",
    "Утверждено",
    "Завершено",
  ]);
  for (const f of r.forms)
    t.push([f.form, f.mentors, f.mentees, f.waiting, f.proposed, f.approved, f.completed]);
  t.push([]);
  const p = r.pairs;
  t.push([
    "Пары и группы",
    "Предложено",
    "Утверждено",
    "Завершено",
    "Расторгнуто",
    "Отклонено",
    "Пар",
    "Групп",
  ]);
  t.push([
    "Всего по району",
    p.proposed,
    p.approved,
    p.completed,
    p.terminated,
    p.rejected,
    p.individual,
    p.groups,
  ]);
  t.push([]);
  const m = r.monitoring;
  t.push(["Мониторинг: пар на уровне", "Оптимальный", "Допустимый", "Недопустимый", "Не определён"]);
  t.push(["Всего по району", m.optimal, m.acceptable, m.unacceptable, m.undetermined]);
  t.push(["Школ по уровню программы в целом", ...m.schoolsByLevel.map((l) => `${l.level}: ${l.schools}`)]);
  t.push([]);
  const rm = r.roadmap;
  t.push([
    "Дорожные карты",
    "Мероприятий",
    "Выполнено",
    "В работе",
    "Запланировано",
    "Просрочено",
    "Отменено",
    "Выполнение, %",
  ]);
  t.push([
    "Всего по району",
    rm.total,
    rm.done,
    rm.inProgress,
    rm.planned,
    rm.overdue,
    rm.cancelled,
    rm.percent,
  ]);
  t.push([]);
  const s = r.satisfaction;
  t.push(["Удовлетворённость", "Ответили", "Удовлетворены", "Доля, %"]);
  t.push(["Наставляемые", s.mentees.respondents, s.mentees.satisfied, s.mentees.percent]);
  t.push(["Наставники", s.mentors.respondents, s.mentors.satisfied, s.mentors.percent]);
  t.push([]);
  const f = r.fsn;
  t.push(["Для форм федерального статистического наблюдения", "Человек"]);
  t.push(["Участников программ наставничества", f.participants]);
  t.push(["из них наставников", f.mentors]);
  t.push(["из них наставляемых", f.mentees]);
  t.push(["Наставляемых — обучающихся 10–18 лет", f.menteePupils]);
  t.push(["Наставников — обучающихся 15–18 лет", f.mentorPupils]);
  t.push(["Наставляемых — молодых педагогов (стаж 0–3 года)", f.youngTeachers]);
  t.push(["Организаций-партнёров (сумма по школам)", f.partners]);

  // «Школы»: schools × indicators, then the district's row.
  const head: CellInput[] = ["Школа", "Населённый пункт"];
  for (const i of r.indicators) head.push(`${i.code}: значение`, `${i.code}: цель`, `${i.code}: статус`);
  head.push("Достигнуто", "Наставников в программе", "Наставляемых в программе", "Пакет создан");
  const schools: CellInput[][] = [head];
  for (const e of r.accepted) {
    const pk = e.package!;
    const row: CellInput[] = [e.title, pk.school.city];
    for (const i of pk.indicators) row.push(i.actual, i.target, i.status);
    row.push(
      pk.indicators.filter((i) => i.status === "достигнуто").length,
      pk.fsn.mentors,
      pk.fsn.mentees,
      createdText(pk.createdAt),
    );
    schools.push(row);
  }
  const total: CellInput[] = ["Итого по району", ""];
  for (const i of r.indicators) total.push(i.actual, i.target, i.status);
  total.push("", r.fsn.mentors, r.fsn.mentees, "");
  schools.push(total);

  // «Рейтинг»
  const ranking: CellInput[][] = [
    [
      "Место",
      "Школа",
      "Достигнуто показателей (из 6)",
      "Мониторинг, баллов (из 18)",
      "Дорожная карта выполнена, %",
    ],
    ...r.ranking.map((x) => [x.rank, x.entry.title, x.achieved, x.monitoring, x.roadmapPercent]),
  ];

  // «Не сдали»
  const missing: CellInput[][] = [
    ["Школа", "Населённый пункт", "Что пришло"],
    ...r.missing.map((x) => [
      x.school.name,
      x.school.city,
      x.sent.length > 0
        ? `пакет не учтён: ${x.sent.join(", ")} (см. «${DISTRICT_SHEETS.check}»)`
        : "пакета нет",
    ]),
  ];
  if (r.missing.length === 0)
    missing.push([`Все школы листа «${DISTRICT_SHEETS.expected}» прислали пакеты (или список школ пуст).`]);

  // «Проверка пакетов»
  const check: CellInput[][] = [
    ["Файл", "Школа", "Учебный год", "Версия формата", "Пакет создан", "Учтён", "Отметки", "Почему не учтён"],
    ...r.entries.map((e) => [
      e.source,
      e.package ? e.title : "",
      e.year === null ? "" : label(e.year),
      e.version,
      createdText(e.createdAt),
      yes(e.accepted),
      e.flags.map((x) => FLAG_TITLES[x]).join(", "),
      e.notes.join(" "),
    ]),
  ];

  const charts: ChartSpec[] =
    r.accepted.length === 0
      ? []
      : [
          {
            key: "indicators",
            title: `Показатели района, ${label(r.year)}: значение и цель`,
            kind: "bar",
            stacked: false,
            ranges: [`A${indicatorsHeader + 1}:C${indicatorsLast + 1}`],
            row: 1,
            col: 10,
          },
        ];

  return {
    sheets: [
      { name: DISTRICT_SHEETS.totals, grid: t, layout: layout([58, 16, 16, 16, 16, 16, 16, 16], 0) },
      {
        name: DISTRICT_SHEETS.schools,
        grid: schools,
        layout: layout(
          [34, 18, ...r.indicators.flatMap(() => [12, 10, 14]), 12, 14, 14, 18],
          1,
          0,
          r.indicators.map((_, k) => 2 + 3 * k + 2),
        ),
      },
      { name: DISTRICT_SHEETS.ranking, grid: ranking, layout: layout([8, 40, 16, 16, 16], 1, 1) },
      { name: DISTRICT_SHEETS.missing, grid: missing, layout: layout([40, 20, 60], 1, 0) },
      { name: DISTRICT_SHEETS.check, grid: check, layout: layout([36, 30, 12, 10, 16, 8, 24, 80], 1, 0) },
    ],
    charts,
  };
}
