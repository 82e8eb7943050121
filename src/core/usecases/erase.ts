/**
 * «Отозвать согласие» (152-ФЗ, ст. 9 ч. 2 и ст. 21 ч. 5): a participant (or their legal
 * representative) withdraws consent to the processing of personal data, and the program removes
 * the person's data from every sheet it keeps, leaving only what is anonymous and needed for the
 * program's counts (indicators, monitoring shares). Decisions, sheet by sheet:
 *
 * - «Наставники», «Наставляемые» (rows whose «E-mail» is the address): the row stays, anonymous.
 *   Kept: ID, date of the questionnaire, category, source, partner organisation (indicator 4),
 *   teaching experience (indicator 3), form(s) of mentoring. «ФИО» becomes «[данные удалены]»
 *   (an empty name would drop the row from every count); «Дата рождения» becomes 1 September of
 *   the birth cohort (the age on any 1 September, hence indicators 1 and 2, stays exact; the day
 *   of birth is gone); «Статус» «завершил» when they counted («в паре», «завершил»: they still
 *   count, anonymously, for the period worked), else «выбыл»; «Допуск к
 *   подбору» «нет — согласие … отозвано»; «Комментарий куратора» «Данные удалены по отзыву
 *   согласия (дата)». Everything else — e-mail, phone, class, position, free text, interests,
 *   requests, the legal representative's name, consent dates, the curator's own columns — is
 *   blanked.
 * - «Пары»: the person's name becomes «[данные удалены]»; a proposed pair is «отклонена», an
 *   approved one «завершена» (end date today: the work done is not undone); their partner, left
 *   without another approved pair, «завершил» (still counted; the curator may set «ожидает пары»
 *   or «допущен» for a new pair — the report says so). IDs stay (pseudonymous).
 * - «Встречи» of those pairs: topic, result and comment are blanked (dates, types and ratings
 *   stay, for the cadence and the ratings of monitoring); «Кто внёс» is blanked when it is the
 *   address.
 * - «Предпочтения»: the person's own rows are removed; others' choices of them keep only the ID.
 * - «Отчёты наставников», «Анкеты мониторинга» (rows of the address): name and e-mail removed,
 *   free text blanked; month, role, stage and the 1–10 ratings stay (indicators 5, 6, monitoring).
 * - Sheets the program computes («Работа пар», «Мониторинг», «Динамика участников», «Рейтинг
 *   наставников», «Лучшие практики»): names replaced, the person's quoted words blanked.
 * - Raw response sheets (every «Лист ответов» of «Анкеты»): each row holding the address is
 *   cleared in place (rows are not shifted, so Google Forms keeps writing and editing the right
 *   rows; a blank row is skipped by «Переобработать ответы»). The form's own stored responses are
 *   deleted too when the runtime can (Apps Script), else a manual step is reported.
 * - «Журнал»: the original data of the person's rejected questionnaires is replaced by the mark;
 *   their address and names are removed from messages.
 * - Everywhere else (free text of any row, the curator's own columns): the address, the phone and
 *   the phone found by its digits however written, and the name in every case, order and short form
 *   («Макарова Романа», «Р. С. Макарову», «Роман Сергеевич», the surname alone) are replaced — a
 *   form only when no other participant of the banks may bear it (a namesake's data is never
 *   touched; the report says so).
 * - Cell notes of every sheet (the curator's own sheets and «Контингент» too): on the person's own
 *   rows every note goes; elsewhere the address, phones and names in them are replaced.
 * - «Отзывы согласия»: salted fingerprints of the address and of the name with the birth date (the
 *   salt a random string of this workbook), by which intake refuses the person's later answers.
 * - Files of documents and letters (offline: the documents folder and the outbox) whose names
 *   carry the person are renamed; their contents are not changed (the report says so).
 *
 * The act is logged in «Журнал» (who, when, whose records by ID) without the data itself.
 * Writes are ordered so that the banks (which hold the address that finds the person) go last:
 * when anything fails half way, running the command again finishes the job.
 */
import { isBlank, lowerText } from "../cells";
import { calendarDate, formatDateRu } from "../dates";
import { nameForms, parseName } from "../documents/names";
import { type Cell, type ClockPort, type LockPort, type WorkbookPort, withWorkbookLock } from "../ports";
import { WithdrawnRegistry } from "../privacy/fingerprint";
import {
  cohortBirthDate,
  ERASED_ELIGIBILITY,
  ERASED_MARK,
  ERASED_NAME,
  nameKey,
  Scrubber,
} from "../privacy/scrub";
import { impersonalColumns, sheetsWithoutPersonalData } from "../privacy/sheets";
import { idOfPersonChoice } from "../questionnaires/form-plan";
import { isEmail } from "../settings";
import { sheetTemplate, workbookTemplate } from "../templates/load";
import { appendJournal } from "../workbook/journal";
import type { ColumnKey, SheetKey } from "../workbook/keys.generated";
import { FIRST_DATA_ROW } from "../workbook/repair";
import { PAIR_STATUS, PARTICIPANT_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";
import { RUBRIC_SHEET } from "./rubric-sheet";

/** Deletes a respondent's responses stored by the form itself (Google Forms), when possible. */
export interface ResponseStorePort {
  /** How many responses of `email` were deleted from the form; throws when it cannot. */
  eraseResponses(formId: string, email: string): number;
}

export interface ErasePorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  lock?: LockPort;
  /** Who asked (the curator), for «Журнал». */
  user?: string;
  responses?: ResponseStorePort;
  /** A fresh random salt for «Отзывы согласия» (Apps Script: Utilities.getUuid; Node: crypto). */
  newSalt?: () => string;
  /** The documents and letters the runtime keeps as files, renamed when their names carry the person. */
  files?: FileNamesPort;
  /** The letters the runtime keeps (offline: the outbox): their text scrubbed; returns how many changed. */
  letters?: { scrub(text: (s: string) => string): number };
}

