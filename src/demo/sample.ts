import { schoolYearStartYear, utcDate } from "../core/dates";
import type { Cell } from "../core/ports";
import { MENTEE_STATUS, MENTOR_STATUS } from "../core/workbook/statuses";

/**
 * A realistic sample school for the demo and the benchmarks: mentors and mentees of the three
 * forms a general school runs («ученик – ученик», «учитель – учитель», «работодатель – ученик»),
 * with the gaps real data has (a missing consent, an unnamed guardian, an empty request).
 * Deterministic: the same seed and date give the same people.
 */

export type SampleRecord = Record<string, Cell>;

export interface SampleSchool {
  school: Record<string, Cell>;
  mentors: SampleRecord[];
  mentees: SampleRecord[];
  contingent: SampleRecord;
}

/** Mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MALE = [
  "Александр",
  "Дмитрий",
  "Максим",
  "Сергей",
  "Андрей",
  "Алексей",
  "Артём",
  "Илья",
  "Кирилл",
  "Михаил",
  "Никита",
  "Матвей",
  "Роман",
  "Егор",
  "Иван",
  "Владимир",
  "Павел",
  "Тимофей",
];
const FEMALE = [
  "Анастасия",
  "Мария",
  "Анна",
  "Виктория",
  "Екатерина",
  "Наталья",
  "Марина",
  "Полина",
  "Елена",
  "Дарья",
  "Алиса",
  "Ксения",
  "Ольга",
  "Татьяна",
  "Софья",
  "Ирина",
  "Светлана",
  "Юлия",
];
const SURNAMES = [
  "Иванов",
  "Смирнов",
  "Кузнецов",
  "Попов",
  "Васильев",
  "Петров",
  "Соколов",
  "Михайлов",
  "Новиков",
  "Фёдоров",
  "Морозов",
  "Волков",
  "Алексеев",
  "Лебедев",
  "Семёнов",
  "Егоров",
  "Павлов",
  "Козлов",
  "Степанов",
  "Николаев",
  "Орлов",
  "Андреев",
  "Макаров",
  "Никитин",
  "Захаров",
  "Зайцев",
  "Соловьёв",
  "Борисов",
  "Яковлев",
  "Григорьев",
];
const PATRONYMIC_M = [
  "Александрович",
  "Дмитриевич",
  "Сергеевич",
  "Андреевич",
  "Алексеевич",
  "Игоревич",
  "Викторович",
  "Николаевич",
];
const PATRONYMIC_F = [
  "Александровна",
  "Дмитриевна",
  "Сергеевна",
  "Андреевна",
  "Алексеевна",
  "Игоревна",
  "Викторовна",
  "Николаевна",
];
const TRANSLIT: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "h",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

const SUBJECTS = [
  "Математика",
  "Русский язык",
  "Информатика",
  "Физика",
  "Биология",
  "История",
  "Английский язык",
  "Химия",
  "Литература",
  "География",
  "Обществознание",
  "Начальные классы",
];
const INTERESTS = [
  "Наука и исследования",
  "Проектная деятельность",
  "Информационные технологии",
  "Спорт",
  "Творчество и искусство",
  "Чтение и литература",
  "Волонтёрство",
  "Профориентация",
  "Олимпиады",
  "Краеведение",
  "Экология",
];
const TIME = ["1 час в неделю", "2 часа в неделю", "3–4 часа в неделю", "более 4 часов в неделю"];
const TEACHER_COMPETENCIES = [
  "Методика преподавания предмета",
  "Организация учебного процесса",
  "Классное руководство",
  "Работа с родителями",
  "Взаимодействие с обучающимися и дисциплина",
  "Цифровые навыки и ИКТ",
  "Подготовка к ГИА",
  "Адаптация в коллективе",
  "Профилактика эмоционального выгорания",
];
const STUDENT_COMPETENCIES = [
  "Повышение успеваемости",
  "Олимпиады и конкурсы",
  "Проектная и исследовательская деятельность",
  "Адаптация в новом классе",
  "Коммуникативные навыки",
  "Лидерские навыки",
  "Тайм-менеджмент",
  "Публичные выступления",
  "Профориентация",
];
const PARTNERS = [
  "АО «Уральский трубный завод»",
  "ООО «Цифровые решения»",
  "ГБУЗ «Городская больница № 2»",
  "ПАО «Сбербанк», отделение № 7003",
  "Технопарк «Кванториум»",
];
const TEACHER_ROLE_MODELS = [
  "опытный педагог – молодой специалист",
  "опытный классный руководитель – молодой специалист",
  "лидер педагогического сообщества – педагог, испытывающий проблемы",
  "педагог-новатор – консервативный педагог",
  "опытный предметник – неопытный предметник",
];
const STUDENT_ROLE_MODELS = [
  "успевающий – неуспевающий",
  "лидер – пассивный",
  "равный – равному",
  "адаптированный – неадаптированный",
];
const EMPLOYER_ROLE_MODELS = [
  "активный профессионал – равнодушный потребитель",
  "работодатель – будущий сотрудник",
];

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)];
}

/** A skewed pick: earlier items are more likely (subjects and interests are not uniform). */
function pickSkewed<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * rnd() * list.length)];
}

