import { schoolYearStartYear, utcDate } from "../../src/core/dates";
import { noProgress, type WorkbookPort } from "../../src/core/ports";
import { decidePairs, matchPairs } from "../../src/core/usecases/matching";
import { loadRoadmapTemplate } from "../../src/core/usecases/roadmap";
import { Table } from "../../src/core/workbook/table";
import { playDemoWork } from "../../src/demo/activity";
import { clockAt } from "../../src/demo/clock";

export interface DemoYearOptions {
  /** How many of the proposed pairs the director approves (default 12), by pair ID. */
  pairs?: number;
  /** The end of the year's work (default 31 May): exit surveys come in its last two weeks. */
  programEnd?: Date;
}

/**
 * A year of the sample school (after seedSampleSchool) up to `today`, played as `npm start` plays
 * it (src/offline/demo.ts): the roadmap of seed 001 loaded on 1 September, pairs matched on
 * 1 October with the first proposals approved, then the year's work of demo/activity —
 * questionnaires through intake, the roadmap ticked off, monitoring. Deterministic.
 */
export function playDemoYear(wb: WorkbookPort, today: Date, options: DemoYearOptions = {}): void {
  const y = schoolYearStartYear(today);
  const step = (day: Date) => ({ workbook: wb, clock: clockAt(day), progress: noProgress });
  loadRoadmapTemplate(step(utcDate(y, 9, 1)), "school-general");
  const october = utcDate(y, 10, 1);
  matchPairs(step(october));
  const approve = Table.load(wb, "pairs")
    .records()
    .filter((r) => r.values.status === "предложена")
    .slice(0, options.pairs ?? 12)
    .map((r) => ({ pairId: String(r.values.pair_id), decision: "approve" as const }));
  decidePairs(step(october), approve);
  playDemoWork(step(today), options.programEnd ?? utcDate(y + 1, 5, 31));
}
