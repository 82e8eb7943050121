/**
 * RichTextValue and its builder (SpreadsheetApp.newRichTextValue): a cell's text with runs, each
 * with its own link. As Google documents: a Rich Text value exists only for a text cell
 * (Range.getRichTextValue «returns … null if the cell value is not text»; the Sheets API's
 * CellData.textFormatRuns «are only valid on user entered strings, not formulas, bools, or
 * numbers»), and writing a new value erases the runs («When writing a new user_entered_value,
 * previous runs will be erased»): setValue/setValues over a linked cell leave plain text, whatever
 * the value written.
 */
import { instrument } from "./calls";
import { type Env, Fake } from "./env";

/** A run of a cell's text: [start, end) and its link (null: none). */
export interface RichRun {
  start: number;
  end: number;
  link: string | null;
}

/** What a cell stores besides its value: the runs of its text. */
export interface RichData {
  text: string;
  runs: RichRun[];
}

type GasRichTextValue = GoogleAppsScript.Spreadsheet.RichTextValue;
type GasRichTextValueBuilder = GoogleAppsScript.Spreadsheet.RichTextValueBuilder;

const VALUE_METHODS = ["copy", "getEndIndex", "getLinkUrl", "getRuns", "getStartIndex", "getText"] as const;
const BUILDER_METHODS = ["build", "setLinkUrl", "setText"] as const;

/** Runs that cover the text, adjacent runs with the same link merged (a run is the longest such). */
function normalize(text: string, runs: RichRun[]): RichRun[] {
  const links: (string | null)[] = new Array(text.length).fill(null);
  for (const r of runs)
    for (let i = Math.max(0, r.start); i < Math.min(text.length, r.end); i++) links[i] = r.link;
  const out: RichRun[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1];
    if (last && last.link === links[i]) last.end = i + 1;
    else out.push({ start: i, end: i + 1, link: links[i] });
  }
  return out;
}

export class FakeRichTextValue
  extends Fake
  implements Pick<GasRichTextValue, (typeof VALUE_METHODS)[number]>
{
  readonly gasType = "RichTextValue";

  constructor(
    env: Env,
    readonly data: RichData,
    /** The part of the text this value is (a run is a value over part of its cell's text). */
    private readonly from = 0,
    private readonly to = data.text.length,
  ) {
    super(env);
  }

  copy(): GasRichTextValueBuilder {
    return gasRichTextBuilder(new FakeRichTextValueBuilder(this.env, this.data));
  }
  getEndIndex(): number {
    return this.to;
  }
  getStartIndex(): number {
    return this.from;
  }
  getText(): string {
    return this.data.text.slice(this.from, this.to);
  }
  /** The link of the text (or of [start, end) of it); null when none, or several different. */
  getLinkUrl(startOffset?: number, endOffset?: number): string | null {
    const a = this.from + (startOffset ?? 0);
    const b = endOffset === undefined ? this.to : this.from + endOffset;
    const links = new Set(this.data.runs.filter((r) => r.start < b && r.end > a).map((r) => r.link));
    return links.size === 1 ? [...links][0] : null;
  }
  getRuns(): GasRichTextValue[] {
    return this.env.realm.array(
      this.data.runs
        .filter((r) => r.start < this.to && r.end > this.from)
        .map((r) =>
          gasRichText(
            new FakeRichTextValue(
              this.env,
              this.data,
              Math.max(r.start, this.from),
              Math.min(r.end, this.to),
            ),
          ),
        ),
    );
  }
}
// A RichTextValue is an immutable value the script holds (like the builder's product): reading its
// text, runs and links is no call to the Spreadsheet service, so its getters are not counted.
void VALUE_METHODS;

export class FakeRichTextValueBuilder
  extends Fake
  implements Pick<GasRichTextValueBuilder, (typeof BUILDER_METHODS)[number]>
{
  readonly gasType = "RichTextValueBuilder";
  private text: string;
  private runs: RichRun[];

  constructor(env: Env, from?: RichData) {
    super(env);
    this.text = from?.text ?? "";
    this.runs = from ? from.runs.map((r) => ({ ...r })) : [];
  }

  setText(text: string): GasRichTextValueBuilder {
    this.text = String(text);
    this.runs = [];
    return gasRichTextBuilder(this);
  }
  setLinkUrl(a: unknown, b?: unknown, c?: unknown): GasRichTextValueBuilder {
    if (b === undefined)
      this.runs.push({ start: 0, end: this.text.length, link: a === null ? null : String(a) });
    else {
      const start = Number(a);
      const end = Number(b);
      if (
        !Number.isInteger(start) ||
        !Number.isInteger(end) ||
        start < 0 ||
        end > this.text.length ||
        start > end
      )
        throw this.env.error("Invalid argument: the offsets are out of the text's range.");
      this.runs.push({ start, end, link: c === null ? null : String(c) });
    }
    return gasRichTextBuilder(this);
  }
  build(): GasRichTextValue {
    return gasRichText(
      new FakeRichTextValue(this.env, { text: this.text, runs: normalize(this.text, this.runs) }),
    );
  }
}
instrument(FakeRichTextValueBuilder, "Spreadsheet", "RichTextValueBuilder", BUILDER_METHODS);

export function gasRichText(v: FakeRichTextValue): GasRichTextValue {
  return v as unknown as GasRichTextValue;
}

export function gasRichTextBuilder(b: FakeRichTextValueBuilder): GasRichTextValueBuilder {
  return b as unknown as GasRichTextValueBuilder;
}

/** A plain text's Rich Text value: one run, no link. */
export function plainRich(text: string): RichData {
  return { text, runs: text === "" ? [] : [{ start: 0, end: text.length, link: null }] };
}
