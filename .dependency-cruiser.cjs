// The layers of the hub, checked by `npm run lint:deps` (and `npm test`): the core (src/) knows
// nothing of the partner API (graphql/) or the site (site/); only the entry points that assemble
// the servers (src/cli/, Next's routes in src/app/) may reach across; and no module imports itself
// through a circle.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle of imports: move what both sides need into a module of its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-not-partner-api',
      severity: 'error',
      comment:
        'src/ is the core: the partner API (graphql/) builds on it, not the other way round. Move what both need into src/.',
      from: { path: '^src/', pathNot: '^src/(cli|app)/' },
      to: { path: '^graphql/' },
    },
    {
      name: 'core-not-site',
      severity: 'error',
      comment: 'The site reads the hub only through the partner API; the core does not know it.',
      from: { path: '^(src|graphql|collections|seed)/', pathNot: '^src/(cli|app)/' },
      to: { path: '^site/' },
    },
    {
      name: 'collections-not-partner-api',
      severity: 'error',
      comment: 'Collections are the core’s: they do not reach into the partner API.',
      from: { path: '^(collections|seed)/|^payload\\.config\\.ts$' },
      to: { path: '^graphql/' },
    },
    {
      name: 'site-alone',
      severity: 'error',
      comment:
        'The site runs without the hub’s code (npm run start:site): its own files and packages only.',
      from: { path: '^site/' },
      to: { path: '^(src|graphql|collections|seed|tests|bench)/|^payload\\.config\\.ts$' },
    },
    {
      name: 'no-entry-points-imported',
      severity: 'error',
      comment: 'Entry points assemble the servers; nothing below them imports one.',
      from: { path: '^(src|graphql|collections|seed|site)/', pathNot: '^src/(cli|app)/' },
      to: { path: '^src/(cli|app)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.build|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
}
