import { activationSuite } from './activationSuite';
import { backstorySuite } from './backstorySuite';
import type { BenchSuite } from './benchTypes';
import { largeDataSuite } from './largeDataSuite';
import { llmSuite } from './llmSuite';
import { resultLensSuite } from './resultLensSuite';
import { resultsPanelSuite } from './resultsPanelSuite';
import { personaSetSuite } from './personaSetSuite';
import { savSuite } from './savSuite';
import { specScaleSuite } from './specScaleSuite';
import { specSuite } from './specSuite';
import { statsSuite } from './statsSuite';

/** Every benchmark suite `npm run bench` runs, in order. */
export const suites: readonly BenchSuite[] = [specSuite, specScaleSuite, activationSuite, statsSuite, largeDataSuite, savSuite, personaSetSuite, llmSuite, resultLensSuite, resultsPanelSuite, backstorySuite];
