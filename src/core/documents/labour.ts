/**
 * The mentor's paperwork under ТК РФ ст. 351.8 (federal law of 09.11.2024 № 381-ФЗ, in force from
 * 01.03.2025) and the recognition of the year's mentors, laid out as ГОСТ Р 7.0.97-2016 lays out
 * the school's other papers (addressee at the top right, the kind of document, date and number, the
 * text, the signature, the acknowledgement):
 * - «Согласие работника на выполнение работы по наставничеству»;
 * - «Дополнительное соглашение к трудовому договору» (content, term, form, pay);
 * - «Уведомление о досрочном прекращении наставничества», from the employer or from the mentor;
 * - «Список на доплату за наставничество» for a month;
 * - «Благодарственное письмо» for the best mentors of the ranking;
 * - «Справка о наставнической деятельности» for attestation, from monitoring's figures.
 */
import { textWithIsoDates } from "../cells";
import type { PayList } from "../labour/paylist";
import { describePayRule, formatRoubles, type LabourSettings } from "../labour/rules";
import { plural } from "../text";
import { approvalBlock, BLANK, curatorLine, schoolHeader, schoolShort, signName } from "./common";
import type { LabourMentor, LabourPairInfo, MentorYear } from "./labour-source";
import { finish } from "./layout";
import {
  blank,
  bold,
  cell,
  type DocumentModel,
  heading,
  italic,
  list,
  newDocument,
  paragraph,
  row,
  SIGNATURE_LINE,
  signature,
  splitLine,
  table,
  text,
} from "./model";
import { agree, declineName, genderOf, initialsSurnameIn, positionDative } from "./names";
import { goalOf } from "./program";
import type { SchoolInfo } from "./source";
import {
  DASH,
  dateRange,
  decimal,
  longDate,
  lowerFirst,
  NBSP,
  numberRef,
  quoted,
  schoolYearPhrase,
  shortDate,
  signed,
} from "./typography";

/** «ТК РФ» in full, as the first mention in a document. */
export const LABOUR_CODE = "статьёй 351.8 Трудового кодекса Российской Федерации";

/** «Положением о наставничестве (утверждено приказом от 29.08.2025 № 112)». */
export function actReference(
  s: LabourSettings,
  caseForm: "instrumental" | "nominative" = "instrumental",
): string {
  const name =
    caseForm === "instrumental"
      ? s.act
          .replace(/^Положение(?=\s|$)/, "Положением")
          .replace(/^Коллективный договор(?=\s|$)/, "Коллективным договором")
          .replace(/^Правила(?=\s|$)/, "Правилами")
      : s.act;
  const approved =
    s.actDate || s.actNumber
      ? ` (утверждено приказом${s.actDate ? ` от ${shortDate(s.actDate)}` : ""}${s.actNumber ? ` ${numberRef(s.actNumber)}` : ""})`
      : "";
  return `${name}${approved}`;
}

/** A position in the genitive, its first word declined: «учитель математики» → «учителя математики». */
export function positionGenitive(position: string): string {
  const m = /^(\S+)(.*)$/s.exec(position.trim());
  if (!m) return position.trim();
  const [, first, rest] = m;
  const lower = first.toLowerCase();
  let g = first;
  if (/(ий|ый)$/.test(lower))
    g = `${first.slice(0, -2)}${/[гкхжшчщ]ий$/.test(lower) ? "ого" : /ий$/.test(lower) ? "его" : "ого"}`;
  else if (/ая$/.test(lower)) g = `${first.slice(0, -2)}ой`;
  else if (/ь$/.test(lower)) g = `${first.slice(0, -1)}я`;
  else if (/[бвгджзклмнпрстфхцчшщ]$/.test(lower)) g = `${first}а`;
  return g + rest;
}

/** The mentor's position, or «работник» when the bank has none. */
function positionOf(m: LabourMentor): string {
  return m.position ? lowerFirst(m.position) : "работник";
}

/** «Иванова Мария Петровна (форма «учитель – учитель», 01.10.2026 – 31.05.2027)»: no internal pair IDs in papers. */
function menteeLine(p: LabourPairInfo): string {
  return `${p.menteeName || DASH} (${p.form ? `форма ${quoted(p.form)}, ` : ""}${dateRange(p.from, p.to)})`;
}

