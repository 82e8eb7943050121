/**
 * The review sidebar's view of «Пары»: a short card per proposed or rejected pair (names, «балл 65
 * из 100», one line of reason in words, the details on demand), each mentor's places («занято 2 из
 * 2») and the forms present. Built from the sheet as it is, so the page shows what the curator would
 * see in «Пары» after the last decision.
 */
import { cellBool, isBlank } from "../cells";
import type { Cell, WorkbookPort } from "../ports";
import { readSettings } from "../settings";
import { count } from "../text";
import { PAIR_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";

export interface ReviewCard {
  pairId: string;
  mentorId: string;
  mentor: string;
  menteeId: string;
  mentee: string;
  form: string;
  score: number;
  /** The most the base criteria give (the weights' sum: 100 by default). */
  scoreMax: number;
  /** One line in words: how good a choice the mentor is and what matched. */
  reason: string;
  /** The explanation's sentences and the points by criterion, shown on demand. */
  details: string[];
  status: typeof PAIR_STATUS.proposed | typeof PAIR_STATUS.rejected;
  /** «Не менять при переподборе» (the «Пары» column of the same name, key `locked`). */
  keep: boolean;
}

export interface ReviewMentor {
  id: string;
  name: string;
  capacity: number;
  /** The mentor's mentees once the proposals are approved (placesTaken). */
  taken: number;
}

export interface ReviewView {
  cards: ReviewCard[];
  mentors: ReviewMentor[];
  forms: string[];
}

/** The result of a decision made in the sidebar: its Russian message and the view after it. */
export interface ReviewResult {
  message: string;
  view: ReviewView;
}

/** The one line of help beside «Не менять при переподборе». */
export const KEEP_HELP = "Пара останется такой же при любом повторном подборе, даже полном.";

/** A mentor's places as the curator says it: «занято 2 из 2». */
export function placesText(m: Pick<ReviewMentor, "taken" | "capacity">): string {
  return `занято ${m.taken} из ${m.capacity}`;
}

const CRITERION_WORDS: Record<string, string> = {
  предмет: "предмет",
  "запросы и компетенции": "запросы",
  интересы: "интересы",
  "возрастная группа": "возраст",
  время: "время",
  "ролевая модель": "ролевая модель",
  предпочтение: "выбор участника",
  "взаимное предпочтение": "взаимный выбор",
};

/**
 * The short reason and the details of a pair from its «Обоснование подбора» (written by «Подобрать
 * пары»: the solver's sentences, then «Баллы: предмет 20 из 20; …»). Text that is not in that form
 * (typed by hand, older versions) is shown as it is.
 */
export function reasonOf(explanation: string): { reason: string; details: string[] } {
  const text = explanation.trim();
  const at = text.lastIndexOf("Баллы:");
  const solver = (at >= 0 ? text.slice(0, at) : text).trim();
  const pointsText = at >= 0 ? text.slice(at + "Баллы:".length).replace(/\.\s*$/, "") : "";
  const points = pointsText
    .split(";")
    .map((s) => /^\s*(.+?)\s+(\d+(?:,\d+)?)\s+из\s+(\d+(?:,\d+)?)\s*$/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ label: m[1], got: Number(m[2].replace(",", ".")), of: Number(m[3].replace(",", ".")) }));
  const sentences = solver
    .split(/(?<=\.)\s+(?=[А-ЯЁA-Z])/)
    .map((s) => s.trim())
    .filter((s) => s !== "");

  let rank = "";
  const first = sentences[0] ?? "";
  const best = /первый выбор из (\d+)/.exec(first);
  const nth = /(\d+)-й по баллу из (\d+)/.exec(first);
  if (best) rank = `лучший из ${best[1]} подходящих`;
  else if (/единственный возможный/.test(first)) rank = "единственный подходящий";
  else if (nth) {
    rank = `${nth[1]}-й из ${nth[2]} подходящих`;
    if (/нет свободных мест|нет мест/.test(sentences[1] ?? "")) rank += ", у лучших нет мест";
  } else if (/^Устойчивое распределение/.test(first)) rank = "по взаимным предпочтениям";
  else if (/^Пара закреплена/.test(first)) rank = "оставлена куратором";

  const matched = points
    .filter((p) => p.of > 0 && p.got >= p.of)
    .map((p) => CRITERION_WORDS[p.label] ?? p.label);
  const parts = [];
  if (rank) parts.push(rank);
  if (matched.length > 0) parts.push(`совпали: ${matched.join(", ")}`);
  const reason = parts.length > 0 ? parts.join("; ") : first || "обоснование не записано";
  const fmt = (x: number) => String(x).replace(".", ",");
  const details = [
    ...sentences,
    ...points.filter((p) => p.of > 0).map((p) => `${p.label}: ${fmt(p.got)} из ${fmt(p.of)}`),
  ];
  return { reason: reason.charAt(0).toUpperCase() + reason.slice(1), details };
}

