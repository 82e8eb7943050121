/**
 * Issue 15, item 2: an erasure that stays erased and leaves no trace — notes, declined and reordered
 * names, phones written another way, file names; salted fingerprints refuse the person's return;
 * the counts of the work already done stay as they were.
 */
import { createHash } from "node:crypto";
import { declineName } from "../../../src/core/documents/names";
import { IN_PROGRAM } from "../../../src/core/indicators/rules";
import { ERASED_NAME } from "../../../src/core/privacy/scrub";
import { sha256 } from "../../../src/core/sha256";
import { eraseConsent, type FileNamesPort } from "../../../src/core/usecases/erase";
import { intakeSubmissions, WITHDRAWN_MESSAGE } from "../../../src/core/usecases/intake";
import { FIRST_DATA_ROW } from "../../../src/core/workbook/repair";
import { Table } from "../../../src/core/workbook/table";
import type { MemoryWorkbook } from "../../support/memory-workbook";
import { allText, clock, privacySchool, records } from "../../support/privacy-school";
import { goodMentee, submission } from "../../support/submissions";

const erase = (wb: MemoryWorkbook, email: string, extra = {}) =>
  eraseConsent({ workbook: wb, clock, user: "curator@school1.ru", ...extra }, email);

/** Every text of the workbook: cells, formulas and notes. */
function everything(wb: MemoryWorkbook): string {
  const notes = [...wb.notes.values()].flatMap((m) => [...m.values()]);
  return `${allText(wb)}\n${notes.join("\n").toLowerCase()}`;
}

function setComment(wb: MemoryWorkbook, key: "mentees" | "mentors", id: string, text: string) {
  const t = Table.load(wb, key);
  t.set(t.find("id", id), "comment", text);
  t.flush(wb);
}

/** Gives the person a phone, written as a curator types it. */
function withPhone(wb: MemoryWorkbook, id: unknown): string {
  const t = Table.load(wb, "mentees");
  t.set(t.find("id", String(id)), "phone", "+7 912 345-67-89");
  t.flush(wb);
  return "79123456789";
}

/** «Макаров Роман Сергеевич» → «Р. С. Макарову» (initials before the dative surname). */
function initialsDative(fullName: string): string {
  const [last, first, middle] = declineName(fullName, "dative").split(" ");
  return `${first[0]}. ${middle ? `${middle[0]}. ` : ""}${last}`;
}

