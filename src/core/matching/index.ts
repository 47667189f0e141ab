// Matching virtual personas to human respondents (seeds-methods §1.5): edge weights, greedy, maximum-weight and random.
export * from './matchingTypes';
export * from './cleanPersonaDistribution';
export * from './harmonizeDistribution';
export * from './edgeWeights';
export * from './greedyMatching';
export * from './maxWeightMatching';
export * from './randomMatching';
export * from './linearSumAssignment';
export * from './matchPersonas';
