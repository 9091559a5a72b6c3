/**
 * Fills the SQLite install of DATABASE_URL=file:… the way the app does (its own modules, in a
 * process of its own, since the test process's client is on PostgreSQL): codes issued and
 * answered through the real submit, a staff account with a session, retention run, release
 * summaries built.
 */
import { migrate } from "~/setup/migrate.server";

migrate(process.env.DATABASE_URL!);
const { freshCodes, codeRow } = await import("../../support/codes");
const { submitResponse } = await import("~/respondent/submit.server");
const { createUser } = await import("~/auth/users.server");
const { runRetention } = await import("~/ops/retention.server");
const { closeCheckpointConnection } = await import("~/ops/checkpoint.server");
const { prisma } = await import("~/utils/db.server");

const codes = [
  ...(await freshCodes(7, { clientGroup: "subjected", referral: "police" })),
  ...(await freshCodes(3, { wave: "followup", lang: "en", validFrom: "2027-05-20" })),
];
const answers = [
  { questionKey: "violence_stopped", rowKey: "", optionKey: "yes", text: null },
  { questionKey: "comments", rowKey: "", optionKey: "", text: "Tack – ወይ ብዙሕ ሓገዝ 'quoted' \"text\"" },
];
for (const c of codes.slice(0, 6)) {
  const status = (await submitResponse(await codeRow(c.code), answers, "sv")).status;
  if (status !== "saved") throw new Error(`submit: ${status}`);
}
const user = await createUser({ email: "anna@kommun.se", role: "manager" });
await prisma.session.create({ data: { id: "session-1", userId: user.id, expiresAt: new Date("2031-05-06T07:08:09.123Z") } });
// a recording (decision 0025): binary bytes, every value 0–255, must arrive as they were
const { saveRecording } = await import("~/survey/recordings.server");
const { getVersion } = await import("~/survey/store.server");
const v3 = (await getVersion("brukarenkat", 3))!;
const audio = Buffer.concat([Buffer.from("RIFF\0\0\0\0WAVEfmt ", "latin1"), Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256))]);
if (!(await saveRecording(v3.surveyId, v3.version.questions, "violence_stopped.text", "sv", audio)).ok) throw new Error("recording refused");
await runRetention();
// the release summaries the levels job keeps (decision 0034): their rows move too
const { buildReleaseSummaries } = await import("~/results/release-summaries-build.server");
const { lastDerivableMonth } = await import("~/results/levels");
await buildReleaseSummaries(lastDerivableMonth(new Date()));
closeCheckpointConnection();
await prisma.$disconnect();
// the unused codes, for the test to open on the moved install
process.stdout.write(JSON.stringify(codes.slice(6).map((c) => c.code)));
