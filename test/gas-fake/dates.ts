/**
 * Time zones and Java SimpleDateFormat patterns, as Utilities.formatDate / parseDate use them.
 *
 * Zones: "UTC", "GMT", "GMT+3", "UTC+03:00", and IANA names through Intl (full ICU ships with
 * Node 20), with a fixed table as fallback. An unknown zone falls back to GMT, as Java's
 * TimeZone.getTimeZone does.
 */

const FIXED_OFFSETS: Record<string, number> = {
  "Europe/Moscow": 180,
  "Europe/Samara": 240,
  "Asia/Yekaterinburg": 300,
  "Asia/Novosibirsk": 420,
  "Europe/Kaliningrad": 120,
};

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function intlFormatter(tz: string): Intl.DateTimeFormat | null {
  if (!formatters.has(tz)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: tz,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      f = null;
    }
    formatters.set(tz, f);
  }
  return formatters.get(tz)!;
}

/** Offset of `tz` from UTC, in minutes, at the instant `utcMs`. */
export function tzOffsetMinutes(tz: string, utcMs: number): number {
  const name = tz.trim();
  if (/^(GMT|UTC|UT|Z|Etc\/UTC|Etc\/GMT)$/i.test(name)) return 0;
  const fixed = /^(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(name);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
    return fixed[1] === "-" ? -minutes : minutes;
  }
  const f = intlFormatter(name);
  if (f) {
    const parts: Record<string, number> = {};
    for (const p of f.formatToParts(new Date(utcMs))) {
      if (p.type !== "literal") parts[p.type] = Number(p.value);
    }
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return Math.round((wall - (utcMs - (((utcMs % 1000) + 1000) % 1000))) / 60000);
  }
  return FIXED_OFFSETS[name] ?? 0;
}

/** The UTC instant of a wall-clock time in `tz` (wall given as if it were UTC). */
export function wallToUtc(wallMs: number, tz: string): number {
  let utc = wallMs - tzOffsetMinutes(tz, wallMs) * 60000;
  utc = wallMs - tzOffsetMinutes(tz, utc) * 60000;
  return utc;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Token = { kind: "text"; text: string } | { kind: "field"; letter: string; count: number };

/** Splits a SimpleDateFormat pattern into literal text and letter fields. */
export function tokenizePattern(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const pushText = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === "text") last.text += text;
    else tokens.push({ kind: "text", text });
  };
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        pushText("'");
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      if (end < 0) throw new Error(`Unterminated quote in date pattern: ${pattern}`);
      pushText(pattern.slice(i + 1, end).replace(/''/g, "'"));
      i = end + 1;
    } else if (/[a-zA-Z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      if (!"GyYMLdEuaHkKhmsSDzZX".includes(ch)) throw new Error(`Illegal pattern character '${ch}'`);
      tokens.push({ kind: "field", letter: ch, count: j - i });
      i = j;
    } else {
      pushText(ch);
      i++;
    }
  }
  return tokens;
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, "0");

function offsetText(minutes: number, withColon: boolean): string {
  const sign = minutes < 0 ? "-" : "+";
  const a = Math.abs(minutes);
  return `${sign}${pad(Math.floor(a / 60), 2)}${withColon ? ":" : ""}${pad(a % 60, 2)}`;
}

function zoneName(tz: string, offset: number): string {
  if (/^(UTC|Etc\/UTC)$/i.test(tz)) return "UTC";
  if (/^(GMT|Etc\/GMT)$/i.test(tz)) return "GMT";
  if (tz === "Europe/Moscow") return "MSK";
  return `GMT${offsetText(offset, true)}`;
}

/** Formats an instant in `tz` with a Java SimpleDateFormat pattern (English names). */
export function formatInstant(utcMs: number, tz: string, pattern: string): string {
  const offset = tzOffsetMinutes(tz, utcMs);
  const w = new Date(utcMs + offset * 60000);
  const year = w.getUTCFullYear();
  const month = w.getUTCMonth();
  const hour = w.getUTCHours();
  const dow = w.getUTCDay();
  let out = "";
  for (const t of tokenizePattern(pattern)) {
    if (t.kind === "text") {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case "G":
        out += year > 0 ? "AD" : "BC";
        break;
      case "y":
      case "Y":
        out += n === 2 ? pad(year % 100, 2) : pad(year, n);
        break;
      case "M":
      case "L":
        out += n >= 4 ? MONTHS[month] : n === 3 ? MONTHS[month].slice(0, 3) : pad(month + 1, n);
        break;
      case "d":
        out += pad(w.getUTCDate(), n);
        break;
      case "D": {
        const startOfYear = Date.UTC(year, 0, 1);
        out += pad(Math.floor((w.getTime() - startOfYear) / 86400000) + 1, n);
        break;
      }
      case "E":
        out += n >= 4 ? DAYS[dow] : DAYS[dow].slice(0, 3);
        break;
      case "u":
        out += pad(dow === 0 ? 7 : dow, n);
        break;
      case "a":
        out += hour < 12 ? "AM" : "PM";
        break;
      case "H":
        out += pad(hour, n);
        break;
      case "k":
        out += pad(hour === 0 ? 24 : hour, n);
        break;
      case "K":
        out += pad(hour % 12, n);
        break;
      case "h":
        out += pad(hour % 12 === 0 ? 12 : hour % 12, n);
        break;
      case "m":
        out += pad(w.getUTCMinutes(), n);
        break;
      case "s":
        out += pad(w.getUTCSeconds(), n);
        break;
      case "S":
        out += pad(w.getUTCMilliseconds(), n);
        break;
      case "z":
        out += zoneName(tz, offset);
        break;
      case "Z":
        out += offsetText(offset, false);
        break;
      case "X":
        out +=
          offset === 0 ? "Z" : n === 1 ? offsetText(offset, false).slice(0, 3) : offsetText(offset, n >= 3);
        break;
    }
  }
  return out;
}

