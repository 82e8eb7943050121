/**
 * Reminders of roadmap deadlines: each responsible person gets ONE digest of their events due
 * within «Напоминать о сроках дорожной карты за (дней)» or overdue; the curator gets a weekly
 * digest of everything due or overdue, with the events whose responsible has no e-mail.
 *
 * - Recipients of an event: the addresses in «E-mail ответственного»; when it is blank, the
 *   addresses of «Настройки» for the roles named in «Ответственный» (куратор, директор,
 *   педагог-психолог). Events with no address go to the curator: daily in the curator's own digest
 *   («Ответственные без адреса…») and in the weekly digest.
 * - Never the same reminder twice: every send is a line of «Журнал» (operation «Напоминание»)
 *   whose source names the day, the address and the events («дата 23.11.2026; кому a@b.ru;
 *   сводка ответственному; мероприятия 1, 5, 7»). Before sending, today's lines are read back and
 *   an event already sent to an address today is left out; a digest left empty is not sent. The next
 *   day, events still due or overdue are sent again.
 * - The weekly digest goes on `curatorWeekday` (Monday by default), when forced, or when none was
 *   sent in the last seven days (a Monday missed for lack of quota is made up the next day).
 * - The mail quota is checked first: at most that many messages are sent (the curator's digest
 *   first, then the most overdue); the rest waits for the next run, with a warning in «Журнал».
 *
 * One read of «Настройки», «Дорожная карта» and «Журнал»; at most one write of the roadmap (its
 * statuses are refreshed first) and one append to «Журнал».
 */
import { calendarDate, dayNumber, daysBetween, formatDateRu, toCalendarDate } from "../dates";
import {
  type ClockPort,
  type LockPort,
  type MailerPort,
  type MailMessage,
  type WorkbookPort,
  withWorkbookLock,
} from "../ports";
import { pairLinks } from "../questionnaires/prefill";
import { deadlineWindows, isDueWithin } from "../roadmap/deadline";
import { normalizeRoles } from "../roadmap/paste";
import { type EventState, evaluateRoadmap, roadmapContext } from "../roadmap/status";
import { parseEmails, readSettings, type Settings } from "../settings";
import { plural } from "../text";
import { appendJournal, type JournalEntry } from "../workbook/journal";
import { ROADMAP_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";
import {
  attentionLines,
  missingConsents,
  pairReminderSource,
  pairReminders,
  parsePairReminderSource,
  type QuietPair,
  quietPairs,
  readingOnce,
} from "./quiet-pairs";

export const REMINDER_SUBJECT = "Наставничество: сроки дорожной карты";
export const CURATOR_SUBJECT = "Наставничество: сроки дорожной карты — сводка для куратора";
export const REMINDER_OPERATION = "Напоминание";

export interface ReminderPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  mailer: MailerPort;
  lock?: LockPort;
  user?: string;
}

export interface ReminderOptions {
  /** Send the curator's weekly digest whatever the day («Отправить напоминания сейчас»). */
  forceCuratorDigest?: boolean;
  /** ISO weekday of the curator's digest: 1 = Monday (default) … 7 = Sunday. */
  curatorWeekday?: number;
}

export type DigestKind = "responsible" | "curator";

/** One event in a digest. */
export interface DigestItem {
  state: EventState;
  overdue: boolean;
  /** The date the item is about: the next due date, or the missed end. */
  date: Date | null;
}

export interface Digest {
  kind: DigestKind;
  to: string;
  items: DigestItem[];
  /** Events whose responsible has no address (listed for the curator). */
  orphans: DigestItem[];
  message: MailMessage;
}

export interface ReminderReport {
  today: Date;
  sent: Digest[];
  /** Left for the next run: the mail quota was not enough. */
  deferred: Digest[];
  failed: { digest: Digest; error: string }[];
  /** Event × address pairs already reminded today, left out. */
  alreadySent: number;
  /** Events due or overdue today. */
  dueEvents: number;
  /** Events due or overdue with no address at all. */
  withoutEmail: number;
  curatorDigestDue: boolean;
  warnings: string[];
  /** Approved pairs without meetings for longer than the setting (quiet-pairs.ts). */
  quietPairs: QuietPair[];
  /** Participants of quiet pairs sent their pre-filled link; left for lack of quota. */
  pairsReminded: number;
  pairsDeferred: number;
}

