import { plural } from "../text";
import { curatorLine, emptyNote, schoolShort } from "./common";
import {
  type IndicatorFigure,
  indicatorFigures,
  LEVEL_RANGES,
  type MeetingFigures,
  type MonitoringFigures,
  meetingFigures,
  monitoringFigures,
  type ParticipantFigures,
  pairsAndGroupsText,
  participantFigures,
  type RoadmapFigures,
  roadmapFigures,
  SURVEY_ROLES,
  type SurveyFigures,
  surveyFigures,
} from "./figures";
import { finish } from "./layout";
import {
  type Block,
  blank,
  bold,
  cell,
  type DocumentModel,
  heading,
  list,
  newDocument,
  paragraph,
  row,
  signature,
  splitLine,
  type TableRowModel,
  table,
  text,
} from "./model";
import { surnameInitialsIn } from "./names";
import type { DocumentSource } from "./source";
import {
  capitalise,
  DASH,
  decimal,
  longDate,
  percent,
  points,
  quoted,
  schoolYearPhrase,
  signed,
} from "./typography";

/**
 * «Аналитическая справка по итогам мониторинга» (seeds 001, 002, 004): stage 1 — the rubric and
 * its level; stage 2 — growth of participants measured twice; satisfaction and the gap between
 * expectations and results; indicators against targets; strengths and weaknesses drawn from the
 * data; conclusions.
 */

export interface AnalysisFigures {
  participants: ParticipantFigures;
  monitoring: MonitoringFigures;
  surveys: SurveyFigures;
  indicators: IndicatorFigure[];
  roadmap: RoadmapFigures;
  meetings: MeetingFigures;
}

export function analysisFigures(src: DocumentSource): AnalysisFigures {
  return {
    participants: participantFigures(src),
    monitoring: monitoringFigures(src),
    surveys: surveyFigures(src),
    indicators: indicatorFigures(src),
    roadmap: roadmapFigures(src),
    meetings: meetingFigures(src),
  };
}

const ROLE_PLURAL: Record<string, string> = { наставляемый: "наставляемые", наставник: "наставники" };

/** A value 0–10 (or 0–2) with a decimal comma, or a dash. */
function score(v: number | null): string {
  return v === null ? DASH : decimal(v, 1);
}

function indicatorValue(v: number | null, unit: string): string {
  if (v === null) return "нет данных";
  return unit === "%" ? percent(v) : decimal(v, 1);
}

