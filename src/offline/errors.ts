/**
 * Failures of the `mentor` command line as Russian sentences that say what happened and what to do.
 * A command throws `CliError` with its sentence; `describeFailure` turns anything else (a Node file
 * system error, an out-of-memory RangeError, a library's English message) into one. No stack ever
 * reaches the curator; MENTOR_DEBUG=1 prints it for a developer.
 */
import { basename, dirname } from "node:path";

/** Exit codes: 1 — an error, 2 — the command was called wrongly, 3 — the workbook is busy or changed. */
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_BUSY = 3;

/** A failure already said in Russian, with the exit code the command ends with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_ERROR,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export type FileAction = "read" | "write";

interface SystemError extends Error {
  code?: string;
  path?: string;
  syscall?: string;
}

function isSystemError(e: unknown): e is SystemError {
  return e instanceof Error && typeof (e as SystemError).code === "string";
}

/** The command to raise Node's memory limit to `mb` megabytes, for the shells curators use. */
export function memoryAdvice(mb: number): string {
  const size = Math.max(4096, Math.ceil(mb / 1024) * 1024);
  return (
    `Запустите команду с большим объёмом памяти: NODE_OPTIONS=--max-old-space-size=${size} mentor … ` +
    `(в Windows: set NODE_OPTIONS=--max-old-space-size=${size}, затем mentor …), ` +
    `или разделите книгу на несколько файлов.`
  );
}

/** An out-of-memory failure that JavaScript can catch: a string, buffer or array too large. */
export function isOutOfMemory(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as SystemError).code;
  if (code === "ERR_STRING_TOO_LONG" || code === "ERR_BUFFER_TOO_LARGE" || code === "ERR_OUT_OF_MEMORY")
    return true;
  return (
    e instanceof RangeError &&
    /Invalid (string|array|typed array) length|allocation failed|out of memory/i.test(e.message)
  );
}

export function outOfMemoryMessage(): string {
  return `Не хватило памяти: данных слишком много для памяти, которую Node.js выделил программе. ${memoryAdvice(8192)}`;
}

/**
 * A file system error on `path` (the workbook, a document, a letter, the folder beside them) as a
 * Russian sentence. `action` says whether the program was reading or saving it.
 */
export function describeFileError(e: unknown, path: string, action: FileAction): string {
  const code = isSystemError(e) ? e.code : undefined;
  const where = isSystemError(e) && e.path ? e.path : path;
  const folder = dirname(path);
  switch (code) {
    case "ENOENT":
      return action === "read"
        ? `Файл не найден: ${path}. Проверьте имя файла и папку.`
        : `Папки ${folder} нет, и создать её не удалось. Проверьте путь.`;
    case "EISDIR":
      return `«${path}» — это папка, а не файл. Укажите файл, например: --file ${path}/школа.xlsx`;
    case "ENOTDIR":
      return `Путь ${path} не ведёт к файлу: одна из папок в нём на самом деле файл. Проверьте путь.`;
    case "ENAMETOOLONG":
      return `Слишком длинное имя файла или пути (${basename(path).length} символов в имени): ${path}. Сократите имя файла или папки и повторите.`;
    case "EACCES":
    case "EPERM":
      if (action === "read")
        return `Нет доступа к файлу ${where}: у вашей учётной записи нет права его читать. Откройте доступ к файлу или скопируйте его в свою папку.`;
      return `Нет права записи в ${where === path ? `файл ${path}` : `папку ${folder}`}: программа сохраняет файл через временный файл рядом с ним. Разрешите запись в папку (и снимите с файла «Только чтение») или перенесите файл в свою папку.`;
    case "EROFS":
      return `Папка ${folder} на носителе, доступном только для чтения: сохранить туда нельзя. Скопируйте файл на диск, куда можно писать, и укажите его.`;
    case "ENOSPC":
    case "EDQUOT":
      return `На диске не хватило места, чтобы сохранить ${path}. Прежний файл не изменён. Освободите место и повторите.`;
    case "EBUSY":
    case "ETXTBSY":
      return `Файл ${path} занят другой программой (возможно, открыт в Excel). Закройте его и повторите.`;
    case "EMFILE":
    case "ENFILE":
      return `Открыто слишком много файлов. Закройте лишние программы и повторите.`;
    case "EIO":
      return `Ошибка ввода-вывода при работе с ${path}: носитель неисправен или отключён. Проверьте диск (флешку, сетевую папку) и повторите.`;
    case "ELOOP":
      return `Путь ${path} ссылается сам на себя (циклическая ссылка). Укажите настоящий файл.`;
    default:
      return `Не удалось ${action === "read" ? "прочитать" : "сохранить"} ${path}${code ? ` (код ${code})` : ""}. Проверьте файл и папку и повторите.`;
  }
}

const CYRILLIC = /[А-Яа-яЁё]/;

/**
 * Anything a command threw as the one sentence the curator reads. Russian errors of core and of
 * the importers pass as they are; a file system error is explained; anything else is an internal
 * error (its detail under MENTOR_DEBUG=1).
 */
export function describeFailure(e: unknown): { message: string; exitCode: number } {
  if (e instanceof CliError) return { message: e.message, exitCode: e.exitCode };
  if (isOutOfMemory(e)) return { message: outOfMemoryMessage(), exitCode: EXIT_ERROR };
  if (isSystemError(e) && e.syscall) {
    const action: FileAction = /^(open|read|stat|lstat|scandir|access|realpath)/.test(e.syscall)
      ? "read"
      : "write";
    return { message: describeFileError(e, e.path ?? "", action), exitCode: EXIT_ERROR };
  }
  if (e instanceof Error && CYRILLIC.test(e.message)) return { message: e.message, exitCode: EXIT_ERROR };
  return {
    message:
      "Внутренняя ошибка программы: команда не выполнена. Повторите её; если ошибка повторится, " +
      "запустите команду с MENTOR_DEBUG=1 и передайте её вывод разработчикам.",
    exitCode: EXIT_ERROR,
  };
}

/** The stack of a failure for a developer (MENTOR_DEBUG=1), else nothing. */
export function debugDetail(e: unknown): string {
  if (process.env.MENTOR_DEBUG !== "1") return "";
  return e instanceof Error ? `${e.stack ?? e.message}\n` : `${String(e)}\n`;
}
