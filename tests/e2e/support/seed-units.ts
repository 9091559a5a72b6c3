/**
 * Three units of the install's organisation for tests/e2e/units-apart.spec.ts (in its beforeAll):
 * North and South with a staff account each and closure answers of March 2025 (6 and 7), East
 * with 3 (too few to show), and an organisation manager.
 */
import { createUser } from "~/auth/users.server";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { addResponses, respondents } from "../../support/results-fixture";
import { NORTH_STAFF, ORG_MANAGER, SOUTH_STAFF } from "./accounts";

const UNITS_MONTH = "2025-03";

async function main() {
  const answered = { north: 6, south: 7, east: 3 };
  for (const [slug, n] of Object.entries(answered)) {
    const unit = await createUnit({ slug, name: `Team ${slug}` });
    await addResponses(respondents(n, { violence_stopped: { yes: n } }).map((answers) => ({ version: 3, month: UNITS_MONTH, unitId: unit.id, answers })));
  }
  const unitId = async (slug: string) => (await prisma.unit.findUniqueOrThrow({ where: { slug } })).id;
  await createUser({ ...NORTH_STAFF, role: "staff", unitId: await unitId("north") });
  await createUser({ ...SOUTH_STAFF, role: "staff", unitId: await unitId("south") });
  await createUser({ ...ORG_MANAGER, role: "orgmanager", unitId: await unitId("north") });
  await prisma.$disconnect();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
