import { setupSchool } from "../support/school";

/**
 * «Проверить доступ» run by someone who is not an editor of a protection: Google does not let them
 * read its editors (Protection.getEditors and canDomainEdit throw «if the user does not have
 * permission to edit the protected range or sheet»; the fake does the same). The check still
 * answers, saying the list is hidden from them, instead of an error.
 */
const OWNER = "owner@school1.ru";
const CURATOR = "curator@school1.ru";
const TEACHER = "teacher@school1.ru";

function protectedSchool() {
  const { fake } = setupSchool({
    access: { owner: OWNER, editors: [CURATOR, TEACHER] },
    settings: { curator_editors: CURATOR },
  });
  fake.call("menuProtectPersonalData");
  expect(fake.state.alerts).toEqual([]);
  return fake;
}

const actAs = (fake: ReturnType<typeof protectedSchool>, user: string) => {
  fake.users.active = user;
  fake.users.effective = user;
};

describe("«Проверить доступ» by a user who may not edit a protection", () => {
  it("the fake refuses them the editors of the protection, as Apps Script does", () => {
    const fake = protectedSchool();
    actAs(fake, TEACHER);
    const p = fake.globals.SpreadsheetApp.getActive()
      .getSheetByName("Наставляемые")!
      .getProtections(fake.globals.SpreadsheetApp.ProtectionType.SHEET)[0];
    expect(p.canEdit()).toBe(false);
    expect(() => p.getEditors()).toThrow();
    expect(() => p.canDomainEdit()).toThrow();
  });

  it("still answers: the personal-data sheets are protected, their editors hidden from this user", () => {
    const fake = protectedSchool();
    actAs(fake, TEACHER);
    fake.call("menuCheckAccess");
    const alert = fake.state.alerts.at(-1)!;
    expect(alert.title).toBe("Проверка доступа");
    expect(alert.prompt).not.toContain("Наставничество:");
    expect(alert.prompt).toContain(
      `«Наставляемые»: защищён; кто может его изменять, видят только редакторы этой защиты и владелец таблицы (вы, ${TEACHER}, не в их числе).`,
    );
    expect(alert.prompt).not.toContain("не защищён");
    expect(alert.prompt).toContain(`${TEACHER} — редактор таблицы, но не куратор`);
  });

  it("the curators themselves still see who may edit", () => {
    const fake = protectedSchool();
    actAs(fake, CURATOR);
    fake.call("menuCheckAccess");
    expect(fake.state.alerts.at(-1)!.prompt).toContain(
      `«Наставляемые»: изменять могут ${OWNER} (владелец), ${CURATOR} (куратор)`,
    );
  });
});
