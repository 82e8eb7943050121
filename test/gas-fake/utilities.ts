/** Utilities and Blob. Bytes are Java bytes: signed numbers in -128..127, as Apps Script returns them. */
import * as crypto from "node:crypto";
import * as zlib from "node:zlib";
import { instrument } from "./calls";
import { formatInstant, parseInstant } from "./dates";
import { Charset, DigestAlgorithm, MacAlgorithm } from "./enums";
import { type Env, Fake } from "./env";
import { isDate } from "./values";

type GasBlob = GoogleAppsScript.Base.Blob;
type GasUtilities = GoogleAppsScript.Utilities.Utilities;
type Bytes = number[];

function toSigned(buf: Buffer): Bytes {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

function fromBytes(bytes: readonly number[]): Buffer {
  return Buffer.from(bytes.map((b) => b & 255));
}

function encodingOf(charset: unknown): BufferEncoding {
  return String(charset) === "US_ASCII" ? "latin1" : "utf8";
}

/** A string (in `charset`) or a byte array, as a Buffer. */
function dataBuffer(data: unknown, charset?: unknown): Buffer {
  return Array.isArray(data) ? fromBytes(data) : Buffer.from(String(data), encodingOf(charset));
}

const CONTENT_TYPES: Record<string, string> = {
  csv: "text/csv",
  html: "text/html",
  htm: "text/html",
  json: "application/json",
  pdf: "application/pdf",
  txt: "text/plain",
  xml: "text/xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  zip: "application/zip",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const BLOB_METHODS = [
  "copyBlob",
  "getAs",
  "getBlob",
  "getBytes",
  "getContentType",
  "getDataAsString",
  "getName",
  "isGoogleType",
  "setBytes",
  "setContentType",
  "setContentTypeFromExtension",
  "setDataFromString",
  "setName",
] as const;

export class FakeBlob extends Fake implements Pick<GasBlob, (typeof BLOB_METHODS)[number]> {
  readonly gasType = "Blob";

  constructor(
    env: Env,
    public bytes: Buffer,
    public contentType: string | null,
    public name: string | null,
  ) {
    super(env);
  }

  private self(): GasBlob {
    return gasBlob(this);
  }

  copyBlob(): GasBlob {
    return gasBlob(new FakeBlob(this.env, Buffer.from(this.bytes), this.contentType, this.name));
  }
  /** No conversion happens: the copy only carries the new content type. */
  getAs(contentType: string): GasBlob {
    return gasBlob(new FakeBlob(this.env, Buffer.from(this.bytes), contentType, this.name));
  }
  getBlob(): GasBlob {
    return this.self();
  }
  getBytes(): Bytes {
    return this.env.realm.array(toSigned(this.bytes));
  }
  getContentType(): string | null {
    return this.contentType;
  }
  getDataAsString(charset?: string): string {
    return this.bytes.toString(encodingOf(charset));
  }
  getName(): string | null {
    return this.name;
  }
  isGoogleType(): boolean {
    return false;
  }
  setBytes(data: Bytes): GasBlob {
    this.bytes = fromBytes(data);
    return this.self();
  }
  setContentType(contentType: string | null): GasBlob {
    this.contentType = contentType;
    return this.self();
  }
  setContentTypeFromExtension(): GasBlob {
    const ext = /\.([^.]+)$/.exec(this.name ?? "")?.[1]?.toLowerCase();
    const type = ext === undefined ? undefined : CONTENT_TYPES[ext];
    if (!type) throw this.env.error(`Unable to determine the content type of the blob "${this.name}".`);
    this.contentType = type;
    return this.self();
  }
  setDataFromString(text: string, charset?: string): GasBlob {
    this.bytes = Buffer.from(String(text), encodingOf(charset));
    return this.self();
  }
  setName(name: string): GasBlob {
    this.name = name;
    return this.self();
  }
}
instrument(FakeBlob, "Base", "Blob", BLOB_METHODS);

export function gasBlob(b: FakeBlob): GasBlob {
  return b as unknown as GasBlob;
}

/** Minimal Java String.format: %s %d %f (%.2f), widths, %%, %n. */
export function javaFormat(template: string, args: readonly unknown[]): string {
  let next = 0;
  return template.replace(
    /%(\d+\$)?(-)?(0)?(\d+)?(?:\.(\d+))?([sSdfbBxX%n])/g,
    (_m, pos, left, zero, width, prec, conv) => {
      if (conv === "%") return "%";
      if (conv === "n") return "\n";
      const arg = pos ? args[Number.parseInt(pos, 10) - 1] : args[next++];
      let text: string;
      switch (conv) {
        case "d":
          text = String(Math.trunc(Number(arg)));
          break;
        case "f":
          text = Number(arg).toFixed(prec === undefined ? 6 : Number(prec));
          break;
        case "x":
        case "X":
          text = Math.trunc(Number(arg)).toString(16);
          if (conv === "X") text = text.toUpperCase();
          break;
        case "b":
        case "B":
          text = String(arg !== null && arg !== undefined && arg !== false);
          break;
        default:
          text = String(arg);
          if (prec !== undefined) text = text.slice(0, Number(prec));
          if (conv === "S") text = text.toUpperCase();
      }
      const w = width === undefined ? 0 : Number(width);
      if (text.length >= w) return text;
      if (left) return text.padEnd(w);
      if (!zero) return text.padStart(w);
      const sign = text.startsWith("-") ? "-" : "";
      return sign + text.slice(sign.length).padStart(w - sign.length, "0");
    },
  );
}

/** RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes. */
export function parseCsv(csv: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && csv[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const DIGESTS: Record<string, string> = {
  MD5: "md5",
  SHA_1: "sha1",
  SHA_256: "sha256",
  SHA_384: "sha384",
  SHA_512: "sha512",
};

const UTILITIES_METHODS = [
  "base64Decode",
  "base64DecodeWebSafe",
  "base64Encode",
  "base64EncodeWebSafe",
  "computeDigest",
  "computeHmacSha256Signature",
  "computeHmacSignature",
  "formatDate",
  "formatString",
  "getUuid",
  "newBlob",
  "parseCsv",
  "parseDate",
  "sleep",
  "unzip",
] as const;

export class FakeUtilities
  extends Fake
  implements
    Pick<GasUtilities, (typeof UTILITIES_METHODS)[number] | "Charset" | "DigestAlgorithm" | "MacAlgorithm">
{
  readonly Charset = Charset;
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;

  private bytes(buf: Buffer): Bytes {
    return this.env.realm.array(toSigned(buf));
  }

  base64Decode(encoded: string): Bytes {
    return this.bytes(Buffer.from(String(encoded), "base64"));
  }
  base64DecodeWebSafe(encoded: string): Bytes {
    return this.bytes(Buffer.from(String(encoded).replace(/-/g, "+").replace(/_/g, "/"), "base64"));
  }
  base64Encode(data: string | Bytes, charset?: GoogleAppsScript.Utilities.Charset): string {
    return dataBuffer(data, charset).toString("base64");
  }
  base64EncodeWebSafe(data: string | Bytes, charset?: GoogleAppsScript.Utilities.Charset): string {
    return dataBuffer(data, charset).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  }
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | Bytes,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    const name = DIGESTS[String(algorithm)];
    if (!name) throw this.env.error(`Unsupported digest algorithm: ${String(algorithm)}`);
    return this.bytes(crypto.createHash(name).update(dataBuffer(value, charset)).digest());
  }
  computeHmacSha256Signature(
    value: string | Bytes,
    key: string | Bytes,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    return this.bytes(
      crypto.createHmac("sha256", dataBuffer(key, charset)).update(dataBuffer(value, charset)).digest(),
    );
  }
  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | Bytes,
    key: string | Bytes,
    charset?: GoogleAppsScript.Utilities.Charset,
  ): Bytes {
    const name = DIGESTS[String(algorithm).replace(/^HMAC_/, "")];
    if (!name) throw this.env.error(`Unsupported MAC algorithm: ${String(algorithm)}`);
    return this.bytes(
      crypto.createHmac(name, dataBuffer(key, charset)).update(dataBuffer(value, charset)).digest(),
    );
  }
  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDate(date) || typeof timeZone !== "string" || typeof format !== "string") {
      throw this.env.signatureError("Utilities.formatDate", [date, timeZone, format]);
    }
    if (Number.isNaN(date.getTime())) throw this.env.error("Invalid argument: date");
    try {
      return formatInstant(date.getTime(), timeZone, format);
    } catch (e) {
      throw this.env.error((e as Error).message);
    }
  }
  formatString(template: string, ...args: unknown[]): string {
    return javaFormat(String(template), args);
  }
  getUuid(): string {
    const n = this.env.nextSeq().toString(16).padStart(12, "0");
    return `00000000-0000-4000-8000-${n}`;
  }
  newBlob(data: string | Bytes, contentType?: string, name?: string): GasBlob {
    return gasBlob(new FakeBlob(this.env, dataBuffer(data), contentType ?? null, name ?? null));
  }
  parseCsv(csv: string, delimiter?: string): string[][] {
    return this.env.realm.array(parseCsv(String(csv), delimiter).map((row) => this.env.realm.array(row)));
  }
  parseDate(date: string, timeZone: string, format: string): Date {
    try {
      return this.env.realm.date(parseInstant(String(date), timeZone, format));
    } catch (e) {
      throw this.env.error((e as Error).message);
    }
  }
  sleep(milliseconds: number): void {
    this.env.state.sleeps.push(milliseconds);
  }
  /**
   * «Takes a Blob representing a zip file and returns its component files» (Utilities.unzip): one
   * Blob per file entry, named by its path inside the archive («xl/workbook.xml»), stored or
   * deflated entries; folders are left out. Not a zip: an error (its wording is a guess).
   */
  unzip(blob: GoogleAppsScript.Base.BlobSource): GasBlob[] {
    const data = Buffer.from(
      (blob as unknown as { getBlob(): { getBytes(): number[] } })
        .getBlob()
        .getBytes()
        .map((b) => b & 0xff),
    );
    const bad = () => this.env.error("Invalid argument: blob (not a zip file)");
    let end = -1;
    for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--)
      if (data.readUInt32LE(i) === 0x06054b50) {
        end = i;
        break;
      }
    if (end < 0) throw bad();
    const count = data.readUInt16LE(end + 10);
    let at = data.readUInt32LE(end + 16);
    const out: GasBlob[] = [];
    for (let n = 0; n < count; n++) {
      if (data.readUInt32LE(at) !== 0x02014b50) throw bad();
      const method = data.readUInt16LE(at + 10);
      const size = data.readUInt32LE(at + 20);
      const nameLength = data.readUInt16LE(at + 28);
      const extra = data.readUInt16LE(at + 30);
      const comment = data.readUInt16LE(at + 32);
      const local = data.readUInt32LE(at + 42);
      const name = data.subarray(at + 46, at + 46 + nameLength).toString("utf8");
      at += 46 + nameLength + extra + comment;
      if (name.endsWith("/")) continue;
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      const raw = data.subarray(start, start + size);
      const bytes = method === 0 ? Buffer.from(raw) : method === 8 ? zlib.inflateRawSync(raw) : null;
      if (bytes === null) throw bad();
      out.push(gasBlob(new FakeBlob(this.env, bytes, null, name)));
    }
    return this.env.realm.array(out);
  }
}
instrument(FakeUtilities, "Utilities", "Utilities", UTILITIES_METHODS);