/** Strengths and weaknesses drawn from the figures: each a sentence with its number. */
export function strengthsAndWeaknesses(f: AnalysisFigures): { strengths: string[]; weaknesses: string[] } {
  const strengths: string[] = [];
  const weaknesses: string[] = [];
  for (const i of f.monitoring.indicators) {
    if (i.score === null) continue;
    if (i.score >= 1.5) strengths.push(`${i.name} (${decimal(i.score, 1)} из 2 баллов).`);
    else if (i.score < 1) weaknesses.push(`${i.name} (${decimal(i.score, 1)} из 2 баллов).`);
  }
  for (const role of SURVEY_ROLES) {
    const s = f.surveys[role];
    for (const g of s.growth) {
      if (g.entry === null || g.exit === null) continue;
      const d = g.exit - g.entry;
      const what = `«${g.name}» у ${role === "наставник" ? "наставников" : "наставляемых"}: с ${decimal(g.entry)} до ${decimal(g.exit)} из 10`;
      if (d >= 1) strengths.push(`Рост параметра ${what}.`);
      else if (d <= 0) weaknesses.push(`Нет роста параметра ${what}.`);
    }
    for (const e of s.expectations) {
      if (e.entry === null || e.exit === null) continue;
      if (e.exit - e.entry <= -1)
        weaknesses.push(
          `Ожидания ${role === "наставник" ? "наставников" : "наставляемых"} не оправдались по пункту «${e.name}»: ожидание ${decimal(e.entry)}, результат ${decimal(e.exit)}.`,
        );
      else if (e.exit - e.entry >= 1)
        strengths.push(
          `Результат превзошёл ожидания ${role === "наставник" ? "наставников" : "наставляемых"} по пункту «${e.name}»: ${decimal(e.entry)} → ${decimal(e.exit)}.`,
        );
    }
  }
  for (const i of f.indicators) {
    if (i.met === null || i.target === null || i.actual === null) continue;
    const what = `показатель ${i.code} «${i.name}»: ${indicatorValue(i.actual, i.unit)} при цели ${indicatorValue(i.target, i.unit)}`;
    (i.met ? strengths : weaknesses).push(`${i.met ? "Достигнут" : "Не достигнут"} ${what}.`);
  }
  const p = f.participants;
  // Rule: mentees without a pair are a weakness, told by why (consent missing or no free mentor).
  if (withoutPairTotal(p) > 0) weaknesses.push(`Наставляемых без пары: ${withoutPairText(p)}.`);
  if (f.meetings.stalled.length > 0)
    weaknesses.push(
      `${f.meetings.stalled.length} ${plural(f.meetings.stalled.length, "пара не встречалась", "пары не встречались", "пар не встречались")} дольше установленного срока (${f.meetings.stalled
        .slice(0, 5)
        .map((x) => pairNames(x))
        .join("; ")}${f.meetings.stalled.length > 5 ? " и другие" : ""}).`,
    );
  else if (f.meetings.total > 0 && p.pairs > 0)
    strengths.push("Все утверждённые пары встречаются регулярно.");
  if (f.roadmap.total.overdue > 0)
    weaknesses.push(
      `Просрочено мероприятий дорожной карты: ${f.roadmap.total.overdue} из ${f.roadmap.total.total}.`,
    );
  // Rule: the roadmap is a strength only when nothing is overdue and the share done (rounded as
  // shown) is at least the share expected by today (roadmapFigures.expectedPercent); below it, a risk.
  else if (f.roadmap.total.percent !== null && f.roadmap.expectedPercent !== null) {
    const done = Math.round(f.roadmap.total.percent);
    const expected = Math.round(f.roadmap.expectedPercent);
    const what = `выполнено ${f.roadmap.total.done} из ${f.roadmap.total.total - f.roadmap.total.cancelled} ${plural(f.roadmap.total.total - f.roadmap.total.cancelled, "мероприятия", "мероприятий", "мероприятий")} (${done} %), по срокам к этой дате ожидалось ${expected} %`;
    if (done >= expected && f.roadmap.total.done > 0)
      strengths.push(`Дорожная карта выполняется в срок: ${what}.`);
    else if (done < expected) weaknesses.push(`Дорожная карта отстаёт от сроков: ${what}.`);
  }
  return { strengths: strengths.slice(0, 10), weaknesses: weaknesses.slice(0, 10) };
}

function conclusions(f: AnalysisFigures, weaknesses: string[]): string[] {
  const out: string[] = [];
  const level = f.monitoring.level;
  if (level === "оптимальный")
    out.push(
      "Программа наставничества реализуется на оптимальном уровне: продолжить работу пар, обобщить и распространить лучшие практики, представить лучших наставников к поощрению.",
    );
  else if (level === "допустимый")
    out.push(
      "Программа наставничества реализуется на допустимом уровне: усилить работу по показателям, набравшим менее 2 баллов, обсудить результаты с наставниками.",
    );
  else if (level === "недопустимый")
    out.push(
      "Уровень реализации программы недопустимый: пересмотреть состав пар и планы встреч, провести дополнительное обучение наставников, повторить мониторинг.",
    );
  else out.push("Провести оценку по показателям эффективности до подведения итогов.");
  if (withoutPairTotal(f.participants) > 0)
    out.push(
      "Продолжить поиск наставников для наставляемых без пары; обеспечить им сопровождение педагога-психолога.",
    );
  if (f.meetings.stalled.length > 0)
    out.push(
      "Куратору выяснить причины перерыва во встречах у пар, указанных выше, и согласовать новые даты.",
    );
  if (weaknesses.some((w) => w.startsWith("Не достигнут")))
    out.push("Скорректировать дорожную карту для достижения целевых значений показателей эффективности.");
  if (f.surveys.наставляемый.exitCount + f.surveys.наставник.exitCount === 0)
    out.push("Провести итоговое анкетирование наставников и наставляемых по окончании программы.");
  out.push("Внести итоги реализации программы в базу наставников и базу наставляемых.");
  return out;
}

