// The declarations of `loadFromDisk` (Node only), appended by scripts/package.mjs to the Node
// entries' declarations: node.d.mts (import) and credit_supervision.d.cts (require). The names
// it uses (Workspace, FileReport, LoadOptions) are declared there.

/** What `loadFromDisk` reports after each chunk (and once at the start and the end). */
export interface DiskProgress {
  /** The file name given to the core (`fileName`, or the path's base name). */
  file: string;
  /** Bytes read so far. */
  bytes: number;
  /** The file's size in bytes. */
  size: number;
  /** Rows read so far (delimited text; null for a workbook or JSON file, loaded whole). */
  rows: number | null;
  /** bytes / size (1 for an empty file). */
  fraction: number;
}

/** An `AbortSignal`, or anything with its `aborted` flag. */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

/** `loadFromDisk` options: the core's `LoadOptions` (every field may be left out), and the loader's own. */
export interface LoadFromDiskOptions extends LoadOptions {
  /** The name the core reports the file under (default: the path's base name). */
  fileName?: string;
  /** Bytes read at a time, 65,536–268,435,456 (default 8 MiB). */
  chunkBytes?: number;
  /** Called after each chunk; return `false` to cancel (the call then throws `code: "cancelled"`). */
  onProgress?: (progress: DiskProgress) => boolean | void;
  /** Cancels between chunks when aborted (the call then throws `code: "cancelled"`). */
  signal?: AbortSignalLike;
}

/**
 * Loads the file at `path` into `ws`: delimited text in chunks (`beginFile` / `pushChunk` /
 * `finishFile`, the next chunk read while this one is parsed), a workbook or JSON file whole
 * (`loadFile`). Returns its reports: one for a text file, one per sheet read for a workbook.
 * Throws the core's errors (`CreditSupervisionError`), `code: "cancelled"` when cancelled,
 * `code: "argument"` for bad options, and Node's own for a file that cannot be opened
 * (`code: "ENOENT"`, …). A cancelled or failed file leaves the rows read so far in the
 * workspace: `clear()` it before loading again.
 */
export declare function loadFromDisk(ws: Workspace, path: string, options?: LoadFromDiskOptions): Promise<FileReport[]>;
