import { utcDate } from "../../../src/core/dates";
import { monitoringFigures, participantFigures, roadmapFigures } from "../../../src/core/documents/figures";
import { isVersionOf } from "../../../src/core/documents/files";
import { plainText } from "../../../src/core/documents/model";
import { surnameInitialsIn } from "../../../src/core/documents/names";
import { meetingPlan } from "../../../src/core/documents/program";
import { specimen } from "../../../src/core/documents/specimen";
import {
  decimal,
  initialsSurname,
  isoDate,
  longDate,
  NBSP,
  numberRef,
  percent,
  points,
  quoted,
  quotedDate,
  shortDate,
  surnameInitials,
} from "../../../src/core/documents/typography";
import type { Cell, MailerPort, MailMessage } from "../../../src/core/ports";
import { noProgress } from "../../../src/core/ports";
import { planSummary } from "../../../src/core/summary/plan";
import {
  buildDocuments,
  DOCUMENT_KINDS,
  type DocumentSet,
  generateAndSend,
  generateDocuments,
  openDocumentSource,
} from "../../../src/core/usecases/documents";
import { initWorkbook } from "../../../src/core/usecases/init";
import type { SettingKey } from "../../../src/core/workbook/keys.generated";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { GasDocumentStore, renderToBody } from "../../../src/gas/documents";
import { createDocumentFake, type DocumentView, FakeParagraph } from "../../gas-fake/document";
import { ROOT_ID } from "../../gas-fake/drive";
import { playDemoYear } from "../../support/demo-year";
import { MemoryWorkbook } from "../../support/memory-workbook";

const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0)); // 20.05.2027, school year 2026/2027
const TODAY = utcDate(2027, 5, 20);
const clock = { now: () => NOW };
const nb = (s: string) => s.replace(/\u00a0/g, " ");

/** init + the sample school (36 mentors, 100 mentees); playDemoYear adds its year of activity. */
function sampleBook(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  seedSampleSchool(wb, sampleSchool(NOW), noProgress);
  return wb;
}

/** A few approved pairs added by hand, one per form, and nothing else. */
function addPairs(wb: MemoryWorkbook, n = 3): void {
  const mentors = Table.load(wb, "mentors").records();
  const mentees = Table.load(wb, "mentees").records();
  const pairs = Table.load(wb, "pairs");
  const forms = ["учитель – учитель", "ученик – ученик", "работодатель – ученик"];
  for (let i = 0; i < n; i++) {
    const form = forms[i % forms.length];
    const mentee = mentees.filter((m) => m.values.form === form)[Math.floor(i / forms.length)];
    const mentor = mentors.find((m) => String(m.values.forms).includes(form))!;
    pairs.add({
      pair_id: `П-${String(i + 1).padStart(4, "0")}`,
      mentor_id: mentor.values.id,
      mentor_name: mentor.values.full_name,
      mentee_id: mentee.values.id,
      mentee_name: mentee.values.full_name,
      form,
      role_model: mentee.values.role_model,
      status: "утверждена",
      approved_at: utcDate(2026, 9, 25),
      start_date: utcDate(2026, 9, 28),
    });
  }
  pairs.flush(wb);
}

function setSetting(wb: MemoryWorkbook, key: SettingKey, value: Cell): void {
  const t = Table.load(wb, "settings");
  t.set(t.find("key", key), "value", value);
  t.flush(wb);
}

/** A mailer that records messages, with a daily quota. */
class RecordingMailer implements MailerPort {
  readonly sent: MailMessage[] = [];
  constructor(public quota: number) {}
  remainingQuota(): number {
    return this.quota;
  }
  send(m: MailMessage): void {
    if (this.quota < m.to.length) throw new Error("quota");
    this.quota -= m.to.length;
    this.sent.push(m);
  }
}

function journal(wb: MemoryWorkbook) {
  return Table.load(wb, "log")
    .records()
    .map((r) => r.values);
}

