import type { MetaFunction } from "@remix-run/node";
import { RespondentErrorPage, respondentHandle, respondentTitle } from "~/respondent/shell";

/**
 * Any other address under /s (`/s/<code>/x`, a link cut or run together): the client's 404, in
 * their language with the quick exit, instead of root's staff page, which hydrates and repeats
 * the address it was asked for.
 */
export const handle = respondentHandle;
export const ErrorBoundary = RespondentErrorPage;
export const meta: MetaFunction = (args) => [respondentTitle(args), { name: "robots", content: "noindex" }];

export function loader(): never {
  throw new Response(null, { status: 404 });
}

// whatever the method: without an action Remix would answer a post with 405, as if the page existed
export const action = loader;

export default function NoSuchRespondentPage() {
  return null;
}
