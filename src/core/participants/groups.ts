import { plural } from "../text";

/**
 * Pairs and groups as the order lists them: a mentor with one mentee of the rows is a pair, a
 * mentor with several mentees leads a group. The one count of «пары и группы» for «Сводка»,
 * the documents and the mails: «10 пар и 16 групп, 46 наставляемых».
 */
export interface PairsAndGroups {
  /** Individual pairs: mentors with exactly one mentee. */
  pairs: number;
  /** Groups: mentors with more than one mentee. */
  groups: number;
  mentors: number;
  mentees: number;
}

/** «12 пар и 15 групп, 46 наставляемых» (a part that is zero is left out), for messages. */
export function pairsAndGroupsPhrase(c: PairsAndGroups): string {
  const n = (k: number, one: string, few: string, many: string) => `${k} ${plural(k, one, few, many)}`;
  const parts = [
    ...(c.pairs > 0 || c.groups === 0 ? [n(c.pairs, "пара", "пары", "пар")] : []),
    ...(c.groups > 0 ? [n(c.groups, "группа", "группы", "групп")] : []),
  ];
  return `${parts.join(" и ")}, ${n(c.mentees, "наставляемый", "наставляемых", "наставляемых")}`;
}

export function countPairsAndGroups(rows: { mentorId: string; menteeId: string }[]): PairsAndGroups {
  const perMentor = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = perMentor.get(r.mentorId) ?? new Set<string>();
    set.add(r.menteeId);
    perMentor.set(r.mentorId, set);
  }
  const sizes = [...perMentor.values()].map((s) => s.size);
  return {
    pairs: sizes.filter((n) => n === 1).length,
    groups: sizes.filter((n) => n > 1).length,
    mentors: perMentor.size,
    mentees: new Set(rows.map((r) => r.menteeId)).size,
  };
}
