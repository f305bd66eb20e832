import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MonthRow } from './trend';

/**
 * The trend as a line chart (ECharts, loaded with the first chart only: the scorecard never pays for it).
 * Decorative for assistive technology: the same figures are in the table beside it.
 */
export function TrendChart({ rows, year, label }: { rows: MonthRow[]; year: number; label: string }) {
  const { format } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('./echarts').then(({ drawLineChart }) => {
      if (disposed || !element.current) return;
      dispose = drawLineChart(element.current, {
        categories: rows.map((row) => format.month(row.month)),
        series: [
          { name: String(year - 1), values: rows.map((row) => row.previous), dashed: true },
          { name: String(year), values: rows.map((row) => row.current), dashed: false },
        ],
        formatValue: (value) => format.number(value),
      });
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [rows, year, format]);
  return <div class="chart" ref={element} role="img" aria-label={label} />;
}
