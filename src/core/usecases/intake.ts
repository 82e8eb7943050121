import { isBlank } from "../cells";
import { calendarDate } from "../dates";
import type { Submission } from "../intake/submission";
import { eligibility, type Role } from "../participants/eligibility";
import {
  type Cell,
  type ClockPort,
  isDate,
  type LockPort,
  type WorkbookPort,
  withWorkbookLock,
} from "../ports";
import { WithdrawnRegistry } from "../privacy/fingerprint";
import { ERASED_NAME } from "../privacy/scrub";
import { fullNameTitles, type Questionnaire, questionnaire } from "../questionnaires/schema";
import { type ListValues, validateSubmission } from "../questionnaires/validate";
import { asSheetKey, sheetTemplate } from "../templates/load";
import { normalizeHeader } from "../text";
import { ID_PREFIX, nextIdAllocator } from "../workbook/ids";
import {
  appendJournal,
  type JournalEntry,
  personOfOriginal,
  placeOfSource,
  rowPlace,
} from "../workbook/journal";
import { pairLabels, refreshPairLabels } from "../workbook/pair-labels";
import { MENTEE_STATUS, MENTOR_STATUS, PAIR_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";

export interface IntakePorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  lock?: LockPort;
  user?: string;
}

export type IntakeOutcome = "added" | "updated" | "unchanged" | "rejected";

export interface IntakeSummary {
  form: string;
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Per submission, in order: its outcome and, when rejected, why. */
  results: { source: string; outcome: IntakeOutcome; messages: string[] }[];
}

/** Why a withdrawn person's answer is not taken (without the data: see «Отзывы согласия»). */
export const WITHDRAWN_MESSAGE =
  "Ответ не принят: согласие отозвано — участник отозвал согласие на обработку персональных данных, его анкеты не принимаются. Данные ответа не сохранены.";

const BANK_ROLE: Record<string, Role> = { mentors: "mentor", mentees: "mentee" };
const DEFAULT_STATUS: Record<Role, string> = {
  mentor: MENTOR_STATUS.candidate,
  mentee: MENTEE_STATUS.waiting,
};

/** The current items of every «Справочники» list. */
export function readLists(wb: WorkbookPort): ListValues {
  const lists = Table.load(wb, "lists");
  const out: ListValues = Object.create(null);
  // Every column of the sheet, the curator's own lists too.
  for (const key of Object.keys(lists.columns).filter((k) => lists.has(k))) {
    out[key] = [];
    for (const r of lists.rowIndexes()) {
      const v = String(lists.get(r, key)).trim();
      if (v !== "") out[key].push(v);
    }
  }
  return out;
}

function identityOf(values: Record<string, Cell>, identity: string[]): string {
  return identity
    .map((k) => {
      const v = values[k];
      return isDate(v) ? v.toISOString() : normalizeHeader(v);
    })
    .join("|");
}

function isOlder(incoming: Date | null, stored: Cell): boolean {
  return incoming !== null && isDate(stored) && incoming.getTime() < stored.getTime();
}

type PairResolution = { pairId: string; role: string; warning?: string } | { error: string };

/**
 * Finds the approved pair a meeting feedback belongs to. First by the pair's code, which the
 * pre-filled link of the pair fills in (questionnaires/prefill.ts): the respondent's e-mail must be
 * the pair's mentor's or mentee's, and gives the role. Without a code (or with one that names no
 * approved pair), from the respondent's e-mail: their only approved pair, or among several the one
 * whose partner's name matches the free text — the whole name as the bank holds it, or else a part
 * that fits one pair only, which is flagged for the curator, as names are typed by hand. The tables are read once per intake, on the first meeting.
 */
