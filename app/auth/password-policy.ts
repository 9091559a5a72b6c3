/** Shared by the forms (client and server) and the CLI. */
export const MIN_PASSWORD_LENGTH = 12;
