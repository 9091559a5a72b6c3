/**
 * The caller's address for throttling only. The express adapter passes it in the load
 * context; it is never stored or logged.
 */
export function clientAddress(context: unknown): string {
  const address = (context as { clientAddress?: string } | undefined)?.clientAddress;
  return address ?? "unknown";
}
