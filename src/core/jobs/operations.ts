/**
 * Operations that cannot be cut into chunks (one optimal assignment, one closing of the year) run
 * as one-step jobs: they get the job's guarantees — a second start is refused while one is under
 * way, and an execution killed half way is resumed by the watchdog continuation, which runs the
 * operation again. Both are safe to run again after a failure at any write (see the fault tests):
 * a re-match replaces its own proposals, a cycle's closing finds its pairs already completed.
 */
import { closeCycle, describeCloseCycle } from "../usecases/close-cycle";
import { describeMatch, type MatchOptions, matchPairs } from "../usecases/matching";
import type { JobDefinition } from "./job";

/**
 * The result message kept in the marker until `finish` shows it: a marker is one script property
 * of at most 9 kB (Cyrillic is 2 bytes a character in UTF-8), so the message is clipped.
 */
const MAX_MESSAGE_CHARS = 3000;

function clip(message: string): string {
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…` : message;
}

export interface OneStepCursor<O> {
  options: O;
  message: string;
}

/** «Полный переподбор» (or «Подобрать пары») as a job. */
export function rematchJob(options: MatchOptions = {}): JobDefinition<OneStepCursor<MatchOptions>> {
  return {
    name: "rematch",
    title: options.full ? "Полный переподбор пар" : "Подбор пар",
    start: () => ({ options, message: "" }),
    step(ports, cursor) {
      // The runner holds the lock.
      const report = matchPairs({ ...ports, lock: undefined }, cursor.options);
      return { cursor: { ...cursor, message: clip(describeMatch(report)) }, done: true, progress: [1, 1] };
    },
    finish: (_ports, cursor) => cursor.message,
  };
}

/** «Завершить цикл» as a job. */
export function closeCycleJob(): JobDefinition<OneStepCursor<null>> {
  return {
    name: "close_cycle",
    title: "Завершение цикла",
    start: () => ({ options: null, message: "" }),
    step(ports, cursor) {
      const report = closeCycle({ ...ports, lock: undefined });
      return {
        cursor: { ...cursor, message: clip(describeCloseCycle(report)) },
        done: true,
        progress: [1, 1],
      };
    },
    finish: (_ports, cursor) => cursor.message,
  };
}
