import type { Resource } from "i18next";
import { createContext, useContext } from "react";

/**
 * Every translation, provided by entry.server while rendering. Pages that never hydrate (the
 * respondent pages) take their texts from here instead of shipping them as loader data, which
 * Remix would serialise on every request. In the browser it is empty: hydrating pages carry the
 * namespaces they need in their loader data.
 */
const ServerResources = createContext<Resource | null>(null);
export const ServerResourcesProvider = ServerResources.Provider;
export const useServerResources = () => useContext(ServerResources);
