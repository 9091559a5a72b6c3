import { describe, expect, it } from "vitest";
import { action } from "~/routes/login";
import { createUser } from "~/auth/users.server";

function loginRequest(email: string, password: string, address = "10.0.0.1") {
  const body = new URLSearchParams({ email, password });
  return {
    request: new Request("http://localhost/login", { method: "POST", body, headers: { "Accept-Language": "en" } }),
    context: { clientAddress: address },
    params: {},
  };
}

type Reply = { error?: Record<string, string[] | null> };

describe("POST /login", () => {
  it("starts a session on the right password", async () => {
    await createUser({ email: "ok@example.se", role: "staff", password: "right-password-1" });
    const result = await action(loginRequest("ok@example.se", "right-password-1"));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get("Set-Cookie")).toMatch(/__session=/);
  });

  it("refuses a wrong password with a message in the user's language", async () => {
    await createUser({ email: "wrong@example.se", role: "staff", password: "right-password-1" });
    const result = (await action(loginRequest("wrong@example.se", "nope"))) as Reply;
    expect(result.error?.[""]).toEqual(["Wrong e-mail or password."]);
  });

  it("throttles an account after five failures, even with the right password", async () => {
    await createUser({ email: "brute@example.se", role: "staff", password: "right-password-1" });
    for (let i = 0; i < 5; i++) await action(loginRequest("brute@example.se", `guess-${i}`, `10.0.1.${i}`));
    const result = (await action(loginRequest("brute@example.se", "right-password-1", "10.0.2.1"))) as Reply;
    expect(result.error?.[""]?.[0]).toMatch(/Too many failed attempts/);
  });

  it("throttles one address trying many accounts", async () => {
    for (let i = 0; i < 5; i++) await action(loginRequest(`user${i}@example.se`, "guess", "10.9.9.9"));
    await createUser({ email: "victim@example.se", role: "staff", password: "right-password-1" });
    const result = (await action(loginRequest("victim@example.se", "right-password-1", "10.9.9.9"))) as Reply;
    expect(result.error?.[""]?.[0]).toMatch(/Too many failed attempts/);
  });

  it("checks exactly five passwords when 80 wrong logins to one account arrive at once", async () => {
    await createUser({ email: "flood@example.se", role: "staff", password: "right-password-1" });
    const replies = (await Promise.all(
      Array.from({ length: 80 }, (_, i) => action(loginRequest("flood@example.se", `guess-${i}`, `10.7.${i}.1`))),
    )) as Reply[];
    const messages = replies.map((r) => r.error?.[""]?.[0] ?? "");
    expect(messages.filter((m) => m === "Wrong e-mail or password.")).toHaveLength(5);
    expect(messages.filter((m) => /Too many failed attempts/.test(m))).toHaveLength(75);
  });
});