describe("Russian typography", () => {
  it("writes dates with genitive months, «г.» and non-breaking spaces", () => {
    expect(longDate(utcDate(2024, 8, 30))).toBe(`30${NBSP}августа 2024${NBSP}г.`);
    expect(nb(longDate(utcDate(2027, 1, 1)))).toBe("1 января 2027 г.");
    expect(nb(quotedDate(utcDate(2024, 8, 30)))).toBe("«30» августа 2024 г.");
    expect(shortDate(utcDate(2026, 9, 1))).toBe("01.09.2026");
    expect(isoDate(utcDate(2026, 11, 22))).toBe("2026-11-22");
  });

  it("writes №, guillemets, initials, decimals and the word «балл»", () => {
    expect(numberRef(15)).toBe(`№${NBSP}15`);
    expect(nb(numberRef(null))).toBe("№ _______");
    expect(quoted('МБОУ "СОШ № 1"')).toBe("«МБОУ „СОШ № 1“»");
    expect(quoted("«уже»")).toBe("«уже»");
    expect(nb(surnameInitials("Баева Светлана Николаевна"))).toBe("Баева С.Н.");
    expect(nb(surnameInitials("Баева С.Н."))).toBe("Баева С.Н.");
    expect(nb(initialsSurname("Баева Светлана Николаевна"))).toBe("С.Н. Баева");
    expect(decimal(35.25)).toBe("35,3");
    expect(nb(percent(50))).toBe("50 %");
    expect([points(1), points(3), points(12), points(12.3), points(21)]).toEqual([
      "балл",
      "балла",
      "баллов",
      "балла",
      "балл",
    ]);
  });

  it("knows the versions of a document by its stem, whatever the date", () => {
    expect(isVersionOf("2026-11-22 Приказ о закреплении пар.docx", "Приказ о закреплении пар")).toBe(true);
    expect(isVersionOf("2027-05-20 Приказ о закреплении пар", "Приказ о закреплении пар")).toBe(true);
    expect(isVersionOf("Программа П-0003 Иванова – Петров", "Программа П-0003", true)).toBe(true);
    expect(isVersionOf("Программа П-0003 Иванова – Петров.docx", "Программа П-0003", true)).toBe(true);
    expect(isVersionOf("Программа П-00031 Иванова – Петров", "Программа П-0003", true)).toBe(false);
    expect(isVersionOf("Приказ о закреплении пар (копия)", "Приказ о закреплении пар")).toBe(false);
  });
});

describe("the meeting plan of a pair", () => {
  const plan = meetingPlan(utcDate(2026, 9, 28), utcDate(2027, 5, 31), 4, ["задача А", "задача Б"]);

  it("opens with the three first meetings a week apart and ends with the final one", () => {
    expect(plan.slice(0, 3).map((m) => [m.type, shortDate(m.date)])).toEqual([
      ["встреча-знакомство", "28.09.2026"],
      ["пробная рабочая встреча", "05.10.2026"],
      ["встреча-планирование", "12.10.2026"],
    ]);
    const last = plan[plan.length - 1];
    expect([last.type, shortDate(last.date)]).toEqual(["итоговая встреча", "31.05.2027"]);
  });

  it("has weekly regular meetings on working days, none in the winter holidays, topics in turn", () => {
    const regular = plan.filter((m) => m.type === "регулярная встреча");
    expect(regular.length).toBeGreaterThan(28);
    for (const m of regular) expect([0, 6]).not.toContain(m.date.getUTCDay());
    expect(regular.some((m) => shortDate(m.date) === "04.01.2027")).toBe(false);
    expect(regular[0].content).toMatch(/^Задача А/);
    expect(regular[1].content).toMatch(/^Задача Б/);
    const gaps = regular.slice(1).map((m, i) => (m.date.getTime() - regular[i].date.getTime()) / 86400000);
    expect(gaps.filter((g) => g !== 7)).toEqual([14]); // the week of the winter holidays
  });

  it("follows the cadence of «Норма встреч пары в месяц»", () => {
    const twice = meetingPlan(utcDate(2026, 9, 28), utcDate(2027, 5, 31), 2, []);
    const regular = twice.filter((m) => m.type === "регулярная встреча");
    expect((regular[1].date.getTime() - regular[0].date.getTime()) / 86400000).toBeGreaterThanOrEqual(14);
  });
});

