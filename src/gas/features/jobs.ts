/**
 * The continuation trigger of the long operations (src/gas/jobs.ts): it resumes every job under
 * way from its checkpoint, and removes itself when none is left.
 */
import { type JobPorts, pendingJobs, runJob } from "../../core/jobs/job";
import { gasContext } from "../context";
import { guardTrigger } from "../errors";
import { CONTINUE_HANDLER, gasScheduler, JOBS, jobPorts } from "../jobs";

/** Installable time trigger: continues every job under way from its checkpoint. */
export function continueJobs(): void {
  guardTrigger({ handler: CONTINUE_HANDLER, operation: "Продолжение длительной операции" }, () => {
    const ports: JobPorts = jobPorts(gasContext("Продолжение операции"));
    const names = pendingJobs(ports.state);
    if (names.length === 0) {
      gasScheduler.cancel();
      return;
    }
    for (const name of names) {
      const def = JOBS[name];
      if (def) runJob(def(), ports, "continue");
      else ports.state.delete(`Наставничество.job.${name}`);
    }
  });
}
