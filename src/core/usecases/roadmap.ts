/**
 * «Дорожная карта» as a living sheet: templates loaded into it, pasted tables imported, and every
 * row kept current — start, end and next due date computed from the deadline as written, the
 * status from today's date — with conditional formatting that colours what is late, what is due
 * soon and what is done.
 *
 * The rules of a row (its dates, deadline recognition and status) are in roadmap/status.ts, the
 * template years in roadmap/years.ts, the layout and conditional formats in roadmap/format.ts.
 * Events are identified by stage + wording (case, spaces and punctuation aside): loading a
 * template or importing a table twice adds nothing.
 *
 * Each use-case reads the roadmap once and writes it in at most one block write plus one append.
 */
import { isBlank } from "../cells";
import { calendarDate } from "../dates";
import type { Cell, ClockPort, LockPort, ProgressPort, WorkbookPort } from "../ports";
import { withWorkbookLock } from "../ports";
import { roadmapLayout } from "../roadmap/format";
import { parsePastedRoadmap, parseRoadmapGrid, type RoadmapEventDraft } from "../roadmap/paste";
import { type EventState, evaluateRoadmap, PARSE, roadmapContext } from "../roadmap/status";
import { roadmapTemplate } from "../roadmap/templates";
import { type LoadTemplateOptions, type NewEvent, templateEvents } from "../roadmap/years";
import { readSettings, type Settings } from "../settings";
import { normalizeHeader, plural } from "../text";
import { appendJournal, type JournalEntry } from "../workbook/journal";
import { ROADMAP_STATUS, type RoadmapStatus } from "../workbook/statuses";
import { Table } from "../workbook/table";

/** The sheet the curator pastes a roadmap table into (Google Sheets). */
export const PASTE_SHEET = "Вставка дорожной карты";

export interface RoadmapPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  lock?: LockPort;
  progress?: ProgressPort;
  user?: string;
}

function applyFormatting(wb: WorkbookPort, table: Table<"roadmap">, settings: Settings): void {
  wb.applyLayout(table.sheet, roadmapLayout(table.columns, settings.reminderDays));
}

// ---------------------------------------------------------------------------------------------
// Refresh

export interface RefreshOptions {
  /** Re-apply the sheet's layout and conditional formats (default true; the daily trigger skips it). */
  formatting?: boolean;
}

export interface RoadmapSummary {
  events: number;
  byStatus: Record<RoadmapStatus, number>;
  /** Deadline texts marked «срок не распознан», as written. */
  unrecognized: string[];
  /** Settings that could not be read (defaults used). */
  warnings: string[];
}

function summarise(states: EventState[], settings: Settings): RoadmapSummary {
  const byStatus: Record<RoadmapStatus, number> = {
    [ROADMAP_STATUS.planned]: 0,
    [ROADMAP_STATUS.inProgress]: 0,
    [ROADMAP_STATUS.done]: 0,
    [ROADMAP_STATUS.overdue]: 0,
    [ROADMAP_STATUS.cancelled]: 0,
  };
  const unrecognized: string[] = [];
  for (const s of states) {
    byStatus[s.status]++;
    if (s.parse === PARSE.unrecognized) unrecognized.push(s.deadlineText);
  }
  return { events: states.length, byStatus, unrecognized, warnings: settings.warnings };
}

function today(ports: { clock: ClockPort }): Date {
  return calendarDate(ports.clock.now());
}

/**
 * «Обновить дорожную карту»: dates, recognition and status of every row on today's date.
 * One read and at most one write of the roadmap.
 */
export function refreshRoadmap(ports: RoadmapPorts, options: RefreshOptions = {}): RoadmapSummary {
  return withWorkbookLock(ports, () => {
    const wb = ports.workbook;
    const day = today(ports);
    const settings = readSettings(wb, { today: day });
    const table = Table.load(wb, "roadmap");
    const states = evaluateRoadmap(table, roadmapContext(settings, day));
    table.flush(wb);
    if (options.formatting !== false) applyFormatting(wb, table, settings);
    return summarise(states, settings);
  });
}

