import { type Block, bold, italic, paragraph, SIGNATURE_LINE, type SignatureLine, signature } from "./model";
import { initialsSurnameIn } from "./names";
import type { SchoolInfo } from "./source";
import { blankDate, NUMBER_SIGN, quoted } from "./typography";

/** Parts every document shares: the school's header, approval and signature blocks, empty-data notes. */

/** A line to fill by hand where a name or a date is not known yet. */
export const BLANK = "______________";

/** «МБОУ «СОШ № 1»», or a line to fill by hand when the school's name is not set. */
export function schoolShort(school: SchoolInfo): string {
  return school.short || BLANK;
}

/** The school's full name centred at the top, in capitals as on letterheads, with the city under it. */
export function schoolHeader(school: SchoolInfo): Block[] {
  const name = school.name || school.short || "Наименование образовательной организации";
  return [
    paragraph(bold(name), { align: "center", spaceAfter: 2 }),
    ...(school.short && school.short !== name
      ? [paragraph(`(${school.short})`, { align: "center", spaceAfter: 2 })]
      : []),
  ];
}

/** Someone's name for a signature as ГОСТ Р 7.0.97-2016 writes it, «С.Н. Баева», or a blank to fill. */
export function signName(fullName: string): string {
  return fullName.trim() === "" ? BLANK : initialsSurnameIn(fullName);
}

/** «УТВЕРЖДАЮ / Директор МБОУ … / ____ С.Н. Баева / «___» ______ 2026 г.» at the right. */
export function approvalBlock(school: SchoolInfo, year: number): Block[] {
  const indent = 95;
  const p = (text: string, b = false) =>
    paragraph(b ? bold(text) : text, { indentLeftMm: indent, spaceAfter: 0, align: "left" });
  return [
    p("УТВЕРЖДАЮ", true),
    p(`Директор ${schoolShort(school)}`),
    p(`${SIGNATURE_LINE} ${signName(school.director)}`),
    p(blankDate(year)),
    paragraph("", { spaceAfter: 6 }),
  ];
}

export function directorSignature(school: SchoolInfo): Block {
  return signature([{ position: `Директор ${schoolShort(school)}`, name: signName(school.director) }]);
}

export function curatorLine(school: SchoolInfo): SignatureLine {
  return { position: "Куратор программы наставничества", name: signName(school.curator) };
}

/**
 * The stamp of an appendix at the top right of its first page (ГОСТ Р 7.0.97-2016, п. 6.3):
 * «Приложение / к приказу МБОУ «СОШ № 1» / от ________ № ____», the date and number left to fill
 * when the order is signed.
 */
export function appendixStamp(school: SchoolInfo, what = "к приказу", n?: number): Block[] {
  const p = (text: string) => paragraph(text, { indentLeftMm: 100, spaceAfter: 0, align: "left" });
  return [
    p(n === undefined ? "Приложение" : `Приложение ${n}`),
    p(`${what} ${schoolShort(school)}`),
    p(`от ${BLANK} ${NUMBER_SIGN} ________`),
    paragraph("", { spaceAfter: 6 }),
  ];
}

/** A note in italics where a section has no data yet. */
export function emptyNote(textValue: string): Block {
  return paragraph(italic(textValue), { align: "left" });
}

/** «Р-145» as cited in the preambles. */
export const R145 =
  "распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся для организаций, осуществляющих образовательную деятельность по общеобразовательным, дополнительным общеобразовательным и программам среднего профессионального образования, в том числе с применением лучших практик обмена опытом между обучающимися»";

export const MR42 =
  "письмом Министерства просвещения Российской Федерации от 23.01.2020 № МР-42/02 «О направлении целевой модели наставничества и методических рекомендаций»";

/** «Положением о наставничестве в МБОУ «СОШ № 1»». */
export function regulation(school: SchoolInfo): string {
  return `Положением о наставничестве в ${schoolShort(school)}`;
}

/** A form of mentoring in guillemets: «учитель – учитель». */
export function formName(form: string): string {
  return form ? quoted(form) : "(форма не указана)";
}
