// The statistics core: plain data in, plain data out (data/README.md §3 for every definition).
// Types and errors
export * from './types';
export * from './StatsError';
export * from './comparisonTypes';
export * from './splitTypes';
// Input checks
export * from './assertItemMatrix';
export * from './assertWeights';
// Sums and summaries
export * from './fsum';
export * from './meanExact';
export * from './quantileSorted';
export * from './selectRows';
export * from './completeRows';
export * from './itemDescriptives';
// Distribution metrics
export * from './encodeCodes';
export * from './codeHistograms';
export * from './valueHistograms';
export * from './sharedCodeHistograms';
export * from './wassersteinFromHistograms';
export * from './itemWasserstein';
export * from './wasserstein1d';
export * from './representativeness';
export * from './pairedAgreement';
export * from './signedDrift';
export * from './jensenShannonDivergence';
export * from './totalVariationDistance';
export * from './mixDistributions';
// Structure metrics
export * from './pairwiseMoments';
export * from './columnStatsFromHistogram';
export * from './subtractMoments';
export * from './correlationFromMoments';
export * from './covarianceFromMoments';
export * from './frobeniusDistance';
export * from './cronbachAlphaFromCovariance';
export * from './cronbachAlpha';
export * from './cronbachAlphaListwise';
// Comparisons, lower bounds, uncertainty, groups
export * from './planComparison';
export * from './sampleParts';
export * from './compareParts';
export * from './compareSamples';
export * from './metricSummary';
export * from './overflowColumn';
export * from './aggregateSummaries';
export * from './sha256Words';
export * from './sha256SplitHalves';
export * from './seededSplitHalves';
export * from './splitHalfBounds';
export * from './createRandom';
export * from './bootstrapReplicates';
export * from './bootstrapComparison';
export * from './subgroupComparisons';
