/**
 * Every failure of the real `mentor` command in Russian, with what to do, never a stack, and a
 * non-zero exit code (issue 15, item 7): a folder given as the file, a missing file, a read-only
 * file or folder, a name too long, random bytes, a text file, an empty file, a corrupt zip, another
 * Office document, a workbook too large for the memory, a broken JSON. A workbook saved by another
 * program with cell notes opens (LibreOffice's layout and openpyxl's, which exceljs cannot find).
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import JSZip from "jszip";
import { describeFailure } from "../../src/offline/errors";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";
import { convertWithLibreOffice, describeWith, libreOffice } from "../support/tools";

const root = join(__dirname, "..", "..");
const bin = join(root, "bin", "mentor.js");
const LIBREOFFICE = libreOffice();

interface Result {
  code: number | null;
  out: string;
}

/** The real command line: stdout and stderr together, as the curator sees them. */
function mentor(args: string[], options: { env?: NodeJS.ProcessEnv; asUser?: number } = {}): Result {
  const argv = [bin, ...args, "--quiet", "--today", "01.10.2026"];
  const [cmd, cmdArgs] =
    options.asUser === undefined
      ? [process.execPath, argv]
      : [
          "setpriv",
          [
            `--reuid=${options.asUser}`,
            `--regid=${options.asUser}`,
            "--clear-groups",
            process.execPath,
            ...argv,
          ],
        ];
  const r = spawnSync(cmd, cmdArgs as string[], {
    cwd: root,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: 180_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Raw errors a curator must never see: a stack, a Node code, a library's English message. */
const RAW =
  /\n\s+at |EISDIR|ENOENT|EACCES|EPERM|ENAMETOOLONG|Corrupted zip|central directory|Cannot read properties|Unexpected token|in JSON at|FATAL ERROR|heap limit|TypeError|RangeError/;

function expectRussianFailure(r: Result, sentence: string | RegExp, code?: number): void {
  expect(r.code).not.toBe(0);
  if (code !== undefined) expect(r.code).toBe(code);
  expect(r.out).toMatch(/Ошибка: |Файл книги не найден/);
  if (typeof sentence === "string") expect(r.out).toContain(sentence);
  else expect(r.out).toMatch(sentence);
  expect(r.out).not.toMatch(RAW);
}

let dir: string;
let book: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentor-errors-"));
  chmodSync(dir, 0o755);
  book = join(dir, "школа.xlsx");
  expect(mentor(["init", "--file", book]).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the sound workbook to break. */
function copyOfBook(name: string): string {
  const path = join(dir, name);
  copyFileSync(book, path);
  return path;
}

describe("the workbook's path", () => {
  it("a folder given as the file", () => {
    const folder = join(dir, "папка");
    mkdirSync(folder);
    expectRussianFailure(
      mentor(["monitor", "--file", folder]),
      `«${folder}» — это папка, а не файл книги. Укажите файл .xlsx, например: --file ${folder}/школа.xlsx`,
    );
    expectRussianFailure(mentor(["init", "--file", folder]), "это папка, а не файл книги");
  });

  it("a missing file says how to create it", () => {
    const missing = join(dir, "нет.xlsx");
    const r = mentor([
      "import",
      join(root, "samples", "Анкета наставника — Google Формы.csv"),
      "--form",
      "mentor",
      "--file",
      missing,
    ]);
    expectRussianFailure(
      r,
      `Файл книги не найден: ${missing}. Создайте книгу: mentor init --file ${missing}`,
      2,
    );
    expectRussianFailure(mentor(["match", "--file", missing]), `mentor init --file ${missing}`, 2);
    expectRussianFailure(mentor(["monitor", "--file", missing]), `mentor init --file ${missing}`, 2);
  });

  it("a read-only file is not written, and the command says how to allow it", () => {
    const path = copyOfBook("только-чтение.xlsx");
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    expectRussianFailure(
      mentor(["monitor", "--file", path]),
      `Файл книги ${path} доступен только для чтения: команда не сможет его сохранить. Снимите с файла атрибут «Только чтение»`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("a folder nobody may write into", () => {
    const folder = join(dir, "закрытая");
    mkdirSync(folder);
    const path = join(folder, "школа.xlsx");
    copyFileSync(book, path);
    // root may write anywhere: then the command runs as «nobody», who owns the file but not the folder.
    const isRoot = process.getuid?.() === 0;
    if (isRoot) chownSync(path, 65534, 65534);
    else chmodSync(folder, 0o555);
    try {
      const r = mentor(["monitor", "--file", path], isRoot ? { asUser: 65534 } : {});
      expectRussianFailure(
        r,
        `Нет права записи в папку ${folder}: программа сохраняет файл через временный файл рядом с ним. Разрешите запись в папку`,
      );
      expect(readdirSync(folder)).toEqual(["школа.xlsx"]);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it("a name too long", () => {
    const path = join(dir, `${"а".repeat(140)}.xlsx`); // 285 bytes: longer than a file name may be
    expectRussianFailure(
      mentor(["init", "--file", path]),
      /^Ошибка: Слишком длинное имя файла или пути \(145 символов в имени\)/m,
    );
  });
});

describe("a file that is not a workbook", () => {
  it("random bytes", () => {
    const path = join(dir, "шум.xlsx");
    writeFileSync(path, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
    expectRussianFailure(
      mentor(["monitor", "--file", path]),
      `Файл ${path} — не книга Excel (.xlsx), а файл неизвестного формата.`,
    );
  });

  it("a text file named .xlsx", () => {
    const path = join(dir, "ответы.xlsx");
    writeFileSync(path, "ФИО;Почта\nИванов;ivanov@school.ru\n");
    expectRussianFailure(
      mentor(["match", "--file", path]),
      `Файл ${path} — не книга Excel (.xlsx), а текстовый файл.`,
    );
  });

  it("an empty file (a save cut short by an older version) points to the backup", () => {
    const path = join(dir, "пустая.xlsx");
    writeFileSync(path, "");
    expectRussianFailure(
      mentor(["monitor", "--file", path]),
      `Файл книги ${path} пуст (0 байт): вероятно, его запись была прервана. Восстановите предыдущую версию из резервной копии ${join(dir, "пустая.bak.xlsx")}`,
    );
  });

  it("a corrupt zip (a workbook copied halfway)", () => {
    const path = join(dir, "обрезанная.xlsx");
    writeFileSync(path, readFileSync(book).subarray(0, 30_000));
    expectRussianFailure(
      mentor(["init", "--file", path]),
      `Книга ${path} повреждена: архив .xlsx не читается (файл, вероятно, сохранён или скопирован не полностью).`,
    );
  });

  it("a Word document named .xlsx", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("word/document.xml", "<w:document/>");
    const path = join(dir, "приказ.xlsx");
    writeFileSync(path, await zip.generateAsync({ type: "nodebuffer" }));
    expectRussianFailure(
      mentor(["monitor", "--file", path]),
      `Файл ${path} — документ Word, а не книга Excel.`,
    );
  });

  it("a broken JSON matching instance", () => {
    const path = join(dir, "задача.json");
    writeFileSync(path, '{"mentors": [ {"id": "m1",} ]');
    expectRussianFailure(mentor(["match", "--instance", path]), `Файл ${path} — не JSON`);
  });
});

describe("memory", () => {
  it("a workbook too large for the memory is refused with the NODE_OPTIONS to use", async () => {
    // 200,000 rows of one sheet: a few hundred kilobytes zipped, about 20 MB of XML unpacked.
    const zip = await JSZip.loadAsync(readFileSync(book));
    const rows: string[] = [];
    for (let r = 1; r <= 200_000; r++)
      rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Участник ${r % 10}</t></is></c></row>`);
    zip.file(
      "xl/worksheets/sheet1.xml",
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`,
    );
    const path = join(dir, "огромная.xlsx");
    writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const r = mentor(["monitor", "--file", path], { env: { NODE_OPTIONS: "--max-old-space-size=96" } });
    expectRussianFailure(r, `Книга ${path} слишком велика для памяти программы: в ней около`);
    expect(r.out).toMatch(/NODE_OPTIONS=--max-old-space-size=\d+ mentor/);
  });

  it("an out-of-memory error JavaScript can catch becomes the same advice", () => {
    for (const e of [
      new RangeError("Invalid string length"),
      Object.assign(new Error("x"), { code: "ERR_STRING_TOO_LONG" }),
    ]) {
      const { message, exitCode } = describeFailure(e);
      expect(message).toMatch(/^Не хватило памяти: .* NODE_OPTIONS=--max-old-space-size=8192 mentor/);
      expect(exitCode).toBe(1);
    }
  });
});

/** A one-sheet workbook saved by LibreOffice with a note on A1, from a flat ODS written here. */
function libreOfficeWorkbookWithNote(): string {
  const src = join(dir, "заметка.fods");
  writeFileSync(
    src,
    `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="Лист1">
<table:table-row><table:table-cell office:value-type="string"><text:p>ФИО</text:p><office:annotation><dc:creator>Куратор</dc:creator><text:p>Заметка куратора</text:p></office:annotation></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>Иванов</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document>
`,
  );
  convertWithLibreOffice(LIBREOFFICE, [src], "xlsx", dir, 300_000);
  return join(dir, basename(src, ".fods") + ".xlsx");
}

/** The same workbook rearranged as openpyxl writes notes: absolute targets, «xl/comments/comment1.xml». */
async function openpyxlLayout(from: string, to: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(from));
  const comments = await zip.file("xl/comments1.xml")!.async("uint8array");
  const vml = await zip.file("xl/drawings/vmlDrawing1.vml")!.async("uint8array");
  zip.remove("xl/comments1.xml");
  zip.remove("xl/drawings/vmlDrawing1.vml");
  zip.file("xl/comments/comment1.xml", comments);
  zip.file("xl/drawings/commentsDrawing1.vml", vml);
  const rels = "xl/worksheets/_rels/sheet1.xml.rels";
  const xml = (await zip.file(rels)!.async("string"))
    .replace('Target="../comments1.xml"', 'Target="/xl/comments/comment1.xml"')
    .replace('Target="../drawings/vmlDrawing1.vml"', 'Target="/xl/drawings/commentsDrawing1.vml"');
  expect(xml).toContain("/xl/comments/comment1.xml");
  zip.file(rels, xml);
  writeFileSync(to, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

function noteOf(wb: XlsxWorkbook, sheet: string, address: string): string {
  const note = wb.book.getWorksheet(sheet)?.getCell(address).note;
  if (!note) return "";
  return typeof note === "string" ? note : (note.texts ?? []).map((t) => t.text).join("");
}

describeWith(LIBREOFFICE)("a workbook with cell notes saved by another program", () => {
  let saved: string;
  beforeAll(() => {
    saved = libreOfficeWorkbookWithNote();
  });

  it.each([
    ["LibreOffice", false],
    ["openpyxl (absolute targets, xl/comments/comment1.xml)", true],
  ])("opens in its %s layout: init restores the sheets and keeps the note", async (_name, rearranged) => {
    const path = join(dir, rearranged ? "openpyxl.xlsx" : "libreoffice.xlsx");
    if (rearranged) await openpyxlLayout(saved, path);
    else copyFileSync(saved, path);
    const init = mentor(["init", "--file", path]);
    expect(init.out).not.toMatch(RAW);
    expect(init.code).toBe(0);
    expect(init.out).toContain("Книга готова");
    expect(mentor(["monitor", "--file", path]).code).toBe(0);
    const wb = await XlsxWorkbook.load(path);
    expect(wb.read("Лист1")[0][0]).toBe("ФИО");
    expect(noteOf(wb, "Лист1", "A1")).toBe("Заметка куратора");
  });
});
