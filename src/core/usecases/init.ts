import { schoolTimeZone, schoolTimeZoneLabel, schoolYearLabel, schoolYearStartYear, utcDate } from "../dates";
import type { Cell, ClockPort, Grid, ProgressPort, SheetLayout, WorkbookPort } from "../ports";
import { fullNameTitles } from "../questionnaires/schema";
import { indicatorDefinitions, workbookTemplate } from "../templates/load";
import type { SheetTemplate } from "../templates/schema";
import { count, plural } from "../text";
import { AUDITED_SHEETS, auditGrid, type DataIssue, describeDataIssues } from "../workbook/audit";
import { appendJournal, type JournalEntry, upgradeJournalGrid } from "../workbook/journal";
import { applyLayouts, buildLayout, type ListsLocation } from "../workbook/layout";
import { inHeaderRows, mergedHeaderMessage, mergedInTable, mergedRangeMessage } from "../workbook/merges";
import { FIRST_DATA_ROW, locateHeaderBlock, repairSheet } from "../workbook/repair";
import { FORM_OPEN } from "./forms";

export interface InitReport {
  created: string[];
  renamed: { from: string; to: string }[];
  /** Sheet name → what was repaired there. */
  repaired: Record<string, string[]>;
  unchanged: string[];
  /** Physical column of each key, per sheet key: what every later use-case reads by. */
  columns: Record<string, Record<string, number>>;
  /** Questionnaires whose responses no longer reach the workbook (Russian, one line each). */
  unlinkedForms?: string[];
  /** Questionnaires whose form accepts no responses, as «Анкеты» last recorded (one line each). */
  closedForms?: string[];
  /** Merged ranges inside the tables, with their address and what to do (one line each). */
  merged?: string[];
  /** Cells that are not what their column holds: duplicate IDs, header rows in the data, text in numbers or dates. */
  dataIssues?: DataIssue[];
}

/** A workbook that knows which form feeds a sheet (Apps Script: Sheet.getFormUrl()). */
export interface FormLinks {
  /** The ID of the form whose responses land in the sheet; null when none does. */
  linkedFormId(sheet: string): string | null;
}

function hasFormLinks(wb: WorkbookPort): wb is WorkbookPort & FormLinks {
  return typeof (wb as Partial<FormLinks>).linkedFormId === "function";
}

/**
 * Questionnaires of «Анкеты» whose response sheet is gone (deleted by hand; a renamed one is found
 * by its form) or whose form was unlinked from the workbook: their answers no longer reach the banks. Reported, never
 * silently ignored; the fix each line names is «Создать / обновить анкеты», which links them again.
 */
export function unlinkedForms(wb: WorkbookPort, columns: Record<string, number>, grid: Grid): string[] {
  const out: string[] = [];
  const names = new Set(wb.sheetNames());
  const col = (k: string) => columns[k];
  if ([col("form_key"), col("response_sheet")].some((c) => c === undefined)) return out;
  for (const row of grid.slice(2)) {
    const title = String(row[col("title")] ?? row[col("form_key")] ?? "").trim();
    const sheet = String(row[col("response_sheet")] ?? "").trim();
    const formId = col("form_id") === undefined ? "" : String(row[col("form_id")] ?? "").trim();
    if (title === "" && sheet === "") continue;
    const fix =
      "Выполните «Создать / обновить анкеты»: форма будет заново связана с таблицей, ответы, сохранённые в форме, " +
      "появятся на новом листе ответов; затем выполните «Переобработать ответы». " +
      "Если анкету так связать не удалось, свяжите её вручную (форма по ссылке для редактирования с листа «Анкеты» → " +
      "вкладка «Ответы» → «Связать с Таблицами») и снова выполните «Создать / обновить анкеты».";
    if (sheet === "" || !names.has(sheet)) {
      // Renamed by hand, or created by Google after «Создать / обновить анкеты» ran: the sheet its
      // form writes to is elsewhere, and the submit trigger claims it by its form.
      if (formId !== "" && hasFormLinks(wb) && wb.sheetNames().some((n) => wb.linkedFormId(n) === formId))
        continue;
      out.push(
        `Анкета «${title}»: лист ответов «${sheet}» не найден (удалён или переименован) — ответы не поступают в базы. ${fix}`,
      );
      continue;
    }
    if (formId !== "" && hasFormLinks(wb) && wb.linkedFormId(sheet) !== formId)
      out.push(`Анкета «${title}» отвязана от таблицы: новые ответы не поступают на лист «${sheet}». ${fix}`);
  }
  return out;
}

