import type { ClockPort, ProgressPort } from "../../core/ports";

export interface CommandContext {
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
  /** Options that take a value (everything else starting with -- is a flag). */
  valueOptions?: string[];
  run(ctx: CommandContext): Promise<number>;
}