/** Individual for one mentee, group for several (ст. 351.8: the form of the work). */
function formOfWork(pairs: LabourPairInfo[]): string {
  const forms = [...new Set(pairs.map((p) => p.form).filter(Boolean))].map(quoted).join(", ");
  const kind =
    pairs.length > 1
      ? `групповая (группа из ${pairs.length} ${plural(pairs.length, "наставляемого", "наставляемых", "наставляемых")})`
      : "индивидуальная";
  return `${kind}${forms ? `; форма наставничества ${forms}` : ""}`;
}

function termOf(pairs: LabourPairInfo[]): { from: Date; to: Date } {
  const from = new Date(Math.min(...pairs.map((p) => p.from.getTime())));
  const to = new Date(Math.max(...pairs.map((p) => p.to.getTime())));
  return { from, to };
}

/** The addressee block at the top right: «Директору МБОУ «СОШ № 1» / С.Н. Баевой / от учителя … ». */
function toDirector(school: SchoolInfo, from: LabourMentor | null): ReturnType<typeof paragraph>[] {
  const p = (t: string) => paragraph(t, { indentLeftMm: 95, spaceAfter: 0, align: "left" });
  return [
    p(`Директору ${schoolShort(school)}`),
    p(school.director ? initialsSurnameIn(school.director, "dative") : BLANK),
    ...(from
      ? [
          p(`от ${positionGenitive(positionOf(from))}`),
          p(from.name ? declineName(from.name, "genitive", from.gender) : BLANK),
        ]
      : []),
    paragraph("", { spaceAfter: 12 }),
  ];
}

/** «Учителю математики / М.П. Ивановой» at the top right. */
function toEmployee(m: LabourMentor): ReturnType<typeof paragraph>[] {
  const p = (t: string) => paragraph(t, { indentLeftMm: 95, spaceAfter: 0, align: "left" });
  const pos = positionDative(m.position || "работник");
  return [
    p(pos.charAt(0).toUpperCase() + pos.slice(1)),
    p(m.name ? initialsSurnameIn(m.name, "dative", m.gender) : BLANK),
    paragraph("", { spaceAfter: 12 }),
  ];
}

/** The employee's own signature: ««___» ________ 2026 г.    ____________ М.П. Иванова». */
function employeeSignature(m: LabourMentor, year: number): ReturnType<typeof splitLine> {
  return splitLine(`«___» ______________ ${year}${NBSP}г.`, `${SIGNATURE_LINE} ${signName(m.name)}`);
}

/** «Уважаемая Мария Петровна!» */
function address(m: LabourMentor): string {
  const parts = m.name.trim().split(/\s+/);
  const whom = parts.length >= 3 ? `${parts[1]} ${parts[2]}` : m.name;
  return `${agree(m.gender, "Уважаемый", "Уважаемая")} ${whom}!`;
}

// --- «Согласие работника на выполнение работы по наставничеству» ---

export function buildConsent(
  school: SchoolInfo,
  settings: LabourSettings,
  mentor: LabourMentor,
  pairs: LabourPairInfo[],
  today: Date,
): DocumentModel {
  const doc = newDocument("Согласие работника на выполнение работы по наставничеству");
  doc.size = 13;
  const term = termOf(pairs);
  const subject = agree(mentor.gender, "ознакомлен", "ознакомлена");
  doc.blocks.push(
    ...toDirector(school, mentor),
    heading(1, "СОГЛАСИЕ"),
    paragraph(bold("на выполнение работы по наставничеству"), { align: "center", spaceAfter: 12 }),
    text(
      `Я, ${mentor.name || BLANK}, ${positionOf(mentor)}, в соответствии со ${LABOUR_CODE} даю согласие на выполнение по поручению работодателя работы по наставничеству — оказанию помощи в овладении навыками работы на рабочем месте ${pairs.length > 1 ? "наставляемым" : agree(pairs[0].menteeGender, "наставляемому", "наставляемой")}:`,
    ),
    list(true, pairs.map(menteeLine)),
    text(
      `Форма выполнения работы: ${formOfWork(pairs)}. Срок: ${dateRange(term.from, term.to)}. Содержание работы определяется ${pairs.length > 1 ? "персонализированными программами" : "персонализированной программой"} наставничества.`,
    ),
    text(
      `Выплата за наставничество — в размере и на условиях, установленных ${actReference(settings)}, и в дополнительном соглашении к трудовому договору.`,
    ),
    text(
      `Я ${subject} с тем, что вправе досрочно отказаться от выполнения работы по наставничеству, а работодатель — досрочно отменить поручение о её выполнении, предупредив об этом другую сторону не менее чем за три рабочих дня (статья 351.8 Трудового кодекса Российской Федерации).`,
    ),
    blank(),
    employeeSignature(mentor, today.getUTCFullYear()),
  );
  return finish(doc);
}

