/**
 * The defects of issue 16 item 3 («documents a director signs as they come») found in a document's
 * text, each with its evidence: lower-cased abbreviations, «№» with a breaking space, a name in the
 * nominative after «Куратору …» or «группа …», plural errors («0 балла», «из 31 мероприятий»),
 * workbook vocabulary («лист «…»», «Настройки») and internal pair IDs.
 */
import { plural } from "../../src/core/text";

/** The defects of issue 16 item 3 found in a document's text, each with its evidence. */
export function officialDefects(text: string): string[] {
  const found: string[] = [];
  const each = (re: RegExp, what: string) => {
    for (const m of text.matchAll(re)) found.push(`${what}: «${m[0]}»`);
  };
  each(
    /(?<![А-ЯЁа-яё])(гиа|огэ|егэ|впр|икт|обзр|фгос|овз|спо|пдн)(?![А-ЯЁа-яё])/g,
    "abbreviation lower-cased",
  );
  each(/№ /g, "«№» followed by a breaking space");
  each(
    /(Куратору|Педагогу-психологу)[^.;]{0,60}?[(\s]([А-ЯЁ][а-яё]+(ова|ева|ёва|ина))[\s\u00a0][А-ЯЁ]\./g,
    "a name in the nominative after the dative",
  );
  // A full name after «группа» must be in the genitive: a nominative patronymic there is a defect.
  each(
    /группа[\s\u00a0]+[А-ЯЁ][а-яё]+[\s\u00a0]+[А-ЯЁ][а-яё]+[\s\u00a0]+[А-ЯЁ][а-яё]+(вна|вич|чна|ич)(?![а-яё])/g,
    "a name in the nominative after «группа»",
  );
  for (const m of text.matchAll(/(?<![\d,])(\d+)[\s\u00a0](балл|балла|баллов)(?![а-яё])/g)) {
    const n = Number(m[1]);
    const before = text.slice(Math.max(0, (m.index ?? 0) - 7), m.index);
    // The genitive after «из», «менее», «более», «до», «от»: «из 2 баллов», «менее 2 баллов».
    const right = /(из|менее|более|свыше|до|от)[\s\u00a0]$/.test(before)
      ? plural(n, "балла", "баллов", "баллов")
      : plural(n, "балл", "балла", "баллов");
    if (m[2] !== right) found.push(`plural: «${m[0]}»`);
  }
  for (const m of text.matchAll(/из[\s\u00a0](\d+)[\s\u00a0](мероприяти[йяе]|показател[ейя])/g)) {
    const n = Number(m[1]);
    const right = m[2].startsWith("мероприят")
      ? plural(n, "мероприятия", "мероприятий", "мероприятий")
      : plural(n, "показателя", "показателей", "показателей");
    if (m[2] !== right) found.push(`plural after «из»: «${m[0]}»`);
  }
  each(/лист(ах|е|ы|ов)?[\s\u00a0]«/g, "workbook vocabulary");
  each(/«Настройк/g, "workbook vocabulary");
  each(/П-\d{4}/g, "an internal pair ID");
  return found;
}
