/** Worker entry for parallelMap: a batch of enumeration instances. */
import { runInstance, type InstanceSummary, type InstanceTask } from './task.js';

export default function (batch: InstanceTask[]): InstanceSummary[] {
  return batch.map(runInstance);
}
