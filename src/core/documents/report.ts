import { plural } from "../text";
import {
  type AnalysisFigures,
  analysisFigures,
  indicatorBlocks,
  withoutPairText,
  withoutPairTotal,
} from "./analysis";
import { BLANK, directorSignature, emptyNote, schoolShort } from "./common";
import { LEVEL_RANGES } from "./figures";
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
  table,
  text,
} from "./model";
import { initialsSurnameIn, organisationGenitive, positionDative } from "./names";
import type { DocumentSource, SchoolInfo } from "./source";
import {
  DASH,
  dateRange,
  decimal,
  longDate,
  numberRef,
  percent,
  points,
  schoolYearPhrase,
} from "./typography";

/** Why there is no report yet (a Russian message for the curator), or null when it can be made. */
export function reportRefusal(f: AnalysisFigures): string | null {
  return f.participants.pairs === 0
    ? "Отчёт о реализации программы не сформирован: в программе ещё нет утверждённых наставнических пар. Утвердите пары на листе «Пары» (статус «утверждена»)."
    : null;
}

/**
 * The addressee at the top right (ГОСТ Р 7.0.97-2016, п. 5.14): the position in the dative with the
 * authority's name in the genitive, then the head's initials and surname in the dative —
 * «Начальнику Управления образования города Каменска-Уральского / И.П. Кузнецовой».
 */
export function addressee(school: SchoolInfo): string[] {
  const position = positionDative(school.departmentHeadPosition || "Руководитель");
  const authority = school.department
    ? organisationGenitive(school.department)
    : "органа управления образованием";
  const head = school.departmentHead ? initialsSurnameIn(school.departmentHead, "dative") : "";
  return [`${position} ${authority}`, ...(head ? [head] : [])];
}

/**
 * «Отчёт о реализации программы наставничества» for the municipal education department (seed 003
 * item 9): participants by form and role, indicators, roadmap completion by stage, monitoring.
 */
