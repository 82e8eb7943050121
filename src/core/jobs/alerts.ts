/**
 * When something fails with nobody watching (a trigger: a form submission, the daily reminders,
 * the monthly report, a job's continuation), the failure goes to «Журнал» with its context, and
 * the curator gets one e-mail about it — at most one a day, whatever the number of failures, so a
 * broken sheet does not flood their mailbox.
 */
import { calendarDate, formatDateRu } from "../dates";
import type { ClockPort, MailerPort, WorkbookPort } from "../ports";
import { readSettings } from "../settings";
import { sheetName } from "../templates/load";
import { appendJournal } from "../workbook/journal";
import { Table } from "../workbook/table";
import type { StatePort } from "./job";

export interface AlertPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  state: StatePort;
  mailer: MailerPort;
  /** Who gets it when «Настройки» name no curator (Apps Script: the trigger's owner). */
  fallbackRecipient?: string;
}

export interface Failure {
  /** Russian name of what failed («Обработка ответа анкеты»). */
  operation: string;
  message: string;
  /** Where: the handler, the sheet and row… */
  source?: string;
  /** The event's data (a form's answers), kept whole in «Журнал» only. */
  original?: unknown;
}

/** The day (dd.mm.yyyy) the curator was last mailed about a failure. */
export const ALERT_DAY_KEY = "Наставничество.alert.day";

export type AlertResult = "sent" | "already-today" | "no-recipient" | "no-quota" | "mail-failed";

function recipient(ports: AlertPorts): string {
  try {
    const s = readSettings(ports.workbook);
    return s.curatorEmail || s.curatorEditors[0] || ports.fallbackRecipient || "";
  } catch (_e) {
    // «Настройки» itself is broken: the fallback still hears about it.
    return ports.fallbackRecipient ?? "";
  }
}

/** Mails the curator about a failure unless they were mailed today. */
export function alertCurator(ports: AlertPorts, failure: Failure): AlertResult {
  const today = formatDateRu(calendarDate(ports.clock.now()));
  if (ports.state.get(ALERT_DAY_KEY) === today) return "already-today";
  const to = recipient(ports);
  if (to === "") return "no-recipient";
  if (ports.mailer.remainingQuota() < 1) return "no-quota";
  try {
    ports.mailer.send({
      to: [to],
      subject: `Наставничество: ошибка — ${failure.operation}`,
      body:
        `${today}: не выполнено — ${failure.operation}.\n` +
        `Причина: ${failure.message}\n` +
        (failure.source ? `Где: ${failure.source}\n` : "") +
        `\nПодробности — на листе «${sheetName("log")}» таблицы «Наставничество». ` +
        "Если лист или столбец был удалён или переименован, выполните «Наставничество → Инициализировать / восстановить книгу», " +
        "затем «Переобработать ответы». Об ошибках программа пишет не чаще одного раза в день.",
    });
  } catch (_e) {
    return "mail-failed";
  }
  ports.state.set(ALERT_DAY_KEY, today);
  return "sent";
}

/**
 * A failure nobody saw: logged in «Журнал» (if «Журнал» itself is usable) and mailed to the
 * curator once a day. Never throws: it is the last resort of a trigger.
 */
export function reportFailure(ports: AlertPorts, failure: Failure): { logged: boolean; mail: AlertResult } {
  let logged = false;
  try {
    appendJournal(
      ports.workbook,
      [
        {
          at: ports.clock.now(),
          level: "ошибка",
          operation: failure.operation,
          message: failure.message,
          source: failure.source,
          original: failure.original,
        },
      ],
      Table.load(ports.workbook, "log").columns,
    );
    logged = true;
  } catch (_e) {
    logged = false;
  }
  let mail: AlertResult;
  try {
    mail = alertCurator(ports, failure);
  } catch (_e) {
    mail = "mail-failed";
  }
  return { logged, mail };
}
