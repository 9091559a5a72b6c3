import { appContext } from "./load-context";

/**
 * The caller's address for throttling only. The express adapter passes it in the load
 * context; it is never stored or logged.
 */
export function clientAddress(context: unknown): string {
  return appContext(context).clientAddress ?? "unknown";
}
