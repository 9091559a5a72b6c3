import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { codeRow, freshCodes, plain } from "../support/codes";
import { foreignTables, storedOrder, tableColumns } from "../support/catalog";
import { runRetention } from "~/ops/retention.server";
import { submitResponse } from "~/respondent/submit.server";
import { databaseProvider } from "~/utils/database-url";

/** Primary-key order as both databases sort these keys (C collation; numbers as numbers). */
const keyOrder = (a: string | number, b: string | number) =>
  typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
import { action } from "~/routes/s.$code";

/**
 * Guards the promise to clients: a response can never be joined to the code that opened it or
 * to a person. A new column on these tables must be argued for here, not slipped in.
 */
const ALLOWED_COLUMNS = {
  // unitId: the team that handed out the code (decision 0023); released per unit, never a person
  Response: ["id", "unitId", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "month"],
  Answer: ["responseId", "questionKey", "rowKey", "optionKey", "text"],
  // reports' pre-aggregate: monthly counts by what reports filter on; no language, no finer time
  AnswerCount: ["level", "surveyVersionId", "wave", "month", "unitId", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey", "n"],
  // free texts apart from their responses (decision 0027): no response id, nothing finer than the month; the unit releases them (0023)
  FreeText: ["id", "unitId", "surveyVersionId", "wave", "month", "lang", "questionKey", "text"],
  // no "used": using a code deletes its row (decision 0010); stock = printed, not yet handed out (decision 0020)
  SurveyCode: ["hash", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "validMonth", "validFrom", "expiresAt", "stock", "unitId"],
  // monthly counts of codes; lang decides which languages a response may keep, by the month codes open (opensMonth);
  // answeredOnPaper: the channel, counted here and never on a response (decision 0024)
  CodeCount: ["unitId", "surveyVersionId", "wave", "validMonth", "opensMonth", "clientGroup", "referral", "lang", "issued", "answered", "answeredOnPaper", "expired"],
};

const columns = tableColumns;

describe("what the database can hold about a respondent", () => {
  it.each(Object.entries(ALLOWED_COLUMNS))("%s has only the allowed columns", async (table, allowed) => {
    expect((await columns(table)).sort()).toEqual([...allowed].sort());
  });

  it("has no path from a response to a code", async () => {
    expect(await foreignTables("Response")).toEqual(["SurveyVersion"]);
    expect(await foreignTables("Answer")).toEqual(["Response"]);
    expect(await foreignTables("SurveyCode")).toEqual(["SurveyVersion"]);
    expect(await foreignTables("FreeText")).toEqual(["SurveyVersion"]);
  });

  it("has no column for identity or exact time on any survey table", async () => {
    const forbidden = /name|person|personnummer|case|email|phone|ip|agent|address|created|updated|time|used_?at|submitted/i;
    for (const table of ["Response", "Answer", "AnswerCount", "FreeText", "SurveyCode", "CodeCount"]) {
      for (const column of await columns(table)) expect(column, `${table}.${column}`).not.toMatch(forbidden);
    }
  });

  it("stores unused codes, responses, answers and their counts in key order, not arrival order", async () => {
    if (databaseProvider() === "sqlite") {
      const sql = await prisma.$queryRawUnsafe<{ name: string; sql: string }[]>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('Response', 'Answer', 'AnswerCount', 'FreeText', 'SurveyCode')`,
      );
      expect(sql).toHaveLength(5);
      for (const t of sql) expect(t.sql, t.name).toMatch(/WITHOUT ROWID\s*$/);
    }
    const codes = await freshCodes(12);
    for (const c of codes) {
      const answers = [
        { questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null },
        { questionKey: "comments", rowKey: "", optionKey: "", text: "i ordning" },
      ];
      expect((await submitResponse(await codeRow(c.code), answers, "sv")).status).toBe("saved");
    }
    await freshCodes(8); // handed out, not yet answered
    // PostgreSQL appends rows in arrival order; retention (daily, and before a backup) rewrites
    // them in key order (app/ops/storage.sql.server.ts). SQLite stores them so from the start.
    if (databaseProvider() === "postgresql") await runRetention();
    // codes: the ones left unused, stored by hash, not in the order they were issued
    for (const [table, column] of [["Response", "id"], ["Answer", "responseId"], ["AnswerCount", "level"], ["FreeText", "id"], ["SurveyCode", "hash"]] as const) {
      const stored = await storedOrder(table, column);
      expect(stored.length, table).toBeGreaterThan(1);
      expect(stored, table).toEqual([...stored].sort(keyOrder));
    }
  });

  it("keys a code row by its keyed hash alone: no id that could carry when it was issued", async () => {
    await freshCodes(3);
    expect(await columns("SurveyCode")).not.toContain("id");
    const rows = await prisma.surveyCode.findMany({ select: { hash: true } });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // HMAC-SHA256 in base64url: nothing of the moment it was made
    for (const { hash } of rows) expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("keeps no trace of the code in a saved response, and no row of the used code", async () => {
    const [c] = await freshCodes();
    const code = await codeRow(c!.code);
    await action({
      request: new Request(`http://localhost/s/${plain(c!.code)}`, {
        method: "POST",
        body: "comments=hello",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
      params: { code: plain(c!.code) },
      context: { clientAddress: "10.0.0.9" },
    });
    expect(await prisma.surveyCode.findUnique({ where: { hash: code.hash } })).toBeNull();
    const dump = JSON.stringify(await prisma.response.findMany({ include: { answers: true } }));
    expect(dump).not.toContain(plain(c!.code));
    expect(dump).not.toContain(code.hash);
  });
});
