/**
 * Staff know which client got which code. The attack: hand out codes, open the codes page and
 * the start page, let a client answer, open them again. Nothing on them may change, or the team
 * learns that this client answered (the code lookup hides it too: lookup.server.ts) — not even
 * when the last code still open is answered, which a rule "show once no code is left" would show.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { answerableUntil } from "~/codes/attributes";
import { settled, settledCounts } from "~/codes/participation";
import { env } from "~/env.server";
import { monthOf } from "~/utils/months";
import { submitResponse } from "~/respondent/submit.server";
import { loader as codesLoader } from "~/routes/admin.codes";
import { loader as homeLoader } from "~/routes/admin._index";
import { codeRow, freshCodes } from "../../support/codes";

describe("settledCounts", () => {
  const row = { issued: 10, answered: 4, expired: 6, lastOpensMonth: "2026-07" };
  it("shows answered and expired from the day no code opening in the last month can be answered, when k were handed out", () => {
    // a code opening on 31 July is valid 90 days: 29 October is the first day none works
    expect(settled("2026-07", "2026-10-28", 90)).toBe(false);
    expect(settled("2026-07", "2026-10-29", 90)).toBe(true);
    expect(settledCounts(row, 5, "2026-10-29", 90)).toEqual({ answered: 4, expired: 6 });
  });
  it("hides them before that day whatever was answered, and when fewer than k were handed out", () => {
    expect(settledCounts({ ...row, answered: 10, expired: 0 }, 5, "2026-10-28", 90)).toBeNull();
    expect(settledCounts({ ...row, lastOpensMonth: "2027-01" }, 5, "2026-10-29", 90)).toBeNull();
    expect(settledCounts({ ...row, issued: 4, answered: 4, expired: 0 }, 5, "2026-10-29", 90)).toBeNull();
  });
});

describe("the staff pages while a handed-out code is answered", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("look the same before and after each client answers, the last one too, and show the month's answers once its codes are spent", async () => {
    const user = await createUser({ email: "desk@example.org", role: "staff", password: "right-password-1" });
    let cookie = (await startSession(user.id, "/admin")).headers.get("Set-Cookie")!.split(";")[0]!;
    const args = (path: string) => ({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params: {}, context: {} });
    const seen = async () => ({ codes: (await codesLoader(args("/admin/codes"))).counts, home: (await homeLoader(args("/admin"))).answered });

    const codes = await freshCodes(6);
    const before = await seen();
    // every client answers, one after the other: the last one too leaves the pages as they were
    for (const c of codes) {
      expect((await submitResponse(await codeRow(c.code), [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }], "sv")).status).toBe("saved");
      expect(await seen()).toEqual(before);
    }
    expect(before.home).toBeNull();
    expect(before.codes[0]).toMatchObject({ issued: 6, settled: null });

    // the first day no code of the month can be answered: the counts no longer change, and show
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(`${answerableUntil(monthOf(new Date()), env().codeValidDays)}T12:00:00Z`));
    cookie = (await startSession(user.id, "/admin")).headers.get("Set-Cookie")!.split(";")[0]!; // the first one has timed out
    const spent = (await codesLoader(args("/admin/codes"))).counts;
    expect(spent[0]).toMatchObject({ issued: 6, settled: { answered: 6, expired: 0 } });
  });
});
