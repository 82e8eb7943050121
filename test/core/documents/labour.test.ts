import { plainText as cellPlain } from "../../../src/core/cells";
import { utcDate } from "../../../src/core/dates";
import { type DocumentModel, plainText } from "../../../src/core/documents/model";
import { END_INITIATOR, LABOUR_BASIS } from "../../../src/core/labour/rules";
import { type MailerPort, noProgress } from "../../../src/core/ports";
import { sheetTemplate } from "../../../src/core/templates/load";
import {
  attachmentOf,
  buildDocuments,
  type DocumentKind,
  type DocumentStorePort,
  type GeneratedDocument,
  generateAndSend,
  generateDocuments,
  LABOUR_KINDS,
  openDocumentSource,
  type StoredDocument,
} from "../../../src/core/usecases/documents";
import { initWorkbook } from "../../../src/core/usecases/init";
import { endPairEarly } from "../../../src/core/usecases/labour";
import { recomputeMonitoring } from "../../../src/core/usecases/monitoring";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { playDemoYear } from "../../support/demo-year";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { officialDefects } from "../../support/official-defects";

const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0)); // Thursday 20.05.2027, school year 2026/2027
const clock = { now: () => NOW };
const at = (d: Date) => ({ now: () => new Date(d.getTime() + 9 * 3600000) });
const nb = (s: string) => s.replace(/\u00a0/g, " ");
const text = (m: DocumentModel) => nb(plainText(m));

let base: MemoryWorkbook;
beforeAll(() => {
  base = new MemoryWorkbook();
  initWorkbook({ workbook: base, clock, progress: noProgress });
  seedSampleSchool(base, sampleSchool(NOW), noProgress);
  playDemoYear(base, utcDate(2027, 5, 20));
});

/** A copy of the played year, so that each test changes its own. */
function clone(wb: MemoryWorkbook): MemoryWorkbook {
  const copy = new MemoryWorkbook();
  for (const name of wb.order) copy.put(name, wb.sheets.get(name) ?? []);
  for (const [k, v] of wb.formulas) copy.formulas.set(k, v);
  for (const [k, v] of wb.layouts) copy.layouts.set(k, v);
  return copy;
}
function book(): MemoryWorkbook {
  return clone(base);
}

function setSetting(wb: MemoryWorkbook, key: string, value: string | number | Date): void {
  const t = Table.load(wb, "settings");
  t.set(t.find("key", key), "value", value);
  t.flush(wb);
}

function build(wb: MemoryWorkbook, kinds: DocumentKind[], options = {}) {
  return buildDocuments(openDocumentSource(wb, clock), kinds, options);
}

class MemoryStore implements DocumentStorePort {
  save(doc: GeneratedDocument, folder: string): StoredDocument {
    const id = `${folder}/${doc.name}`;
    return { kind: doc.kind, key: doc.key, name: doc.name, title: doc.title, id, url: id, replaced: false };
  }
  attachment(doc: StoredDocument) {
    return attachmentOf(doc, "docx", new Uint8Array([1]));
  }
}

/** Approved pairs by mentor, with the mentor's bank row. */
function approvedBy(wb: MemoryWorkbook) {
  const mentors = Table.load(wb, "mentors");
  const out = new Map<string, { source: string; pairs: string[] }>();
  for (const p of Table.load(wb, "pairs").records()) {
    if (p.values.status !== "утверждена") continue;
    const id = String(p.values.mentor_id);
    const row = mentors.find("id", id);
    const entry = out.get(id) ?? { source: String(mentors.get(row, "source")), pairs: [] };
    entry.pairs.push(String(p.values.pair_id));
    out.set(id, entry);
  }
  return out;
}

describe("the template holds the words the code uses", () => {
  it("«Наставничество по ст. 351.8 ТК РФ» and «Досрочное прекращение: инициатор»", () => {
    const col = (sheet: "mentors" | "pairs", key: string) =>
      sheetTemplate(sheet).columns.find((c) => c.key === key)?.values;
    expect(col("mentors", "labour_basis")).toEqual(Object.values(LABOUR_BASIS));
    expect(col("pairs", "ended_by")).toEqual(Object.values(END_INITIATOR));
  });
});

