/**
 * Embedded charts: one builder class serves every as*Chart() flavour (the specific setters write
 * the matching chart options), and the Charts global with its enums.
 */
import { instrument } from "./calls";
import { ChartHiddenDimensionStrategy, ChartMergeStrategy, ChartPosition, ChartType } from "./enums";
import { type Env, Fake } from "./env";
import type { ChartData, ChartPositionData, SheetModel } from "./model";
import { FakeRange, gasRange, unwrapRange } from "./range";

type GasChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type GasChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/** A chart before or after insertion; id is null until Sheet.insertChart. */
interface ChartSpec {
  id: number | null;
  chartType: string;
  ranges: FakeRange[];
  options: Record<string, unknown>;
  position: ChartPositionData;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

const CHART_METHODS = [
  "getChartId",
  "getContainerInfo",
  "getHiddenDimensionStrategy",
  "getMergeStrategy",
  "getNumHeaders",
  "getOptions",
  "getRanges",
  "getTransposeRowsAndColumns",
  "modify",
] as const;

function containerInfo(p: ChartPositionData): GoogleAppsScript.Spreadsheet.ContainerInfo {
  return {
    getAnchorColumn: () => p.anchorCol,
    getAnchorRow: () => p.anchorRow,
    getOffsetX: () => p.offsetX,
    getOffsetY: () => p.offsetY,
  };
}

export class FakeEmbeddedChart extends Fake implements Pick<GasChart, (typeof CHART_METHODS)[number]> {
  readonly gasType = "EmbeddedChart";

  constructor(
    env: Env,
    readonly spec: ChartSpec,
  ) {
    super(env);
  }
  getChartId(): number | null {
    return this.spec.id;
  }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return containerInfo({ ...this.spec.position });
  }
  getHiddenDimensionStrategy(): GoogleAppsScript.Charts.ChartHiddenDimensionStrategy {
    return this.spec
      .hiddenDimensionStrategy as unknown as GoogleAppsScript.Charts.ChartHiddenDimensionStrategy;
  }
  getMergeStrategy(): GoogleAppsScript.Charts.ChartMergeStrategy {
    return this.spec.mergeStrategy as unknown as GoogleAppsScript.Charts.ChartMergeStrategy;
  }
  getNumHeaders(): number {
    return this.spec.numHeaders;
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    const options = { ...this.spec.options };
    return { get: (option: string) => options[option] ?? null };
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.env.realm.array(this.spec.ranges.map(gasRange));
  }
  getTransposeRowsAndColumns(): boolean {
    return this.spec.transpose;
  }
  modify(): GasChartBuilder {
    return gasChartBuilder(new FakeEmbeddedChartBuilder(this.env, this.spec.ranges[0]?.sheet, this.spec));
  }
}
instrument(FakeEmbeddedChart, "Spreadsheet", "EmbeddedChart", CHART_METHODS);

const BUILDER_METHODS = [
  "addRange",
  "asAreaChart",
  "asBarChart",
  "asColumnChart",
  "asComboChart",
  "asHistogramChart",
  "asLineChart",
  "asPieChart",
  "asScatterChart",
  "asTableChart",
  "build",
  "clearRanges",
  "getChartType",
  "getContainer",
  "getRanges",
  "removeRange",
  "setChartType",
  "setHiddenDimensionStrategy",
  "setMergeStrategy",
  "setNumHeaders",
  "setOption",
  "setPosition",
  "setTransposeRowsAndColumns",
] as const;

/** Setters of the specific builders (EmbeddedColumnChartBuilder...), written as chart options. */
const SPECIFIC_METHODS = [
  "set3D",
  "setBackgroundColor",
  "setColors",
  "setLegendPosition",
  "setStacked",
  "setTitle",
  "setXAxisTitle",
  "setYAxisTitle",
] as const;

