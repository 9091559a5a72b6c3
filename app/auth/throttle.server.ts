import { FailureLimiter } from "~/utils/rate-limit";

/** Staff logins: 5 failures per account and per address within 15 minutes. */
export const loginLimiter = new FailureLimiter(5, 15 * 60_000);
