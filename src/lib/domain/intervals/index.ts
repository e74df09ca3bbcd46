// The intervals area's public surface: confidence intervals for proportions and ratios.
export { type RiskRatio, riskRatio } from './risk-ratio.ts';
export { type Proportion, wilson, Z95 } from './wilson.ts';
export { logInterval } from './log-interval.ts';
