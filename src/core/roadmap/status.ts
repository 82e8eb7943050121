/**
 * The status rules of «Дорожная карта»: what each row means on a day, and completion by stage.
 *
 * Rules of a row (see evaluateEvent):
 * - The deadline text is parsed against the school year and the program dates of «Настройки».
 *   What the parser cannot read is kept as written and marked «срок не распознан»; the curator may
 *   then type «Начало» / «Окончание» by hand: such dates are kept («даты введены вручную»).
 * - Status: «отменено» typed by the curator is kept; «выполнено» (or a filled «Дата выполнения»)
 *   is kept and the date of completion is set to today when blank; otherwise «запланировано»
 *   before the first window, «в работе» inside (or early, when the curator says so), «просрочено»
 *   after the last one. Undated events keep «в работе» when the curator set it.
 */
import { cellText, isBlank } from "../cells";
import { calendarDate, dayNumber, schoolYearStartYear, toCalendarDate, utcDate } from "../dates";
import type { Cell, WorkbookPort } from "../ports";
import { readSettings, type Settings } from "../settings";
import { normalizeHeader } from "../text";
import { ROADMAP_STATUS, type RoadmapStatus } from "../workbook/statuses";
import { type RecordValues, Table } from "../workbook/table";
import {
  type DateRange,
  type DeadlineContext,
  type DeadlineResult,
  deadlineStatus,
  deadlineWindows,
  parseDeadline,
} from "./deadline";

/** «Распознавание срока» values. Those in DATED_PARSES come with dates the program computed. */
export const PARSE = {
  recognized: "срок распознан",
  recurring: "срок распознан, повторяется",
  program: "по программе наставничества",
  year: "в течение учебного года",
  period: "в течение всего периода",
  ministry: "срок задаёт Минпросвещения",
  external: "срок задаётся извне",
  asNeeded: "по мере необходимости",
  none: "срок не указан",
  unrecognized: "срок не распознан",
  manual: "даты введены вручную",
} as const;
const DATED_PARSES: string[] = [PARSE.recognized, PARSE.recurring, PARSE.program, PARSE.year, PARSE.period];

/** What every row is evaluated against. */
export interface RoadmapContext {
  today: Date;
  settings: Settings;
  deadline: DeadlineContext;
}

