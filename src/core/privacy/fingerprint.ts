/**
 * Fingerprints of the people who withdrew consent (152-ФЗ): a salted SHA-256 of their e-mail and of
 * their full name with birth date, kept on «Отзывы согласия» instead of the data, so that a later
 * import, replay or submission of the same person is refused without the program keeping who they
 * were. The salt is a random string of each workbook (its row «соль» on that sheet), never in the
 * code: a fingerprint of one school's workbook tells nothing in another's, and a list of common
 * addresses hashed once does not open every workbook.
 *
 * SHA-256 is the kernel's (src/core/sha256.ts): core runs in Apps Script and Node alike, with no
 * crypto API shared by both.
 */
import { cellDate } from "../cells";
import type { Cell, WorkbookPort } from "../ports";
import { sha256 } from "../sha256";
import { sheetName } from "../templates/load";
import { Table } from "../workbook/table";

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
    return sha256(`${this.salt}\u0000${text}`);
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