/** Files of documents and letters by name (offline: the documents folder and the outbox). */
export interface FileNamesPort {
  /**
   * Every file's name (a path relative to its store, as `rename` takes it); a store that must open
   * each document to know its name may give only those of these pairs (their programmes).
   */
  names(pairIds: string[]): string[];
  /** Renames a file; `to` differs only in its last part. */
  rename(from: string, to: string): void;
}

export interface ErasedRecord {
  role: "наставник" | "наставляемый";
  id: string;
}

export interface EraseReport {
  /** True when anything of the person was found (and removed). */
  found: boolean;
  records: ErasedRecord[];
  pairsEnded: string[];
  pairsRejected: string[];
  /** Rows changed per sheet name. */
  sheets: Record<string, number>;
  /** Rows of raw response sheets cleared. */
  responseRows: number;
  /** Responses deleted in the forms themselves. */
  formResponses: number;
  /** Cell notes cleared or edited (on every sheet, the curator's own too). */
  notes: number;
  /** Fingerprints added to «Отзывы согласия». */
  fingerprints: number;
  /** Document and letter files renamed. */
  filesRenamed: number;
  /** Letters whose text (subject, body) was scrubbed. */
  letters: number;
  /** Russian notes for the curator: what has to be done by hand. */
  warnings: string[];
}

const BANKS = [
  { key: "mentors", role: "наставник", partnerKey: "mentee_id", ownKey: "mentor_id" },
  { key: "mentees", role: "наставляемый", partnerKey: "mentor_id", ownKey: "mentee_id" },
] as const;

/** Columns of a bank row kept as they are (anonymous, needed for counts): not `personal` in the template. */
function bankKept(): Set<string> {
  return new Set([...impersonalColumns("mentors"), ...impersonalColumns("mentees")]);
}

/** Program-computed sheets with names: by which column a row belongs to a pair or a person. */
const COMPUTED_BY_PAIR = ["pair_activity", "best_practices", "monitoring"] as const;

/** Sheets never scrubbed (settings, lists, indicator targets, contingent, the dashboard, «Анкеты»): no personal data in the template. */
function notScrubbed(): Set<string> {
  return new Set(sheetsWithoutPersonalData());
}

/** Sets a cell of a table by physical column (a curator's own column too), so that it is written on flush. */
function setCell(t: Table, row: number, col: number, value: Cell): boolean {
  return t.setAt(row, col, value);
}

function setKey<S extends SheetKey>(t: Table<S>, row: number, key: ColumnKey<S>, value: Cell): boolean {
  if (!t.has(key)) return false;
  return setCell(t, row, t.columns[key], value);
}

/** Scrubs every text cell of the rows of a table; returns the rows changed. */
function scrubTable(t: Table, scrub: Scrubber, rows: number[], changed: Set<number>): void {
  if (scrub.empty) return;
  for (const r of rows)
    for (let c = 0; c < t.width; c++) {
      const v = t.rows[r][c];
      if (typeof v !== "string" || !scrub.hits(v)) continue;
      if (setCell(t, r, c, scrub.text(v))) changed.add(r);
    }
}

/** Blanks every cell of a row but those of `keep` (keys). */
function blankRowExcept(t: Table, row: number, keep: Set<string>): void {
  const keptCols = new Set([...keep].filter((k) => t.has(k)).map((k) => t.columns[k]));
  for (let c = 0; c < t.width; c++) if (!keptCols.has(c) && !isBlank(t.rows[row][c])) setCell(t, row, c, "");
}

/** «Отозвать согласие»: removes the personal data of the person with this e-mail. */
export function eraseConsent(ports: ErasePorts, email: string): EraseReport {
  const address = email.trim().toLowerCase();
  if (!isEmail(address))
    throw new Error(
      `«${email.trim()}» — не адрес электронной почты. Укажите адрес, с которым участник заполнял анкету.`,
    );
  const run = () => erase(ports, address);
  return withWorkbookLock(ports, run);
}

/** What every step shares: the workbook, the person's address, the day, the report, the scrubber. */
interface Erasure {
  wb: WorkbookPort;
  email: string;
  today: Date;
  report: EraseReport;
  /** Replaces the person's address, phones and names (those nobody else bears) in text. */
  scrub: Scrubber;
  /** The person's own rows per sheet name (0-based rows of the sheet): every note on them goes. */
  ownRows: Map<string, Set<number>>;
}

/**
 * The steps, in the order of the module comment: find the person, the raw responses (and the forms'
 * own copies), the notes of every sheet, «Журнал», «Предпочтения», the questionnaires, the pairs
 * (read), «Встречи», the computed and other sheets, the fingerprints, then «Пары» and the banks
 * last; the files of documents and letters; the act in «Журнал».
 */
