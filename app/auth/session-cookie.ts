/**
 * The staff session cookie's name. Under https it carries the `__Host-` prefix, which browsers
 * accept only from a Secure, host-only, Path=/ cookie: a sibling subdomain or a plain-http page
 * cannot plant or overwrite it.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-session" : "__session";
}

/** Whether a Cookie header carries a staff session (under either name). */
export function carriesStaffSession(cookieHeader: string | undefined): boolean {
  return /(?:^|;\s*)(?:__Host-session|__session)=/.test(cookieHeader ?? "");
}
