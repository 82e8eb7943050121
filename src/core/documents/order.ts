import { textWithIsoDates } from "../cells";
import { DAY_MS } from "../dates";
import { plural } from "../text";
import type { RecordValues } from "../workbook/table";
import {
  curatorLine,
  directorSignature,
  emptyNote,
  MR42,
  R145,
  regulation,
  schoolHeader,
  schoolShort,
} from "./common";
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
  splitLine,
  table,
  text,
} from "./model";
import type { DocumentSource, PairInfo } from "./source";
import {
  DASH,
  dateRange,
  longDate,
  numberRef,
  schoolYearPhrase,
  shortDate,
  surnameInitials,
} from "./typography";

/**
 * «Приказ о закреплении наставнических пар (групп)»: a draft order for the director, with the
 * table of approved pairs (seeds 000 and 003: pairs and groups are fixed by the head's order,
 * with the participants' written consent).
 */
export function buildOrder(src: DocumentSource): DocumentModel {
  const school = src.school();
  const pairs = src.approvedPairs();
  const mentors = src.byId("mentors");
  const mentees = src.byId("mentees");
  const doc = newDocument("Приказ о закреплении наставнических пар (групп)");
  doc.size = 13;
  const start = school.programStart;
  const end = school.programEnd;
  const deadline = new Date(Math.max(src.today.getTime(), start.getTime()) + 14 * DAY_MS);
  const perMentor = new Map<string, number>();
  for (const p of pairs) perMentor.set(p.mentorId, (perMentor.get(p.mentorId) ?? 0) + 1);
  const groupCount = [...perMentor.values()].filter((n) => n > 1).length;

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
      `Закрепить наставнические пары (группы) в составе согласно списку (${pairs.length} ${plural(pairs.length, "пара", "пары", "пар")}${groupCount > 0 ? `, в том числе ${groupCount} ${plural(groupCount, "группа", "группы", "групп")}` : ""}) на срок, указанный в списке, но не позднее ${shortDate(end)}.`,
      `Наставникам совместно с наставляемыми в срок до ${shortDate(deadline)} разработать персонализированные программы наставничества и проводить встречи не реже ${meetingsPhrase(school.meetingsPerMonth)}.`,
      `Куратору программы наставничества (${school.curator ? surnameInitials(school.curator) : "_______________"}) обеспечить организационно-методическое сопровождение наставнических пар (групп), ежемесячный сбор отчётов наставников и мониторинг реализации программы наставничества.`,
      ...(school.psychologist
        ? [
            `Педагогу-психологу (${surnameInitials(school.psychologist)}) обеспечить психолого-педагогическое сопровождение наставляемых, не сформировавших пару или группу, до закрепления за ними наставника.`,
          ]
        : []),
      "Контроль за исполнением настоящего приказа оставляю за собой.",
    ]),
    heading(2, "Список наставнических пар (групп)", "center"),
  );

  if (pairs.length === 0) {
    doc.blocks.push(
      emptyNote(
        "Утверждённых пар нет: утвердите пары на листе «Пары» (статус «утверждена») и сформируйте приказ повторно.",
      ),
    );
  } else {
    const sorted = sortPairs(pairs);
    doc.blocks.push(
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
          const mentor = mentors.get(p.mentorId);
          const mentee = mentees.get(p.menteeId);
          const grouped = (perMentor.get(p.mentorId) ?? 0) > 1;
          return row([
            cell(i + 1, { align: "center" }),
            withDetail(p.mentorName, mentorDetail(mentor)),
            withDetail(p.menteeName, menteeDetail(mentee)),
            `${p.form || DASH}${grouped ? ` (группа${p.group ? ` ${p.group}` : ""})` : ""}`,
            p.roleModel || DASH,
            cell(dateRange(p.start ?? start, p.end ?? end), { align: "center" }),
          ]);
        }),
        { size: 10 },
      ),
    );
  }

  doc.blocks.push(blank(), directorSignature(school), blank());

  // «С приказом ознакомлены»: the curator, the psychologist, every mentor, adult mentees.
  const people: string[] = [];
  const add = (name: string) => {
    if (name && !people.includes(name)) people.push(name);
  };
  add(school.curator);
  add(school.psychologist);
  for (const p of sortPairs(pairs)) add(p.mentorName);
  for (const p of sortPairs(pairs))
    if (textWithIsoDates(mentees.get(p.menteeId)?.category) !== "обучающийся") add(p.menteeName);
  doc.blocks.push(
    paragraph(bold("С приказом ознакомлены:"), { keepNext: true }),
    people.length === 0
      ? emptyNote("Список появится, когда будут утверждены пары.")
      : table(
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
  doc.blocks.push(
    paragraph(
      italic(
        `Проект подготовлен: ${curatorLine(school).name}, куратор программы наставничества ${schoolShort(school)}.`,
      ),
      { size: 9, spaceBefore: 12 },
    ),
  );
  return doc;
}

function withDetail(name: string, detail: string): string {
  return detail ? `${name || DASH}, ${detail}` : name || DASH;
}

function mentorDetail(m: RecordValues | undefined): string {
  if (!m) return "";
  const cls = textWithIsoDates(m.class);
  if (cls) return `обучающийся ${cls} класса`;
  const org = textWithIsoDates(m.organisation);
  const pos = textWithIsoDates(m.position);
  if (org) return [pos, org].filter(Boolean).join(", ");
  const subj = textWithIsoDates(m.subjects);
  return [pos, subj ? subj.toLowerCase() : ""].filter(Boolean).join(", ");
}

function menteeDetail(m: RecordValues | undefined): string {
  if (!m) return "";
  const cls = textWithIsoDates(m.class);
  if (cls) return `обучающийся ${cls} класса`;
  const cat = textWithIsoDates(m.category);
  const subj = textWithIsoDates(m.subjects);
  return [cat, subj ? subj.toLowerCase() : ""].filter(Boolean).join(", ");
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
