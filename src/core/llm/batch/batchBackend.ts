import type { CallOptions } from '../llmClient';

/** A batch job as the server reports it. */
export interface BatchJobStatus {
  readonly id: string;
  /** validating, in_progress, finalizing, completed, failed, expired, cancelling, cancelled (any case). */
  readonly status: string;
  readonly outputFileId?: string;
  readonly errorFileId?: string;
  readonly requestCounts?: { readonly total: number; readonly completed: number; readonly failed: number };
}

/** The port for OpenAI-style `/v1/files` + `/v1/batches`. */
export interface BatchBackend {
  /** Uploads a JSONL file with purpose `batch` and resolves to its file id. */
  uploadBatchFile(name: string, content: string, options?: CallOptions): Promise<string>;
  createBatch(inputFileId: string, endpoint: string, metadata?: Record<string, string>, options?: CallOptions): Promise<BatchJobStatus>;
  retrieveBatch(batchId: string, options?: CallOptions): Promise<BatchJobStatus>;
  cancelBatch(batchId: string, options?: CallOptions): Promise<BatchJobStatus>;
  downloadFile(fileId: string, options?: CallOptions): Promise<string>;
}
