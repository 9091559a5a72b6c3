import { describe, expect, it } from "vitest";
import { submitResponse } from "~/respondent/submit.server";
import { prisma } from "~/utils/db.server";
import { codeRow, freshCodes } from "../support/codes";
import { schemaObjects, storedOrder, tableColumns } from "../support/catalog";
import { runRetention } from "~/ops/retention.server";
import { databaseProvider } from "~/utils/database-url";

/**
 * Every table and column of the migrated schema, each reviewed against the promise that no
 * response can be joined to the code that opened it or to a person (docs/privacy.md). A table
 * or column missing here fails until someone has done that review and added it, with why.
 */
const REVIEWED_SCHEMA: Record<string, { why: string; columns: string[] }> = {
  _prisma_migrations: {
    why: "Prisma's migration log: names and times of schema changes, nothing about respondents",
    columns: ["id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count"],
  },
  Organisation: { why: "an organisation of units (decision 0023): a name, nothing about respondents", columns: ["id", "name", "slug", "createdAt"] },
  Unit: {
    why: "a team of an organisation (decision 0023): a name and its case-folded key (unique per organisation), nothing about respondents",
    columns: ["id", "organisationId", "name", "slug", "createdAt", "nameKey"],
  },
  User: { why: "staff accounts and their unit; nothing links them to codes or answers", columns: ["id", "email", "passwordHash", "role", "unitId", "active", "createdAt"] },
  Session: { why: "staff sessions; lastSeenAt ends an idle one (staff, never respondents)", columns: ["id", "userId", "expiresAt", "createdAt", "lastSeenAt"] },
  Survey: { why: "questionnaires, shared by an organisation or owned by one unit", columns: ["id", "slug", "title", "defaultLanguage", "indicators", "organisationId", "ownerUnitId", "createdAt"] },
  SurveyVersion: {
    why: "questionnaire versions; their times are staff actions",
    columns: ["id", "surveyId", "version", "label", "status", "questions", "publishedAt", "createdAt", "updatedAt"],
  },
  TranslationStatus: { why: "review state of a version's translations; stale = the Swedish source changed since", columns: ["surveyVersionId", "lang", "status", "reviewedAt", "stale"] },
  Recording: {
    why:
      "an interpreter's reading of a questionnaire text (decision 0025): random id (the public /a/ URL), the text's place, language and hash, the audio; " +
      "no uploader, no time, nothing a client sends",
    columns: ["id", "surveyId", "place", "lang", "textHash", "contentType", "bytes"],
  },
  SurveyCode: {
    why:
      "single-use codes: keyed hash (the only key), day-precision validity, no issuer, no use time; deleted when used. " +
      "stock = printed ahead, not yet handed out (decision 0020): activation flips it and writes the month and days, never who or when to the minute",
    columns: ["hash", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "validMonth", "validFrom", "expiresAt", "stock", "unitId"],
  },
  CodeCount: {
    why:
      "monthly counts of codes handed out/answered/expired by what reach tables show; lang decides which attributes a response may keep; " +
      "opensMonth = the month the codes open (a follow-up handed out now opens later), so that rule counts the codes answerable in a month; " +
      "answeredOnPaper = of those answered, how many on a returned paper sheet (decision 0024): the channel is counted here, never on a response",
    columns: ["unitId", "surveyVersionId", "wave", "validMonth", "opensMonth", "lang", "clientGroup", "referral", "issued", "answered", "answeredOnPaper", "expired"],
  },
  Response: {
    why: "a response: random id, month only, the code's attributes and unit (a team, never a person) but never the code",
    columns: ["id", "unitId", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "month"],
  },
  Answer: { why: "one chosen option or text of a response", columns: ["responseId", "questionKey", "rowKey", "optionKey", "text"] },
  FreeText: {
    why: "free-text answers once more, for the review (decision 0027): random id, version, wave, month, stored language, question, the code's unit (released per unit, 0023); no response id",
    columns: ["id", "surveyVersionId", "wave", "month", "lang", "questionKey", "text", "unitId"],
  },
  AnswerCount: {
    why: "reports' monthly pre-aggregate by what reports filter on; no language, no finer time",
    columns: ["level", "surveyVersionId", "wave", "month", "unitId", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey", "n"],
  },
  AnswerCountBuild: {
    why: "how far each derived AnswerCount level is built (decision 0029): a level number and a month; nothing about any response",
    columns: ["level", "through"],
  },
  ReleaseSummary: {
    why:
      "each unit's release blocks of closed months (decision 0034): a block's months and responses, responses and codes issued per version, " +
      "responses with an attribute withheld and the tables with 1…k-1 answers, as JSON — sums of AnswerCount and CodeCount over whole blocks, nothing per response or code",
    columns: ["surveyId", "minGroupSize", "unitId", "wave", "blocks", "waiting", "lead"],
  },
  ReleaseSummaryBuild: {
    why: "how far a survey's release summaries go: the last closed month, the versions and units they hold, a random build id; nothing about any response",
    columns: ["surveyId", "minGroupSize", "through", "versionIds", "unitIds", "build"],
  },
  ImportedPeriod: {
    why:
      "published totals from before the app (decision 0026): a period's handed-out and response counts as a table gave them; " +
      "source = the uploaded file's name, importedAt = a staff action; no respondent, no code, no response",
    columns: ["id", "surveyVersionId", "wave", "fromMonth", "toMonth", "issued", "responses", "source", "importedAt"],
  },
  ImportedCount: {
    why: "an imported period's published counts per question and option (\"\" = the table's total); never free text",
    columns: ["periodId", "questionKey", "rowKey", "optionKey", "n"],
  },
};

const REVIEW =
  "Review it against docs/privacy.md (can it join a response to a code, a staff member, a person or " +
  "a time finer than the month?), then add it with its reason to REVIEWED_SCHEMA in tests/app/privacy-schema.test.ts";

describe("the whole migrated schema is reviewed for privacy", () => {
  it("has exactly the reviewed tables and no views or triggers", async () => {
    const objects = await schemaObjects();
    const tables = objects.filter((o) => o.type === "table").map((o) => o.name);
    expect(tables.length).toBeGreaterThan(0);
    const unreviewed = tables.filter((t) => !(t in REVIEWED_SCHEMA));
    expect(unreviewed, `new table(s) ${unreviewed.join(", ")}. ${REVIEW}`).toEqual([]);
    const gone = Object.keys(REVIEWED_SCHEMA).filter((t) => !tables.includes(t));
    expect(gone, `table(s) ${gone.join(", ")} no longer exist: remove them from REVIEWED_SCHEMA`).toEqual([]);
    // a view or trigger can copy or join data behind the tables' backs
    const other = objects.filter((o) => o.type !== "table").map((o) => `${o.type} ${o.name}`);
    expect(other, `${other.join(", ")}. ${REVIEW}`).toEqual([]);
  });

  it.each(Object.entries(REVIEWED_SCHEMA))("%s has exactly its reviewed columns", async (table, { columns }) => {
    const actual = await tableColumns(table);
    expect(actual.length).toBeGreaterThan(0);
    const added = actual.filter((c) => !columns.includes(c));
    expect(added, `new column(s) ${added.map((c) => `${table}.${c}`).join(", ")}. ${REVIEW}`).toEqual([]);
    const removed = columns.filter((c) => !actual.includes(c));
    expect(removed, `column(s) ${removed.map((c) => `${table}.${c}`).join(", ")} no longer exist: remove them from REVIEWED_SCHEMA`).toEqual([]);
  });
});

describe("response ids", () => {
  it("are random version-4 UUIDs whose order says nothing about when they were saved", async () => {
    const codes = await freshCodes(40);
    const answer = [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }];
    const inOrder: string[] = [];
    for (const c of codes) {
      const before = new Set((await prisma.response.findMany({ select: { id: true } })).map((r) => r.id));
      expect((await submitResponse(await codeRow(c.code), answer, "sv")).status).toBe("saved");
      const after = await prisma.response.findMany({ select: { id: true } });
      inOrder.push(after.map((r) => r.id).find((id) => !before.has(id))!);
    }
    expect(new Set(inOrder).size).toBe(40);
    for (const id of inOrder) {
      // version nibble 4, RFC 4122 variant: not a time-based v1/v6/v7
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    // time-ordered ids (v7, ULID, counters) sort in saving order; random ones almost never do
    const ascendingSteps = inOrder.slice(1).filter((id, i) => id > inOrder[i]!).length;
    expect(ascendingSteps).toBeGreaterThan(5);
    expect(ascendingSteps).toBeLessThan(34);
    // ids saved within moments share no leading time prefix
    expect(new Set(inOrder.map((id) => id.slice(0, 4))).size).toBeGreaterThan(20);
    // and the table's storage (key) order is not the saving order
    // (PostgreSQL: after retention's rewrite, which puts rows in key order; before it, arrival order)
    if (databaseProvider() === "postgresql") await runRetention();
    const stored = await storedOrder("Response", "id");
    expect(stored.filter((id) => inOrder.includes(id))).not.toEqual(inOrder);
  });
});
