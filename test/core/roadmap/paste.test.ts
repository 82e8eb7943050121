import {
  classifyHeader,
  cleanCell,
  normalizeRoles,
  parsePastedRoadmap,
  parseRoadmapGrid,
  type RoadmapEventDraft,
} from "../../../src/core/roadmap/paste";
import { type RoadmapTemplateEvent, roadmapTemplate } from "../../../src/core/roadmap/templates";
import { SEED_TABLES, seedSlice, seedText } from "../../support/seeds";

const fields = (e: RoadmapEventDraft | RoadmapTemplateEvent) => ({
  stage: e.stage,
  task: e.task,
  number: e.number,
  wording: e.wording,
  deadline: e.deadline,
  responsible: e.responsible,
  roles: e.roles,
  result: e.result,
});

/** The template events that come from one seed table. */
function templateEvents(name: string): RoadmapTemplateEvent[] {
  const t = SEED_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(name);
  const events = roadmapTemplate(t.template).events;
  if (name === "004 §2") return events.filter((e) => e.source.startsWith("004 2."));
  if (name === "004 §9") return events.filter((e) => e.source.startsWith("004 9."));
  return events;
}

describe("parsePastedRoadmap on the seeds' tables", () => {
  test.each(SEED_TABLES.map((t) => [t.name, t] as const))(
    "seed %s yields the template's events",
    (name, t) => {
      const pasted = parsePastedRoadmap(seedSlice(t.seed, t.from, t.to));
      expect(pasted.warnings).toEqual([]);
      const expected = templateEvents(name).map(fields);
      // §2 of seed 004 has no stage column: the template names the section as its stage
      if (name === "004 §2") for (const e of expected) e.stage = "";
      expect(pasted.events.map(fields)).toEqual(expected);
      for (const e of pasted.events) expect(e.note).toBe("");
    },
  );

  test.each(["000", "002", "003"])("the whole file of seed %s: the title goes to the preamble", (seed) => {
    const t = SEED_TABLES.find((x) => x.seed === seed);
    if (!t) throw new Error(seed);
    const pasted = parsePastedRoadmap(seedText(seed));
    expect(pasted.warnings).toEqual([]);
    expect(pasted.events.map(fields)).toEqual(templateEvents(t.name).map(fields));
    expect(pasted.preamble.length).toBeGreaterThan(0);
  });

  test("seed 000: title lines are the preamble", () => {
    expect(parsePastedRoadmap(seedText("000")).preamble).toEqual([
      "Дорожная карта внедрения целевой модели наставничества в МАОУ «ЛГ №27»",
      "2023-2024 учебный год",
    ]);
  });

  test("the whole file of seed 001: the indicators table after the roadmap is not dropped", () => {
    const pasted = parsePastedRoadmap(seedText("001"));
    expect(pasted.events.slice(0, 27).map(fields)).toEqual(templateEvents("001").map(fields));
    const extra = pasted.events.slice(27);
    expect(extra.length).toBeGreaterThan(0);
    expect(pasted.warnings.length).toBeGreaterThan(0);
    expect(extra.some((e) => e.wording.includes("Доля детей и молодежи в возрасте от 10 до 18 лет"))).toBe(
      true,
    );
  });

  test("Windows line ends and a grid from a sheet give the same events", () => {
    const t = SEED_TABLES[1];
    const text = seedSlice(t.seed, t.from, t.to);
    const crlf = parsePastedRoadmap(text.replace(/\n/g, "\r\n"));
    const grid = parseRoadmapGrid(text.split("\n").map((l) => l.split("\t")));
    expect(crlf.events.map(fields)).toEqual(templateEvents("001").map(fields));
    expect(grid.events.map(fields)).toEqual(templateEvents("001").map(fields));
    expect(grid.warnings).toEqual([]);
  });
});

