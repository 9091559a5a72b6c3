/** Unwraps what a Remix loader or action returned: a redirect Response or data() with a status. */
export type Unwrapped<T = Record<string, unknown>> = { status: number; data: T; location: string | null };

export function unwrap<T = Record<string, unknown>>(result: unknown): Unwrapped<T> {
  if (result instanceof Response) return { status: result.status, data: {} as T, location: result.headers.get("Location") };
  const r = result as { type?: string; data?: T; init?: { status?: number } };
  if (r && r.type === "DataWithResponseInit") return { status: r.init?.status ?? 200, data: r.data as T, location: null };
  return { status: 200, data: result as T, location: null };
}
