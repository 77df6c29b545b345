/** Test fixture for parallelMap: a deterministic, slightly expensive pure function of its task. */
export default function work(task: { x: number; n: number }): { x: number; value: number; thread: number } {
  let s = 0;
  for (let i = 1; i <= task.n; i++) s += Math.sin(task.x * i) / i;
  return { x: task.x, value: s, thread: process.pid };
}