// ---------------------------------------------------------------------------------------------
// Journal records

export interface SentRecord {
  day: string;
  to: string;
  kind: DigestKind;
  ids: string[];
}

/** «дата 23.11.2026; кому a@b.ru; сводка ответственному; мероприятия 1, 5, 7». */
export function reminderSource(day: Date, to: string, kind: DigestKind, ids: string[]): string {
  return `дата ${formatDateRu(day)}; кому ${to}; ${kind === "curator" ? "сводка куратора" : "сводка ответственному"}; мероприятия ${ids.join(", ")}`;
}

/** Reads a reminder record back from a «Журнал» source; null for any other line. */
export function parseReminderSource(source: string): SentRecord | null {
  const day = /(?:^|;)\s*дата (\d{2}\.\d{2}\.\d{4})/.exec(source);
  const to = /(?:^|;)\s*кому ([^;\s]+)/.exec(source);
  const ids = /(?:^|;)\s*мероприятия ([^;]*)/.exec(source);
  if (!day || !to || !ids) return null;
  return {
    day: day[1],
    to: to[1].toLowerCase(),
    kind: /сводка куратора/.test(source) ? "curator" : "responsible",
    ids: ids[1]
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  };
}

function sentRecords(log: Table<"log">): SentRecord[] {
  const out: SentRecord[] = [];
  for (const r of log.rowIndexes()) {
    if (String(log.get(r, "operation")).trim() !== REMINDER_OPERATION) continue;
    const rec = parseReminderSource(String(log.get(r, "source")));
    if (rec) out.push(rec);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building digests (pure)

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: Date): number {
  return ((dayNumber(d) + 3) % 7) + 1;
}

/** The addresses an event's reminders go to; `invalid` when the cell holds something else. */
export function eventRecipients(
  state: EventState,
  settings: Settings,
): { emails: string[]; invalid: string[] } {
  const typed = parseEmails(state.responsibleEmail);
  if (typed.emails.length > 0) return typed;
  const emails: string[] = [];
  const byRole: Record<string, string> = {
    куратор: settings.curatorEmail,
    директор: settings.directorEmail,
    "педагог-психолог": settings.psychologistEmail,
  };
  for (const role of normalizeRoles(state.responsible)) {
    const e = (byRole[role] ?? "").toLowerCase();
    if (e && emails.indexOf(e) < 0) emails.push(e);
  }
  return { emails, invalid: typed.invalid };
}

/** Events due within `days` or overdue on `today`, with the date each is about. */
export function dueItems(states: EventState[], today: Date, days: number): DigestItem[] {
  const out: DigestItem[] = [];
  for (const s of states) {
    if (s.status === ROADMAP_STATUS.done || s.status === ROADMAP_STATUS.cancelled) continue;
    if (s.status === ROADMAP_STATUS.overdue) {
      out.push({ state: s, overdue: true, date: s.end });
      continue;
    }
    if (!isDueWithin(s.due, today, days)) continue;
    const t = dayNumber(today);
    const next = deadlineWindows(s.due)
      .map((w) => w.end)
      .filter((e) => dayNumber(e) >= t)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    out.push({ state: s, overdue: false, date: next ?? s.nextDue });
  }
  return out;
}

/** Whole calendar days from the day of `a` to the day of `b`. */
function calendarDaysBetween(a: Date, b: Date): number {
  return daysBetween(calendarDate(a), calendarDate(b));
}

function itemLines(item: DigestItem, today: Date, withResponsible: boolean): string[] {
  const s = item.state;
  const lines = [`№ ${s.id}. ${s.event}`];
  if (s.stage) lines.push(`   Этап: ${s.stage}`);
  const asWritten = s.deadlineText ? ` (в документе: «${s.deadlineText}»)` : "";
  if (item.date) {
    const d = calendarDaysBetween(today, item.date);
    let when: string;
    if (item.overdue) when = `истёк ${formatDateRu(item.date)}`;
    else if (d === 0) when = `до ${formatDateRu(item.date)} — сегодня`;
    else when = `до ${formatDateRu(item.date)} — осталось ${d} ${plural(d, "день", "дня", "дней")}`;
    lines.push(`   Срок: ${when}${asWritten}`);
  } else if (s.deadlineText) lines.push(`   Срок: ${s.deadlineText}`);
  lines.push(`   Статус: ${s.status}`);
  if (withResponsible) lines.push(`   Ответственный: ${s.responsible || "не указан"}`);
  if (s.result) lines.push(`   Результат: ${s.result}`);
  return lines;
}

function section(title: string, items: DigestItem[], today: Date, withResponsible: boolean): string[] {
  if (items.length === 0) return [];
  const out = [`${title} (${items.length}):`, ""];
  for (const it of items) out.push(...itemLines(it, today, withResponsible), "");
  return out;
}

function sortItems(items: DigestItem[]): DigestItem[] {
  return [...items].sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    const da = a.date ? a.date.getTime() : Number.MAX_SAFE_INTEGER;
    const db = b.date ? b.date.getTime() : Number.MAX_SAFE_INTEGER;
    if (da !== db) return da - db;
    return Number(a.state.id) - Number(b.state.id);
  });
}