describe("parsePastedRoadmap on crafted tables", () => {
  test("columns in a different order are mapped by their headers", () => {
    const pasted = parsePastedRoadmap(
      [
        "Ответственный\tСрок исполнения\tРезультат\tСодержание работы (мероприятие)\t№",
        "Куратор\tДо 01.10.2026\tПриказ\tНазначение куратора\t1",
        "Классные руководители\tоктябрь - ноябрь\t\tИнформирование родителей\t2",
      ].join("\n"),
    );
    expect(pasted.warnings).toEqual([]);
    expect(pasted.events.map(fields)).toEqual([
      {
        stage: "",
        task: "",
        number: "1",
        wording: "Назначение куратора",
        deadline: "До 01.10.2026",
        responsible: "Куратор",
        roles: ["куратор"],
        result: "Приказ",
      },
      {
        stage: "",
        task: "",
        number: "2",
        wording: "Информирование родителей",
        deadline: "октябрь - ноябрь",
        responsible: "Классные руководители",
        roles: ["классный руководитель"],
        result: "",
      },
    ]);
    expect(pasted.events.map((e) => e.line)).toEqual([2, 3]);
  });

  test("a missing «Ответственный» column leaves responsible empty", () => {
    const pasted = parsePastedRoadmap("Мероприятие\tСроки\nАнкетирование наставников\tВ течение года\n");
    expect(pasted.warnings).toEqual([]);
    expect(pasted.events).toHaveLength(1);
    expect(pasted.events[0]).toMatchObject({
      wording: "Анкетирование наставников",
      deadline: "В течение года",
      responsible: "",
      roles: [],
      result: "",
    });
  });

  test("without a header row, columns are guessed from their content and a warning is given", () => {
    const pasted = parsePastedRoadmap(
      [
        "1.\tИнформирование родителей о программе\tДо 01.10.2026\tКлассные руководители\tИнформация на сайте",
        "2.\tАнкетирование наставников\tоктябрь – ноябрь\tКуратор\tБаза наставников",
        "3.\tВстреча-знакомство\tпо программе наставничества\tИванова И.И.\t",
      ].join("\n"),
    );
    expect(pasted.warnings).toHaveLength(1);
    expect(pasted.warnings[0]).toMatch(/заголовка таблицы не найдена/);
    expect(pasted.events.map((e) => [e.number, e.wording, e.deadline, e.responsible, e.result])).toEqual([
      [
        "1.",
        "Информирование родителей о программе",
        "До 01.10.2026",
        "Классные руководители",
        "Информация на сайте",
      ],
      ["2.", "Анкетирование наставников", "октябрь – ноябрь", "Куратор", "База наставников"],
      ["3.", "Встреча-знакомство", "по программе наставничества", "Иванова И.И.", ""],
    ]);
  });

  test("without a header row and in an unusual order, content still decides", () => {
    const pasted = parsePastedRoadmap(
      ["Куратор\tИнформирование родителей\tДо 01.10.2026", "Наставник\tВстреча-знакомство\tноябрь"].join(
        "\n",
      ),
    );
    expect(pasted.events.map((e) => [e.responsible, e.wording, e.deadline])).toEqual([
      ["Куратор", "Информирование родителей", "До 01.10.2026"],
      ["Наставник", "Встреча-знакомство", "ноябрь"],
    ]);
  });

  test("a cell broken by a page break (PDF) is joined", () => {
    const pasted = parsePastedRoadmap(
      [
        "№\tМероприятие\tСрок\tОтветственный",
        "1\tПроведение встречи наставников\tДо\tКуратор",
        "",
        "\tи наставляемых\t01.10.2026\t",
        "2\tАнкетирование\tНоябрь\tКуратор",
      ].join("\n"),
    );
    expect(pasted.warnings).toEqual([]);
    expect(pasted.events.map((e) => [e.wording, e.deadline])).toEqual([
      ["Проведение встречи наставников и наставляемых", "До 01.10.2026"],
      ["Анкетирование", "Ноябрь"],
    ]);
  });

  test("a cell broken Word-style (a short line goes on with the next) is joined", () => {
    const pasted = parsePastedRoadmap(
      [
        "№\tМероприятие\tСрок\tОтветственный",
        "1\tПроведение встречи",
        "с родителями\t01.09.2026\tКуратор",
        "2\tАнкетирование\tНоябрь\tКуратор",
      ].join("\n"),
    );
    expect(pasted.warnings).toEqual([]);
    expect(pasted.events.map((e) => [e.number, e.wording, e.deadline, e.responsible])).toEqual([
      ["1", "Проведение встречи с родителями", "01.09.2026", "Куратор"],
      ["2", "Анкетирование", "Ноябрь", "Куратор"],
    ]);
  });

  test("a quoted multi-line cell (copied from Google Sheets) is one cell", () => {
    const pasted = parsePastedRoadmap(
      'Мероприятие\tСроки\tОтветственные\n"Проведение встречи\nс родителями ""Наставник +"""\tДо 01.09.2026\tКуратор\n',
    );
    expect(pasted.events.map((e) => [e.wording, e.deadline, e.line])).toEqual([
      ['Проведение встречи с родителями "Наставник +"', "До 01.09.2026", 2],
    ]);
  });

  test("a numbering row and a repeated header are skipped; HTML is removed", () => {
    const pasted = parsePastedRoadmap(
      [
        "<b>№</b>\t<b>Мероприятие</b>\t<b>Срок</b>",
        "1\t2\t3",
        "1.\t<p>Встреча&nbsp;с&nbsp;родителями</p>\t<p>До 01.10.2026</p>",
        "<b>№</b>\t<b>Мероприятие</b>\t<b>Срок</b>",
        "2.\t<ul><li>- анкетирование;</li><li>- собеседование</li></ul>\tНоябрь",
      ].join("\n"),
    );
    expect(pasted.warnings).toEqual([]);
    expect(pasted.events.map((e) => [e.number, e.wording, e.deadline])).toEqual([
      ["1.", "Встреча с родителями", "До 01.10.2026"],
      ["2.", "- анкетирование; - собеседование", "Ноябрь"],
    ]);
  });

  test("stage rows set the stage of the events below", () => {
    const pasted = parsePastedRoadmap(
      [
        "№\tМероприятие\tСрок\tОтветственный",
        "1.\tПодготовка\t\t",
        "1.1\tПриказ о внедрении\tСентябрь\tДиректор",
        "2.\tРеализация\t\t",
        "2.1\tВстречи пар\tПо программе наставничества\tНаставник",
        "Этап 3. Подведение итогов\t\t\t",
        "\tИтоговая конференция\tМай\tКуратор",
      ].join("\n"),
    );
    expect(pasted.events.map((e) => [e.stage, e.number, e.wording])).toEqual([
      ["1. Подготовка", "1.1", "Приказ о внедрении"],
      ["2. Реализация", "2.1", "Встречи пар"],
      ["Этап 3. Подведение итогов", "", "Итоговая конференция"],
    ]);
    expect(pasted.warnings).toEqual(["Строка 6: в столбце «№» текст — перенесён в мероприятие."]);
  });

  test("without sub-numbered items, a numbered row without a deadline is an event", () => {
    const pasted = parsePastedRoadmap(
      ["№\tМероприятие\tСрок", "1\tИтоговая встреча\t", "2\tОтчёт\tМай"].join("\n"),
    );
    expect(pasted.events.map((e) => [e.stage, e.wording])).toEqual([
      ["", "Итоговая встреча"],
      ["", "Отчёт"],
    ]);
  });

  test("nothing is dropped: stray lines, extra cells and unknown columns are kept with warnings", () => {
    const pasted = parsePastedRoadmap(
      [
        "№\tМероприятие\tСрок\tПримечание\tФорма проведения",
        "1\tСобрание\tСентябрь\tв актовом зале\tочно\tлишнее",
        "Итоги подводит директор",
      ].join("\n"),
    );
    expect(pasted.events.map((e) => [e.wording, e.deadline, e.note])).toEqual([
      ["Собрание", "Сентябрь", "в актовом зале; Форма проведения: очно; лишнее"],
      ["Итоги подводит директор", "", ""],
    ]);
    expect(pasted.warnings).toEqual([
      "Столбец «Форма проведения» не распознан: его содержимое сохранено в примечании.",
      "Строка 2: ячеек больше, чем столбцов; лишние сохранены в примечании: «лишнее».",
      "Строка 3: в столбце «№» текст — перенесён в мероприятие.",
    ]);
  });

  test("the «Задачи» column is carried down to the events below it", () => {
    const pasted = parsePastedRoadmap(
      [
        "Задачи\tМероприятия\tСроки проведения\tОтветственные",
        "Создать базу\tАнкетирование\tОктябрь\tКуратор",
        "\tСобеседование\tНоябрь\tКуратор",
        "Обучить наставников\tСеминар\tДекабрь\tКуратор",
      ].join("\n"),
    );
    expect(pasted.events.map((e) => [e.task, e.wording])).toEqual([
      ["Создать базу", "Анкетирование"],
      ["Создать базу", "Собеседование"],
      ["Обучить наставников", "Семинар"],
    ]);
  });

  test("a second table with another header is read by its own header", () => {
    const pasted = parsePastedRoadmap(
      [
        "Мероприятие\tСрок",
        "Анкетирование\tОктябрь",
        "",
        "Ответственный\tМероприятие",
        "Куратор\tМониторинг",
      ].join("\n"),
    );
    expect(pasted.events.map((e) => [e.wording, e.deadline, e.responsible])).toEqual([
      ["Анкетирование", "Октябрь", ""],
      ["Мониторинг", "", "Куратор"],
    ]);
    expect(pasted.warnings).toEqual([
      "Строка 4: начинается другая таблица; её столбцы определены по её заголовку.",
    ]);
  });

  test("a grid from a sheet may hold numbers and dates", () => {
    const pasted = parseRoadmapGrid([
      ["№", "Мероприятие", "Срок", "Ответственный"],
      [1, "Приказ о внедрении", new Date(Date.UTC(2026, 8, 15)), "Директор"],
      [2, "Анкетирование", "октябрь", ""],
    ]);
    expect(pasted.warnings).toEqual([]);
    expect(pasted.events.map((e) => [e.number, e.wording, e.deadline, e.line])).toEqual([
      ["1", "Приказ о внедрении", "15.09.2026", 2],
      ["2", "Анкетирование", "октябрь", 3],
    ]);
  });

  test("an empty paste gives nothing", () => {
    expect(parsePastedRoadmap("")).toEqual({
      events: [],
      warnings: [expect.stringMatching(/заголовка таблицы не найдена/)],
      preamble: [],
    });
  });
});

