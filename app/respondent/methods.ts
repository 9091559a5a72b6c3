/** The client's pages: /s, /s/<code>, /s/thanks (as the router matches them: case-sensitive). */
export const CLIENT_PATH = /^\/s(\/|$)/;

export const isClientPath = (path: string) => CLIENT_PATH.test(path);

/**
 * The methods a client page takes: the code box and the questionnaire take a form post, the
 * thanks page nothing. Shared by the routes and the server's gate in front of them
 * (server/limits.ts), so both name the same ones in `Allow`.
 */
export const CLIENT_METHODS = { withForm: "GET, HEAD, POST", readOnly: "GET, HEAD" } as const;

/** What a path under /s takes: everything but the thanks page takes a form post. */
export function clientMethodsOf(path: string): string {
  return /^\/s\/thanks\/?$/.test(path) ? CLIENT_METHODS.readOnly : CLIENT_METHODS.withForm;
}
