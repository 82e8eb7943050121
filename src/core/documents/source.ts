import { textWithIsoDates } from "../cells";
import { schoolYearLabel, schoolYearStartYear, toCalendarDate } from "../dates";
import type { Cell, Grid, WorkbookPort } from "../ports";
import { type PairLinks, pairLinks } from "../questionnaires/prefill";
import { parseSettings } from "../settings";
import type { SummaryFigures } from "../summary/figures";
import { planSummary } from "../summary/plan";
import type { SettingKey, SheetKey } from "../workbook/keys.generated";
import { PAIR_STATUS } from "../workbook/statuses";
import { type RecordValues, type Row, Table } from "../workbook/table";
import { type Gender, genderOf } from "./names";
import { guillemets } from "./typography";

/**
 * What documents read from the workbook, read lazily: each sheet at most once per operation,
 * whatever the number of documents built from it.
 */

/** The school and its officials, from «Настройки». */
export interface SchoolInfo {
  name: string;
  short: string;
  city: string;
  /** «2026/2027». */
  schoolYear: string;
  schoolYearStart: number;
  programStart: Date;
  programEnd: Date;
  director: string;
  directorEmail: string;
  curator: string;
  curatorEmail: string;
  psychologist: string;
  department: string;
  /** «Начальник», nominative. */
  departmentHeadPosition: string;
  departmentHead: string;
  departmentEmail: string;
  meetingsPerMonth: number;
  stallDays: number;
  satisfiedThreshold: number;
}

export interface PairInfo {
  id: string;
  mentorId: string;
  mentorName: string;
  menteeId: string;
  menteeName: string;
  form: string;
  roleModel: string;
  group: string;
  status: string;
  approvedAt: Date | null;
  orderRef: string;
  start: Date | null;
  end: Date | null;
  /** From «Пол» in the bank, else from the patronymic; null when nothing tells. */
  mentorGender: Gender | null;
  menteeGender: Gender | null;
}

/** Statuses of pairs that took part in the program. */
export const ACTIVE_PAIR_STATUSES: string[] = [PAIR_STATUS.approved, PAIR_STATUS.completed];

