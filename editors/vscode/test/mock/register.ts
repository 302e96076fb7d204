// Makes `require("vscode")` load the mock (test/mock/vscode.ts). Imported first by every test
// that loads a module of the extension.

import Module = require("node:module");

const mock = require.resolve("./vscode");
const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = internals._resolveFilename;
internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
  return request === "vscode" ? mock : resolve.call(this, request, ...rest);
};
