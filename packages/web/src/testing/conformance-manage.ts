import type { ScenarioFactory } from './setup.js';

export function describeManageFlows(_scenario: ScenarioFactory): void {}