describe("documents built from the demo school", () => {
  let wb: MemoryWorkbook;
  let set: DocumentSet;
  const reads: string[] = [];

  beforeAll(() => {
    wb = sampleBook();
    playDemoYear(wb, TODAY);
    const original = wb.read.bind(wb);
    wb.read = (name: string) => {
      reads.push(name);
      return original(name);
    };
    set = buildDocuments(openDocumentSource(wb, clock), DOCUMENT_KINDS);
  });

  it("reads each sheet at most once for all documents together", () => {
    expect(reads.length).toBe(new Set(reads).size);
    expect(reads).toEqual(expect.arrayContaining(["Настройки", "Пары", "Наставники", "Наставляемые"]));
  });

  it("names documents so they sort, in the school year's folder", () => {
    expect(set.folder).toBe("Наставничество 2026-2027");
    const names = set.documents.map((d) => d.name);
    expect(names[0]).toBe("2027-05-20 Приказ о закреплении пар");
    expect(names).toContain("2027-05-20 Аналитическая справка по итогам мониторинга");
    expect(names).toContain("2027-05-20 Отчёт о реализации программы наставничества");
    const programs = set.documents.filter((d) => d.kind === "program");
    expect(programs).toHaveLength(12);
    for (const p of programs) expect(p.name).toMatch(/^Программа П-\d{4} \S+ – \S+$/);
    expect(programs.map((p) => p.name)).toEqual([...programs.map((p) => p.name)].sort());
  });

  it("the order lists every approved pair with the director's signature", () => {
    const text = nb(plainText(set.documents[0].model));
    expect(text).toContain("ПРИКАЗ");
    expect(text).toContain("О закреплении наставнических пар (групп)");
    expect(text).toContain("№ Р-145");
    expect(text).toContain("Положением о наставничестве в МБОУ «СОШ № 1»");
    expect(text).toContain("ПРИКАЗЫВАЮ:");
    expect(text).toContain("20 мая 2027 г. № _______");
    expect(text).toContain("Директор МБОУ «СОШ № 1» ____________ С.Н. Баева");
    expect(text).toContain("С приказом ознакомлены:");
    const approved = Table.load(wb, "pairs")
      .records()
      .filter((r) => r.values.status === "утверждена");
    for (const p of approved) expect(text).toContain(String(p.values.mentee_name));
  });

  it("a group's program and the order name the group once, in the genitive («группа Ивановой А.А.», not «группа Группа: …»)", () => {
    const grouped = Table.load(wb, "pairs")
      .records()
      .filter((r) => r.values.status === "утверждена" && String(r.values.group) !== "");
    expect(grouped.length).toBeGreaterThan(0);
    const label = String(grouped[0].values.group);
    expect(label).toMatch(/^Группа: /);
    const mentor = label.replace("Группа: ", "");
    const program = set.documents.find(
      (d) => d.kind === "program" && d.name.includes(String(grouped[0].values.pair_id)),
    )!;
    const text = nb(plainText(program.model));
    expect(text).toContain(nb(`группа ${surnameInitialsIn(mentor, "genitive")}`));
    expect(surnameInitialsIn(mentor, "genitive")).not.toBe(surnameInitialsIn(mentor, "nominative"));
    expect(text).not.toMatch(/группа Группа/i);
    expect(nb(plainText(set.documents[0].model))).not.toMatch(/группа Группа/i);
  });
});

/** Renders a model into a new fake Google Doc and returns its view. */
function renderFake(model: Parameters<typeof renderToBody>[1]): DocumentView {
  const fake = createDocumentFake();
  const doc = fake.DocumentApp.create(model.title);
  renderToBody(doc.getBody(), model, fake.DocumentApp);
  return fake.docs.byId(doc.getId());
}

