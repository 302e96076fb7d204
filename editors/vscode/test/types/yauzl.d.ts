// The part of yauzl (a devDependency without bundled types) that test/package.test.ts uses.
declare module "yauzl" {
  import type { Readable } from "node:stream";
  import type { EventEmitter } from "node:events";

  export interface Entry {
    fileName: string;
    externalFileAttributes: number;
  }
  export interface ZipFile extends EventEmitter {
    readEntry(): void;
    openReadStream(entry: Entry, callback: (error: Error | null, stream?: Readable) => void): void;
  }
  export function open(path: string, options: { lazyEntries: boolean }, callback: (error: Error | null, zip?: ZipFile) => void): void;
}
