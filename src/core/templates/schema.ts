import * as z from "zod/mini";
import type { SheetKey } from "../workbook/keys.generated";

/**
 * The workbook as data: every sheet, its columns and seed rows. Loaded from
 * sheets-templates/workbook.json, validated here, bundled into Code.js at build time.
 */

export const columnTypes = [
  "id",
  "text",
  "longtext",
  "email",
  "phone",
  "date",
  "datetime",
  "integer",
  "number",
  "percent",
  "bool",
  "choice",
  "multichoice",
  "url",
  /** Mixed values (a parameter's value): no number format, no validation. */
  "any",
] as const;

const identifier = z.string().check(z.regex(/^[a-z][a-z0-9_]*$/));

export const columnSchema = z
  .object({
    /** Stable identity, kept in the hidden key row above the header. */
    key: identifier,
    header: z.string().check(z.minLength(1)),
    /** Older or common header texts also recognised when the key row is lost. */
    aliases: z.optional(z.array(z.string())),
    type: z.enum(columnTypes),
    required: z.optional(z.boolean()),
    /** A list of «Справочники» (by its column key) the value is chosen from. */
    list: z.optional(z.string()),
    /** A fixed list of values (statuses and the like). */
    values: z.optional(z.array(z.string())),
    min: z.optional(z.number()),
    max: z.optional(z.number()),
    width: z.optional(z.int().check(z.positive())),
    note: z.optional(z.string()),
    /** Written by the program, protected from hand edits. */
    computed: z.optional(z.boolean()),
    /** Items of a «Справочники» list, seeded when the list column is new or empty. */
    items: z.optional(z.array(z.string())),
    /**
     * Holds a participant's personal data: a name, an e-mail, a phone, a birth date, their own
     * answers, free text about them or the curator's notes on them. «Отозвать согласие» removes or
     * rewrites it; what a person's row keeps is the columns without it.
     */
    personal: z.optional(z.boolean()),
    /** A technical column (a key, a code): hidden from the reader, still found by its key. */
    hidden: z.optional(z.boolean()),
    /** Wrap the text of the data cells (default: long text wraps, the rest does not). */
    wrap: z.optional(z.boolean()),
  })
  .check(
    z.refine((c) => !(c.list && c.values), { message: "a column takes either list or values" }),
    z.refine((c) => !((c.type === "choice" || c.type === "multichoice") && !c.list && !c.values), {
      message: "a choice column needs list or values",
    }),
  );

const seedValue = z.union([z.string(), z.number(), z.boolean()]);

