import { describe, expect, it } from "vitest";
import { throttleKey } from "~/utils/client-address.server";

describe("the key a client is throttled under", () => {
  it("is the address itself for IPv4, also when written as IPv4-mapped IPv6", () => {
    expect(throttleKey("203.0.113.5")).toBe("203.0.113.5");
    expect(throttleKey("::ffff:203.0.113.5")).toBe("203.0.113.5");
  });

  it("is the /64 for IPv6: every address a client can pick in its prefix shares one key", () => {
    const key = throttleKey("2001:db8:1:2::1");
    expect(throttleKey("2001:0db8:0001:0002:ffff:ffff:ffff:fffe")).toBe(key);
    expect(throttleKey("2001:DB8:1:2:a:b:c:d%eth0")).toBe(key);
    expect(throttleKey("2001:db8:1:3::1")).not.toBe(key);
    expect(throttleKey("::1")).toBe("0:0:0:0::/64");
    expect(throttleKey("2001:db8::")).toBe("2001:db8:0:0::/64");
  });
});