describe("consent and supplementary agreement (ст. 351.8: content, term, form, pay)", () => {
  it("one of each per staff mentor with approved pairs; none for outside mentors or the job function", () => {
    const wb = book();
    const byMentor = approvedBy(wb);
    const staff = [...byMentor].filter(([, m]) => m.source === "педагоги школы").map(([id]) => id);
    const outside = [...byMentor].filter(([, m]) => m.source !== "педагоги школы").map(([id]) => id);
    expect(staff.length).toBeGreaterThan(2);
    expect(outside.length).toBeGreaterThan(0);
    // The curator marks one staff mentor: helping newcomers is part of the job and already paid.
    const mentors = Table.load(wb, "mentors");
    mentors.set(mentors.find("id", staff[0]), "labour_basis", "входит в трудовую функцию");
    mentors.flush(wb);
    const set = build(wb, ["consent", "agreement"]);
    const consents = set.documents.filter((d) => d.kind === "consent").map((d) => d.key);
    expect(consents).toEqual(staff.slice(1).map((id) => `consent:${id}`));
    expect(set.documents.filter((d) => d.kind === "agreement")).toHaveLength(staff.length - 1);
    for (const id of [staff[0], ...outside]) expect(consents).not.toContain(`consent:${id}`);
    // Asked for by ID, the uncovered mentor is refused with the reason.
    const refused = build(wb, ["consent"], { mentorIds: [staff[0], outside[0]] });
    expect(refused.documents).toHaveLength(0);
    expect(nb(refused.refused![0].message)).toMatch(
      /указано на листе «Наставники»: «входит в трудовую функцию»/,
    );
    expect(nb(refused.refused![0].message)).toMatch(/не работник школы/);
  });

  it("the texts: addressee, article, mentees, term, form, the pay by the local act", () => {
    const wb = book();
    setSetting(wb, "pay_amount", 3000);
    setSetting(wb, "labour_act_date", utcDate(2026, 8, 29));
    setSetting(wb, "labour_act_number", "112-о");
    const [id, mentor] = [...approvedBy(wb)].find(([, m]) => m.source === "педагоги школы")!;
    const set = build(wb, ["consent", "agreement"], { mentorIds: [id] });
    const [consent, agreement] = set.documents.map((d) => text(d.model));
    const pairs = Table.load(wb, "pairs");
    const row = pairs.find("pair_id", mentor.pairs[0]);
    const name = String(pairs.get(row, "mentor_name"));
    const menteeName = String(pairs.get(row, "mentee_name"));
    expect(consent).toMatch(/^Директору МБОУ «СОШ № 1»\nС\.Н\. Баевой\nот учителя\n/);
    expect(consent).toContain(
      `Я, ${name}, учитель, в соответствии со статьёй 351.8 Трудового кодекса Российской Федерации даю согласие`,
    );
    expect(consent).toContain(menteeName);
    expect(consent).toContain("01.10.2026 – 31.05.2027");
    expect(consent).toContain(
      "установленных Положением о наставничестве (утверждено приказом от 29.08.2026 № 112-о)",
    );
    expect(consent).toContain("не менее чем за три рабочих дня");
    expect(agreement).toMatch(/^ДОПОЛНИТЕЛЬНОЕ СОГЛАШЕНИЕ\nк трудовому договору от/);
    expect(agreement).toContain(
      "в лице директора Баевой Светланы Николаевны, действующей на основании устава",
    );
    expect(agreement).toContain("Содержание работы: оказание");
    expect(agreement).toMatch(/Форма выполнения работы: (индивидуальная|групповая)/);
    expect(agreement).toContain("Срок выполнения работы: 01.10.2026 – 31.05.2027.");
    expect(agreement).toContain("3 000,00 руб. в месяц за каждого наставляемого");
    expect(agreement).toContain("пропорционально рабочим дням наставничества по производственному календарю");
    // Non-breaking spaces where Russian typography asks for them.
    const raw = plainText(set.documents[1].model);
    expect(raw).toContain("№\u00a0112-о");
    expect(set.documents[1].model.pageNumbers).toBe(true);
  });
});

