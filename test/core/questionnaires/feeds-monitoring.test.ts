import { monitoredForms, questionnaires } from "../../../src/core/questionnaires/schema";
import { feedsMonitoring } from "../../../src/core/usecases/responses";

/** The list the submit trigger wrote by hand before the questionnaires said it. */
const MONITORED_FORMS = [
  "meeting_feedback",
  "mentor_report",
  "entry_mentee",
  "exit_mentee",
  "entry_mentor",
  "exit_mentor",
];

describe("questionnaires feeding the monitoring", () => {
  it("are the ones the hand list named", () => {
    expect(monitoredForms()).toEqual(MONITORED_FORMS);
  });

  it("are the only ones after which the monitoring follows", () => {
    for (const q of questionnaires())
      expect([q.key, feedsMonitoring(q.key)]).toEqual([q.key, MONITORED_FORMS.includes(q.key)]);
    expect(feedsMonitoring("no_such_form")).toBe(false);
  });
});
