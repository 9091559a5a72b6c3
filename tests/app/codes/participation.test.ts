/**
 * Staff know which client got which code. The attack: hand out one code, open the codes page and
 * the start page, let the client answer, open them again. Nothing on them may change, or the
 * team learns that this client answered (the code lookup hides it too: lookup.server.ts).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { startSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";
import { settledCounts } from "~/codes/participation";
import { submitResponse } from "~/respondent/submit.server";
import { loader as codesLoader } from "~/routes/admin.codes";
import { loader as homeLoader } from "~/routes/admin._index";
import { codeRow, freshCodes } from "../../support/codes";

describe("settledCounts", () => {
  const row = { issued: 10, answered: 4, expired: 6, open: 0 };
  it("shows answered and expired once no code can be answered and k were handed out", () => {
    expect(settledCounts(row, 5)).toEqual({ answered: 4, expired: 6 });
  });
  it("hides them while one code is still open, or when fewer than k were handed out", () => {
    expect(settledCounts({ ...row, open: 1 }, 5)).toBeNull();
    expect(settledCounts({ ...row, issued: 4, answered: 4, expired: 0 }, 5)).toBeNull();
  });
});

describe("the staff pages while a handed-out code is answered", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("look the same before and after the client answers, and show the month's answers once its codes are spent", async () => {
    const user = await createUser({ email: "desk@example.org", role: "staff", password: "right-password-1" });
    let cookie = (await startSession(user.id, "/admin")).headers.get("Set-Cookie")!.split(";")[0]!;
    const args = (path: string) => ({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params: {}, context: {} });
    const seen = async () => ({ codes: (await codesLoader(args("/admin/codes"))).counts, home: (await homeLoader(args("/admin"))).answered });

    const codes = await freshCodes(6);
    const before = await seen();
    const row = await codeRow(codes[0]!.code);
    expect((await submitResponse(row, [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }], "sv")).status).toBe("saved");
    const after = await seen();
    expect(after).toEqual(before);
    expect(after.home).toBeNull();
    expect(after.codes[0]).toMatchObject({ issued: 6, settled: null });

    // every code past its end: the counts no longer change, and show
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(row.expiresAt.getTime() + 24 * 3600 * 1000));
    cookie = (await startSession(user.id, "/admin")).headers.get("Set-Cookie")!.split(";")[0]!; // the first one has timed out
    const spent = (await codesLoader(args("/admin/codes"))).counts;
    expect(spent[0]).toMatchObject({ issued: 6, settled: { answered: 1, expired: 5 } });
  });
});
