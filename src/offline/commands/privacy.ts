import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { describeErase, eraseConsent, type FileNamesPort } from "../../core/usecases/erase";
import { DEFAULT_DOCUMENTS_DIR } from "../documents";
import { CliError, EXIT_USAGE } from "../errors";
import { base64Lines, DEFAULT_OUTBOX, encodeHeaderValue } from "../outbox";
import type { Command } from "./types";
import { DEFAULT_FILE, missingWorkbookMessage, openWorkbook, saveWorkbook } from "./workbook";

/** `mentor erase EMAIL`: «Отозвать согласие» on an .xlsx workbook. */
export const eraseCommand: Command = {
  name: "erase",
  usage: "erase EMAIL          Отозвать согласие: удалить персональные данные участника (152-ФЗ)",
  help: {
    synopsis: ["erase EMAIL [--user КТО] [--file КНИГА.xlsx] [--documents ПАПКА] [--outbox ПАПКА]"],
    options: [
      ["EMAIL", "адрес участника, отозвавшего согласие на обработку персональных данных"],
      ["--user КТО", "кто выполняет удаление (для записи в «Журнал»)"],
      [
        "--documents ПАПКА",
        "папка документов (по умолчанию out/documents; можно и --out): файлы с именем участника переименовываются",
      ],
      [
        "--outbox ПАПКА",
        "папка писем (по умолчанию out/outbox): файлы с его адресом или именем переименовываются",
      ],
    ],
    examples: ["mentor erase ivanova@school1.ru --file школа.xlsx"],
  },
  valueOptions: ["file", "user", "documents", "out", "outbox"],
  flags: [],
  async run(ctx) {
    const email = ctx.args[0];
    if (!email)
      throw new CliError("Укажите e-mail участника, например: mentor erase ivanov@school1.ru", EXIT_USAGE);
    const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : DEFAULT_FILE);
    if (!existsSync(path)) throw new CliError(missingWorkbookMessage(path), EXIT_USAGE);
    const { wb } = await openWorkbook(ctx);
    try {
      const report = eraseConsent(
        {
          workbook: wb,
          clock: ctx.clock,
          user: typeof ctx.options.user === "string" ? ctx.options.user : "mentor erase",
          newSalt: () => randomBytes(16).toString("hex"),
          letters: outboxLetters(
            typeof ctx.options.outbox === "string" ? ctx.options.outbox : DEFAULT_OUTBOX,
          ),
          files: fileStores([
            typeof ctx.options.documents === "string"
              ? ctx.options.documents
              : typeof ctx.options.out === "string"
                ? ctx.options.out
                : DEFAULT_DOCUMENTS_DIR,
            typeof ctx.options.outbox === "string" ? ctx.options.outbox : DEFAULT_OUTBOX,
          ]),
        },
        email,
      );
      await saveWorkbook(wb, path);
      ctx.out(`${describeErase(report, email)}\nФайл: ${path}\n`);
      return 0;
    } catch (e) {
      if (e instanceof CliError) throw e; // a save refused: said, with its own exit code, by the command line
      ctx.out(`${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  },
};

/** Every file under a folder, as paths relative to it with «/». */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return out;
}

/**
 * The documents folder and the outbox as erase sees them: «N/relative/path» names (N the folder's
 * place in the list), renamed in place. A folder that does not exist holds nothing.
 */
function fileStores(dirs: string[]): FileNamesPort {
  const roots = dirs.map((d) => resolve(d));
  const toPath = (name: string) => {
    const [i, ...rest] = name.split("/");
    return join(roots[Number(i)], ...rest);
  };
  return {
    names: () =>
      roots.flatMap((root, i) => (existsSync(root) ? filesUnder(root).map((f) => `${i}/${f}`) : [])),
    rename: (from, to) => renameSync(toPath(from), toPath(to)),
  };
}

/** An RFC 2047 header value decoded (UTF-8 base64 encoded-words, folded). */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\r\n\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_m, b64: string) => Buffer.from(b64, "base64").toString("utf8"));
}

/**
 * One letter of the outbox with its subject and text parts scrubbed (the form outbox.ts writes:
 * UTF-8 base64 text parts, encoded-word headers); attachments stay (reported). Null when unchanged.
 */
export function scrubEml(eml: string, scrub: (s: string) => string): string | null {
  const lines = eml.split("\r\n");
  let changed = false;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^Subject: /i.test(line)) {
      let value = line.slice("Subject: ".length);
      while (i + 1 < lines.length && /^\s/.test(lines[i + 1])) value += `\r\n${lines[++i]}`;
      const text = decodeHeader(value);
      const next = scrub(text);
      if (next !== text) changed = true;
      out.push(`Subject: ${next !== text ? encodeHeaderValue(next) : value}`);
      continue;
    }
    out.push(line);
    if (
      /^Content-Type: text\/(plain|html)/i.test(line) &&
      /^Content-Transfer-Encoding: base64/i.test(lines[i + 1] ?? "")
    ) {
      out.push(lines[++i]);
      if (lines[i + 1] === "") out.push(lines[++i]);
      const body: string[] = [];
      while (i + 1 < lines.length && /^[A-Za-z0-9+/=]+$/.test(lines[i + 1])) body.push(lines[++i]);
      const text = Buffer.from(body.join(""), "base64").toString("utf8");
      const next = scrub(text);
      if (next !== text) {
        changed = true;
        out.push(base64Lines(next));
      } else out.push(...body);
    }
  }
  return changed ? out.join("\r\n") : null;
}

/** The outbox's letters for erase: each .eml whose subject or text names the person is rewritten. */
function outboxLetters(dir: string): { scrub(text: (s: string) => string): number } {
  return {
    scrub(text) {
      const root = resolve(dir);
      if (!existsSync(root)) return 0;
      let n = 0;
      for (const f of filesUnder(root).filter((x) => x.toLowerCase().endsWith(".eml"))) {
        const path = join(root, ...f.split("/"));
        const next = scrubEml(readFileSync(path, "utf8"), text);
        if (next === null) continue;
        writeFileSync(path, next);
        n++;
      }
      return n;
    },
  };
}