/**
 * Each mentor's places as they will be once the proposals are approved: every mentee counts once,
 * for their proposed pair if they have one (a full re-match proposes a pair in place of an approved
 * one, which it supersedes), else for their approved pair. So an approved pair re-proposed by a full
 * re-match is not counted twice, and a mentee moved to another mentor frees the old mentor's place.
 */
export function placesTaken(pairs: Iterable<{ values: Record<string, unknown> }>): Map<string, number> {
  const proposed = new Map<string, Set<string>>();
  const approved = new Map<string, Set<string>>();
  for (const { values } of pairs) {
    const into =
      values.status === PAIR_STATUS.proposed
        ? proposed
        : values.status === PAIR_STATUS.approved
          ? approved
          : null;
    if (!into) continue;
    const mentee = String(values.mentee_id ?? "").trim();
    const mentors = into.get(mentee) ?? new Set<string>();
    mentors.add(String(values.mentor_id ?? "").trim());
    into.set(mentee, mentors);
  }
  const taken = new Map<string, number>();
  for (const mentee of new Set([...proposed.keys(), ...approved.keys()]))
    for (const mentor of proposed.get(mentee) ?? approved.get(mentee) ?? [])
      taken.set(mentor, (taken.get(mentor) ?? 0) + 1);
  return taken;
}

/** «да», or TRUE / 1 as an older workbook holds a yes. */
const isTrue = (v: Cell) => cellBool(v) === true;

/** The sidebar's view: proposed and rejected pairs, weakest first; each mentor's places. */
export function reviewView(wb: WorkbookPort): ReviewView {
  const settings = readSettings(wb);
  const w = settings.weights;
  const scoreMax = w.subject + w.competencies + w.interests + w.ageGroup + w.time + w.roleModel;
  const pairs = Table.load(wb, "pairs").records();
  const taken = placesTaken(pairs);
  const cards: ReviewCard[] = [];
  for (const { values } of pairs) {
    if (values.status !== PAIR_STATUS.proposed && values.status !== PAIR_STATUS.rejected) continue;
    const { reason, details } = reasonOf(String(values.explanation ?? ""));
    cards.push({
      pairId: String(values.pair_id),
      mentorId: String(values.mentor_id),
      mentor: String(values.mentor_name),
      menteeId: String(values.mentee_id),
      mentee: String(values.mentee_name),
      form: String(values.form),
      score: Number(values.score) || 0,
      scoreMax,
      reason,
      details,
      status: values.status,
      keep: isTrue(values.locked),
    });
  }
  cards.sort((a, b) => a.score - b.score || a.pairId.localeCompare(b.pairId));
  const inCards = new Set(cards.map((c) => c.mentorId.trim()));
  const mentors: ReviewMentor[] = [];
  for (const { values } of Table.load(wb, "mentors").records()) {
    const id = String(values.id).trim();
    if (!inCards.has(id)) continue;
    const c = Number(values.capacity);
    mentors.push({
      id,
      name: String(values.full_name),
      capacity: !isBlank(values.capacity) && Number.isFinite(c) && c > 0 ? Math.floor(c) : 1,
      taken: taken.get(id) ?? 0,
    });
  }
  const forms = [...new Set(cards.map((c) => c.form))].sort((a, b) => a.localeCompare(b, "ru"));
  return { cards, mentors, forms };
}

/** «Утвердить все (46)?»: how many pairs a confirmation names. */
export function pairsCount(n: number): string {
  return count(n, "пару", "пары", "пар");
}
