// The playground's build: `npm run dev` serves it, `npm run build` writes static files to
// dist/ (relative URLs, so they work from any folder of any static server).
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  // The py3port package finds its .wasm and rules-docs.json with `new URL(..., import.meta.url)`,
  // which pre-bundling would break: serve it as it is.
  optimizeDeps: { exclude: ["py3port"] },
  server: {
    // The package is linked from ../py3port.
    fs: { allow: [".."] },
  },
  build: { target: "es2022", chunkSizeWarningLimit: 2000 },
});
