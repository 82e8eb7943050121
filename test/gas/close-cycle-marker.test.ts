import { utcDate } from "../../src/core/dates";
import { Table } from "../../src/core/workbook/table";
import { GasWorkbook } from "../../src/gas/workbook";
import { loadBundle } from "../support/gas";

/**
 * «Завершить цикл» of a large school runs as a job whose marker is one script property, and a
 * property value holds at most 9 kB (developers.google.com/apps-script/guides/services/quotas:
 * «Properties value size 9 kB / val»; the fake's PropertiesService throws «Argument too large:
 * value» over it). 3,000 pairs, every one scored the same by the curator, so that all 300
 * mentors share the first place of the ranking: the marker must stay small all the same.
 */
const PAIRS = 3000;
const MENTORS = 300;

test(`«Завершить цикл» of ${PAIRS.toLocaleString("en")} pairs keeps its job marker under 9 kB`, () => {
  const fake = loadBundle({ now: () => Date.UTC(2027, 4, 31, 9) });
  fake.call("menuInitWorkbook");
  Object.assign(globalThis, {
    Utilities: fake.globals.Utilities,
    SpreadsheetApp: fake.globals.SpreadsheetApp,
  });
  fake.calls.untracked(() => {
    const wb = new GasWorkbook(fake.globals.SpreadsheetApp.getActive());
    const mentors = Table.load(wb, "mentors");
    for (let i = 1; i <= MENTORS; i++)
      mentors.add({
        id: `Н-${String(i).padStart(4, "0")}`,
        full_name: `Наставникова Мария Сергеевна ${i}`,
        email: `mentor${i}@school1.ru`,
        forms: "ученик – ученик",
        status: "допущен",
      });
    mentors.flush(wb);
    const mentees = Table.load(wb, "mentees");
    const pairs = Table.load(wb, "pairs");
    const monitoring = Table.load(wb, "monitoring");
    for (let i = 1; i <= PAIRS; i++) {
      const id = `НЯ-${String(i).padStart(4, "0")}`;
      const pairId = `П-${String(i).padStart(4, "0")}`;
      const m = 1 + (i % MENTORS);
      mentees.add({
        id,
        full_name: `Ученикова Анна Петровна ${i}`,
        email: `p${i}@school1.ru`,
        form: "ученик – ученик",
      });
      pairs.add({
        pair_id: pairId,
        mentor_id: `Н-${String(m).padStart(4, "0")}`,
        mentor_name: `Наставникова Мария Сергеевна ${m}`,
        mentee_id: id,
        mentee_name: `Ученикова Анна Петровна ${i}`,
        form: "ученик – ученик",
        status: "утверждена",
        approved_at: utcDate(2026, 9, 25),
        start_date: utcDate(2026, 9, 28),
      });
      monitoring.add({
        scope: pairId,
        period: "2026/2027",
        i1_goals: 2,
        i2_principles: 2,
        i3_approaches: 2,
        i4_climate: 2,
        i5_mentor_logic: 2,
        i6_satisfaction: 2,
        i7_partners: 2,
        i8_activity: 2,
        i9_application: 2,
      });
    }
    mentees.flush(wb);
    pairs.flush(wb);
    monitoring.flush(wb);
  });

  // Every property the job writes is checked by the fake against Apps Script's 9 kB.
  const sizes: number[] = [];
  const props = fake.globals.PropertiesService.getScriptProperties();
  const proto = Object.getPrototypeOf(props) as { setProperty: (k: string, v: string) => unknown };
  const setProperty = proto.setProperty;
  proto.setProperty = function (this: unknown, k: string, v: string) {
    sizes.push(Buffer.byteLength(String(v), "utf8"));
    return setProperty.call(this, k, v);
  };
  try {
    fake.state.alertResponses.push("YES");
    fake.call("menuCloseCycle");
  } finally {
    proto.setProperty = setProperty;
  }
  expect(fake.state.alerts.slice(1)).toEqual([]);
  expect(fake.state.toasts.at(-1)?.message).toMatch(/^Цикл 2026\/2027 завершён: [^;]*3000 наставляемых;/);
  expect(fake.state.toasts.at(-1)?.message).toContain("Первое место в рейтинге наставников: ");
  expect(Math.max(...sizes)).toBeLessThan(9 * 1024);
  expect(Object.keys(fake.state.properties.script).filter((k) => k.includes(".job."))).toEqual([]);
});