function footer(settings: Settings): string[] {
  const school = settings.schoolShort || settings.schoolName;
  const curator = [settings.curatorName, settings.curatorEmail].filter((x) => x).join(", ");
  return [
    "—",
    `Письмо отправлено автоматически программой «Наставничество»${school ? ` (${school})` : ""}.`,
    curator ? `Куратор программы наставничества: ${curator}.` : "",
  ].filter((l) => l !== "");
}

/**
 * The digest's three sections: overdue, due soon (with the responsible named when
 * `withResponsible`), and events whose responsible has no e-mail (always named).
 */
function digestSections(
  items: DigestItem[],
  orphans: DigestItem[],
  today: Date,
  days: number,
  withResponsible: boolean,
): string[] {
  const sorted = sortItems(items);
  return [
    ...section(
      "Просрочено",
      sorted.filter((i) => i.overdue),
      today,
      withResponsible,
    ),
    ...section(
      `Срок наступает в ближайшие ${days} ${plural(days, "день", "дня", "дней")}`,
      sorted.filter((i) => !i.overdue),
      today,
      withResponsible,
    ),
    ...section(
      "Ответственные без адреса электронной почты — напомните им или укажите адрес в столбце «E-mail ответственного»",
      sortItems(orphans),
      today,
      true,
    ),
  ];
}

/** The text of a responsible person's digest. */
export function responsibleDigestBody(
  items: DigestItem[],
  orphans: DigestItem[],
  settings: Settings,
  today: Date,
  days: number,
): string {
  const lines = [
    "Здравствуйте!",
    "",
    `Сроки мероприятий дорожной карты наставничества на ${formatDateRu(today)}, за которые вы отвечаете.`,
    "",
    ...digestSections(items, orphans, today, days, false),
    "Когда мероприятие выполнено, отметьте на листе «Дорожная карта» статус «выполнено» и дату выполнения" +
      (settings.curatorEmail ? " или сообщите куратору." : "."),
    "",
    ...footer(settings),
  ];
  return lines.join("\n");
}

/** The text of the curator's weekly digest. */
export function curatorDigestBody(
  items: DigestItem[],
  orphans: DigestItem[],
  states: EventState[],
  settings: Settings,
  today: Date,
  days: number,
  attention: string[] = [],
): string {
  const count = (st: string) => states.filter((s) => s.status === st).length;
  const year = settings.schoolYearLabel ? ` (учебный год ${settings.schoolYearLabel})` : "";
  const lines = [
    "Здравствуйте!",
    "",
    `Сводка по дорожной карте наставничества на ${formatDateRu(today)}${year}.`,
    `Всего мероприятий: ${states.length}; выполнено: ${count(ROADMAP_STATUS.done)}; в работе: ${count(ROADMAP_STATUS.inProgress)}; ` +
      `запланировано: ${count(ROADMAP_STATUS.planned)}; просрочено: ${count(ROADMAP_STATUS.overdue)}; отменено: ${count(ROADMAP_STATUS.cancelled)}.`,
    "",
    ...digestSections(items, orphans, today, days, true),
    items.length === 0 && orphans.length === 0 ? "Просроченных мероприятий и близких сроков нет." : "",
    "",
    ...attention,
    ...footer(settings),
  ];
  return lines.filter((l, i, all) => !(l === "" && all[i - 1] === "")).join("\n");
}

