/**
 * The continuation trigger of the long operations (src/gas/jobs.ts): it resumes every job under
 * way from its checkpoint, and removes itself when none is left.
 */
import {
  CONTINUATION_DUE_KEY,
  disarm,
  type JobPorts,
  pendingJobs,
  readMarker,
  runJob,
} from "../../core/jobs/job";
import { gasContext } from "../context";
import { guardTrigger } from "../errors";
import { CONTINUE_HANDLER, JOBS, jobPorts } from "../jobs";

/** Installable time trigger: continues every job under way from its checkpoint. */
export function continueJobs(): void {
  const spec = { handler: CONTINUE_HANDLER, operation: "Продолжение длительной операции" };
  guardTrigger({ ...spec, requires: ["sheets", "triggers"] }, () => {
    const ports: JobPorts = jobPorts(gasContext("Продолжение операции"));
    // One budget for the execution, shared by its jobs: the least recently worked on goes first,
    // so a job left to the next execution for want of budget is not passed over again.
    const worked = (name: string) => readMarker(ports.state, name)?.updatedAt ?? 0;
    const names = pendingJobs(ports.state).sort((a, b) => worked(a) - worked(b));
    const spent = { calls: 0, chunks: 0 };
    try {
      for (const name of names) {
        const def = JOBS[name];
        if (def) runJob(def(), ports, "continue", { spent });
        else ports.state.delete(`Наставничество.job.${name}`);
      }
    } finally {
      // The trigger that fired is spent, yet Apps Script keeps listing it until it is deleted
      // (and counts it against the 20 triggers): unless a job armed a new continuation, it goes.
      const due = Number(ports.state.get(CONTINUATION_DUE_KEY) ?? Number.NaN);
      if (!(due > ports.clock.now().getTime())) disarm(ports);
    }
  });
}
