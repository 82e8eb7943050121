import { textWithIsoDates } from "../cells";
import { DAY_MS, toCalendarDate } from "../dates";
import { count } from "../text";
import type { RecordValues } from "../workbook/table";
import { approvalBlock, BLANK, curatorLine, emptyNote, formName, schoolShort, signName } from "./common";
import { finish } from "./layout";
import {
  bold,
  cell,
  type DocumentModel,
  heading,
  list,
  newDocument,
  paragraph,
  row,
  signature,
  table,
  text,
} from "./model";
import { agree, type Gender, genderOf, surnameInitialsIn } from "./names";
import { meetingsPhrase } from "./order";
import { type DocumentSource, items, type PairInfo } from "./source";
import {
  capitalise,
  DASH,
  dateRange,
  lowerCase,
  quoted,
  schoolYearPhrase,
  shortDate,
  surname,
} from "./typography";

/**
 * «Персонализированная программа наставничества»: one per approved pair (seeds 003, 004): the
 * participants, the form, the mentee's requests, goals derived from them, and the meeting plan
 * with dates (встреча-знакомство, пробная рабочая встреча, встреча-планирование, regular meetings,
 * итоговая встреча; seeds 001 3c, 002).
 */

/** Goals of the forms and role models (seed 004 §5 and the methodological recommendations). */
const ROLE_MODEL_GOALS: Record<string, string> = {
  "опытный педагог – молодой специалист":
    "поддержка для приобретения необходимых профессиональных навыков и закрепления на месте работы",
  "опытный классный руководитель – молодой специалист":
    "поддержка для приобретения необходимых профессиональных навыков в работе с классным коллективом и закрепления на месте работы",
  "лидер педагогического сообщества – педагог, испытывающий проблемы":
    "психоэмоциональная поддержка в сочетании с профессиональной помощью по приобретению и развитию педагогических талантов и инициатив",
  "педагог-новатор – консервативный педагог":
    "помощь в овладении современными программами, цифровыми навыками, ИКТ-компетенциями",
  "опытный предметник – неопытный предметник": "методическая поддержка по конкретному предмету",
  "успевающий – неуспевающий": "достижение лучших образовательных результатов",
  "лидер – пассивный": "психоэмоциональная поддержка, развитие коммуникативных и лидерских навыков",
  "равный – равному": "обмен навыками и взаимная поддержка",
  "адаптированный – неадаптированный": "адаптация к новым условиям обучения",
  "активный профессионал – равнодушный потребитель":
    "повышение мотивации к учёбе и профессиональному самоопределению",
  "коллега – молодой коллега": "совместная работа над проектом и передача профессионального опыта",
  "работодатель – будущий сотрудник": "профессиональная подготовка по востребованным компетенциям",
};

const FORM_GOALS: Record<string, string> = {
  "ученик – ученик":
    "разносторонняя поддержка обучающегося либо временная помощь в адаптации к новым условиям обучения",
  "учитель – учитель":
    "успешное закрепление на месте работы или в должности педагога, повышение его профессионального потенциала и уровня",
  "студент – ученик":
    "формирование у обучающегося представлений о следующих ступенях образования, раскрытие его потенциала",
  "работодатель – ученик":
    "профессиональное самоопределение обучающегося, раскрытие его потенциала и формирование представлений о профессии",
  "работодатель – студент": "получение студентом опыта, необходимого для профессионального старта",
};