/**
 * Questionnaires whose form, when «Создать / обновить анкеты» last ran, accepted no responses
 * («Приём ответов» of «Анкеты» other than «открыта»: unpublished, closed). A row without the state
 * (recorded before the column existed) is not judged.
 */
export function closedForms(columns: Record<string, number>, grid: Grid): string[] {
  const col = (k: string) => columns[k];
  if (col("publish_state") === undefined) return [];
  const out: string[] = [];
  for (const row of grid.slice(2)) {
    const title = String(row[col("title")] ?? row[col("form_key")] ?? "").trim();
    const state = String(row[col("publish_state")] ?? "").trim();
    if (state === "" || state === FORM_OPEN) continue;
    out.push(
      `Анкета «${title}»: ${state} — участники не могут её заполнить. Откройте форму по ссылке для редактирования ` +
        "с листа «Анкеты», нажмите «Опубликовать» (или включите «Принимать ответы») и выполните «Создать / обновить анкеты».",
    );
  }
  return out;
}

export interface InitPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  progress: ProgressPort;
  user?: string;
}

/** Seed tokens that depend on today's date: the school year and the program dates. */
export function seedTokens(today: Date): Record<string, Cell> {
  const y = schoolYearStartYear(today);
  return {
    "@schoolYear": schoolYearLabel(y),
    "@programStart": utcDate(y, 9, 1),
    "@programEnd": utcDate(y + 1, 5, 31),
  };
}

function indicatorColumns(row: Record<string, Cell>): Record<string, Cell> {
  const def = indicatorDefinitions().indicators.find((d) => d.code === String(row.code));
  if (!def) return {};
  const year = String(row.year ?? "");
  return {
    name: def.name,
    method: def.method,
    ...(year && row.code !== "" ? { row_key: `${year}-${def.code}` } : {}),
  };
}

/** The 0-based row of each parameter of a settings sheet, by its key. */
function parameterRows(
  sheet: SheetTemplate,
  grid: Grid,
  columnIndex: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  const kc = sheet.rowKey === undefined ? undefined : columnIndex[sheet.rowKey];
  if (kc === undefined) return out;
  for (let r = FIRST_DATA_ROW; r < grid.length; r++) {
    const key = String(grid[r][kc] ?? "").trim();
    if (key !== "" && !(key in out)) out[key] = r;
  }
  return out;
}

/**
 * «Часовой пояс» of a book made before the list of zones held an IANA name («Europe/Moscow»): it
 * becomes the list's label («Москва (МСК)»), which the dropdown accepts.
 */
function localizeTimeZone(result: ReturnType<typeof repairSheet>, rowIndex: Record<string, number>): void {
  const row = rowIndex.time_zone;
  const col = result.columnIndex.value;
  if (row === undefined || col === undefined) return;
  const value = String(result.grid[row][col] ?? "").trim();
  const label = schoolTimeZoneLabel(value);
  if (label === value || schoolTimeZone(value) !== value) return;
  result.grid[row][col] = label;
  result.changed = true;
  result.changes.push(`часовой пояс «${value}» записан как «${label}»`);
}

/**
 * Finds a sheet a curator renamed: another tab whose key row holds most of this template's keys.
 * `grids` keeps each candidate as read, so a tab that is no template's is read once, not once per
 * missing sheet.
 */
function findRenamed(
  wb: WorkbookPort,
  sheet: SheetTemplate,
  taken: Set<string>,
  grids: Map<string, Grid>,
): string | null {
  if (sheet.kind === "dashboard" || sheet.columns.length === 0) return null;
  for (const name of wb.sheetNames()) {
    if (taken.has(name)) continue;
    let grid = grids.get(name);
    if (!grid) {
      grid = wb.read(name);
      grids.set(name, grid);
    }
    const block = locateHeaderBlock(grid, sheet);
    if (block.keyRow === null) continue;
    const keys = new Set(grid[block.keyRow].map((v) => String(v)));
    const hits = sheet.columns.filter((c) => keys.has(c.key)).length;
    if (hits * 2 >= sheet.columns.length) return name;
  }
  return null;
}

/**
 * «Инициализировать / восстановить книгу»: builds every sheet from the templates, or repairs it.
 * Idempotent: on a sound workbook it writes no cell. One read and at most one write per sheet.
 */
