import { parseDeadline } from "../../../src/core/roadmap/deadline";
import { normalizeRoles } from "../../../src/core/roadmap/paste";
import {
  loadRoadmapTemplates,
  resolveTemplateDeadlines,
  roadmapTemplate,
  roadmapTemplateSchema,
} from "../../../src/core/roadmap/templates";
import { seedLines, seedText } from "../../support/seeds";

const clean = (s: string) =>
  s
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Seed events counted from the seed files by rules independent of the paste importer. */
function countSeedEvents(): Record<string, number> {
  const l000 = seedLines("000");
  const l001 = seedLines("001");
  const l002 = seedLines("002");
  const l003 = seedLines("003");
  const l004 = seedLines("004");
  const between = (lines: string[], from: string, to?: string) => {
    const a = lines.findIndex((l) => l.includes(from));
    const b = to ? lines.findIndex((l, i) => i > a && l.includes(to)) : lines.length;
    return lines.slice(a + 1, b);
  };
  return {
    // rows whose first cell starts with a capital letter (continuations start in lower case)
    "000": between(l000, "<b>Мероприятие</b>").filter((l) => l.includes("\t") && /^[А-ЯЁ]/.test(l)).length,
    // items a.–g. of stages 1–6
    "001": l001.filter((l) => /^[a-g]\.\t/.test(l)).length,
    // rows with an event cell that do not follow a page break (an empty line)
    "002": between(l002, "Задачи\t").filter((l, i, all) => {
      const cells = l.split("\t");
      return cells.length >= 5 && clean(cells[1]) !== "" && i > 0 && all[i - 1].trim() !== "";
    }).length,
    // numbered rows
    "003": l003.filter((l) => /^\d+\.?\t/.test(l)).length,
    // §2: five roles; §9: rows that do not follow a page break
    "004":
      between(l004, "<b>Ответственный исполнитель</b>", "### 3.").filter((l) => l.includes("\t")).length +
      between(l004, "<b>№</b>").filter((l, i, all) => l.includes("\t") && all[i - 1]?.trim() !== "").length,
  };
}

