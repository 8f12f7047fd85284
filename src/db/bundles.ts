// The table of offline bundles every partner API process shares (graphql/bundleStore.ts).
export const BUNDLES_TABLE = 'hub_bundles'
