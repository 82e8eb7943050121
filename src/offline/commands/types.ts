import type { ClockPort, ProgressPort } from "../../core/ports";
import type { BookLock } from "../book-lock";

export interface CommandContext {
  /** The command's name, as a waiting command names the one holding the workbook. */
  command?: string;
  /** Workbook locks the command took; the command line releases them when it ends. */
  locks?: BookLock[];
  /** Positional arguments after the command name. */
  args: string[];
  /** Named options: --name value, or true for a flag. */
  options: Record<string, string | true>;
  clock: ClockPort;
  progress: ProgressPort;
  out: (text: string) => void;
}

/** One `mentor` command. Its Russian help lines are listed by `mentor --help`. */
export interface Command {
  name: string;
  /** «команда [параметры]  Что делает», shown in the command list. */
  usage: string;
  /** The command's own Russian help (`mentor COMMAND --help`); without it the general help is shown. */
  help?: string;
  /** Options that take a value (everything else starting with -- is a flag). */
  valueOptions?: string[];
  run(ctx: CommandContext): Promise<number>;
}
