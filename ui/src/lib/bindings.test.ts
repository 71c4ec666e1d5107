// The generated commands are one list of names made into functions at run time: each must be
// the typed key it is called by, and send its input as `{ input }`.
import "../test/ipc";
import source from "./bindings.ts?raw";
import { describe, expect, it } from "vitest";
import { calls, answer } from "../test/ipc";
import { COMMAND_NAMES, commands } from "./bindings";

const typed = [...source.slice(source.indexOf("export type Commands = {")).matchAll(/^  (\w+): \((input: [^)]*)?\) =>/gm)];

describe("bindings", () => {
  it("every typed command is a function under the same key, in the same order", () => {
    expect(typed.length).toBe(COMMAND_NAMES.length);
    expect(Object.keys(commands)).toEqual(typed.map((m) => m[1]));
  });

  it("calls the command by its name, with { input } only when it takes one", async () => {
    answer(() => "ok");
    const withInput = typed.findIndex((m) => m[2]);
    const without = typed.findIndex((m) => !m[2]);
    const call = (i: number, ...a: unknown[]) =>
      (commands as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[typed[i][1]](...a);
    expect(await call(withInput, { day: null })).toBe("ok");
    expect(await call(without)).toBe("ok");
    expect(calls).toEqual([
      { cmd: COMMAND_NAMES[withInput], args: { input: { day: null } } },
      { cmd: COMMAND_NAMES[without], args: {} },
    ]);
  });
});
