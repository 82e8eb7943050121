/**
 * Pairs that have gone quiet: approved pairs with no meeting for longer than «Пара «требует
 * внимания», если нет встреч дольше (дней)», counted as «Работа пар» counts them (from the last
 * meeting, else from the pair's start or approval). The daily reminders send each participant of
 * such a pair their pre-filled link (questionnaires/prefill.ts) once per that period; the curator's
 * digest lists them.
 */
import { isBlank, textWithIsoDates } from "../cells";
import { daysBetween, formatDateRu, toCalendarDate } from "../dates";
import { isMinor } from "../participants/eligibility";
import type { Grid, MailMessage, WorkbookPort } from "../ports";
import type { PairLinks } from "../questionnaires/prefill";
import type { Settings } from "../settings";
import { count } from "../text";
import { OUT_OF_PROGRAM, PAIR_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";

export interface QuietPair {
  pairId: string;
  mentorName: string;
  menteeName: string;
  mentorEmail: string;
  menteeEmail: string;
  /** The last meeting, or the pair's start when it has had none. */
  since: Date;
  hadMeetings: boolean;
  days: number;
}

/** Approved pairs with no meeting for longer than `stallDays`, the quietest first. */
export function quietPairs(wb: WorkbookPort, today: Date, stallDays: number): QuietPair[] {
  if (!(stallDays > 0)) return [];
  const last = new Map<string, Date>();
  for (const { values } of Table.load(wb, "meetings").records()) {
    const id = textWithIsoDates(values.pair_id);
    const d = toCalendarDate(values.date);
    if (!id || !d || d.getTime() > today.getTime()) continue;
    const prev = last.get(id);
    if (!prev || d.getTime() > prev.getTime()) last.set(id, d);
  }
  const emails = (key: "mentors" | "mentees") => {
    const m = new Map<string, string>();
    for (const { values } of Table.load(wb, key).records())
      m.set(textWithIsoDates(values.id), textWithIsoDates(values.email).toLowerCase());
    return m;
  };
  const mentorEmails = emails("mentors");
  const menteeEmails = emails("mentees");
  const out: QuietPair[] = [];
  for (const { values } of Table.load(wb, "pairs").records()) {
    if (values.status !== PAIR_STATUS.approved) continue;
    const id = textWithIsoDates(values.pair_id);
    const met = last.get(id);
    const since = met ?? toCalendarDate(values.start_date) ?? toCalendarDate(values.approved_at);
    if (!since) continue;
    const days = daysBetween(since, today);
    if (days <= stallDays) continue;
    out.push({
      pairId: id,
      mentorName: textWithIsoDates(values.mentor_name),
      menteeName: textWithIsoDates(values.mentee_name),
      mentorEmail: mentorEmails.get(textWithIsoDates(values.mentor_id)) ?? "",
      menteeEmail: menteeEmails.get(textWithIsoDates(values.mentee_id)) ?? "",
      since,
      hadMeetings: met !== undefined,
      days,
    });
  }
  return out.sort((a, b) => b.days - a.days || a.pairId.localeCompare(b.pairId));
}

/** «П-0003 Орлова М.С. — Смирнова А.И.: встреч нет 40 дней (с 15.10.2026)». */
export function quietPairLine(p: QuietPair): string {
  const what = p.hadMeetings ? "последняя встреча" : "встреч не было с начала работы";
  return `${p.pairId} ${p.mentorName} — ${p.menteeName}: ${count(p.days, "день", "дня", "дней")} без встреч (${what} ${formatDateRu(p.since)})`;
}

/** A participant's reminder of a quiet pair: their pre-filled link(s). */
export interface PairReminder {
  pairId: string;
  to: string;
  message: MailMessage;
}

export const PAIR_REMINDER_SUBJECT = "Наставничество: расскажите о встречах пары";

/**
 * The reminders to send: one per participant of each quiet pair who has an address and a link,
 * except those already reminded about that pair within the period (`remindedSince`: pair → address
 * → the day of the last reminder).
 */
export function pairReminders(
  quiet: QuietPair[],
  links: Map<string, PairLinks>,
  settings: Settings,
  today: Date,
  reminded: (pairId: string, to: string) => Date | null,
): PairReminder[] {
  const out: PairReminder[] = [];
  const school = settings.schoolShort || settings.schoolName;
  const curator = [settings.curatorName, settings.curatorEmail].filter((x) => x).join(", ");
  for (const p of quiet) {
    const l = links.get(p.pairId);
    if (!l) continue;
    const people = [
      { to: p.mentorEmail, partner: p.menteeName, feedback: l.feedbackMentor, report: l.report },
      { to: p.menteeEmail, partner: p.mentorName, feedback: l.feedbackMentee, report: "" },
    ];
    for (const who of people) {
      if (!who.to || !who.feedback) continue;
      const last = reminded(p.pairId, who.to);
      if (last && daysBetween(last, today) < settings.stallDays) continue;
      const lines = [
        "Здравствуйте!",
        "",
        p.hadMeetings
          ? `По вашей паре с ${who.partner} последняя встреча отмечена ${formatDateRu(p.since)} — ${count(p.days, "день", "дня", "дней")} назад.`
          : `По вашей паре с ${who.partner} с начала работы (${formatDateRu(p.since)}) не отмечено ни одной встречи.`,
        "Если встреча была, расскажите о ней в анкете — код пары и ваша роль в ней уже заполнены:",
        who.feedback,
        ...(who.report ? ["", "Ежемесячный отчёт наставника (код пары уже заполнен):", who.report] : []),
        "",
        "Если встречи не получаются, напишите куратору: вместе найдём время.",
        "",
        "—",
        `Письмо отправлено программой «Наставничество»${school ? ` (${school})` : ""}.`,
        ...(curator ? [`Куратор программы наставничества: ${curator}.`] : []),
      ];
      out.push({
        pairId: p.pairId,
        to: who.to,
        message: {
          to: [who.to],
          subject: PAIR_REMINDER_SUBJECT,
          body: lines.join("\n"),
          ...(settings.curatorEmail ? { replyTo: settings.curatorEmail } : {}),
        },
      });
    }
  }
  return out;
}

/** The source of a pair reminder's «Журнал» line, read back to send it once per period. */
export function pairReminderSource(day: Date, to: string, pairId: string): string {
  return `дата ${formatDateRu(day)}; кому ${to}; напоминание паре; пара ${pairId}`;
}

export function parsePairReminderSource(source: string): { day: Date; to: string; pairId: string } | null {
  const m = /^дата (\d{2}\.\d{2}\.\d{4}); кому ([^;\s]+); напоминание паре; пара (.+)$/.exec(source.trim());
  const day = m ? toCalendarDate(m[1]) : null;
  return m && day ? { day, to: m[2].toLowerCase(), pairId: m[3].trim() } : null;
}

/** Participants still in the program without a consent the law requires (theirs, or a guardian's for a minor). */
export interface MissingConsents {
  mentors: string[];
  mentees: string[];
}

export function missingConsents(wb: WorkbookPort, today: Date): MissingConsents {
  const of = (key: "mentors" | "mentees") =>
    Table.load(wb, key)
      .records()
      .filter(({ values }) => !OUT_OF_PROGRAM.includes(textWithIsoDates(values.status)))
      .filter(
        ({ values }) =>
          isBlank(values.consent_date) || (isMinor(values, today) && isBlank(values.guardian_consent_date)),
      )
      .map(({ values }) => textWithIsoDates(values.full_name) || textWithIsoDates(values.id))
      .filter((n) => n !== "");
  return { mentors: of("mentors"), mentees: of("mentees") };
}

/** The curator digest's lines about pairs without meetings and missing consents (none when all is well). */
export function attentionLines(quiet: QuietPair[], consents: MissingConsents, stallDays: number): string[] {
  const lines: string[] = [];
  if (quiet.length > 0) {
    lines.push(
      `Пары без встреч дольше ${count(stallDays, "дня", "дней", "дней")} — ${quiet.length}:`,
      ...quiet.slice(0, 30).map((p) => `• ${quietPairLine(p)}`),
    );
    if (quiet.length > 30) lines.push(`• и ещё ${quiet.length - 30} — на листе «Работа пар».`);
    lines.push(
      "Участникам этих пар программа отправляет ссылки на анкету встречи с уже заполненным кодом пары.",
      "",
    );
  }
  const total = consents.mentors.length + consents.mentees.length;
  if (total > 0) {
    const names = (list: string[]) =>
      list.length <= 15 ? list.join(", ") : `${list.slice(0, 15).join(", ")} и ещё ${list.length - 15}`;
    lines.push(
      `Нет согласия на обработку персональных данных — ${count(total, "участник", "участника", "участников")}:`,
    );
    if (consents.mentors.length > 0)
      lines.push(`• наставники (${consents.mentors.length}): ${names(consents.mentors)}`);
    if (consents.mentees.length > 0)
      lines.push(`• наставляемые (${consents.mentees.length}): ${names(consents.mentees)}`);
    lines.push("Без согласия участник не попадает в подбор пар; дату согласия отметьте в базе.", "");
  }
  return lines;
}

/** The workbook with each sheet read at most once (for the read-only parts of an operation). */
export function readingOnce(wb: WorkbookPort): WorkbookPort {
  const grids = new Map<string, Grid>();
  return new Proxy(wb, {
    get(target, key) {
      if (key === "read")
        return (sheet: string): Grid => {
          let g = grids.get(sheet);
          if (!g) {
            g = target.read(sheet);
            grids.set(sheet, g);
          }
          return g;
        };
      const v = Reflect.get(target, key);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