export function buildAnalysis(
  src: DocumentSource,
  figures: AnalysisFigures = analysisFigures(src),
): DocumentModel {
  const school = src.school();
  const f = figures;
  const doc = newDocument("Аналитическая справка по итогам мониторинга");
  doc.blocks.push(
    heading(1, "Аналитическая справка"),
    paragraph(
      bold(
        `по итогам мониторинга реализации программы наставничества в ${schoolShort(school)} за ${schoolYearPhrase(school.schoolYear)}`,
      ),
      { align: "center", spaceAfter: 12 },
    ),
    splitLine(school.city, longDate(src.today)),
    blank(),
    text(
      "Мониторинг проведён в соответствии с программой наставничества в два этапа: оценка качества процесса реализации программы (этап 1) и оценка мотивационно-личностного, компетентностного и профессионального роста участников (этап 2). Источники данных: оценки по показателям эффективности, входные и итоговые анкеты участников, формы обратной связи о встречах, показатели эффективности внедрения целевой модели.",
    ),
    text(participantsSentence(f.participants)),
  );

  // Stage 1
  doc.blocks.push(heading(2, "1. Этап 1. Оценка качества реализации программы"));
  const m = f.monitoring;
  if (m.total === null) {
    doc.blocks.push(
      emptyNote("Оценка по девяти показателям эффективности (0, 1 или 2 балла) ещё не проводилась."),
    );
  } else {
    const rows: TableRowModel[] = [];
    let criterion = "";
    const mixed =
      m.indicators.some((i) => i.from === "program") && m.indicators.some((i) => i.from === "pairs");
    m.indicators.forEach((i, n) => {
      if (i.criterion !== criterion) {
        criterion = i.criterion;
        rows.push({ span: criterion });
      }
      rows.push(
        row([
          cell(n + 1, { align: "center" }),
          i.name,
          cell(`${score(i.score)}${mixed && i.from === "pairs" ? "*" : ""}`, { align: "center" }),
        ]),
      );
    });
    rows.push(
      row([
        cell(""),
        cell("Итого баллов", { bold: true }),
        // A partial sum is never shown as the total: only when all nine indicators are scored.
        cell(
          m.missing.length === 0 && m.total !== null
            ? decimal(m.total, 1)
            : "не определён — нужна оценка куратора",
          {
            bold: true,
            align: "center",
          },
        ),
      ]),
    );
    const allPairs = m.indicators.every((i) => i.from !== "program");
    doc.blocks.push(
      table(
        [
          { header: "№", width: 6, align: "center" },
          { header: "Показатель", width: 76 },
          { header: allPairs ? "Средний балл пар (0–2)" : "Баллы (0–2)", width: 18, align: "center" },
        ],
        rows,
        { size: 10 },
      ),
      ...(mixed
        ? [paragraph("* средний балл по оценкам пар: у программы в целом оценки нет.", { size: 9 })]
        : []),
      m.level
        ? text([
            `Итоговая оценка — ${decimal(m.total, 1)} ${points(m.total)} из 18: `,
            bold(`${m.level} уровень`),
            ` (${LEVEL_RANGES[m.level]}).`,
            allPairs ? ` Оценено пар: ${m.assessed}.` : "",
          ])
        : text([
            `Сумма известных баллов — ${decimal(m.total, 1)} из 18 (оценено показателей: ${9 - m.missing.length} из 9); `,
            bold("уровень не определён"),
            `: нет оценки по ${m.missing.length === 1 ? "показателю" : "показателям"} ${m.missing.join(", ")} (нужна экспертная оценка куратора).`,
          ]),
    );
    const lv = m.levels;
    if (lv.оптимальный + lv.допустимый + lv.недопустимый > 0)
      doc.blocks.push(
        text(
          `Распределение пар «наставник — наставляемый» по уровням (в группе каждый наставляемый оценивается отдельно): оптимальный — ${lv.оптимальный}, допустимый — ${lv.допустимый}, недопустимый — ${lv.недопустимый}.`,
        ),
      );
  }

  // Stage 2
  doc.blocks.push(heading(2, "2. Этап 2. Рост участников программы"));
  const growthRows: TableRowModel[] = [];
  for (const role of SURVEY_ROLES)
    for (const g of f.surveys[role].growth)
      growthRows.push(
        row([
          g.name,
          ROLE_PLURAL[role],
          cell(score(g.entry), { align: "center" }),
          cell(score(g.exit), { align: "center" }),
          cell(g.entry !== null && g.exit !== null ? signed(g.exit - g.entry) : DASH, { align: "center" }),
        ]),
      );
  const exits = f.surveys.наставляемый.exitCount + f.surveys.наставник.exitCount;
  if (growthRows.length === 0)
    doc.blocks.push(
      emptyNote(
        "Данные о росте участников ещё не собраны: параметры роста измеряются входной и итоговой анкетами.",
      ),
    );
  else if (exits === 0)
    // One measurement only: no growth is claimed before the exit questionnaire gives the second.
    doc.blocks.push(
      text(
        `Параметры, зависимые от воздействия программы, зафиксированы при входе в программу (${entryText(f.surveys)}). Рост будет оценён по итоговым анкетам, когда каждый параметр будет измерен второй раз.`,
      ),
      table(
        [
          { header: "Параметр", width: 50 },
          { header: "Участники", width: 25 },
          { header: "До (входная анкета)", width: 25, align: "center" },
        ],
        growthRows.map((r) => ("cells" in r ? row(r.cells.slice(0, 3)) : r)),
        { size: 10 },
      ),
    );
  else
    doc.blocks.push(
      text(
        `Параметры, зависимые от воздействия программы, зафиксированы дважды: до входа в программу и по её итогам (средние оценки по шкале от 1 до 10; до и после сравниваются по одним и тем же людям — ${pairedText(f.surveys)}).`,
      ),
      table(
        [
          { header: "Параметр", width: 38 },
          { header: "Участники", width: 18 },
          { header: "До (входная анкета)", width: 15, align: "center" },
          { header: "После (итоговая анкета)", width: 15, align: "center" },
          { header: "Изменение", width: 14, align: "center" },
        ],
        growthRows,
        { size: 10 },
      ),
    );

  // Satisfaction and expectations
  doc.blocks.push(heading(2, "3. Удовлетворённость участников и оправданность ожиданий"));
  const s = f.surveys;
  const answered = s.наставляемый.exitCount + s.наставник.exitCount;
  if (answered === 0 && s.наставляемый.entryCount + s.наставник.entryCount === 0) {
    doc.blocks.push(emptyNote("Итоговые анкеты участников ещё не заполнены: удовлетворённость не оценена."));
  } else {
    const lines: Block[] = [];
    for (const role of SURVEY_ROLES) {
      const r = s[role];
      if (r.exitCount === 0) continue;
      lines.push(
        text(
          `${capitalise(ROLE_PLURAL[role])}: итоговых анкет — ${r.exitCount}; удовлетворены участием (оценка не ниже ${school.satisfiedThreshold} из 10) — ${r.satisfied === null ? "нет данных" : `${percent(r.satisfied)} (${r.satisfiedCount})`}; средняя оценка удовлетворённости — ${score(r.averageSatisfaction)}${r.wouldContinue === null ? "" : `; продолжили бы участие — ${percent(r.wouldContinue)}`}${r.wantsToBeMentor === null || role === "наставник" ? "" : `; хотят стать наставниками — ${percent(r.wantsToBeMentor)}`}.`,
        ),
      );
    }
    if (lines.length === 0)
      lines.push(emptyNote("Итоговые анкеты ещё не заполнены: удовлетворённость не оценена."));
    doc.blocks.push(...lines);
    const gapRows: TableRowModel[] = [];
    for (const role of SURVEY_ROLES)
      for (const e of s[role].expectations)
        gapRows.push(
          row([
            e.name,
            ROLE_PLURAL[role],
            cell(score(e.entry), { align: "center" }),
            cell(score(e.exit), { align: "center" }),
            cell(e.entry !== null && e.exit !== null ? signed(e.exit - e.entry) : DASH, { align: "center" }),
          ]),
        );
    if (gapRows.length > 0 && answered === 0)
      doc.blocks.push(
        paragraph(bold("Ожидания участников (средние оценки от 1 до 10)"), { keepNext: true }),
        text(
          `Ожидания записаны во входной анкете (${entryText(s)}); с результатом они будут сравнены по итоговым анкетам.`,
        ),
        table(
          [
            { header: "Пункт анкеты", width: 50 },
            { header: "Участники", width: 25 },
            { header: "Ожидание", width: 25, align: "center" },
          ],
          gapRows.map((r) => ("cells" in r ? row(r.cells.slice(0, 3)) : r)),
          { size: 10 },
        ),
      );
    else if (gapRows.length > 0)
      doc.blocks.push(
        paragraph(bold("Ожидания и результаты (средние оценки от 1 до 10)"), { keepNext: true }),
        text(`Ожидание и результат сравниваются ${pairedText(s)}.`),
        table(
          [
            { header: "Пункт анкеты", width: 38 },
            { header: "Участники", width: 18 },
            { header: "Ожидание", width: 15, align: "center" },
            { header: "Результат", width: 15, align: "center" },
            { header: "Разница", width: 14, align: "center" },
          ],
          gapRows,
          { size: 10 },
        ),
      );
    const unique = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i).slice(0, 4);
    const valuable = unique([...s.наставляемый.valuable, ...s.наставник.valuable]);
    const missing = unique([...s.наставляемый.missing, ...s.наставник.missing]);
    if (valuable.length > 0)
      doc.blocks.push(paragraph(bold("Что участники назвали ценным:")), list(false, valuable.map(quoted)));
    if (missing.length > 0)
      doc.blocks.push(paragraph(bold("Чего участникам не хватило:")), list(false, missing.map(quoted)));
  }

  // Indicators
  doc.blocks.push(heading(2, "4. Показатели эффективности внедрения целевой модели"));
  doc.blocks.push(...indicatorBlocks(f.indicators));

  // Strengths and weaknesses
  const sw = strengthsAndWeaknesses(f);
  doc.blocks.push(heading(2, "5. Сильные стороны программы"));
  doc.blocks.push(
    sw.strengths.length > 0
      ? list(false, sw.strengths)
      : emptyNote("Недостаточно данных, чтобы выделить сильные стороны: заполните мониторинг и анкеты."),
  );
  doc.blocks.push(heading(2, "6. Слабые стороны и риски"));
  doc.blocks.push(
    sw.weaknesses.length > 0
      ? list(false, sw.weaknesses)
      : emptyNote("По имеющимся данным слабые стороны не выявлены."),
  );
  doc.blocks.push(heading(2, "7. Выводы и рекомендации"), list(true, conclusions(f, sw.weaknesses)));
  doc.blocks.push(blank(), signature([curatorLine(school)]));
  return finish(doc);
}