describe("«Отозвать согласие» leaves no trace", () => {
  it("clears notes on the person's own rows and their names and phones in every note, on every sheet", () => {
    const { wb, mentee, other } = privacySchool();
    const row = Table.load(wb, "mentees").find("id", String(mentee.id)) + FIRST_DATA_ROW;
    const otherRow = Table.load(wb, "mentees").find("id", String(other.id)) + FIRST_DATA_ROW;
    const digits = withPhone(wb, mentee.id);
    wb.note("Наставляемые", row, 10, "Мама просила звонить после 18:00"); // anything on their own row
    wb.note("Наставляемые", otherRow, 3, `Дружит с ${declineName(String(mentee.full_name), "instrumental")}`);
    wb.note("Контингент", 2, 1, `Включая ${declineName(String(mentee.full_name), "accusative")}`);
    wb.put("Заметки куратора", [
      ["Кто", "Что"],
      ["—", "—"],
    ]);
    wb.note("Заметки куратора", 1, 1, `Позвонить 8${digits.slice(1)} или ${mentee.email}`);
    wb.note("Наставляемые", otherRow, 5, "Отличник, олимпиадник"); // not about the person: stays

    const report = erase(wb, String(mentee.email));

    const text = everything(wb);
    for (const c of ["nominative", "accusative", "instrumental"] as const)
      expect(text).not.toContain(declineName(String(mentee.full_name), c).toLowerCase());
    expect(text).not.toContain(digits.slice(1));
    expect(text).not.toContain(String(mentee.email).toLowerCase());
    expect(wb.notes.get("Наставляемые")?.get(`${row},10`)).toBeUndefined();
    expect(wb.notes.get("Наставляемые")?.get(`${otherRow},3`)).toBe(`Дружит с ${ERASED_NAME}`);
    expect(wb.notes.get("Контингент")?.get("2,1")).toBe(`Включая ${ERASED_NAME}`);
    expect(wb.notes.get("Заметки куратора")?.get("1,1")).toBe("Позвонить [удалено] или [удалено]");
    // What it could not check is said: the curator's own sheet, by name.
    expect(report.warnings.join("\n")).toContain("Листы, которые добавил куратор («Заметки куратора»)");
    expect(wb.notes.get("Наставляемые")?.get(`${otherRow},5`)).toBe("Отличник, олимпиадник");
    expect(report.notes).toBe(4);
  });

  it("finds declined and reordered names, initials and a phone written another way in free text and «Журнал»", () => {
    const { wb, mentee, mentor, other } = privacySchool();
    const name = String(mentee.full_name);
    const [last, first] = name.split(" ");
    const digits = withPhone(wb, mentee.id);
    const phone = `+7 (${digits.slice(1, 4)}) ${digits.slice(4, 7)}-${digits.slice(7, 9)}-${digits.slice(9)}`;
    const texts = [
      `Беседа с ${declineName(name, "instrumental")} прошла хорошо`,
      `Передать ${initialsDative(name)} задание`,
      `${first} ${last} опоздала; телефон мамы ${phone}`,
      `Нет ${declineName(name, "genitive").split(" ").slice(0, 2).join(" ")} на встрече, ${first[0]}.${last} болеет`,
    ];
    setComment(wb, "mentees", String(other.id), texts.join("\n"));
    setComment(wb, "mentors", String(mentor.id), `${digits}; ${declineName(name, "dative")}`);
    const log = Table.load(wb, "log");
    log.add({
      at: clock.now(),
      level: "информация",
      operation: "Документы",
      message: `Письмо для ${declineName(name, "genitive")}`,
    });
    log.flush(wb);

    erase(wb, String(mentee.email));

    const after = String(records(wb, "mentees").find((m) => m.id === other.id)!.comment);
    expect(after).toBe(
      [
        `Беседа с ${ERASED_NAME} прошла хорошо`,
        `Передать ${ERASED_NAME} задание`,
        `${ERASED_NAME} опоздала; телефон мамы [удалено]`,
        `Нет ${ERASED_NAME} на встрече, ${ERASED_NAME} болеет`,
      ].join("\n"),
    );
    expect(String(records(wb, "mentors").find((m) => m.id === mentor.id)!.comment)).toBe(
      `[удалено]; ${ERASED_NAME}`,
    );
    const text = everything(wb);
    for (const c of ["nominative", "genitive", "dative", "instrumental"] as const)
      expect(text).not.toContain(declineName(name, c).toLowerCase());
    expect(text).not.toContain(digits.slice(1));
    // The other participants' names stay.
    expect(text).toContain(String(other.full_name).toLowerCase());
    expect(text).toContain(String(mentor.full_name).toLowerCase());
  });

  it("renames the files of documents and letters that carry the person's name, and «Журнал» lines of their pairs' documents", () => {
    const { wb, mentee, mentor, pairId } = privacySchool();
    const surname = (n: unknown) => String(n).split(" ")[0];
    const files = new Map<string, string>();
    for (const f of [
      `0/2026-2027/Программа ${pairId} ${surname(mentor.full_name)} – ${surname(mentee.full_name)}.docx`,
      "0/2026-2027/2026-11-01 Приказ о закреплении пар.docx",
      `1/2026-11-20 Письмо для ${declineName(String(mentee.full_name), "genitive")}.eml`,
    ])
      files.set(f, f);
    const port: FileNamesPort = {
      names: () => [...files.keys()],
      rename: (from, to) => {
        files.set(to, files.get(from)!);
        files.delete(from);
      },
    };
    const line = `Создан документ «Программа ${pairId} ${surname(mentor.full_name)} – ${surname(mentee.full_name)}»`;
    const log = Table.load(wb, "log");
    log.add({ at: clock.now(), level: "информация", operation: "Документы", message: line });
    log.flush(wb);
    const report = erase(wb, String(mentee.email), { files: port });
    // Another participant bears the surname, yet the line is about their pair: the surname goes.
    expect(
      records(wb, "mentees").some((m) => String(m.full_name).startsWith(surname(mentee.full_name))),
    ).toBe(true);
    expect(records(wb, "log").map((l) => l.message)).toContain(
      `Создан документ «Программа ${pairId} ${surname(mentor.full_name)} – ${ERASED_NAME}»`,
    );
    expect([...files.keys()].sort()).toEqual(
      [
        `0/2026-2027/Программа ${pairId} ${surname(mentor.full_name)} – ${ERASED_NAME}.docx`,
        "0/2026-2027/2026-11-01 Приказ о закреплении пар.docx",
        `1/2026-11-20 Письмо для ${ERASED_NAME}.eml`,
      ].sort(),
    );
    expect(report.filesRenamed).toBe(2);
  });

  it("keeps the counts of the work done: the erased and their partner still count, the pair is finished", () => {
    const { wb, mentor } = privacySchool();
    const counted = () =>
      ["mentors", "mentees"].map(
        (k) =>
          records(wb, k as "mentors").filter((r) =>
            (IN_PROGRAM as readonly string[]).includes(String(r.status)),
          ).length,
      );
    const pairsWorked = () =>
      records(wb, "pairs").filter((p) => ["утверждена", "завершена"].includes(String(p.status))).length;
    const before = { counted: counted(), pairs: pairsWorked() };
    expect(before.counted[0]).toBeGreaterThan(0);
    erase(wb, String(mentor.email));
    expect({ counted: counted(), pairs: pairsWorked() }).toEqual(before);
  });
});

