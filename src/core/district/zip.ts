/**
 * A ZIP archive with its entries stored (not compressed), in pure TypeScript: a package is a few
 * kilobytes, and the same bytes come out in Apps Script and in Node. Reading an archive (which
 * Excel deflates when it saves a package again) is the runtime's: Utilities.unzip, JSZip.
 */
import { utf8Bytes } from "../sha256";

let table: number[] | null = null;

/** CRC-32 (ISO 3309, as ZIP uses it). */
export function crc32(bytes: ArrayLike<number>): number {
  if (table === null) {
    table = [];
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = table[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Entries (path → UTF-8 text) in a stored ZIP archive, in the order given. */
export function storedZip(entries: { path: string; text: string }[], when: Date): Uint8Array {
  const out: number[] = [];
  const u16 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff);
  const u32 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  // MS-DOS time and date of the wall clock (the UTC fields hold it, as everywhere in core).
  const time = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1);
  const date =
    ((Math.max(1980, when.getUTCFullYear()) - 1980) << 9) |
    ((when.getUTCMonth() + 1) << 5) |
    when.getUTCDate();
  const central: { name: number[]; crc: number; size: number; offset: number }[] = [];
  for (const e of entries) {
    const name = utf8Bytes(e.path);
    const data = utf8Bytes(e.text);
    const crc = crc32(data);
    const offset = out.length;
    u32(0x04034b50);
    u16(20);
    u16(0x0800); // names in UTF-8
    u16(0); // stored
    u16(time);
    u16(date);
    u32(crc);
    u32(data.length);
    u32(data.length);
    u16(name.length);
    u16(0);
    for (const b of name) out.push(b);
    for (const b of data) out.push(b);
    central.push({ name, crc, size: data.length, offset });
  }
  const start = out.length;
  for (const c of central) {
    u32(0x02014b50);
    u16(20);
    u16(20);
    u16(0x0800);
    u16(0);
    u16(time);
    u16(date);
    u32(c.crc);
    u32(c.size);
    u32(c.size);
    u16(c.name.length);
    u16(0);
    u16(0);
    u16(0);
    u16(0);
    u32(0);
    u32(c.offset);
    for (const b of c.name) out.push(b);
  }
  const size = out.length - start;
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(central.length);
  u16(central.length);
  u32(size);
  u32(start);
  u16(0);
  return Uint8Array.from(out);
}
