/** Worker entry point of the random-features lab: one instance per task (src/parallel/pool.ts). */
import { runRFTask, type RFOutcome, type RFTask } from './random-features-lab.js';

export default function work(task: RFTask): RFOutcome {
  return runRFTask(task);
}