function erase(ports: ErasePorts, email: string): EraseReport {
  const wb = ports.workbook;
  const today = calendarDate(ports.clock.now());
  const report = emptyReport();
  const person = findPerson(wb, email, report);
  const e: Erasure = { wb, email, today, report, scrub: person.scrub, ownRows: ownRowsOf(person) };

  const registry = Table.load(wb, "forms_registry");
  const sheetNames = new Set(wb.sheetNames());
  const responseSheets = clearResponseSheets(e, registry, sheetNames);
  scrubNotes(e, sheetNames);
  eraseFormResponses(e, registry, ports.responses);
  reportUnknownSheets(e, sheetNames, responseSheets);

  const pairs = endPairs(e, person.ids);
  scrubJournal(e, person.surnames, pairs.affected);
  scrubPreferences(e, person.prefs, person.allIds);
  anonymiseQuestionnaire(e, person.surveys, impersonalColumns("surveys"), (r) => {
    const t = person.surveys;
    return `${ERASED_NAME} | ${String(t.get(r, "role"))} | ${String(t.get(r, "stage"))}`;
  });
  anonymiseQuestionnaire(
    e,
    person.reports,
    impersonalColumns("mentor_reports"),
    (r) => `${ERASED_NAME} | ${String(person.reports.get(r, "month"))}`,
  );
  scrubMeetings(e, pairs.affected);
  for (const key of COMPUTED_BY_PAIR) scrubPairSheet(e, key, pairs, person.ids);
  scrubPersonSheets(e, person.allIds);
  scrubOtherSheets(e);
  scrubRubricSheet(e, sheetNames);
  rememberWithdrawal(ports, e, person);

  // «Пары», then the banks last: the address that finds the person goes with the last write.
  pairs.table.flush(wb);
  tally(report, pairs.table, pairs.changed.size);
  anonymiseBanks(e, person, pairs);
  renameFiles(ports, e, person, pairs.affected);
  if (ports.letters && !e.scrub.empty) {
    e.report.letters = ports.letters.scrub((t) => e.scrub.text(t));
    if (e.report.letters > 0) e.report.found = true;
  }

  if (report.pairsEnded.length > 0)
    report.warnings.push(
      "Пары участника завершены, а не расторгнуты: сделанная работа остаётся в показателях. Их партнёры отмечены «завершил»; если партнёру нужна новая пара, смените его статус на «ожидает пары» (наставляемый) или «допущен» (наставник).",
    );
  if (report.found)
    report.warnings.push(
      "Содержимое ранее созданных документов (приказ о закреплении пар, персонализированные программы, отчёты) и вложений писем программа не изменяет — только имена файлов и текст писем: удалите или пересоздайте документы, в которых есть этот участник.",
    );
  journalAct(ports, report);
  return report;
}

function emptyReport(): EraseReport {
  return {
    found: false,
    records: [],
    pairsEnded: [],
    pairsRejected: [],
    sheets: {},
    responseRows: 0,
    formResponses: 0,
    notes: 0,
    fingerprints: 0,
    filesRenamed: 0,
    letters: 0,
    warnings: [],
  };
}

/** Counts the rows changed on a sheet (a table or a sheet's name); any change means the person was found. */
function tally(report: EraseReport, t: { sheet: string } | string, n: number): void {
  if (n <= 0) return;
  const name = typeof t === "string" ? t : t.sheet;
  report.sheets[name] = (report.sheets[name] ?? 0) + n;
  report.found = true;
}

/** «Данные удалены по отзыву согласия (дата)». */
function erasedStamp(e: Erasure): string {
  return `${ERASED_MARK} (${formatDateRu(e.today)})`;
}

// ---------------------------------------------------------------- 1. Who

function loadBanks(wb: WorkbookPort) {
  return BANKS.map((b) => ({ ...b, table: Table.load(wb, b.key) }));
}

type Bank = ReturnType<typeof loadBanks>[number];

/** The person: their bank rows and IDs, the questionnaires read to find their names, the scrubber. */
interface Person {
  banks: Bank[];
  /** The person's rows per bank key. */
  erasedRows: Map<string, number[]>;
  ids: Record<ErasedRecord["role"], Set<string>>;
  allIds: Set<string>;
  prefs: Table<"preferences">;
  surveys: Table<"surveys">;
  reports: Table<"mentor_reports">;
  scrub: Scrubber;
  email: string;
  /** Only the forms of the person's surname (for the files of their pairs' documents). */
  surnames: Scrubber;
  /** Names with birth dates, for the fingerprints. */
  identities: { fullName: string; birthDate: Cell }[];
}

/** The bank rows of the address, their IDs (into the report), names, phones; names in questionnaires. */
function findPerson(wb: WorkbookPort, email: string, report: EraseReport): Person {
  const banks = loadBanks(wb);
  const erasedRows = new Map<string, number[]>();
  const ids = { наставник: new Set<string>(), наставляемый: new Set<string>() };
  const names = new Set<string>();
  const phones = new Set<string>();
  const identities: Person["identities"] = [];
  for (const b of banks) {
    const rows = b.table.rowIndexes().filter((r) => lowerText(b.table.get(r, "email")) === email);
    erasedRows.set(b.key, rows);
    for (const r of rows) {
      const id = String(b.table.get(r, "id")).trim();
      if (id !== "") ids[b.role].add(id);
      report.records.push({ role: b.role, id });
      for (const k of ["full_name", "guardian_name"] as const) {
        const n = String(b.table.get(r, k)).trim();
        if (n !== "" && n !== ERASED_NAME) names.add(n);
      }
      const phone = String(b.table.get(r, "phone")).trim();
      if (phone !== "") phones.add(phone);
      const fullName = String(b.table.get(r, "full_name")).trim();
      if (fullName !== "" && fullName !== ERASED_NAME)
        identities.push({ fullName, birthDate: b.table.get(r, "birth_date") });
    }
  }
  const allIds = new Set([...ids.наставник, ...ids.наставляемый]);

  // Names the person gave in other questionnaires.
  const prefs = Table.load(wb, "preferences");
  const surveys = Table.load(wb, "surveys");
  const reports = Table.load(wb, "mentor_reports");
  for (const t of [prefs, surveys, reports] as const)
    for (const r of t.rowIndexes())
      if (lowerText(t.get(r, "email")) === email) {
        const n = String(t.get(r, "full_name")).trim();
        if (n !== "" && n !== ERASED_NAME) names.add(n);
      }

  const { scrub, surnames } = personScrubber(banks, email, names, phones, report);
  return { banks, erasedRows, ids, allIds, prefs, surveys, reports, scrub, email, surnames, identities };
}

/** The person's own rows on the template sheets, as 0-based rows of each sheet. */
function ownRowsOf(person: Person): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const add = (sheet: string, rows: number[]) => {
    const set = out.get(sheet) ?? new Set<number>();
    for (const r of rows) set.add(FIRST_DATA_ROW + r);
    out.set(sheet, set);
  };
  for (const b of person.banks) add(b.table.sheet, person.erasedRows.get(b.key) ?? []);
  for (const t of [person.prefs, person.surveys, person.reports])
    add(
      t.sheet,
      t.rowIndexes().filter((r) => lowerText(t.get(r, "email")) === person.email),
    );
  return out;
}

