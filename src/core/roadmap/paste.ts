/**
 * Roadmap tables pasted by the curator: copied from Word, PDF or a sheet, as tab-separated text
 * (`parsePastedRoadmap`) or as a grid of cells (`parseRoadmapGrid`).
 *
 * How a table is read:
 * - The header row is found by keywords (№; мероприятие / содержание деятельности / направления
 *   деятельности; срок(и); ответственный / исполнитель; результат / вид документа; этап; задачи;
 *   примечание) and columns are mapped by the meaning of their header, in any order, some missing.
 *   Text before the header is the document's title: it is returned in `preamble`. Without a header
 *   row, columns are guessed from their content (numbers, deadlines, people), the rest by position,
 *   with a warning.
 * - A numbering row right under the header («1 2 3 4 5») is skipped; a repeated header (a page
 *   break of a PDF) is skipped; a different header later on starts a new table (with a warning).
 * - Cells broken over lines are joined:
 *   · a line whose first filled cell starts in lower case (or with «(», «,», «;», a dash) and has
 *     no item number continues the row above, cell by cell, when it follows an empty line (a page
 *     break), or when the row above ends unfinished («:», «,», «и»…), or when it fills no deadline
 *     or responsible cell (seeds 000, 001, 002, 003, 004);
 *   · a row with fewer cells than the header continues on the next line (Word puts a paragraph
 *     break of a cell on a line of its own): the next line's first cell ends the short row's last
 *     cell (with a warning when the join is a guess);
 *   · a cell in double quotes may span lines (a copy from Google Sheets or Excel).
 * - Stage rows set the stage of the events below them: a row in the stage column with nothing else,
 *   a row that starts with «Этап …» and has no deadline, responsible or result, and — when the
 *   table numbers its items «a.», «1.1» — a numbered row with a title and nothing else.
 *   The «Задачи» column (seed 002) is carried down to the events below it, like a merged cell.
 * - Nothing is dropped: a row that fits nowhere becomes an event with a warning; a column whose
 *   header is not understood goes to `note` as «Заголовок: значение».
 */
import { formatDateRu } from "../dates";
import { type Cell, isDate } from "../ports";
import { parseDeadline } from "./deadline";

/** Normalized roles of responsible people, where obvious from the text. */
export const ROADMAP_ROLES = [
  "куратор",
  "директор",
  "заместитель директора",
  "наставник",
  "наставляемый",
  "классный руководитель",
  "педагог-психолог",
  "социальный педагог",
  "секретарь",
  "участники программы",
  "организации-партнёры",
] as const;
export type RoadmapRole = (typeof ROADMAP_ROLES)[number];

/** Roles named in a «Ответственный» cell; personal names («Баева С.Н.») give none. */
export function normalizeRoles(responsible: string): RoadmapRole[] {
  const s = responsible.toLowerCase().replace(/ё/g, "е");
  const deputy = /заместител[а-я]* директора|зам\.? ?директора|завуч/;
  const rules: Array<[RoadmapRole, RegExp | ((text: string) => boolean)]> = [
    ["куратор", /куратор/],
    [
      "директор",
      (t) =>
        /директор|руководител[а-я]* (?:оо|образовательной организации|школы|учреждения)/.test(
          t.replace(new RegExp(deputy.source, "g"), ""),
        ),
    ],
    ["заместитель директора", deputy],
    ["наставник", /наставник/],
    ["наставляемый", /наставляем/],
    ["классный руководитель", /классн[а-я]* руководител/],
    ["педагог-психолог", /психолог/],
    ["социальный педагог", /социальн[а-я]* педагог|соцпедагог|соцработник/],
    ["секретарь", /секретар/],
    ["участники программы", /участник[а-я]* (?:программ|проекта|цмн)/],
    [
      "организации-партнёры",
      /(?:организаци[а-я]*|предприяти[а-я]*)\s*[-–—]?\s*партнер|партнерск[а-я]* организаци/,
    ],
  ];
  return rules
    .filter(([, test]) => (typeof test === "function" ? test(s) : test.test(s)))
    .map(([role]) => role);
}

export type ColumnKind =
  | "number"
  | "stage"
  | "task"
  | "wording"
  | "deadline"
  | "responsible"
  | "result"
  | "note";