describe("each document rendered with DocumentApp (fake) reads back", () => {
  let wb: MemoryWorkbook;
  let set: DocumentSet;
  const doc = (kind: string) => set.documents.find((d) => d.kind === kind)!;

  beforeAll(() => {
    wb = sampleBook();
    playDemoYear(wb, TODAY);
    set = buildDocuments(openDocumentSource(wb, clock), DOCUMENT_KINDS);
  });

  it("the order: A4 page, headings, bold ПРИКАЗЫВАЮ, numbered items, the table of pairs", () => {
    const v = renderFake(doc("order").model);
    expect(v.body.getPageWidth()).toBeCloseTo(595.28, 1);
    expect(v.body.getPageHeight()).toBeCloseTo(841.89, 1);
    expect(v.body.getMarginLeft()).toBeCloseTo(85.04, 1);
    expect(v.headings()).toEqual([
      { level: 1, text: "ПРИКАЗ" },
      { level: 2, text: "Список наставнических пар (групп)" },
      { level: 2, text: "Лист ознакомления" },
    ]);
    expect(v.boldTexts()).toEqual(
      expect.arrayContaining(["ПРИКАЗЫВАЮ:", "О закреплении наставнических пар (групп)"]),
    );
    const items = v.listItems();
    expect(items.length).toBe(5);
    expect(new Set(items.map((i) => i.listId)).size).toBe(1);
    expect(items.every((i) => i.glyphType === "NUMBER")).toBe(true);
    // The split line, the signature, then the appendix's table of pairs.
    const [, , pairsTable] = v.tables();
    expect(pairsTable[0]).toEqual([
      "№",
      "Наставник",
      "Наставляемый",
      "Форма наставничества",
      "Ролевая модель",
      "Срок",
    ]);
    expect(pairsTable).toHaveLength(13);
    expect(pairsTable[1][0]).toBe("1");
    expect(nb(v.text())).toContain("Директор МБОУ «СОШ № 1» | ____________ | С.Н. Баева");
    // The empty paragraph a new document starts with is gone.
    expect((v.body.children[0] as FakeParagraph).text).toBe("Проект");
  });

  it("a program: participants, requests, goals and the dated meeting plan", () => {
    const program = set.documents.find((d) => d.kind === "program")!;
    const v = renderFake(program.model);
    expect(v.headings().map((h) => h.text)).toEqual([
      "Персонализированная программа наставничества",
      "1. Участники программы",
      expect.stringMatching(/^2\. Запросы наставляем(ого|ой)$/),
      "3. Цель и задачи",
      "4. План встреч",
      "5. Ожидаемые результаты",
      "6. Формы контроля",
    ]);
    const plan = v.tables().find((t) => t[0][0] === "№" && t[0][2] === "Встреча")!;
    const types = plan.slice(1).map((r) => r[2]);
    expect(types.slice(0, 3)).toEqual([
      "встреча-знакомство",
      "пробная рабочая встреча",
      "встреча-планирование",
    ]);
    expect(types[types.length - 1]).toBe("итоговая встреча");
    // The plan starts on the pair's start date in «Пары» (the approval on 1 October).
    const start = Table.load(wb, "pairs")
      .records()
      .find((r) => r.values.pair_id === "П-0001")!.values.start_date as Date;
    expect(plan[1][1]).toBe(shortDate(start));
    expect(plan[1][1]).toBe("01.10.2026");
    expect(plan[1][4]).toMatch(/^проведена \d\d\.\d\d\.\d{4}$/);
    const text = v.text();
    expect(text).toContain("Форма наставничества:");
    expect(text).toContain("Цель:");
  });

  it("the analytical note: rubric total and level, growth, satisfaction, indicators, strengths", () => {
    const src = openDocumentSource(wb, clock);
    const m = monitoringFigures(src);
    const v = renderFake(doc("analysis").model);
    const text = nb(v.text());
    expect(v.headings()[0]).toEqual({ level: 1, text: "Аналитическая справка" });
    expect(text).toContain(`Итого баллов | ${decimal(m.total!, 1)}`);
    expect(text).toContain(`${m.level} уровень`);
    // Criteria of the rubric become bold captions between table segments in Google Docs.
    expect(v.boldTexts()).toContain("Изменения в личности наставляемого");
    expect(text).toContain("Мотивация к учёбе, работе, саморазвитию | наставляемые |");
    expect(text).toMatch(/удовлетворены участием \(оценка не ниже 7 из 10\) — \d/);
    const indicators = v.tables().find((t) => t[0][1] === "Показатель" && t[0][2] === "Цель")!;
    expect(indicators).toHaveLength(7);
    expect(text).toContain("5. Сильные стороны программы");
    expect(text).toContain("6. Слабые стороны и риски");
    expect(text).not.toContain("Данные мониторинга ещё не собраны");
  });

  it("the report for the department: counts by form, roadmap by stage, signature", () => {
    const src = openDocumentSource(wb, clock);
    const p = participantFigures(src);
    const r = roadmapFigures(src);
    const v = renderFake(doc("report").model);
    const text = nb(v.text());
    expect(text).toContain("Начальнику Управления образования города Каменска-Уральского");
    expect(v.headings()[0].text).toBe("Отчёт о реализации программы наставничества");
    expect(text).toContain(`Всего | ${p.units.pairs} / ${p.units.groups} | ${p.mentors} | ${p.mentees}`);
    // Counted again from the sheets: the approved pairs of «Пары», the events of «Дорожная карта».
    const approved = Table.load(wb, "pairs")
      .records()
      .filter((x) => x.values.status === "утверждена");
    expect(p.pairs).toBe(approved.length);
    expect(p.pairs).toBe(12);
    const teachers = approved.filter((x) => x.values.form === "учитель – учитель").length;
    expect(text).toContain(`«учитель – учитель» | ${teachers} / 0 |`);
    expect(teachers).toBe(5);
    expect(text).toContain(`Всего | ${r.total.total} | ${r.total.done} |`);
    expect(r.total.total).toBe(Table.load(wb, "roadmap").records().length);
    expect(r.total.total).toBe(31);
    expect(text).toContain("Директор МБОУ «СОШ № 1» | ____________ | С.Н. Баева");
  });

  it("the indicators of the note and the report are those of «Сводка» (planSummary)", () => {
    const f = planSummary(wb, TODAY).figures;
    const value = (x: number | null, unit: string) =>
      x === null ? "нет данных" : unit === "%" ? percent(x) : decimal(x, 1);
    const done: Record<string, string> = { достигнуто: "достигнут", "не достигнуто": "не достигнут" };
    const expected = [
      ["№", "Показатель", "Цель", "Факт", "Выполнение"],
      ...f.indicators.map((i) => [
        i.code,
        expect.any(String),
        i.target === null ? "–" : `${value(i.target, i.unit)} (${f.year})`,
        value(i.actual, i.unit),
        done[i.status] ?? "–",
      ]),
    ];
    const indicatorsOf = (kind: string) =>
      renderFake(doc(kind).model)
        .tables()
        .find((t) => t[0][1] === "Показатель" && t[0][2] === "Цель")!;
    expect(indicatorsOf("analysis")).toEqual(expected);
    expect(indicatorsOf("report")).toEqual(expected);
    // Not vacuous: the demo year gives every indicator a value and a target.
    expect(f.indicators.map((i) => i.code)).toEqual(["1", "2", "3", "4", "5", "6"]);
    for (const i of f.indicators) {
      expect(i.actual).toEqual(expect.any(Number));
      expect(i.target).toEqual(expect.any(Number));
    }
    expect(f.indicators.find((i) => i.code === "5")!.whole).toBeGreaterThan(0);
  });
});

