/** Reading the seed documents in tests (Node only): excerpts kept in test/fixtures/seeds. */
import * as fs from "node:fs";
import * as path from "node:path";

export const SEEDS_DIR = path.resolve(__dirname, "../fixtures/seeds");

/** Seeds 000–003 whole; of seed 004 only its two roadmap tables (§2 and §9), see the README there. */
export const SEED_FILES: Record<string, string> = {
  "000": "000.txt",
  "001": "001.txt",
  "002": "002.txt",
  "003": "003.txt",
  "004": "004-roadmaps.txt",
};

export function seedText(seed: string): string {
  return fs.readFileSync(path.join(SEEDS_DIR, SEED_FILES[seed]), "utf8");
}

export function seedLines(seed: string): string[] {
  return seedText(seed).split("\n");
}

/** The lines of a seed from the first line containing `from` up to (not including) the first line after it containing `to`. */
export function seedSlice(seed: string, from?: string, to?: string): string {
  const lines = seedLines(seed);
  const a = from ? lines.findIndex((l) => l.includes(from)) : 0;
  if (a < 0) throw new Error(`«${from}» not found in seed ${seed}`);
  const b = to ? lines.findIndex((l, i) => i > a && l.includes(to)) : lines.length;
  if (b < 0) throw new Error(`«${to}» not found in seed ${seed}`);
  return lines.slice(a, b).join("\n");
}

/** The roadmap tables of the seeds, as a curator would copy them. */
export const SEED_TABLES: Array<{
  name: string;
  seed: string;
  from?: string;
  to?: string;
  template: string;
}> = [
  { name: "000", seed: "000", from: "<b>Мероприятие</b>", template: "school-general" },
  { name: "001", seed: "001", from: "№ п/п", to: "Планируемые результаты", template: "school-general-plan" },
  { name: "002", seed: "002", from: "Задачи\t", template: "teacher-teacher-additional-education" },
  { name: "003", seed: "003", from: "№\tНаименование этапа", template: "teacher-system" },
  {
    name: "004 §2",
    seed: "004",
    from: "<b>Ответственный исполнитель</b>",
    to: "### 3.",
    template: "teacher-system-program",
  },
  { name: "004 §9", seed: "004", from: "<b>№</b>", template: "teacher-system-program" },
];
