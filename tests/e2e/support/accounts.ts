/** Accounts in the database every spec file starts from (tests/e2e/support/make-template.ts). */
export const ADMIN = { email: "e2e-admin@example.se", password: "e2e-admin-password-1" };
export const MANAGER = { email: "e2e-manager@example.se", password: "e2e-manager-password-1" };
export const STAFF = { email: "e2e-staff@example.se", password: "e2e-staff-password-1" };
/** The e2e servers' and CLI runs' secrets: a code the CLI issues must verify on the server. */
export const E2E_SECRETS = {
  SESSION_SECRET: "e2e-session-secret-e2e-session-secret",
  TOKEN_SECRET: "e2e-token-secret-e2e-token-secret-xx",
};
/** Two units' staff and their organisation's manager (tests/e2e/support/seed-units.ts, not in the template). */
export const NORTH_STAFF = { email: "e2e-north@example.se", password: "e2e-north-password-1" };
export const SOUTH_STAFF = { email: "e2e-south@example.se", password: "e2e-south-password-1" };
export const ORG_MANAGER = { email: "e2e-org@example.se", password: "e2e-org-password-1" };