// --- «Дополнительное соглашение к трудовому договору» ---

export function buildAgreement(
  school: SchoolInfo,
  settings: LabourSettings,
  mentor: LabourMentor,
  pairs: LabourPairInfo[],
  today: Date,
): DocumentModel {
  const doc = newDocument("Дополнительное соглашение к трудовому договору");
  doc.size = 12;
  const term = termOf(pairs);
  const employer = school.name || school.short || BLANK;
  const director = school.director ? declineName(school.director, "genitive") : BLANK;
  const goals = [...new Set(pairs.map((p) => goalOf(p)))];
  const worker = agree(mentor.gender, "именуемый", "именуемая");
  doc.blocks.push(
    heading(1, "ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ"),
    paragraph(bold(`к трудовому договору от ${BLANK} ${numberRef(null)}`), {
      align: "center",
      spaceAfter: 12,
    }),
    splitLine(school.city || BLANK, `«___» ______________ ${today.getUTCFullYear()}${NBSP}г.`),
    blank(),
    text(
      `${employer}, именуемое в дальнейшем «Работодатель», в лице директора ${director}, ${agree(genderOf(school.director), "действующего", "действующей")} на основании устава, с одной стороны, и ${mentor.name || BLANK}, ${worker} в дальнейшем «Работник», с другой стороны, заключили настоящее дополнительное соглашение о нижеследующем.`,
    ),
    list(true, [
      `Работодатель поручает, а Работник на основании письменного согласия принимает на себя выполнение работы по наставничеству в соответствии со ${LABOUR_CODE} без освобождения от работы, определённой трудовым договором.`,
      `Содержание работы: оказание ${pairs.length > 1 ? "наставляемым" : agree(pairs[0].menteeGender, "наставляемому", "наставляемой")} помощи в овладении навыками работы на рабочем месте по ${pairs.length > 1 ? "персонализированным программам" : "персонализированной программе"} наставничества; ${goals.length > 1 ? "цели программ" : "цель программы"}: ${goals.join("; ")}. Наставник проводит встречи с наставляемыми, ежемесячно представляет отчёт куратору программы наставничества и участвует в мониторинге.`,
      `Форма выполнения работы: ${formOfWork(pairs)}. Наставляемые: ${pairs.map((p) => p.menteeName || DASH).join(", ")}.`,
      `Срок выполнения работы: ${dateRange(term.from, term.to)}.`,
      `За выполнение работы по наставничеству Работнику устанавливается выплата: ${describePayRule(settings)}. Размер и условия выплаты установлены ${actReference(settings)}.`,
      "Работник вправе досрочно отказаться от выполнения работы по наставничеству, а Работодатель — досрочно отменить поручение о её выполнении, предупредив об этом другую сторону в письменной форме не менее чем за три рабочих дня. Выплата производится по день прекращения работы по наставничеству включительно.",
      "Настоящее соглашение является неотъемлемой частью трудового договора, вступает в силу со дня подписания и действует до окончания срока, указанного в пункте 4. Соглашение составлено в двух экземплярах, имеющих равную юридическую силу, по одному для каждой из сторон.",
    ]),
    blank(),
    table(
      [
        { header: "Работодатель", width: 50 },
        { header: "Работник", width: 50 },
      ],
      [
        row([cell("Работодатель", { bold: true }), cell("Работник", { bold: true })]),
        row([employer, mentor.name || BLANK]),
        row([`Директор ${schoolShort(school)}`, positionOf(mentor)]),
        row([`${SIGNATURE_LINE} ${signName(school.director)}`, `${SIGNATURE_LINE} ${signName(mentor.name)}`]),
      ],
      { noHeader: true, size: 12 },
    ),
    blank(),
    paragraph(
      `Второй экземпляр получил${agree(mentor.gender, "", "а")}: ${SIGNATURE_LINE} «___» ______________ ${today.getUTCFullYear()}${NBSP}г.`,
      {
        align: "left",
      },
    ),
  );
  return finish(doc);
}

