/**
 * chart.js charts, drawn in the browser only: the server renders an empty canvas beside the
 * table that carries the same numbers, so nothing is lost without JavaScript. chart.js is
 * loaded on demand and styles the canvas through the DOM, which the CSP allows.
 */
import type { Chart, ChartConfiguration } from "chart.js";
import { useEffect, useRef } from "react";

const PALETTE = ["#1f5f8b", "#c26d00", "#4b7f52", "#8b3a62"];

function useChart(config: () => ChartConfiguration, deps: string) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: Chart | undefined;
    let cancelled = false;
    void import("chart.js/auto").then(({ default: ChartJs }) => {
      if (cancelled || !ref.current) return;
      chart = new ChartJs(ref.current, config());
    });
    // A chart drawn for the screen keeps its pixel size on paper, wider and taller than its
    // printed box: redraw it for the print layout and back (chart.js's advice for printing).
    const print = window.matchMedia("print");
    const fit = () => chart?.resize();
    print.addEventListener("change", fit);
    window.addEventListener("beforeprint", fit);
    window.addEventListener("afterprint", fit);
    return () => {
      cancelled = true;
      print.removeEventListener("change", fit);
      window.removeEventListener("beforeprint", fit);
      window.removeEventListener("afterprint", fit);
      chart?.destroy();
    };
    // the config is rebuilt from `deps`, a serialisation of the data it draws
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deps]);
  return ref;
}

export type BarSeries = { label: string; values: (number | null)[] };

/** Percent per answer option, one bar series per wave. */
export function PercentBarChart({ title, labels, series }: { title: string; labels: string[]; series: BarSeries[] }) {
  const ref = useChart(
    () => ({
      type: "bar",
      data: {
        labels,
        datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: "y",
        scales: { x: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } },
        plugins: { legend: { display: series.length > 1 }, title: { display: false } },
      },
    }),
    JSON.stringify({ labels, series }),
  );
  return (
    <div className="chart-box">
      <canvas ref={ref} role="img" aria-label={title} data-chart="bar" />
    </div>
  );
}

export type LinePoint = { month: string; value: number | null; low: number | null; high: number | null };

/**
 * The indicator chart's configuration: its value by month, the 95 % band and the target as a
 * dashed line. A single month has no line to draw: the target and the band's ends are short
 * horizontal marks at that month instead, so the goal still shows beside the one value.
 */
export function indicatorLineConfig(points: LinePoint[], target: number, labels: { value: string; band: string; target: string }): ChartConfiguration {
  const single = points.length === 1;
  const mark = (color: string, radius: number) => (single ? { pointStyle: "line" as const, pointRadius: radius, pointBorderWidth: 2, pointBorderColor: color } : { pointRadius: 0 });
  return {
    type: "line",
    data: {
      labels: points.map((p) => p.month),
      datasets: [
        { label: labels.band, data: points.map((p) => p.low), borderWidth: 0, ...mark(PALETTE[0]!, 8), fill: false, spanGaps: false },
        {
          label: labels.band,
          data: points.map((p) => p.high),
          borderWidth: 0,
          ...mark(PALETTE[0]!, 8),
          backgroundColor: "rgba(31, 95, 139, 0.15)",
          fill: "-1",
          spanGaps: false,
        },
        { label: labels.value, data: points.map((p) => p.value), borderColor: PALETTE[0], backgroundColor: PALETTE[0], spanGaps: false },
        { label: labels.target, data: points.map(() => target * 100), borderColor: "#a4161a", borderDash: [6, 4], ...mark("#a4161a", 40) },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // one month stands in the middle, not on the axis where half its marks would be cut
      scales: { x: { offset: single }, y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } },
      plugins: { legend: { labels: { filter: (item) => item.datasetIndex !== 0 } } },
    },
  };
}

/** An indicator month by month (percent), with its 95 % band and the target as a dashed line. */
export function IndicatorLineChart({
  title,
  points,
  target,
  labels,
}: {
  title: string;
  points: LinePoint[];
  target: number;
  labels: { value: string; band: string; target: string };
}) {
  const ref = useChart(() => indicatorLineConfig(points, target, labels), JSON.stringify({ points, target, labels }));
  return (
    <div className="chart-box chart-wide">
      <canvas ref={ref} role="img" aria-label={title} data-chart="line" />
    </div>
  );
}