/** Why there is no analytical note yet (a Russian message for the curator), or null when it can be made. */
export function analysisRefusal(f: AnalysisFigures): string | null {
  const s = f.surveys;
  const surveyed =
    s.наставляемый.entryCount + s.наставляемый.exitCount + s.наставник.entryCount + s.наставник.exitCount;
  if (f.monitoring.total === null && surveyed === 0)
    return "Аналитическая справка не сформирована: данных мониторинга ещё нет — ни оценок по показателям эффективности (лист «Мониторинг»), ни входных и итоговых анкет участников. Проведите анкетирование и пересчитайте мониторинг.";
  return null;
}

/** «Павлов А.Н. – Лебедев К.В.»: a pair named by its people, never by its ID. */
function pairNames(p: { mentorName: string; menteeName: string }): string {
  const short = (n: string) => (n ? surnameInitialsIn(n, "nominative") : DASH);
  return `${short(p.mentorName)} ${DASH} ${short(p.menteeName)}`;
}

function participantsSentence(p: ParticipantFigures): string {
  if (p.pairs === 0)
    return `Утверждённых наставнических пар пока нет. В базе наставников — ${p.bankMentors}, в базе наставляемых — ${p.bankMentees}.`;
  const forms = p.byForm
    .map((f) => `«${f.form}» — ${pairsAndGroupsText({ ...f, pairs: f.individual })}`)
    .join("; ");
  return `В программе участвуют ${pairsAndGroupsText(p.units)} и ${p.mentors} ${plural(p.mentors, "наставник", "наставника", "наставников")}. По формам наставничества: ${forms}.`;
}