/** «Дорожная карта: 40 мероприятий — выполнено 10, в работе 5, просрочено 3…». */
export function describeRoadmap(s: RoadmapSummary): string {
  const parts = (Object.keys(s.byStatus) as RoadmapStatus[])
    .filter((k) => s.byStatus[k] > 0)
    .map((k) => `${k} ${s.byStatus[k]}`);
  let text = `Дорожная карта: ${s.events} ${plural(s.events, "мероприятие", "мероприятия", "мероприятий")}`;
  if (parts.length > 0) text += ` — ${parts.join(", ")}`;
  text += ".";
  if (s.unrecognized.length > 0)
    text += ` Срок не распознан: ${s.unrecognized.length} (уточните даты в столбцах «Начало» и «Окончание»).`;
  if (s.warnings.length > 0) text += ` Настройки: ${s.warnings.join(" ")}`;
  return text;
}

// ---------------------------------------------------------------------------------------------
// Adding events: templates and pasted tables

export interface AddReport extends RoadmapSummary {
  added: number;
  /** Events already in the roadmap (same stage and wording). */
  skipped: number;
  /** Messages about the source (pasted-table guesses, shifted years). */
  notes: string[];
}

function identity(stage: Cell, event: Cell): string {
  return `${normalizeHeader(stage)}|${normalizeHeader(event)}`;
}

/** Adds events not yet present, evaluates the whole roadmap, writes it, applies formatting. */
function addEvents(
  ports: RoadmapPorts,
  settings: Settings,
  events: NewEvent[],
  journal: (added: number, skipped: number) => JournalEntry[],
): Omit<AddReport, "notes"> {
  const wb = ports.workbook;
  const day = today(ports);
  const table = Table.load(wb, "roadmap");
  const known = new Set(table.records().map((r) => identity(r.values.stage, r.values.event)));
  let added = 0;
  let skipped = 0;
  // Only events already on the sheet count: a source may list the same wording twice (seed 002).
  for (const e of events) {
    if (known.has(identity(e.stage, e.event))) {
      skipped++;
      continue;
    }
    table.add({ ...e });
    added++;
  }
  const states = evaluateRoadmap(table, roadmapContext(settings, day));
  table.flush(wb);
  applyFormatting(wb, table, settings);
  const entries = journal(added, skipped);
  if (entries.length > 0) appendJournal(wb, entries, Table.load(wb, "log").columns);
  return { ...summarise(states, settings), added, skipped };
}

/**
 * «Загрузить шаблон дорожной карты»: the template's events (those not yet in the sheet), with
 * their years moved to the school year of «Настройки». An empty id starts an empty roadmap: only
 * the dates and formatting are refreshed.
 */
export function loadRoadmapTemplate(
  ports: RoadmapPorts,
  templateId: string | null,
  options: LoadTemplateOptions = {},
): AddReport & { template: string } {
  return withWorkbookLock(ports, () => {
    if (!templateId) {
      const summary = refreshRoadmap({ ...ports, lock: undefined });
      return { ...summary, added: 0, skipped: 0, notes: [], template: "" };
    }
    const template = roadmapTemplate(templateId);
    const settings = readSettings(ports.workbook, { today: today(ports) });
    const { events, offset, target } = templateEvents(template, settings, options);
    const notes: string[] = [];
    if (offset !== 0 && target !== null)
      notes.push(
        template.year === "calendar"
          ? `Годы в сроках перенесены на ${target} год (сдвиг ${offset > 0 ? "+" : ""}${offset}).`
          : `Годы в сроках перенесены на ${settings.schoolYearLabel} учебный год (сдвиг ${offset > 0 ? "+" : ""}${offset}).`,
      );
    const report = addEvents(ports, settings, events, (added, skipped) => [
      {
        at: ports.clock.now(),
        level: "информация",
        operation: "Дорожная карта",
        message: `Загружен шаблон «${template.title}»: добавлено ${added}, уже были ${skipped}.${notes.length ? ` ${notes.join(" ")}` : ""}`,
        source: `шаблон ${template.id}`,
        user: ports.user,
      },
    ]);
    return { ...report, notes, template: template.id };
  });
}

