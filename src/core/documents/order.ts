import { textWithIsoDates } from "../cells";
import { DAY_MS } from "../dates";
import type { RecordValues } from "../workbook/table";
import {
  appendixStamp,
  BLANK,
  curatorLine,
  directorSignature,
  MR42,
  R145,
  regulation,
  schoolHeader,
  schoolShort,
} from "./common";
import { countPairsAndGroups, pairsAndGroupsText } from "./figures";
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
  pageBreak,
  paragraph,
  row,
  splitLine,
  table,
  text,
} from "./model";
import { agree, type Gender, genderOf, surnameInitialsIn } from "./names";
import type { DocumentSource, PairInfo } from "./source";
import { DASH, dateRange, longDate, lowerCase, numberRef, schoolYearPhrase, shortDate } from "./typography";

/**
 * «Приказ о закреплении наставнических пар (групп)»: a draft order for the director (seeds 000 and
 * 003: pairs and groups are fixed by the head's order, with the participants' written consent). The
 * order itself fits a page or two and ends with the director's signature; the list of pairs is its
 * appendix on a page of its own («Приложение к приказу … от ___ № ___»), and the acquaintance
 * sheet («Лист ознакомления») follows the appendix.
 */

/** Why there is no order yet (a Russian message for the curator), or null when it can be made. */
export function orderRefusal(src: DocumentSource): string | null {
  return src.approvedPairs().length === 0
    ? "Приказ о закреплении пар не сформирован: утверждённых пар ещё нет. Утвердите пары на листе «Пары» (статус «утверждена») и сформируйте приказ снова."
    : null;
}

/** The day by which the programs are to be written: two weeks on, but inside the pairs' term. */
export function programsDeadline(today: Date, start: Date, end: Date): Date {
  const twoWeeks = Math.max(today.getTime(), start.getTime()) + 14 * DAY_MS;
  return new Date(Math.max(Math.min(twoWeeks, end.getTime()), today.getTime()));
}

export function buildOrder(src: DocumentSource): DocumentModel {
  const school = src.school();
  const pairs = src.approvedPairs();
  const mentors = src.byId("mentors");
  const mentees = src.byId("mentees");
  const doc = newDocument("Приказ о закреплении наставнических пар (групп)");
  doc.size = 13;
  const start = school.programStart;
  const end = school.programEnd;
  const deadline = programsDeadline(src.today, start, end);
  const perMentor = new Map<string, number>();
  for (const p of pairs) perMentor.set(p.mentorId, (perMentor.get(p.mentorId) ?? 0) + 1);
  const official = (fullName: string, c: "dative") =>
    fullName ? ` ${surnameInitialsIn(fullName, c)}` : " _______________";

  doc.blocks.push(
    paragraph(italic("Проект"), { align: "right", spaceAfter: 0 }),
    ...schoolHeader(school),
    blank(),
    heading(1, "ПРИКАЗ"),
    splitLine(longDate(src.today), numberRef(null)),
    ...(school.city ? [paragraph(school.city, { align: "center" })] : []),
    blank(),
    paragraph(bold("О закреплении наставнических пар (групп)"), { align: "left", spaceAfter: 12 }),
    text(
      `В соответствии с ${R145}, ${MR42}, ${regulation(school)}, на основании письменного согласия участников программы наставничества и в целях реализации программы наставничества в ${schoolYearPhrase(school.schoolYear).replace("учебный год", "учебном году")}`,
    ),
    paragraph(bold("ПРИКАЗЫВАЮ:"), { align: "left", spaceBefore: 6 }),
    list(true, [
      `Закрепить наставнические пары (группы) согласно приложению к настоящему приказу (${pairsAndGroupsText(countPairsAndGroups(pairs))}) на срок, указанный в приложении, но не позднее ${shortDate(end)}.`,
      `Наставникам совместно с наставляемыми в срок до ${shortDate(deadline)} разработать персонализированные программы наставничества и проводить встречи не реже ${meetingsPhrase(school.meetingsPerMonth)}.`,
      `Куратору программы наставничества${official(school.curator, "dative")} обеспечить организационно-методическое сопровождение наставнических пар (групп), ежемесячный сбор отчётов наставников и мониторинг реализации программы наставничества.`,
      ...(school.psychologist
        ? [
            `Педагогу-психологу${official(school.psychologist, "dative")} обеспечить психолого-педагогическое сопровождение наставляемых, не сформировавших пару или группу, до закрепления за ними наставника.`,
          ]
        : []),
      "Контроль за исполнением настоящего приказа оставляю за собой.",
    ]),
    blank(),
    directorSignature(school),
    paragraph(
      italic(
        `Проект подготовлен: ${curatorLine(school).name}, куратор программы наставничества ${schoolShort(school)}.`,
      ),
      { size: 9, spaceBefore: 12 },
    ),
  );

  // The appendix: the list of pairs on a page of its own.
  const sorted = sortPairs(pairs);
  doc.blocks.push(
    pageBreak(),
    ...appendixStamp(school),
    heading(2, "Список наставнических пар (групп)", "center"),
    table(
      [
        { header: "№", width: 5, align: "center" },
        { header: "Наставник", width: 25 },
        { header: "Наставляемый", width: 25 },
        { header: "Форма наставничества", width: 15 },
        { header: "Ролевая модель", width: 18 },
        { header: "Срок", width: 12, align: "center" },
      ],
      sorted.map((p, i) => {
        const grouped = (perMentor.get(p.mentorId) ?? 0) > 1;
        const group = p.group || p.mentorName;
        return row([
          cell(i + 1, { align: "center" }),
          withDetail(p.mentorName, personDetail(mentors.get(p.mentorId), p.mentorGender, true)),
          withDetail(p.menteeName, personDetail(mentees.get(p.menteeId), p.menteeGender, false)),
          `${p.form || DASH}${grouped && group ? ` (группа ${surnameInitialsIn(group, "genitive", groupGender(group, p))})` : ""}`,
          p.roleModel || DASH,
          cell(dateRange(p.start ?? start, p.end ?? end), { align: "center" }),
        ]);
      }),
      { size: 10 },
    ),
  );

  // «Лист ознакомления»: the curator, the psychologist, every mentor, adult mentees (ГОСТ Р 7.0.97,
  // п. 5.27: on a separate sheet that is part of the document).
  const people: string[] = [];
  const add = (name: string) => {
    if (name && !people.includes(name)) people.push(name);
  };
  add(school.curator);
  add(school.psychologist);
  for (const p of sorted) add(p.mentorName);
  for (const p of sorted)
    if (textWithIsoDates(mentees.get(p.menteeId)?.category) !== "обучающийся") add(p.menteeName);
  doc.blocks.push(
    pageBreak(),
    heading(2, "Лист ознакомления", "center"),
    paragraph(
      `с приказом ${schoolShort(school)} от ${BLANK} ${numberRef(null)} «О закреплении наставнических пар (групп)»`,
      { align: "center", spaceAfter: 6 },
    ),
    paragraph(bold("С приказом ознакомлены:"), { keepNext: true }),
    table(
      [
        { header: "№", width: 6, align: "center" },
        { header: "ФИО", width: 50 },
        { header: "Подпись", width: 22 },
        { header: "Дата", width: 22 },
      ],
      people.map((name, i) => row([cell(i + 1, { align: "center" }), name, "", ""])),
      { size: 10 },
    ),
  );
  return finish(doc);
}

