// SvelteKit's $lib alias for dependency-cruiser, which reads aliases from a webpack-style
// `resolve` section (the tsconfig that holds SvelteKit's paths is generated and has no baseUrl).
const { join } = require('node:path');

module.exports = { resolve: { alias: { $lib: join(__dirname, 'src/lib') } } };
