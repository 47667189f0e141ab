import { createDefaultSpecService as create } from '../core/spec/defaultSpecService';
import { nodeSpecFileSystem } from '../core/spec/nodeSpecFileSystem';
import type { SpecService } from '../core/spec/specService';

/** Loaded lazily by `lazySpecService` (see specs.ts). */
export function createDefaultSpecService(): SpecService {
  return create(nodeSpecFileSystem);
}
