import { describe, expect, it } from "vitest";
import type { IssuedCode } from "~/codes/issue.server";
import { batchCsv } from "~/codes/slips.server";
import { readCsvLikeExcel } from "../../support/spreadsheet";

const batch: IssuedCode[] = [
  { code: "ABCD-EFGH-JKMN", url: "https://x.se/s/ABCDEFGHJKMN", wave: "closure", version: 3, lang: "ti", validFrom: "2026-12-15", expiresAt: "2027-03-15" },
  { code: "PQRS-TUVW-XYZ2", url: "https://x.se/s/PQRSTUVWXYZ2", wave: "followup", version: 3, lang: "sv", validFrom: "2027-06-15", expiresAt: "2027-09-13" },
];

describe("the code batch CSV", () => {
  it("speaks Swedish to Swedish staff: headers, the wave and the language in words, the last valid day as on the slip", () => {
    const rows = readCsvLikeExcel(batchCsv(batch, "sv"));
    expect(rows[0]).toEqual(["Kod", "Adress", "Tillfälle", "Version", "Språk", "Gäller från", "Gäller till och med"]);
    expect(rows[1]).toEqual(["ABCD-EFGH-JKMN", "https://x.se/s/ABCDEFGHJKMN", "Vid avslut", "3", "tigrinja (ti)", "2026-12-15", "2027-03-14"]);
    expect(rows[2]).toEqual(["PQRS-TUVW-XYZ2", "https://x.se/s/PQRSTUVWXYZ2", "Uppföljning efter sex månader", "3", "svenska (sv)", "2027-06-15", "2027-09-12"]);
    // no raw value of the database reaches the file
    expect(rows.flat()).not.toContain("closure");
    expect(rows.flat()).not.toContain("followup");
  });

  it("and English to English staff", () => {
    const rows = readCsvLikeExcel(batchCsv(batch, "en"));
    expect(rows[0]).toEqual(["Code", "Address", "Wave", "Version", "Language", "Valid from", "Valid until (last day)"]);
    expect(rows[1]!.slice(2, 5)).toEqual(["At closure", "3", "Tigrinya (ti)"]);
  });
});
