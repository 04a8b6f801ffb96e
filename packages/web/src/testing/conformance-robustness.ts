import type { ScenarioFactory } from './setup.js';

export function describeRobustness(_scenario: ScenarioFactory): void {}