/** The context of «Настройки» on a day (a calendar date). */
export function roadmapContext(settings: Settings, today: Date): RoadmapContext {
  const year = settings.schoolYear ?? schoolYearStartYear(today);
  const schoolYearStart = utcDate(year, 9, 1);
  return {
    today,
    settings,
    deadline: {
      schoolYearStart,
      programStart: settings.programStart ?? schoolYearStart,
      programEnd: settings.programEnd ?? utcDate(year + 1, 5, 31),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One event

/** An event of the roadmap as evaluated on a day. */
export interface EventState {
  /** Index among the table's data rows. */
  row: number;
  id: string;
  stage: string;
  event: string;
  deadlineText: string;
  /** The deadline as understood (a manual range when the curator typed the dates). */
  due: DeadlineResult;
  parse: string;
  start: Date | null;
  end: Date | null;
  /** The end of the current or next window; for an overdue event, the missed end. */
  nextDue: Date | null;
  status: RoadmapStatus;
  doneDate: Date | null;
  responsible: string;
  /** «E-mail ответственного» as written. */
  responsibleEmail: string;
  result: string;
}

/** A status as the curator may type it, normalised; "" when it is none of the five. */
export function normalizeStatus(v: Cell): RoadmapStatus | "" {
  const s = cellText(v).toLowerCase().replace(/ё/g, "е");
  if (s === "") return "";
  if (/^отмен/.test(s)) return ROADMAP_STATUS.cancelled;
  if (/^(выполн|сделан|готов|исполн|завершен)/.test(s)) return ROADMAP_STATUS.done;
  if (/^просроч/.test(s)) return ROADMAP_STATUS.overdue;
  if (/^в работе|^выполняется|^начат/.test(s)) return ROADMAP_STATUS.inProgress;
  if (/^заплан/.test(s)) return ROADMAP_STATUS.planned;
  return "";
}

/** The «Распознавание срока» label of a parsed deadline. */
export function parseLabel(due: DeadlineResult): string {
  switch (due.kind) {
    case "range":
      return PARSE.recognized;
    case "recurring":
      return PARSE.recurring;
    case "program":
      return PARSE.program;
    case "whole_period":
      return due.scope === "year" ? PARSE.year : PARSE.period;
    case "external":
      return /минпросвещ|министерств/i.test(due.text) ? PARSE.ministry : PARSE.external;
    case "as_needed":
      return PARSE.asNeeded;
    case "none":
      return PARSE.none;
    case "unrecognized":
      return PARSE.unrecognized;
  }
}

function span(windows: DateRange[]): { start: Date; end: Date } | null {
  if (windows.length === 0) return null;
  let start = windows[0].start;
  let end = windows[0].end;
  for (const w of windows) {
    if (dayNumber(w.start) < dayNumber(start)) start = w.start;
    if (dayNumber(w.end) > dayNumber(end)) end = w.end;
  }
  return { start, end };
}

/**
 * Evaluates one row: what it means on `ctx.today` and the computed cells to write
 * (start, end, next_due, deadline_parse, status, done_date).
 */
export function evaluateEvent(
  row: number,
  rec: RecordValues,
  ctx: RoadmapContext,
): { state: EventState; cells: Record<string, Cell> } {
  const deadlineText = cellText(rec.deadline_text);
  let due = parseDeadline(deadlineText, ctx.deadline);
  let parse = parseLabel(due);
  let windows = deadlineWindows(due);
  const previousParse = cellText(rec.deadline_parse);
  const typedStart = toCalendarDate(rec.start);
  const typedEnd = toCalendarDate(rec.end);
  const manual =
    windows.length === 0 &&
    (typedStart !== null || typedEnd !== null) &&
    DATED_PARSES.indexOf(previousParse) < 0;
  if (manual) {
    let start = (typedStart ?? typedEnd) as Date;
    let end = (typedEnd ?? typedStart) as Date;
    if (dayNumber(end) < dayNumber(start)) [start, end] = [end, start];
    due = { kind: "range", start, end };
    parse = PARSE.manual;
    windows = [{ start, end }];
  }
  const whole = span(windows);

  const typed = normalizeStatus(rec.status);
  let doneDate = toCalendarDate(rec.done_date);
  let status: RoadmapStatus;
  let nextDue: Date | null = null;
  if (typed === ROADMAP_STATUS.cancelled) status = ROADMAP_STATUS.cancelled;
  else if (typed === ROADMAP_STATUS.done || doneDate !== null) {
    status = ROADMAP_STATUS.done;
    if (doneDate === null && isBlank(rec.done_date)) doneDate = ctx.today;
  } else {
    const computed = deadlineStatus(due, ctx.today, false);
    status = computed.status as RoadmapStatus;
    nextDue = computed.nextDue;
    if (windows.length === 0)
      status = typed === ROADMAP_STATUS.inProgress ? ROADMAP_STATUS.inProgress : ROADMAP_STATUS.planned;
    else if (status === ROADMAP_STATUS.planned && typed === ROADMAP_STATUS.inProgress)
      status = ROADMAP_STATUS.inProgress;
    if (status === ROADMAP_STATUS.overdue && whole) nextDue = whole.end;
  }

  const cells: Record<string, Cell> = {
    deadline_parse: parse,
    status,
    next_due: nextDue ?? "",
  };
  if (!manual) {
    cells.start = whole ? whole.start : "";
    cells.end = whole ? whole.end : "";
  }
  if (status === ROADMAP_STATUS.done && doneDate !== null && isBlank(rec.done_date))
    cells.done_date = doneDate;

  return {
    state: {
      row,
      id: cellText(rec.event_id),
      stage: cellText(rec.stage),
      event: cellText(rec.event),
      deadlineText,
      due,
      parse,
      start: whole ? whole.start : null,
      end: whole ? whole.end : null,
      nextDue,
      status,
      doneDate,
      responsible: cellText(rec.responsible),
      responsibleEmail: cellText(rec.responsible_email),
      result: cellText(rec.result),
    },
    cells,
  };
}

/** A row the program treats as an event: it has a wording. */
function isEventRow(rec: RecordValues): boolean {
  return !isBlank(rec.event);
}

/** Gives every event without a (unique) number the next free one: «1», «2»… */
function assignIds(table: Table<"roadmap">): void {
  const seen = new Set<string>();
  let max = 0;
  const rows = table.rowIndexes().filter((r) => isEventRow(table.record(r)));
  for (const r of rows) {
    const id = cellText(table.get(r, "event_id"));
    if (/^\d+$/.test(id)) max = Math.max(max, Number(id));
  }
  for (const r of rows) {
    const id = cellText(table.get(r, "event_id"));
    if (id === "" || seen.has(id)) {
      const next = String(++max);
      table.set(r, "event_id", next);
      seen.add(next);
    } else seen.add(id);
  }
}

/**
 * Evaluates every event of the loaded roadmap table on `ctx.today`, assigns missing numbers and
 * sets the computed cells in the table (the caller flushes it).
 */
export function evaluateRoadmap(table: Table<"roadmap">, ctx: RoadmapContext): EventState[] {
  assignIds(table);
  const out: EventState[] = [];
  for (const r of table.rowIndexes()) {
    const rec = table.record(r);
    if (!isEventRow(rec)) continue;
    const { state, cells } = evaluateEvent(r, rec, ctx);
    for (const [k, v] of Object.entries(cells)) if (table.has(k)) table.set(r, k, v);
    out.push(state);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Completion by stage

export interface StageCompletion {
  /** The stage as written; "" for events without a stage. */
  stage: string;
  total: number;
  done: number;
  overdue: number;
  cancelled: number;
  inProgress: number;
  planned: number;
}

/** Completion per stage, in the order stages first appear (pure). */
export function completionByStage(states: EventState[]): StageCompletion[] {
  const byStage = new Map<string, StageCompletion>();
  for (const s of states) {
    const key = normalizeHeader(s.stage);
    let c = byStage.get(key);
    if (!c) {
      c = { stage: s.stage, total: 0, done: 0, overdue: 0, cancelled: 0, inProgress: 0, planned: 0 };
      byStage.set(key, c);
    }
    c.total++;
    if (s.status === ROADMAP_STATUS.done) c.done++;
    else if (s.status === ROADMAP_STATUS.overdue) c.overdue++;
    else if (s.status === ROADMAP_STATUS.cancelled) c.cancelled++;
    else if (s.status === ROADMAP_STATUS.inProgress) c.inProgress++;
    else c.planned++;
  }
  return [...byStage.values()];
}

/**
 * Completion of the roadmap per stage on a day (for «Сводка»): statuses are evaluated in memory
 * from the current cells, so the figures are right even before the sheet is refreshed. Reads
 * «Настройки» and «Дорожная карта» once each; writes nothing.
 */
export function roadmapCompletion(
  wb: WorkbookPort,
  day: Date,
  /** «Настройки» and «Дорожная карта» as the caller has just read them (then nothing is read). */
  read?: { settings: Settings; roadmap: Table<"roadmap"> },
): StageCompletion[] {
  const today = calendarDate(day);
  const settings = read?.settings ?? readSettings(wb, { today });
  const table = read?.roadmap ?? Table.load(wb, "roadmap");
  const ctx = roadmapContext(settings, today);
  const states: EventState[] = [];
  for (const r of table.rowIndexes()) {
    const rec = table.record(r);
    if (isEventRow(rec)) states.push(evaluateEvent(r, rec, ctx).state);
  }
  return completionByStage(states);
}
