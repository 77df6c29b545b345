/** Worker-thread entry for the phase diagram: one family task → its rows (parallel/pool.ts). */
import { familyByName, type FamilyTask } from './families.js';
import type { Row } from '../io/row.js';

export default function computeTask(task: FamilyTask): Row[] {
  return familyByName(task.family).compute(task);
}