function some<T>(rnd: () => number, list: readonly T[], min: number, max: number, skewed = false): T[] {
  const n = min + Math.floor(rnd() * (max - min + 1));
  const out = new Set<T>();
  let guard = 0;
  while (out.size < n && guard++ < 100) out.add(skewed ? pickSkewed(rnd, list) : pick(rnd, list));
  return [...out];
}

function translit(s: string): string {
  return s
    .toLowerCase()
    .split("")
    .map((ch) => TRANSLIT[ch] ?? ch)
    .join("");
}

interface Person {
  fullName: string;
  email: string;
}

function person(rnd: () => number, used: Set<string>, domain: string): Person {
  for (let attempt = 0; ; attempt++) {
    const female = rnd() < 0.6;
    const first = pick(rnd, female ? FEMALE : MALE);
    const base = pick(rnd, SURNAMES);
    const surname = female ? (base.endsWith("ий") ? base.slice(0, -2) + "ая" : base + "а") : base;
    const patronymic = pick(rnd, female ? PATRONYMIC_F : PATRONYMIC_M);
    // Past the combinations of names (about 8,000), namesakes are told apart by a number.
    const base0 = `${surname} ${first} ${patronymic}`;
    const fullName = attempt < 50 ? base0 : `${base0} ${used.size + 1}`;
    if (used.has(fullName)) continue;
    used.add(fullName);
    const email = `${translit(first)}.${translit(surname)}${used.size}@${domain}`;
    return { fullName, email };
  }
}

function birthDateForAge(rnd: () => number, startYear: number, age: number): Date {
  const year = startYear - age;
  return utcDate(year, 1 + Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28));
}

