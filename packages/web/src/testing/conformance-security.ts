import type { ScenarioFactory } from './setup.js';

export function describeSecurity(_scenario: ScenarioFactory): void {}