function normal(s: string): string {
  return s.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");
}

/** What tells another participant's name apart, in the nominative. */
interface OtherNames {
  full: Set<string>;
  /** «фамилия|имя» */
  lastFirst: Set<string>;
  /** «фамилия|и» */
  lastInitial: Set<string>;
  /** «имя|отчество» */
  firstMiddle: Set<string>;
  surnames: Set<string>;
}

function otherNames(banks: Bank[], email: string): OtherNames {
  const o: OtherNames = {
    full: new Set(),
    lastFirst: new Set(),
    lastInitial: new Set(),
    firstMiddle: new Set(),
    surnames: new Set(),
  };
  for (const b of banks)
    for (const r of b.table.rowIndexes()) {
      if (lowerText(b.table.get(r, "email")) === email) continue;
      for (const k of ["full_name", "guardian_name"] as const) {
        const n = String(b.table.get(r, k)).trim();
        if (n === "" || n === ERASED_NAME) continue;
        const p = parseName(normal(n));
        o.full.add(nameKey(n));
        o.surnames.add(p.last);
        o.lastFirst.add(`${p.last}|${p.first}`);
        o.lastInitial.add(`${p.last}|${p.first.slice(0, 1)}`);
        if (p.middle !== "") o.firstMiddle.add(`${p.first}|${p.middle}`);
      }
    }
  return o;
}

/**
 * The scrubber: each of the person's names in every case, order and short form (nameForms), but
 * only the forms no other participant of the banks may bear: a namesake's data is never touched.
 * The surname alone goes when no other participant's surname is one of its case forms («Макарова»
 * is also «Макаров» in the genitive).
 */
function personScrubber(
  banks: Bank[],
  email: string,
  names: Set<string>,
  phones: Set<string>,
  report: EraseReport,
): { scrub: Scrubber; surnames: Scrubber } {
  const others = otherNames(banks, email);
  const forms: string[] = [];
  const surnameForms: string[] = [];
  let namesake = false;
  let similar = false;
  for (const name of names) {
    if (others.full.has(nameKey(name))) {
      namesake = true;
      continue;
    }
    const p = parseName(normal(name));
    const f = nameForms(name);
    const mySurnames = new Set(f.surname.map(normal));
    const sharedSurname = [...others.surnames].some((s) => mySurnames.has(s));
    surnameForms.push(...f.surname);
    forms.push(name);
    if (![...mySurnames].some((s) => others.lastFirst.has(`${s}|${p.first}`))) forms.push(...f.full);
    else similar = true;
    if (p.middle === "" || !others.firstMiddle.has(`${p.first}|${p.middle}`)) forms.push(...f.firstMiddle);
    else similar = true;
    const initialClash = [...mySurnames].some((s) => others.lastInitial.has(`${s}|${p.first.slice(0, 1)}`));
    if (!initialClash) forms.push(...f.initials);
    else similar = true;
    if (!sharedSurname && p.last.length >= 4) forms.push(...f.surname);
    else if (sharedSurname) similar = true;
  }
  if (namesake)
    report.warnings.push(
      "В базах есть участник с такими же ФИО: в свободном тексте других записей ФИО не заменялось, чтобы не затронуть данные тёзки. Проверьте комментарии и тексты вручную.",
    );
  else if (similar)
    report.warnings.push(
      "В базах есть участник с той же фамилией (или той же фамилией и инициалами, или тем же именем и отчеством): такие формы имени в свободном тексте не заменялись, чтобы не затронуть его данные. Проверьте комментарии и тексты вручную.",
    );
  return {
    scrub: new Scrubber({ emails: [email], names: [], shortNames: [], phones: [...phones], forms }),
    surnames: new Scrubber({ emails: [], names: [], shortNames: [], phones: [], forms: surnameForms }),
  };
}

// ---------------------------------------------------------------- 2. Raw responses

/** Raw response sheets of «Анкеты»: rows holding the address are cleared in place; returns the sheets. */
function clearResponseSheets(
  e: Erasure,
  registry: Table<"forms_registry">,
  sheetNames: Set<string>,
): Set<string> {
  const responseSheets = new Set<string>();
  for (const { values } of registry.records()) {
    const sheet = String(values.response_sheet).trim();
    if (sheet === "" || !sheetNames.has(sheet) || responseSheets.has(sheet)) continue;
    responseSheets.add(sheet);
    clearResponseSheet(e, sheet);
  }
  return responseSheets;
}

/** One response sheet: the person's rows blanked, the others scrubbed; one write of the changed block. */
function clearResponseSheet(e: Erasure, sheet: string): void {
  const grid = e.wb.read(sheet);
  let first = -1;
  let last = -1;
  let cleared = 0;
  let changedRows = 0;
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    const mine = row.some((v) => typeof v === "string" && lowerText(v) === e.email);
    let changed = false;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      const next = mine ? "" : e.scrub.cell(v);
      if (next !== v) {
        row[c] = next;
        changed = true;
      }
    }
    if (mine) {
      const own = e.ownRows.get(sheet) ?? new Set<number>();
      own.add(r);
      e.ownRows.set(sheet, own);
    }
    if (mine && changed) cleared++;
    if (changed) {
      changedRows++;
      if (first < 0) first = r;
      last = r;
    }
  }
  if (first >= 0) {
    e.wb.write(sheet, first, 0, grid.slice(first, last + 1));
    e.report.responseRows += cleared;
    tally(e.report, sheet, changedRows);
  }
}

