import express from "express";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { exceedsFieldLimits, FORM_LIMITS, limitRequestBodies } from "../../server/limits";

const FORM = "application/x-www-form-urlencoded";
const over = (body: string, type = FORM) => exceedsFieldLimits(type, Buffer.from(body), FORM_LIMITS);

describe("form field limits", () => {
  it("passes an ordinary answer form, empty pairs included", () => {
    expect(over("lang=sv&feel_better=yes&comments=" + "%C3%A5".repeat(10_000) + "&&")).toBe(false);
    expect(over("")).toBe(false);
  });

  it("refuses more fields than any form has: the body that made parsing quadratic", () => {
    expect(over("x=&".repeat(FORM_LIMITS.maxFields))).toBe(false);
    expect(over("x=&".repeat(FORM_LIMITS.maxFields + 1))).toBe(true);
    expect(over("x=&".repeat(21_000))).toBe(true);
  });

  it("refuses one field longer than the longest answer", () => {
    expect(over(`comments=${"a".repeat(FORM_LIMITS.maxFieldBytes)}`)).toBe(true);
    expect(over(`${"n".repeat(FORM_LIMITS.maxFieldBytes + 1)}`)).toBe(true);
  });

  it("counts multipart parts", () => {
    const part = '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n';
    const type = 'multipart/form-data; boundary="b"';
    expect(over(part.repeat(10) + "--b--\r\n", type)).toBe(false);
    expect(over(part.repeat(FORM_LIMITS.maxFields + 1) + "--b--\r\n", type)).toBe(true);
  });
});

describe("the manager's larger upload limit", () => {
  /** limitRequestBodies in front of an answer that says the body arrived, with every session lookup noted. */
  async function withLimits(run: (post: (path: string, body: string) => Promise<number>, lookups: string[]) => Promise<void>) {
    const lookups: string[] = [];
    const app = express();
    app.use(
      limitRequestBodies(
        (_req, res, status) => void res.status(status).end(),
        async (req) => (lookups.push(req.path), false),
      ),
    );
    app.use((_req, res) => void res.status(204).end());
    const server = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const post = (path: string, body: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: "__session=a-manager-session" },
        body,
      }).then((r) => r.status);
    try {
      await run(post, lookups);
    } finally {
      server.close();
    }
  }

  it("looks the session up only for a recording upload: a client's answers never reach the session table", async () => {
    await withLimits(async (post, lookups) => {
      for (const path of ["/s/ABCDEFGHJKMN", "/s", "/s/ABCDEFGHJKMN.data", "/login", "/admin/surveys", "/admin/surveys/brukarenkat/3", "/admin/surveys/brukarenkat/3/recordingsx"])
        expect([path, await post(path, "feel_better=yes")]).toEqual([path, 204]);
      expect(lookups).toEqual([]);
      expect(await post("/admin/surveys/brukarenkat/3/recordings", "intent=delete")).toBe(204);
      expect(await post("/admin/surveys/brukarenkat/3/recordings.data", "intent=delete")).toBe(204);
      expect(lookups).toEqual(["/admin/surveys/brukarenkat/3/recordings", "/admin/surveys/brukarenkat/3/recordings.data"]);
    });
  });
});
