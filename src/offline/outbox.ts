/**
 * The offline mailer: every message becomes an .eml file (RFC 5322, MIME) in an outbox folder,
 * so that it can be opened in a mail program, read, tested, or sent by hand.
 *
 * - Headers: Date (the school's wall clock with its UTC offset), Message-ID, MIME-Version,
 *   From, To, Subject (UTF-8 encoded-words, RFC 2047).
 * - Bodies: UTF-8 in base64. A text-only message is a single text/plain part; with an HTML body it
 *   is multipart/alternative; with attachments multipart/mixed, each attachment a base64 part with
 *   its file name (RFC 2231 and RFC 2047 forms, for old and new readers).
 * - Quota: like MailApp, each recipient costs one; a send beyond the quota throws.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { zoneOffsetHours } from "../core/dates";
import type { ClockPort, MailerPort, MailMessage } from "../core/ports";
import { writeFileAtomic } from "./atomic-file";

export const DEFAULT_OUTBOX = "out/outbox";
export const DEFAULT_QUOTA = 100;

export interface OutboxOptions {
  /** Folder of the .eml files (created when absent). */
  dir: string;
  /** Messages × recipients that may still be sent (default 100). */
  quota?: number;
  /** Wall clock of the school's zone (see core ports); default: now in `timeZone`. */
  clock?: ClockPort;
  /** Zone of the clock, for the Date header's offset (default Europe/Moscow). */
  timeZone?: string;
  fromAddress?: string;
  fromName?: string;
}

const CRLF = "\r\n";

function isAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