export function buildReport(
  src: DocumentSource,
  figures: AnalysisFigures = analysisFigures(src),
): DocumentModel {
  const school = src.school();
  const f = figures;
  const doc = newDocument("Отчёт о реализации программы наставничества");
  const indent = 95;
  const to = addressee(school);
  doc.blocks.push(
    // The registration number and date at the top left, the addressee at the top right.
    paragraph(schoolShort(school), { align: "left", spaceAfter: 0 }),
    paragraph(`Исх. ${numberRef(null)} от ${BLANK}`, { align: "left", spaceAfter: 6 }),
    ...to.map((line, i) =>
      paragraph(line, { indentLeftMm: indent, align: "left", spaceAfter: i === to.length - 1 ? 12 : 0 }),
    ),
    heading(1, "Отчёт о реализации программы наставничества"),
    paragraph(bold(`в ${schoolShort(school)} за ${schoolYearPhrase(school.schoolYear)}`), {
      align: "center",
    }),
    paragraph(`по состоянию на ${longDate(src.today)}`, { align: "center", spaceAfter: 12 }),
    heading(2, "1. Общие сведения"),
    table(
      [
        { header: "", width: 35 },
        { header: "", width: 65 },
      ],
      [
        row(["Образовательная организация", school.name || schoolShort(school)]),
        row(["Населённый пункт", school.city || DASH]),
        row([
          "Куратор программы наставничества",
          [school.curator, school.curatorEmail].filter(Boolean).join(", ") || DASH,
        ]),
        row(["Срок реализации программы", dateRange(school.programStart, school.programEnd)]),
        row([
          "Реализуемые формы наставничества",
          f.participants.byForm.map((x) => `«${x.form}»`).join(", ") || DASH,
        ]),
      ],
      { noHeader: true, size: 11 },
    ),
  );

  // Participants
  const p = f.participants;
  doc.blocks.push(heading(2, "2. Участники программы"));
  if (p.pairs === 0) {
    doc.blocks.push(
      emptyNote(
        `Утверждённых наставнических пар пока нет. В базе наставников — ${p.bankMentors}, в базе наставляемых — ${p.bankMentees}.`,
      ),
    );
  } else {
    doc.blocks.push(
      paragraph(bold("По формам наставничества"), { keepNext: true }),
      table(
        [
          { header: "Форма наставничества", width: 40 },
          { header: "Пар / групп", width: 20, align: "center" },
          { header: "Наставников", width: 20, align: "center" },
          { header: "Наставляемых", width: 20, align: "center" },
        ],
        [
          ...p.byForm.map((x) =>
            row([
              `«${x.form}»`,
              cell(`${x.individual} / ${x.groups}`, { align: "center" }),
              cell(x.mentors, { align: "center" }),
              cell(x.mentees, { align: "center" }),
            ]),
          ),
          row([
            cell("Всего", { bold: true }),
            cell(`${p.units.pairs} / ${p.units.groups}`, { bold: true, align: "center" }),
            cell(p.mentors, { bold: true, align: "center" }),
            cell(p.mentees, { bold: true, align: "center" }),
          ]),
        ],
        { size: 11 },
      ),
      paragraph(bold("По ролям и категориям участников"), { keepNext: true, spaceBefore: 6 }),
      table(
        [
          { header: "Роль", width: 25 },
          { header: "Категория", width: 55 },
          { header: "Человек", width: 20, align: "center" },
        ],
        [
          { span: "Наставники" },
          ...p.mentorsByCategory.map((c) => row(["наставник", c.label, cell(c.count, { align: "center" })])),
          { span: "Наставляемые" },
          ...p.menteesByCategory.map((c) =>
            row(["наставляемый", c.label, cell(c.count, { align: "center" })]),
          ),
        ],
        { size: 11 },
      ),
    );
  }
  doc.blocks.push(
    list(false, [
      `в базе наставников — ${p.bankMentors}, в базе наставляемых — ${p.bankMentees};`,
      `без пары — ${withoutPairTotal(p)}${withoutPairTotal(p) > 0 ? ` (${withoutPairText(p)})` : ""}; из них ожидают пары — ${p.waiting}, получают сопровождение педагога-психолога — ${p.supported};`,
      `организаций-партнёров, предоставивших наставников, — ${p.partnerOrganisations.length}${p.partnerOrganisations.length > 0 ? ` (${p.partnerOrganisations.join(", ")})` : ""};`,
      `проведено встреч наставников и наставляемых — ${f.meetings.total}${f.meetings.pairsWithMeetings > 0 ? ` (пар, проводивших встречи, — ${f.meetings.pairsWithMeetings})` : ""}.`,
    ]),
  );

  // Indicators
  doc.blocks.push(heading(2, "3. Показатели эффективности"), ...indicatorBlocks(f.indicators));

  // Roadmap
  const r = f.roadmap;
  doc.blocks.push(heading(2, "4. Выполнение дорожной карты"));
  if (r.total.total === 0) {
    doc.blocks.push(emptyNote("Дорожная карта не заполнена: мероприятия не запланированы."));
  } else {
    const pct = (v: number | null) => (v === null ? DASH : percent(v, 0));
    doc.blocks.push(
      table(
        [
          { header: "Этап", width: 40 },
          { header: "Мероприятий", width: 12, align: "center" },
          { header: "Выполнено", width: 12, align: "center" },
          { header: "В работе", width: 12, align: "center" },
          { header: "Запланировано", width: 12, align: "center" },
          { header: "Просрочено", width: 12, align: "center" },
          { header: "Выполнение", width: 12, align: "center" },
        ],
        [...r.stages, r.total].map((s, i, all) => {
          const last = i === all.length - 1;
          return row([
            cell(s.stage, { bold: last }),
            cell(s.total, { align: "center", bold: last }),
            cell(s.done, { align: "center", bold: last }),
            cell(s.inWork, { align: "center", bold: last }),
            cell(s.planned, { align: "center", bold: last }),
            cell(s.overdue, { align: "center", bold: last }),
            cell(pct(s.percent), { align: "center", bold: last }),
          ]);
        }),
        { size: 10 },
      ),
    );
    if (r.overdueEvents.length > 0)
      doc.blocks.push(
        paragraph(bold("Просроченные мероприятия:"), { keepNext: true }),
        list(
          false,
          r.overdueEvents
            .slice(0, 10)
            .map(
              (e) =>
                `${e.event}${e.deadline ? ` (срок: ${e.deadline})` : ""}${e.responsible ? `; ${e.responsible}` : ""}`,
            ),
        ),
        ...(r.overdueEvents.length > 10
          ? [
              paragraph(
                italic(
                  `и ещё ${r.overdueEvents.length - 10} ${plural(r.overdueEvents.length - 10, "мероприятие", "мероприятия", "мероприятий")}.`,
                ),
              ),
            ]
          : []),
      );
  }

  // Monitoring
  const m = f.monitoring;
  doc.blocks.push(heading(2, "5. Мониторинг качества реализации программы"));
  if (m.total === null) doc.blocks.push(emptyNote("Данные мониторинга ещё не собраны."));
  else if (m.level === null)
    doc.blocks.push(
      text(
        `Оценка по показателям эффективности не завершена: известно ${decimal(m.total, 1)} ${points(m.total)} по ${9 - m.missing.length} из 9 показателей; уровень будет определён после оценки показателей ${m.missing.join(", ")}.`,
      ),
    );
  else
    doc.blocks.push(
      text(
        `Оценка по девяти показателям эффективности — ${decimal(m.total, 1)} ${points(m.total)} из 18: ${m.level} уровень (${LEVEL_RANGES[m.level]}).`,
      ),
    );
  const sat = f.surveys;
  if (sat.наставляемый.satisfied !== null || sat.наставник.satisfied !== null)
    doc.blocks.push(
      text(
        `Удовлетворённость участием: наставляемые — ${sat.наставляемый.satisfied === null ? "нет данных" : percent(sat.наставляемый.satisfied)}, наставники — ${sat.наставник.satisfied === null ? "нет данных" : percent(sat.наставник.satisfied)}.`,
      ),
    );

  doc.blocks.push(blank(), directorSignature(school));
  doc.blocks.push(
    paragraph(
      italic(
        `Исполнитель: ${school.curator || "куратор программы наставничества"}${school.curatorEmail ? `, ${school.curatorEmail}` : ""}`,
      ),
      { size: 9, spaceBefore: 12 },
    ),
  );
  return finish(doc);
}