/** The indicators table (used by the note and by the report), with the figures of «Сводка». */
export function indicatorBlocks(indicators: IndicatorFigure[]): Block[] {
  if (indicators.every((i) => i.actual === null && i.target === null))
    return [emptyNote("Данные о показателях эффективности ещё не собраны.")];
  return [
    table(
      [
        { header: "№", width: 5, align: "center" },
        { header: "Показатель", width: 53 },
        { header: "Цель", width: 14, align: "center" },
        { header: "Факт", width: 14, align: "center" },
        { header: "Выполнение", width: 14, align: "center" },
      ],
      indicators.map((i) =>
        row([
          cell(i.code, { align: "center" }),
          i.name,
          cell(
            i.target === null
              ? DASH
              : `${indicatorValue(i.target, i.unit)}${i.targetYear ? ` (${i.targetYear})` : ""}`,
            { align: "center" },
          ),
          cell(indicatorValue(i.actual, i.unit), { align: "center" }),
          cell(i.met === null ? DASH : i.met ? "достигнут" : "не достигнут", { align: "center" }),
        ]),
      ),
      { size: 10 },
    ),
    paragraph(
      "Фактические значения рассчитаны по базам наставников и наставляемых, утверждённым парам, сведениям о контингенте и итоговым анкетам участников.",
      { size: 9 },
    ),
  ];
}