describe("ending a pair early", () => {
  it("records the end, keeps the history, updates both banks, offers a new mentor and makes the notice", () => {
    const wb = book();
    const [mentorId, m] = [...approvedBy(wb)].find(
      ([, x]) => x.source === "педагоги школы" && x.pairs.length === 1,
    )!;
    const pairId = m.pairs[0];
    const meetingsBefore = Table.load(wb, "meetings")
      .records()
      .filter((r) => r.values.pair_id === pairId).length;
    expect(meetingsBefore).toBeGreaterThan(0);
    // Notice on Thursday 29 April 2027: 30 April, then the May holidays (1–3 May), 4 and 5 May.
    const report = endPairEarly(
      { workbook: wb, clock: at(utcDate(2027, 4, 29)), progress: noProgress },
      { pairId, initiator: "employer", reason: "Перевод наставляемого на другую должность" },
    );
    expect(report.covered).toBe(true);
    expect(report.endDate).toEqual(utcDate(2027, 5, 5));
    expect(report.warnings.join(" ")).toMatch(/2027 год не подтверждён/);
    const pairs = Table.load(wb, "pairs");
    const row = pairs.find("pair_id", pairId);
    expect(pairs.get(row, "status")).toBe("расторгнута");
    expect(pairs.get(row, "ended_by")).toBe("работодатель");
    expect(pairs.get(row, "end_notice_date")).toEqual(utcDate(2027, 4, 29));
    expect(pairs.get(row, "end_date")).toEqual(utcDate(2027, 5, 5));
    expect(pairs.get(row, "end_reason")).toBe("Перевод наставляемого на другую должность");
    // «Журнал» names the pair and its row of «Пары».
    const line = Table.load(wb, "log")
      .records()
      .find((r) => r.values.operation === "Досрочное прекращение наставничества")!.values;
    expect(line.person).toBe(`${pairs.get(row, "mentor_name")} — ${pairs.get(row, "mentee_name")}`);
    expect(line.place).toBe(`«Пары», строка ${row + 3} (${pairId})`);
    const meetingsAfter = Table.load(wb, "meetings")
      .records()
      .filter((r) => r.values.pair_id === pairId).length;
    expect(meetingsAfter).toBe(meetingsBefore);
    const menteeId = String(pairs.get(row, "mentee_id"));
    const mentees = Table.load(wb, "mentees");
    expect(mentees.get(mentees.find("id", menteeId), "status")).toBe("ожидает пары");
    const mentors = Table.load(wb, "mentors");
    expect(mentors.get(mentors.find("id", mentorId), "status")).toBe("допущен");
    // The new proposal for the mentee is never the ended pair again.
    const proposals = pairs
      .records()
      .filter((r) => r.values.mentee_id === menteeId && r.values.status === "предложена");
    for (const p of proposals) expect(p.values.mentor_id).not.toBe(mentorId);
    expect(report.proposal === null ? report.unmatchedNote : report.proposal).not.toBe("");

    const notice = build(wb, ["notice"]);
    expect(notice.documents.map((d) => d.key)).toEqual([`notice:${pairId}`]);
    const t = text(notice.documents[0].model);
    expect(t).toContain(
      "УВЕДОМЛЕНИЕ\nо досрочной отмене поручения о выполнении работы по наставничеству\n29 апреля 2027 г.",
    );
    expect(t).toContain("Причина: перевод наставляемого на другую должность.");
    expect(t).toContain(
      "Работа по наставничеству прекращается 5 мая 2027 г. — не ранее чем через три рабочих дня",
    );
    expect(t).toContain("производится по 05.05.2027 включительно");
    expect(notice.warnings?.join(" ")).toMatch(/2027 год не подтверждён/);
  });

  it("the mentor's own notice; an end sooner than three working days is refused; only approved pairs end", () => {
    const wb = book();
    const [, m] = [...approvedBy(wb)].find(([, x]) => x.source === "педагоги школы")!;
    const ports = { workbook: wb, clock: at(utcDate(2026, 12, 29)), progress: noProgress };
    // Tuesday 29 December 2026: 30 December (1), 31 December – 10 January off, 11 (2), 12 January (3).
    expect(() =>
      endPairEarly(ports, {
        pairId: m.pairs[0],
        initiator: "mentor",
        reason: "",
        endDate: utcDate(2027, 1, 11),
      }),
    ).toThrow(/не ранее 12\.01\.2027/);
    const r = endPairEarly(ports, { pairId: m.pairs[0], initiator: "mentor", reason: "Нагрузка" });
    expect(r.endDate).toEqual(utcDate(2027, 1, 12));
    const t = text(build(wb, ["notice"]).documents[0].model);
    expect(t).toMatch(/^Директору МБОУ «СОШ № 1»\nС\.Н\. Баевой\nот учителя/);
    expect(t).toContain("о досрочном отказе от выполнения работы по наставничеству");
    expect(t).toContain("Работу по наставничеству прекращаю 12 января 2027 г.");
    expect(() => endPairEarly(ports, { pairId: m.pairs[0], initiator: "employer", reason: "" })).toThrow(
      /не утверждена/,
    );
    expect(() => endPairEarly(ports, { pairId: "П-9999", initiator: "employer", reason: "" })).toThrow(
      /нет на листе/,
    );
  });

  it("no notice for a mentor the article does not cover", () => {
    const wb = book();
    const [, m] = [...approvedBy(wb)].find(([, x]) => x.source === "организации-партнёры")!;
    const r = endPairEarly(
      { workbook: wb, clock: at(utcDate(2027, 4, 29)), progress: noProgress },
      { pairId: m.pairs[0], initiator: "employer", reason: "" },
    );
    expect(r.covered).toBe(false);
    expect(r.endDate).toEqual(utcDate(2027, 4, 29));
    const set = build(wb, ["notice"]);
    expect(set.documents).toHaveLength(0);
    expect(set.refused![0].message).toMatch(/Уведомление не требуется/);
  });
});