export function initWorkbook(ports: InitPorts): InitReport {
  const { workbook: wb, clock, progress } = ports;
  const template = workbookTemplate();
  const tokens = seedTokens(clock.now());
  const report: InitReport = { created: [], renamed: [], repaired: {}, unchanged: [], columns: {} };
  const templateNames = new Set(template.sheets.map((s) => s.name));

  // «Справочники» first: every dropdown points into it.
  const ordered = [...template.sheets].sort(
    (a, b) => Number(b.kind === "lists") - Number(a.kind === "lists"),
  );
  let lists: ListsLocation | null = null;
  const listsTemplate = template.sheets.find((s) => s.kind === "lists");
  const listHeader = (key: string) => listsTemplate?.columns.find((c) => c.key === key)?.header ?? key;
  const journal: JournalEntry[] = [];
  const existing = new Set(wb.sheetNames());
  let registryGrid: Grid = [];
  // Every sheet as init read and repaired it: the data checks read no sheet again.
  const grids = new Map<string, Grid>();
  const candidates = new Map<string, Grid>();
  // Laid out together after every sheet is written: the workbook may apply them in one batch.
  const layouts: { sheet: string; layout: SheetLayout }[] = [];

  ordered.forEach((sheet, i) => {
    progress.report(`Лист «${sheet.name}»`, i, ordered.length);
    if (!existing.has(sheet.name)) {
      const renamed = findRenamed(wb, sheet, templateNames, candidates);
      if (renamed) {
        candidates.delete(renamed);
        wb.renameSheet(renamed, sheet.name);
        report.renamed.push({ from: renamed, to: sheet.name });
        existing.delete(renamed);
        existing.add(sheet.name);
      } else {
        wb.ensureSheet(sheet.name, template.sheets.indexOf(sheet));
        report.created.push(sheet.name);
        existing.add(sheet.name);
      }
    }
    const grid: Grid = wb.read(sheet.name);
    const merges = sheet.kind !== "dashboard" ? mergedInTable(wb, sheet.name) : [];
    for (const m of merges) {
      report.merged ??= [];
      report.merged.push(
        inHeaderRows(m) ? mergedHeaderMessage(sheet.name, m) : mergedRangeMessage(sheet.name, m),
      );
    }
    const result = repairSheet(grid, sheet, {
      tokens,
      computedByRow: sheet.key === "indicators" ? indicatorColumns : undefined,
    });
    if (sheet.key === "log") {
      // Lines of the old form (JSON only) get their readable text and person.
      const upgraded = upgradeJournalGrid(result.grid, result.columnIndex, fullNameTitles());
      if (upgraded > 0) {
        result.changed = true;
        result.changes.push(
          `исходные данные ${count(upgraded, "записи", "записей", "записей")} показаны текстом в столбце «Исходные данные»`,
        );
      }
    }
    const rowIndex = sheet.kind === "settings" ? parameterRows(sheet, result.grid, result.columnIndex) : {};
    if (sheet.key === "settings") localizeTimeZone(result, rowIndex);
    if (merges.some(inHeaderRows)) {
      // A merged header cell shows one header for several columns and may hide a key: the sheet is
      // neither repaired nor laid out (nothing written through the merge) until it is unmerged.
      report.columns[sheet.key] = result.columnIndex;
      if (sheet.key === "forms_registry") registryGrid = grid;
      grids.set(sheet.key, grid);
      if (sheet.kind === "lists") lists = { sheet: sheet.name, columnIndex: result.columnIndex };
      return;
    }
    if (result.changed) {
      wb.write(sheet.name, 0, 0, result.grid);
      if (!report.created.includes(sheet.name)) report.repaired[sheet.name] = result.changes;
    } else if (!report.created.includes(sheet.name)) {
      report.unchanged.push(sheet.name);
    }
    report.columns[sheet.key] = result.columnIndex;
    if (sheet.key === "forms_registry") registryGrid = result.grid;
    grids.set(sheet.key, result.grid);
    if (sheet.kind === "lists") lists = { sheet: sheet.name, columnIndex: result.columnIndex };
    layouts.push({
      sheet: sheet.name,
      layout: buildLayout(sheet, result.columnIndex, lists, listHeader, rowIndex),
    });
  });
  applyLayouts(wb, layouts);
  progress.report("Готово", ordered.length, ordered.length);

  if (report.columns.forms_registry) {
    const unlinked = unlinkedForms(wb, report.columns.forms_registry, registryGrid);
    if (unlinked.length > 0) report.unlinkedForms = unlinked;
    const closed = closedForms(report.columns.forms_registry, registryGrid);
    if (closed.length > 0) report.closedForms = closed;
  }

  const at = clock.now();
  if (report.created.length > 0)
    journal.push({
      at,
      level: "информация",
      operation: "Инициализация книги",
      message: `Созданы листы: ${report.created.join(", ")}`,
      user: ports.user,
    });
  for (const r of report.renamed)
    journal.push({
      at,
      level: "предупреждение",
      operation: "Восстановление книги",
      message: `Лист «${r.from}» переименован обратно в «${r.to}»`,
      user: ports.user,
    });
  for (const [name, changes] of Object.entries(report.repaired))
    journal.push({
      at,
      level: "предупреждение",
      operation: "Восстановление книги",
      message: `Лист «${name}»: ${changes.join("; ")}`,
      user: ports.user,
    });
  for (const message of report.merged ?? [])
    journal.push({ at, level: "предупреждение", operation: "Проверка книги", message, user: ports.user });
  for (const message of [...(report.unlinkedForms ?? []), ...(report.closedForms ?? [])])
    journal.push({ at, level: "предупреждение", operation: "Проверка анкет", message, user: ports.user });
  const issues: DataIssue[] = [];
  for (const sheet of ordered)
    if (AUDITED_SHEETS.indexOf(sheet.key) >= 0 && grids.has(sheet.key))
      issues.push(...auditGrid(sheet, grids.get(sheet.key)!));
  if (issues.length > 0) {
    report.dataIssues = issues;
    // Each issue once in «Журнал», however often init runs.
    const logged = loggedMessages(grids.get("log"), report.columns.log);
    for (const i of issues)
      if (!logged.has(i.message))
        journal.push({
          at,
          level: "ошибка",
          operation: "Проверка данных",
          message: i.message,
          user: ports.user,
        });
  }
  if (journal.length > 0) appendJournal(wb, journal, report.columns.log);
  return report;
}

