/**
 * The district report («Сводный отчёт о реализации программ наставничества»): the district's
 * totals, the schools ranked, the schools that did not report and the packages not summed — a
 * document model, stored as a Google Doc or a .docx by the runtime.
 */
import { finish } from "../documents/layout";
import {
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
} from "../documents/model";
import { DASH, decimal, longDate, percent } from "../documents/typography";
import { type DistrictRollup, FLAG_TITLES } from "./rollup";

export const DISTRICT_REPORT_TITLE = "Сводный отчёт о реализации программ наставничества";

export function buildDistrictReport(r: DistrictRollup, district: string, today: Date): DocumentModel {
  const doc = newDocument(DISTRICT_REPORT_TITLE);
  const label = `${r.year}/${r.year + 1}`;
  const value = (v: number | null, unit: string) =>
    v === null ? "нет данных" : unit === "%" ? percent(v) : decimal(v, 0);
  doc.blocks.push(
    heading(1, DISTRICT_REPORT_TITLE),
    paragraph(bold(`${district ? `${district}, ` : ""}${label} учебный год`), { align: "center" }),
    paragraph(`по состоянию на ${longDate(today)}`, { align: "center", spaceAfter: 12 }),
    text(
      `Школ, приславших отчётные пакеты, — ${r.accepted.length}${r.entries.length > r.accepted.length ? `; не учтено пакетов — ${r.entries.length - r.accepted.length}` : ""}${r.missing.length > 0 ? `; школ, не приславших пакет, — ${r.missing.length}` : ""}. Показатели района рассчитаны по суммам числителей и знаменателей школ, а не как среднее их процентов; цель района — цели школ, взвешенные по знаменателям.`,
    ),
    heading(2, "1. Показатели эффективности по району"),
    table(
      [
        { header: "Показатель", width: 40 },
        { header: "Значение", width: 12, align: "center" },
        { header: "Цель", width: 12, align: "center" },
        { header: "Числитель / знаменатель", width: 16, align: "center" },
        { header: "Статус", width: 20, align: "center" },
      ],
      r.indicators.map((i) =>
        row([
          i.name.startsWith(`${i.code}.`) ? i.name : `${i.code}. ${i.name}`,
          cell(value(i.actual, i.unit), { align: "center" }),
          cell(i.target === null ? DASH : value(i.target, i.unit), { align: "center" }),
          cell(i.unit === "%" ? `${i.part} / ${i.whole}` : String(i.part), { align: "center" }),
          cell(`${i.status}; школ достигли: ${i.met} из ${i.judged}`, { align: "center" }),
        ]),
      ),
      { size: 10 },
    ),
    heading(2, "2. Участники"),
    list(false, [
      `участников программ наставничества — ${r.fsn.participants} (наставников — ${r.fsn.mentors}, наставляемых — ${r.fsn.mentees});`,
      `наставляемых — обучающихся 10–18 лет — ${r.fsn.menteePupils}, наставников — обучающихся 15–18 лет — ${r.fsn.mentorPupils}, наставляемых — молодых педагогов — ${r.fsn.youngTeachers};`,
      `пар — ${r.pairs.individual}, групп — ${r.pairs.groups}; ожидают пары — ${r.mentees.waiting} наставляемых;`,
      `мероприятий дорожных карт выполнено ${r.roadmap.done} из ${r.roadmap.total - r.roadmap.cancelled}${r.roadmap.percent === null ? "" : ` (${percent(r.roadmap.percent)})`};`,
      `удовлетворены участием: наставляемые — ${r.satisfaction.mentees.percent === null ? "нет данных" : percent(r.satisfaction.mentees.percent)}, наставники — ${r.satisfaction.mentors.percent === null ? "нет данных" : percent(r.satisfaction.mentors.percent)}.`,
    ]),
    heading(2, "3. Рейтинг школ"),
  );
  if (r.ranking.length === 0) doc.blocks.push(paragraph(italic("Учтённых пакетов нет.")));
  else
    doc.blocks.push(
      table(
        [
          { header: "Место", width: 10, align: "center" },
          { header: "Школа", width: 45 },
          { header: "Достигнуто показателей", width: 15, align: "center" },
          { header: "Мониторинг, баллов", width: 15, align: "center" },
          { header: "Дорожная карта", width: 15, align: "center" },
        ],
        r.ranking.map((x) =>
          row([
            cell(x.rank, { align: "center" }),
            x.entry.title,
            cell(`${x.achieved} из 6`, { align: "center" }),
            cell(x.monitoring === null ? DASH : decimal(x.monitoring, 1), { align: "center" }),
            cell(x.roadmapPercent === null ? DASH : percent(x.roadmapPercent), { align: "center" }),
          ]),
        ),
        { size: 10 },
      ),
    );
  doc.blocks.push(heading(2, "4. Школы, не приславшие отчётный пакет"));
  doc.blocks.push(
    r.missing.length === 0
      ? paragraph("Все школы из списка прислали пакеты.")
      : list(
          false,
          r.missing.map(
            (m) =>
              `${m.school.name}${m.school.city ? ` (${m.school.city})` : ""}${m.sent.length > 0 ? " — пакет прислан, но не учтён" : ""}`,
          ),
        ),
  );
  const flagged = r.entries.filter((e) => !e.accepted);
  doc.blocks.push(heading(2, "5. Пакеты, не включённые в итоги"));
  doc.blocks.push(
    flagged.length === 0
      ? paragraph("Таких пакетов нет.")
      : list(
          false,
          flagged.map(
            (e) =>
              `«${e.source}»${e.package ? ` (${e.title})` : ""}: ${e.flags.map((f) => FLAG_TITLES[f]).join(", ")}. ${e.notes.join(" ")}`,
          ),
        ),
  );
  return finish(doc);
}