describe("the pay list: sheet and document", () => {
  it("the month's rows in «Доплата за наставничество», the document's total their sum, part months included", () => {
    const wb = book();
    setSetting(wb, "pay_amount", 3000);
    const [, m] = [...approvedBy(wb)].find(([, x]) => x.source === "педагоги школы")!;
    endPairEarly(
      { workbook: wb, clock: at(utcDate(2027, 3, 5)), progress: noProgress },
      { pairId: m.pairs[0], initiator: "employer", reason: "" },
    );
    const r = generateDocuments({ workbook: wb, clock, store: new MemoryStore() }, ["paylist"], {
      month: utcDate(2027, 3, 1),
    });
    expect(r.stored.map((d) => d.name)).toEqual(["Список на доплату за наставничество 2027-03"]);
    const rows = Table.load(wb, "pay_list")
      .records()
      .map((x) => x.values);
    expect(rows.length).toBeGreaterThan(3);
    expect(new Set(rows.map((x) => x.month))).toEqual(new Set(["2027-03"]));
    const ended = rows.find((x) => String(x.mentees).includes(m.pairs[0]))!;
    // Notice Friday 5 March: 9, 10, 11 March (8 March is a holiday) → 11 March; 1–5 and 9–11 March are
    // 8 of March's 22 working days: 3000 × 8 / 22 = 1090.909… → 1090.91.
    expect(ended.to).toEqual(utcDate(2027, 3, 11));
    expect(ended.days).toBe("8 из 22 рабочих");
    expect(ended.amount).toBe(1090.91);
    const total = Math.round(rows.reduce((s, x) => s + Number(x.amount), 0) * 100) / 100;
    const set = build(wb, ["paylist"], { month: utcDate(2027, 3, 1) });
    const t = text(set.documents[0].model);
    expect(t).toContain("на доплату за наставничество за март 2027 г.");
    expect(t).toContain(`| Итого |`);
    const totalLine = t.split("\n").find((l) => l.includes("| Итого |"))!;
    expect(
      totalLine.endsWith(
        ` | ${total
          .toFixed(2)
          .replace(".", ",")
          .replace(/\B(?=(\d{3})+(?!\d))/g, " ")}`,
      ),
    ).toBe(true);
    // Another month replaces only its own rows.
    generateDocuments({ workbook: wb, clock, store: new MemoryStore() }, ["paylist"], {
      month: utcDate(2027, 4, 1),
    });
    const months = Table.load(wb, "pay_list")
      .records()
      .map((x) => x.values.month);
    expect(months.filter((x) => x === "2027-03")).toHaveLength(rows.length);
    expect(months.filter((x) => x === "2027-04").length).toBeGreaterThan(0);
  });

  it("the director's monthly e-mail carries the last month's total when the curator enables it", () => {
    const wb = book();
    setSetting(wb, "pay_amount", 3000);
    setSetting(wb, "director_email", "director@school1.ru");
    const sent: string[] = [];
    const mailer: MailerPort = { remainingQuota: () => 10, send: (m) => void sent.push(m.body) };
    generateAndSend(
      { workbook: wb, clock, store: new MemoryStore(), mailer },
      { recipient: "director", kind: "monthly" },
    );
    expect(sent[0]).not.toMatch(/доплата за наставничество/);
    setSetting(wb, "pay_in_monthly_mail", "да");
    const wb2 = clone(wb);
    const log = Table.load(wb2, "log");
    log.remove(log.rowIndexes());
    log.flush(wb2);
    generateAndSend(
      { workbook: wb2, clock, store: new MemoryStore(), mailer },
      { recipient: "director", kind: "monthly" },
    );
    expect(nb(sent[1])).toMatch(
      /доплата за наставничество за апрель 2027 г\.: \d+ наставник(а|ов)?, [\d ]+,\d\d руб\./,
    );
  });
});

