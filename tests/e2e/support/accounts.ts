/** Accounts the e2e server is started with (tests/e2e/support/start-server.ts). */
export const ADMIN = { email: "e2e-admin@example.se", password: "e2e-admin-password-1" };
export const MANAGER = { email: "e2e-manager@example.se", password: "e2e-manager-password-1" };
export const STAFF = { email: "e2e-staff@example.se", password: "e2e-staff-password-1" };
export const E2E_DB = "tests/.tmp/e2e/e2e.db";
