/**
 * Gaussian expectations as explicit node sets: ∫Dz f(z) ≈ Σ_i w_i f(z_i). A rule that hands out its nodes
 * lets several integrands share one pass over them (the saddle-point equations of a free entropy need the
 * potential and its whole gradient at the same nodes, and the special functions dominate the cost).
 *
 * Two rules:
 *  - `hermiteNodes(n)`: the n-point Gauss-Hermite rule (math/hermite.ts), for integrands smooth on the
 *    scale of the Gaussian (hints are ignored);
 *  - `panelNodes({ order })`: composite Gauss-Legendre on a partition of [−L, L] (L = 14, where the density
 *    is 10⁻⁴³ of its peak) made of a fixed bulk partition plus, for every hinted layer at z₀ of width w, the
 *    points z₀ and z₀ ± w·r^k up to the O(1) scale (r = 2 by default; gauss.ts `layerPoints` uses 4). A layer narrower than the bulk panels is then resolved by panels of its own width.
 *    The rule is deterministic — no adaptive refinement — so the integral is a smooth function of the
 *    parameters (finite-difference Jacobians stay clean), and its accuracy is stated by its order and
 *    checked by refinement (order → 2·order).
 * Both also implement `GaussianMeasure`, so they can be passed wherever a measure is expected.
 */
import type { GaussianMeasure, IntegrandHints } from './gauss.js';
import { hermiteRule } from './hermite.js';
import { gaussLegendre as legendreRule } from './split-gauss.js';
import { logG } from './special.js';

export interface Nodes {
  z: Float64Array;
  w: Float64Array;
}

export interface NodeRule extends GaussianMeasure {
  nodes(hints?: IntegrandHints): Nodes;
}

/** The n-point Gauss-Hermite rule as a node rule (weights below 1e-300 dropped). */
export function hermiteNodes(n: number): NodeRule {
  const rule = hermiteRule(n);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (rule.weights[i]! > 1e-300) keep.push(i);
  const nodes: Nodes = { z: Float64Array.from(keep, (i) => rule.nodes[i]!), w: Float64Array.from(keep, (i) => rule.weights[i]!) };
  return {
    name: `hermite(n=${n})`,
    nodes: () => nodes,
    mean(f) {
      let s = 0;
      for (let i = 0; i < nodes.z.length; i++) s += nodes.w[i]! * f(nodes.z[i]!);
      return s;
    },
  };
}

const legendreCache = new Map<number, { x: Float64Array; w: Float64Array }>();

/** Gauss-Legendre nodes and weights on [−1, 1] (math/split-gauss.ts), cached by order. */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  let r = legendreCache.get(n);
  if (!r) {
    r = legendreRule(n);
    legendreCache.set(n, r);
  }
  return r;
}

export interface PanelOptions {
  /** Gauss-Legendre points per panel (default 10). */
  order?: number;
  /** Half-width of the integration range (default 14). */
  range?: number;
  /** Geometric ratio of the panels around a layer (default 2: a Gaussian-like tail of a layer changes by
   *  many orders of magnitude over a panel of ratio 4, which a low order cannot follow). */
  ratio?: number;
}

/** Partition points z₀ and z₀ ± w·r^k (k = 0…) until the O(1) scale, for every hinted layer. */
function refinedLayerPoints(hints: IntegrandHints, ratio: number): number[] {
  const out: number[] = [];
  const bps = hints.breakpoints ?? [];
  for (let i = 0; i < bps.length; i++) {
    const b = bps[i]!;
    out.push(b);
    const w = hints.widths?.[i];
    if (w === undefined || !(w > 0)) continue;
    for (let d = w; d < 2; d *= ratio) out.push(b - d, b + d);
  }
  return out;
}

const BULK = [-8, -5, -3, -1.5, 0, 1.5, 3, 5, 8];

/** Composite Gauss-Legendre, refined geometrically around hinted layers (see the file header). */
export function panelNodes(opts: PanelOptions = {}): NodeRule {
  const order = opts.order ?? 10;
  const L = opts.range ?? 14;
  const ratio = opts.ratio ?? 2;
  const gl = gaussLegendre(order);
  const plain = build([]);
  function build(extra: number[]): Nodes {
    const pts = [-L, ...BULK, L, ...extra.filter((x) => x > -L && x < L)].sort((a, b) => a - b);
    const edges: number[] = [];
    for (const p of pts) if (edges.length === 0 || p - edges[edges.length - 1]! > 1e-14 * Math.max(1, Math.abs(p))) edges.push(p);
    const m = edges.length - 1;
    const z = new Float64Array(m * order);
    const w = new Float64Array(m * order);
    let k = 0;
    for (let j = 0; j < m; j++) {
      const a = edges[j]!;
      const b = edges[j + 1]!;
      const c = 0.5 * (a + b);
      const h = 0.5 * (b - a);
      for (let i = 0; i < order; i++) {
        const zi = c + h * gl.x[i]!;
        z[k] = zi;
        w[k] = h * gl.w[i]! * Math.exp(logG(zi));
        k++;
      }
    }
    return { z, w };
  }
  const nodes = (hints?: IntegrandHints): Nodes => (hints?.breakpoints?.length ? build(refinedLayerPoints(hints, ratio)) : plain);
  return {
    name: `panel-gauss-legendre(order=${order}, layers refined by ${ratio})`,
    nodes,
    mean(f, hints) {
      const { z, w } = nodes(hints);
      let s = 0;
      for (let i = 0; i < z.length; i++) s += w[i]! * f(z[i]!);
      return s;
    },
  };
}

/**
 * Gauss-Hermite(n) when every hinted layer is at least `minWidth` wide (the integrand is then smooth on
 * the Gaussian's scale), the layer-refined panel rule otherwise. The choice depends only on the widths,
 * which the callers compute from the order parameters, so it is the same at every node of one integral.
 */
export function autoNodes(opts: { hermite?: number; panel?: PanelOptions; minWidth?: number } = {}): NodeRule {
  const h = hermiteNodes(opts.hermite ?? 40);
  const p = panelNodes(opts.panel);
  const minWidth = opts.minWidth ?? 0.5;
  const pick = (hints?: IntegrandHints) => ((hints?.widths ?? []).every((w) => w >= minWidth) ? h : p);
  return {
    name: `${h.name} if every layer is wider than ${minWidth}, else ${p.name}`,
    nodes: (hints) => pick(hints).nodes(hints),
    mean: (f, hints) => pick(hints).mean(f, hints),
  };
}