export interface RoadmapEventDraft {
  /** The stage the event belongs to («1. Нормативное правовое регулирование…»), "" when none. */
  stage: string;
  /** The task it serves (the «Задачи» column, carried down), "" when none. */
  task: string;
  /** The item number as written («a.», «2.»), "" when none. */
  number: string;
  /** «Мероприятие» as written (HTML removed, broken lines joined). */
  wording: string;
  /** The deadline text as written; parse it with parseDeadline. */
  deadline: string;
  /** «Ответственный» as written. */
  responsible: string;
  roles: RoadmapRole[];
  /** «Результат. Вид документа» as written. */
  result: string;
  /** Cells of columns whose header was not understood, «Заголовок: значение; …». */
  note: string;
  /** 1-based line of the pasted text (or row of the grid) where the event starts. */
  line: number;
}

export interface PastedRoadmap {
  events: RoadmapEventDraft[];
  /** Russian messages for the curator: guesses made, rows that did not fit. */
  warnings: string[];
  /** Text before the table (usually the document's title), as written. */
  preamble: string[];
}

// ---------------------------------------------------------------------------------------------
// Cells

const ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  laquo: "«",
  raquo: "»",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  bull: "•",
};

/** A cell as a person reads it: no HTML, no markdown bold, single spaces. */
export function cleanCell(text: unknown): string {
  let s = String(text ?? "");
  s = s.replace(/<sup>\s*\d+\s*<\/sup>/gi, "");
  s = s.replace(/<\/?(?:p|div|li|ul|ol|br|tr|td|th|table|tbody|thead|h\d|blockquote)(?:\s[^>]*)?\/?>/gi, " ");
  s = s.replace(/<\/?[a-z][^>]*>/gi, "");
  s = s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
    }
    const v = ENTITIES[name.toLowerCase()];
    return v === undefined ? all : v;
  });
  s = s
    .replace(/[\u00a0\u2007\u202f\u200b\r\n\t]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  s = s.replace(/^\*\*\s*/, "").replace(/\s*\*\*$/, "");
  return s.trim();
}

interface PhysLine {
  cells: string[];
  line: number;
}

/** Splits tab-separated text into lines of cells; a cell in double quotes may span lines. */
function splitTsv(text: string): PhysLine[] {
  const out: PhysLine[] = [];
  const src = text.replace(/\r\n?/g, "\n");
  let i = 0;
  let line = 1;
  while (i <= src.length) {
    const startLine = line;
    const cells: string[] = [];
    let cell = "";
    let atCellStart = true;
    for (;;) {
      if (i >= src.length) {
        cells.push(cell);
        i++;
        break;
      }
      const ch = src[i];
      if (atCellStart && ch === '"') {
        const q = readQuoted(src, i);
        if (q) {
          cell = q.value;
          line += q.newlines;
          i = q.end;
          atCellStart = false;
          continue;
        }
      }
      atCellStart = false;
      if (ch === "\t") {
        cells.push(cell);
        cell = "";
        atCellStart = true;
        i++;
      } else if (ch === "\n") {
        cells.push(cell);
        i++;
        line++;
        break;
      } else {
        cell += ch;
        i++;
      }
    }
    out.push({ cells, line: startLine });
  }
  // the text's final newline does not make an extra line
  if (out.length > 1 && out[out.length - 1].cells.every((c) => c === "") && src.endsWith("\n")) out.pop();
  return out;
}