describe("roadmap templates", () => {
  const templates = loadRoadmapTemplates();

  test("load and validate", () => {
    expect(templates.map((t) => t.id)).toEqual([
      "school-general",
      "school-general-plan",
      "teacher-teacher-additional-education",
      "teacher-system",
      "teacher-system-program",
    ]);
    for (const t of templates) expect(() => roadmapTemplateSchema.parse(t)).not.toThrow();
  });

  test("every seed event is present", () => {
    const counts = countSeedEvents();
    expect(counts).toEqual({ "000": 31, "001": 27, "002": 26, "003": 8, "004": 12 });
    const bySeed: Record<string, number> = {};
    for (const t of templates) bySeed[t.seed] = (bySeed[t.seed] ?? 0) + t.events.length;
    expect(bySeed).toEqual(counts);
  });

  test("no event has empty wording; wording comes from the seed", () => {
    for (const t of templates) {
      const seed = clean(seedText(t.seed));
      for (const e of t.events) {
        expect(e.wording.trim()).not.toBe("");
        expect(e.wording).not.toMatch(/<[a-z/]/i);
        // every word is the seed's (cells broken over lines are joined, so whole phrases may not be)
        const missing = e.wording.split(" ").filter((w) => !seed.includes(w));
        expect({ source: e.source, missing }).toEqual({ source: e.source, missing: [] });
      }
    }
  });

  test("sources are «seed stage.item» and unique", () => {
    const all = templates.flatMap((t) => t.events.map((e) => e.source));
    expect(new Set(all).size).toBe(all.length);
    expect(roadmapTemplate("school-general-plan").events.map((e) => e.source)).toEqual([
      ..."abcdefg".split("").map((x) => `001 1.${x}`),
      ..."abcde".split("").map((x) => `001 2.${x}`),
      ..."abcd".split("").map((x) => `001 3.${x}`),
      ..."abcd".split("").map((x) => `001 4.${x}`),
      ..."abcdef".split("").map((x) => `001 5.${x}`),
      "001 6.a",
    ]);
  });

  test("roles are the normalized responsible text", () => {
    for (const t of templates)
      for (const e of t.events) expect(e.roles).toEqual(normalizeRoles(e.responsible));
    const roles = (id: string, source: string) =>
      roadmapTemplate(id).events.find((e) => e.source === source)?.roles;
    expect(roles("school-general", "000 1")).toEqual(["секретарь"]);
    expect(roles("school-general", "000 2")).toEqual(["классный руководитель"]);
    expect(roles("school-general", "000 20")).toEqual(["куратор", "наставник"]);
    expect(roles("school-general-plan", "001 1.a")).toEqual([]);
    expect(roles("school-general-plan", "001 5.f")).toEqual(["организации-партнёры"]);
    expect(roles("teacher-teacher-additional-education", "002 1.13")).toEqual(["участники программы"]);
    expect(roles("teacher-system-program", "004 2.1")).toEqual(["директор"]);
    expect(roles("teacher-system-program", "004 2.4")).toEqual(["педагог-психолог"]);
  });

  test("events keep the seed's text, with broken lines joined", () => {
    const ev = (id: string, source: string) => {
      const e = roadmapTemplate(id).events.find((x) => x.source === source);
      if (!e) throw new Error(source);
      return e;
    };
    expect(ev("school-general-plan", "001 1.a")).toEqual({
      source: "001 1.a",
      stage:
        "1. Нормативное правовое регулирование внедрения методологии (целевой модели) наставничества обучающихся Средней школы № 40",
      task: "",
      number: "a.",
      wording:
        "Назначение куратора внедрения целевой модели наставничества в Средней школе № 40 (далее - куратор внедрения ЦМН)",
      deadline: "До 01 октября",
      responsible: "Баева С.Н.",
      roles: [],
      result: "Приказ ОО",
    });
    expect(ev("school-general", "000 12").wording).toBe(
      "Оценка участников-наставников по заданным параметрам, необходимым для будущего сравнения и мониторинга влияния программ на всех участников",
    );
    expect(ev("school-general-plan", "001 6.a").wording).toBe(
      "Контроль реализации мероприятий по внедрению целевой модели наставничества: на уровне школы: - контроль процедуры внедрения целевой модели наставничества; - контроль проведения программ наставничества.",
    );
    expect(ev("school-general-plan", "001 6.a").deadline).toBe("В течение всего периода внедрения ЦМН");
    expect(ev("teacher-system", "003 4").deadline).toBe("В течение года");
    expect(ev("teacher-system", "003 4").stage).toBe(
      "4. Организация и осуществление работы наставнических пар/групп",
    );
    expect(ev("teacher-teacher-additional-education", "002 1.23").deadline).toBe(
      "27.10.2021 15.12.2021 23.03.2022 09.11.2022 18.01.2023",
    );
    expect(ev("teacher-teacher-additional-education", "002 1.15").result).toBe("При необходимости");
    expect(ev("teacher-teacher-additional-education", "002 1.15").task).toBe(
      "Скорректировать и апробировать программу наставничества с учетом реализации целевой модели наставничества формы «учитель-учитель»»в организации дополнительного образования детей",
    );
    expect(ev("teacher-teacher-additional-education", "002 1.1").stage).toBe(
      "Этап 1. Подготовка условий для запуска программы наставничества",
    );
    expect(ev("teacher-system-program", "004 9.4").wording).toBe(
      "Анализ банка наставников и выбор подходящих для конкретной персонализированной программы наставничества педагога/группы педагогов. 2) Обучение наставников для работы с наставляемыми: - подготовка методических материалов для сопровождения наставнической деятельности;",
    );
  });

  test("every template deadline is understood, except the Ministry's", () => {
    const ctx = {
      schoolYearStart: new Date(Date.UTC(2026, 8, 1)),
      programStart: new Date(Date.UTC(2026, 8, 1)),
      programEnd: new Date(Date.UTC(2027, 4, 31)),
    };
    const flagged = templates.flatMap((t) =>
      t.events
        .map((e) => ({ source: e.source, kind: parseDeadline(e.deadline, ctx).kind }))
        .filter((x) => x.kind === "unrecognized" || x.kind === "external"),
    );
    expect(flagged).toEqual([{ source: "001 5.b", kind: "external" }]);
  });

  test("resolveTemplateDeadlines computes the dates against the school year", () => {
    const ctx = {
      schoolYearStart: new Date(Date.UTC(2026, 8, 1)),
      programStart: new Date(Date.UTC(2026, 9, 1)),
      programEnd: new Date(Date.UTC(2027, 4, 31)),
    };
    const events = resolveTemplateDeadlines(roadmapTemplate("school-general-plan"), ctx);
    const due = events.find((e) => e.source === "001 2.d")?.due;
    expect(due).toEqual({
      kind: "range",
      start: new Date(Date.UTC(2026, 9, 1)),
      end: new Date(Date.UTC(2026, 10, 30)),
    });
  });

  test("the schema rejects a broken template", () => {
    const good = roadmapTemplate("teacher-system");
    expect(() =>
      roadmapTemplateSchema.parse({ ...good, events: [{ ...good.events[0], wording: "" }] }),
    ).toThrow();
    expect(() =>
      roadmapTemplateSchema.parse({ ...good, events: [good.events[0], good.events[0]] }),
    ).toThrow();
    expect(() =>
      roadmapTemplateSchema.parse({ ...good, events: [{ ...good.events[0], roles: ["завхоз"] }] }),
    ).toThrow();
  });
});