function pairResolver(wb: WorkbookPort, pairs: () => Table<"pairs">) {
  let loaded: {
    mentors: Table<"mentors">;
    mentees: Table<"mentees">;
    approved: ReturnType<Table<"pairs">["records"]>;
  } | null = null;
  const tables = () => {
    if (loaded === null) {
      loaded = {
        mentors: Table.load(wb, "mentors"),
        mentees: Table.load(wb, "mentees"),
        approved: pairs()
          .records()
          .filter((p) => p.values.status === PAIR_STATUS.approved),
      };
    }
    return loaded;
  };
  const emailOf = (bank: Table<"mentors"> | Table<"mentees">, id: string) => {
    const row = bank.find("id", id);
    return row < 0 ? "" : String(bank.get(row, "email")).trim().toLowerCase();
  };
  return (email: string, role: string, partner: string, code: string): PairResolution => {
    const t = tables();
    let warning: string | undefined;
    const wantedCode = code.trim();
    if (wantedCode !== "") {
      const pair = t.approved.find((p) => String(p.values.pair_id).trim() === wantedCode);
      if (pair) {
        const mentorEmail = emailOf(t.mentors, String(pair.values.mentor_id));
        const menteeEmail = emailOf(t.mentees, String(pair.values.mentee_id));
        const who = email.trim().toLowerCase();
        if (who !== "" && who === mentorEmail) return { pairId: wantedCode, role: "наставник" };
        if (who !== "" && who === menteeEmail) return { pairId: wantedCode, role: "наставляемый" };
        return {
          error: `Анкета по ссылке пары ${wantedCode} отправлена с адреса ${email}, а это адрес не наставника и не наставляемого этой пары: встреча не записана. Проверьте адреса в базах.`,
        };
      }
      warning = `Код пары «${wantedCode}» не найден среди утверждённых пар: встреча отнесена к паре по адресу и ФИО.`;
    }
    const bank = role === "наставник" ? t.mentors : t.mentees;
    const row = bank.find("email", email);
    if (row < 0)
      return {
        error: `Участник с адресом ${email} не найден в базе ${role === "наставник" ? "наставников" : "наставляемых"}.`,
      };
    const personId = String(bank.get(row, "id"));
    const own = t.approved.filter(
      (p) => p.values[role === "наставник" ? "mentor_id" : "mentee_id"] === personId,
    );
    if (own.length === 0)
      return { error: `У участника ${email} нет утверждённой пары: встречу не к чему отнести.` };
    if (own.length === 1) return { pairId: String(own[0].values.pair_id), role, warning };
    const wanted = normalizeHeader(partner);
    const other = role === "наставник" ? "mentee_name" : "mentor_name";
    // The partner's whole name as the bank holds it picks the pair without doubt: no flag (issue 17,
    // item 6 flags a typed name only when it is ambiguous — a part of a name that fits one pair).
    const exact = wanted ? own.filter((p) => normalizeHeader(p.values[other]) === wanted) : [];
    if (exact.length === 1) return { pairId: String(exact[0].values.pair_id), role, warning };
    const hit = wanted ? own.filter((p) => normalizeHeader(p.values[other]).includes(wanted)) : [];
    if (hit.length === 1) {
      const id = String(hit[0].values.pair_id);
      return {
        pairId: id,
        role,
        warning:
          (warning ? `${warning} ` : "") +
          `Встреча отнесена к паре ${id} по ФИО «${partner.trim()}», набранному вручную (анкета открыта не по ссылке пары): проверьте.`,
      };
    }
    return {
      error: `У участника ${email} несколько пар: встречу нельзя отнести ни к одной по ФИО «${partner.trim()}». Пары: ${own.map((p) => `${p.values.pair_id} — ${p.values[other]}`).join(", ")}. Отправьте участнику ссылку на анкету из его программы или письма: в ней код пары уже заполнен.`,
    };
  };
}

/**
 * Takes submissions of one questionnaire into their sheet: validated, then upserted by the
 * questionnaire's identity (the respondent's e-mail for the banks). An edited response updates the
 * same row; a replayed one changes nothing; an older one than stored is ignored. What does not
 * validate goes to «Журнал» with the reason and every original value. One read and at most one
 * block write plus one append per sheet, whatever the number of submissions.
 */
export function intakeSubmissions(
  ports: IntakePorts,
  formKey: string,
  submissions: Submission[],
): IntakeSummary {
  const run = () => intake(ports, questionnaire(formKey), submissions);
  return withWorkbookLock(ports, run);
}

