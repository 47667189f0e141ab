import { activationSuite } from './activationSuite';
import { backstorySuite } from './backstorySuite';
import { analyzeSuite } from './analyzeSuite';
import type { BenchSuite } from './benchTypes';
import { largeDataSuite } from './largeDataSuite';
import { llmSuite } from './llmSuite';
import { personaPageSuite } from './personaPageSuite';
import { pipelineSuite } from './pipelineSuite';
import { resultLensSuite } from './resultLensSuite';
import { runLensSuite } from './runLensSuite';
import { resultsPanelSuite } from './resultsPanelSuite';
import { personaSetSuite } from './personaSetSuite';
import { savSuite } from './savSuite';
import { specScaleSuite } from './specScaleSuite';
import { specSuite } from './specSuite';
import { statsSuite } from './statsSuite';

/** Every benchmark suite `npm run bench` runs, in order. */
export const suites: readonly BenchSuite[] = [specSuite, specScaleSuite, activationSuite, statsSuite, analyzeSuite, largeDataSuite, savSuite, personaSetSuite, llmSuite, resultLensSuite, runLensSuite, resultsPanelSuite, personaPageSuite, pipelineSuite, backstorySuite];