// --- «Уведомление о досрочном прекращении наставничества» ---

export interface NoticeDates {
  notice: Date;
  end: Date;
}

export function buildNotice(
  school: SchoolInfo,
  settings: LabourSettings,
  mentor: LabourMentor,
  pair: LabourPairInfo,
  dates: NoticeDates,
): DocumentModel {
  const byMentor = pair.endedBy === "наставник";
  const doc = newDocument("Уведомление о досрочном прекращении наставничества");
  doc.size = 13;
  const mentee = `${agree(pair.menteeGender, "наставляемого", "наставляемой")} ${pair.menteeName ? declineName(pair.menteeName, "genitive", pair.menteeGender) : BLANK}`;
  const reason = pair.endReason
    ? `Причина: ${lowerFirst(pair.endReason).replace(/\.$/, "")}${pair.endedBy === "наставляемый" ? " (по инициативе наставляемого)" : ""}.`
    : pair.endedBy === "наставляемый"
      ? "Причина: по инициативе наставляемого."
      : "";
  if (byMentor) {
    doc.blocks.push(
      ...toDirector(school, mentor),
      heading(1, "УВЕДОМЛЕНИЕ"),
      paragraph(bold("о досрочном отказе от выполнения работы по наставничеству"), {
        align: "center",
        spaceAfter: 12,
      }),
      text(
        `В соответствии со ${LABOUR_CODE} уведомляю о досрочном отказе от выполнения работы по наставничеству в отношении ${mentee}, порученной мне дополнительным соглашением к трудовому договору. Работу по наставничеству прекращаю ${longDate(dates.end)} — не ранее чем через три рабочих дня после дня подачи настоящего уведомления (${longDate(dates.notice)}).`,
      ),
      ...(reason ? [text(reason)] : []),
      blank(),
      employeeSignature(mentor, dates.notice.getUTCFullYear()),
      blank(),
      paragraph(italic(`Уведомление получено работодателем: ${SIGNATURE_LINE} ${shortDate(dates.notice)}`), {
        align: "left",
        size: 11,
      }),
    );
    return finish(doc);
  }
  doc.blocks.push(
    ...schoolHeader(school),
    blank(),
    ...toEmployee(mentor),
    heading(1, "УВЕДОМЛЕНИЕ"),
    paragraph(bold("о досрочной отмене поручения о выполнении работы по наставничеству"), {
      align: "center",
      spaceAfter: 6,
    }),
    splitLine(longDate(dates.notice), numberRef(null)),
    blank(),
    paragraph(address(mentor), { align: "center", spaceAfter: 6 }),
    text(
      `В соответствии со ${LABOUR_CODE} уведомляем Вас о досрочной отмене поручения о выполнении работы по наставничеству в отношении ${mentee}, установленного дополнительным соглашением к трудовому договору.`,
    ),
    ...(reason ? [text(reason)] : []),
    text(
      `Работа по наставничеству прекращается ${longDate(dates.end)} — не ранее чем через три рабочих дня после дня вручения настоящего уведомления. Выплата за наставничество в соответствии с ${actReference(settings)} производится по ${shortDate(dates.end)} включительно.`,
    ),
    blank(),
    signature([{ position: `Директор ${schoolShort(school)}`, name: signName(school.director) }]),
    blank(),
    paragraph(
      `С уведомлением ${agree(mentor.gender, "ознакомлен", "ознакомлена")}, экземпляр получил${agree(mentor.gender, "", "а")}:`,
      { align: "left", spaceAfter: 2 },
    ),
    employeeSignature(mentor, dates.notice.getUTCFullYear()),
  );
  return finish(doc);
}

// --- «Список на доплату за наставничество» ---

