// Snapshot of the public export lists of the stats, matching and data facades: an accidental API change fails here.
import assert from 'node:assert/strict';
import * as data from '../../../src/core/data/index';
import * as matching from '../../../src/core/matching/index';
import * as stats from '../../../src/core/stats/index';

describe('core facades: exported names', () => {
  it('src/core/stats', () => {
    assert.deepEqual(Object.keys(stats).sort(), [
      'StatsError', 'aggregateSummaries', 'assertItemMatrix', 'assertWeights', 'bootstrapComparison', 'bootstrapReplicates', 'codeHistograms', 'columnStatsFromHistogram', 'compareParts',
      'compareSamples', 'completeRows', 'correlationFromMoments', 'covarianceFromMoments', 'createRandom', 'cronbachAlpha',
      'cronbachAlphaFromCovariance', 'cronbachAlphaListwise', 'eachSeededSplitHalf', 'eachSha256SplitHalf', 'encodeCodes', 'frobeniusDistance', 'fsum', 'itemDescriptives',
      'itemWasserstein', 'jensenShannonDivergence', 'meanExact', 'metricSummary', 'mixDistributions', 'overflowColumn', 'pairedAgreement', 'pairwiseMoments', 'planComparison', 'quantileSorted', 'representativeness',
      'sampleParts', 'seededSplitHalves', 'selectRows', 'sha256SplitHalves', 'sha256Words', 'sharedCodeHistograms', 'signedDrift', 'splitHalfBounds', 'splitHalvesOfKeys',
      'subgroupComparisons', 'subtractMoments', 'totalVariationDistance', 'valueHistograms', 'wasserstein1d', 'wassersteinFromHistograms',
    ]);
  });
  it('src/core/matching', () => {
    assert.deepEqual(Object.keys(matching).sort(), [
      'cleanPersonaDistribution', 'edgeWeights', 'greedyMatching', 'harmonizeDistribution', 'linearSumAssignment', 'matchPersonas', 'maxWeightMatching', 'randomMatching',
    ]);
  });
  it('src/core/data', () => {
    assert.deepEqual(Object.keys(data).sort(), ['DataError', 'classifyField', 'missingCodes', 'parseDecimalBytes', 'parseDecimalText', 'parseTableText', 'readCsvFile', 'readTable', 'tableFormats', 'tableItemMatrix']);
  });
});