/** «a, b, c» → ["a", "b", "c"]. */
export function items(v: Cell | undefined): string[] {
  return textWithIsoDates(v)
    .split(/\s*[,;\n]\s*/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * The workbook with each sheet read at most once: the documents' own tables and the summary's
 * computation share the reads. Everything else goes to the workbook itself (the documents write
 * «Журнал» through `DocumentSource.workbook`, after reading).
 */
function readOnce(wb: WorkbookPort): WorkbookPort {
  const grids = new Map<string, Grid>();
  const read = (sheet: string): Grid => {
    let g = grids.get(sheet);
    if (!g) {
      g = wb.read(sheet);
      grids.set(sheet, g);
    }
    return g;
  };
  return new Proxy(wb, {
    get(target, key) {
      if (key === "read") return read;
      const v = Reflect.get(target, key);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

export class DocumentSource {
  private readonly tables = new Map<SheetKey, Table>();
  private readonly reads: WorkbookPort;
  private schoolCache: SchoolInfo | undefined;
  private linksCache: Map<string, PairLinks> | undefined;
  private summaryCache: SummaryFigures | undefined;

  /** `today` is the calendar date the documents are dated by. */
  constructor(
    readonly workbook: WorkbookPort,
    readonly today: Date,
  ) {
    this.reads = readOnce(workbook);
  }

  /** One sheet by template key, read once. */
  table<S extends SheetKey>(key: S): Table<S> {
    let t = this.tables.get(key) as Table<S> | undefined;
    if (!t) {
      t = Table.load(this.reads, key);
      this.tables.set(key, t);
    }
    return t;
  }

  /**
   * The figures of «Сводка» for today (core/usecases/summary): the indicators the documents report
   * are the very values of its formulas and of «Показатели». Computed once, from the sheets read here.
   */
  summary(): SummaryFigures {
    if (!this.summaryCache) this.summaryCache = planSummary(this.reads, this.today).figures;
    return this.summaryCache;
  }

  records<S extends SheetKey>(key: S): Row<S>[] {
    return this.table(key)
      .records()
      .map((r) => r.values);
  }

  /** Each approved pair's pre-filled links (questionnaires/prefill.ts); empty before the forms are published. */
  pairLinks(): Map<string, PairLinks> {
    if (!this.linksCache) this.linksCache = pairLinks(this.reads);
    return this.linksCache;
  }

  /** The value of a «Настройки» row by its code (the "key" column). */
  setting(key: SettingKey): Cell {
    const t = this.table("settings");
    const row = t.find("key", key);
    return row < 0 ? "" : t.get(row, "value");
  }

  /** The school and its officials, parsed by core/settings from the «Настройки» read here. */
  school(): SchoolInfo {
    if (this.schoolCache) return this.schoolCache;
    const t = this.table("settings");
    const values: Record<string, Cell> = Object.create(null);
    for (const r of t.rowIndexes()) {
      const key = textWithIsoDates(t.get(r, "key"));
      if (key !== "" && !(key in values)) values[key] = t.get(r, "value");
    }
    const s = parseSettings(values, { today: this.today });
    const startYear = s.schoolYear ?? schoolYearStartYear(this.today);
    // Names typed with straight quotes («МБОУ "СОШ № 1"») get guillemets, as official papers have.
    this.schoolCache = {
      name: guillemets(s.schoolName),
      short: guillemets(s.schoolShort || s.schoolName),
      city: s.schoolCity,
      schoolYear: s.schoolYearLabel || schoolYearLabel(startYear),
      schoolYearStart: startYear,
      programStart: s.programStart ?? new Date(Date.UTC(startYear, 8, 1)),
      programEnd: s.programEnd ?? new Date(Date.UTC(startYear + 1, 4, 31)),
      director: s.directorName,
      directorEmail: s.directorEmail,
      curator: s.curatorName,
      curatorEmail: s.curatorEmail,
      psychologist: s.psychologistName,
      department: guillemets(s.departmentName),
      departmentHeadPosition: s.departmentHeadPosition,
      departmentHead: s.departmentHead,
      departmentEmail: s.departmentEmail,
      meetingsPerMonth: s.meetingsPerMonth,
      stallDays: s.stallDays,
      satisfiedThreshold: s.satisfiedThreshold,
    };
    return this.schoolCache;
  }

  pairs(): PairInfo[] {
    return this.records("pairs")
      .map((p) => ({
        id: textWithIsoDates(p.pair_id),
        mentorId: textWithIsoDates(p.mentor_id),
        mentorName: textWithIsoDates(p.mentor_name),
        menteeId: textWithIsoDates(p.mentee_id),
        menteeName: textWithIsoDates(p.mentee_name),
        form: textWithIsoDates(p.form),
        roleModel: textWithIsoDates(p.role_model),
        // «Группа: Иванова А.А.» in «Пары» (matching's label): the documents say «группа …» themselves.
        group: textWithIsoDates(p.group).replace(/^\s*группа\s*:?\s*/i, ""),
        status: textWithIsoDates(p.status).toLowerCase(),
        approvedAt: toCalendarDate(p.approved_at),
        orderRef: textWithIsoDates(p.order_ref),
        start: toCalendarDate(p.start_date),
        end: toCalendarDate(p.end_date),
        mentorGender: null,
        menteeGender: null,
      }))
      .filter((p) => p.id !== "" || p.mentorId !== "");
  }

  /** Pairs with status «утверждена», with the names filled from the banks where the sheet has none. */
  approvedPairs(): PairInfo[] {
    return this.withNames(this.pairs().filter((p) => p.status === PAIR_STATUS.approved));
  }

  /** Pairs that took part in the program (approved or completed). */
  activePairs(): PairInfo[] {
    return this.withNames(this.pairs().filter((p) => ACTIVE_PAIR_STATUSES.includes(p.status)));
  }

  private withNames(pairs: PairInfo[]): PairInfo[] {
    const mentors = this.byId("mentors");
    const mentees = this.byId("mentees");
    return pairs.map((p) => {
      const mentor = mentors.get(p.mentorId);
      const mentee = mentees.get(p.menteeId);
      const mentorName = p.mentorName || textWithIsoDates(mentor?.full_name);
      const menteeName = p.menteeName || textWithIsoDates(mentee?.full_name);
      return {
        ...p,
        mentorName,
        menteeName,
        form: p.form || textWithIsoDates(mentee?.form),
        roleModel: p.roleModel || textWithIsoDates(mentee?.role_model),
        mentorGender: genderOf(mentorName, textWithIsoDates(mentor?.gender)),
        menteeGender: genderOf(menteeName, textWithIsoDates(mentee?.gender)),
      };
    });
  }

  private readonly idMaps = new Map<string, Map<string, RecordValues>>();

  /** A bank («mentors» / «mentees») by participant ID. */
  byId(key: "mentors" | "mentees"): Map<string, RecordValues> {
    let m = this.idMaps.get(key);
    if (!m) {
      m = new Map();
      for (const r of this.records(key)) if (textWithIsoDates(r.id) !== "") m.set(textWithIsoDates(r.id), r);
      this.idMaps.set(key, m);
    }
    return m;
  }
}