/** The forms' own copies of the responses, when the runtime can delete them; else a manual step. */
function eraseFormResponses(
  e: Erasure,
  registry: Table<"forms_registry">,
  responses: ResponseStorePort | undefined,
): void {
  for (const { values } of registry.records()) {
    const formId = String(values.form_id).trim();
    if (formId === "") continue;
    if (!responses) continue;
    try {
      e.report.formResponses += responses.eraseResponses(formId, e.email);
    } catch (err) {
      e.report.warnings.push(
        `Ответы в самой форме «${String(values.title)}» не удалены (${err instanceof Error ? err.message : String(err)}): удалите их вручную в форме, вкладка «Ответы».`,
      );
    }
  }
}

/** Sheets the program does not know: only reported. */
function reportUnknownSheets(e: Erasure, sheetNames: Set<string>, responseSheets: Set<string>): void {
  const templateNames = new Set(workbookTemplate().sheets.map((s) => s.name));
  const clean: string[] = [];
  for (const name of sheetNames) {
    if (templateNames.has(name) || responseSheets.has(name) || name === RUBRIC_SHEET) continue;
    const hits = e.wb
      .read(name)
      .filter((row) => row.some((v) => typeof v === "string" && e.scrub.hits(v))).length;
    if (hits > 0)
      e.report.warnings.push(
        `Адрес или ФИО участника есть и на листе «${name}» (строк: ${hits}), который программа не ведёт: удалите эти данные вручную.`,
      );
    else clean.push(`«${name}»`);
  }
  // What could not be checked: what a curator's sheet holds besides text (images, charts, links to files).
  if (clean.length > 0)
    e.report.warnings.push(
      `Листы, которые добавил куратор (${clean.join(", ")}), программа не ведёт и не меняет: в их тексте адреса, телефона и ФИО участника нет, но изображения, диаграммы и ссылки на файлы на них проверьте вручную.`,
    );
}

/**
 * Notes (comments) of every cell of every sheet, the curator's own sheets and those without
 * personal data («Контингент») too: on the person's own rows every note goes; elsewhere their
 * address, phones and names are replaced. One read and at most one write of notes per sheet.
 */
function scrubNotes(e: Erasure, sheetNames: Set<string>): void {
  const wb = e.wb;
  if (!wb.readNotes || !wb.writeNotes) {
    e.report.warnings.push(
      "Примечания к ячейкам здесь проверить нельзя: просмотрите их вручную (в примечании может быть имя или телефон участника).",
    );
    return;
  }
  for (const name of sheetNames) {
    const notes = wb.readNotes(name);
    const own = e.ownRows.get(name);
    let changed = 0;
    notes.forEach((row, r) => {
      row.forEach((note, c) => {
        if (note === "") return;
        const next = own?.has(r) ? "" : e.scrub.text(note);
        if (next === note) return;
        row[c] = next;
        changed++;
      });
    });
    if (changed === 0) continue;
    wb.writeNotes(name, notes);
    e.report.notes += changed;
    e.report.found = true;
  }
}

/**
 * «Отзывы согласия»: the salted fingerprints of the person's address and of each name with its
 * birth date, so that a later import, replay or submission of theirs is refused (see intake.ts).
 * Written before the banks: a run that fails after it finds the person again and adds nothing twice.
 */
function rememberWithdrawal(ports: ErasePorts, e: Erasure, person: Person): void {
  const registry = WithdrawnRegistry.load(e.wb);
  if (!registry) {
    e.report.warnings.push(
      `В книге нет листа «${sheetTemplate("withdrawn").name}»: выполните «Инициализировать / восстановить книгу» и повторите отзыв согласия — иначе повторный импорт анкет вернёт участника.`,
    );
    return;
  }
  let added = registry.add({ email: e.email }, e.today, ports.newSalt);
  for (const id of person.identities) added += registry.add(id, e.today, ports.newSalt);
  registry.flush(e.wb);
  e.report.fingerprints += added;
}

/** Finds a mention of one of the pairs («П-0003», not «П-00031»); null when there are none. */
function pairMention(pairIds: Set<string>): RegExp | null {
  const ids = [...pairIds].filter((id) => id !== "").map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return ids.length === 0 ? null : new RegExp(`(?<![\\w-])(?:${ids.join("|")})(?![\\w-])`);
}

/**
 * Files of documents and letters whose names carry the person: their names in any form are
 * replaced, and in the files of their pairs' documents («Программа П-0003 Орлова – Макаров») the
 * surname too, even when another participant shares it. The contents stay (reported).
 */
