import { lastDerivableMonth } from "~/results/levels";
import { buildDimensionLevels, rebuildAnswerCounts } from "~/results/queries.sql.server";
import { buildReleaseSummaries } from "~/results/release-summaries-build.server";
import type { Command } from "../framework";

export const aggregatesRebuild: Command = {
  name: "aggregates rebuild",
  summary: "Recounts the reports' pre-aggregated counts from the stored responses (holds the write lock meanwhile).",
  usage: "aggregates rebuild [--json]",
  options: { json: { type: "boolean" } },
  async run({ values }, ctx) {
    const responses = await rebuildAnswerCounts();
    // the one-dimension levels and the release summaries went with the rest: derive them again for the closed months
    const through = lastDerivableMonth(new Date());
    await buildDimensionLevels(through);
    await buildReleaseSummaries(through);
    ctx.stdout(values.json ? JSON.stringify({ responses }) : `Recounted ${responses} responses`);
  },
};
