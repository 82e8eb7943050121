/**
 * People's names in official text: gender (from «Пол» where the curator filled it, else from the
 * patronymic), case forms (the lvovich package: Petrovich's rules for Russian surnames, first names
 * and patronymics, pure JavaScript with no dependencies), and the short forms of ГОСТ Р 7.0.97-2016:
 * «О.И. Сапельцева» under a signature and to an addressee, «Сапельцевой О.И.» inside a sentence.
 */
import { inclineFirstname, inclineLastname, inclineMiddlename } from "lvovich";
import { NBSP } from "./typography";

export type Gender = "male" | "female";
export type GrammaticalCase = "nominative" | "genitive" | "dative" | "accusative" | "instrumental";

export interface PersonName {
  last: string;
  first: string;
  /** The patronymic; «Мамед оглы» keeps both words. */
  middle: string;
}

/** «Фамилия Имя Отчество» (the order of the banks and of «Настройки»). */
export function parseName(fullName: string): PersonName {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  return { last: parts[0] ?? "", first: parts[1] ?? "", middle: parts.slice(2).join(" ") };
}

/** «м», «ж», «мужской», «женский» (any case, «муж.», «жен.») from a «Пол» cell; null for anything else. */
export function parseGender(value: string): Gender | null {
  const v = value.trim().toLowerCase().replace(/\.$/, "");
  if (/^(м|муж|мужской|male|m)$/.test(v)) return "male";
  if (/^(ж|жен|женский|female|f)$/.test(v)) return "female";
  return null;
}

/** From the patronymic: «…вна», «…чна», «кызы/гызы» — female; «…вич», «…ич», «оглы/улы/уулу» — male. */
export function genderOfPatronymic(middle: string): Gender | null {
  const m = middle.trim().toLowerCase();
  if (/(вна|чна|кызы|гызы|қызы)$/.test(m)) return "female";
  if (/(ич|оглы|оглу|улы|уулу)$/.test(m)) return "male";
  return null;
}

/**
 * A person's gender: «Пол» when filled overrides; else the patronymic; else a surname with an
 * unambiguous ending (-ова, -ева, -ина, -ская, -ая → female; -ов, -ев, -ин, -ский, -ой → male).
 * null when nothing tells (documents then use wording without agreement).
 */
export function genderOf(fullName: string, stated = ""): Gender | null {
  const given = parseGender(stated);
  if (given) return given;
  const n = parseName(fullName);
  const byPatronymic = genderOfPatronymic(n.middle);
  if (byPatronymic) return byPatronymic;
  const last = n.last.toLowerCase();
  if (/(ова|ёва|ева|ина|ына|ская|цкая|ая)$/.test(last)) return "female";
  if (/(ов|ёв|ев|ин|ын|ский|цкий|ой|ый)$/.test(last)) return "male";
  return null;
}

/** Female first names in -ь (Любовь, Нинель, Айгуль) the rules leave as they are: third declension. */
function softFemaleFirst(first: string, c: GrammaticalCase): string | null {
  if (!/ь$/.test(first)) return null;
  const stem = first.slice(0, -1);
  if (c === "genitive" || c === "dative") return `${stem}и`;
  if (c === "instrumental") return `${stem}ью`;
  return first;
}

function declinePart(
  kind: "last" | "first" | "middle",
  word: string,
  c: GrammaticalCase,
  g: Gender | null,
): string {
  if (word === "" || c === "nominative") return word;
  // A double surname declines each part: «Иванова-Петрова» → «Ивановой-Петровой».
  if (kind === "last" && word.includes("-"))
    return word
      .split("-")
      .map((w) => declinePart("last", w, c, g))
      .join("-");
  // «Мамед оглы»: the father's name and «оглы»/«кызы» stay as they are.
  if (kind === "middle" && /\s/.test(word)) return word;
  const gender = g ?? undefined;
  if (kind === "first" && g === "female") {
    const soft = softFemaleFirst(word, c);
    if (soft !== null) return soft;
  }
  const out =
    kind === "last"
      ? inclineLastname(word, c, gender)
      : kind === "first"
        ? inclineFirstname(word, c, gender)
        : inclineMiddlename(word, c, gender);
  return out || word;
}