/** The messages «Журнал» already holds. */
function loggedMessages(grid: Grid | undefined, columns: Record<string, number> | undefined): Set<string> {
  const out = new Set<string>();
  const c = columns?.message;
  if (c === undefined || !grid) return out;
  for (let r = FIRST_DATA_ROW; r < grid.length; r++) out.add(String(grid[r][c] ?? ""));
  return out;
}

/** A one-line Russian summary for a toast or the CLI. */
export function describeInit(report: InitReport): string {
  const parts: string[] = [];
  if (report.created.length) parts.push(`создано листов: ${report.created.length}`);
  if (report.renamed.length) parts.push(`возвращены названия: ${report.renamed.map((r) => r.to).join(", ")}`);
  const repaired = Object.keys(report.repaired);
  if (repaired.length) parts.push(`восстановлены: ${repaired.join(", ")}`);
  const unlinked = report.unlinkedForms?.length
    ? ` Внимание: анкет, ответы которых не поступают в книгу, — ${report.unlinkedForms.length} (см. «Журнал»); выполните «Создать / обновить анкеты».`
    : "";
  const closed = report.closedForms?.length
    ? ` Внимание: анкет, которые не принимают ответы (не опубликованы или закрыты), — ${report.closedForms.length} (см. «Журнал» и столбец «Приём ответов» листа «Анкеты»).`
    : "";
  const merged = report.merged?.length
    ? ` Внимание: в таблицах есть объединённые ячейки (${report.merged.length}), программа в них не пишет: ${report.merged.join(" ")}`
    : "";
  const n = report.dataIssues?.length ?? 0;
  const data = n
    ? ` Внимание: в данных ${n} ${plural(n, "ошибка", "ошибки", "ошибок")} (повторяющиеся ID, строки заголовков среди данных, текст в числовых столбцах и столбцах дат, значения вне шкалы) — такие значения не учитываются в расчётах; список с адресами ячеек — в «Журнале»:\n${describeDataIssues(report.dataIssues ?? [], 10).join("\n")}`
    : "";
  const forms = unlinked + closed + merged + data;
  if (parts.length === 0 && merged !== "")
    return `Книга требует внимания: изменений не потребовалось, но${merged.replace(/^ Внимание:/, "")}${unlinked}${closed}${data}`;
  if (parts.length === 0)
    return n
      ? `Листы книги в порядке: изменений не потребовалось.${forms}`
      : `Книга в порядке: изменений не потребовалось.${forms}`;
  return `Книга готова: ${parts.join("; ")}.${forms}`;
}
