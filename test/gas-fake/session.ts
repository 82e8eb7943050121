/** Session and User. */
import { instrument } from "./calls";
import { type Env, Fake } from "./env";

type GasUser = GoogleAppsScript.Base.User;
type GasSession = GoogleAppsScript.Base.Session;

export class FakeUser extends Fake implements Pick<GasUser, "getEmail"> {
  readonly gasType = "User";

  constructor(
    env: Env,
    readonly email: string,
  ) {
    super(env);
  }

  getEmail(): string {
    return this.email;
  }
}
instrument(FakeUser, "Base", "User", ["getEmail"]);

export function gasUser(u: FakeUser): GasUser {
  return u as unknown as GasUser;
}

const SESSION_METHODS = [
  "getActiveUser",
  "getActiveUserLocale",
  "getEffectiveUser",
  "getScriptTimeZone",
  "getTemporaryActiveUserKey",
] as const;

export class FakeSession extends Fake implements Pick<GasSession, (typeof SESSION_METHODS)[number]> {
  constructor(
    env: Env,
    private readonly timeZone: string,
    private readonly userLocale: string,
  ) {
    super(env);
  }

  getActiveUser(): GasUser {
    return gasUser(new FakeUser(this.env, this.env.users.active));
  }
  getActiveUserLocale(): string {
    return this.userLocale;
  }
  getEffectiveUser(): GasUser {
    return gasUser(new FakeUser(this.env, this.env.users.effective));
  }
  getScriptTimeZone(): string {
    return this.timeZone;
  }
  getTemporaryActiveUserKey(): string {
    return `temp-key-${Buffer.from(this.env.users.active).toString("base64url")}`;
  }
}
instrument(FakeSession, "Session", "Session", SESSION_METHODS);
