// Only the parts of ECharts the trend uses (tree-shaken), drawn as SVG.
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface LineChartData {
  categories: string[];
  series: { name: string; values: (number | null)[]; dashed: boolean }[];
  formatValue: (value: number) => string;
}

/** Draws into the element, follows its size; answers how to dispose of it. */
export function drawLineChart(element: HTMLElement, data: LineChartData): () => void {
  const chart = init(element, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    color: ['#8a94a6', '#1d4ed8'],
    textStyle: { fontFamily: getComputedStyle(element).fontFamily },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (typeof value === 'number' ? data.formatValue(value) : '—') },
    xAxis: { type: 'category', data: data.categories, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (value: number) => data.formatValue(value) } },
    series: data.series.map((series) => ({
      name: series.name,
      type: 'line',
      data: series.values,
      symbolSize: 6,
      lineStyle: { width: 2, type: series.dashed ? 'dashed' : 'solid' },
    })),
  });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(element);
  return () => {
    observer.disconnect();
    chart.dispose();
  };
}
