/**
 * «Оценка куратора» as a sheet (issue 17, item 5): the sidebar of the same name for a workbook
 * without Google. One row per pair of «Мониторинг» — its names, the five cells of indicators 1–5
 * (a dropdown of 0, 1, 2), the total and level, then the pair's facts (meetings against the norm,
 * the last one, the types never held, the meeting feedback forms, the mentor's reports, indicators
 * 6–9 with how they were computed in the cell's note). The curator fills the five cells row by row
 * (Tab through them, Enter to the next pair); the next take puts each changed row into «Мониторинг»
 * through `applyScores`, the sidebar's own save, with its total and level. A cell that is not 0, 1
 * or 2 keeps its row out, stays on the sheet as typed and goes to «Журнал» with its cell.
 *
 * The sheet is the program's work sheet, outside the template (like «Вставка дорожной карты»):
 * its hidden first row holds the column keys, the second the headers; a hidden column keeps the
 * scores as the sheet was written, so only what the curator changed here is taken (a score typed
 * straight into «Мониторинг» meanwhile is not overwritten by a stale row).
 */
import { isBlank, plainText, textWithIsoDates } from "../cells";
import { calendarDate } from "../dates";
import { INDICATORS, parseScore, type RubricResult, type Score } from "../monitoring/rubric";
import {
  type Cell,
  type CellInput,
  type ColumnLayout,
  isDate,
  RULE_MARKER,
  type SheetLayout,
  type WorkbookPort,
  withWorkbookLock,
} from "../ports";
import { sheetName } from "../templates/load";
import { columnLetter } from "../workbook/a1";
import { appendJournal, type JournalEntry } from "../workbook/journal";
import { Table } from "../workbook/table";
import { type MonitoringPorts, type MonitoringResult, recomputeMonitoring } from "./monitoring";
import {
  applyScores,
  cyclePairsOf,
  EXPERT_KEYS,
  levelPhrase,
  pairRows,
  type RubricPair,
  type RubricPorts,
  rubricView,
  scoresOf,
} from "./rubric-review";

export const RUBRIC_SHEET = "Оценка куратора";
const OPERATION = "Оценка куратора";

const SCALE = "2 — проявляется в полной мере, 1 — частично, 0 — не проявляется.";
const KEYS_HELP =
  "Наберите цифру и нажмите Tab — к следующему показателю; после пятого — Enter: курсор перейдёт к показателю 1 следующей пары (Excel и LibreOffice возвращаются в столбец, с которого начали Tab).";

interface SheetColumn {
  key: string;
  header: string;
  width: number;
  hidden?: boolean;
  note?: string;
  /** Filled by the program: the curator types only the five scores. */
  computed?: boolean;
}

/** Short headers for narrow columns (the full wording is the header's note). */
const SHORT: Record<string, string> = {
  i1_goals: "Цели и задачи",
  i2_principles: "Принципы",
  i3_approaches: "Подходы",
  i4_climate: "Климат",
  i5_mentor_logic: "Логика наставника",
};

const SCORE_COLUMNS: SheetColumn[] = INDICATORS.filter((d) => d.source === "expert").map((d) => ({
  key: d.key,
  header: `${d.n}. ${SHORT[d.key] ?? d.name}`,
  width: 100,
  note: `Показатель ${d.n}: ${d.name}. ${SCALE} ${KEYS_HELP}`,
}));

