import type { NextFunction, Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { originNullFromNoReferrer } from "../../server/app";

function run(headers: Record<string, string>) {
  const req = { headers: { ...headers } } as unknown as Request;
  let called = false;
  originNullFromNoReferrer(req, {} as Response, (() => (called = true)) as NextFunction);
  expect(called).toBe(true);
  return req.headers.origin;
}

describe("Origin: null from a no-referrer form post", () => {
  it("is dropped when the browser says the post is same-origin, or says nothing", () => {
    expect(run({ origin: "null", "sec-fetch-site": "same-origin" })).toBeUndefined();
    expect(run({ origin: "null" })).toBeUndefined();
  });

  it("is kept (and refused by Remix) when the post comes from another site", () => {
    expect(run({ origin: "null", "sec-fetch-site": "cross-site" })).toBe("null");
  });

  it("leaves real origins alone", () => {
    expect(run({ origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBe("https://evil.example");
  });
});
