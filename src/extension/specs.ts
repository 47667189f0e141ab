import * as vscode from 'vscode';
import type { SpecService } from '../core/spec/specService';

/** Document selector for the two spec kinds (files on disk and untitled editors alike). */
export const SPEC_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: '**/*.{survey,persona}.{yaml,yml}' },
];

/**
 * The core spec service, created on first use so activation stays cheap: its module (ajv, the
 * schemas, the YAML parser) is loaded only when a spec is first validated, completed or hovered.
 */
export function lazySpecService(): () => SpecService {
  let service: SpecService | undefined;
  return () => {
    if (!service) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createDefaultSpecService } = require('./specServiceModule') as typeof import('./specServiceModule');
      service = createDefaultSpecService();
    }
    return service;
  };
}
