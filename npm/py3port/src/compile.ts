// Compiling the analyzer from whatever `init()` was given, with what browsers and Node share.

import type { InitInput } from "./types.js";

/** Compiles the analyzer from a URL, a `Response`, bytes or a module. */
export async function compileWasm(input: InitInput): Promise<WebAssembly.Module> {
  let value = await input;
  if (value instanceof WebAssembly.Module) return value;
  if (typeof value === "string" || value instanceof URL || (typeof Request === "function" && value instanceof Request)) {
    value = await fetch(value);
  }
  if (typeof Response === "function" && value instanceof Response) {
    if (!value.ok) throw new Error(`py3port: cannot load the analyzer: HTTP ${value.status} (${value.url})`);
    const streaming = value.headers.get("Content-Type")?.startsWith("application/wasm") ?? false;
    if (streaming && typeof WebAssembly.compileStreaming === "function") return WebAssembly.compileStreaming(value);
    return WebAssembly.compile(await value.arrayBuffer());
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return WebAssembly.compile(value as BufferSource);
  throw new TypeError("py3port: init() takes a URL, a Response, the bytes of the .wasm or a WebAssembly.Module");
}