/** All mentees without a pair, whatever the reason. */
export function withoutPairTotal(p: ParticipantFigures): number {
  const w = p.withoutPair;
  return w.noConsent + w.noGuardianConsent + w.noFreeMentor + w.other;
}

/** «нет согласия на обработку ПДн — 4, нет согласия законного представителя — 12, подходят, но нет свободного наставника — 36». */
export function withoutPairText(p: ParticipantFigures): string {
  const w = p.withoutPair;
  return [
    ...(w.noConsent > 0 ? [`нет согласия на обработку ПДн — ${w.noConsent}`] : []),
    ...(w.noGuardianConsent > 0 ? [`нет согласия законного представителя — ${w.noGuardianConsent}`] : []),
    ...(w.noFreeMentor > 0 ? [`подходят, но нет свободного наставника — ${w.noFreeMentor}`] : []),
    ...(w.other > 0 ? [`допуск к подбору не проверен или не пройден — ${w.other}`] : []),
  ].join(", ");
}

/**
 * «по 12 наставляемым и 8 наставникам, ответившим в начале и в конце»; a role with no exit answers
 * is left out («по 12 наставляемым, …»), as its entry answers are compared with nothing.
 */
function pairedText(s: SurveyFigures): string {
  const a = s.наставляемый.pairedCount;
  const b = s.наставник.pairedCount;
  const parts = [
    ...(s.наставляемый.exitCount > 0
      ? [`${a} ${plural(a, "наставляемому", "наставляемым", "наставляемым")}`]
      : []),
    ...(s.наставник.exitCount > 0 ? [`${b} ${plural(b, "наставнику", "наставникам", "наставникам")}`] : []),
  ];
  return `по ${parts.join(" и ")}, ответившим в начале и в конце`;
}

/** «входных анкет: наставляемых — 46, наставников — 26». */
function entryText(s: SurveyFigures): string {
  return `входных анкет: наставляемых — ${s.наставляемый.entryCount}, наставников — ${s.наставник.entryCount}`;
}
