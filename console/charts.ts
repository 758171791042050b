/**
 * Throughput charts (uPlot): executions started, succeeded and failed per hour over the last 24 hours,
 * one small chart per workflow, with a time axis in China Standard Time and an integer count axis.
 * Charts follow their container's width, so they fill the grid at any window size.
 */
import uPlot from 'uplot';
import { h } from './dom.ts';
import { hourOf, TIME_ZONE, time } from './format.ts';
import { t } from './i18n.ts';
import type { OpsOverview } from './types.ts';

type Throughput = OpsOverview['workflows'][number]['throughput'];

/** Canvas text needs the CJK fonts named: the page's CSS does not reach into a canvas. */
const FONT =
  '12px "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
const LABEL_FONT = `bold ${FONT}`;
const AXIS = { stroke: '#3f4a5a', font: FONT, labelFont: LABEL_FONT, grid: { stroke: '#e3e8ef', width: 1 } };
const HEIGHT = 190;

const SERIES = [
  { key: 'started', stroke: '#2563eb' },
  { key: 'succeeded', stroke: '#15803d' },
  { key: 'failed', stroke: '#dc2626' },
] as const;

function options(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), TIME_ZONE),
    scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
    series: [
      {
        label: t('throughput.time'),
        value: (_u, v) => (v === null ? '' : time(new Date(v * 1000).toISOString())),
      },
      ...SERIES.map((s) => ({
        label: t(`throughput.${s.key}`),
        stroke: s.stroke,
        width: 2,
        points: { show: true, size: 4 },
      })),
    ],
    axes: [
      { ...AXIS, values: (_u, splits) => splits.map(hourOf) },
      {
        ...AXIS,
        label: t('throughput.count'),
        size: 48,
        // Counts are whole: no 0.5 execution on the axis.
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000],
        values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')),
      },
    ],
    // The legend names the lines; values at the cursor would read as dashes on a still page.
    legend: { show: true, live: false },
    cursor: { drag: { x: false, y: false } },
  };
}

function dataOf(points: Throughput): uPlot.AlignedData {
  return [
    points.map((p) => Math.floor(Date.parse(p.at) / 1000)),
    ...SERIES.map((s) => points.map((p) => p[s.key])),
  ];
}

/**
 * A chart in a figure already in the page (uPlot measures its container). Returns the figure; the chart
 * is drawn once it is attached, and redrawn at the container's width when that changes.
 */
export function throughputChart(title: HTMLElement, points: Throughput): HTMLElement {
  const plot = h('div', { class: 'plot' });
  const figure = h('figure', { class: 'chart' }, h('figcaption', null, title), plot);
  let chart: uPlot | undefined;
  const observer = new ResizeObserver(() => {
    const width = Math.floor(plot.clientWidth);
    if (width <= 0) return;
    if (!chart) chart = new uPlot(options(width), dataOf(points), plot);
    else if (Math.abs(chart.width - width) > 1) chart.setSize({ width, height: HEIGHT });
  });
  observer.observe(plot);
  return figure;
}