export class FakeEmbeddedChartBuilder
  extends Fake
  implements Pick<GasChartBuilder, (typeof BUILDER_METHODS)[number]>
{
  private readonly spec: ChartSpec;

  constructor(
    env: Env,
    readonly sheet: SheetModel | undefined,
    from?: ChartSpec,
  ) {
    super(env);
    this.spec = from
      ? { ...from, ranges: [...from.ranges], options: { ...from.options }, position: { ...from.position } }
      : {
          id: null,
          chartType: ChartType.COLUMN as unknown as string,
          ranges: [],
          options: {},
          position: { anchorRow: 1, anchorCol: 1, offsetX: 0, offsetY: 0 },
          numHeaders: -1,
          transpose: false,
          mergeStrategy: ChartMergeStrategy.MERGE_COLUMNS as unknown as string,
          hiddenDimensionStrategy: ChartHiddenDimensionStrategy.IGNORE_BOTH as unknown as string,
        };
  }

  /** The builder typed as any specific builder (they share this implementation). */
  private as<T>(chartType?: keyof typeof ChartType): T {
    if (chartType) this.spec.chartType = ChartType[chartType] as unknown as string;
    return this as unknown as T;
  }
  private option(key: string, value: unknown): GasChartBuilder {
    this.spec.options[key] = value;
    return this.as();
  }

  addRange(range: GoogleAppsScript.Spreadsheet.Range): GasChartBuilder {
    this.spec.ranges.push(
      unwrapRange(this.env, range, "SpreadsheetApp.EmbeddedChartBuilder.addRange", [range]),
    );
    return this.as();
  }
  asAreaChart(): GoogleAppsScript.Spreadsheet.EmbeddedAreaChartBuilder {
    return this.as("AREA");
  }
  asBarChart(): GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder {
    return this.as("BAR");
  }
  asColumnChart(): GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder {
    return this.as("COLUMN");
  }
  asComboChart(): GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder {
    return this.as("COMBO");
  }
  asHistogramChart(): GoogleAppsScript.Spreadsheet.EmbeddedHistogramChartBuilder {
    return this.as("HISTOGRAM");
  }
  asLineChart(): GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder {
    return this.as("LINE");
  }
  asPieChart(): GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder {
    return this.as("PIE");
  }
  asScatterChart(): GoogleAppsScript.Spreadsheet.EmbeddedScatterChartBuilder {
    return this.as("SCATTER");
  }
  asTableChart(): GoogleAppsScript.Spreadsheet.EmbeddedTableChartBuilder {
    return this.as("TABLE");
  }
  build(): GasChart {
    return gasChart(
      new FakeEmbeddedChart(this.env, new FakeEmbeddedChartBuilder(this.env, this.sheet, this.spec).spec),
    );
  }
  clearRanges(): GasChartBuilder {
    this.spec.ranges = [];
    return this.as();
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return this.spec.chartType as unknown as GoogleAppsScript.Charts.ChartType;
  }
  getContainer(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return containerInfo({ ...this.spec.position });
  }
  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this.env.realm.array(this.spec.ranges.map(gasRange));
  }
  removeRange(range: GoogleAppsScript.Spreadsheet.Range): GasChartBuilder {
    const r = unwrapRange(this.env, range, "SpreadsheetApp.EmbeddedChartBuilder.removeRange", [range]);
    this.spec.ranges = this.spec.ranges.filter((x) => !(x.sheet === r.sheet && x.a1() === r.a1()));
    return this.as();
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType): GasChartBuilder {
    this.spec.chartType = String(type);
    return this.as();
  }
  setHiddenDimensionStrategy(
    strategy: GoogleAppsScript.Charts.ChartHiddenDimensionStrategy,
  ): GasChartBuilder {
    this.spec.hiddenDimensionStrategy = String(strategy);
    return this.as();
  }
  setMergeStrategy(mergeStrategy: GoogleAppsScript.Charts.ChartMergeStrategy): GasChartBuilder {
    this.spec.mergeStrategy = String(mergeStrategy);
    return this.as();
  }
  setNumHeaders(headers: number): GasChartBuilder {
    this.spec.numHeaders = headers;
    return this.as();
  }
  setOption(option: string, value: unknown): GasChartBuilder {
    return this.option(option, value);
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): GasChartBuilder {
    this.spec.position = { anchorRow: anchorRowPos, anchorCol: anchorColPos, offsetX, offsetY };
    return this.as();
  }
  setTransposeRowsAndColumns(transpose: boolean): GasChartBuilder {
    this.spec.transpose = transpose;
    return this.as();
  }
  set3D(): GasChartBuilder {
    return this.option("is3D", true);
  }
  setBackgroundColor(cssValue: string): GasChartBuilder {
    return this.option("backgroundColor", cssValue);
  }
  setColors(cssValues: string[]): GasChartBuilder {
    return this.option("colors", [...cssValues]);
  }
  setLegendPosition(position: GoogleAppsScript.Charts.Position): GasChartBuilder {
    return this.option("legend.position", String(position).toLowerCase());
  }
  setStacked(): GasChartBuilder {
    return this.option("isStacked", true);
  }
  setTitle(chartTitle: string): GasChartBuilder {
    return this.option("title", chartTitle);
  }
  setXAxisTitle(title: string): GasChartBuilder {
    return this.option("hAxis.title", title);
  }
  setYAxisTitle(title: string): GasChartBuilder {
    return this.option("vAxis.title", title);
  }
}
instrument(FakeEmbeddedChartBuilder, "Spreadsheet", "EmbeddedChartBuilder", [
  ...BUILDER_METHODS,
  ...SPECIFIC_METHODS,
]);

