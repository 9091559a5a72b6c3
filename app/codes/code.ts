/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives. */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 12; // 60 bits

/**
 * What the client typed, as the canonical code: any case, spaces and dashes ignored, O read as 0
 * and I/L as 1. Null when it cannot be a code.
 */
export function normalizeCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-‐‑–—_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!CROCKFORD.includes(ch)) return null;
  return cleaned;
}

/** "ABCD-EFGH-JKMN": groups of four, for slips and screens. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

/** The code in what a slip's QR code holds (its URL, …/s/CODE, or the code alone); null if none. */
export function codeFromScan(raw: string): string | null {
  const last = raw.trim().replace(/[?#].*$/, "").split("/").pop() ?? "";
  return normalizeCode(last);
}
