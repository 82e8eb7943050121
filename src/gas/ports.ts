import { type StatePort, WorkbookBusyError } from "../core/jobs/job";
import type { ClockPort, LockPort, MailerPort, MailMessage, ProgressPort, WorkbookPort } from "../core/ports";
import type { GasWorkbook } from "./workbook";

/** Wall-clock time of the spreadsheet's zone in UTC fields (see core/ports Cell). */
export function gasClock(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  /** The spreadsheet's zone, when the caller knows it (GasWorkbook.timeZone: asked once an execution). */
  timeZone: () => string = () => ss.getSpreadsheetTimeZone(),
): ClockPort {
  return {
    now() {
      const now = new Date();
      const tz = timeZone();
      const text = Utilities.formatDate(now, tz, "yyyy-MM-dd'T'HH:mm:ss");
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
      if (!m) return now;
      return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
    },
  };
}

/** Progress toasts start once an operation has run this long (ms). */
export const PROGRESS_AFTER_MS = 3000;

/**
 * Progress as toasts: none in an operation's first seconds, then at most one every few steps, so
 * long work stays cheap.
 */
export function toastProgress(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, title: string): ProgressPort {
  let last = -1;
  const started = Date.now();
  return {
    report(message, done, total) {
      // An operation done within a few seconds shows its result only: no call for its steps.
      if (Date.now() - started < PROGRESS_AFTER_MS) return;
      const pct = done !== undefined && total ? Math.floor((100 * done) / total) : null;
      if (pct !== null && pct !== 100 && pct - last < 25) return;
      last = pct ?? last;
      ss.toast(pct === null ? message : `${message} — ${pct}%`, title, 5);
    },
  };
}

export function scriptLock(): LockPort {
  return {
    withLock(timeoutMs, fn) {
      const lock = LockService.getScriptLock();
      if (!lock.tryLock(timeoutMs))
        throw new WorkbookBusyError(
          "Другая операция «Наставничества» ещё выполняется. Повторите через минуту.",
        );
      try {
        return fn();
      } finally {
        lock.releaseLock();
      }
    },
  };
}

export function gasMailer(): MailerPort {
  return {
    remainingQuota: () => MailApp.getRemainingDailyQuota(),
    send(m: MailMessage) {
      MailApp.sendEmail({
        to: m.to.join(","),
        subject: m.subject,
        body: m.body,
        htmlBody: m.htmlBody,
        name: "Наставничество",
        // MailApp.sendEmail's «replyTo»: the address answers go to (the curator).
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        attachments: (m.attachments ?? []).map((a) =>
          Utilities.newBlob(
            Array.from(a.bytes, (b) => (b > 127 ? b - 256 : b)),
            a.mimeType,
            a.name,
          ),
        ),
      });
    },
  };
}

/** The Apps Script ports of one execution, wired once. */
export interface GasContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The workbook the operation uses (behind the edit guard in menu actions, see withEditGuard). */
  workbook: WorkbookPort;
  /** The spreadsheet's sheets themselves, unguarded. */
  sheets: GasWorkbook;
  clock: ClockPort;
  /** Script properties, asked for once an execution. */
  state: StatePort;
  lock: LockPort;
  progress: ProgressPort;
  user: string;
}
