import { describe, expect, it } from "vitest";
import { originAllowed } from "../../server/origin";

const PUBLIC = "https://enkat.example.se";
const allowed = (headers: Record<string, string>) => originAllowed(headers, PUBLIC);

describe("the origin check on every non-GET request", () => {
  it("lets through a post from PUBLIC_URL's own origin", () => {
    expect(allowed({ origin: PUBLIC, "sec-fetch-site": "same-origin" })).toBe(true);
    expect(allowed({ origin: PUBLIC })).toBe(true); // a browser without Sec-Fetch-Site
  });

  it("refuses another origin, even one that differs only by port or scheme", () => {
    expect(allowed({ origin: "https://evil.example" })).toBe(false);
    expect(allowed({ origin: "https://enkat.example.se:8443", "sec-fetch-site": "same-site" })).toBe(false);
    expect(allowed({ origin: "http://enkat.example.se" })).toBe(false);
    expect(allowed({ origin: `${PUBLIC}.evil.example` })).toBe(false);
  });

  it("accepts Origin: null only when the browser marks the request same-origin", () => {
    expect(allowed({ origin: "null", "sec-fetch-site": "same-origin" })).toBe(true);
    // a cross-origin 307 over plain http: null, and no Sec-Fetch-Site
    expect(allowed({ origin: "null" })).toBe(false);
    expect(allowed({ origin: "null", "sec-fetch-site": "cross-site" })).toBe(false);
    expect(allowed({ origin: "null", "sec-fetch-site": "same-site" })).toBe(false);
  });

  it("refuses a post without Origin that carries a staff session or comes from another site", () => {
    expect(allowed({ cookie: "lng=sv; __session=abc" })).toBe(false);
    expect(allowed({ cookie: "__Host-session=abc" })).toBe(false);
    expect(allowed({ "sec-fetch-site": "cross-site" })).toBe(false);
  });

  it("lets a post without Origin and without a session through (scripts, monitoring, respondents)", () => {
    expect(allowed({})).toBe(true);
    expect(allowed({ cookie: "lng=sv; my__session=x" })).toBe(true);
    expect(allowed({ "sec-fetch-site": "same-origin" })).toBe(true);
  });
});
