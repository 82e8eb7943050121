/**
 * «Досрочно прекратить наставничество» and `mentor end-pair`: a pair ends early by the mentor's,
 * the employer's or the mentee's decision. The pair keeps its row, meetings and monitoring (status
 * «расторгнута», the end's date, initiator, reason and notice date); both banks are updated; the
 * mentee is offered a new mentor by the usual matching (the ended pair is never proposed again);
 * the notice under ТК РФ ст. 351.8 is a document of the pipeline («notice»). For a mentor the
 * article covers, the end is at least three working days after the notice, counted on the
 * production calendar (ТК РФ ст. 14: a term starts the day after the notice).
 */
import { cellText, plainText } from "../cells";
import { calendarDate, toCalendarDate } from "../dates";
import { shortDate } from "../documents/typography";
import { ProductionCalendar } from "../labour/calendar";
import { coverageOf, END_INITIATOR, type EndInitiator } from "../labour/rules";
import { type WorkbookPort, withWorkbookLock } from "../ports";
import { appendJournal, rowPlace } from "../workbook/journal";
import { MENTEE_STATUS, MENTOR_STATUS, PAIR_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";
import { type MatchingPorts, matchPairs } from "./matching";

export interface EndPairRequest {
  pairId: string;
  initiator: EndInitiator;
  reason: string;
  /** The day the notice is given (default: today). */
  noticeDate?: Date;
  /** The last day of the mentoring (default: the earliest the law allows). */
  endDate?: Date;
}

export interface EndPairReport {
  pairId: string;
  mentorId: string;
  mentorName: string;
  menteeId: string;
  menteeName: string;
  noticeDate: Date;
  endDate: Date;
  /** True when ст. 351.8 covers the mentor (a notice is made). */
  covered: boolean;
  coverageReason: string;
  /** «Н-0007 Сидорова Анна Петровна (балл 64)», or null when matching proposed nobody. */
  proposal: string | null;
  /** Why nobody was proposed («Результат подбора» of the mentee). */
  unmatchedNote: string;
  warnings: string[];
}

export const INITIATOR_WORDS: Record<string, EndInitiator> = {
  наставник: "mentor",
  mentor: "mentor",
  работодатель: "employer",
  школа: "employer",
  employer: "employer",
  наставляемый: "mentee",
  наставляемая: "mentee",
  mentee: "mentee",
};

/** The initiator from a word the curator typed, or null. */
export function parseInitiator(word: string): EndInitiator | null {
  return INITIATOR_WORDS[word.trim().toLowerCase()] ?? null;
}

const OPERATION = "Досрочное прекращение наставничества";

/** Ends the pair under the workbook lock, then proposes a new mentor to the mentee (matching takes the lock itself). */
export function endPairEarly(ports: MatchingPorts, req: EndPairRequest): EndPairReport {
  const report = withWorkbookLock(ports, () => endPair(ports, req));
  matchPairs(ports);
  const pairs = Table.load(ports.workbook, "pairs");
  const proposal = pairs
    .records()
    .find(
      (r) => plainText(r.values.mentee_id) === report.menteeId && r.values.status === PAIR_STATUS.proposed,
    );
  if (proposal) {
    const v = proposal.values;
    report.proposal = `${plainText(v.mentor_id)} ${plainText(v.mentor_name)}${v.score !== "" ? ` (балл ${plainText(v.score)})` : ""}`;
  } else {
    const mentees = Table.load(ports.workbook, "mentees");
    const row = mentees.find("id", report.menteeId);
    report.unmatchedNote = row >= 0 ? plainText(mentees.get(row, "match_note")) : "";
  }
  return report;
}

function endPair(ports: MatchingPorts, req: EndPairRequest): EndPairReport {
  const wb: WorkbookPort = ports.workbook;
  const today = calendarDate(ports.clock.now());
  const pairs = Table.load(wb, "pairs");
  const id = req.pairId.trim().toUpperCase();
  const row = pairs.rowIndexes().find((r) => plainText(pairs.get(r, "pair_id")).toUpperCase() === id);
  if (row === undefined)
    throw new Error(
      `Пары «${req.pairId}» нет на листе «Пары». Укажите ID пары из первого столбца, например П-0003.`,
    );
  const v = pairs.record(row);
  const status = plainText(v.status).toLowerCase();
  const noticeDate = req.noticeDate ?? today;
  const rerun =
    status === PAIR_STATUS.terminated &&
    toCalendarDate(v.end_notice_date)?.getTime() === noticeDate.getTime() &&
    plainText(v.ended_by) === END_INITIATOR[req.initiator];
  if (status !== PAIR_STATUS.approved && !rerun)
    throw new Error(
      `Пара ${plainText(v.pair_id)} не утверждена (статус «${plainText(v.status) || "пусто"}»): досрочно прекратить можно только утверждённую пару.`,
    );
  const mentors = Table.load(wb, "mentors");
  const mentees = Table.load(wb, "mentees");
  const mentorId = plainText(v.mentor_id);
  const menteeId = plainText(v.mentee_id);
  const mentorRow = mentors.find("id", mentorId);
  const menteeRow = mentees.find("id", menteeId);
  const coverage = mentorRow >= 0 ? coverageOf(mentors.record(mentorRow)) : coverageOf({});
  const covered = coverage.basis === "paid";
  const calendar = new ProductionCalendar();
  const earliest = covered ? calendar.addWorkingDays(noticeDate, 3) : noticeDate;
  const endDate = req.endDate ?? earliest;
  if (endDate.getTime() < earliest.getTime())
    throw new Error(
      `Дата прекращения ${shortDate(endDate)} раньше допустимой: по статье 351.8 ТК РФ другую сторону предупреждают не менее чем за три рабочих дня, при уведомлении ${shortDate(noticeDate)} — не ранее ${shortDate(earliest)}.`,
    );
  const start = toCalendarDate(v.start_date) ?? toCalendarDate(v.approved_at);
  if (start && endDate.getTime() < start.getTime())
    throw new Error(
      `Дата прекращения ${shortDate(endDate)} раньше начала работы пары (${shortDate(start)}).`,
    );
  const warnings: string[] = [];
  const warning = covered ? calendar.warningFor(noticeDate, endDate) : null;
  if (warning) warnings.push(warning);

  const reason = req.reason.trim();
  if (!rerun) {
    pairs.set(row, "status", PAIR_STATUS.terminated);
    pairs.set(row, "end_date", endDate);
    pairs.set(row, "ended_by", END_INITIATOR[req.initiator]);
    pairs.set(row, "end_notice_date", noticeDate);
    pairs.set(row, "end_reason", reason);
    const line = `Прекращена досрочно ${shortDate(endDate)} по инициативе: ${END_INITIATOR[req.initiator]}.`;
    const comment = cellText(v.comment);
    pairs.set(row, "comment", comment ? `${comment}\n${line}` : line);
    pairs.flush(wb);
  }
  const stillApproved = (key: "mentor_id" | "mentee_id", who: string) =>
    pairs
      .records()
      .some(
        (r) => r.row !== row && plainText(r.values[key]) === who && r.values.status === PAIR_STATUS.approved,
      );
  if (menteeRow >= 0 && !stillApproved("mentee_id", menteeId)) {
    mentees.set(menteeRow, "status", MENTEE_STATUS.waiting);
    mentees.flush(wb);
  }
  if (mentorRow >= 0 && !stillApproved("mentor_id", mentorId)) {
    // A mentor who refused the work leaves the mentors' pool; otherwise they may be matched again.
    mentors.set(
      mentorRow,
      "status",
      req.initiator === "mentor" ? MENTOR_STATUS.left : MENTOR_STATUS.admitted,
    );
    mentors.flush(wb);
  }
  const mentorName =
    plainText(v.mentor_name) || (mentorRow >= 0 ? plainText(mentors.get(mentorRow, "full_name")) : "");
  const menteeName =
    plainText(v.mentee_name) || (menteeRow >= 0 ? plainText(mentees.get(menteeRow, "full_name")) : "");
  if (!rerun) {
    const log = Table.load(wb, "log");
    appendJournal(
      wb,
      [
        {
          at: ports.clock.now(),
          level: "информация",
          operation: OPERATION,
          message: `Пара ${plainText(v.pair_id)} (${mentorName} — ${menteeName}) прекращена досрочно ${shortDate(endDate)}; уведомление ${shortDate(noticeDate)}; инициатор: ${END_INITIATOR[req.initiator]}${reason ? `; причина: ${reason}` : ""}.`,
          person: `${mentorName} — ${menteeName}`,
          place: rowPlace(pairs.sheet, row, plainText(v.pair_id)),
          user: ports.user,
        },
      ],
      log.columns,
    );
  }
  return {
    pairId: plainText(v.pair_id),
    mentorId,
    mentorName,
    menteeId,
    menteeName,
    noticeDate,
    endDate,
    covered,
    coverageReason: coverage.reason,
    proposal: null,
    unmatchedNote: "",
    warnings,
  };
}

/** One Russian paragraph for the CLI, a toast or an alert. */
export function describeEndPair(r: EndPairReport, noticeDocument?: string): string {
  const parts = [
    `Пара ${r.pairId} (${r.mentorName} — ${r.menteeName}) прекращена досрочно: последний день наставничества ${shortDate(r.endDate)}, уведомление ${shortDate(r.noticeDate)}.`,
    r.covered
      ? noticeDocument
        ? `Уведомление: «${noticeDocument}».`
        : "Сформируйте уведомление по статье 351.8 ТК РФ вместе с документами наставников."
      : `Уведомление по статье 351.8 ТК РФ не требуется: ${r.coverageReason}.`,
    r.proposal
      ? `Наставляемому предложен новый наставник: ${r.proposal} — утвердите пару на листе «Пары».`
      : `Нового наставника подобрать не удалось${r.unmatchedNote ? `: ${r.unmatchedNote}` : ""}.`,
    ...r.warnings,
  ];
  return parts.join(" ");
}
