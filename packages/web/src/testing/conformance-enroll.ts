import type { ScenarioFactory } from './setup.js';

export function describeEnrollFlows(_scenario: ScenarioFactory): void {}