export function gasChart(c: FakeEmbeddedChart): GasChart {
  return c as unknown as GasChart;
}

export function gasChartBuilder(b: FakeEmbeddedChartBuilder): GasChartBuilder {
  return b as unknown as GasChartBuilder;
}

function unwrapChart(env: Env, chart: unknown, method: string): FakeEmbeddedChart {
  if (chart instanceof FakeEmbeddedChart) return chart;
  throw env.signatureError(method, [chart]);
}

function toData(spec: ChartSpec, id: number): ChartData {
  return {
    id,
    chartType: spec.chartType,
    regions: spec.ranges.map((r) => r.sheet.track(r.rect())),
    options: { ...spec.options },
    position: { ...spec.position },
    numHeaders: spec.numHeaders,
    transpose: spec.transpose,
    mergeStrategy: spec.mergeStrategy,
    hiddenDimensionStrategy: spec.hiddenDimensionStrategy,
  };
}

function release(data: ChartData): void {
  for (const r of data.regions) r.sheet.untrack(r);
}

/** Sheet.insertChart. */
export function insertChart(env: Env, sheet: SheetModel, chart: unknown): void {
  const c = unwrapChart(env, chart, "SpreadsheetApp.Sheet.insertChart");
  const id = sheet.spreadsheet.nextId();
  sheet.charts.push(toData(c.spec, id));
  c.spec.id = id;
}

/** Sheet.updateChart: replaces the chart with the same id. */
export function updateChart(env: Env, sheet: SheetModel, chart: unknown): void {
  const c = unwrapChart(env, chart, "SpreadsheetApp.Sheet.updateChart");
  const i = sheet.charts.findIndex((d) => d.id === c.spec.id);
  if (i < 0) throw env.error("The chart does not exist on this sheet.");
  release(sheet.charts[i]);
  sheet.charts[i] = toData(c.spec, sheet.charts[i].id);
}

/** Sheet.removeChart. */
export function removeChart(env: Env, sheet: SheetModel, chart: unknown): void {
  const c = unwrapChart(env, chart, "SpreadsheetApp.Sheet.removeChart");
  const data = sheet.charts.find((d) => d.id === c.spec.id);
  if (!data) throw env.error("The chart does not exist on this sheet.");
  release(data);
  sheet.charts = sheet.charts.filter((d) => d !== data);
}

/** Sheet.getCharts(): fresh chart objects with their current ranges. */
export function chartsOf(env: Env, sheet: SheetModel): GasChart[] {
  return env.realm.array(
    sheet.charts.map((d) =>
      gasChart(
        new FakeEmbeddedChart(env, {
          id: d.id,
          chartType: d.chartType,
          ranges: d.regions
            .filter((r) => r.valid)
            .map((r) => new FakeRange(env, r.sheet, r.row, r.col, r.numRows, r.numCols)),
          options: { ...d.options },
          position: { ...d.position },
          numHeaders: d.numHeaders,
          transpose: d.transpose,
          mergeStrategy: d.mergeStrategy,
          hiddenDimensionStrategy: d.hiddenDimensionStrategy,
        }),
      ),
    ),
  );
}

/** The Charts global (enums only: the standalone chart builders are not faked). */
export function createCharts(): Pick<
  GoogleAppsScript.Charts.Charts,
  "ChartType" | "Position" | "ChartMergeStrategy" | "ChartHiddenDimensionStrategy"
> {
  return { ChartType, Position: ChartPosition, ChartMergeStrategy, ChartHiddenDimensionStrategy };
}