/** The sheet's columns in their order: names, the five scores, the result, then the facts. */
export const RUBRIC_COLUMNS: SheetColumn[] = [
  { key: "scope", header: "ID пары", width: 80, computed: true },
  { key: "label", header: "Пара", width: 240, computed: true, note: "Наставник — наставляемый." },
  ...SCORE_COLUMNS,
  {
    key: "total",
    header: "Итого (из 18)",
    width: 70,
    computed: true,
    note: "Сумма девяти показателей: ставится, когда оценены все девять (6–9 рассчитывает программа).",
  },
  {
    key: "level",
    header: "Уровень",
    width: 150,

    computed: true,
    note: "15–18 — оптимальный, 9–14 — допустимый, 0–8 — недопустимый. Обновляется, когда программа примет оценки (mentor rubric или mentor monitor).",
  },
  {
    key: "meetings",
    header: "Встречи",
    width: 200,

    computed: true,
    note: "По журналу встреч: сколько всего, сколько в среднем в месяц против нормы из «Настроек», какая это доля нормы.",
  },
  { key: "last_meeting", header: "Последняя встреча", width: 120, computed: true },
  {
    key: "missing_types",
    header: "Не было встреч",
    width: 140,

    computed: true,
    note: "Обязательные встречи программы, которых не было.",
  },
  {
    key: "rating",
    header: "Оценка встреч (анкеты)",
    width: 100,
    computed: true,
    note: "Средняя оценка встреч по анкетам обратной связи наставника и наставляемого.",
  },
  {
    key: "reports",
    header: "Отчёты наставника",
    width: 90,
    computed: true,
    note: "Получено ежемесячных отчётов наставника из положенных.",
  },
  {
    key: "computed",
    header: "Показатели 6–9",
    width: 150,

    computed: true,
    note: "Рассчитаны программой по анкетам, журналу встреч и отчётам; как именно — в примечании ячейки.",
  },
  { key: "attention", header: "Требует внимания", width: 200, computed: true },
  {
    key: "written",
    header: "Оценки при записи листа",
    width: 80,
    hidden: true,
    computed: true,
    note: "Служебный столбец: оценки 1–5, какими программа записала лист; по нему видно, что изменил куратор.",
  },
];

/** Rows above the data: the hidden key row and the header row (as on the template's tables). */
const KEY_ROW = 0;
const HEADER_ROW = 1;
const FIRST_DATA_ROW = 2;

const SCORE_KEYS: readonly string[] = EXPERT_KEYS;

/** «2212_»: the five scores as the sheet was written (a blank as «_»). */
function snapshot(scores: (Score | null)[]): string {
  return scores.map((s) => (s === null ? "_" : String(s))).join("");
}

/** A cell of the sheet as the curator typed it, for a message. */
function shown(v: Cell): string {
  if (isDate(v)) return textWithIsoDates(v);
  return plainText(v);
}

export interface RubricSheetIssue {
  /** ««Оценка куратора»!D5». */
  cell: string;
  scope: string;
  message: string;
}

export interface RubricTake {
  /** The sheet exists in the workbook. */
  present: boolean;
  /** Pairs whose changed scores went into «Мониторинг», with their rubric now. */
  saved: { scope: string; label: string; result: RubricResult }[];
  /** Rows refused for a bad cell: their cells as typed, kept on the sheet when it is written again. */
  kept: Map<string, { cells: Cell[]; written: string }>;
  issues: RubricSheetIssue[];
  /** The sheet could not be read (its header rows lost): it must not be written over. */
  unreadable: boolean;
}

/** The columns of the sheet as it stands: by the key row, else by the header row. */
function locate(grid: Cell[][]): { columns: Map<string, number>; firstData: number } | null {
  for (let r = 0; r < Math.min(grid.length, 4); r++) {
    const byKey = new Map<string, number>();
    const byHeader = new Map<string, number>();
    grid[r].forEach((v, c) => {
      const text = plainText(v);
      const col = RUBRIC_COLUMNS.find((k) => k.key === text);
      if (col && !byKey.has(col.key)) byKey.set(col.key, c);
      const head = RUBRIC_COLUMNS.find((k) => k.header.toLowerCase() === text.toLowerCase());
      if (head && !byHeader.has(head.key)) byHeader.set(head.key, c);
    });
    const complete = (m: Map<string, number>) => m.has("scope") && SCORE_KEYS.every((k) => m.has(k));
    if (complete(byKey)) return { columns: byKey, firstData: r + 2 };
    if (complete(byHeader)) return { columns: byHeader, firstData: r + 1 };
  }
  return null;
}

/**
 * Takes the scores the curator changed on «Оценка куратора» into «Мониторинг» (the caller holds
 * the lock and flushes nothing: this flushes «Мониторинг» and appends «Журнал» itself).
 */
