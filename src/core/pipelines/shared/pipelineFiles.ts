import * as fs from 'node:fs';
import { writeFileAtomic } from '../../runStore/writeFileAtomic';

/** File access of the stages: read text, write atomically (temp file + rename). The editor may pass its own. */
export interface PipelineFiles {
  readText(path: string): Promise<string>;
  /** `undefined` when the file does not exist. */
  readTextIfExists(path: string): Promise<string | undefined>;
  writeTextAtomic(path: string, text: string): Promise<void>;
}

/** Node's file system. */
export const nodePipelineFiles: PipelineFiles = {
  readText: (path) => fs.promises.readFile(path, 'utf8'),
  readTextIfExists: async (path) => {
    try {
      return await fs.promises.readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  },
  writeTextAtomic: (path, text) => writeFileAtomic(path, text),
};
