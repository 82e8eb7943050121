/**
 * The package as a small .xlsx: «Пакет» (the figures as a person reads them) and «Данные» (the
 * machine-readable key → value rows with their checksum, what the district reads). The workbook's
 * XML is written here and stored in a ZIP archive by zip.ts, so Apps Script and Node make the same
 * bytes. Reading goes the other way from the archive's parts (the runtime unzips: Excel deflates
 * what it saves): the «Данные» sheet as a grid.
 */
import type { Cell } from "../ports";
import { plural } from "../text";
import { createdText, indicatorLabel, packageRows, type SchoolPackage, schoolTitle } from "./package";
import { storedZip } from "./zip";

export const FIGURES_SHEET = "Пакет";
export const DATA_SHEET = "Данные";
export const PACKAGE_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** «Отчётный пакет МБОУ СОШ № 1 2026-2027.xlsx», without characters a file name may not hold. */
export function packageFileName(p: SchoolPackage): string {
  const name = `Отчётный пакет ${schoolTitle(p.school)} ${p.year}-${p.year + 1}`
    .replace(/[\\/:*?"<>|«»]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return `${name}.xlsx`;
}

type Value = string | number | null;

/** The figures of «Пакет», as a person reads them: every number is also a row of «Данные». */
export function figuresGrid(p: SchoolPackage): Value[][] {
  const g: Value[][] = [];
  const blank = () => g.push([]);
  g.push([`Отчётный пакет программы наставничества: ${p.year}/${p.year + 1} учебный год`]);
  g.push([
    "Только числа, без персональных данных. Отдел образования читает лист «Данные»; не изменяйте его — контрольная сумма покажет правку.",
  ]);
  blank();
  g.push(["Образовательная организация", p.school.name]);
  g.push(["Краткое название", p.school.short]);
  g.push(["Населённый пункт", p.school.city]);
  g.push(["Орган управления образованием", p.school.department]);
  g.push(["Пакет создан", createdText(p.createdAt)]);
  g.push(["Версия формата", p.version]);
  blank();
  g.push(["Показатели эффективности", "Числитель", "Знаменатель", "Значение", "Цель", "Статус"]);
  for (const i of p.indicators) g.push([indicatorLabel(i), i.part, i.whole, i.actual, i.target, i.status]);
  g.push([`Достигнуто показателей: ${p.achieved} из ${p.indicators.length}`]);
  blank();
  g.push([
    "Участники",
    "Всего",
    "Ожидают / кандидаты",
    "Допущены / без пары",
    "В паре",
    "Завершили",
    "Выбыли",
  ]);
  const m = p.mentors;
  g.push(["Наставники", m.total, m.candidates, m.admitted, m.paired, m.finished, m.left]);
  const n = p.mentees;
  g.push(["Наставляемые", n.total, n.waiting, n.supported, n.paired, n.finished, n.left]);
  blank();
  g.push([
    "Форма наставничества",
    "Наставников",
    "Наставляемых",
    "Ожидают пары",
    "Пар предложено",
    "Утверждено",
    "Завершено",
  ]);
  for (const f of p.forms)
    g.push([f.form, f.mentors, f.mentees, f.waiting, f.proposed, f.approved, f.completed]);
  blank();
  const pr = p.pairs;
  g.push([
    "Пары и группы",
    "Предложено",
    "Утверждено",
    "Завершено",
    "Расторгнуто",
    "Отклонено",
    "Пар",
    "Групп",
  ]);
  g.push(["", pr.proposed, pr.approved, pr.completed, pr.terminated, pr.rejected, pr.individual, pr.groups]);
  blank();
  const mo = p.monitoring;
  g.push([
    "Мониторинг",
    "Баллов (из 18)",
    "Уровень",
    "Пар: оптимальный",
    "допустимый",
    "недопустимый",
    "не определён",
  ]);
  g.push([
    "Программа в целом",
    mo.total,
    mo.level,
    mo.optimal,
    mo.acceptable,
    mo.unacceptable,
    mo.undetermined,
  ]);
  blank();
  const r = p.roadmap;
  g.push([
    "Дорожная карта",
    "Мероприятий",
    "Выполнено",
    "В работе",
    "Запланировано",
    "Просрочено",
    "Отменено",
  ]);
  g.push(["", r.total, r.done, r.inProgress, r.planned, r.overdue, r.cancelled]);
  blank();
  const s = p.satisfaction;
  g.push([`Удовлетворённость (оценка не ниже ${s.threshold} из 10)`, "Ответили", "Удовлетворены"]);
  g.push(["Наставляемые", s.mentees.respondents, s.mentees.satisfied]);
  g.push(["Наставники", s.mentors.respondents, s.mentors.satisfied]);
  blank();
  const f = p.fsn;
  g.push(["Для форм федерального статистического наблюдения", "Человек"]);
  g.push(["Участников программы наставничества", f.participants]);
  g.push(["из них наставников", f.mentors]);
  g.push(["из них наставляемых", f.mentees]);
  g.push(["Наставляемых — обучающихся 10–18 лет", f.menteePupils]);
  g.push(["Наставников — обучающихся 15–18 лет", f.mentorPupils]);
  g.push(["Наставляемых — молодых педагогов (стаж 0–3 года)", f.youngTeachers]);
  g.push([
    `Организаций-партнёров (${plural(f.partners, "организация", "организации", "организаций")})`,
    f.partners,
  ]);
  return g;
}

function xmlText(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .split("")
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      // XML 1.0 allows no control character but tab, line feed and carriage return.
      return c >= 32 || c === 9 || c === 10 || c === 13;
    })
    .join("");
}

