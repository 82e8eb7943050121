import {
  agree,
  declineName,
  genderOf,
  initialsSurnameIn,
  organisationGenitive,
  positionDative,
  surnameInitialsIn,
} from "../../../src/core/documents/names";
import { noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { MemoryWorkbook } from "../../support/memory-workbook";

const nb = (s: string) => s.replace(/\u00a0/g, " ");

/**
 * Names written out by hand in the genitive («группа …»), the dative («Куратору …», «Назначить …»)
 * and the instrumental («с …»): both genders, surnames in -ов/-ова, -ев/-ева, -ин/-ина, -ский/-ская,
 * -ой/-ая, -ко, -их/-ых, -ь, -ец, foreign indeclinable ones, double surnames, «оглы»/«кызы».
 */
const EXPECTED: [string, string, string, string][] = [
  // nominative, genitive, dative, instrumental
  [
    "Сапельцева Ольга Ивановна",
    "Сапельцевой Ольги Ивановны",
    "Сапельцевой Ольге Ивановне",
    "Сапельцевой Ольгой Ивановной",
  ],
  [
    "Баева Светлана Николаевна",
    "Баевой Светланы Николаевны",
    "Баевой Светлане Николаевне",
    "Баевой Светланой Николаевной",
  ],
  [
    "Першина Татьяна Викторовна",
    "Першиной Татьяны Викторовны",
    "Першиной Татьяне Викторовне",
    "Першиной Татьяной Викторовной",
  ],
  [
    "Михайлова Марина Викторовна",
    "Михайловой Марины Викторовны",
    "Михайловой Марине Викторовне",
    "Михайловой Мариной Викторовной",
  ],
  [
    "Павлов Алексей Николаевич",
    "Павлова Алексея Николаевича",
    "Павлову Алексею Николаевичу",
    "Павловым Алексеем Николаевичем",
  ],
  [
    "Соловьёва Елена Александровна",
    "Соловьёвой Елены Александровны",
    "Соловьёвой Елене Александровне",
    "Соловьёвой Еленой Александровной",
  ],
  [
    "Григорьев Максим Алексеевич",
    "Григорьева Максима Алексеевича",
    "Григорьеву Максиму Алексеевичу",
    "Григорьевым Максимом Алексеевичем",
  ],
  [
    "Никитин Павел Алексеевич",
    "Никитина Павла Алексеевича",
    "Никитину Павлу Алексеевичу",
    "Никитиным Павлом Алексеевичем",
  ],
  [
    "Никитина Светлана Алексеевна",
    "Никитиной Светланы Алексеевны",
    "Никитиной Светлане Алексеевне",
    "Никитиной Светланой Алексеевной",
  ],
  [
    "Зайцева Юлия Дмитриевна",
    "Зайцевой Юлии Дмитриевны",
    "Зайцевой Юлии Дмитриевне",
    "Зайцевой Юлией Дмитриевной",
  ],
  [
    "Достоевская Ирина Петровна",
    "Достоевской Ирины Петровны",
    "Достоевской Ирине Петровне",
    "Достоевской Ириной Петровной",
  ],
  [
    "Вишневский Андрей Олегович",
    "Вишневского Андрея Олеговича",
    "Вишневскому Андрею Олеговичу",
    "Вишневским Андреем Олеговичем",
  ],
  [
    "Толстой Лев Николаевич",
    "Толстого Льва Николаевича",
    "Толстому Льву Николаевичу",
    "Толстым Львом Николаевичем",
  ],
  [
    "Толстая Софья Андреевна",
    "Толстой Софьи Андреевны",
    "Толстой Софье Андреевне",
    "Толстой Софьей Андреевной",
  ],
  [
    "Шевченко Тарас Григорьевич",
    "Шевченко Тараса Григорьевича",
    "Шевченко Тарасу Григорьевичу",
    "Шевченко Тарасом Григорьевичем",
  ],
  [
    "Руденко Наталья Сергеевна",
    "Руденко Натальи Сергеевны",
    "Руденко Наталье Сергеевне",
    "Руденко Натальей Сергеевной",
  ],
  [
    "Черных Андрей Викторович",
    "Черных Андрея Викторовича",
    "Черных Андрею Викторовичу",
    "Черных Андреем Викторовичем",
  ],
  ["Седых Мария Ивановна", "Седых Марии Ивановны", "Седых Марии Ивановне", "Седых Марией Ивановной"],
  ["Долгих Олег Петрович", "Долгих Олега Петровича", "Долгих Олегу Петровичу", "Долгих Олегом Петровичем"],
  [
    "Дюма Александр Иванович",
    "Дюма Александра Ивановича",
    "Дюма Александру Ивановичу",
    "Дюма Александром Ивановичем",
  ],
  ["Гюго Виктор Павлович", "Гюго Виктора Павловича", "Гюго Виктору Павловичу", "Гюго Виктором Павловичем"],
  ["Шмидт Анна Карловна", "Шмидт Анны Карловны", "Шмидт Анне Карловне", "Шмидт Анной Карловной"],
  ["Шмидт Карл Карлович", "Шмидта Карла Карловича", "Шмидту Карлу Карловичу", "Шмидтом Карлом Карловичем"],
  ["Ким Елена Сергеевна", "Ким Елены Сергеевны", "Ким Елене Сергеевне", "Ким Еленой Сергеевной"],
  [
    "Гоголь Николай Васильевич",
    "Гоголя Николая Васильевича",
    "Гоголю Николаю Васильевичу",
    "Гоголем Николаем Васильевичем",
  ],
  ["Кравец Мария Ивановна", "Кравец Марии Ивановны", "Кравец Марии Ивановне", "Кравец Марией Ивановной"],
  ["Кравец Иван Иванович", "Кравца Ивана Ивановича", "Кравцу Ивану Ивановичу", "Кравцом Иваном Ивановичем"],
  ["Вагнер Любовь Ивановна", "Вагнер Любови Ивановны", "Вагнер Любови Ивановне", "Вагнер Любовью Ивановной"],
  [
    "Иванова-Петрова Анна Ивановна",
    "Ивановой-Петровой Анны Ивановны",
    "Ивановой-Петровой Анне Ивановне",
    "Ивановой-Петровой Анной Ивановной",
  ],
  [
    "Алиев Эльдар Мамед оглы",
    "Алиева Эльдара Мамед оглы",
    "Алиеву Эльдару Мамед оглы",
    "Алиевым Эльдаром Мамед оглы",
  ],
  [
    "Гасанова Лейла Рашид кызы",
    "Гасановой Лейлы Рашид кызы",
    "Гасановой Лейле Рашид кызы",
    "Гасановой Лейлой Рашид кызы",
  ],
  [
    "Цой Виктор Робертович",
    "Цоя Виктора Робертовича",
    "Цою Виктору Робертовичу",
    "Цоем Виктором Робертовичем",
  ],
];

describe("names in the case the sentence needs (lvovich)", () => {
  it.each(EXPECTED)("%s", (nominative, genitive, dative, instrumental) => {
    expect(declineName(nominative, "nominative")).toBe(nominative);
    expect(declineName(nominative, "genitive")).toBe(genitive);
    expect(declineName(nominative, "dative")).toBe(dative);
    expect(declineName(nominative, "instrumental")).toBe(instrumental);
  });

  it("short forms: «Сапельцевой О.И.» inside a sentence, «О.И. Сапельцева» under a signature, «И.П. Кузнецовой» to an addressee", () => {
    expect(nb(surnameInitialsIn("Сапельцева Ольга Ивановна", "dative"))).toBe("Сапельцевой О.И.");
    expect(nb(surnameInitialsIn("Михайлова Марина Викторовна", "genitive"))).toBe("Михайловой М.В.");
    expect(nb(surnameInitialsIn("Павлов Алексей Николаевич", "instrumental"))).toBe("Павловым А.Н.");
    expect(nb(initialsSurnameIn("Баева Светлана Николаевна"))).toBe("С.Н. Баева");
    expect(nb(initialsSurnameIn("Кузнецова Ирина Петровна", "dative"))).toBe("И.П. Кузнецовой");
    expect(nb(initialsSurnameIn("Баева С.Н."))).toBe("С.Н. Баева");
    // The initials hold together and to the surname: a non-breaking space, no break inside.
    expect(initialsSurnameIn("Баева Светлана Николаевна")).toBe("С.Н.\u00a0Баева");
  });

  it("gender: «Пол» overrides, else the patronymic (…вна, …ич, «кызы», «оглы»), else the surname", () => {
    expect(genderOf("Борисова Анна Андреевна")).toBe("female");
    expect(genderOf("Кузьмич Никита Ильич")).toBe("male");
    expect(genderOf("Ковальчук Анна Петровна")).toBe("female");
    expect(genderOf("Ковальчук Пётр Ильич")).toBe("male");
    expect(genderOf("Гасанова Лейла Рашид кызы")).toBe("female");
    expect(genderOf("Алиев Эльдар Мамед оглы")).toBe("male");
    expect(genderOf("Петрова Ольга")).toBe("female");
    expect(genderOf("Ким Саша")).toBeNull();
    expect(genderOf("Ким Саша", "ж")).toBe("female");
    expect(genderOf("Борисова Анна Андреевна", "мужской")).toBe("male");
    expect(genderOf("Борисов Илья Дмитриевич", "Женский")).toBe("female");
    expect(genderOf("Борисов Илья Дмитриевич", "не знаю")).toBe("male");
    expect(agree("female", "обучающийся", "обучающаяся")).toBe("обучающаяся");
    expect(agree(null, "обучающийся", "обучающаяся")).toBe("обучающийся");
  });

  it("declines every name of the demo school: the dative and the genitive of its -ов/-ев/-ин/-ёв surnames", () => {
    const wb = new MemoryWorkbook();
    const clock = { now: () => new Date(Date.UTC(2027, 4, 20, 10)) };
    initWorkbook({ workbook: wb, clock, progress: noProgress });
    const school = sampleSchool(clock.now());
    seedSampleSchool(wb, school, noProgress);
    const names = [...Table.load(wb, "mentors").records(), ...Table.load(wb, "mentees").records()].map((r) =>
      String(r.values.full_name),
    );
    names.push(
      String(school.school.curator_name),
      String(school.school.director_name),
      String(school.school.psychologist_name),
    );
    expect(names.length).toBeGreaterThan(100);
    // An independent oracle for the demo's regular names (the hand table above covers the rest).
    const FIRST: Record<string, [string, string]> = {
      Илья: ["Ильи", "Илье"],
      Никита: ["Никиты", "Никите"],
      Наталья: ["Натальи", "Наталье"],
      Софья: ["Софьи", "Софье"],
      Дарья: ["Дарьи", "Дарье"],
      Ксения: ["Ксении", "Ксении"],
      Мария: ["Марии", "Марии"],
      Юлия: ["Юлии", "Юлии"],
      Виктория: ["Виктории", "Виктории"],
      Анастасия: ["Анастасии", "Анастасии"],
      Алексей: ["Алексея", "Алексею"],
      Андрей: ["Андрея", "Андрею"],
      Сергей: ["Сергея", "Сергею"],
      Матвей: ["Матвея", "Матвею"],
      Тимофей: ["Тимофея", "Тимофею"],
      Дмитрий: ["Дмитрия", "Дмитрию"],
      Артём: ["Артёма", "Артёму"],
      Павел: ["Павла", "Павлу"],
    };
    const first = (n: string, female: boolean): [string, string] =>
      FIRST[n] ??
      (female
        ? // Ольга → Ольги (и after г, к, х and the hushing letters), Анна → Анны.
          [`${n.slice(0, -1)}${/[гкхжшчщ]$/.test(n.slice(0, -1)) ? "и" : "ы"}`, `${n.slice(0, -1)}е`]
        : [`${n}а`, `${n}у`]);
    let checked = 0;
    for (const name of new Set(names)) {
      const [last, given, middle] = name.split(" ");
      const female = /вна$/.test(middle);
      expect(genderOf(name)).toBe(female ? "female" : "male");
      const gen = [
        female ? `${last.slice(0, -1)}ой` : `${last}а`,
        first(given, female)[0],
        female ? `${middle.slice(0, -1)}ы` : `${middle}а`,
      ].join(" ");
      const dat = [
        female ? `${last.slice(0, -1)}ой` : `${last}у`,
        first(given, female)[1],
        female ? `${middle.slice(0, -1)}е` : `${middle}у`,
      ].join(" ");
      expect([name, declineName(name, "genitive")]).toEqual([name, gen]);
      expect([name, declineName(name, "dative")]).toEqual([name, dat]);
      checked++;
    }
    expect(checked).toBeGreaterThan(90);
  });

  it("an addressee: the position in the dative and the authority in the genitive", () => {
    expect(positionDative("Начальник")).toBe("Начальнику");
    expect(positionDative("Заместитель начальника")).toBe("Заместителю начальника");
    expect(positionDative("Заведующая")).toBe("Заведующей");
    expect(positionDative("Председатель комитета")).toBe("Председателю комитета");
    expect(positionDative("Начальнику")).toBe("Начальнику");
    expect(organisationGenitive("Отдел образования администрации Бузулукского района")).toBe(
      "Отдела образования администрации Бузулукского района",
    );
    expect(organisationGenitive("Управление образования города Каменска-Уральского")).toBe(
      "Управления образования города Каменска-Уральского",
    );
    expect(organisationGenitive("Муниципальное казённое учреждение «Управление образования»")).toBe(
      "Муниципального казённого учреждения «Управление образования»",
    );
    expect(organisationGenitive("МКУ «Управление образования»")).toBe("МКУ «Управление образования»");
  });
});