/** What a request becomes as a task of the program. */
const REQUEST_TASKS: Record<string, string> = {
  "методика преподавания предмета": "освоить современные методики преподавания предмета",
  "организация учебного процесса": "научиться планировать уроки и организовывать учебный процесс",
  "классное руководство": "освоить основы работы классного руководителя и планирования воспитательной работы",
  "работа с родителями": "выстроить эффективное взаимодействие с родителями обучающихся",
  "взаимодействие с обучающимися и дисциплина": "освоить приёмы управления классом и поддержания дисциплины",
  "цифровые навыки и икт": "освоить цифровые сервисы и ИКТ-инструменты, нужные в работе",
  "подготовка к гиа": "освоить методику подготовки обучающихся к государственной итоговой аттестации",
  "олимпиады и конкурсы": "подготовиться к участию в олимпиадах и конкурсах",
  "проектная и исследовательская деятельность": "выполнить и защитить проектную (исследовательскую) работу",
  "адаптация в коллективе": "успешно адаптироваться в коллективе",
  "профилактика эмоционального выгорания":
    "восстановить ресурс и освоить приёмы профилактики эмоционального выгорания",
  "повышение успеваемости": "повысить успеваемость по предметам, вызывающим затруднения",
  "адаптация в новом классе": "адаптироваться в новом классе и выстроить отношения с одноклассниками",
  профориентация: "определиться с профилем обучения и будущей профессией",
  "лидерские навыки": "развить лидерские навыки и опыт организации коллективных дел",
  "коммуникативные навыки": "развить навыки общения и работы в команде",
  "тайм-менеджмент": "научиться планировать время и распределять учебную нагрузку",
  "публичные выступления": "научиться готовить и проводить публичные выступления",
};

const EXPECTED_RESULTS: Record<string, string[]> = {
  "учитель – учитель": [
    "успешная адаптация наставляемого в коллективе и закрепление в профессии",
    "рост профессиональной компетентности, уверенности в собственных силах",
    "применение освоенных методик и технологий в работе, проведение открытого урока",
  ],
  "ученик – ученик": [
    "повышение мотивации к учёбе и улучшение образовательных результатов",
    "развитие коммуникативных навыков, успешная адаптация в коллективе",
    "участие наставляемого в проектах, конкурсах, внеурочной деятельности",
  ],
  "работодатель – ученик": [
    "осознанный выбор профиля обучения и будущей профессии",
    "опыт проектной или исследовательской работы с практическим результатом",
    "развитие навыков публичного представления результатов",
  ],
};

const DEFAULT_RESULTS = [
  "достижение целей, поставленных на встрече-планировании",
  "рост мотивации и уверенности наставляемого в собственных силах",
  "положительная динамика показателей мониторинга",
];

export interface PlannedMeeting {
  date: Date;
  type: string;
  content: string;
  /** The date it was held (from «Встречи»), when it was. */
  held: Date | null;
}

/** Saturday and Sunday move to the next Monday (backwards to Friday for the final meeting). */
function workday(d: Date, backwards = false): Date {
  const wd = d.getUTCDay();
  if (wd === 6) return new Date(d.getTime() + (backwards ? -1 : 2) * DAY_MS);
  if (wd === 0) return new Date(d.getTime() + (backwards ? -2 : 1) * DAY_MS);
  return d;
}

/** Winter holidays (30 December – 8 January): no regular meeting then. */
function inWinterHolidays(d: Date): boolean {
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  return (m === 11 && day >= 30) || (m === 0 && day <= 8);
}

/**
 * The meeting plan of a pair from its start to the end of the program: three opening meetings a
 * week apart, then regular meetings at the cadence of «Норма встреч пары в месяц» (4 — weekly),
 * the final meeting at the end.
 */
