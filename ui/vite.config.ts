/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The app is served by Tauri from ui/dist; no dev server is needed to build it.
export default defineConfig({
  clearScreen: false,
  build: {
    target: "safari16",
    outDir: "dist",
    emptyOutDir: true,
    // One file per kind keeps the window's first paint to a few requests.
    cssCodeSplit: false,
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    // Stand-ins for what jsdom lacks (<dialog>'s showModal): tests only.
    setupFiles: ["src/testing/setup.ts"],
  },
});
