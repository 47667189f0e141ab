import { activationSuite } from './activationSuite';
import type { BenchSuite } from './benchTypes';
import { largeDataSuite } from './largeDataSuite';
import { llmSuite } from './llmSuite';
import { personaSetSuite } from './personaSetSuite';
import { specScaleSuite } from './specScaleSuite';
import { specSuite } from './specSuite';
import { statsSuite } from './statsSuite';

/** Every benchmark suite `npm run bench` runs, in order. */
export const suites: readonly BenchSuite[] = [specSuite, specScaleSuite, activationSuite, statsSuite, largeDataSuite, personaSetSuite, llmSuite];