export function meetingPlan(start: Date, end: Date, perMonth: number, tasks: string[]): PlannedMeeting[] {
  const s = workday(start);
  // The final meeting on the last working day of the term: never after it.
  const last = workday(new Date(Math.max(end.getTime(), s.getTime())), true);
  const interval = perMonth >= 4 ? 7 : Math.max(7, Math.round(30 / Math.max(perMonth, 1)));
  const plan: PlannedMeeting[] = [
    {
      date: s,
      type: "встреча-знакомство",
      content: "Знакомство, рассказ о себе, ожидания от программы, правила взаимодействия",
      held: null,
    },
    {
      date: workday(new Date(s.getTime() + 7 * DAY_MS)),
      type: "пробная рабочая встреча",
      content: "Решение небольшой задачи вместе; понимаем, чем можем быть полезны друг другу",
      held: null,
    },
    {
      date: workday(new Date(s.getTime() + 14 * DAY_MS)),
      type: "встреча-планирование",
      content: "Постановка целей, сроков и плана встреч; согласование формы обратной связи",
      held: null,
    },
  ].filter((m, i) => i === 0 || m.date.getTime() < last.getTime());
  const topics = tasks.length > 0 ? tasks : ["работа по плану, поставленному на встрече-планировании"];
  let k = 0;
  for (let t = s.getTime() + 21 * DAY_MS; t <= last.getTime() - 5 * DAY_MS; t += interval * DAY_MS) {
    const d = workday(new Date(t));
    if (inWinterHolidays(d)) continue;
    const next = workday(new Date(t + interval * DAY_MS));
    const monthEnd = next.getUTCMonth() !== d.getUTCMonth() || next.getTime() > last.getTime() - 5 * DAY_MS;
    const topic = topics[k % topics.length];
    k++;
    plan.push({
      date: d,
      type: "регулярная встреча",
      content: `${capital(topic)}${monthEnd ? "; итоги месяца для отчёта наставника куратору" : ""}`,
      held: null,
    });
  }
  if (last.getTime() > s.getTime())
    plan.push({
      date: last,
      type: "итоговая встреча",
      content: "Подведение итогов, рефлексия, итоговая анкета, планирование дальнейшего взаимодействия",
      held: null,
    });
  return plan;
}

function capital(s: string): string {
  return capitalise(s);
}

/** Marks planned meetings held: one-off types by type, regular ones in date order. */
function markHeld(plan: PlannedMeeting[], meetings: { type: string; date: Date }[]): void {
  const sorted = [...meetings].sort((a, b) => a.date.getTime() - b.date.getTime());
  const regular = sorted.filter((m) => m.type === "регулярная встреча");
  let r = 0;
  for (const p of plan) {
    if (p.type === "регулярная встреча") {
      if (r < regular.length) p.held = regular[r++].date;
    } else {
      const m = sorted.find((x) => x.type === p.type);
      if (m) p.held = m.date;
    }
  }
}

/** Tasks from the mentee's requests (with the subject where the request is about one). */
export function tasksFromRequests(requests: string[], subjects: string): string[] {
  return requests.map((req) => {
    const task = REQUEST_TASKS[req.toLowerCase()];
    if (!task) return `получить помощь по запросу ${quoted(req)}`;
    if (req.toLowerCase() === "методика преподавания предмета" && subjects)
      return `${task} (${lowerCase(subjects)})`;
    return task;
  });
}

export function goalOf(pair: Pick<PairInfo, "roleModel" | "form">): string {
  return (
    ROLE_MODEL_GOALS[pair.roleModel.toLowerCase()] ??
    FORM_GOALS[pair.form.toLowerCase()] ??
    "раскрытие потенциала наставляемого, необходимое для его успешной личной и профессиональной самореализации"
  );
}