export interface DigestPlanInput {
  states: EventState[];
  settings: Settings;
  today: Date;
  /** "дата|адрес|мероприятие" keys already sent. */
  sent: Set<string>;
  curatorDigest: boolean;
  /** Lines for the curator's digest beyond the roadmap: pairs without meetings, missing consents. */
  attention?: string[];
}

export function sentKey(day: Date | string, to: string, id: string): string {
  return `${typeof day === "string" ? day : formatDateRu(day)}|${to.toLowerCase()}|${id}`;
}

/**
 * The digests to send today, in sending order (the curator's first, then by the most overdue),
 * each without the events already sent to its address today; empty digests are dropped.
 */
export function planDigests(input: DigestPlanInput): {
  digests: Digest[];
  alreadySent: number;
  dueEvents: number;
  withoutEmail: DigestItem[];
  invalidEmails: string[];
} {
  const { states, settings, today, sent } = input;
  const days = settings.reminderDays;
  const items = dueItems(states, today, days);
  const byAddress = new Map<string, DigestItem[]>();
  const orphans: DigestItem[] = [];
  const invalidEmails: string[] = [];
  for (const it of items) {
    const { emails, invalid } = eventRecipients(it.state, settings);
    for (const bad of invalid) if (invalidEmails.indexOf(bad) < 0) invalidEmails.push(bad);
    if (emails.length === 0) orphans.push(it);
    for (const e of emails) {
      const list = byAddress.get(e) ?? [];
      list.push(it);
      byAddress.set(e, list);
    }
  }
  let alreadySent = 0;
  const fresh = (to: string, list: DigestItem[]) =>
    list.filter((it) => {
      const seen = sent.has(sentKey(today, to, it.state.id));
      if (seen) alreadySent++;
      return !seen;
    });

  const digests: Digest[] = [];
  const curator = settings.curatorEmail.toLowerCase();
  const taken = new Set<string>();
  if (input.curatorDigest && curator) {
    const all = fresh(
      curator,
      items.filter((it) => orphans.indexOf(it) < 0),
    );
    const orphanItems = fresh(curator, orphans);
    for (const it of [...all, ...orphanItems]) taken.add(it.state.id);
    const attention = input.attention ?? [];
    if (all.length + orphanItems.length > 0 || attention.length > 0)
      digests.push({
        kind: "curator",
        to: curator,
        items: all,
        orphans: orphanItems,
        message: {
          to: [curator],
          subject: CURATOR_SUBJECT,
          body: curatorDigestBody(all, orphanItems, states, settings, today, days, attention),
        },
      });
  }
  const personal: Digest[] = [];
  const addresses = [...byAddress.keys()];
  if (curator && orphans.length > 0 && addresses.indexOf(curator) < 0) addresses.push(curator);
  for (const to of addresses) {
    const own = fresh(
      to,
      (byAddress.get(to) ?? []).filter((it) => !(to === curator && taken.has(it.state.id))),
    );
    const orphanItems =
      to === curator
        ? fresh(
            to,
            orphans.filter((it) => !taken.has(it.state.id)),
          )
        : [];
    if (own.length + orphanItems.length === 0) continue;
    personal.push({
      kind: "responsible",
      to,
      items: own,
      orphans: orphanItems,
      message: {
        to: [to],
        subject: REMINDER_SUBJECT,
        body: responsibleDigestBody(own, orphanItems, settings, today, days),
        ...(curator && to !== curator ? { replyTo: settings.curatorEmail } : {}),
      },
    });
  }
  const urgency = (d: Digest) => {
    const overdue = d.items.filter((i) => i.overdue).length + d.orphans.filter((i) => i.overdue).length;
    const first = sortItems([...d.items, ...d.orphans])[0];
    return { overdue, first: first?.date ? first.date.getTime() : Number.MAX_SAFE_INTEGER };
  };
  personal.sort((a, b) => {
    const ua = urgency(a);
    const ub = urgency(b);
    if (ua.overdue !== ub.overdue) return ub.overdue - ua.overdue;
    if (ua.first !== ub.first) return ua.first - ub.first;
    return a.to < b.to ? -1 : a.to > b.to ? 1 : 0;
  });
  digests.push(...personal);
  return { digests, alreadySent, dueEvents: items.length, withoutEmail: orphans, invalidEmails };
}

