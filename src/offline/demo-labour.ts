import { addDays } from "../core/dates";
import { coverageOf } from "../core/labour/rules";
import type { ProgressPort, WorkbookPort } from "../core/ports";
import { DOCUMENT_TITLES, type DocumentKind, LABOUR_KINDS } from "../core/usecases/documents";
import { describeEndPair, endPairEarly } from "../core/usecases/labour";
import { decidePairs } from "../core/usecases/matching";
import { recomputeMonitoring } from "../core/usecases/monitoring";
import { PAIR_STATUS } from "../core/workbook/statuses";
import { Table } from "../core/workbook/table";
import { clockAt } from "../demo/clock";
import { writeDocuments } from "./documents";

/** The pair indicators the curator scores by hand (0–2) where the data give none: one pattern per pair. */
const EXPERT_KEYS = [
  "i1_goals",
  "i2_principles",
  "i3_approaches",
  "i4_climate",
  "i5_mentor_logic",
  "i7_partners",
] as const;

/**
 * The demo's mentor paperwork (ТК РФ ст. 351.8), after the year's work: the curator scores the pairs'
 * expert indicators (the ranking of mentors needs complete scores), the pay rule is set to reach the
 * director's monthly e-mail, one pair of «учитель – учитель» ends early at its mentee's request
 * (notice five days before the demo's date) and the curator approves the new proposals, then the documents: consents, supplementary agreements,
 * the notice, the pay list of the last full month, letters of thanks and the certificates of the mentors thanked.
 */
export interface DemoLabourOptions {
  workbook: WorkbookPort;
  today: Date;
  progress: ProgressPort;
  documents: string;
  out: (line: string) => void;
  at: (month: number, day: number) => Date;
  cutoff: (d: Date) => boolean;
}

export async function playDemoLabour(o: DemoLabourOptions): Promise<void> {
  const wb = o.workbook;
  const step = (day: Date) => ({ workbook: wb, clock: clockAt(day), progress: o.progress });
  if (!o.cutoff(o.at(5, 1))) return;

  const monitoring = Table.load(wb, "monitoring");
  monitoring.rowIndexes().forEach((r, k) => {
    if (!/^П-/.test(String(monitoring.get(r, "scope")))) return;
    EXPERT_KEYS.forEach((key, i) => {
      if (monitoring.get(r, key) === "") monitoring.set(r, key, (k + i) % 4 === 0 ? 1 : 2);
    });
  });
  monitoring.flush(wb);
  recomputeMonitoring(step(o.today));

  const settings = Table.load(wb, "settings");
  const mail = settings.find("key", "pay_in_monthly_mail");
  if (mail >= 0) settings.set(mail, "value", "да");
  settings.flush(wb);

  // The first approved pair of «учитель – учитель» whose mentor the article covers ends early.
  const mentors = Table.load(wb, "mentors");
  const covered = new Set(
    mentors
      .records()
      .filter((m) => coverageOf(m.values).basis === "paid")
      .map((m) => String(m.values.id)),
  );
  const pair = Table.load(wb, "pairs")
    .records()
    .find(
      (p) =>
        p.values.status === PAIR_STATUS.approved &&
        p.values.form === "учитель – учитель" &&
        covered.has(String(p.values.mentor_id)),
    );
  if (pair) {
    // Done today on the notice given five days ago, so that «Журнал» stays in time order.
    const report = endPairEarly(step(o.today), {
      pairId: String(pair.values.pair_id),
      noticeDate: addDays(o.today, -5),
      initiator: "mentee",
      reason: "Просьба наставляемого о смене наставника: не совпадают графики работы",
    });
    o.out(describeEndPair(report));
    // The curator approves the new proposals the same day, as on 1 October.
    o.out(decidePairs(step(o.today), "approve_all"));
  }

  const kinds = LABOUR_KINDS.filter((k) => k !== "certificate");
  const docs = await writeDocuments(wb, clockAt(o.today, 10), kinds, { outDir: o.documents });
  // Certificates for the mentors thanked (any mentor's: mentor doc certificate --mentor ID).
  const thanked = docs.stored.filter((d) => d.kind === "thanks").map((d) => d.key.split(":")[1]);
  const certificates = thanked.length
    ? await writeDocuments(wb, clockAt(o.today, 10), ["certificate"], {
        outDir: o.documents,
        mentorIds: thanked,
      })
    : { stored: [], refused: [] };
  const counts = new Map<string, number>();
  for (const d of [...docs.stored, ...certificates.stored]) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  o.out(
    `Документы по ст. 351.8 ТК РФ и поощрение: ${[...counts.entries()].map(([k, n]) => `«${DOCUMENT_TITLES[k as DocumentKind] ?? k}» — ${n}`).join(", ")}`,
  );
  for (const r of docs.refused) o.out(r.message);
}