function renameFiles(ports: ErasePorts, e: Erasure, person: Person, affected: Set<string>): void {
  const files = ports.files;
  if (!files) return;
  const ofPairs = pairMention(affected);
  for (const path of files.names([...affected])) {
    const parts = path.split("/");
    const base = parts.pop() ?? "";
    let next = e.scrub.text(base);
    if (ofPairs?.test(base)) next = person.surnames.text(next);
    next = next.replace(/[\\/:*?"<>|]/g, "_");
    if (next === base) continue;
    try {
      files.rename(path, [...parts, next].join("/"));
    } catch (err) {
      e.report.warnings.push(
        `Файл «${next}» (с именем участника в названии) переименовать не удалось (${err instanceof Error ? err.message : String(err)}): переименуйте или удалите его вручную.`,
      );
      continue;
    }
    e.report.filesRenamed++;
    e.report.found = true;
  }
}

// ---------------------------------------------------------------- 3–5. «Журнал», questionnaires

/** 3. «Журнал»: originals of the person's questionnaires, their address and names in messages (and in document lines of their pairs). */
function scrubJournal(e: Erasure, surnames: Scrubber, affected: Set<string>): void {
  const log = Table.load(e.wb, "log");
  const changed = new Set<number>();
  // A line about a document of their pairs («Программа П-0003 Орлова – Макаров») loses the surname
  // even when another participant bears it: the pair tells whose it is.
  const ofPairs = pairMention(affected);
  const mc = log.has("message") ? log.columns.message : -1;
  if (ofPairs && mc >= 0)
    for (const r of log.rowIndexes()) {
      const v = log.rows[r][mc];
      if (typeof v === "string" && ofPairs.test(v) && setCell(log, r, mc, surnames.text(v))) changed.add(r);
    }
  // What the person submitted, as JSON (lines of every version) and as readable text: stamped
  // whole when it holds their address or name; a line about them names them «[данные удалены]».
  const submitted = (["original", "details"] as const).filter((k) => log.has(k)).map((k) => log.columns[k]);
  const pc = log.has("person") ? log.columns.person : -1;
  const theirs = (v: unknown) => typeof v === "string" && (lowerText(v).includes(e.email) || e.scrub.hits(v));
  for (const r of log.rowIndexes()) {
    for (const c of submitted)
      if (theirs(log.rows[r][c]) && setCell(log, r, c, erasedStamp(e))) changed.add(r);
    if (pc >= 0 && theirs(log.rows[r][pc]) && setCell(log, r, pc, ERASED_NAME)) changed.add(r);
  }
  scrubTable(log, e.scrub, log.rowIndexes(), changed);
  log.flush(e.wb);
  tally(e.report, log, changed.size);
}

/** 4. «Предпочтения»: own rows removed; others' choices of the person keep only the ID. */
function scrubPreferences(e: Erasure, prefs: Table<"preferences">, allIds: Set<string>): void {
  const own = prefs.rowIndexes().filter((r) => lowerText(prefs.get(r, "email")) === e.email);
  const changed = new Set<number>();
  for (const r of prefs.rowIndexes()) {
    if (own.includes(r)) continue;
    for (const k of ["choice_1", "choice_2", "choice_3"] as const) {
      if (!prefs.has(k)) continue;
      const v = String(prefs.get(r, k));
      const id = idOfPersonChoice(v);
      if (id !== null && allIds.has(id) && setKey(prefs, r, k, `${ERASED_NAME} (${id})`)) changed.add(r);
    }
  }
  scrubTable(
    prefs,
    e.scrub,
    prefs.rowIndexes().filter((r) => !own.includes(r)),
    changed,
  );
  if (own.length > 0) prefs.remove(own);
  prefs.flush(e.wb);
  tally(e.report, prefs, own.length + changed.size);
}

/**
 * 5. «Анкеты мониторинга», «Отчёты наставников»: the person's rows anonymous; what stays (`kept`:
 * the columns not `personal` in the template) is the ratings (indicators 5, 6) and the month.
 */
function anonymiseQuestionnaire<S extends "surveys" | "mentor_reports">(
  e: Erasure,
  t: Table<S>,
  kept: ColumnKey<S>[],
  rowKey: (r: number) => string,
): void {
  const changed = new Set<number>();
  for (const r of t.rowIndexes()) {
    if (lowerText(t.get(r, "email")) !== e.email) continue;
    const key = rowKey(r);
    blankRowExcept(t, r, new Set<string>(kept));
    setKey(t, r, "full_name", ERASED_NAME);
    setKey(t, r, "row_key", key);
    changed.add(r);
  }
  scrubTable(t, e.scrub, t.rowIndexes(), changed);
  t.flush(e.wb);
  tally(e.report, t, changed.size);
}

// ---------------------------------------------------------------- 6–8. Pairs and what depends on them

/** «Пары» changed in memory (written in step 9), the person's pairs, the partners they release. */
interface PairsOfPerson {
  table: Table<"pairs">;
  changed: Set<number>;
  affected: Set<string>;
  released: { mentor_id: Set<string>; mentee_id: Set<string> };
}

/**
 * 6. Pairs of the person (read now; written after the sheets that depend on them): names erased, a
 * proposed pair rejected, an approved one terminated (its partner released), a note in the comment.
 */
function endPairs(e: Erasure, ids: Person["ids"]): PairsOfPerson {
  const pairs = Table.load(e.wb, "pairs");
  const affected = new Set<string>();
  const released = { mentor_id: new Set<string>(), mentee_id: new Set<string>() };
  const changed = new Set<number>();
  for (const r of pairs.rowIndexes()) {
    const mentorErased = ids.наставник.has(String(pairs.get(r, "mentor_id")).trim());
    const menteeErased = ids.наставляемый.has(String(pairs.get(r, "mentee_id")).trim());
    if (!mentorErased && !menteeErased) continue;
    const pairId = String(pairs.get(r, "pair_id")).trim();
    affected.add(pairId);
    if (mentorErased && setKey(pairs, r, "mentor_name", ERASED_NAME)) changed.add(r);
    if (menteeErased && setKey(pairs, r, "mentee_name", ERASED_NAME)) changed.add(r);
    const status = String(pairs.get(r, "status")).trim();
    const note = `${erasedStamp(e)}.`;
    if (status === PAIR_STATUS.proposed) {
      setKey(pairs, r, "status", PAIR_STATUS.rejected);
      e.report.pairsRejected.push(pairId);
      changed.add(r);
    } else if (status === PAIR_STATUS.approved) {
      // Finished, not terminated: the work done counts (indicators), the partner is not reset.
      setKey(pairs, r, "status", PAIR_STATUS.completed);
      if (isBlank(pairs.get(r, "end_date"))) setKey(pairs, r, "end_date", e.today);
      e.report.pairsEnded.push(pairId);
      if (!menteeErased) released.mentee_id.add(String(pairs.get(r, "mentee_id")).trim());
      if (!mentorErased) released.mentor_id.add(String(pairs.get(r, "mentor_id")).trim());
      changed.add(r);
    }
    const comment = String(pairs.get(r, "comment"));
    if (!comment.includes(ERASED_MARK) && setKey(pairs, r, "comment", comment ? `${comment}\n${note}` : note))
      changed.add(r);
  }
  scrubTable(pairs, e.scrub, pairs.rowIndexes(), changed);
  return { table: pairs, changed, affected, released };
}

/** 7. «Встречи» of those pairs: topic, result and comment blanked; «Кто внёс» when it is the address. */
function scrubMeetings(e: Erasure, affected: Set<string>): void {
  const t = Table.load(e.wb, "meetings");
  const changed = new Set<number>();
  for (const r of t.rowIndexes()) {
    if (lowerText(t.get(r, "submitted_by")) === e.email && setKey(t, r, "submitted_by", "")) changed.add(r);
    if (!affected.has(String(t.get(r, "pair_id")).trim())) continue;
    for (const k of ["topic", "result", "comment"] as const) if (setKey(t, r, k, "")) changed.add(r);
  }
  scrubTable(t, e.scrub, t.rowIndexes(), changed);
  t.flush(e.wb);
  tally(e.report, t, changed.size);
}

/**
 * 8. A sheet the program computes per pair: the erased side's name replaced (also in «Мониторинг»'s
 * label), their quoted words left out of «Лучшие практики».
 */
function scrubPairSheet(
  e: Erasure,
  key: (typeof COMPUTED_BY_PAIR)[number],
  pairs: PairsOfPerson,
  ids: Person["ids"],
): void {
  const t = Table.load(e.wb, key);
  const changed = new Set<number>();
  const pairCol = key === "monitoring" ? "scope" : "pair_id";
  for (const r of t.rowIndexes()) {
    if (!pairs.affected.has(String(t.get(r, pairCol)).trim())) continue;
    for (const [nameKeyCol, role] of [
      ["mentor_name", "наставник"],
      ["mentee_name", "наставляемый"],
    ] as const) {
      const idCol = role === "наставник" ? "mentor_id" : "mentee_id";
      const pr = pairs.table.find("pair_id", String(t.get(r, pairCol)));
      const erasedSide = pr >= 0 && ids[role].has(String(pairs.table.get(pr, idCol)).trim());
      if (erasedSide && setKey(t, r, nameKeyCol, ERASED_NAME)) changed.add(r);
      if (erasedSide && key === "monitoring" && t.has("label")) {
        const sides = String(t.get(r, "label")).split(" — ");
        if (sides.length === 2) {
          sides[role === "наставник" ? 0 : 1] = ERASED_NAME;
          if (setKey(t, r, "label", sides.join(" — "))) changed.add(r);
        }
      }
      if (erasedSide && key === "best_practices" && t.has("valuable")) {
        const prefix = role === "наставник" ? "Наставник:" : "Наставляемый:";
        const kept = String(t.get(r, "valuable"))
          .split("\n")
          .filter((l) => !l.startsWith(prefix))
          .join("\n");
        if (setKey(t, r, "valuable", kept)) changed.add(r);
      }
    }
  }
  scrubTable(t, e.scrub, t.rowIndexes(), changed);
  t.flush(e.wb);
  tally(e.report, t, changed.size);
}

/** 8. «Динамика участников», «Рейтинг наставников»: the person's rows by ID lose the name. */
function scrubPersonSheets(e: Erasure, allIds: Set<string>): void {
  for (const [key, idCol, nameCol] of [
    ["growth", "person_id", "full_name"],
    ["mentor_ranking", "mentor_id", "mentor_name"],
  ] as const) {
    const t = Table.load(e.wb, key);
    const changed = new Set<number>();
    for (const r of t.rowIndexes())
      if (allIds.has(String(t.get(r, idCol)).trim()) && setKey(t, r, nameCol, ERASED_NAME)) changed.add(r);
    scrubTable(t, e.scrub, t.rowIndexes(), changed);
    t.flush(e.wb);
    tally(e.report, t, changed.size);
  }
}

/** Sheets with their own step above. */
const HANDLED = new Set<string>([
  "mentors",
  "mentees",
  "pairs",
  "meetings",
  "preferences",
  "surveys",
  "mentor_reports",
  "log",
  "growth",
  "mentor_ranking",
  ...COMPUTED_BY_PAIR,
]);

/** 8. Every other table of the template with personal data: only scrubbed. */
/**
 * «Оценка куратора» (the program's work sheet outside the template, rubric-sheet.ts): the person's
 * names in its text cells replaced, as on the sheets it is written from; the scores stay.
 */
function scrubRubricSheet(e: Erasure, sheetNames: Set<string>): void {
  if (!sheetNames.has(RUBRIC_SHEET)) return;
  const grid = e.wb.read(RUBRIC_SHEET);
  let changed = 0;
  const out = grid.map((row) => {
    let hit = false;
    const line = row.map((v) => {
      if (typeof v !== "string" || !e.scrub.hits(v)) return v;
      hit = true;
      return e.scrub.text(v);
    });
    if (hit) changed++;
    return line;
  });
  if (changed === 0) return;
  e.wb.write(RUBRIC_SHEET, 0, 0, out);
  tally(e.report, RUBRIC_SHEET, changed);
}

function scrubOtherSheets(e: Erasure): void {
  const unscrubbed = notScrubbed();
  for (const sheet of workbookTemplate().sheets) {
    if (sheet.kind !== "table" || HANDLED.has(sheet.key) || unscrubbed.has(sheet.key)) continue;
    const t = Table.load(e.wb, sheet.key);
    const changed = new Set<number>();
    scrubTable(t, e.scrub, t.rowIndexes(), changed);
    t.flush(e.wb);
    tally(e.report, t, changed.size);
  }
}

// ---------------------------------------------------------------- 9–10. The banks, the act

/** 9. The banks, after «Пары» was written: the person's rows anonymous, released partners free again. */
function anonymiseBanks(e: Erasure, person: Person, pairs: PairsOfPerson): void {
  const stillPaired = new Set<string>();
  for (const r of pairs.table.rowIndexes())
    if (String(pairs.table.get(r, "status")).trim() === PAIR_STATUS.approved) {
      stillPaired.add(String(pairs.table.get(r, "mentor_id")).trim());
      stillPaired.add(String(pairs.table.get(r, "mentee_id")).trim());
    }
  for (const b of person.banks) {
    const releasedIds = b.key === "mentors" ? pairs.released.mentor_id : pairs.released.mentee_id;
    anonymiseBank(e, b, person.erasedRows.get(b.key) ?? [], releasedIds, stillPaired);
  }
}

/** One bank: the kept columns stay, the rest is blanked; a partner left without a pair is free again. */
function anonymiseBank(
  e: Erasure,
  b: Bank,
  mine: number[],
  releasedIds: Set<string>,
  stillPaired: Set<string>,
): void {
  const t = b.table;
  const stamp = erasedStamp(e);
  const changed = new Set<number>();
  for (const r of mine) {
    const status = String(t.get(r, "status")).trim();
    const birth = cohortBirthDate(t.get(r, "birth_date"));
    blankRowExcept(t, r, bankKept());
    setKey(t, r, "full_name", ERASED_NAME);
    if (birth) setKey(t, r, "birth_date", birth);
    // Whoever counted (in a pair, finished) still counts, anonymously: «завершил», never matched again.
    setKey(
      t,
      r,
      "status",
      status === PARTICIPANT_STATUS.finished || status === PARTICIPANT_STATUS.paired
        ? PARTICIPANT_STATUS.finished
        : PARTICIPANT_STATUS.left,
    );
    setKey(t, r, "eligibility", ERASED_ELIGIBILITY);
    setKey(t, r, "comment", stamp);
    changed.add(r);
  }
  // Partners of the finished pairs finished too (unless still in another approved pair): they keep counting.
  for (const r of t.rowIndexes()) {
    const id = String(t.get(r, "id")).trim();
    if (
      !releasedIds.has(id) ||
      stillPaired.has(id) ||
      String(t.get(r, "status")).trim() !== PARTICIPANT_STATUS.paired
    )
      continue;
    if (setKey(t, r, "status", PARTICIPANT_STATUS.finished)) changed.add(r);
  }
  scrubTable(
    t,
    e.scrub,
    t.rowIndexes().filter((r) => !mine.includes(r)),
    changed,
  );
  t.flush(e.wb);
  tally(e.report, t, changed.size);
}

/** 10. The act in «Журнал», without the data. */
function journalAct(ports: ErasePorts, report: EraseReport): void {
  const wb = ports.workbook;
  appendJournal(
    wb,
    [
      {
        at: ports.clock.now(),
        level: "информация",
        operation: "Отзыв согласия",
        message: journalMessage(report),
        person: ERASED_NAME,
        user: ports.user,
      },
    ],
    Table.load(wb, "log").columns,
  );
}

function sheetsSummary(report: EraseReport): string {
  return Object.entries(report.sheets)
    .map(([name, n]) => `«${name}» — ${n}`)
    .join(", ");
}

/** «Журнал» line: IDs and counts only, never the address or the name. */
function journalMessage(r: EraseReport): string {
  if (!r.found)
    return "Отзыв согласия на обработку персональных данных: сведений об участнике в книге нет (уже удалены или не поступали).";
  const parts = [
    r.records.length > 0
      ? `обезличены записи ${r.records.map((x) => `${x.id || "без ID"} (${x.role})`).join(", ")}`
      : "записей в базах нет",
  ];
  if (r.pairsEnded.length) parts.push(`завершены пары ${r.pairsEnded.join(", ")}`);
  if (r.pairsRejected.length) parts.push(`отклонены предложенные пары ${r.pairsRejected.join(", ")}`);
  if (r.responseRows) parts.push(`очищено строк ответов анкет: ${r.responseRows}`);
  if (r.formResponses) parts.push(`удалено ответов в формах: ${r.formResponses}`);
  if (r.notes) parts.push(`очищено примечаний к ячейкам: ${r.notes}`);
  if (r.filesRenamed) parts.push(`переименовано файлов документов и писем: ${r.filesRenamed}`);
  if (r.letters) parts.push(`очищен текст писем: ${r.letters}`);
  if (r.fingerprints) parts.push(`сохранено отпечатков для отказа в повторном приёме: ${r.fingerprints}`);
  parts.push(`изменено строк: ${sheetsSummary(r)}`);
  return `Персональные данные удалены по отзыву согласия: ${parts.join("; ")}.`;
}

/** The curator's summary (alert, CLI). */
export function describeErase(r: EraseReport, email: string): string {
  if (!r.found)
    return `Сведений об участнике с адресом ${email.trim()} в книге нет: данные уже удалены или не поступали. Запись об этом сделана в «${sheetTemplate("log").name}».`;
  const lines = [`Данные участника ${email.trim()} удалены по отзыву согласия.`];
  if (r.records.length)
    lines.push(
      `Обезличены записи: ${r.records.map((x) => `${x.id} (${x.role})`).join(", ")} — строки остались для обезличенных показателей, участник исключён из подбора.`,
    );
  if (r.pairsEnded.length) lines.push(`Завершены пары: ${r.pairsEnded.join(", ")}.`);
  if (r.pairsRejected.length) lines.push(`Отклонены предложенные пары: ${r.pairsRejected.join(", ")}.`);
  if (r.responseRows) lines.push(`Очищено строк на листах ответов анкет: ${r.responseRows}.`);
  if (r.notes) lines.push(`Очищено примечаний к ячейкам: ${r.notes}.`);
  if (r.filesRenamed) lines.push(`Переименовано файлов документов и писем: ${r.filesRenamed}.`);
  if (r.letters) lines.push(`Из текста писем (тема и текст, без вложений) удалены его данные: ${r.letters}.`);
  if (r.fingerprints)
    lines.push(
      `Анкеты этого участника больше не будут приняты: в «${sheetTemplate("withdrawn").name}» сохранены отпечатки адреса и ФИО (без самих данных).`,
    );
  lines.push(`Изменено строк: ${sheetsSummary(r)}.`);
  for (const w of r.warnings) lines.push(w);
  lines.push(`Запись о действии (без персональных данных) — в «${sheetTemplate("log").name}».`);
  return lines.join("\n");
}
