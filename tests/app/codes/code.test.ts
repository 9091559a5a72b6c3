import { describe, expect, it } from "vitest";
import { CROCKFORD, formatCode, generateCode, hashCode, normalizeCode } from "~/codes/code";

describe("survey codes", () => {
  it("are 12 Crockford base32 characters and practically never repeat", () => {
    const codes = new Set(Array.from({ length: 5000 }, generateCode));
    expect(codes.size).toBe(5000);
    for (const code of [...codes].slice(0, 200)) {
      expect(code).toHaveLength(12);
      for (const ch of code) expect(CROCKFORD).toContain(ch);
    }
  });

  it("spread over the whole alphabet", () => {
    const seen = new Set(Array.from({ length: 200 }, generateCode).join(""));
    expect(seen.size).toBe(32);
  });

  it("accept any case, spaces and dashes, and read O as 0 and I/L as 1", () => {
    expect(normalizeCode("abcd-efgh-jkmn")).toBe("ABCDEFGHJKMN");
    expect(normalizeCode(" ABCD EFGH JKMN ")).toBe("ABCDEFGHJKMN");
    expect(normalizeCode("O0Il-1234-5678")).toBe("0011" + "12345678");
    expect(normalizeCode("abcd–efgh—jkmn")).toBe("ABCDEFGHJKMN");
  });

  it("refuse what cannot be a code", () => {
    expect(normalizeCode("ABCD-EFGH-JKM")).toBeNull();
    expect(normalizeCode("ABCD-EFGH-JKMNP")).toBeNull();
    expect(normalizeCode("ABCD-EFGH-JKMU")).toBeNull(); // U is not in the alphabet
    expect(normalizeCode("ABCD-EFGH-JKM!")).toBeNull();
    expect(normalizeCode("")).toBeNull();
  });

  it("print in groups of four", () => {
    expect(formatCode("ABCDEFGHJKMN")).toBe("ABCD-EFGH-JKMN");
  });

  it("are stored as a keyed hash that depends on the secret", () => {
    const a = hashCode("ABCDEFGHJKMN", "secret-one-secret-one-secret-one-xx");
    expect(a).not.toContain("ABCD");
    expect(a).toBe(hashCode("ABCDEFGHJKMN", "secret-one-secret-one-secret-one-xx"));
    expect(a).not.toBe(hashCode("ABCDEFGHJKMN", "secret-two-secret-two-secret-two-xx"));
    expect(a).not.toBe(hashCode("ABCDEFGHJKMP", "secret-one-secret-one-secret-one-xx"));
  });
});
