/**
 * Issue #5 benchmark: exact enumeration rate (configurations decided per second) at N = 24, binary storage
 * α = 0.5 (P = 12), κ = 0: the split traversal (inner table + early exit) and the plain Gray-code traversal
 * (P stabilities updated per step; its configuration·pattern update rate is configurations/s × P).
 * Also the neighbourhood of a solution at N = 1001 (Σ_{k≤2} C(N, k) flip sets × P = 500).
 */
import { storageData, teacherStudentData } from '../src/teacher-student/data.js';
import { columnsOf, forEachSolution, forEachSolutionGray, neighbourhoodCounts } from '../src/teacher-student/enumeration.js';
import type { BenchCase } from './harness.js';

const n = 24;
const cols = columnsOf(storageData(1, n, 12));
const ts = teacherStudentData(2, 1001, 500, { prior: 'binary' });
const flipSets = 1 + 1001 + (1001 * 1000) / 2;

export const benchmarks: BenchCase[] = [
  { name: 'enumerate 2^24 configurations, α = 0.5 (split table, early exit)', ops: 2 ** n, unit: 'configurations', fn: () => forEachSolution(cols, 0).count, maxRuns: 10 },
  { name: 'enumerate 2^24 configurations, α = 0.5 (plain Gray code, ×12 updates)', ops: 2 ** n, unit: 'configurations', fn: () => forEachSolutionGray(cols, 0).count, maxRuns: 5 },
  { name: 'plain Gray code: configuration·pattern updates (2^23 steps × 12)', ops: 2 ** (n - 1) * 12, unit: 'updates', fn: () => forEachSolutionGray(cols, 0).count, maxRuns: 5 },
  { name: 'neighbourhoodCounts of the teacher, N = 1001, P = 500, k ≤ 2', ops: flipSets, unit: 'flip sets', fn: () => neighbourhoodCounts(ts.teacher!, ts, 0, 2), maxRuns: 3 },
];