function take(ports: RubricPorts): RubricTake {
  const wb = ports.workbook;
  const out: RubricTake = { present: false, saved: [], kept: new Map(), issues: [], unreadable: false };
  if (wb.sheetNames().indexOf(RUBRIC_SHEET) < 0) return out;
  out.present = true;
  const grid = wb.read(RUBRIC_SHEET);
  if (grid.every((row) => row.every(isBlank))) return out;
  const at = locate(grid);
  if (!at) {
    out.unreadable = true;
    out.issues.push({
      cell: `«${RUBRIC_SHEET}»!A1`,
      scope: "",
      message: `Лист «${RUBRIC_SHEET}»: не найдены строки заголовков (столбцы «ID пары» и оценки 1–5) — оценки с листа не приняты, лист не перезаписан. Верните строки заголовков или удалите лист и выполните mentor rubric: лист будет создан заново.`,
    });
    journal(ports, out.issues);
    return out;
  }
  const t = Table.load(wb, "monitoring");
  const live = pairRows(t, cyclePairsOf(wb));
  const col = (key: string) => at.columns.get(key);
  const seen = new Map<string, number>();
  const by = ports.user ?? "куратор";
  const now = ports.clock.now();
  for (let r = at.firstData; r < grid.length; r++) {
    const row = grid[r];
    const sheetRow = r + 1;
    const cell = (key: string): Cell => {
      const c = col(key);
      return c === undefined ? "" : (row[c] ?? "");
    };
    const scope = textWithIsoDates(cell("scope"));
    const cells = SCORE_KEYS.map((k) => cell(k));
    if (scope === "" && cells.every(isBlank)) continue;
    const address = (key: string) => `«${RUBRIC_SHEET}»!${columnLetter(col(key) ?? 0)}${sheetRow}`;
    const label = textWithIsoDates(cell("label"));
    const who = `пара ${scope}${label ? ` (${label})` : ""}`;
    const typed = cells.map((v) => (isBlank(v) ? "—" : shown(v))).join(", ");
    if (scope === "") {
      out.issues.push({
        cell: address("scope"),
        scope,
        message: `${address("scope")}: в строке ${sheetRow} оценки (${typed}), но нет ID пары — они не приняты. Впишите ID пары из листа «Мониторинг».`,
      });
      continue;
    }
    const earlier = seen.get(scope);
    if (earlier !== undefined) {
      out.issues.push({
        cell: address("scope"),
        scope,
        message: `${address("scope")}: ${who} уже есть в строке ${earlier} — оценки строки ${sheetRow} (${typed}) не приняты. Оставьте паре одну строку.`,
      });
      continue;
    }
    seen.set(scope, sheetRow);
    const parsed = cells.map((v) => parseScore(v));
    const written = textWithIsoDates(cell("written"));
    const bad = parsed
      .map((s, i) => ({ s, i }))
      .filter((x) => x.s === "invalid")
      .map((x) => x.i);
    if (bad.length > 0) {
      for (const i of bad) {
        const key = SCORE_KEYS[i];
        out.issues.push({
          cell: address(key),
          scope,
          message: `${address(key)} («${RUBRIC_COLUMNS.find((c) => c.key === key)?.header}»): «${shown(cells[i])}» — оценка может быть только 0, 1 или 2. Оценки пары ${scope}${label ? ` (${label})` : ""} не приняты, на листе остались как набраны; исправьте ячейку — они будут приняты при следующем пересчёте.`,
        });
      }
      out.kept.set(scope, { cells, written });
      continue;
    }
    const scores = parsed as (Score | null)[];
    const now5 = snapshot(scores);
    // Unchanged since the sheet was written: «Мониторинг» keeps what it holds (typed there, perhaps).
    if (written !== "" && now5 === written) continue;
    const target = live.get(scope);
    if (target === undefined) {
      out.issues.push({
        cell: address("scope"),
        scope,
        message: `${address("scope")}: пары ${scope} нет на листе «Мониторинг» — её оценки (${typed}) не приняты. Выполните «Пересчитать мониторинг» (mentor monitor): лист «${RUBRIC_SHEET}» будет записан заново.`,
      });
      continue;
    }
    // A row without the service column (added by hand): taken when it differs from «Мониторинг».
    if (written === "" && snapshot(scoresOf(t, target)) === now5) continue;
    const result = applyScores(t, target, scores, by, now);
    out.saved.push({ scope, label: label || scope, result });
  }
  if (out.saved.length > 0) t.flush(wb);
  journal(ports, out.issues);
  return out;
}

