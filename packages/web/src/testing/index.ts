export { describeAdapterEdges, type ObservedApp, observeAnswers } from './adapter-edges.js';
export { Client, type Reply } from './client.js';
export { createWorld, type Mail, T0, type World, type WorldOptions } from './harness.js';
export {
  type ManyInstances,
  type ManyInstancesOptions,
  manyInstancesWebOptions,
  runManyInstancesScenario,
} from './many-instances.js';
export {
  type AdapterConformanceOptions,
  type ConformanceGroup,
  runAdapterConformance,
} from './run-adapter-conformance.js';
export { type AdapterApp, type CreateApp, listenForTests } from './setup.js';
