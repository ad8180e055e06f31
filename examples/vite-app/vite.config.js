// A plain Vite build of the hello example: relative asset URLs (the page is served from a
// subdirectory by examples/pages.mjs), and a target with top-level await.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  logLevel: "warn",
});