function intake(ports: IntakePorts, q: Questionnaire, submissions: Submission[]): IntakeSummary {
  const wb = ports.workbook;
  const now = ports.clock.now();
  const today = calendarDate(now);
  const lists = readLists(wb);
  const table = Table.load(wb, asSheetKey(q.target));
  const role = BANK_ROLE[q.target];
  const summary: IntakeSummary = {
    form: q.key,
    added: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    results: [],
  };
  const journal: JournalEntry[] = [];
  // Whom a line is about: the name they gave, else the name of their address in the banks.
  let names: Map<string, string> | null = null;
  const nameOf = (email: string): string => {
    if (names === null) {
      const found = new Map<string, string>();
      for (const key of ["mentors", "mentees"] as const)
        for (const { values } of Table.load(wb, key).records()) {
          const address = String(values.email ?? "")
            .trim()
            .toLowerCase();
          const name = String(values.full_name ?? "").trim();
          if (address !== "" && name !== "" && !found.has(address)) found.set(address, name);
        }
      names = found;
    }
    return names.get(email.trim().toLowerCase()) ?? "";
  };
  const personOf = (s: Submission): string =>
    personOfOriginal({ answers: s.answers }, fullNameTitles()) || nameOf(s.email) || s.email.trim();
  const reject = (s: Submission, messages: string[]) => {
    summary.rejected++;
    summary.results.push({ source: s.source, outcome: "rejected", messages });
    journal.push({
      at: now,
      level: "ошибка",
      operation: `Анкета «${q.title}»`,
      message: messages.join(" "),
      person: personOf(s),
      place: placeOfSource(s.source),
      source: s.source,
      original: { email: s.email, submittedAt: s.submittedAt, answers: s.answers },
      user: ports.user,
    });
  };

  /** A person who withdrew consent: refused, and «Журнал» keeps no data of theirs, only where it came from. */
  const refuseWithdrawn = (s: Submission) => {
    summary.rejected++;
    summary.results.push({ source: s.source, outcome: "rejected", messages: [WITHDRAWN_MESSAGE] });
    journal.push({
      at: now,
      level: "предупреждение",
      operation: `Анкета «${q.title}»`,
      message: WITHDRAWN_MESSAGE,
      person: ERASED_NAME,
      place: placeOfSource(s.source),
      source: s.source,
      user: ports.user,
    });
  };
  /** Warnings about the submission in hand: they name the row it is written to, once it is. */
  let warnings: JournalEntry[] = [];
  const warn = (s: Submission, message: string) => {
    const entry: JournalEntry = {
      at: now,
      level: "предупреждение",
      operation: `Анкета «${q.title}»`,
      message,
      person: personOf(s),
      source: s.source,
      user: ports.user,
    };
    journal.push(entry);
    warnings.push(entry);
  };
  const written = (row: number) => {
    const id = table.has("meeting_id")
      ? table.get(row, "meeting_id")
      : table.has("id")
        ? table.get(row, "id")
        : "";
    for (const e of warnings) e.place = rowPlace(table.sheet, row, String(id ?? ""));
    warnings = [];
  };
  let pairsTable: Table<"pairs"> | null = null;
  const pairs = () => {
    if (pairsTable === null) pairsTable = Table.load(wb, "pairs");
    return pairsTable;
  };
  const resolvePair = pairResolver(wb, pairs);
  /** Rows written whose pair ID wants its names beside it (pair_label). */
  const labelled = new Set<number>();

  // Identity → row, built once.
  const index = new Map<string, number>();
  for (const r of table.rowIndexes()) index.set(identityOf(table.record(r), q.identity), r);
  const nextId = role ? nextIdAllocator(table, "id", ID_PREFIX[role]) : null;
  const nextMeetingId =
    q.target === "meetings" ? nextIdAllocator(table, "meeting_id", ID_PREFIX.meeting) : null;

  const withdrawn = WithdrawnRegistry.load(wb);
  for (const s of submissions) {
    warnings = [];
    if (withdrawn?.refuses({ email: s.email })) {
      refuseWithdrawn(s);
      continue;
    }
    const checked = validateSubmission(q, s, lists, today);
    if (!checked.ok) {
      reject(s, checked.errors);
      continue;
    }
    if (
      withdrawn?.refuses({
        email: checked.email,
        fullName: String(checked.values.full_name ?? ""),
        birthDate: checked.values.birth_date,
      })
    ) {
      refuseWithdrawn(s);
      continue;
    }
    const values: Record<string, Cell> = { ...checked.values };
    if (checked.submittedAt && table.has("submitted_at")) values.submitted_at = checked.submittedAt;
    if (q.target === "meetings") {
      const pair = resolvePair(
        checked.email,
        checked.extra.role,
        checked.extra.partner ?? "",
        checked.extra.pair ?? "",
      );
      if ("error" in pair) {
        reject(s, [pair.error]);
        continue;
      }
      if (pair.warning) warn(s, pair.warning);
      values.pair_id = pair.pairId;
      values[pair.role === "наставник" ? "mentor_rating" : "mentee_rating"] = Number(checked.extra.rating);
      values.source = "анкета";
    }
    if (table.has("row_key")) values.row_key = q.identity.map((k) => String(values[k] ?? "")).join(" | ");

    const id = identityOf(values, q.identity);
    const row = index.get(id);
    if (row === undefined) {
      if (role) {
        values.id = nextId!();
        values.status = DEFAULT_STATUS[role];
        values.eligibility = eligibility(values, role, today);
      }
      if (nextMeetingId) values.meeting_id = nextMeetingId();
      const added = table.add(values);
      index.set(id, added);
      labelled.add(added);
      written(added);
      summary.added++;
      summary.results.push({ source: s.source, outcome: "added", messages: [] });
      continue;
    }
    if (table.has("submitted_at") && isOlder(checked.submittedAt, table.get(row, "submitted_at"))) {
      summary.unchanged++;
      summary.results.push({
        source: s.source,
        outcome: "unchanged",
        messages: ["Более ранний ответ: сохранён более новый."],
      });
      continue;
    }
    const before = JSON.stringify(table.rows[row]);
    for (const [k, v] of Object.entries(values)) {
      // A meeting's second respondent fills their own rating without blanking the other's answers.
      if (q.target === "meetings" && isBlank(v)) continue;
      if (table.has(k)) table.set(row, k, v);
    }
    if (role) table.set(row, "eligibility", eligibility(table.record(row), role, today));
    labelled.add(row);
    written(row);
    const changed = JSON.stringify(table.rows[row]) !== before;
    summary[changed ? "updated" : "unchanged"]++;
    summary.results.push({ source: s.source, outcome: changed ? "updated" : "unchanged", messages: [] });
  }

  labelPairs(table, labelled, pairs);
  table.flush(wb);
  if (journal.length > 0) appendJournal(wb, journal, Table.load(wb, "log").columns);
  return summary;
}

/** The pair's names beside the pair ID of the rows written (meetings, mentors' reports). */
function labelPairs(table: Table, rows: Set<number>, pairs: () => Table<"pairs">): void {
  const t = table as Table<"meetings">;
  if (rows.size === 0 || !t.has("pair_label") || !t.has("pair_id")) return;
  if (![...rows].some((r) => String(t.get(r, "pair_id") ?? "").trim() !== "")) return;
  refreshPairLabels(t, pairLabels(pairs()), rows);
}

/** «Анкета наставника: добавлено 3, обновлено 1, без изменений 0, отклонено 1 (см. «Журнал»)». */
export function describeIntake(s: IntakeSummary): string {
  const title = questionnaire(s.form).title;
  const tail = s.rejected > 0 ? ` (причины — на листе «${sheetTemplate("log").name}»)` : "";
  return `${title}: добавлено ${s.added}, обновлено ${s.updated}, без изменений ${s.unchanged}, отклонено ${s.rejected}${tail}.`;
}
