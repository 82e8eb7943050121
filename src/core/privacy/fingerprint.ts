/**
 * Fingerprints of the people who withdrew consent (152-ФЗ): a salted SHA-256 of their e-mail and of
 * their full name with birth date, kept on «Отзывы согласия» instead of the data, so that a later
 * import, replay or submission of the same person is refused without the program keeping who they
 * were. The salt is a random string of each workbook (its row «соль» on that sheet), never in the
 * code: a fingerprint of one school's workbook tells nothing in another's, and a list of common
 * addresses hashed once does not open every workbook.
 *
 * SHA-256 is written here (FIPS 180-4) because core runs in Apps Script and Node alike, with no
 * crypto API shared by both (Apps Script V8 has no TextEncoder either: UTF-8 is encoded by hand).
 */
import { cellDate } from "../cells";
import type { Cell, WorkbookPort } from "../ports";
import { sheetName } from "../templates/load";
import { Table } from "../workbook/table";

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];

/** The UTF-8 bytes of a string (surrogate pairs joined). */
function utf8(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** SHA-256 of a string's UTF-8 bytes, as 64 hex digits. */
export function sha256Hex(text: string): string {
  const bytes = utf8(text);
  const bitLength = bytes.length * 8;
  bytes.push(0x80);
  while (bytes.length % 64 !== 56) bytes.push(0);
  const hi = Math.floor(bitLength / 0x100000000);
  for (const word of [hi, bitLength >>> 0])
    bytes.push((word >>> 24) & 255, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const w = new Array<number>(64);
  for (let off = 0; off < bytes.length; off += 64) {
    for (let i = 0; i < 16; i++)
      w[i] =
        (bytes[off + 4 * i] << 24) |
        (bytes[off + 4 * i + 1] << 16) |
        (bytes[off + 4 * i + 2] << 8) |
        bytes[off + 4 * i + 3];
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15];
      const b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + K[i] + w[i]) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + b) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
    h[5] = (h[5] + f) | 0;
    h[6] = (h[6] + g) | 0;
    h[7] = (h[7] + hh) | 0;
  }
  return h.map((x) => (x >>> 0).toString(16).padStart(8, "0")).join("");
}

/** «Что» of the salt's row on «Отзывы согласия». */
export const SALT_KIND = "соль";
export const EMAIL_KIND = "e-mail";
export const NAME_KIND = "ФИО и дата рождения";

/** What identifies a person to the fingerprints: an address, and a name with a birth date. */
export interface Identity {
  email?: string;
  fullName?: string;
  birthDate?: Cell;
}

function normalName(name: string): string {
  return name.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");
}

/** The identity's texts to hash, by kind: only those it has (a name counts with its birth date). */
function identityTexts(id: Identity): { kind: string; text: string }[] {
  const out: { kind: string; text: string }[] = [];
  const email = String(id.email ?? "")
    .trim()
    .toLowerCase();
  if (email !== "") out.push({ kind: EMAIL_KIND, text: `email:${email}` });
  const name = normalName(String(id.fullName ?? ""));
  const birth = id.birthDate === undefined ? null : cellDate(id.birthDate);
  if (name !== "" && birth)
    out.push({ kind: NAME_KIND, text: `name:${name}|${birth.toISOString().slice(0, 10)}` });
  return out;
}

/** A fresh random salt (32 hex digits) when the runtime gives none (Math.random: a salt needs no secrecy, only to differ). */
export function randomSalt(): string {
  let s = "";
  for (let i = 0; i < 32; i++) s += Math.floor(Math.random() * 16).toString(16);
  return s;
}

/** The fingerprints of «Отзывы согласия»: the workbook's salt and the set of hashes. */
export class WithdrawnRegistry {
  private constructor(
    readonly table: Table<"withdrawn">,
    private salt: string,
    private readonly hashes: Set<string>,
  ) {}

  /** Reads the sheet; null when the workbook has none (an old workbook before «mentor init»). */
  static load(wb: WorkbookPort): WithdrawnRegistry | null {
    if (!wb.sheetNames().includes(sheetName("withdrawn"))) return null;
    const t = Table.load(wb, "withdrawn");
    let salt = "";
    const hashes = new Set<string>();
    for (const r of t.rowIndexes()) {
      const kind = String(t.get(r, "kind")).trim();
      const value = String(t.get(r, "fingerprint")).trim();
      if (value === "") continue;
      if (kind === SALT_KIND) salt = salt || value;
      else hashes.add(value.toLowerCase());
    }
    return new WithdrawnRegistry(t, salt, hashes);
  }

  get size(): number {
    return this.hashes.size;
  }

  private hash(text: string): string {
    return sha256Hex(`${this.salt}\u0000${text}`);
  }

  /** True when the address, or the name with the birth date, is of a person who withdrew consent. */
  refuses(id: Identity): boolean {
    if (this.hashes.size === 0 || this.salt === "") return false;
    return identityTexts(id).some(({ text }) => this.hashes.has(this.hash(text)));
  }

  /** Queues the identity's fingerprints (a salt first, when the workbook has none); returns how many are new. */
  add(id: Identity, day: Date, newSalt: () => string = randomSalt): number {
    if (this.salt === "") {
      this.salt = newSalt();
      this.table.add({ fingerprint: this.salt, kind: SALT_KIND, withdrawn_at: day });
    }
    let added = 0;
    for (const { kind, text } of identityTexts(id)) {
      const h = this.hash(text);
      if (this.hashes.has(h)) continue;
      this.hashes.add(h);
      this.table.add({ fingerprint: h, kind, withdrawn_at: day });
      added++;
    }
    return added;
  }

  flush(wb: WorkbookPort): void {
    this.table.flush(wb);
  }
}