/** The full name in a case: «Михайлова Марина Викторовна» → genitive «Михайловой Марины Викторовны». */
export function declineName(
  fullName: string,
  c: GrammaticalCase,
  gender: Gender | null = genderOf(fullName),
): string {
  const n = parseName(fullName);
  if (n.last === "") return "";
  return [
    declinePart("last", n.last, c, gender),
    declinePart("first", n.first, c, gender),
    declinePart("middle", n.middle, c, gender),
  ]
    .filter((w) => w !== "")
    .join(" ");
}

/** «О.И.» of a name; a name typed already short («Баева С.Н.») keeps its initials. */
function initialsOf(n: PersonName): string {
  if (/^[A-ZА-ЯЁ]\.([A-ZА-ЯЁ]\.)?$/.test(n.first)) return n.first;
  return [n.first, n.middle.split(/\s+/)[0] ?? ""]
    .filter((p) => p !== "")
    .map((p) => `${p[0].toUpperCase()}.`)
    .join("");
}

/** «Сапельцевой О.И.» (surname first, inside a sentence), in the case the sentence needs. */
export function surnameInitialsIn(
  fullName: string,
  c: GrammaticalCase,
  gender: Gender | null = genderOf(fullName),
): string {
  const n = parseName(fullName);
  if (n.last === "") return "";
  const initials = initialsOf(n);
  const last = declinePart("last", n.last, c, gender);
  return initials ? `${last}${NBSP}${initials}` : last;
}

/** «О.И. Сапельцева» (ГОСТ Р 7.0.97: a signature, an addressee «И.И. Иванову»), in a case. */
export function initialsSurnameIn(
  fullName: string,
  c: GrammaticalCase = "nominative",
  gender: Gender | null = genderOf(fullName),
): string {
  const n = parseName(fullName);
  if (n.last === "") return "";
  const initials = initialsOf(n);
  const last = declinePart("last", n.last, c, gender);
  return initials ? `${initials}${NBSP}${last}` : last;
}

/** A word agreeing with a person: agree(g, "обучающийся", "обучающаяся"); the masculine when unknown. */
export function agree(gender: Gender | null, masculine: string, feminine: string): string {
  return gender === "female" ? feminine : masculine;
}

// --- Officials and organisations: the addressee of a report («Начальнику отдела образования …»). ---

/**
 * A position in the dative: its first word declines, the rest («начальника», «комитета») stays.
 * «Начальник» → «Начальнику», «Заместитель начальника» → «Заместителю начальника», «Заведующая» →
 * «Заведующей»; a position typed in the dative already stays as it is.
 */
export function positionDative(position: string): string {
  const t = position.trim();
  const m = /^(\S+)(.*)$/s.exec(t);
  if (!m) return t;
  const [, first, rest] = m;
  const lower = first.toLowerCase();
  const keep = (word: string) => (first[0] === first[0].toUpperCase() ? capitalFirst(word) : word);
  if (/(у|ю|ему|ой|ей)$/.test(lower)) return t; // typed in the dative already
  if (/(ий|ый)$/.test(lower)) return keep(`${lower.slice(0, -2)}ему`) + rest; // заведующий, управляющий
  if (/ая$/.test(lower)) return keep(`${lower.slice(0, -2)}ей`) + rest; // заведующая
  if (/ь$/.test(lower)) return keep(`${lower.slice(0, -1)}ю`) + rest; // руководитель, заместитель
  if (/[бвгджзклмнпрстфхцчшщ]$/.test(lower)) return keep(`${lower}у`) + rest; // начальник, директор
  return t;
}

function capitalFirst(s: string): string {
  return s === "" ? s : s[0].toUpperCase() + s.slice(1);
}

/** Nouns that head the name of an education authority, nominative → genitive. */
const ORGANISATION_NOUNS: Record<string, string> = {
  управление: "управления",
  отдел: "отдела",
  комитет: "комитета",
  департамент: "департамента",
  министерство: "министерства",
  администрация: "администрации",
  учреждение: "учреждения",
  служба: "службы",
  центр: "центра",
  агентство: "агентства",
};