/** A quoted cell «"…""…"» closed before a tab, a newline or the end; null if it is not one. */
function readQuoted(src: string, start: number): { value: string; end: number; newlines: number } | null {
  let value = "";
  let newlines = 0;
  let i = start + 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '"') {
      if (src[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      const next = src[i + 1];
      if (next === undefined || next === "\t" || next === "\n") return { value, end: i + 1, newlines };
      return null;
    }
    if (ch === "\n") newlines++;
    value += ch;
    i++;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Header

/** The meaning of a header cell, or null. */
export function classifyHeader(cell: string): ColumnKind | null {
  const h = cell.toLowerCase().replace(/ё/g, "е").trim();
  if (!h || h.length > 80) return null;
  if (/^№|^n[o°]?\.?$|п\/п|^номер/.test(h)) return "number";
  if (/срок|^дат[аы]|^когда|^период/.test(h)) return "deadline";
  if (/ответствен|исполнител|^кто/.test(h)) return "responsible";
  if (/результат|документ|продукт/.test(h)) return "result";
  if (/примечани|комментари|отметка/.test(h)) return "note";
  if (/этап|раздел/.test(h) && !/мероприят|содержани|деятельност/.test(h)) return "stage";
  if (/мероприят|содержани|деятельност|действи|вид[ыа]? работ|наименование работ/.test(h)) return "wording";
  if (/^задач|^цел[ьи]/.test(h)) return "task";
  return null;
}

interface Columns {
  /** Column kind by index; null for a column not understood. */
  kinds: Array<ColumnKind | null>;
  /** Header texts (for notes). */
  titles: string[];
}

function trimTrailingEmpty(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === "") n--;
  return cells.slice(0, n);
}

/** The columns of a header row, or null when the row is not a roadmap header. */
function headerColumns(all: string[]): Columns | null {
  const cells = trimTrailingEmpty(all);
  const filled = cells.filter((c) => c !== "");
  if (filled.length < 2) return null;
  const kinds = cells.map((c) => classifyHeader(c));
  const known = kinds.filter((k) => k !== null);
  if (known.length < 2 || known.length * 2 < filled.length) return null;
  if (kinds.indexOf("wording") < 0) return null;
  const seen: Array<ColumnKind | null> = [];
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    // a second column of the same meaning goes to the note
    seen.push(k !== null && seen.indexOf(k) >= 0 ? null : k);
  }
  return { kinds: seen, titles: cells };
}

function sameCells(a: string[], b: string[]): boolean {
  const x = trimTrailingEmpty(a);
  const y = trimTrailingEmpty(b);
  return x.length === y.length && x.every((c, i) => c.toLowerCase() === y[i].toLowerCase());
}

function isNumberingRow(cells: string[]): boolean {
  const filled = trimTrailingEmpty(cells);
  return filled.length >= 2 && filled.every((c, i) => c === String(i + 1) || c === `${i + 1}.`);
}

// ---------------------------------------------------------------------------------------------
// Guessing columns without a header

const ITEM_NUMBER = /^(?:\d+(?:\.\d+)*|[a-zа-я]|[ivx]+)[.)]?$/i;
const TOP_NUMBER = /^(?:\d+|[IVX]+)\.?$/;
const SUB_NUMBER = /^(?:\d+\.\d+\.?|[a-zа-я][.)])$/i;
const PERSON = /[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]?\.?|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+/;

/** Any school year will do to tell whether a text reads as a deadline. */
const PROBE_CONTEXT = {
  schoolYearStart: new Date(Date.UTC(2000, 8, 1)),
  programStart: new Date(Date.UTC(2000, 8, 1)),
  programEnd: new Date(Date.UTC(2001, 4, 31)),
};

function looksLikeDeadline(text: string): boolean {
  const kind = parseDeadline(text, PROBE_CONTEXT).kind;
  return kind !== "unrecognized" && kind !== "none";
}

function guessColumns(lines: PhysLine[]): Columns {
  const width = Math.max(1, ...lines.map((l) => trimTrailingEmpty(l.cells).length));
  const kinds: Array<ColumnKind | null> = [];
  const share = (col: number, test: (s: string) => boolean): number => {
    const values = lines.map((l) => l.cells[col] ?? "").filter((c) => c !== "");
    if (values.length === 0) return 0;
    return values.filter(test).length / values.length;
  };
  for (let c = 0; c < width; c++) {
    let kind: ColumnKind | null = null;
    if (kinds.indexOf("number") < 0 && share(c, (s) => ITEM_NUMBER.test(s)) >= 0.6) kind = "number";
    else if (kinds.indexOf("deadline") < 0 && share(c, looksLikeDeadline) >= 0.5) kind = "deadline";
    else if (
      kinds.indexOf("responsible") < 0 &&
      share(c, (s) => PERSON.test(s) || normalizeRoles(s).length > 0) >= 0.5 &&
      share(c, (s) => s.length <= 120) >= 0.8
    )
      kind = "responsible";
    kinds.push(kind);
  }
  const rest: ColumnKind[] = ["wording", "result"];
  for (let c = 0; c < width; c++) {
    if (kinds[c] !== null) continue;
    kinds[c] = rest.shift() ?? "note";
  }
  return { kinds, titles: kinds.map((k, i) => k ?? `Столбец ${i + 1}`) };
}