describe("«Отозвать согласие» stays: salted fingerprints refuse the person's return", () => {
  const imported = (wb: MemoryWorkbook, email: string, answers = goodMentee) =>
    intakeSubmissions({ workbook: wb, clock }, "mentee", [
      submission("mentee", email, answers, null, "Ответы, строка 7"),
    ]);

  it("refuses a later import by address, or by name and birth date, into «Журнал» without the data", () => {
    const { wb } = privacySchool();
    expect(imported(wb, "alisa@school1.ru").added).toBe(1);
    erase(wb, "alisa@school1.ru");
    const banks = JSON.stringify(records(wb, "mentees"));

    const again = imported(wb, "ALISA@school1.ru");
    expect(again.rejected).toBe(1);
    expect(again.results[0].messages).toEqual([WITHDRAWN_MESSAGE]);
    const otherAddress = imported(wb, "alisa.new@mail.ru");
    expect(otherAddress.rejected).toBe(1);
    expect(JSON.stringify(records(wb, "mentees"))).toBe(banks);

    const lines = records(wb, "log").filter((l) => String(l.message) === WITHDRAWN_MESSAGE);
    expect(lines).toHaveLength(2);
    for (const l of lines)
      expect(l).toMatchObject({ level: "предупреждение", original: "", source: "Ответы, строка 7" });
    const text = everything(wb);
    expect(text).not.toContain("alisa@school1.ru");
    expect(text).not.toContain("alisa.new@mail.ru");
    expect(text).not.toContain("смирнова алиса");

    // A namesake born another day, and anyone else, are taken.
    expect(imported(wb, "alisa.2@mail.ru", { ...goodMentee, birth_date: "15.03.2013" }).added).toBe(1);
  });

  it("keeps salted hashes, the salt per workbook: no plain or unsalted hash of the address", () => {
    const a = privacySchool();
    const b = privacySchool();
    const email = String(a.mentee.email).toLowerCase();
    erase(a.wb, email);
    erase(b.wb, email);
    const sheet = (wb: MemoryWorkbook) => records(wb, "withdrawn");
    const [saltA, ...hashesA] = sheet(a.wb);
    const [saltB, ...hashesB] = sheet(b.wb);
    expect(saltA.kind).toBe("соль");
    expect(String(saltA.fingerprint)).toMatch(/^[0-9a-f]{32}$/);
    expect(saltA.fingerprint).not.toBe(saltB.fingerprint);
    expect(hashesA.map((h) => h.kind).sort()).toEqual(["e-mail", "ФИО и дата рождения"]);
    const plain = createHash("sha256").update(`email:${email}`).digest("hex");
    const fingerprints = [...hashesA, ...hashesB].map((h) => String(h.fingerprint));
    expect(fingerprints).not.toContain(plain);
    expect(new Set(fingerprints).size).toBe(4);
    expect(everything(a.wb)).not.toContain(email);
    // The hash is SHA-256 (FIPS 180-4), byte for byte as Node computes it, Cyrillic and astral too.
    for (const s of ["", "abc", "Орлова Марина|2013-03-14", "😀".repeat(40), "x".repeat(1000)])
      expect(sha256(s)).toBe(createHash("sha256").update(s, "utf8").digest("hex"));
  });

  it("refuses a replay after the erasure too (raw rows re-read)", () => {
    const { wb } = privacySchool();
    imported(wb, "alisa@school1.ru");
    erase(wb, "alisa@school1.ru");
    // The export re-imported whole, as Google and Yandex exports always hold every past response.
    const r = intakeSubmissions({ workbook: wb, clock, user: "replay" }, "mentee", [
      submission("mentee", "alisa@school1.ru", goodMentee),
      submission("mentee", "boris@school1.ru", { ...goodMentee, full_name: "Борисов Борис Борисович" }),
    ]);
    expect(r).toMatchObject({ added: 1, rejected: 1 });
  });
});