function draftToEvent(d: RoadmapEventDraft): NewEvent {
  const comments: string[] = [];
  if (d.task) comments.push(`Задача: ${d.task}`);
  if (d.note) comments.push(d.note);
  return {
    stage: d.stage,
    event: d.wording,
    deadline_text: d.deadline,
    responsible: d.responsible,
    result: d.result,
    comment: comments.join("; "),
  };
}

function importDrafts(
  ports: RoadmapPorts,
  parsed: { events: RoadmapEventDraft[]; warnings: string[] },
  source: string,
): AddReport {
  const events = parsed.events.filter((d) => d.wording !== "").map(draftToEvent);
  const dropped = parsed.events.length - events.length;
  const notes = [...parsed.warnings];
  if (dropped > 0) notes.push(`Строк без мероприятия: ${dropped} — не добавлены (см. предупреждения выше).`);
  const settings = readSettings(ports.workbook, { today: today(ports) });
  const report = addEvents(ports, settings, events, (added, skipped) => {
    const at = ports.clock.now();
    const entries: JournalEntry[] = [
      {
        at,
        level: "информация",
        operation: "Импорт дорожной карты",
        message: `Добавлено мероприятий: ${added}, уже были в дорожной карте: ${skipped}.`,
        source,
        user: ports.user,
      },
    ];
    if (notes.length > 0)
      entries.push({
        at,
        level: "предупреждение",
        operation: "Импорт дорожной карты",
        message: notes.join(" "),
        source,
        user: ports.user,
      });
    return entries;
  });
  return { ...report, notes };
}

/** «Импорт дорожной карты» from pasted text (tab-separated, as copied from Word, PDF or a sheet). */
export function importRoadmapText(
  ports: RoadmapPorts,
  text: string,
  source = "вставленный текст",
): AddReport {
  return withWorkbookLock(ports, () => importDrafts(ports, parsePastedRoadmap(text), source));
}

/** «Импорт дорожной карты» from a grid of cells. */
export function importRoadmapGrid(ports: RoadmapPorts, grid: Cell[][], source: string): AddReport {
  return withWorkbookLock(ports, () => importDrafts(ports, parseRoadmapGrid(grid), source));
}

export type PasteSheetResult =
  | { kind: "created" }
  | { kind: "empty" }
  | { kind: "nothing"; warnings: string[] }
  | ({ kind: "imported" } & AddReport);

/**
 * The menu's import from «Вставка дорожной карты»: creates the sheet when absent (the curator then
 * pastes into it), imports what was pasted, and clears the sheet (one write) when something was
 * imported. A paste with no event is left in place for the curator to check.
 */
export function importRoadmapPasteSheet(ports: RoadmapPorts): PasteSheetResult {
  return withWorkbookLock(ports, () => {
    const wb = ports.workbook;
    if (wb.sheetNames().indexOf(PASTE_SHEET) < 0) {
      wb.ensureSheet(PASTE_SHEET);
      return { kind: "created" };
    }
    const grid = wb.read(PASTE_SHEET);
    if (grid.every((r) => r.every(isBlank))) return { kind: "empty" };
    const parsed = parseRoadmapGrid(grid);
    if (parsed.events.every((e) => e.wording === ""))
      return {
        kind: "nothing",
        warnings: ["Во вставленной таблице не найдено ни одного мероприятия.", ...parsed.warnings],
      };
    const report = importDrafts(ports, parsed, `лист «${PASTE_SHEET}»`);
    wb.write(
      PASTE_SHEET,
      0,
      0,
      grid.map((r) => r.map(() => "")),
    );
    return { kind: "imported", ...report };
  });
}

/** «Добавлено 12 мероприятий (уже были: 3). …» */
export function describeAdd(r: AddReport): string {
  let text = `Добавлено ${r.added} ${plural(r.added, "мероприятие", "мероприятия", "мероприятий")}`;
  if (r.skipped > 0) text += ` (уже были в дорожной карте: ${r.skipped})`;
  text += ". ";
  if (r.notes.length > 0) text += `${r.notes.join(" ")} `;
  return text + describeRoadmap(r);
}
