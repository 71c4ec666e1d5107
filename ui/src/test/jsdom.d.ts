// The little of jsdom's API the tests use directly (first-run.test.ts), typed here rather than
// adding @types/jsdom for one constructor.
declare module "jsdom" {
  export class JSDOM {
    constructor(
      html: string,
      options?: {
        url?: string;
        runScripts?: "dangerously" | "outside-only";
        pretendToBeVisual?: boolean;
        beforeParse?: (window: Window & typeof globalThis) => void;
      },
    );
    readonly window: Window & typeof globalThis;
  }
}