describe("every block of the model through DocumentApp (fake)", () => {
  const v = renderFake(specimen());

  it("lays out a landscape A4 page", () => {
    expect(v.body.getPageWidth()).toBeCloseTo(841.89, 1);
    expect(v.body.getPageHeight()).toBeCloseTo(595.28, 1);
  });

  it("keeps runs, restarts numbered lists, splits tables at title rows", () => {
    const p = v.body.children.find(
      (c) => c instanceof FakeParagraph && c.text.startsWith("Обычный"),
    ) as FakeParagraph;
    expect(p.boldRuns()).toEqual(["жирный"]);
    expect(p.editAsText().isItalic(p.text.indexOf("курсив"))).toBe(true);
    expect(p.editAsText().isUnderline(p.text.indexOf("подчёркнутый"))).toBe(true);
    const items = v.listItems();
    expect(items.map((i) => i.glyphType)).toEqual(["NUMBER", "NUMBER", "NUMBER", "BULLET"]);
    expect(items[0].listId).toBe(items[1].listId);
    expect(items[2].listId).not.toBe(items[0].listId);
    expect(v.text()).toContain("1. первый\n2. второй\nмежду списками\n1. снова первый\n• пункт");
    const [header, group1, group2, split, sign] = v.tables();
    expect(header).toEqual([["№", "Текст", "Число"]]);
    expect(v.boldTexts()).toEqual(expect.arrayContaining(["Группа 1", "Группа 2"]));
    expect(group1).toEqual([["1", "а", "10"]]);
    expect(group2).toEqual([["2", "б", "20"]]);
    expect(v.text()).toContain("№ | Текст | Число\nГруппа 1\n1 | а | 10\nГруппа 2\n2 | б | 20");
    expect(split).toEqual([["слева", "справа"]]);
    expect(sign).toEqual([["Директор", "____________", "Баева С.Н."]]);
    expect(v.text()).toContain("\f");
  });
});

