'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartPoint {
  label: string;
  value: number;
}

export interface BarsChartProps {
  data: ChartPoint[];
  /** What the chart shows, for screen readers (the table under it has the figures). */
  label: string;
  format(value: number): string;
  /** The value axis's ticks, when shorter than `format`. */
  axisFormat?(value: number): string;
  /** `rows`: one horizontal bar per item (names), `columns`: vertical bars (months). */
  layout?: 'columns' | 'rows';
  color?: string;
}

const AXIS = { fontSize: 12, fill: 'var(--color-muted)' };

/**
 * A bar chart (recharts, loaded only on pages that draw one). Screen readers get its label; the
 * figures are in the table under every chart.
 */
export function BarsChart({
  data,
  label,
  format,
  axisFormat = format,
  layout = 'columns',
  color = 'var(--color-primary)',
}: BarsChartProps) {
  const rows = layout === 'rows';
  const height = rows ? Math.max(120, data.length * 34 + 40) : 240;
  return (
    <div role="img" aria-label={label} style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout={rows ? 'vertical' : 'horizontal'}
          accessibilityLayer={false}
          margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
        >
          <CartesianGrid stroke="var(--color-border)" vertical={rows} horizontal={!rows} />
          {rows ? (
            <>
              <XAxis type="number" tick={AXIS} tickFormatter={axisFormat} />
              <YAxis type="category" dataKey="label" tick={AXIS} width={130} interval={0} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" />
              <YAxis tick={AXIS} tickFormatter={axisFormat} width={72} />
            </>
          )}
          <Tooltip
            formatter={(value) => [format(Number(value)), '']}
            separator=""
            cursor={{ fill: 'var(--color-surface-muted)' }}
          />
          <Bar dataKey="value" isAnimationActive={false} radius={rows ? [0, 4, 4, 0] : [4, 4, 0, 0]}>
            {data.map((point) => (
              <Cell key={point.label} fill={point.value < 0 ? 'var(--color-success)' : color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