/**
 * The name of an organisation in the genitive, for «Начальнику …»: leading adjectives and the head
 * noun decline («Муниципальное казённое учреждение «Управление образования»» → «Муниципального
 * казённого учреждения «Управление образования»», «Отдел образования администрации района» →
 * «Отдела образования администрации района»); the rest is already in the genitive. A name that
 * starts otherwise (an abbreviation, «МКУ «…»») stays as it is.
 */
export function organisationGenitive(name: string): string {
  const words = name.trim().split(/(\s+)/);
  const out: string[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i];
    if (/^\s+$/.test(w)) {
      out.push(w);
      continue;
    }
    const lower = w.toLowerCase();
    const keep = (x: string) => (w[0] === w[0].toUpperCase() ? capitalFirst(x) : x);
    if (ORGANISATION_NOUNS[lower]) {
      out.push(keep(ORGANISATION_NOUNS[lower]));
      i++;
      break;
    }
    const adjective = /^(.+?)(ое|ый|ой|ий|ая|яя)$/.exec(lower);
    if (!adjective || lower.length < 5) return name.trim();
    const [, stem, ending] = adjective;
    const soft = ending === "ий" && /[гкхжшчщ]$/.test(stem) === false;
    const genitive =
      ending === "ая" ? `${stem}ой` : ending === "яя" ? `${stem}ей` : soft ? `${stem}его` : `${stem}ого`;
    out.push(keep(genitive));
  }
  return out.join("") + words.slice(i).join("");
}

/** Every case a name may be written in inside free text. */
const TEXT_CASES = [
  "nominative",
  "genitive",
  "dative",
  "accusative",
  "instrumental",
  "prepositional",
] as const;

/** The ways a text may name one person, each form in every case (for «Отозвать согласие»). */
export interface NameForms {
  /** «Фамилия Имя Отчество», «Фамилия Имя», «Имя Фамилия», «Имя Отчество Фамилия». */
  full: string[];
  /** «Имя Отчество» (how a school addresses a teacher). */
  firstMiddle: string[];
  /** «Фамилия И. О.», «Фамилия И.», «И. О. Фамилия», «И. Фамилия». */
  initials: string[];
  /** The surname alone. */
  surname: string[];
}

/**
 * Every form of a full name in running text: each part in the six cases (Petrovich's rules through
 * lvovich; both genders when neither «Пол», the patronymic nor the surname tells), in the orders and
 * short forms people write — «Иванова Ивана», «Ивану Иванову», «Иванов И. И.», «И.И. Иванову», «И. Иванов».
 */
export function nameForms(fullName: string, stated = ""): NameForms {
  const n = parseName(fullName);
  const out: NameForms = { full: [], firstMiddle: [], initials: [], surname: [] };
  if (n.last === "") return out;
  const g = genderOf(fullName, stated);
  const genders: (Gender | null)[] = g ? [g] : ["male", "female"];
  const full = new Set<string>();
  const firstMiddle = new Set<string>();
  const initials = new Set<string>();
  const surnames = new Set<string>();
  for (const gender of genders)
    for (const c of TEXT_CASES) {
      const cs = c as GrammaticalCase;
      const last = declinePart("last", n.last, cs, gender) || n.last;
      const first = n.first ? declinePart("first", n.first, cs, gender) || n.first : "";
      const middle = n.middle ? declinePart("middle", n.middle, cs, gender) || n.middle : "";
      surnames.add(last);
      if (first !== "") {
        full.add(`${last} ${first}`);
        full.add(`${first} ${last}`);
        if (middle !== "") {
          full.add(`${last} ${first} ${middle}`);
          full.add(`${first} ${middle} ${last}`);
          firstMiddle.add(`${first} ${middle}`);
        }
        const i1 = `${n.first[0]}.`;
        const i2 = n.middle ? `${i1}${n.middle[0]}.` : "";
        initials.add(`${last} ${i1}`);
        initials.add(`${i1} ${last}`);
        if (i2 !== "") {
          initials.add(`${last} ${i2}`);
          initials.add(`${i2} ${last}`);
        }
      }
    }
  out.full = [...full];
  out.firstMiddle = [...firstMiddle];
  out.initials = [...initials];
  out.surname = [...surnames];
  return out;
}