describe("recognition", () => {
  it("letters of thanks go to the places 1…N of «Рейтинг наставников»", () => {
    const wb = book();
    const [id] = [...approvedBy(wb)][0];
    const mentors = Table.load(wb, "mentors");
    const name = String(mentors.get(mentors.find("id", id), "full_name"));
    const ranking = Table.load(wb, "mentor_ranking");
    ranking.add({
      year: "2026/2027",
      place: 1,
      mentor_id: id,
      mentor_name: name,
      pairs: 1,
      avg_total: 16,
      levels: "оптимальный — 1",
      row_key: `2026/2027|${id}`,
    });
    ranking.add({
      year: "2026/2027",
      place: 2,
      mentor_id: "Н-0999",
      mentor_name: "Другой",
      pairs: 1,
      avg_total: 15,
      row_key: "2026/2027|Н-0999",
    });
    ranking.flush(wb);
    setSetting(wb, "thanks_top", 1);
    const set = build(wb, ["thanks"]);
    expect(set.documents.map((d) => d.key)).toEqual([`thanks:${id}`]);
    const t = text(set.documents[0].model);
    expect(t).toContain("БЛАГОДАРСТВЕННОЕ ПИСЬМО");
    expect(t).toContain(
      "заняли 1-е место в рейтинге наставников (средний балл пар по мониторингу эффективности — 16 из 18",
    );
    expect(t).toContain("в 2026/2027 учебном году");
  });

  it("without scores complete enough to rank, no letter and the reason", () => {
    const set = build(book(), ["thanks"]);
    expect(set.documents).toHaveLength(0);
    expect(set.refused![0].message).toMatch(/в рейтинге наставников нет мест/);
  });

  it("the «Справка» states the very figures of the monitoring, also for a past year", () => {
    const wb = book();
    const result = recomputeMonitoring({ workbook: wb, clock, progress: noProgress });
    const set = build(wb, ["certificate"]);
    expect(set.documents.length).toBeGreaterThan(5);
    const monitoring = Table.load(wb, "monitoring");
    let checked = 0;
    for (const doc of set.documents) {
      const t = text(doc.model);
      const mentorId = doc.key.split(":")[2];
      let sum = 0;
      for (const line of t.split("\n").filter((l) => /^\d+ \| /.test(l))) {
        const [, mentee, , , meetings, level] = line.split(" | ");
        const pm = result.pairs.find((p) => p.pair.mentorId === mentorId && p.pair.menteeName === mentee)!;
        expect([mentee, Number(meetings)]).toEqual([mentee, pm.activity.meetings]);
        const row = monitoring.find("scope", pm.pair.id);
        const total = monitoring.get(row, "total");
        const written = cellPlain(monitoring.get(row, "level"));
        expect([mentee, level]).toEqual([
          mentee,
          total === "" ? written || "не определён" : `${total} из 18, ${written}`,
        ]);
        sum += pm.activity.meetings;
        checked++;
      }
      expect(t).toMatch(new RegExp(`(провёл|провела) с наставляем\\S+ ${sum} встреч`));
    }
    expect(checked).toBe(result.pairs.length);
    // After the year is closed and the next one set, the certificates of 2026/2027 stay available.
    setSetting(wb, "school_year", "2027/2028");
    const past = build(wb, ["certificate"], { year: 2026 });
    expect(past.documents.map((d) => d.key)).toEqual(set.documents.map((d) => d.key));
    const none = build(wb, ["certificate"]);
    expect(none.documents).toHaveLength(0);
    expect(none.refused![0].message).toMatch(/за 2027\/2028 учебный год в книге нет данных мониторинга/);
  });
});