export function sampleSchool(
  today: Date,
  seed = 20260901,
  size = { mentors: 36, mentees: 100 },
): SampleSchool {
  const rnd = prng(seed);
  const y = schoolYearStartYear(today);
  const used = new Set<string>();
  const consent = (p = 0.94) => (rnd() < p ? utcDate(y, 9, 5 + Math.floor(rnd() * 20)) : "");
  const submitted = () =>
    new Date(Date.UTC(y, 8, 2 + Math.floor(rnd() * 25), 8 + Math.floor(rnd() * 10), Math.floor(rnd() * 60)));

  const mentors: SampleRecord[] = [];
  for (let i = 0; i < size.mentors; i++) {
    const kind = i % 6 < 3 ? "teacher" : i % 6 < 5 ? "student" : "partner";
    const p = person(
      rnd,
      used,
      kind === "student" ? "student.school1.ru" : kind === "teacher" ? "school1.ru" : "mail.ru",
    );
    const base: SampleRecord = {
      submitted_at: submitted(),
      email: p.email,
      full_name: p.fullName,
      phone: `+7 9${String(10 + Math.floor(rnd() * 89))} ${String(100 + Math.floor(rnd() * 899))}-${String(10 + Math.floor(rnd() * 89))}-${String(10 + Math.floor(rnd() * 89))}`,
      consent_date: consent(),
      status: MENTOR_STATUS.candidate,
    };
    if (kind === "teacher") {
      const experience = 8 + Math.floor(rnd() * 30);
      Object.assign(base, {
        category: experience > 35 ? "ветеран педагогического труда" : "опытный педагог",
        source: experience > 35 ? "ветераны педагогического труда" : "педагоги школы",
        position: "учитель",
        birth_date: birthDateForAge(rnd, y, 24 + experience),
        experience_years: experience,
        forms: "учитель – учитель",
        role_models: some(rnd, TEACHER_ROLE_MODELS, 1, 3).join(", "),
        subjects: some(rnd, SUBJECTS, 1, 2, true).join(", "),
        life_experience: pick(rnd, [
          "Победитель муниципального конкурса «Учитель года»",
          "Автор методических пособий, руководитель методического объединения",
          "Ведёт семинары для молодых педагогов",
          "Руководитель школьного научного общества",
          "Классный руководитель выпускных классов более 10 лет",
        ]),
        interests: some(rnd, INTERESTS, 1, 3, true).join(", "),
        competencies: some(rnd, TEACHER_COMPETENCIES, 2, 5).join(", "),
        age_groups: "молодые специалисты, педагоги",
        time: pick(rnd, TIME),
        capacity: 1 + Math.floor(rnd() * 3),
        interview_date: rnd() < 0.85 ? utcDate(y, 9, 20 + Math.floor(rnd() * 8)) : "",
        training_date: rnd() < 0.75 ? utcDate(y, 10, 1 + Math.floor(rnd() * 10)) : "",
      });
    } else if (kind === "student") {
      const age = 15 + Math.floor(rnd() * 3);
      const grade = age - 5;
      Object.assign(base, {
        category: "обучающийся 15–18 лет",
        source: "обучающиеся школы",
        birth_date: birthDateForAge(rnd, y, age),
        class: `${grade}${pick(rnd, ["А", "Б", "В"])}`,
        forms: "ученик – ученик",
        role_models: some(rnd, STUDENT_ROLE_MODELS, 1, 2).join(", "),
        subjects: some(rnd, SUBJECTS.slice(0, 11), 1, 3, true).join(", "),
        life_experience: pick(rnd, [
          "Призёр регионального этапа всероссийской олимпиады",
          "Председатель совета обучающихся",
          "Волонтёр, руководитель школьного медиацентра",
          "Капитан школьной команды по баскетболу",
        ]),
        interests: some(rnd, INTERESTS, 1, 3, true).join(", "),
        competencies: some(rnd, STUDENT_COMPETENCIES, 2, 4).join(", "),
        age_groups: pick(rnd, ["5–7 классы", "5–7 классы, 8–9 классы", "8–9 классы"]),
        time: pick(rnd, TIME.slice(0, 3)),
        capacity: 1 + Math.floor(rnd() * 2),
        guardian_name: rnd() < 0.95 ? person(rnd, used, "mail.ru").fullName : "",
        guardian_consent_date: consent(0.9),
        interview_date: utcDate(y, 9, 22),
        training_date: rnd() < 0.8 ? utcDate(y, 10, 3) : "",
      });
    } else {
      Object.assign(base, {
        category: "сотрудник организации-партнёра",
        source: "организации-партнёры",
        organisation: pick(rnd, PARTNERS),
        position: pick(rnd, [
          "инженер-технолог",
          "руководитель проектов",
          "врач-терапевт",
          "программист",
          "финансовый аналитик",
        ]),
        birth_date: birthDateForAge(rnd, y, 28 + Math.floor(rnd() * 20)),
        forms: "работодатель – ученик",
        role_models: some(rnd, EMPLOYER_ROLE_MODELS, 1, 2).join(", "),
        subjects: some(rnd, ["Информатика", "Физика", "Химия", "Биология", "Математика"], 1, 2).join(", "),
        life_experience: "Опыт руководства стажировками студентов и школьников",
        interests: some(
          rnd,
          [
            "Профориентация",
            "Проектная деятельность",
            "Информационные технологии",
            "Наука и исследования",
            "Предпринимательство",
          ],
          1,
          3,
        ).join(", "),
        competencies: some(
          rnd,
          [
            "Профориентация",
            "Проектная и исследовательская деятельность",
            "Публичные выступления",
            "Лидерские навыки",
          ],
          1,
          3,
        ).join(", "),
        age_groups: "10–11 классы",
        time: pick(rnd, TIME.slice(0, 2)),
        capacity: 2 + Math.floor(rnd() * 3),
        interview_date: utcDate(y, 10, 1),
        training_date: rnd() < 0.6 ? utcDate(y, 10, 8) : "",
      });
    }
    mentors.push(base);
  }

  const mentees: SampleRecord[] = [];
  for (let i = 0; i < size.mentees; i++) {
    const r = i % 10;
    const kind = r < 2 ? "teacher" : r < 8 ? "student" : "senior";
    const p = person(rnd, used, kind === "teacher" ? "school1.ru" : "student.school1.ru");
    const base: SampleRecord = {
      submitted_at: submitted(),
      email: p.email,
      full_name: p.fullName,
      consent_date: consent(),
      status: MENTEE_STATUS.waiting,
    };
    if (kind === "teacher") {
      const experience = Math.floor(rnd() * 6);
      const category =
        experience <= 3
          ? "молодой специалист (стаж 0–3 года)"
          : pick(rnd, [
              "педагог в состоянии эмоционального выгорания",
              "педагог, адаптирующийся на новом месте работы",
              "педагог, осваивающий цифровые навыки и ИКТ",
            ]);
      Object.assign(base, {
        category,
        birth_date: birthDateForAge(rnd, y, 22 + experience + Math.floor(rnd() * 10)),
        experience_years: experience,
        subjects: some(rnd, SUBJECTS, 1, 1, true).join(", "),
        form: "учитель – учитель",
        role_model: pick(rnd, TEACHER_ROLE_MODELS),
        requests: some(rnd, TEACHER_COMPETENCIES, 1, 3).join(", "),
        request_details: pick(rnd, [
          "Трудно удерживать дисциплину на уроках в 7-х классах",
          "Хочу научиться готовить учеников к ОГЭ",
          "Нужна помощь с электронным журналом и цифровыми сервисами",
          "Впервые веду классное руководство",
          "",
        ]),
        interests: some(rnd, INTERESTS, 1, 2, true).join(", "),
        time: pick(rnd, TIME.slice(0, 3)),
      });
    } else {
      const senior = kind === "senior";
      const age = senior ? 15 + Math.floor(rnd() * 3) : 10 + Math.floor(rnd() * 5);
      const grade = age - 6;
      Object.assign(base, {
        category: "обучающийся",
        birth_date: birthDateForAge(rnd, y, age),
        class: `${grade}${pick(rnd, ["А", "Б", "В"])}`,
        subjects: some(rnd, SUBJECTS.slice(0, 11), 1, 2, true).join(", "),
        form: senior ? "работодатель – ученик" : "ученик – ученик",
        role_model: senior ? pick(rnd, EMPLOYER_ROLE_MODELS) : pick(rnd, STUDENT_ROLE_MODELS),
        requests:
          rnd() < 0.97
            ? some(
                rnd,
                senior
                  ? ["Профориентация", "Проектная и исследовательская деятельность", "Публичные выступления"]
                  : STUDENT_COMPETENCIES,
                1,
                3,
              ).join(", ")
            : "",
        interests: some(rnd, INTERESTS, 1, 3, true).join(", "),
        time: pick(rnd, TIME.slice(0, 2)),
        guardian_name: rnd() < 0.93 ? person(rnd, used, "mail.ru").fullName : "",
        guardian_consent_date: consent(0.88),
        third_party_info:
          rnd() < 0.3
            ? pick(rnd, [
                "Классный руководитель: снижение успеваемости во второй четверти",
                "Педагог-психолог: трудности адаптации после перехода из другой школы",
                "Родители: просят помочь с выбором профиля обучения",
              ])
            : "",
      });
    }
    mentees.push(base);
  }

  return {
    school: {
      school_name:
        "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»",
      school_short: "МБОУ «СОШ № 1»",
      school_city: "г. Каменск-Уральский",
      curator_name: "Сапельцева Ольга Ивановна",
      curator_email: "curator@school1.ru",
      curator_editors: "curator@school1.ru",
      director_name: "Баева Светлана Николаевна",
      director_email: "director@school1.ru",
      psychologist_name: "Першина Татьяна Викторовна",
      psychologist_email: "psychologist@school1.ru",
      department_name: "Управление образования города Каменска-Уральского",
      department_head: "Кузнецова Ирина Петровна",
      department_email: "uo@kamensk-uralskiy.ru",
      // The local act on mentoring (ТК РФ ст. 351.8): its order and the pay it sets.
      labour_act_date: utcDate(y, 8, 29),
      labour_act_number: "112-о",
      pay_amount: 3000,
    },
    mentors,
    mentees,
    // A school of about 600 pupils whose program is in its first year: about a quarter of its
    // pupils aged 10–18 asked for a mentor (80 in the bank), 12 of its 140 pupils aged 15–18 offered
    // to be one; 14 of its 16 young teachers are in the bank; its partners are the organisations
    // its partner mentors come from.
    contingent: {
      year: y,
      students_10_18: 330,
      students_15_18: 140,
      young_teachers: 16,
      partner_organisations: new Set(
        mentors.map((m) => m.organisation).filter((o) => typeof o === "string" && o !== ""),
      ).size,
      teachers_total: 52,
      students_total: 610,
    },
  };
}
