// Worker bootstrap for running TypeScript worker modules from sources (tests, tsx scripts): registers the
// tsx loader inside the worker thread, then forwards each task to the module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const target = workerData[1].target;
const mod = await import(target);

export default function forward(task) {
  return mod.default(task);
}
