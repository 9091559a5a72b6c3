import { describe, expect, it } from "vitest";
import { ensureFirstAdmin, seedReferenceSurvey } from "~/setup/bootstrap.server";
import { migrateDatabase } from "~/setup/migrate.server";
import { duringStartup } from "~/setup/startup-lock.server";
import { prisma } from "~/utils/db.server";

/** Several app servers starting together on one PostgreSQL database (app/setup/startup-lock.server.ts). */
describe("app servers starting at the same time", () => {
  it("create one first admin and one reference survey between them, and none fails", async () => {
    const url = process.env.DATABASE_URL!;
    const start = () =>
      duringStartup(url, async () => {
        await migrateDatabase(url);
        const seeded = await seedReferenceSurvey();
        const admin = await ensureFirstAdmin();
        return { seeded, admin };
      });
    const results = await Promise.all([start(), start(), start()]);
    expect(results.filter((r) => r.admin !== null)).toHaveLength(1);
    expect(results.filter((r) => r.seeded !== null)).toHaveLength(1);
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.survey.count()).toBe(1);
  }, 120_000);
});
