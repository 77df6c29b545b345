/**
 * Chart specs (vega-lite) for rows: lines for theory, points with error bars for measurements, vertical or
 * horizontal rules with labels for transitions. One colour legend names every series.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Cell, Row } from '../io/row.js';
import { axisTitle } from './labels.js';

export interface Series {
  /** Legend entry. */
  name: string;
  rows: readonly Row[];
  /** Column names in `rows` (default: the chart's x and y). */
  x?: string;
  y?: string;
  /** 'line' (theory), 'point' (measurements), 'line+point' (few computed points), 'area' (a shaded band from y to y2). */
  mark: 'line' | 'point' | 'line+point' | 'area';
  /** For 'area': the column of the band's other edge. */
  y2?: string;
  /** Column with the standard error of y: error bars y ± error. */
  error?: string;
  /** Dashed line (e.g. an upper bound or an unphysical branch). */
  dashed?: boolean;
  /** A colour (default: the palette in series order); metastable continuations share their branch's colour. */
  color?: string;
}

export interface Rule {
  /** A vertical rule at x = value, or horizontal at y = value. */
  axis: 'x' | 'y';
  value: number;
  label: string;
}

/** A text label at data coordinates (e.g. the name of a phase). */
export interface Label {
  x: number;
  y: number;
  text: string;
}

