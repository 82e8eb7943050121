/**
 * MailApp: mails are recorded in state.mails. The daily quota (state.mailQuota) is charged one per
 * recipient (to + cc + bcc); a send that needs more than what is left throws, as in Apps Script.
 * The quota comes back 24 hours after the day's first send («Quotas are per user and reset 24
 * hours after the first request», developers.google.com/apps-script/guides/services/quotas).
 */
import { instrument } from "./calls";
import { Fake } from "./env";
import { DAY_MS } from "./quotas";
import type { MailRecord } from "./state";
import { FakeBlob } from "./utilities";

type GasMailApp = GoogleAppsScript.Mail.MailApp;
type MailOptions = GoogleAppsScript.Mail.MailAdvancedParameters;

const ADDRESS = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** "a@x.ru, Name <b@y.ru>" -> ["a@x.ru", "b@y.ru"]. */
function addresses(list: string | undefined): string[] {
  return (list ?? "")
    .split(/[,;]/)
    .map((a) => a.trim())
    .filter((a) => a !== "")
    .map((a) => /<([^>]+)>\s*$/.exec(a)?.[1]?.trim() ?? a);
}

/** Per fake: when the day's first mail went out, and the quota the day began with. */
const mailDays = new WeakMap<object, { start: number; quota: number }>();

export class FakeMailApp extends Fake implements Pick<GasMailApp, "getRemainingDailyQuota" | "sendEmail"> {
  /** A new day's quota once 24 hours have passed since the day's first send. */
  private refill(): void {
    const day = mailDays.get(this.env);
    if (day && this.env.now() >= day.start + DAY_MS) {
      this.env.state.mailQuota = day.quota;
      mailDays.delete(this.env);
    }
  }
  getRemainingDailyQuota(): number {
    this.refill();
    return this.env.state.mailQuota;
  }

  sendEmail(...args: unknown[]): void {
    let message: MailOptions;
    if (args.length === 1 && typeof args[0] === "object" && args[0] !== null) {
      message = { ...(args[0] as MailOptions) };
    } else if (args.length === 4 && typeof args[3] === "string") {
      const [to, replyTo, subject, body] = args.map(String);
      message = { to, replyTo, subject, body };
    } else if (args.length === 3 || args.length === 4) {
      const options = (args[3] ?? {}) as MailOptions;
      message = { ...options, to: String(args[0]), subject: String(args[1]), body: String(args[2]) };
    } else {
      throw this.env.signatureError("MailApp.sendEmail", args);
    }
    const all = [...addresses(message.to), ...addresses(message.cc), ...addresses(message.bcc)];
    if (all.length === 0) throw this.env.error("Failed to send email: no recipient");
    const invalid = all.find((a) => !ADDRESS.test(a));
    if (invalid !== undefined) throw this.env.error(`Invalid email: ${invalid}`);
    this.refill();
    if (!mailDays.has(this.env))
      mailDays.set(this.env, { start: this.env.now(), quota: this.env.state.mailQuota });
    if (this.env.state.mailQuota < all.length) {
      throw this.env.error("Service invoked too many times for one day: email.");
    }
    this.env.state.mailQuota -= all.length;
    const record: MailRecord = {
      to: message.to ?? "",
      cc: message.cc ?? "",
      bcc: message.bcc ?? "",
      replyTo: message.replyTo ?? "",
      subject: String(message.subject ?? ""),
      body: String(message.body ?? ""),
      htmlBody: message.htmlBody === undefined ? null : String(message.htmlBody),
      name: message.name === undefined ? null : String(message.name),
      noReply: message.noReply === true,
      attachments: (message.attachments ?? []).map((source) => {
        const blob = source instanceof FakeBlob ? source : (source.getBlob() as unknown as FakeBlob);
        return { name: blob.name, contentType: blob.contentType, size: blob.bytes.length };
      }),
      from: this.env.users.effective,
      recipients: all.length,
    };
    this.env.state.mails.push(record);
  }
}
instrument(FakeMailApp, "MailApp", "MailApp", ["getRemainingDailyQuota", "sendEmail"]);