// ---------------------------------------------------------------------------------------------
// The use-case

function lastCuratorDigest(records: SentRecord[]): Date | null {
  let last: Date | null = null;
  for (const r of records) {
    if (r.kind !== "curator") continue;
    const d = toCalendarDate(r.day);
    if (d && (!last || d.getTime() > last.getTime())) last = d;
  }
  return last;
}

/**
 * «Отправить напоминания»: refreshes the roadmap's statuses, then sends today's digests within the
 * mail quota, and logs every send in «Журнал». Used by the daily trigger and by `mentor remind`.
 */
export function sendRoadmapReminders(ports: ReminderPorts, options: ReminderOptions = {}): ReminderReport {
  const run = () => remind(ports, options);
  return withWorkbookLock(ports, run);
}

function remind(ports: ReminderPorts, options: ReminderOptions): ReminderReport {
  const wb = ports.workbook;
  const now = ports.clock.now();
  const today = calendarDate(now);
  const settings = readSettings(wb, { today });
  const roadmap = Table.load(wb, "roadmap");
  const states = evaluateRoadmap(roadmap, roadmapContext(settings, today));
  roadmap.flush(wb);

  const log = Table.load(wb, "log");
  const records = sentRecords(log);
  const todayText = formatDateRu(today);
  const sent = new Set<string>();
  for (const r of records)
    if (r.day === todayText) for (const id of r.ids) sent.add(sentKey(r.day, r.to, id));
  const last = lastCuratorDigest(records);
  const curatorDigestDue =
    options.forceCuratorDigest === true ||
    isoWeekday(today) === (options.curatorWeekday ?? 1) ||
    last === null ||
    calendarDaysBetween(last, today) >= 7;

  // Pairs, banks, meetings and «Анкеты» are only read here: each once.
  const reads = readingOnce(wb);
  const quiet = quietPairs(reads, today, settings.stallDays);
  const attention = curatorDigestDue
    ? attentionLines(quiet, missingConsents(reads, today), settings.stallDays)
    : [];
  const plan = planDigests({ states, settings, today, sent, curatorDigest: curatorDigestDue, attention });
  const report: ReminderReport = {
    today,
    sent: [],
    deferred: [],
    failed: [],
    alreadySent: plan.alreadySent,
    dueEvents: plan.dueEvents,
    withoutEmail: plan.withoutEmail.length,
    curatorDigestDue,
    warnings: [...settings.warnings],
    quietPairs: [],
    pairsReminded: 0,
    pairsDeferred: 0,
  };
  const journal: JournalEntry[] = [];
  const entry = (level: JournalEntry["level"], message: string, source?: string) =>
    journal.push({ at: now, level, operation: REMINDER_OPERATION, message, source, user: ports.user });

  if (!settings.curatorEmail && (plan.withoutEmail.length > 0 || curatorDigestDue) && plan.dueEvents > 0) {
    const w =
      "Не указан e-mail куратора в «Настройки»: сводка куратору не отправлена" +
      (plan.withoutEmail.length > 0
        ? `; мероприятий, ответственным за которые некому напомнить: ${plan.withoutEmail.length}.`
        : ".");
    report.warnings.push(w);
    entry("предупреждение", w);
  }
  if (plan.invalidEmails.length > 0) {
    const w = `В столбце «E-mail ответственного» не адреса: ${plan.invalidEmails.join(", ")}.`;
    report.warnings.push(w);
    entry("предупреждение", w);
  }

  let quota = Math.max(0, Math.floor(ports.mailer.remainingQuota()));
  for (const d of plan.digests) {
    if (quota < d.message.to.length) {
      report.deferred.push(d);
      continue;
    }
    try {
      ports.mailer.send(d.message);
      quota -= d.message.to.length;
      report.sent.push(d);
      const ids = [...d.items, ...d.orphans].map((i) => i.state.id);
      const overdue = [...d.items, ...d.orphans].filter((i) => i.overdue).length;
      entry(
        "информация",
        `${d.kind === "curator" ? "Сводка куратору" : "Напоминание ответственному"} отправлено на ${d.to}: ` +
          `мероприятий ${ids.length} (просрочено ${overdue}, срок скоро ${ids.length - overdue}).`,
        reminderSource(today, d.to, d.kind, ids),
      );
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      report.failed.push({ digest: d, error });
      entry("ошибка", `Не удалось отправить письмо на ${d.to}: ${error}. Повтор — при следующем запуске.`);
    }
  }
  // The participants of quiet pairs: their pre-filled links, once per period, within what is left.
  const lastReminded = new Map<string, Date>();
  for (const r of log.rowIndexes()) {
    if (String(log.get(r, "operation")).trim() !== REMINDER_OPERATION) continue;
    const rec = parsePairReminderSource(String(log.get(r, "source")));
    if (!rec) continue;
    const key = `${rec.pairId}|${rec.to}`;
    const prev = lastReminded.get(key);
    if (!prev || rec.day.getTime() > prev.getTime()) lastReminded.set(key, rec.day);
  }
  report.quietPairs = quiet;
  const toPairs =
    quiet.length === 0
      ? []
      : pairReminders(
          quiet,
          pairLinks(reads),
          settings,
          today,
          (id, to) => lastReminded.get(`${id}|${to}`) ?? null,
        );
  for (const p of toPairs) {
    if (quota < 1) {
      report.pairsDeferred++;
      continue;
    }
    try {
      ports.mailer.send(p.message);
      quota -= 1;
      report.pairsReminded++;
      entry(
        "информация",
        `Напоминание участнику пары ${p.pairId} отправлено на ${p.to}: ссылка на анкету с кодом пары.`,
        pairReminderSource(today, p.to, p.pairId),
      );
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      entry("ошибка", `Не удалось отправить письмо на ${p.to}: ${error}. Повтор — при следующем запуске.`);
    }
  }
  if (report.deferred.length > 0) {
    const w =
      `Не хватает дневной квоты писем: отправлено ${report.sent.length} из ${plan.digests.length}; ` +
      `${report.deferred.length} ${plural(report.deferred.length, "письмо", "письма", "писем")} ` +
      `(${report.deferred.map((d) => d.to).join(", ")}) будут отправлены при следующем запуске.`;
    report.warnings.push(w);
    entry("предупреждение", w);
  }
  if (journal.length > 0) appendJournal(wb, journal, log.columns);
  return report;
}

/** «Отправлено писем: 3 (мероприятий: 7). Уже отправлено сегодня: 2. …» */
export function describeReminders(r: ReminderReport): string {
  const events = r.sent.reduce((n, d) => n + d.items.length + d.orphans.length, 0);
  const parts = [
    `Напоминания на ${formatDateRu(r.today)}: отправлено писем ${r.sent.length} (мероприятий ${events})`,
  ];
  if (r.dueEvents === 0) parts.push("просроченных мероприятий и близких сроков нет");
  if (r.alreadySent > 0) parts.push(`уже напомнено сегодня: ${r.alreadySent}`);
  if (r.pairsReminded > 0) parts.push(`участникам пар без встреч отправлено ссылок: ${r.pairsReminded}`);
  if (r.pairsDeferred > 0) parts.push(`ссылок участникам отложено из-за квоты: ${r.pairsDeferred}`);
  if (r.deferred.length > 0) parts.push(`отложено из-за квоты: ${r.deferred.length}`);
  if (r.failed.length > 0) parts.push(`ошибок отправки: ${r.failed.length} (см. «Журнал»)`);
  let text = `${parts.join("; ")}.`;
  if (r.warnings.length > 0) text += ` ${r.warnings.join(" ")}`;
  return text;
}