/** The issues into «Журнал», each message once a day (a re-run repeats them). */
function journal(ports: RubricPorts, issues: RubricSheetIssue[]): void {
  if (issues.length === 0) return;
  const wb = ports.workbook;
  const now = ports.clock.now();
  const today = calendarDate(now).getTime();
  const log = Table.load(wb, "log");
  const seen = new Set<string>();
  for (const { values: v } of log.records())
    if (plainText(v.operation) === OPERATION && isDate(v.at) && calendarDate(v.at).getTime() === today)
      seen.add(plainText(v.message));
  const entries: JournalEntry[] = issues
    .filter((i) => !seen.has(i.message))
    .map((i) => ({
      at: now,
      level: "ошибка",
      operation: OPERATION,
      message: i.message,
      source: i.cell,
      user: ports.user,
    }));
  appendJournal(wb, entries, log.columns);
}

/** Takes the curator's changed scores from «Оценка куратора» into «Мониторинг» (under the lock). */
export function takeRubricSheet(ports: RubricPorts): RubricTake {
  return withWorkbookLock(ports, () => take(ports));
}

function rowOf(p: RubricPair, kept: { cells: Cell[]; written: string } | undefined): Record<string, Cell> {
  const d = p.detail;
  const row: Record<string, Cell> = {
    scope: p.scope,
    label: p.label,
    total: p.total ?? "",
    level: p.level,
    meetings: d ? d.meetings : "нет строки на листе «Работа пар»",
    last_meeting: d?.lastMeeting ?? "",
    missing_types: d?.missingTypes ?? "",
    rating: d?.rating ?? "",
    reports: d?.reports ?? "",
    computed: p.computed.join("; "),
    attention: d?.attention ?? "",
    written: kept ? kept.written : snapshot(p.scores),
  };
  SCORE_KEYS.forEach((k, i) => {
    row[k] = kept ? kept.cells[i] : p.scores[i] === null ? "" : (p.scores[i] as number);
  });
  return row;
}

/** The sheet's layout: keys hidden, names frozen, a dropdown of 0–2 on the five, rows coloured by level. */
function layoutOf(): SheetLayout {
  const index = (key: string) => RUBRIC_COLUMNS.findIndex((c) => c.key === key);
  const columns: ColumnLayout[] = RUBRIC_COLUMNS.map((c, i) => ({
    index: i,
    width: c.width,
    ...(c.note ? { note: c.note } : {}),
    ...(SCORE_KEYS.indexOf(c.key) >= 0
      ? { validation: { kind: "list" as const, values: ["0", "1", "2"], strict: true }, numberFormat: "0" }
      : { numberFormat: c.key === "total" ? "0" : "@" }),
    ...(c.computed ? { protected: true } : {}),
    ...(c.hidden ? { hidden: true } : {}),
    // Every cell wraps and sits at the top: a row's digits in line with its facts.
    wrap: true,
  }));
  const level = `$${columnLetter(index("level"))}${FIRST_DATA_ROW + 1}`;
  const scope = `$${columnLetter(index("scope"))}${FIRST_DATA_ROW + 1}`;
  return {
    frozenRows: HEADER_ROW + 1,
    frozenColumns: index("label") + 1,
    hiddenRows: [KEY_ROW],
    headerRows: FIRST_DATA_ROW,
    columns,
    protectHeader: true,
    protectSheet: false,
    tabColor: "#cc4125",
    filter: true,
    print: true,
    conditionalRules: [
      // Still to score: pale yellow; an unacceptable level: pale red.
      {
        formula: `=AND(${RULE_MARKER},${scope}<>"",LEFT(${level},10)="не определ")`,
        background: "#fff2cc",
      },
      { formula: `=AND(${RULE_MARKER},${level}="недопустимый")`, background: "#f4cccc" },
    ],
  };
}

/**
 * Writes «Оценка куратора» from «Мониторинг» and «Работа пар» (creating it after «Мониторинг»),
 * the rows of `kept` with the cells the curator typed. Returns the pairs written.
 */