/** The group's name is its mentor's: the mentor's gender when it is the mentor, else by the name. */
function groupGender(group: string, p: PairInfo): Gender | null {
  return group === p.mentorName ? p.mentorGender : genderOf(group);
}

function withDetail(name: string, detail: string): string {
  return detail ? `${name || DASH}, ${detail}` : name || DASH;
}

/** «обучающаяся 10А класса», «учитель, математика», «финансовый аналитик, ПАО «Сбербанк»». */
function personDetail(m: RecordValues | undefined, gender: Gender | null, isMentor: boolean): string {
  if (!m) return "";
  const cls = textWithIsoDates(m.class);
  if (cls) return `${agree(gender, "обучающийся", "обучающаяся")} ${cls} класса`;
  const subj = textWithIsoDates(m.subjects);
  if (isMentor) {
    const org = textWithIsoDates(m.organisation);
    const pos = textWithIsoDates(m.position);
    if (org) return [pos, org].filter(Boolean).join(", ");
    return [pos, subj ? lowerCase(subj) : ""].filter(Boolean).join(", ");
  }
  const cat = textWithIsoDates(m.category);
  return [cat, subj ? lowerCase(subj) : ""].filter(Boolean).join(", ");
}

/** By form, then mentor, then mentee: a group's members stay together. */
export function sortPairs(pairs: PairInfo[]): PairInfo[] {
  return [...pairs].sort(
    (a, b) =>
      a.form.localeCompare(b.form, "ru") ||
      a.mentorName.localeCompare(b.mentorName, "ru") ||
      a.menteeName.localeCompare(b.menteeName, "ru") ||
      a.id.localeCompare(b.id),
  );
}

/** «одного раза в неделю» for 4 a month, «двух раз в месяц» for 2… */
export function meetingsPhrase(perMonth: number): string {
  if (perMonth >= 4) return "одного раза в неделю";
  if (perMonth === 3) return "трёх раз в месяц";
  if (perMonth === 2) return "двух раз в месяц";
  return "одного раза в месяц";
}