const KIND_NAMES: Record<ColumnKind, string> = {
  number: "№",
  stage: "этап",
  task: "задачи",
  wording: "мероприятие",
  deadline: "срок",
  responsible: "ответственный",
  result: "результат",
  note: "примечание",
};

// ---------------------------------------------------------------------------------------------
// Rows

interface LogicalRow {
  cells: string[];
  line: number;
  /** Cells received so far (for rows broken Word-style). */
  count: number;
  columns: Columns;
}

function startsContinuation(text: string): boolean {
  const ch = text.charAt(0);
  if (/[(,;)\-–—•]/.test(ch)) return true;
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function endsUnfinished(text: string): boolean {
  return /[:,\-–—(]$|\s(?:и|или|в|во|с|со|на|по|для|к|от|из|о|об|а|при|без|через)$/i.test(text);
}

function col(columns: Columns, kind: ColumnKind): number {
  return columns.kinds.indexOf(kind);
}

function appendCell(a: string, b: string): string {
  if (!b) return a;
  if (!a) return b;
  return `${a} ${b}`;
}

interface Assembler {
  rows: LogicalRow[];
  warnings: string[];
}

function isAlignedContinuation(cells: string[], last: LogicalRow, blankBefore: boolean): boolean {
  const columns = last.columns;
  const filled: number[] = [];
  cells.forEach((c, i) => {
    if (c !== "") filled.push(i);
  });
  if (filled.length === 0) return false;
  const numCol = col(columns, "number");
  if (numCol >= 0 && (cells[numCol] ?? "") !== "") return false;
  const first = cells[filled[0]];
  if (!startsContinuation(first)) return false;
  if (/^этап\s/i.test(first)) return false;
  if (blankBefore) return true;
  const above = last.cells[filled[0]] ?? "";
  if (above && endsUnfinished(above)) return true;
  const wordingCol = col(columns, "wording");
  if (wordingCol >= 0 && endsUnfinished(last.cells[wordingCol] ?? "")) return true;
  const deadlineCol = col(columns, "deadline");
  const responsibleCol = col(columns, "responsible");
  const datedOrOwned =
    (deadlineCol >= 0 && (cells[deadlineCol] ?? "") !== "") ||
    (responsibleCol >= 0 && (cells[responsibleCol] ?? "") !== "");
  return !datedOrOwned;
}

/** Does a short line start a new row rather than continue a short one? */
function startsNewRow(cells: string[], columns: Columns): boolean {
  const first = cells[0] ?? "";
  if (columns.kinds[0] === "number" && ITEM_NUMBER.test(first)) return true;
  return /^этап\s/i.test(first);
}

function addLine(
  asm: Assembler,
  cells: string[],
  line: number,
  columns: Columns,
  blankBefore: boolean,
  open: LogicalRow | null,
  flowing: boolean,
): LogicalRow | null {
  const width = columns.kinds.length;
  // Word style: a short row goes on with the next line
  if (
    flowing &&
    open &&
    open.columns === columns &&
    open.count < width &&
    open.count + cells.length - 1 <= width
  ) {
    if (!startsNewRow(cells, columns)) {
      const lastIdx = open.count - 1;
      const lastKind = columns.kinds[lastIdx];
      const head = cells[0] ?? "";
      const lowerStart = head !== "" && startsContinuation(head);
      const finishedDeadline = lastKind === "deadline" && looksLikeDeadline(open.cells[lastIdx]);
      if (lowerStart || !finishedDeadline) {
        if (!lowerStart) {
          asm.warnings.push(
            `Строки ${open.line} и ${line}: ячейка «${KIND_NAMES[lastKind ?? "note"]}» продолжена со следующей строки — проверьте.`,
          );
        }
        open.cells[lastIdx] = appendCell(open.cells[lastIdx], head);
        for (let k = 1; k < cells.length; k++)
          open.cells[lastIdx + k] = appendCell(open.cells[lastIdx + k], cells[k]);
        open.count = lastIdx + cells.length;
        return open.count < width ? open : null;
      }
    }
  }
  const last = asm.rows[asm.rows.length - 1];
  if (last && last.columns === columns && isAlignedContinuation(cells, last, blankBefore)) {
    for (let k = 0; k < Math.min(cells.length, width); k++)
      last.cells[k] = appendCell(last.cells[k], cells[k]);
    if (cells.length > width) {
      const extra = cells.slice(width).filter((c) => c !== "");
      if (extra.length)
        asm.warnings.push(`Строка ${line}: лишние ячейки сохранены в примечании: «${extra.join(" | ")}».`);
      last.cells[width] = appendCell(last.cells[width] ?? "", extra.join("; "));
    }
    return null;
  }
  const row: LogicalRow = { cells: [], line, count: cells.length, columns };
  for (let k = 0; k < width; k++) row.cells.push(cells[k] ?? "");
  if (cells.length > width) {
    const extra = cells.slice(width).filter((c) => c !== "");
    if (extra.length) {
      asm.warnings.push(
        `Строка ${line}: ячеек больше, чем столбцов; лишние сохранены в примечании: «${extra.join(" | ")}».`,
      );
      row.cells[width] = extra.join("; ");
    }
  }
  asm.rows.push(row);
  return flowing && cells.length < width ? row : null;
}

function parseLines(lines: PhysLine[], flowing: boolean): PastedRoadmap {
  const warnings: string[] = [];
  const preamble: string[] = [];
  const clean = lines.map((l) => ({ line: l.line, cells: l.cells.map(cleanCell) }));
  const isBlank = (cells: string[]) => cells.every((c) => c === "");

  let headerIdx = -1;
  let columns: Columns | null = null;
  for (let i = 0; i < clean.length; i++) {
    const h = headerColumns(clean[i].cells);
    if (h) {
      headerIdx = i;
      columns = h;
      break;
    }
  }
  let body = clean;
  if (columns) {
    for (let i = 0; i < headerIdx; i++) {
      const text = clean[i].cells.filter((c) => c !== "").join(" ");
      if (text) preamble.push(text);
    }
    body = clean.slice(headerIdx + 1);
  } else {
    columns = guessColumns(clean.filter((l) => !isBlank(l.cells)));
    warnings.push(
      `Строка заголовка таблицы не найдена: столбцы определены по содержимому и по порядку (${columns.kinds
        .map((k, i) => `${i + 1} — ${KIND_NAMES[k ?? "note"]}`)
        .join(", ")}). Проверьте результат.`,
    );
  }
  reportColumns(columns, warnings);

  const asm: Assembler = { rows: [], warnings };
  let blankBefore = false;
  let open: LogicalRow | null = null;
  let headerCells = columns === null ? [] : columns.titles;
  let justAfterHeader = headerIdx >= 0;
  for (const l of body) {
    if (isBlank(l.cells)) {
      blankBefore = true;
      continue;
    }
    if (justAfterHeader && isNumberingRow(l.cells)) {
      justAfterHeader = false;
      continue;
    }
    justAfterHeader = false;
    if (headerIdx >= 0 && sameCells(l.cells, headerCells)) {
      blankBefore = false;
      justAfterHeader = true;
      continue;
    }
    const other = headerColumns(l.cells);
    if (other && headerIdx >= 0) {
      columns = other;
      headerCells = other.titles;
      warnings.push(`Строка ${l.line}: начинается другая таблица; её столбцы определены по её заголовку.`);
      reportColumns(columns, warnings);
      open = null;
      blankBefore = false;
      justAfterHeader = true;
      continue;
    }
    open = addLine(asm, l.cells, l.line, columns as Columns, blankBefore, open, flowing);
    blankBefore = false;
  }
  return { events: rowsToEvents(asm.rows, warnings), warnings, preamble };
}

function reportColumns(columns: Columns, warnings: string[]): void {
  columns.kinds.forEach((k, i) => {
    const title = columns.titles[i] ?? "";
    if (k === null && title) {
      warnings.push(`Столбец «${title}» не распознан: его содержимое сохранено в примечании.`);
    }
  });
  if (columns.kinds.indexOf("wording") < 0) warnings.push("Не найден столбец мероприятий.");
}

function stageNumber(n: string): string {
  if (!n) return "";
  return /[.)]$/.test(n) ? n : `${n}.`;
}

function rowsToEvents(rows: LogicalRow[], warnings: string[]): RoadmapEventDraft[] {
  const events: RoadmapEventDraft[] = [];
  let stage = "";
  let task = "";
  const hasSubNumbers = rows.some((r) => {
    const c = col(r.columns, "number");
    return c >= 0 && SUB_NUMBER.test(r.cells[c]);
  });
  for (const row of rows) {
    const cols = row.columns;
    const get = (kind: ColumnKind) => {
      const c = col(cols, kind);
      return c >= 0 ? (row.cells[c] ?? "") : "";
    };
    let number = get("number");
    let wording = get("wording");
    const stageCell = get("stage");
    const taskCell = get("task");
    const deadline = get("deadline");
    const responsible = get("responsible");
    const result = get("result");
    const notes: string[] = [];
    row.cells.forEach((c, i) => {
      if (c === "") return;
      if (i >= cols.kinds.length) notes.push(c);
      else if (cols.kinds[i] === null || cols.kinds[i] === "note") {
        const title = cols.titles[i];
        notes.push(title && cols.kinds[i] === null ? `${title}: ${c}` : c);
      }
    });
    const note = notes.join("; ");
    if (number && !ITEM_NUMBER.test(number)) {
      warnings.push(`Строка ${row.line}: в столбце «№» текст — перенесён в мероприятие.`);
      wording = appendCell(number, wording);
      number = "";
    }
    const empty = (s: string) => s === "";

    // a stage in its own column
    if (stageCell) {
      stage = number ? `${stageNumber(number)} ${stageCell}` : stageCell;
      task = "";
      if (
        empty(wording) &&
        empty(taskCell) &&
        empty(deadline) &&
        empty(responsible) &&
        empty(result) &&
        !note
      ) {
        continue;
      }
    }
    // «Этап 1. …» in the first text cell, nothing else
    const firstText = taskCell || wording;
    if (
      /^этап\s*[\dIVX]/i.test(firstText) &&
      empty(deadline) &&
      empty(responsible) &&
      empty(result) &&
      (empty(taskCell) || empty(wording))
    ) {
      stage = number ? `${stageNumber(number)} ${firstText}` : firstText;
      task = "";
      continue;
    }
    // a numbered title among sub-numbered items
    if (
      hasSubNumbers &&
      TOP_NUMBER.test(number) &&
      !empty(wording) &&
      empty(deadline) &&
      empty(responsible) &&
      empty(result) &&
      empty(taskCell)
    ) {
      stage = `${stageNumber(number)} ${wording}`;
      task = "";
      continue;
    }
    if (taskCell) task = taskCell;
    if (empty(wording) && empty(deadline) && empty(responsible) && empty(result)) {
      if (taskCell) continue; // a task row: context for the events below
      if (!note && !number) continue;
    }
    if (empty(wording)) warnings.push(`Строка ${row.line}: не указано мероприятие.`);
    events.push({
      stage,
      task,
      number,
      wording,
      deadline,
      responsible,
      roles: normalizeRoles(responsible),
      result,
      note,
      line: row.line,
    });
  }
  return events;
}

/** Reads a roadmap table pasted as text (tab-separated, as copied from Word, PDF or a sheet). */
export function parsePastedRoadmap(text: string): PastedRoadmap {
  return parseLines(splitTsv(String(text ?? "")), true);
}

/**
 * Reads a roadmap table from a grid of cells (a sheet); rows are numbered from 1. Besides text,
 * cells may hold what a sheet returns: numbers, booleans, and dates (calendar dates at midnight
 * UTC, written as «dd.mm.yyyy»).
 */
export function parseRoadmapGrid(rows: ReadonlyArray<ReadonlyArray<Cell | null | undefined>>): PastedRoadmap {
  const lines: PhysLine[] = rows.map((cells, i) => ({
    cells: cells.map((c) => (isDate(c) ? formatDateRu(c) : String(c ?? ""))),
    line: i + 1,
  }));
  return parseLines(lines, false);
}
