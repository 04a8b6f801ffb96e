import { serverTarget } from './helpers/databases.js';
import { cliScenarios } from './scenarios.js';

cliScenarios(await serverTarget('postgres'));
