import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Binds the port before the app is loaded: with PORT=0 (tests) the system picks a free one at
 * this moment, so the public URL can name it and nobody can take it in between. Until `serve`
 * (server/serve.ts) has done its start-up work and hands the socket to the app, every request is
 * answered 503.
 */
export async function bind(host: string, port: number): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((_req, res) => res.writeHead(503, { "Retry-After": "5", "Content-Type": "text/plain" }).end("Starting"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => (server.off("error", reject), resolve()));
  });
  return { server, port: (server.address() as AddressInfo).port };
}

