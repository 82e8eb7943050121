import type { Submission } from "../../src/core/intake/submission";
import { questionnaire } from "../../src/core/questionnaires/schema";

/** Builds a submission of a questionnaire from answers keyed by question key, titled as Forms titles them. */
export function submission(
  formKey: string,
  email: string,
  answers: Record<string, string>,
  submittedAt: Date | null = new Date(Date.UTC(2026, 8, 10, 12, 0)),
  source = "тест",
): Submission {
  const q = questionnaire(formKey);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(answers)) {
    const question = q.questions.find((x) => x.key === key);
    if (!question) throw new Error(`no question ${key} in ${formKey}`);
    out[question.title] = value;
  }
  return { submittedAt, email, answers: out, source };
}

export const goodMentee = {
  full_name: "Смирнова Алиса Игоревна",
  category: "обучающийся",
  birth_date: "14.03.2013",
  class: "7Б",
  form: "ученик – ученик",
  requests: "Повышение успеваемости, Адаптация в новом классе",
  request_details: "Перешла из другой школы",
  interests: "Спорт, Олимпиады",
  consent: "Согласен(на)",
  guardian_name: "Смирнова Ольга Петровна",
  guardian_consent: "Согласен(на)",
};

export const goodMentor = {
  full_name: "Орлова Марина Сергеевна",
  category: "опытный педагог",
  source: "педагоги школы",
  forms: "учитель – учитель",
  role_models:
    "лидер педагогического сообщества – педагог, испытывающий проблемы, опытный педагог – молодой специалист",
  competencies: "Классное руководство, Работа с родителями",
  capacity: "2",
  consent: "Согласен(на)",
};