export function buildPayListDocument(
  school: SchoolInfo,
  settings: LabourSettings,
  list: PayList,
  monthWords: string,
): DocumentModel {
  const doc = newDocument("Список на доплату за наставничество");
  doc.page = { ...doc.page, orientation: "landscape", margins: { top: 20, right: 15, bottom: 15, left: 20 } };
  doc.blocks.push(
    ...approvalBlock(school, list.month.getUTCFullYear()).map((b) =>
      b.kind === "paragraph" && b.indentLeftMm ? { ...b, indentLeftMm: 170 } : b,
    ),
    heading(1, "СПИСОК"),
    paragraph(bold(`на доплату за наставничество за ${monthWords}`), { align: "center", spaceAfter: 6 }),
    paragraph(schoolShort(school), { align: "center", spaceAfter: 10 }),
    text(
      `Основание: ${LABOUR_CODE.replace(/^статьёй/, "статья")}; ${actReference(settings, "nominative")}; дополнительные соглашения к трудовым договорам наставников. Правило: ${describePayRule(settings)}.`,
    ),
  );
  if (list.lines.length === 0) {
    doc.blocks.push(
      paragraph(
        italic("В этом месяце наставников, выполнявших работу по наставничеству по статье 351.8 ТК РФ, нет."),
        {
          align: "left",
        },
      ),
    );
  } else {
    doc.blocks.push(
      table(
        [
          { header: "№", width: 4, align: "center" },
          { header: "Наставник", width: 20 },
          { header: "Должность", width: 14 },
          { header: "Наставляемые", width: 22 },
          { header: "Период", width: 13, align: "center" },
          { header: "Дни наставничества", width: 10, align: "center" },
          { header: "За полный месяц, руб.", width: 9, align: "right" },
          { header: "Сумма, руб.", width: 8, align: "right" },
        ],
        [
          ...list.lines.map((l, i) =>
            row([
              cell(i + 1, { align: "center" }),
              l.mentorName || DASH,
              l.position || DASH,
              l.mentees.join(", "),
              cell(dateRange(l.from, l.to), { align: "center" }),
              cell(`${l.days} из ${l.daysInMonth} ${l.dayKind}`, { align: "center" }),
              cell(l.rate === null ? DASH : formatRoubles(l.rate), { align: "right" }),
              cell(l.amount === null ? "не рассчитана" : formatRoubles(l.amount), { align: "right" }),
            ]),
          ),
          row([
            cell(""),
            cell("Итого", { bold: true }),
            cell(""),
            cell(`${list.mentors} ${plural(list.mentors, "наставник", "наставника", "наставников")}`),
            cell(""),
            cell(""),
            cell(""),
            cell(formatRoubles(list.total), { bold: true, align: "right" }),
          ]),
        ],
        { size: 10 },
      ),
    );
    if (list.unknown > 0)
      doc.blocks.push(
        paragraph(
          italic(
            `Сумма не рассчитана в ${list.unknown} ${plural(list.unknown, "строке", "строках", "строках")}: не установлен размер доплаты или база для её расчёта; итог указан без них.`,
          ),
          { align: "left", size: 10 },
        ),
      );
  }
  doc.blocks.push(blank(), signature([curatorLine(school), { position: "Главный бухгалтер", name: BLANK }]));
  return finish(doc);
}

// --- «Благодарственное письмо» ---

export interface ThanksFacts {
  place: number | null;
  pairs: number;
  avgTotal: number | null;
  levels: string;
  mentees: string[];
}

export function buildThanks(
  school: SchoolInfo,
  mentor: LabourMentor,
  facts: ThanksFacts,
  today: Date,
): DocumentModel {
  const doc = newDocument("Благодарственное письмо");
  doc.size = 14;
  const year = schoolYearPhrase(school.schoolYear).replace("учебный год", "учебном году");
  const score =
    facts.avgTotal === null
      ? ""
      : ` (средний балл пар по мониторингу эффективности — ${decimal(facts.avgTotal)} из 18${facts.levels ? `; уровни: ${facts.levels}` : ""})`;
  doc.blocks.push(
    ...schoolHeader(school),
    blank(),
    blank(),
    heading(1, "БЛАГОДАРСТВЕННОЕ ПИСЬМО"),
    blank(),
    paragraph(bold(address(mentor)), { align: "center", spaceAfter: 12, size: 16 }),
    text(
      `Администрация ${schoolShort(school)} выражает Вам искреннюю благодарность за наставническую деятельность в ${year}: за профессионализм, внимание и поддержку, которые Вы подарили ${facts.mentees.length > 1 ? "своим наставляемым" : "своему наставляемому"}${facts.mentees.length ? ` (${facts.mentees.join(", ")})` : ""}.`,
    ),
    text(
      `По итогам реализации программы наставничества Вы ${facts.place ? `заняли ${facts.place}-е место в рейтинге наставников` : "вошли в число лучших наставников"}${score}.`,
    ),
    text("Желаем Вам дальнейших профессиональных успехов, вдохновения и благодарных учеников!"),
    blank(),
    blank(),
    signature([{ position: `Директор ${schoolShort(school)}`, name: signName(school.director) }]),
    paragraph(longDate(today), { align: "left", spaceBefore: 12 }),
  );
  return finish(doc);
}

