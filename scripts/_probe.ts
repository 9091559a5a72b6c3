export {};
process.env.NODE_ENV = "production";
process.env.DATABASE_URL = "file:./bench/.tmp/prof.db";
process.env.TOKEN_SECRET = "bench-token-secret-bench-token-secret-xx";
process.env.SESSION_SECRET = "bench-session-secret-bench-session-secret";
const build = await import("../build/server/index.js");
const { createRequestHandler } = await import("@remix-run/node");
const handler = createRequestHandler(build as never, "production");
for (const path of ["/s/thanks"]) {
  for (let i = 0; i < 50; i++) await (await handler(new Request(`http://x${path}`), { cspNonce: "x", clientAddress: "1" })).text();
  const n = 1500;
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) await (await handler(new Request(`http://x${path}`), { cspNonce: "x", clientAddress: "1" })).text();
  const wall = (performance.now() - t) / n;
  const used = process.cpuUsage(cpu);
  console.log(path, "wall ms/req", wall.toFixed(2), "cpu ms/req", ((used.user + used.system) / 1000 / n).toFixed(2));
}
process.exit(0);