export function buildProgram(src: DocumentSource, pair: PairInfo): DocumentModel {
  const school = src.school();
  const mentor = src.byId("mentors").get(pair.mentorId);
  const mentee = src.byId("mentees").get(pair.menteeId);
  const start = pair.start ?? pair.approvedAt ?? school.programStart;
  const end = pair.end ?? school.programEnd;
  const requests = items(mentee?.requests);
  const tasks = tasksFromRequests(requests, textWithIsoDates(mentee?.subjects));
  const plan = meetingPlan(start, end, school.meetingsPerMonth, tasks);
  const held = src
    .records("meetings")
    .filter((m) => textWithIsoDates(m.pair_id) === pair.id)
    .map((m) => ({ type: textWithIsoDates(m.type).toLowerCase(), date: toCalendarDate(m.date) }))
    .filter((m): m is { type: string; date: Date } => m.date !== null);
  markHeld(plan, held);
  const menteeRole = agree(pair.menteeGender, "Наставляемый", "Наставляемая");
  const guardian = textWithIsoDates(mentee?.guardian_name);
  const names = [surname(pair.mentorName), surname(pair.menteeName)].filter((x) => x !== "");

  const doc = newDocument(
    `Персонализированная программа наставничества${names.length > 0 ? ` (${names.join(` ${DASH} `)})` : ""}`,
  );
  doc.blocks.push(
    ...approvalBlock(school, start.getUTCFullYear()),
    heading(1, "Персонализированная программа наставничества"),
    paragraph(
      `${schoolShort(school)}, ${schoolYearPhrase(school.schoolYear)}${pair.group ? `; группа ${surnameInitialsIn(pair.group, "genitive", pair.group === pair.mentorName ? pair.mentorGender : genderOf(pair.group))}` : ""}`,
      { align: "center", spaceAfter: 12 },
    ),
    heading(2, "1. Участники программы"),
    table(
      [
        { header: "Роль", width: 20 },
        { header: "ФИО", width: 32 },
        { header: "Сведения", width: 48 },
      ],
      [
        row(["Наставник", pair.mentorName || DASH, personDetails(mentor, true, pair.mentorGender)]),
        row([menteeRole, pair.menteeName || DASH, personDetails(mentee, false, pair.menteeGender)]),
        ...(guardian
          ? [
              row([
                `Законный представитель ${agree(pair.menteeGender, "наставляемого", "наставляемой")}`,
                guardian,
                "даёт согласие на участие",
              ]),
            ]
          : []),
        row(["Куратор", school.curator || DASH, "организационно-методическое сопровождение"]),
      ],
    ),
    paragraph([bold("Форма наставничества: "), formName(pair.form)], { spaceBefore: 6, spaceAfter: 2 }),
    paragraph([bold("Ролевая модель: "), pair.roleModel ? quoted(pair.roleModel) : "не указана"], {
      spaceAfter: 2,
    }),
    paragraph([bold("Срок реализации: "), dateRange(start, end)], { spaceAfter: 2 }),
    paragraph([bold("Периодичность встреч: "), `не реже ${meetingsPhrase(school.meetingsPerMonth)}`]),
    heading(2, `2. Запросы ${agree(pair.menteeGender, "наставляемого", "наставляемой")}`),
  );
  if (requests.length === 0) doc.blocks.push(emptyNote("Запросы не указаны в анкете наставляемого."));
  else doc.blocks.push(list(false, requests));
  const details = textWithIsoDates(mentee?.request_details);
  if (details) doc.blocks.push(paragraph([bold("Запрос своими словами: "), quoted(details)]));
  const third = textWithIsoDates(mentee?.third_party_info);
  if (third) doc.blocks.push(paragraph([bold("Сведения от третьих лиц: "), third]));

  doc.blocks.push(
    heading(2, "3. Цель и задачи"),
    text([bold("Цель: "), `${goalOf(pair)}.`]),
    paragraph(bold("Задачи:"), { keepNext: true }),
    list(
      true,
      (tasks.length > 0 ? tasks : ["определить задачи на встрече-планировании"]).map((t) => `${capital(t)}.`),
    ),
    heading(2, "4. План встреч"),
    table(
      [
        { header: "№", width: 6, align: "center" },
        { header: "Дата", width: 13, align: "center" },
        { header: "Встреча", width: 22 },
        { header: "Содержание", width: 43 },
        { header: "Отметка о проведении", width: 16, align: "center" },
      ],
      plan.map((m, i) =>
        row([
          cell(i + 1, { align: "center" }),
          cell(shortDate(m.date), { align: "center" }),
          m.type,
          m.content,
          cell(m.held ? `проведена ${shortDate(m.held)}` : "", { align: "center" }),
        ]),
      ),
      { size: 10 },
    ),
    paragraph(
      `После каждой встречи участники заполняют форму обратной связи; наставник ежемесячно отчитывается куратору. Всего запланировано ${count(plan.length, "встреча", "встречи", "встреч")}.`,
      { size: 10, spaceBefore: 4 },
    ),
  );
  const links = src.pairLinks().get(pair.id);
  const linkLines = links
    ? [
        ["форма обратной связи наставника", links.feedbackMentor],
        [
          `форма обратной связи ${agree(pair.menteeGender, "наставляемого", "наставляемой")}`,
          links.feedbackMentee,
        ],
        ["ежемесячный отчёт наставника", links.report],
      ].filter(([, url]) => url !== "")
    : [];
  if (linkLines.length > 0)
    doc.blocks.push(
      paragraph(bold(`Ссылки на анкеты пары ${pair.id} (код пары в них уже заполнен):`), {
        size: 10,
        spaceBefore: 4,
        keepNext: true,
      }),
      list(
        false,
        linkLines.map(([what, url]) => `${what}: ${url}`),
      ),
    );
  doc.blocks.push(
    heading(2, "5. Ожидаемые результаты"),
    list(false, EXPECTED_RESULTS[pair.form.toLowerCase()] ?? DEFAULT_RESULTS),
    heading(2, "6. Формы контроля"),
    list(false, [
      "формы обратной связи после каждой встречи",
      "ежемесячные отчёты наставника куратору",
      "входная и итоговая анкеты мониторинга, оценка по показателям эффективности",
    ]),
    paragraph("", { spaceAfter: 0 }),
    text(
      `Программа разработана наставником ${pair.mentorName ? surnameInitialsIn(pair.mentorName, "instrumental", pair.mentorGender) : BLANK} совместно с ${agree(pair.menteeGender, "наставляемым", "наставляемой")} ${pair.menteeName ? surnameInitialsIn(pair.menteeName, "instrumental", pair.menteeGender) : BLANK} и согласована с куратором программы наставничества ${school.curator ? surnameInitialsIn(school.curator, "instrumental") : BLANK}.`.replace(
        /\.\.$/,
        ".",
      ),
    ),
    signature([
      { position: "Наставник", name: signName(pair.mentorName) },
      { position: menteeRole, name: signName(pair.menteeName) },
      ...(guardian ? [{ position: "Законный представитель", name: signName(guardian) }] : []),
      curatorLine(school),
    ]),
  );
  return finish(doc);
}