// --- «Справка о наставнической деятельности» ---

/** What the «Справка» states per pair, in the very numbers of the monitoring sheets. */
export function certificateRows(my: MentorYear): string[][] {
  return my.pairs.map((c, i) => [
    String(i + 1),
    c.pair.menteeName || DASH,
    c.pair.form || DASH,
    dateRange(c.pair.from, c.pair.to),
    c.meetings === null ? DASH : String(c.meetings),
    c.total === null
      ? c.level
        ? c.level
        : "не определён"
      : `${c.total} из 18, ${c.level || "уровень не определён"}`,
    c.growth === null
      ? "нет данных"
      : `${signed(c.growth)} (по ${c.growthItems} ${plural(c.growthItems, "параметру", "параметрам", "параметрам")})`,
  ]);
}

export function buildCertificate(school: SchoolInfo, my: MentorYear, today: Date): DocumentModel {
  const doc = newDocument("Справка о наставнической деятельности");
  doc.size = 13;
  const m = my.mentor;
  const meetings = my.pairs.reduce((s, c) => s + (c.meetings ?? 0), 0);
  const yearIn = schoolYearPhrase(my.year).replace("учебный год", "учебном году");
  doc.blocks.push(
    ...schoolHeader(school),
    ...(school.city ? [paragraph(school.city, { align: "center" })] : []),
    blank(),
    heading(1, "СПРАВКА"),
    paragraph(bold("о наставнической деятельности"), { align: "center", spaceAfter: 6 }),
    splitLine(longDate(today), numberRef(null)),
    blank(),
    text(
      `Дана ${m.name ? declineName(m.name, "dative", m.gender) : BLANK}, ${m.position ? positionDative(lowerFirst(m.position)) : "работнику"} ${schoolShort(school)}, в том, что в ${yearIn} ${agree(m.gender, "он", "она")} ${agree(m.gender, "являлся", "являлась")} наставником в программе наставничества, реализуемой по целевой модели наставничества (распоряжение Министерства просвещения Российской Федерации от 25.12.2019 ${numberRef("Р-145")}), и ${agree(m.gender, "провёл", "провела")} с ${my.pairs.length > 1 ? "наставляемыми" : "наставляемым"} ${meetings} ${plural(meetings, "встречу", "встречи", "встреч")} (${my.pairs.length} ${plural(my.pairs.length, "пара", "пары", "пар")}).`,
    ),
    paragraph(bold("Сведения о наставнических парах (по данным мониторинга программы):"), {
      align: "left",
      keepNext: true,
    }),
    table(
      [
        { header: "№", width: 5, align: "center" },
        { header: "Наставляемый", width: 23 },
        { header: "Форма", width: 13 },
        { header: "Срок", width: 15, align: "center" },
        { header: "Встреч проведено", width: 9, align: "center" },
        { header: "Мониторинг (этап 1)", width: 16 },
        { header: "Динамика наставляемого (этап 2)", width: 19 },
      ],
      certificateRows(my).map((r) => row(r)),
      { size: 10 },
    ),
    paragraph(
      italic(
        "Мониторинг этапа 1 — сумма баллов девяти показателей эффективности (15–18 — оптимальный, 9–14 — допустимый, 0–8 — недопустимый уровень); динамика — среднее изменение оценок наставляемого от входной анкеты к итоговой по шкале от 1 до 10.",
      ),
      { align: "left", size: 10, spaceBefore: 4 },
    ),
    text("Справка выдана для представления в аттестационную комиссию."),
    blank(),
    signature([{ position: `Директор ${schoolShort(school)}`, name: signName(school.director) }]),
  );
  return finish(doc);
}

/** The mentor's label in refusals: «Иванова М.П. (Н-0003)». */
export function mentorLabel(m: { id: string; name: string }): string {
  return `${textWithIsoDates(m.name) || m.id} (${m.id})`;
}
