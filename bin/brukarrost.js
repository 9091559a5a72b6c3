#!/usr/bin/env node
// The installed `brukarrost` command: the same program as `npm run cli --`.
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";

register();
const main = fileURLToPath(new URL("../app/cli/main.ts", import.meta.url));
const { runCli, exitAfterOutput } = await import(main);
exitAfterOutput(await runCli(process.argv.slice(2)));
