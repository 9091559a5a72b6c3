import { createHmac, randomInt } from "node:crypto";
import { CODE_LENGTH, CROCKFORD } from "./code";

/** A new code from the CSPRNG, 12 characters, no dashes. */
export function generateCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CROCKFORD[randomInt(32)];
  return code;
}

/** The only form in which a code is stored: HMAC-SHA256 keyed with TOKEN_SECRET. */
export function hashCode(normalized: string, secret: string): string {
  return createHmac("sha256", secret).update(normalized).digest("base64url");
}
