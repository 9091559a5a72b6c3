import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2020" },
  // native server-only packages: never pre-bundled for the browser
  optimizeDeps: { exclude: ["@node-rs/argon2", "better-sqlite3", "@prisma/client"] },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
      ignoredRouteFiles: ["**/*.test.*", "**/.*"],
    }),
    tsconfigPaths(),
  ],
});
