/**
 * «Обновить сводку» / `mentor summary --write`: writes the live formulas of «Показатели» (the
 * school year's actual values and statuses, adding the year's target rows when missing) and of
 * «Сводка» (for the director), each sheet in one write. The formulas then follow every edit and
 * every new questionnaire by themselves; rebuilding is needed only for a new school year, new
 * roadmap stages or new forms of mentoring. The same figures are computed in core
 * (`planSummary`, summary/plan.ts) for `mentor summary` and the reports, from the same definitions as the formulas.
 *
 * Charts are not part of the WorkbookPort: the Apps Script feature draws them from `sheet.charts`
 * after this use-case; offline, exceljs cannot create charts.
 */
import { calendarDate } from "../dates";
import type { IndicatorsPlan } from "../indicators/sheet";
import {
  type CellInput,
  type ClockPort,
  type LockPort,
  type ProgressPort,
  type WorkbookPort,
  withWorkbookLock,
} from "../ports";
import type { SummaryFigures } from "../summary/figures";
import { planSummary, SUMMARY_SOURCES, type SummaryPlan } from "../summary/plan";
import { sheetName, workbookTemplate } from "../templates/load";
import { plural } from "../text";
import { appendJournal } from "../workbook/journal";
import { Table } from "../workbook/table";

export interface SummaryPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  lock?: LockPort;
  progress?: ProgressPort;
  user?: string;
}

/**
 * «Обновить сводку»: «Показатели» in one write, «Сводка» in one write (clearing what an earlier
 * build left below or to the right), its layout (widths, protection) and a journal line when target
 * rows were added for the year.
 */
export function buildSummary(ports: SummaryPorts): SummaryPlan {
  const run = (): SummaryPlan => {
    const wb = ports.workbook;
    ports.progress?.report("Чтение листов");
    const today = calendarDate(ports.clock.now());
    // The sources and «Сводка» itself in one request where the adapter can.
    wb.prefetch?.([...SUMMARY_SOURCES, "summary" as const].map((k) => sheetName(k)));
    const plan = planSummary(wb, today);

    ports.progress?.report("Запись показателей");
    const w = plan.indicators.write;
    if (w) wb.write(sheetName("indicators"), w.row, w.col, w.values);

    ports.progress?.report("Запись сводки");
    const name = sheetName("summary");
    wb.ensureSheet(
      name,
      workbookTemplate().sheets.findIndex((s) => s.key === "summary"),
    );
    const old = wb.read(name);
    const height = Math.max(plan.sheet.grid.length, old.length);
    const width = Math.max(plan.sheet.grid[0]?.length ?? 0, ...old.map((r) => r.length));
    const grid: CellInput[][] = [];
    for (let r = 0; r < height; r++) {
      const row: CellInput[] = [];
      for (let c = 0; c < width; c++) row.push(plan.sheet.grid[r]?.[c] ?? "");
      grid.push(row);
    }
    wb.write(name, 0, 0, grid);
    wb.applyLayout(name, plan.sheet.layout);

    if (plan.indicators.added.length > 0) {
      const from = [...new Set(plan.indicators.added.map((a) => a.from))];
      const source = from.every((y) => y !== null)
        ? `из ${from.join(", ")} года`
        : "из шаблона (seed 001) и последних лет";
      appendJournal(
        wb,
        [
          {
            at: ports.clock.now(),
            level: "информация",
            operation: "Сводка",
            message: `На листе «${sheetName("indicators")}» добавлены целевые значения на ${plan.indicators.year} год (${plan.indicators.added.length} ${plural(plan.indicators.added.length, "показатель", "показателя", "показателей")}), скопированы ${source}. Проверьте и исправьте их при необходимости.`,
            user: ports.user,
          },
        ],
        Table.load(wb, "log").columns,
      );
    }
    ports.progress?.report("Готово");
    return plan;
  };
  return withWorkbookLock(ports, run);
}

/**
 * Replaces the live formulas of the school year's «Показатели» rows with the values they show now
 * (computed in core, so the offline file needs no recalculation first), in one write. For «Завершить
 * цикл»: call it before the banks' statuses are reset for the new year, so the year keeps its result.
 */