export function writeRubricSheet(
  wb: WorkbookPort,
  kept: Map<string, { cells: Cell[]; written: string }> = new Map(),
): RubricPair[] {
  const pairs = rubricView(wb).pairs;
  const names = wb.sheetNames();
  if (names.indexOf(RUBRIC_SHEET) < 0) {
    const after = names.indexOf(sheetName("monitoring"));
    wb.ensureSheet(RUBRIC_SHEET, after >= 0 ? after + 1 : undefined);
  }
  const before = wb.read(RUBRIC_SHEET);
  const width = RUBRIC_COLUMNS.length;
  const rows: CellInput[][] = [
    RUBRIC_COLUMNS.map((c) => c.key),
    RUBRIC_COLUMNS.map((c) => c.header),
    ...pairs.map((p) => {
      const r = rowOf(p, kept.get(p.scope));
      return RUBRIC_COLUMNS.map((c) => r[c.key] ?? "");
    }),
  ];
  // What the sheet held beyond the new rows and columns is cleared in the same write.
  const height = Math.max(rows.length, before.length);
  const wide = Math.max(width, ...before.map((r) => r.length));
  const block: CellInput[][] = [];
  for (let r = 0; r < height; r++) {
    const line: CellInput[] = [];
    for (let c = 0; c < wide; c++) line.push(rows[r]?.[c] ?? "");
    block.push(line);
  }
  wb.write(RUBRIC_SHEET, 0, 0, block);
  if (wb.writeNotes) {
    // Indicators 6–9: how each was computed, on the cell («details on demand»).
    const at = RUBRIC_COLUMNS.findIndex((c) => c.key === "computed");
    const notes: string[][] = block.map((_, r) => {
      const line = new Array<string>(at + 1).fill("");
      const p = r >= FIRST_DATA_ROW ? pairs[r - FIRST_DATA_ROW] : undefined;
      if (p) line[at] = p.basis;
      return line;
    });
    wb.writeNotes(RUBRIC_SHEET, notes);
  }
  wb.applyLayout(RUBRIC_SHEET, layoutOf());
  return pairs;
}

export interface RubricSheetReport extends RubricTake {
  /** The sheet was created now. */
  created: boolean;
  /** Pairs on the sheet as written, and how many of them have all five scores. */
  pairs: number;
  scored: number;
}

/**
 * `mentor rubric`: takes what the curator changed on «Оценка куратора» into «Мониторинг», then
 * writes the sheet again with the pairs' facts and levels as they now stand (creates it when
 * absent, unless `create` is false).
 */
export function updateRubricSheet(ports: RubricPorts, options: { create: boolean }): RubricSheetReport {
  return withWorkbookLock(ports, () => {
    const taken = take(ports);
    const report: RubricSheetReport = { ...taken, created: false, pairs: 0, scored: 0 };
    if (taken.unreadable || (!taken.present && !options.create)) return report;
    report.created = !taken.present;
    const pairs = writeRubricSheet(ports.workbook, taken.kept);
    report.pairs = pairs.length;
    report.scored = pairs.filter((p) => p.scores.every((s) => s !== null)).length;
    return report;
  });
}

const SHOWN = 10;

/**
 * «Пересчитать мониторинг» with the sheet: the scores changed on «Оценка куратора» taken first (as
 * the sidebar would have saved them), the monitoring recomputed, the sheet written again with the
 * new facts and levels — `mentor monitor` and the browser page. Without the sheet: the recompute.
 */
export function recomputeMonitoringWithSheet(ports: MonitoringPorts): {
  taken: RubricTake;
  result: MonitoringResult;
} {
  return withWorkbookLock(ports, () => {
    const inner = { ...ports, lock: undefined };
    const taken = take(inner);
    const result = recomputeMonitoring(inner);
    if (taken.present && !taken.unreadable) writeRubricSheet(ports.workbook, taken.kept);
    return { taken, result };
  });
}

/** The Russian lines of a take for a command's output. */
export function describeRubricTake(r: RubricTake): string[] {
  const lines: string[] = [];
  if (r.saved.length > 0)
    lines.push(
      `С листа «${RUBRIC_SHEET}» приняты оценки пар: ${r.saved.length} — ${r.saved
        .slice(0, SHOWN)
        .map((s) => `${s.scope}: ${levelPhrase(s.result)}`)
        .join("; ")}${r.saved.length > SHOWN ? `; и ещё ${r.saved.length - SHOWN}` : ""}.`,
    );
  if (r.issues.length > 0)
    lines.push(
      `Не приняты (${r.issues.length}, записаны в «Журнал»):`,
      ...r.issues.map((i) => `  ${i.message}`),
    );
  return lines;
}
