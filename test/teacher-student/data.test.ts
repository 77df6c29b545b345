import { describe, expect, it } from 'vitest';
import { countErrors, storageData, teacherStudentData, testSet } from '../../src/teacher-student/data.js';

describe('lab data sets', () => {
  it('are reproducible bit for bit from the seed', () => {
    const a = teacherStudentData(7, 31, 40, { prior: 'binary' });
    const b = teacherStudentData(7, 31, 40, { prior: 'binary' });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(storageData(3, 11, 5).y)).toEqual(Array.from(storageData(3, 11, 5).y));
  });
  it('teacher classifies its own training and test sets without error', () => {
    for (const prior of ['binary', 'spherical'] as const) {
      const d = teacherStudentData(11, 51, 100, { prior });
      expect(countErrors(d.teacher!, d)).toBe(0);
      expect(countErrors(d.teacher!, testSet(d, 200, 99))).toBe(0);
    }
    const c = teacherStudentData(5, 45, 60, { prior: 'binary', committeeK: 3 });
    expect(c.y.every((v) => v === 1 || v === -1)).toBe(true);
  });
  it('spherical teacher has |w|² = N and random labels are balanced on average', () => {
    const d = teacherStudentData(1, 200, 10, { prior: 'spherical' });
    expect(d.teacher!.reduce((s, v) => s + v * v, 0)).toBeCloseTo(200, 9);
    const s = storageData(2, 10, 4000);
    const mean = s.y.reduce((a, v) => a + v, 0) / s.p;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(s.p)); // 4 standard deviations
  });
});
