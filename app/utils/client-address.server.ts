import { isIP } from "node:net";
import { appContext } from "./load-context";

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail becomes the last two). */
function ipv6Groups(address: string): number[] {
  const toGroups = (part: string) =>
    part === ""
      ? []
      : part.split(":").flatMap((g) => {
          if (!g.includes(".")) return [parseInt(g, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = g.split(".").map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = "", tail] = address.split("::");
  const front = toGroups(head);
  if (tail === undefined) return front;
  const back = toGroups(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * The key one client is throttled under. An IPv6 client usually holds a whole /64 and can pick
 * any address in it, so the /64 is the client; IPv4-mapped IPv6 addresses are their IPv4 address.
 */
export function throttleKey(address: string): string {
  const plain = address.replace(/%.*$/, ""); // zone index
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped) return mapped[1]!;
  if (isIP(plain) !== 6) return plain;
  const groups = ipv6Groups(plain.toLowerCase());
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(":")}::/64`;
}

/**
 * The caller's throttling key. The express adapter passes the address (after TRUST_PROXY) in
 * the load context; it is never stored or logged.
 */
export function clientAddress(context: unknown): string {
  return throttleKey(appContext(context).clientAddress ?? "unknown");
}
