import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default {
  preprocess: vitePreprocess(),
  // For the size budget: no version marker in the page, and shorter scoped class names
  // ("s1abc2d" for "svelte-1abc2d", the same hash).
  compilerOptions: {
    discloseVersion: false,
    cssHash: ({ hash, css, filename }) => `s${hash(filename === "(unknown)" ? css : (filename ?? css))}`,
  },
};
