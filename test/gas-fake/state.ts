/** What the fake services record, for tests to read (plain data, never counted as calls). */

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number | null;
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: string;
  response: string;
}

export interface PromptRecord {
  title: string;
  prompt: string;
  buttons: string;
  responseText: string;
  response: string;
}

export type MenuEntry =
  | { kind: "item"; caption: string; functionName: string }
  | { kind: "separator" }
  | { kind: "submenu"; caption: string; items: MenuEntry[] };

export interface MenuRecord {
  caption: string;
  addon: boolean;
  items: MenuEntry[];
}

export interface DialogRecord {
  kind: "sidebar" | "modal" | "modeless";
  title: string;
  content: string;
  width: number | null;
  height: number | null;
}

export interface MailRecord {
  to: string;
  cc: string;
  bcc: string;
  replyTo: string;
  subject: string;
  body: string;
  htmlBody: string | null;
  name: string | null;
  noReply: boolean;
  attachments: { name: string | null; contentType: string | null; size: number }[];
  /** The effective user, who sends the mail. */
  from: string;
  /** Number of recipients charged to the daily quota. */
  recipients: number;
}

export interface LogRecord {
  source: "Logger" | "console";
  level: "log" | "info" | "warn" | "error" | "time";
  message: string;
}

/** A clock trigger's schedule as the builder left it (only the calls made are present). */
export interface ClockSchedule {
  afterMs?: number;
  at?: number;
  atDate?: { year: number; month: number; day: number };
  atHour?: number;
  nearMinute?: number;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  timezone?: string;
}

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: string;
  source: string;
  sourceId: string | null;
  /** Email of the user who created it (the effective user at creation). */
  owner: string;
  schedule: ClockSchedule;
  /**
   * A one-off clock trigger (after() / at()) that has fired: it never fires again, yet Apps Script
   * keeps listing it in getProjectTriggers() (and counting it against the 20 triggers) until the
   * script deletes it. See GasFake.fireTrigger.
   */
  spent?: boolean;
}

export interface LockState {
  /** The fake Lock object holding it, "other" for a simulated concurrent execution, or null. */
  holder: object | "other" | null;
  /** When held by "other": it lets go after this many ms of waiting (undefined: never). */
  otherReleasesAfterMs?: number;
}

export type LockKind = "script" | "document" | "user";

export interface FakeState {
  toasts: ToastRecord[];
  alerts: AlertRecord[];
  prompts: PromptRecord[];
  menus: MenuRecord[];
  dialogs: DialogRecord[];
  mails: MailRecord[];
  logs: LogRecord[];
  /** Every Utilities.sleep(ms) and every lock wait, in ms. */
  sleeps: number[];
  triggers: TriggerRecord[];
  properties: Record<"script" | "document" | "user", Record<string, string>>;
  mailQuota: number;
  /** False in a trigger or web-app context: SpreadsheetApp.getUi() throws. */
  uiAvailable: boolean;
  /** Buttons the next Ui.alert calls answer with (FIFO); default OK, or YES for YES_NO sets. */
  alertResponses: string[];
  /** Answers for the next Ui.prompt calls (FIFO); default { text: "", button: "OK" }. */
  promptResponses: { text: string; button?: string }[];
  locks: Record<LockKind, LockState>;
}

export function emptyState(mailQuota: number): FakeState {
  return {
    toasts: [],
    alerts: [],
    prompts: [],
    menus: [],
    dialogs: [],
    mails: [],
    logs: [],
    sleeps: [],
    triggers: [],
    properties: { script: {}, document: {}, user: {} },
    mailQuota,
    uiAvailable: true,
    alertResponses: [],
    promptResponses: [],
    locks: { script: { holder: null }, document: { holder: null }, user: { holder: null } },
  };
}
