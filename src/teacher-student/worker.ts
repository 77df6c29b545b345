/** Worker entry point of the runner: one instance per task (src/parallel/pool.ts). */
import { runTask, type SimTask, type TaskOutcome } from './runner.js';

export default function work(task: SimTask): TaskOutcome {
  return runTask(task);
}