export interface Chart {
  title?: string;
  subtitle?: string;
  x: string;
  y: string;
  xTitle?: string;
  yTitle?: string;
  series: Series[];
  rules?: Rule[];
  /** Text at data coordinates (phase names). */
  labels?: Label[];
  width?: number;
  height?: number;
  /** Scale zero (default false: fit the data). */
  zero?: boolean;
  logX?: boolean;
  logY?: boolean;
  /** Fixed y domain [min, max]. */
  yDomain?: [number, number];
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22', '#aec7e8', '#ff9896', '#98df8a', '#c5b0d5', '#ffbb78', '#c49c94', '#f7b6d2', '#9edae5', '#c7c7c7', '#dbdb8d'];

const num = (v: Cell | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Break text into lines of at most `n` characters (vega estimates text widths generously without a canvas). */
export function wrap(text: string, n: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line && line.length + 1 + w.length > n) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

export function chartSpec(c: Chart): TopLevelSpec {
  const names = c.series.map((s) => s.name);
  let next = 0;
  const colors = c.series.map((s) => s.color ?? PALETTE[next++ % PALETTE.length]!);
  const values: Record<string, Cell>[] = [];
  c.series.forEach((s, si) => {
    for (const r of s.rows) {
      const x = num(r[s.x ?? c.x]);
      const y = num(r[s.y ?? c.y]);
      if (x === null || y === null) continue;
      const e = s.error ? num(r[s.error]) : null;
      const y2 = s.y2 ? num(r[s.y2]) : null;
      if (s.mark === 'area' && y2 === null) continue;
      values.push({ series: s.name, si, x, y, y2, lo: e === null ? null : y - e, hi: e === null ? null : y + e, mark: s.mark, dashed: s.dashed ? 1 : 0 });
    }
  });
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: names, range: colors }, legend: { orient: 'bottom' as const, direction: 'vertical' as const, columns: names.length > 6 && Math.max(...names.map((n) => n.length)) <= 24 ? 3 : 1, labelLimit: 0, symbolStrokeWidth: 2, symbolType: 'stroke' } };
  const scale = (log?: boolean) => (log ? { type: 'log' as const, nice: false } : { zero: c.zero ?? false, nice: true });
  const x = { field: 'x', type: 'quantitative' as const, title: c.xTitle ?? axisTitle(c.x), scale: scale(c.logX), axis: { grid: true, gridOpacity: 0.4 } };
  const y = { field: 'y', type: 'quantitative' as const, title: c.yTitle ?? axisTitle(c.y), scale: { ...scale(c.logY), ...(c.yDomain ? { domain: c.yDomain } : {}) }, axis: { grid: true, gridOpacity: 0.4 } };
  const layers: object[] = [];
  const hasLine = c.series.some((s) => s.mark === 'line' || s.mark === 'line+point');
  const hasPoint = c.series.some((s) => s.mark === 'point' || s.mark === 'line+point');
  const hasError = c.series.some((s) => s.error);
  if (c.series.some((s) => s.mark === 'area')) {
    // Bands first, under the lines.
    layers.push({
      transform: [{ filter: "datum.mark === 'area'" }],
      mark: { type: 'area', fillOpacity: 0.25, clip: true },
      encoding: { x, y, y2: { field: 'y2' }, color, detail: { field: 'series' } },
    });
  }
  if (hasLine) {
    layers.push({
      transform: [{ filter: "datum.mark === 'line' || datum.mark === 'line+point'" }],
      mark: { type: 'line', strokeWidth: 2, clip: true },
      encoding: { x, y, color, strokeDash: { field: 'dashed', type: 'nominal', scale: { domain: [0, 1], range: [[1, 0], [6, 4]] }, legend: null }, detail: { field: 'series' }, order: { field: 'x', type: 'quantitative' } },
    });
  }
  if (hasError) {
    layers.push({
      transform: [{ filter: 'datum.lo !== null' }],
      mark: { type: 'rule', strokeWidth: 1.2 },
      encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color },
    });
  }
  if (hasPoint) {
    layers.push({
      transform: [{ filter: "datum.mark === 'point' || datum.mark === 'line+point'" }],
      mark: { type: 'point', filled: true, size: 40, opacity: 1 },
      encoding: { x, y, color },
    });
  }
  if (c.labels?.length) {
    layers.push({
      data: { values: c.labels.map((l) => ({ lx: l.x, ly: l.y, text: l.text })) },
      mark: { type: 'text', align: 'center', baseline: 'middle', fontSize: 12, fontStyle: 'italic', color: '#333' },
      encoding: { x: { field: 'lx', type: 'quantitative' }, y: { field: 'ly', type: 'quantitative' }, text: { field: 'text' } },
    });
  }
  const rules = c.rules ?? [];
  if (rules.length) {
    const rv = rules.map((r, i) => ({ axis: r.axis, value: r.value, label: r.label, i }));
    const vert = rv.filter((r) => r.axis === 'x');
    const horiz = rv.filter((r) => r.axis === 'y');
    const style = { color: '#555', strokeDash: [3, 3], strokeWidth: 1.2 };
    if (vert.length) {
      layers.push({ data: { values: vert }, mark: { type: 'rule', ...style }, encoding: { x: { field: 'value', type: 'quantitative' } } });
      // Labels stacked from the top, the leftmost rule's label on its left side, so that close transitions
      // neither overwrite each other's labels nor cross each other's rules.
      const sorted = [...vert].sort((a, b) => a.value - b.value);
      const labelled = sorted.map((r, k) => ({ ...r, dy: 6 + 16 * k, side: sorted.length > 1 && k === 0 ? 'left' : 'right' }));
      for (const side of ['left', 'right'] as const) {
        const vs = labelled.filter((r) => r.side === side);
        if (!vs.length) continue;
        layers.push({
          data: { values: vs },
          mark: { type: 'text', align: side === 'left' ? 'right' : 'left', dx: side === 'left' ? -4 : 4, baseline: 'top', fontSize: 11, color: '#222' },
          encoding: { x: { field: 'value', type: 'quantitative' }, y: { value: 0 }, yOffset: { field: 'dy', type: 'quantitative', scale: null }, text: { field: 'label' } },
        });
      }
    }
    if (horiz.length) {
      layers.push({ data: { values: horiz }, mark: { type: 'rule', ...style }, encoding: { y: { field: 'value', type: 'quantitative' } } });
      layers.push({
        data: { values: horiz },
        mark: { type: 'text', align: 'right', dy: -5, fontSize: 11, color: '#333' },
        encoding: { y: { field: 'value', type: 'quantitative' }, x: { value: c.width ?? 520 }, text: { field: 'label' } },
      });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(c.title ? { title: { text: c.title, ...(c.subtitle ? { subtitle: wrap(c.subtitle, Math.floor((c.width ?? 520) / 7.5)) } : {}), anchor: 'start' } } : {}),
    width: c.width ?? 520,
    height: c.height ?? 340,
    background: 'white',
    config: { font: 'DejaVu Sans, Helvetica, Arial, sans-serif', axis: { titleFontSize: 13, labelFontSize: 11, titleFontWeight: 'normal' }, legend: { labelFontSize: 12 }, title: { fontSize: 15, subtitleFontSize: 11, subtitleColor: '#555' } },
    data: { values },
    layer: layers,
    resolve: { scale: { color: 'shared' } },
  } as unknown as TopLevelSpec;
}
