import { formatCode } from "~/codes/code";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientRoute, HourlyRequestCounts, isNonCanonicalRespondentPath, staffLogLine } from "../../server/request-log";
import { freshCodes, plain } from "../support/codes";
import { postAnswers, startServer, type RunningServer } from "../support/server";

const EXACT_TIME = /"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;

describe("request log lines", () => {
  it("counts clients' requests per hour and route, written only once the hour is over", () => {
    const lines: string[] = [];
    const counts = new HourlyRequestCounts((l) => lines.push(l));
    counts.add("GET", "/s/ABCD-EFGH-JKMN?lang=ar", 200, new Date("2026-03-05T10:42:13Z"));
    counts.add("POST", "/s/abcdefghjkmn", 303, new Date("2026-03-05T10:43:00Z"));
    counts.add("GET", "/s/QRST-VWXY-Z012", 200, new Date("2026-03-05T10:59:59Z"));
    expect(lines).toEqual([]); // the hour is not over
    counts.add("GET", "/favicon.ico", 200, new Date("2026-03-05T11:00:01Z"));
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { hour: "2026-03-05T10:00Z", method: "GET", route: "/s/:code", status: 200, count: 2 },
      { hour: "2026-03-05T10:00Z", method: "POST", route: "/s/:code", status: 303, count: 1 },
    ]);
    counts.flush(); // shutdown: the current hour too
    expect(JSON.parse(lines.at(-1)!)).toEqual({ hour: "2026-03-05T11:00Z", method: "GET", route: "/favicon.ico", status: 200, count: 1 });
    expect(lines.join("\n")).not.toMatch(/ABCD|EFGH|QRST|abcdefgh|lang=ar/);
  });

  it("keeps staff requests with the exact time and a path without codes, even percent-encoded", () => {
    const line = JSON.parse(staffLogLine("GET", "/admin/users?x=1", 200, 1, new Date("2026-03-05T10:42:13Z")));
    expect(line).toEqual({ time: "2026-03-05T10:42:13.000Z", method: "GET", path: "/admin/users", status: 200, ms: 1 });
    expect(staffLogLine("GET", "/admin/%41BCD-EFGH-JKMN", 404, 1)).not.toMatch(/ABCD|EFGH|JKMN|%41/);
  });

  it("names routes, never paths, for anything a client's phone asks", () => {
    expect(clientRoute("/s")).toBe("/s");
    expect(clientRoute("/s/abcdefghjkmn")).toBe("/s/:code");
    expect(clientRoute("/s/thanks?lang=ti")).toBe("/s/thanks");
    expect(clientRoute("/a/Zx3_kQ9-aaaaaaaaaaaaaa")).toBe("/a/:id"); // a recording: which one is not kept
    expect(clientRoute("/S/ABCDEFGHJKMN")).toBe("other");
    expect(clientRoute("/wp-login.php?ABCD-EFGH-JKMN")).toBe("other");
  });

  it("takes every other spelling of a respondent path as not canonical", () => {
    for (const url of ["/S/ABCDEFGHJKMN", "/%73/ABCDEFGHJKMN", "/s/%41BCDEFGHJKMN", "/%53", "/s%2FABCDEFGHJKMN"])
      expect(isNonCanonicalRespondentPath(url), url).toBe(true);
    for (const url of ["/s", "/s/abcd-efgh-jkmn?lang=sv", "/s/thanks", "/admin", "/set"]) expect(isNonCanonicalRespondentPath(url), url).toBe(false);
  });
});

describe("the request log of a running server after clients and staff", () => {
  let server: RunningServer;
  beforeAll(async () => {
    await freshCodes(1);
    server = await startServer(undefined, { log: true });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("cannot be ordered to place a client's request within the hour, and holds no code", async () => {
    const codes = (await freshCodes(4)).map((c) => plain(c.code));
    const unknown = "ZZZZZZZZZZZZ";
    const staff = (p: string) => fetch(`${server.url}${p}`, { redirect: "manual" }).then((r) => r.arrayBuffer());
    for (const code of codes) {
      await staff("/login");
      expect((await fetch(`${server.url}/s/${code}`)).status).toBe(200);
      await staff("/admin");
      expect((await postAnswers(server.url, code, "feel_better=yes")).status).toBe(303);
      await staff("/login?next=/admin");
    }
    const nonCanonical = [`/S/${codes[0]}`, `/%73/${codes[1]}`, `/s/%${codes[2]!.charCodeAt(0).toString(16)}${codes[2]!.slice(1)}`, `/%53/${unknown}`];
    for (const p of nonCanonical) {
      const r = await fetch(`${server.url}${p}`);
      expect(r.status, p).toBe(404);
      expect(await r.text()).not.toContain("<form");
    }
    expect(await server.stop()).toBe(0);

    const lines = server.stdout().split("\n").filter((l) => l.startsWith("{"));
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const exact = parsed.map((l, i) => (EXACT_TIME.test(lines[i]!) ? i : -1)).filter((i) => i >= 0);
    const clientLines = parsed.map((l, i) => ("count" in l ? i : -1)).filter((i) => i >= 0);
    // every exact-time line is a staff page; clients appear only as counts, after every exact line
    for (const i of exact) expect(String(parsed[i]!.path)).toMatch(/^\/(admin|login)/);
    expect(clientLines.length).toBeGreaterThan(0);
    for (const i of clientLines) {
      expect(lines[i]).not.toMatch(/:\d\d:\d\d|T\d\d:[1-5]\d/);
      expect(i).toBeGreaterThan(Math.max(...exact));
    }
    const posts = parsed.filter((l) => l.route === "/s/:code" && l.method === "POST");
    expect(posts).toEqual([expect.objectContaining({ status: 303, count: 4 })]);
    expect(parsed.filter((l) => l.route === "other" && l.status === 404)).toEqual([expect.objectContaining({ count: 4 })]);
    const everything = server.stdout();
    for (const code of [...codes, unknown]) for (const form of [code, formatCode(code)]) expect(everything).not.toContain(form);
  }, 120_000);
});
