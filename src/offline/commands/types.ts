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

/** What `mentor КОМАНДА --help` prints about a command, besides its usage line. */
export interface CommandHelp {
  /** The ways to call it, without «mentor»: «match [--full] [--mode РЕЖИМ]». */
  synopsis: string[];
  /** Each of its own options (or positional words) with what it does: ["--mode РЕЖИМ", "…"]. */
  options: [string, string][];
  /** Whole command lines a curator can copy. */
  examples: string[];
  /** More sentences, each its own line. */
  details?: string[];
  /** The command works on no workbook (--file is not one of its options). */
  noWorkbook?: boolean;
}

/** One `mentor` command. Its Russian help lines are listed by `mentor --help`. */
export interface Command {
  name: string;
  /** «команда [параметры]  Что делает», shown in the command list. */
  usage: string;
  /**
   * `mentor КОМАНДА --help`: its own usage, options and examples (CommandHelp, laid out by the command
   * line), or a page written whole.
   */
  help: CommandHelp | string;
  /** Options that take a value (everything else starting with -- is a flag). */
  valueOptions?: string[];
  /** Options that are flags (--name alone). Any other option is refused as unknown. */
  flags?: string[];
  run(ctx: CommandContext): Promise<number>;
}
