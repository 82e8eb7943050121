/** «Сводка»: «Дорожная карта по этапам» and «Просроченные мероприятия». */
import {
  asText,
  type Cond,
  cellOf,
  count,
  type Expr,
  kthRow,
  matchingRows,
  percent,
  ref,
  type Source,
  sum,
  textAt,
} from "../../formulas/cells";
import { sheetName } from "../../templates/load";
import { ROADMAP_STATUS } from "../../workbook/statuses";
import { type Builder, LIST_ROWS, more, num, orEmpty, SUMMARY_ROW_COLUMN } from "../builder";
import type { SummarySources } from "../context";
import type { OverdueEvent, StageFigures } from "../figures";

/** An event: a row of the roadmap with «Мероприятие» filled. */
const event: Cond = { col: "event", filled: true };

/** A line of the stages' table: its figures, its overdue count and its «Выполнено, %» cells. */
interface StageLine {
  fig: StageFigures;
  overdue: Expr;
  pct: Expr;
}

export interface RoadmapSection {
  /** The header row and the last stage's row (the chart's block). */
  header: number;
  stagesLast: number;
  stages: StageFigures[];
  /** The line «Всего». */
  total: StageLine;
}

/** Events per stage by «Статус» (stages as they are now; new stages count in «Всего»). */
export function roadmapSection(b: Builder, src: SummarySources): RoadmapSection {
  b.section(`Дорожная карта по этапам (лист «${sheetName("roadmap")}»)`);
  const header = b.header([
    "Этап",
    "Мероприятий",
    "Выполнено",
    "В работе",
    "Запланировано",
    "Просрочено",
    "Отменено",
    "Выполнено, %",
  ]);
  const stages: StageFigures[] = [];
  for (const stage of roadmapStages(src.roadmap)) {
    stages.push(
      stage === null
        ? stageLine(b, src.roadmap, "Без этапа", [{ col: "stage", empty: true }]).fig
        : stageLine(b, src.roadmap, stage, [{ col: "stage", sameAs: ref("", stage) }]).fig,
    );
  }
  const stagesLast = b.last();
  const total = stageLine(b, src.roadmap, "Всего", []);
  b.note(
    "По столбцу «Статус» дорожной карты (его обновляет «Дорожная карта: обновить сроки и статусы», ежедневно — вместе с напоминаниями). Этапы — на момент обновления сводки; мероприятия новых этапов учтены в строке «Всего».",
  );
  b.blank();
  return { header, stagesLast, stages, total };
}

/** One stage's row; a `sameAs` condition compares with the label cell of the row itself. */
function stageLine(b: Builder, roadmap: Source, labelText: string, stage: Cond[]): StageLine {
  const r0 = b.row();
  b.text(r0, 0, labelText);
  const labelRef = ref(`$A$${r0 + 1}`, labelText);
  const conds = stage.map((c) => ("sameAs" in c ? { ...c, sameAs: labelRef } : c));
  const by = (status: string) => count(roadmap, [event, ...conds, { col: "status", is: status }]);
  const total = b.formula(r0, 1, count(roadmap, [event, ...conds]));
  const done = b.formula(r0, 2, by(ROADMAP_STATUS.done));
  const inProgress = b.formula(r0, 3, by(ROADMAP_STATUS.inProgress));
  const planned = b.formula(r0, 4, by(ROADMAP_STATUS.planned));
  const overdue = b.formula(r0, 5, by(ROADMAP_STATUS.overdue));
  const cancelled = b.formula(r0, 6, by(ROADMAP_STATUS.cancelled));
  const pct = b.formula(
    r0,
    7,
    percent(
      done,
      sum([
        { sign: 1, e: total },
        { sign: -1, e: cancelled },
      ]),
      0,
    ),
  );
  const fig: StageFigures = {
    stage: labelText,
    total: num(total),
    done: num(done),
    inProgress: num(inProgress),
    planned: num(planned),
    overdue: num(overdue),
    cancelled: num(cancelled),
    percentDone: typeof pct.v === "number" ? pct.v : null,
  };
  return { fig, overdue, pct };
}

/** The first LIST_ROWS overdue events (live), then «… и ещё N»; `overdueCount` is the total's cell. */
export function overdueSection(b: Builder, src: SummarySources, overdueCount: Expr): OverdueEvent[] {
  b.section("Просроченные мероприятия");
  b.header([
    "Мероприятие",
    "№",
    "Срок (как в документе)",
    "Ответственный",
    "Этап",
    "",
    "",
    "",
    "",
    "Строка листа",
  ]);
  const overdueConds: Cond[] = [event, { col: "status", is: ROADMAP_STATUS.overdue }];
  for (let k = 1; k <= LIST_ROWS; k++) {
    const r0 = b.row();
    const rowRef = b.formula(r0, SUMMARY_ROW_COLUMN, kthRow(src.roadmap, overdueConds, k, overdueCount));
    const title = textAt(src.roadmap, "event", rowRef);
    b.formula(r0, 0, k === 1 ? orEmpty(overdueCount, title, "Просроченных мероприятий нет.") : title);
    b.formula(r0, 1, textAt(src.roadmap, "event_id", rowRef));
    b.formula(r0, 2, textAt(src.roadmap, "deadline_text", rowRef));
    b.formula(r0, 3, textAt(src.roadmap, "responsible", rowRef));
    b.formula(r0, 4, textAt(src.roadmap, "stage", rowRef));
  }
  b.formula(b.row(), 0, more(overdueCount, `на листе «${sheetName("roadmap")}» (строки выделены красным)`));
  const overdue: OverdueEvent[] = matchingRows(src.roadmap, overdueConds).map((i) => ({
    row: i + 3,
    id: asText(cellOf(src.roadmap, i, "event_id")),
    stage: asText(cellOf(src.roadmap, i, "stage")),
    event: asText(cellOf(src.roadmap, i, "event")),
    deadline: asText(cellOf(src.roadmap, i, "deadline_text")),
    responsible: asText(cellOf(src.roadmap, i, "responsible")),
  }));
  b.blank();
  return overdue;
}

/**
 * Stages of the roadmap in order of appearance (case ignored, as the formulas compare them);
 * null for events without a stage.
 */
export function roadmapStages(roadmap: Source): (string | null)[] {
  const seen = new Set<string>();
  const out: (string | null)[] = [];
  for (const i of matchingRows(roadmap, [{ col: "event", filled: true }])) {
    const v = cellOf(roadmap, i, "stage");
    if (v !== "" && typeof v !== "string") continue;
    const key = v === "" ? "" : v.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v === "" ? null : v);
  }
  return out;
}