/**
 * Parses `text` with a SimpleDateFormat pattern in `tz`; returns the UTC instant. Numeric fields,
 * month names and literal text are supported; leniency as in Java (overflowing fields roll over).
 */
export function parseInstant(text: string, tz: string, pattern: string): number {
  const fail = () => new Error(`Unparseable date: "${text}"`);
  const f = { year: 1970, month: 0, day: 1, hour: 0, minute: 0, second: 0, ms: 0, pm: false, h12: false };
  let offset: number | undefined;
  let pos = 0;
  const tokens = tokenizePattern(pattern);
  tokens.forEach((t, index) => {
    if (t.kind === "text") {
      if (text.slice(pos, pos + t.text.length) !== t.text) throw fail();
      pos += t.text.length;
      return;
    }
    const next = tokens[index + 1];
    const fixedWidth = next !== undefined && next.kind === "field";
    if ((t.letter === "M" || t.letter === "L") && t.count >= 3) {
      const rest = text.slice(pos).toLowerCase();
      const m = MONTHS.findIndex((name) => rest.startsWith(name.toLowerCase()));
      const s = MONTHS.findIndex((name) => rest.startsWith(name.slice(0, 3).toLowerCase()));
      if (m >= 0) {
        f.month = m;
        pos += MONTHS[m].length;
      } else if (s >= 0) {
        f.month = s;
        pos += 3;
      } else throw fail();
      return;
    }
    if (t.letter === "E") {
      const rest = text.slice(pos).toLowerCase();
      const d = DAYS.find((name) => rest.startsWith(name.toLowerCase()));
      const s = DAYS.find((name) => rest.startsWith(name.slice(0, 3).toLowerCase()));
      if (d) pos += d.length;
      else if (s) pos += 3;
      else throw fail();
      return;
    }
    if (t.letter === "a") {
      const v = text.slice(pos, pos + 2).toUpperCase();
      if (v !== "AM" && v !== "PM") throw fail();
      f.pm = v === "PM";
      pos += 2;
      return;
    }
    if (t.letter === "Z" || t.letter === "X" || t.letter === "z") {
      const m = /^(Z|[+-]\d{2}(?::?\d{2})?)/.exec(text.slice(pos).replace(/^(GMT|UTC)/, ""));
      if (!m) throw fail();
      pos += text.slice(pos).length - text.slice(pos).replace(/^(GMT|UTC)/, "").length + m[1].length;
      offset = m[1] === "Z" ? 0 : tzOffsetMinutes(`GMT${m[1]}`, 0);
      return;
    }
    const re = fixedWidth ? new RegExp(`^[+-]?\\d{1,${t.count}}`) : /^[+-]?\d+/;
    const m = re.exec(text.slice(pos));
    if (!m) throw fail();
    pos += m[0].length;
    const v = Number(m[0]);
    switch (t.letter) {
      case "y":
      case "Y":
        f.year = t.count <= 2 && m[0].length <= 2 ? 2000 + v : v;
        break;
      case "M":
      case "L":
        f.month = v - 1;
        break;
      case "d":
        f.day = v;
        break;
      case "H":
      case "k":
        f.hour = v === 24 && t.letter === "k" ? 0 : v;
        break;
      case "h":
      case "K":
        f.hour = v % 12;
        f.h12 = true;
        break;
      case "m":
        f.minute = v;
        break;
      case "s":
        f.second = v;
        break;
      case "S":
        f.ms = v;
        break;
    }
  });
  // Trailing text after the last field is ignored, as Java's DateFormat.parse does.
  const hour = f.h12 && f.pm ? f.hour + 12 : f.hour;
  const wall = Date.UTC(f.year, f.month, f.day, hour, f.minute, f.second, f.ms);
  return offset === undefined ? wallToUtc(wall, tz) : wall - offset * 60000;
}
