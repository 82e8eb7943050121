import {
  impersonalColumns,
  personalDataKeys,
  sheetsWithoutPersonalData,
} from "../../../src/core/privacy/sheets";
import { workbookTemplate } from "../../../src/core/templates/load";

/** The lists erase and «Защитить персональные данные» wrote by hand before the template said it. */
const PERSONAL_DATA_KEYS = [
  "mentors",
  "mentees",
  "preferences",
  "surveys",
  "mentor_reports",
  "pay_list",
  "log",
];
const NOT_SCRUBBED = [
  "settings",
  "lists",
  "indicators",
  "contingent",
  "summary",
  "forms_registry",
  "withdrawn",
];
const BANK_KEPT = [
  "id",
  "submitted_at",
  "category",
  "source",
  "organisation",
  "experience_years",
  "forms",
  "form",
];
const SURVEY_KEPT = [
  "submitted_at",
  "role",
  "stage",
  "effectiveness",
  "comfort",
  "usefulness",
  "group_meetings",
  "personal_meetings",
  "clarity",
  "joint_work",
  "expectations_met",
  "satisfaction",
  "motivation",
  "confidence",
  "request_skills",
  "involvement",
  "mentoring_skills",
  "would_continue",
  "wants_to_be_mentor",
];
const REPORT_KEPT = ["submitted_at", "pair_id", "month", "meetings_count", "mentee_activity", "application"];

const sorted = (xs: readonly string[]) => [...xs].sort();

describe("personal data from the template's attributes", () => {
  it("names the personal-data sheets the hand list named, in tab order", () => {
    expect(sorted(personalDataKeys())).toEqual(sorted(PERSONAL_DATA_KEYS));
    const order = workbookTemplate().sheets.map((s) => s.key);
    expect(personalDataKeys()).toEqual(order.filter((k) => PERSONAL_DATA_KEYS.includes(k)));
  });

  it("names the sheets erase never scrubs", () => {
    expect(sorted(sheetsWithoutPersonalData())).toEqual(sorted(NOT_SCRUBBED));
  });

  it("keeps of a person's rows what erase kept", () => {
    expect(sorted([...impersonalColumns("mentors"), ...impersonalColumns("mentees")].filter(unique))).toEqual(
      sorted(BANK_KEPT),
    );
    expect(impersonalColumns("surveys")).toEqual(SURVEY_KEPT);
    expect(impersonalColumns("mentor_reports")).toEqual(REPORT_KEPT);
  });

  it("marks the names, addresses, phones and birth dates of participants personal wherever they are", () => {
    const plain = workbookTemplate().sheets.flatMap((s) =>
      s.columns
        .filter((c) =>
          /^(email|full_name|phone|birth_date|mentor_name|mentee_name|guardian_name)$/.test(c.key),
        )
        .filter((c) => c.personal !== true)
        .map((c) => `${s.key}.${c.key}`),
    );
    expect(plain).toEqual([]);
  });
});

function unique(x: string, i: number, all: string[]): boolean {
  return all.indexOf(x) === i;
}