export const sheetSchema = z.object({
  key: identifier,
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  /**
   * table: key row, header row, data rows.
   * settings: a table of parameters identified by their key column; missing parameters are added.
   * lists: «Справочники», each column a controlled list.
   * dashboard: built by the summary use-case (formulas and charts), protected.
   */
  kind: z.enum(["table", "settings", "lists", "dashboard"]),
  description: z.string(),
  tabColor: z.optional(z.string().check(z.regex(/^#[0-9a-f]{6}$/))),
  /** Protect the whole sheet (warning only for the curator). */
  protected: z.optional(z.boolean()),
  /**
   * The sheet as a whole holds participants' personal data (each row is a person, their
   * questionnaire or its original): «Защитить персональные данные» lets only the curators edit it.
   */
  personalData: z.optional(z.boolean()),
  /** The column (by key) a reader follows a row by: frozen, with every column left of it. */
  nameColumn: z.optional(z.string()),
  /**
   * «Сводка» (a dashboard) is set up for print when true. Every table, «Настройки» and «Справочники»
   * are set up for print whatever this says: A4 landscape, as many pages wide as stay legible,
   * header rows repeated (`buildLayout`).
   */
  print: z.optional(z.boolean()),
  /**
   * The last column (by key) a printed page carries: the columns right of it (notes, the end of a
   * pair, the program's explanations, the log's source data) are left out of the print area so the
   * rest stays legible.
   */
  printThrough: z.optional(z.string()),
  /** The column whose value identifies a row (settings, seeded tables). */
  rowKey: z.optional(z.string()),
  columns: z.array(columnSchema),
  /** Rows seeded at init when no row with the same rowKey exists. */
  rows: z.optional(z.array(z.record(z.string(), seedValue))),
  /**
   * settings: the fixed values a parameter is chosen from, by its row key (the «Часовой пояс» of
   * the school); its value cell gets a dropdown of them.
   */
  choices: z.optional(z.record(z.string(), z.array(z.string()))),
});

/** The header rows' look, the same in Google Sheets and in the .xlsx. */
export const headerStyleSchema = z.object({
  /** A font every runtime has (Sheets lists it; Excel and LibreOffice have it or a metric twin). */
  fontFamily: z.string().check(z.minLength(1)),
  /** Points, a whole number: the Sheets API's TextFormat.fontSize is an int32. */
  fontSize: z.int().check(z.positive()),
  bold: z.boolean(),
  background: z.string().check(z.regex(/^#[0-9a-f]{6}$/)),
});
export type HeaderStyle = z.infer<typeof headerStyleSchema>;

export const workbookTemplateSchema = z
  .object({
    version: z.int().check(z.positive()),
    headerStyle: headerStyleSchema,
    sheets: z.array(sheetSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((wb, ctx) => {
      const names = new Set<string>();
      const keys = new Set<string>();
      for (const sheet of wb.sheets) {
        if (names.has(sheet.name))
          ctx.addIssue({ code: "custom", message: `duplicate sheet name ${sheet.name}` });
        if (keys.has(sheet.key))
          ctx.addIssue({ code: "custom", message: `duplicate sheet key ${sheet.key}` });
        names.add(sheet.name);
        keys.add(sheet.key);
        const colKeys = new Set<string>();
        const headers = new Set<string>();
        for (const col of sheet.columns) {
          if (colKeys.has(col.key))
            ctx.addIssue({ code: "custom", message: `${sheet.name}: duplicate column key ${col.key}` });
          if (headers.has(col.header))
            ctx.addIssue({ code: "custom", message: `${sheet.name}: duplicate header ${col.header}` });
          colKeys.add(col.key);
          headers.add(col.header);
        }
        if (sheet.personalData && !sheet.columns.some((c) => c.personal))
          ctx.addIssue({ code: "custom", message: `${sheet.name}: personal data, but no personal column` });
        if (sheet.rowKey && !colKeys.has(sheet.rowKey))
          ctx.addIssue({ code: "custom", message: `${sheet.name}: rowKey ${sheet.rowKey} is not a column` });
        if (sheet.nameColumn && !colKeys.has(sheet.nameColumn))
          ctx.addIssue({
            code: "custom",
            message: `${sheet.name}: nameColumn ${sheet.nameColumn} is not a column`,
          });
        if (sheet.printThrough && !colKeys.has(sheet.printThrough))
          ctx.addIssue({
            code: "custom",
            message: `${sheet.name}: printThrough ${sheet.printThrough} is not a column`,
          });
        if (sheet.nameColumn && sheet.columns.find((c) => c.key === sheet.nameColumn)?.hidden)
          ctx.addIssue({
            code: "custom",
            message: `${sheet.name}: nameColumn ${sheet.nameColumn} is hidden`,
          });
        for (const [row, values] of Object.entries(sheet.choices ?? {})) {
          const seed = (sheet.rows ?? []).find((r) => sheet.rowKey && r[sheet.rowKey] === row);
          if (sheet.kind !== "settings" || !seed)
            ctx.addIssue({
              code: "custom",
              message: `${sheet.name}: choices for ${row}, not a seeded parameter`,
            });
          else if (seed.value !== "" && !values.includes(String(seed.value)))
            ctx.addIssue({
              code: "custom",
              message: `${sheet.name}: ${row}'s default is not one of its choices`,
            });
        }
      }
      const lists = wb.sheets.find((s) => s.kind === "lists");
      const listKeys = new Set(lists ? lists.columns.map((c) => c.key) : []);
      for (const sheet of wb.sheets)
        for (const col of sheet.columns)
          if (col.list && !listKeys.has(col.list))
            ctx.addIssue({ code: "custom", message: `${sheet.name}.${col.key}: unknown list ${col.list}` });
    }),
  );

export type ColumnTemplate = z.infer<typeof columnSchema>;
/** A sheet of the template; its key is one of keys.generated.ts (generated from the same JSON). */
export type SheetTemplate = Omit<z.infer<typeof sheetSchema>, "key"> & { key: SheetKey };
export type WorkbookTemplate = Omit<z.infer<typeof workbookTemplateSchema>, "sheets"> & {
  sheets: SheetTemplate[];
};
