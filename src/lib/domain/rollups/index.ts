// The rollups area's public surface: the learner panels the dashboards read.
export { COHORT_DIMENSION, NO_COHORT, PANEL_COUNTS, type PanelLearner, PanelSums } from './learner-panels.ts';