/** RFC 2047 encoded-words (UTF-8, base64), each at most 75 characters, never splitting a character. */
export function encodeWords(text: string): string[] {
  const words: string[] = [];
  let chunk = "";
  let bytes = 0;
  for (const ch of Array.from(text)) {
    const n = Buffer.byteLength(ch, "utf8");
    if (bytes + n > 45 && chunk !== "") {
      words.push(chunk);
      chunk = "";
      bytes = 0;
    }
    chunk += ch;
    bytes += n;
  }
  if (chunk !== "" || words.length === 0) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`);
}

/** A header value: as is when plain ASCII, else encoded-words folded onto continuation lines. */
export function encodeHeaderValue(text: string): string {
  const clean = text.replace(/[\r\n]+/g, " ");
  if (isAscii(clean) && clean.length <= 900) return clean;
  return encodeWords(clean).join(`${CRLF} `);
}

/** Base64 in lines of 76 characters. */
export function base64Lines(bytes: Uint8Array | string): string {
  const b64 = (typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes)).toString(
    "base64",
  );
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 5322 date of a wall-clock time (UTC fields) in a zone `offsetMinutes` east of UTC. */
export function rfc5322Date(wallClock: Date, offsetMinutes: number): string {
  const p2 = (n: number) => String(n).padStart(2, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return (
    `${DAYS[wallClock.getUTCDay()]}, ${wallClock.getUTCDate()} ${MONTHS[wallClock.getUTCMonth()]} ` +
    `${wallClock.getUTCFullYear()} ${p2(wallClock.getUTCHours())}:${p2(wallClock.getUTCMinutes())}:` +
    `${p2(wallClock.getUTCSeconds())} ${sign}${p2(Math.floor(abs / 60))}${p2(abs % 60)}`
  );
}

function attachmentHeaders(name: string, mimeType: string): string[] {
  const safe = name.replace(/["\\\r\n]/g, "_");
  const ascii = isAscii(safe);
  const encoded = ascii ? `"${safe}"` : `"${encodeWords(safe).join(" ")}"`;
  const rfc2231 = ascii
    ? ""
    : `; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return [
    `Content-Type: ${mimeType}; name=${encoded}`,
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: attachment; filename=${encoded}${rfc2231}`,
  ];
}

function textPart(body: string, subtype: "plain" | "html"): string[] {
  return [
    `Content-Type: text/${subtype}; charset=UTF-8`,
    "Content-Transfer-Encoding: base64",
    "",
    base64Lines(body.replace(/\r?\n/g, CRLF)),
  ];
}

export interface EmlEnvelope {
  date: string;
  messageId: string;
  from: string;
  /** Seed for the MIME boundaries. */
  boundary: string;
}

/** The whole message as RFC 5322 text with CRLF line ends. */
export function buildEml(m: MailMessage, env: EmlEnvelope): string {
  const headers = [
    `Date: ${env.date}`,
    `Message-ID: ${env.messageId}`,
    `From: ${env.from}`,
    `To: ${m.to.join(", ")}`,
    ...(m.replyTo ? [`Reply-To: ${m.replyTo}`] : []),
    `Subject: ${encodeHeaderValue(m.subject)}`,
    "MIME-Version: 1.0",
  ];
  const content = (): string[] => {
    if (m.htmlBody === undefined) return textPart(m.body, "plain");
    const b = `alt_${env.boundary}`;
    return [
      `Content-Type: multipart/alternative; boundary="${b}"`,
      "",
      `--${b}`,
      ...textPart(m.body, "plain"),
      `--${b}`,
      ...textPart(m.htmlBody, "html"),
      `--${b}--`,
    ];
  };
  const attachments = m.attachments ?? [];
  let lines: string[];
  if (attachments.length === 0) lines = [...headers, ...content()];
  else {
    const b = `mix_${env.boundary}`;
    lines = [
      ...headers,
      `Content-Type: multipart/mixed; boundary="${b}"`,
      "",
      "This is a multi-part message in MIME format.",
      `--${b}`,
      ...content(),
    ];
    for (const a of attachments)
      lines.push(`--${b}`, ...attachmentHeaders(a.name, a.mimeType), "", base64Lines(a.bytes));
    lines.push(`--${b}--`);
  }
  return lines.join(CRLF) + CRLF;
}

/** A MailerPort that writes .eml files. */
export class OutboxMailer implements MailerPort {
  readonly dir: string;
  /** Paths of the files written, in order. */
  readonly files: string[] = [];
  private quota: number;
  private readonly clock: ClockPort;
  private readonly offsetMinutes: number;
  private readonly from: string;
  private readonly domain: string;
  private counter = 0;

  constructor(options: OutboxOptions) {
    this.dir = resolve(options.dir);
    this.quota = Math.max(0, Math.floor(options.quota ?? DEFAULT_QUOTA));
    const zone = options.timeZone ?? "Europe/Moscow";
    this.offsetMinutes = zoneOffsetHours(zone) * 60;
    this.clock = options.clock ?? { now: () => new Date(Date.now() + this.offsetMinutes * 60000) };
    const address = options.fromAddress ?? "noreply@nastavnichestvo.local";
    this.domain = address.split("@")[1] ?? "nastavnichestvo.local";
    this.from = `${encodeHeaderValue(options.fromName ?? "Наставничество")} <${address}>`;
  }

  remainingQuota(): number {
    return this.quota;
  }

  send(message: MailMessage): void {
    const to = message.to.map((a) => a.trim()).filter((a) => a !== "");
    if (to.length === 0) throw new Error("Письмо без получателя.");
    const bad = to.find((a) => !/^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/.test(a));
    if (bad) throw new Error(`Неверный адрес электронной почты: ${bad}`);
    if (this.quota < to.length) throw new Error("Исчерпана дневная квота писем.");
    const now = this.clock.now();
    this.counter++;
    const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
    const random = randomBytes(8).toString("hex");
    const eml = buildEml(
      { ...message, to },
      {
        date: rfc5322Date(now, this.offsetMinutes),
        messageId: `<${stamp}.${this.counter}.${random}@${this.domain}>`,
        from: this.from,
        boundary: random,
      },
    );
    mkdirSync(this.dir, { recursive: true });
    const who = to[0].replace(/[^a-zA-Z0-9@._-]/g, "_");
    let n = this.counter;
    let path = join(this.dir, `${stamp}-${String(n).padStart(3, "0")}-${who}.eml`);
    while (existsSync(path)) {
      n++;
      path = join(this.dir, `${stamp}-${String(n).padStart(3, "0")}-${who}.eml`);
    }
    writeFileAtomic(path, eml);
    this.quota -= to.length;
    this.files.push(path);
  }
}