describe("a pair ended early keeps its history in the «Справка»", () => {
  it("after monitoring is recomputed without it: its meetings from «Встречи», no rubric", () => {
    const wb = book();
    const [mentorId, m] = [...approvedBy(wb)].find(([, x]) => x.source === "педагоги школы")!;
    const pairId = m.pairs[0];
    const pairs = Table.load(wb, "pairs");
    const mentee = String(pairs.get(pairs.find("pair_id", pairId), "mentee_name"));
    const held = Table.load(wb, "meetings")
      .records()
      .filter((r) => r.values.pair_id === pairId).length;
    endPairEarly(
      { workbook: wb, clock: at(utcDate(2027, 5, 13)), progress: noProgress },
      { pairId, initiator: "mentor", reason: "" },
    );
    const result = recomputeMonitoring({ workbook: wb, clock, progress: noProgress });
    expect(result.pairs.some((p) => p.pair.id === pairId)).toBe(false);
    const set = build(wb, ["certificate"], { mentorIds: [mentorId] });
    const line = text(set.documents[0].model)
      .split("\n")
      .find((l) => l.includes(` | ${mentee} | `))!;
    const [, , , term, meetings, level] = line.split(" | ");
    expect(term).toBe("01.10.2026 – 18.05.2027");
    expect(Number(meetings)).toBe(held);
    expect(level).toBe("не оценивалась: наставничество прекращено досрочно");
  });
});

describe("every labour kind builds on the played year", () => {
  it("typeset documents with page numbers and none of the defects of issue 16 (no pair IDs, no workbook words)", () => {
    const wb = book();
    const [, m] = [...approvedBy(wb)].find(([, x]) => x.source === "педагоги школы")!;
    endPairEarly(
      { workbook: wb, clock: at(utcDate(2027, 4, 29)), progress: noProgress },
      { pairId: m.pairs[0], initiator: "mentee", reason: "Просьба наставляемого" },
    );
    const set = build(wb, LABOUR_KINDS, { month: utcDate(2027, 4, 1) });
    expect(new Set(set.documents.map((d) => d.kind))).toEqual(
      new Set(["consent", "agreement", "notice", "paylist", "certificate"]),
    );
    for (const d of set.documents) {
      // plainText joins table cells with « | »: the «№» column header is not followed by a space in the document.
      expect([d.name, officialDefects(plainText(d.model).replace(/№ \|/g, "№|"))]).toEqual([d.name, []]);
      expect(d.model.pageNumbers).toBe(true);
      // «№ 112-о» and «И.В. Павлова» never break (ГОСТ Р 7.0.97 practice: non-breaking spaces).
      expect(plainText(d.model)).not.toMatch(/№ (?!\|)|[А-ЯЁ]\.[А-ЯЁ]\. [А-ЯЁ]/);
    }
  });
});
