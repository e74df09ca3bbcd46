// The demo data's public surface: a generated catalogue and its learners.
export { generateCatalogue } from './catalogue.ts';
export { demoLearnerStream, generateDemoLearners } from './learners.ts';