/** «10А класс; …», «учитель; опытный педагог; предметы: математика; стаж 24 года». */
function personDetails(p: RecordValues | undefined, isMentor: boolean, gender: Gender | null): string {
  if (!p) return "нет сведений";
  const parts: string[] = [];
  const cls = textWithIsoDates(p.class);
  if (cls) parts.push(`${agree(gender, "обучающийся", "обучающаяся")} ${cls} класса`);
  const position = textWithIsoDates(p.position);
  if (position) parts.push(position);
  const org = textWithIsoDates(p.organisation);
  if (org) parts.push(org);
  const cat = textWithIsoDates(p.category);
  if (cat && !cls) parts.push(agreeCategory(cat, gender));
  const subj = textWithIsoDates(p.subjects);
  if (subj) parts.push(`предметы: ${lowerCase(subj)}`);
  const exp = textWithIsoDates(p.experience_years);
  if (exp && !cls && Number.isFinite(Number(exp)))
    parts.push(`стаж ${count(Number(exp), "год", "года", "лет")}`);
  if (isMentor) {
    const c = textWithIsoDates(p.competencies);
    if (c) parts.push(`компетенции: ${lowerCase(c)}`);
  }
  return parts.join("; ") || DASH;
}

/** A category agreeing with the person: «обучающаяся 15–18 лет». */
function agreeCategory(category: string, gender: Gender | null): string {
  return gender === "female" ? category.replace(/^обучающийся/, "обучающаяся") : category;
}
