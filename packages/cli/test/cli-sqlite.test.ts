import { sqliteTarget } from './helpers/databases.js';
import { cliScenarios } from './scenarios.js';

cliScenarios(sqliteTarget());
