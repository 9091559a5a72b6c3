import { afterAll, expect, it } from "vitest";
import { bind } from "../../server/bind";

const bound = await bind("127.0.0.1", 0);
afterAll(() => new Promise((resolve) => bound.server.close(resolve)));

it("binds a port the system picks and answers 503 until the app is handed the socket", async () => {
  expect(bound.port).toBeGreaterThan(0);
  const response = await fetch(`http://127.0.0.1:${bound.port}/healthz`);
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
});

it("refuses a port that is already taken instead of waiting for it", async () => {
  await expect(bind("127.0.0.1", bound.port)).rejects.toThrow(/EADDRINUSE/);
});