export function freezeIndicators(wb: WorkbookPort, today: Date): IndicatorsPlan {
  const plan = planSummary(wb, today).indicators;
  const w = plan.write;
  if (!w) return plan;
  const values = w.values.map((row) => row.slice());
  for (const c of plan.cells) values[c.row - w.row][c.col - w.col] = c.value;
  wb.write(sheetName("indicators"), w.row, w.col, values);
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Russian text

/** 12.5 → «12,5». */
export function formatFigure(n: number): string {
  return String(n).replace(".", ",");
}

function unitText(v: number, unit: string): string {
  return unit === "%" ? `${formatFigure(v)} %` : `${formatFigure(v)} ед.`;
}

/** The figures as the command line prints them. */
export function describeSummary(f: SummaryFigures, options: { charts?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(
    `Сводка программы наставничества${f.schoolName ? ` — ${f.schoolName}` : ""}, ${f.label} учебный год`,
  );
  lines.push("");
  lines.push("Участники");
  const m = f.mentors;
  lines.push(
    `  Наставники: ${m.total} в базе; кандидаты ${m.candidates}, допущены ${m.admitted}, в паре ${m.paired}, завершили ${m.finished}, выбыли ${m.left}`,
  );
  const n = f.mentees;
  lines.push(
    `  Наставляемые: ${n.total} в базе; ожидают пары ${n.waiting}, в паре ${n.paired}, без пары — сопровождение психолога ${n.supported}, завершили ${n.finished}, выбыли ${n.left}`,
  );
  lines.push(
    "Формы наставничества: наставников / наставляемых (ожидают пары) / пар предложено, утверждено, завершено",
  );
  for (const x of [...f.forms, f.formsTotal])
    lines.push(
      `  ${x.form}: ${x.mentors} / ${x.mentees} (${x.waiting}) / ${x.proposed}, ${x.approved}, ${x.completed}`,
    );
  const p = f.pairs;
  lines.push(
    `Пары: утверждено ${p.approved}, завершено ${p.completed}, предложено ${p.proposed}, расторгнуто ${p.terminated}, отклонено или запрещено ${p.rejected}; наставляемых ожидают пары: ${n.waiting}`,
  );
  lines.push("");
  lines.push(
    `Показатели эффективности за ${f.year} год (возраст — на ${f.ageDate}, порог удовлетворённости ${formatFigure(f.threshold)})`,
  );
  for (const i of f.indicators) {
    const actual = i.actual === null ? "нет данных" : unitText(i.actual, i.unit);
    const basis =
      i.code === "4"
        ? i.whole > 0
          ? ` (из ${i.whole} ${plural(i.whole, "организации-партнёра", "организаций-партнёров", "организаций-партнёров")})`
          : ""
        : i.actual === null
          ? ""
          : ` (${i.part} из ${i.whole})`;
    const target = i.target === null ? "цель не задана" : `цель ${unitText(i.target, i.unit)}`;
    lines.push(`  ${i.name}: ${actual}${basis}; ${target} — ${i.status}`);
  }
  lines.push(`  Достигнуто: ${f.achieved} из ${f.indicators.length}`);
  lines.push("");
  const t = f.roadmap.total;
  lines.push(
    `Дорожная карта: ${t.total} ${plural(t.total, "мероприятие", "мероприятия", "мероприятий")}, выполнено ${t.done}${t.percentDone === null ? "" : ` (${t.percentDone} %)`}, в работе ${t.inProgress}, запланировано ${t.planned}, просрочено ${t.overdue}, отменено ${t.cancelled}`,
  );
  for (const s of f.roadmap.stages)
    lines.push(
      `  ${s.stage}: выполнено ${s.done} из ${s.total}${s.overdue > 0 ? `, просрочено ${s.overdue}` : ""}`,
    );
  for (const e of f.roadmap.overdue)
    lines.push(
      `  Просрочено: № ${e.id || "—"} «${e.event}»${e.deadline ? `, срок «${e.deadline}»` : ""}${e.responsible ? `, ${e.responsible}` : ""}`,
    );
  lines.push("");
  const mo = f.monitoring;
  lines.push(
    `Мониторинг: программа в целом — ${mo.total === "" ? "баллов нет" : `${mo.total} из 18 баллов`}, уровень: ${mo.level}; пар на уровне: оптимальный ${mo.levels.оптимальный}, допустимый ${mo.levels.допустимый}, недопустимый ${mo.levels.недопустимый}`,
  );
  lines.push(`Пары, которым нужно внимание: ${f.attention.count}`);
  for (const a of f.attention.pairs) lines.push(`  ${a.pairId}: ${a.mentor} — ${a.mentee}: ${a.reason}`);
  if (options.charts === false) {
    lines.push("");
    lines.push(
      "Диаграммы (показатели, пары по формам, дорожная карта) строит «Обновить сводку» в Google Таблицах.",
    );
  }
  for (const w of f.warnings) lines.push(`Предупреждение: ${w}`);
  return lines.join("\n");
}
