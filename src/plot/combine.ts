/** Several charts side by side in one SVG (each keeps its own colour legend). */
import type { TopLevelSpec } from 'vega-lite';
import { chartSpec, type Chart } from './chart.js';

export function combineCharts(charts: readonly Chart[], columns = 2): TopLevelSpec {
  const specs = charts.map((c) => {
    const { $schema: _s, config, background: _b, ...rest } = chartSpec(c) as unknown as Record<string, unknown>;
    return { rest, config };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    background: 'white',
    config: specs[0]?.config ?? {},
    concat: specs.map((s) => s.rest),
    columns,
    spacing: 40,
    resolve: { scale: { color: 'independent', strokeDash: 'independent' }, legend: { color: 'independent' } },
  } as unknown as TopLevelSpec;
}