describe("«Мониторинг» as the monitoring feature leaves it", () => {
  it("takes the program's own scores, pair means where it has none, and no level while incomplete", () => {
    const wb = sampleBook();
    addPairs(wb, 2);
    const monitoring = Table.load(wb, "monitoring");
    monitoring.add({ scope: "Программа в целом", period: "2026/2027", i6_satisfaction: 1, i7_partners: 2 });
    monitoring.add({ scope: "Программа в целом", period: "2025/2026", i1_goals: 0 }); // another year
    monitoring.flush(wb);
    let m = monitoringFigures(openDocumentSource(wb, clock));
    expect(m.total).toBe(3);
    expect(m.level).toBeNull();
    expect(m.missing).toEqual([1, 2, 3, 4, 5, 8, 9]);
    let text = nb(plainText(buildDocuments(openDocumentSource(wb, clock), ["analysis"]).documents[0].model));
    expect(text).toContain(
      "Сумма известных баллов — 3 из 18 (оценено показателей: 2 из 9); уровень не определён",
    );
    const report = nb(
      plainText(buildDocuments(openDocumentSource(wb, clock), ["report"]).documents[0].model),
    );
    expect(report).toContain(
      "Оценка по показателям эффективности не завершена: известно 3 балла по 2 из 9 показателей",
    );

    // The curator scores the pairs: their means fill the gaps, marked with «*».
    const t = Table.load(wb, "monitoring");
    for (const scope of ["П-0001", "П-0002"]) {
      const scores: Record<string, Cell> = { scope, period: "май 2027" };
      for (const k of ["i1_goals", "i2_principles", "i3_approaches", "i4_climate", "i5_mentor_logic"])
        scores[k] = 2;
      for (const k of ["i6_satisfaction", "i7_partners", "i8_activity", "i9_application"]) scores[k] = 1;
      t.add(scores);
    }
    t.flush(wb);
    m = monitoringFigures(openDocumentSource(wb, clock));
    expect(m.indicators.map((i) => i.from)).toEqual([
      "pairs",
      "pairs",
      "pairs",
      "pairs",
      "pairs",
      "program",
      "program",
      "pairs",
      "pairs",
    ]);
    expect(m.total).toBe(15);
    expect(m.level).toBe("оптимальный");
    expect(m.levels).toEqual({ оптимальный: 0, допустимый: 2, недопустимый: 0 });
    text = nb(plainText(buildDocuments(openDocumentSource(wb, clock), ["analysis"]).documents[0].model));
    expect(text).toContain(
      "1 | Соответствие наставнической деятельности цели и задачам, по которым она осуществляется | 2*",
    );
    expect(text).toContain("* средний балл по оценкам пар: у программы в целом оценки нет.");
    expect(text).toContain("Итоговая оценка — 15 баллов из 18: оптимальный уровень (15–18 баллов).");
  });

  it("without a row of the program as a whole, scores the pairs' means and counts the pairs", () => {
    const wb = sampleBook();
    addPairs(wb, 2);
    const t = Table.load(wb, "monitoring");
    for (const [scope, score] of [
      ["П-0001", 2],
      ["П-0002", 1],
    ] as const) {
      const row: Record<string, Cell> = { scope, period: "2026/2027" };
      for (const i of monitoringFigures(openDocumentSource(wb, clock)).indicators) row[i.key] = score;
      t.add(row);
    }
    t.flush(wb);
    const text = nb(
      plainText(buildDocuments(openDocumentSource(wb, clock), ["analysis"]).documents[0].model),
    );
    expect(text).toContain("№ | Показатель | Средний балл пар (0–2)");
    expect(text).toContain(
      "Итоговая оценка — 13,5 балла из 18: допустимый уровень (9–14 баллов). Оценено пар: 2.",
    );
    expect(text).toContain(
      "Распределение пар «наставник — наставляемый» по уровням (в группе каждый наставляемый оценивается отдельно): оптимальный — 1, допустимый — 1, недопустимый — 0.",
    );
  });
});

describe("documents with data still missing", () => {
  it("refuse in Russian when their data do not exist yet, and say what is missing in a document that exists", () => {
    const wb = sampleBook();
    const none = buildDocuments(openDocumentSource(wb, clock), ["order", "program", "analysis", "report"]);
    // No approved pairs: no order of «0 пар», no programs, no report; no monitoring: no note.
    expect(none.documents).toEqual([]);
    expect(none.refused!.map((r) => r.kind)).toEqual(["order", "program", "analysis", "report"]);
    expect(none.refused![0].message).toMatch(
      /^Приказ о закреплении пар не сформирован: утверждённых пар ещё нет/,
    );
    expect(none.refused![2].message).toMatch(
      /^Аналитическая справка не сформирована: данных мониторинга ещё нет/,
    );

    addPairs(wb, 3);
    const set = buildDocuments(openDocumentSource(wb, clock), ["order", "program", "analysis", "report"]);
    expect(set.documents.filter((d) => d.kind === "program")).toHaveLength(3);
    expect(set.refused!.map((r) => r.kind)).toEqual(["analysis"]);
    const report = plainText(set.documents.find((d) => d.kind === "report")!.model);
    expect(report).toContain("Дорожная карта не заполнена");
    expect(report).toContain("Данные мониторинга ещё не собраны.");
    const order = renderFake(set.documents[0].model);
    expect(order.tables()[2]).toHaveLength(4);
  });
});

