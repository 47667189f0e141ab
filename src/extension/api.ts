import type { RunsTreeProvider } from './runs/runsTree';
import type { BackstoryReviewProvider } from './webviews/backstoryReview/backstoryReviewProvider';
import type { ResultsPanels } from './webviews/results/resultsPanels';

/**
 * What `activate` returns (`vscode.extensions.getExtension(id).exports`): the live providers, so in-host
 * tests can read the state behind a webview or a tree. Not a stable API for other extensions.
 */
export interface PersonaStudioApi {
  readonly backstoryReview: BackstoryReviewProvider;
  readonly runsTree: RunsTreeProvider;
  readonly resultsPanels: ResultsPanels;
}
