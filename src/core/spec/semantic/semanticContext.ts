import type { ParsedSpec } from '../parseSpec';
import type { Range } from '../range';
import type { SpecFileSystem } from '../specFileSystem';
import type { YamlPath } from '../yamlPath';

/** What every semantic check receives. Checks are pure apart from reads through `files`. */
export interface SemanticContext {
  readonly spec: ParsedSpec;
  /** Absolute path of the spec file; relative paths inside the spec resolve against its folder. */
  readonly specPath: string;
  readonly files: SpecFileSystem;
  /** The configured endpoint names, when the caller knows them (see `ValidateOptions.endpointNames`). */
  readonly endpointNames?: readonly string[];
  /** The exact range of the key (`'key'`) or the value (`'value'`, the default) at `path`. */
  rangeOf(path: YamlPath, part?: 'key' | 'value'): Range;
}