describe("Google Docs kept by ID in «Мой диск», DocumentApp only (fake DocumentApp; no Drive scope)", () => {
  function setup() {
    const wb = sampleBook();
    addPairs(wb, 2);
    const fake = createDocumentFake();
    const props = new Map<string, string>();
    const properties = {
      getProperty: (k: string) => props.get(k) ?? null,
      setProperty: (k: string, v: string) => {
        props.set(k, v);
        return properties;
      },
    } as unknown as GoogleAppsScript.Properties.Properties;
    const store = () => new GasDocumentStore({ DocumentApp: fake.DocumentApp, properties });
    return { wb, fake, store, props };
  }

  it("makes the documents in «Мой диск» and replaces each one, by its remembered ID, on regeneration", () => {
    const { wb, fake, store, props } = setup();
    const first = generateDocuments({ workbook: wb, clock, store: store() }, ["order", "program"]);
    expect(first.folder).toBe("Мой диск");
    const names = fake.drive
      .filesIn(ROOT_ID)
      .map((f) => f.name)
      .sort();
    expect(names).toEqual([
      "2027-05-20 Приказ о закреплении пар",
      expect.stringMatching(/^Программа П-0001 /),
      expect.stringMatching(/^Программа П-0002 /),
    ]);
    expect(first.stored.every((d) => !d.replaced)).toBe(true);
    // Keyed by the school year and the document: a new school year makes documents of its own.
    expect([...props.keys()].sort()).toEqual([
      "documents.doc:Наставничество 2026-2027|order",
      "documents.doc:Наставничество 2026-2027|program:П-0001",
      "documents.doc:Наставничество 2026-2027|program:П-0002",
    ]);

    // A later date: the same documents, renamed, same IDs.
    const later = { now: () => new Date(Date.UTC(2027, 4, 25, 9)) };
    const second = generateDocuments({ workbook: wb, clock: later, store: store() }, ["order", "program"]);
    expect(fake.drive.filesIn(ROOT_ID)).toHaveLength(3);
    const order = second.stored.find((d) => d.kind === "order")!;
    expect(order.replaced).toBe(true);
    expect(order.name).toBe("2027-05-25 Приказ о закреплении пар");
    expect(order.id).toBe(first.stored[0].id);
    expect(fake.docs.byId(order.id).name).toBe("2027-05-25 Приказ о закреплении пар");
    expect(second.stored.find((d) => d.key === "program:П-0001")!.id).toBe(
      first.stored.find((d) => d.key === "program:П-0001")!.id,
    );
    // The regenerated document holds the new content only once.
    const text = fake.docs.byId(order.id).text();
    expect(text.match(/ПРИКАЗЫВАЮ:/g)).toHaveLength(1);
    expect(nb(text)).toContain("25 мая 2027 г.");
    // Journal: one line per stored document.
    const lines = journal(wb).filter((l) => l.operation === "Документы");
    expect(lines).toHaveLength(6);
    expect(lines[lines.length - 1].message).toMatch(/^Обновлён документ «Программа П-0002/);
    // Not one Drive call: the manifest asks for no Drive scope.
    expect(fake.env.calls.total("DriveApp")).toBe(0);
  });

  it("finds a document the curator moved and renamed by its ID; a deleted one is made again; PDFs by Document.getAs", () => {
    const { wb, fake, store } = setup();
    const r = generateDocuments({ workbook: wb, clock, store: store() }, ["report"]);
    const id = r.stored[0].id;
    // The curator files it in a folder of their own and renames it (in Drive, by hand).
    fake.env.calls.untracked(() => {
      const folder = fake.DriveApp.createFolder("Документы наставничества");
      fake.DriveApp.getFileById(id).moveTo(folder);
      fake.DriveApp.getFileById(id).setName("Отчёт (мой)");
    });
    const again = generateDocuments({ workbook: wb, clock, store: store() }, ["report"]);
    expect(again.stored[0].id).toBe(id);
    expect(again.stored[0].replaced).toBe(true);
    expect(fake.docs.all()).toHaveLength(1);
    const pdf = store().attachment(again.stored[0]);
    expect(pdf.mimeType).toBe("application/pdf");
    expect(pdf.name).toBe("2027-05-20 Отчёт о реализации программы наставничества.pdf");
    const content = Buffer.from(pdf.bytes).toString("utf8");
    expect(content.startsWith("%PDF")).toBe(true);
    expect(content).toContain("Отчёт о реализации программы наставничества");
    // Deleted for good (openById fails): a new document, remembered in its place.
    fake.docs.docs.delete(id);
    const third = generateDocuments({ workbook: wb, clock, store: store() }, ["report"]);
    expect(third.stored[0].id).not.toBe(id);
    expect(third.stored[0].replaced).toBe(false);
    expect(fake.env.calls.total("DriveApp")).toBe(0);
  });
});

