/**
 * Whether a file of answers is the questionnaire it is loaded as, by its column titles alone,
 * before any row is read: a file whose titles fit another questionnaire better is refused with
 * «похоже на анкету …», and a required question with no column is named once for the file (not
 * once per row, as validating each row would).
 */
import { normalizeHeader, plural } from "../text";
import { type Questionnaire, questionnaire, questionnaires } from "./schema";

export interface ColumnsFit {
  /** The questionnaire's questions found among the titles, and how many it asks (e-mail apart). */
  matched: number;
  asked: number;
  /** Titles of required questions without a column. */
  missingRequired: string[];
}

function asked(q: Questionnaire) {
  return q.questions.filter((x) => !x.respondentEmail);
}

export function columnsFit(q: Questionnaire, titles: string[]): ColumnsFit {
  const have = new Set(titles.map(normalizeHeader));
  const questions = asked(q);
  const found = questions.filter((x) => have.has(normalizeHeader(x.title)));
  return {
    matched: found.length,
    asked: questions.length,
    missingRequired: questions
      .filter((x) => x.required && !have.has(normalizeHeader(x.title)))
      .map((x) => x.title),
  };
}

const share = (f: ColumnsFit) => (f.asked === 0 ? 0 : f.matched / f.asked);

/**
 * A Russian refusal when the file `fileName` with answer columns `titles` cannot be the
 * questionnaire `formKey`, or null. Another questionnaire fits better when it has more of its own
 * questions in the file, at least half of them, and all its required ones.
 */
export function refuseColumns(formKey: string, titles: string[], fileName: string): string | null {
  const chosen = questionnaire(formKey);
  const mine = columnsFit(chosen, titles);
  const file = `«${fileName}»`;
  // «из 21 вопроса», «из 16 вопросов»: the genitive after «из».
  const questions = (n: number) => `${n} ${plural(n, "вопроса", "вопросов", "вопросов")}`;
  let best: { q: Questionnaire; fit: ColumnsFit } | null = null;
  for (const q of questionnaires()) {
    if (q.key === chosen.key) continue;
    const fit = columnsFit(q, titles);
    if (fit.matched <= mine.matched || share(fit) < 0.5 || fit.missingRequired.length > 0) continue;
    if (!best || share(fit) > share(best.fit)) best = { q, fit };
  }
  if (best)
    return `Файл ${file} похож на анкету «${best.q.title}» (в нём ${best.fit.matched} из ${questions(best.fit.asked)} этой анкеты), а загружается как «${chosen.title}» (${mine.matched} из ${questions(mine.asked)}). Ни одна строка не загружена: выберите анкету «${best.q.title}».`;
  if (mine.missingRequired.length > 0) {
    const n = mine.missingRequired.length;
    const names = mine.missingRequired.map((t) => `«${t}»`).join(", ");
    return `В файле ${file} нет ${n === 1 ? "столбца" : "столбцов"} ${names} — ${n === 1 ? "обязательного вопроса" : "обязательных вопросов"} анкеты «${chosen.title}». Ни одна строка не загружена: проверьте заголовки файла (они должны совпадать с формулировками вопросов) или выберите другую анкету.`;
  }
  return null;
}