function columnName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A worksheet of values: numbers as numbers, texts as inline strings (never a formula). */
function sheetXml(grid: Value[][], widths: number[]): string {
  const rows = grid
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          if (v === null || v === "") return "";
          const ref = `${columnName(c)}${r + 1}`;
          return typeof v === "number"
            ? `<c r="${ref}"><v>${v}</v></c>`
            : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(v)}</t></is></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
  const cols = widths
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<cols>${cols}</cols><sheetData>${rows}</sheetData></worksheet>`
  );
}

/** The package's .xlsx bytes: «Пакет» and «Данные», stored uncompressed. */
export function packageXlsx(p: SchoolPackage, now: Date): Uint8Array {
  const data: Value[][] = [["ключ", "значение"], ...packageRows(p)];
  const ns = "http://schemas.openxmlformats.org/";
  const rel = `${ns}officeDocument/2006/relationships`;
  const parts = [
    {
      path: "[Content_Types].xml",
      text:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<Types xmlns="${ns}package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        "</Types>",
    },
    {
      path: "_rels/.rels",
      text:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<Relationships xmlns="${ns}package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      path: "xl/workbook.xml",
      text:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<workbook xmlns="${ns}spreadsheetml/2006/main" xmlns:r="${rel}"><sheets>` +
        `<sheet name="${FIGURES_SHEET}" sheetId="1" r:id="rId1"/><sheet name="${DATA_SHEET}" sheetId="2" r:id="rId2"/>` +
        "</sheets></workbook>",
    },
    {
      path: "xl/_rels/workbook.xml.rels",
      text:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<Relationships xmlns="${ns}package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
    },
    { path: "xl/worksheets/sheet1.xml", text: sheetXml(figuresGrid(p), [60, 14, 14, 14, 14, 16, 14, 14]) },
    { path: "xl/worksheets/sheet2.xml", text: sheetXml(data, [34, 60]) },
  ];
  return storedZip(parts, now);
}

// ---------------------------------------------------------------------------------------------
// Reading: the «Данные» sheet of an unzipped .xlsx

function unescapeXml(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h) => String.fromCharCode(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d) => String.fromCharCode(Number(d)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The text of every <t> inside a fragment (a shared string or an inline string, rich runs joined). */
function textsOf(fragment: string): string {
  let out = "";
  const re = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>|<(?:\w+:)?t(?:\s[^>]*)?\/>/g;
  for (let m = re.exec(fragment); m; m = re.exec(fragment)) out += unescapeXml(m[1] ?? "");
  return out;
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : null;
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? "A";
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * A sheet of an .xlsx as a grid, from its parts (path → XML text): the sheet named `sheet` in
 * workbook.xml, its target in the relationships, the shared strings. null when there is no such
 * sheet. Numbers are numbers, everything else text (a package holds no dates or formulas).
 */
export function xlsxSheetGrid(parts: Record<string, string>, sheet: string): Cell[][] | null {
  const workbook = parts["xl/workbook.xml"];
  if (!workbook) return null;
  let rid: string | null = null;
  for (const m of workbook.match(/<(?:\w+:)?sheet\s[^>]*>/g) ?? [])
    if (attr(m, "name") === sheet) rid = attr(m, "r:id");
  if (rid === null) return null;
  const rels = parts["xl/_rels/workbook.xml.rels"] ?? "";
  let target: string | null = null;
  for (const m of rels.match(/<Relationship\s[^>]*>/g) ?? [])
    if (attr(m, "Id") === rid) target = attr(m, "Target");
  if (target === null) return null;
  const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
  const xml = parts[path];
  if (xml === undefined) return null;
  const shared: string[] = [];
  const sst = parts["xl/sharedStrings.xml"];
  if (sst)
    for (const si of sst.match(/<(?:\w+:)?si>[\s\S]*?<\/(?:\w+:)?si>/g) ?? []) shared.push(textsOf(si));
  const grid: Cell[][] = [];
  const cellRe = /<(?:\w+:)?c(\s[^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
  let rowIndex = -1;
  const rowRe = /<(?:\w+:)?row(\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?row>/g;
  for (let rm = rowRe.exec(xml); rm; rm = rowRe.exec(xml)) {
    const r = attr(rm[1] ?? "", "r");
    rowIndex = r !== null ? Number(r) - 1 : rowIndex + 1;
    const row: Cell[] = [];
    let col = -1;
    for (let cm = cellRe.exec(rm[2]); cm; cm = cellRe.exec(rm[2])) {
      const ref = attr(cm[1], "r");
      col = ref !== null ? columnIndex(ref) : col + 1;
      const type = attr(cm[1], "t");
      const body = cm[2] ?? "";
      const v = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      let value: Cell = "";
      if (type === "inlineStr") value = textsOf(body);
      else if (type === "s") value = shared[Number(v)] ?? "";
      else if (type === "str" || type === "e") value = v === undefined ? "" : unescapeXml(v);
      else if (type === "b") value = v === "1";
      else if (v !== undefined) value = Number(v);
      while (row.length < col) row.push("");
      row[col] = value;
    }
    while (grid.length < rowIndex) grid.push([]);
    grid[rowIndex] = row;
  }
  return grid;
}
