import { describe, expect, it } from "vitest";
import { indicatorLineConfig, type LinePoint } from "~/components/results-charts";

const LABELS = { value: "Våldet har upphört", band: "95 %", target: "Mål" };
const point = (month: string, value: number): LinePoint => ({ month, value, low: value - 10, high: value + 10 });
const target = (points: LinePoint[]) => indicatorLineConfig(points, 0.6, LABELS).data.datasets.find((d) => d.label === "Mål")!;

describe("the indicator chart", () => {
  it("draws the target as a dashed line across the months", () => {
    const line = target([point("2026-08", 55), point("2026-09", 70)]);
    expect(line.data).toEqual([60, 60]);
    expect(line).toMatchObject({ borderDash: [6, 4], pointRadius: 0 });
  });

  it("marks the target and the band's ends at a single month, where no line can be drawn", () => {
    const config = indicatorLineConfig([point("2026-09", 70)], 0.6, LABELS);
    const [low, high, value, goal] = config.data.datasets;
    expect(goal).toMatchObject({ data: [60], pointStyle: "line" });
    expect((goal as { pointRadius: number }).pointRadius).toBeGreaterThanOrEqual(20);
    for (const end of [low, high]) expect(end).toMatchObject({ pointStyle: "line" });
    expect(value!.data).toEqual([70]);
    expect(config.options?.scales?.x).toMatchObject({ offset: true });
  });
});