describe("sending reports: quota, once a month, «Журнал»", () => {
  function setup(quota: number) {
    const wb = sampleBook();
    addPairs(wb, 3);
    // The program's own row of «Мониторинг»: the analytical note has data to report.
    const monitoring = Table.load(wb, "monitoring");
    monitoring.add({ scope: "Программа в целом", period: "2026/2027", i6_satisfaction: 1, i7_partners: 2 });
    monitoring.flush(wb);
    const fake = createDocumentFake();
    const mailer = new RecordingMailer(quota);
    const ports = (c = clock) => ({
      workbook: wb,
      clock: c,
      mailer,
      store: new GasDocumentStore({ DocumentApp: fake.DocumentApp }),
    });
    return { wb, fake, mailer, ports };
  }

  it("a quota of zero stops the mail with a clear message and loses nothing", () => {
    const { wb, fake, mailer, ports } = setup(0);
    const r = generateAndSend(ports(), { recipient: "department", kind: "report" });
    expect(r.sent).toBe(false);
    expect(r.message).toBe(
      "Письмо на uo@kamensk-uralskiy.ru не отправлено: дневной лимит писем исчерпан (осталось 0). Документы созданы и сохранены; повторите отправку завтра.",
    );
    expect(mailer.sent).toHaveLength(0);
    expect(fake.docs.all().map((d) => d.name)).toEqual([
      "2027-05-20 Отчёт о реализации программы наставничества",
    ]);
    const lines = journal(wb);
    expect(lines.find((l) => l.operation === "Документы")).toBeDefined();
    const warning = lines.find((l) => l.operation === "Отправка отчёта")!;
    expect(warning.level).toBe("предупреждение");
    expect(warning.source).toBe("");

    // Tomorrow's quota: the same month's report goes (the refusal did not count as a send).
    mailer.quota = 100;
    const again = generateAndSend(ports(), { recipient: "department", kind: "report" });
    expect(again.sent).toBe(true);
    expect(mailer.sent).toHaveLength(1);
  });

  it("sends the PDF with a link, records it, and never twice in the same month", () => {
    const { wb, mailer, ports } = setup(100);
    const r = generateAndSend(ports(), { recipient: "department", kind: "report" });
    expect(r.sent).toBe(true);
    const m = mailer.sent[0];
    expect(m.to).toEqual(["uo@kamensk-uralskiy.ru"]);
    expect(m.subject).toBe("Отчёт о реализации программы наставничества — МБОУ «СОШ № 1», май 2027\u00a0г.");
    expect(m.attachments!.map((a) => [a.name, a.mimeType])).toEqual([
      [
        "2027-05-20 Отчёт о реализации программы наставничества — МБОУ СОШ № 1, 2026-2027.pdf",
        "application/pdf",
      ],
      // The school's «Отчётный пакет» for the district roll-up (issue 19).
      [
        "Отчётный пакет МБОУ СОШ № 1 2026-2027.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      ],
    ]);
    expect(m.body).toContain("https://docs.google.com/open?id=");
    expect(m.htmlBody).toContain('<a href="https://docs.google.com/open?id=');
    expect(m.body).toContain("в программе: 3 пары, 3 наставляемых");
    const sent = journal(wb).filter((l) => l.operation === "Отправка отчёта");
    expect(sent).toHaveLength(1);
    expect(sent[0].source).toBe("report/2027-05/uo@kamensk-uralskiy.ru");
    expect(sent[0].level).toBe("информация");

    const twice = generateAndSend(ports(), { recipient: "department", kind: "report" });
    expect(twice.sent).toBe(false);
    expect(nb(twice.message)).toContain("уже отправлен на uo@kamensk-uralskiy.ru (20 мая 2027 г.)");
    expect(mailer.sent).toHaveLength(1);

    // The director's monthly summary is another kind of mail; June is another period.
    const monthly = generateAndSend(ports(), { recipient: "director", kind: "monthly" });
    expect(monthly.sent).toBe(true);
    expect(mailer.sent[1].attachments!.map((a) => a.name)).toEqual([
      "2027-05-20 Аналитическая справка по итогам мониторинга — МБОУ СОШ № 1, 2026-2027.pdf",
    ]);
    expect(mailer.sent[1].body).toMatch(/^Здравствуйте, Светлана Николаевна!/);
    const june = { now: () => new Date(Date.UTC(2027, 5, 1, 8)) };
    expect(generateAndSend(ports(june), { recipient: "department", kind: "report" }).sent).toBe(true);
    expect(mailer.sent).toHaveLength(3);
  });

  it("puts guillemets into a school name typed with straight quotes", () => {
    const { wb } = setup(0);
    setSetting(wb, "school_short", 'МБОУ "СОШ № 7"');
    const order = nb(plainText(buildDocuments(openDocumentSource(wb, clock), ["order"]).documents[0].model));
    expect(order).toContain("Директор МБОУ «СОШ № 7» ____________ С.Н. Баева");
  });

  it("refuses without an address in «Настройки» and logs the error", () => {
    const { wb, mailer, ports } = setup(100);
    setSetting(wb, "curator_email", "");
    const r = generateAndSend(ports(), { recipient: "curator", kind: "report" });
    expect(r.sent).toBe(false);
    expect(r.message).toBe("Письмо не отправлено: в «Настройках» не указан «E-mail куратора».");
    expect(r.stored.map((d) => d.kind)).toEqual(["report", "analysis"]);
    expect(mailer.sent).toHaveLength(0);
    expect(journal(wb).find((l) => l.operation === "Отправка отчёта")!.level).toBe("ошибка");
  });
});