describe("helpers", () => {
  test.each([
    ["№ п/п", "number"],
    ["Наименование мероприятий", "wording"],
    ["Перечень запланированных мероприятий", "wording"],
    ["Содержание деятельности и примерный план мероприятий18", "wording"],
    ["Направления деятельности", "wording"],
    ["Срок реализации", "deadline"],
    ["Сроки проведения", "deadline"],
    ["Сроки исполнения", "deadline"],
    ["Ответственный исполнитель", "responsible"],
    ["Ответственные", "responsible"],
    ["Результат. Вид документа", "result"],
    ["Наименование этапа", "stage"],
    ["Этапы реализации", "stage"],
    ["Задачи", "task"],
    ["Наименование показателя", null],
  ])("header «%s» → %s", (header, kind) => {
    expect(classifyHeader(header)).toBe(kind);
  });

  test("cleanCell removes HTML, entities, markdown bold and extra spaces", () => {
    expect(cleanCell("<p><b>Подготовка</b>&nbsp;и&#160;принятие</p><p>актов</p>")).toBe(
      "Подготовка и принятие актов",
    );
    expect(cleanCell("**Итоги**")).toBe("Итоги");
    expect(cleanCell("<b>Содержание<sup>18</sup></b>")).toBe("Содержание");
  });

  test.each([
    ["Куратор Программы", ["куратор"]],
    ["Директор", ["директор"]],
    ["Заместитель директора по УВР", ["заместитель директора"]],
    ["Директор, заместитель директора по ВР", ["директор", "заместитель директора"]],
    ["Наставники", ["наставник"]],
    ["Наставляемые", ["наставляемый"]],
    ["Педагог-психолог", ["педагог-психолог"]],
    ["Секретарь", ["секретарь"]],
    ["Участники программы.", ["участники программы"]],
    ["Баева С.Н. Сапельцева О.И.", []],
  ])("roles of «%s»", (text, roles) => {
    expect(normalizeRoles(text)).toEqual(roles);
  });
});
