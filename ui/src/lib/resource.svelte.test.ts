// The resource helper on its own, no DOM: its effect runs in an effect root, flushed by hand.
import { flushSync } from "svelte";
import { afterEach, describe, expect, it } from "vitest";
import { resource, type Resource } from "./resource.svelte";
import { refresh } from "./refresh.svelte";

/** A promise the test settles when it chooses. */
function later<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** A resource made as a component would make it, its effect run. */
function make<T>(get: () => Promise<T>, show?: (v: T) => void): Resource<T> {
  let r!: Resource<T>;
  stop = $effect.root(() => {
    r = resource(get, show);
  });
  flushSync();
  return r;
}

describe("Resource", () => {
  it("loads at once and holds the answer", async () => {
    let asked = 0;
    const r = make(async () => ++asked);
    expect(asked).toBe(1);
    expect(r.loading).toBe(true);
    expect(r.value).toBeNull();
    await settle();
    expect(r.value).toBe(1);
    expect(r.error).toBeNull();
    expect(r.loading).toBe(false);
  });

  it("a failure gives the message for a person, keeps the last value, and clears on the next answer", async () => {
    let fail = false;
    const r = make(async () => {
      if (fail) throw { code: "io", message: "The record could not be read.", details: null };
      return "ok";
    });
    await settle();
    fail = true;
    expect(await r.load()).toBe(false);
    expect(r.error).toBe("The record could not be read.");
    expect(r.value).toBe("ok");
    expect(r.loading).toBe(false);
    fail = false;
    expect(await r.load()).toBe(true);
    expect(r.error).toBeNull();
  });

  it("loads again when the record changed elsewhere", async () => {
    let asked = 0;
    const r = make(async () => ++asked);
    await settle();
    refresh.bump();
    flushSync();
    await settle();
    expect(asked).toBe(2);
    expect(r.value).toBe(2);
    // Stopped (the component gone), it asks no more.
    stop?.();
    refresh.bump();
    flushSync();
    expect(asked).toBe(2);
  });

  it("loads again when an input `get` reads changes", async () => {
    const input = $state({ day: "2024-05-01" });
    const asked: string[] = [];
    const r = make(async () => {
      asked.push(input.day);
      return input.day;
    });
    await settle();
    input.day = "2024-05-02";
    flushSync();
    await settle();
    expect(asked).toEqual(["2024-05-01", "2024-05-02"]);
    expect(r.value).toBe("2024-05-02");
  });

  it("an answer older than the one shown is dropped, even when it comes last", async () => {
    const asks = [later<string>(), later<string>()];
    let i = 0;
    const r = make(() => asks[i++].promise);
    const newer = r.load();
    asks[1].resolve("newer");
    await newer;
    expect(r.value).toBe("newer");
    expect(r.loading).toBe(false);
    asks[0].resolve("older");
    await settle();
    expect(r.value).toBe("newer");
    // An older failure is dropped too.
    const third = later<string>();
    asks.push(third, later<string>());
    const a = r.load();
    const b = r.load();
    asks[3].resolve("newest");
    await b;
    third.reject({ code: "io", message: "late", details: null });
    expect(await a).toBe(false);
    expect(r.value).toBe("newest");
    expect(r.error).toBeNull();
  });

  it("an older answer still shows while the newer one is awaited", async () => {
    const asks = [later<number>(), later<number>()];
    let i = 0;
    const r = make(() => asks[i++].promise);
    void r.load();
    asks[0].resolve(1);
    await settle();
    expect(r.value).toBe(1);
    expect(r.loading).toBe(true);
    asks[1].resolve(2);
    await settle();
    expect(r.value).toBe(2);
    expect(r.loading).toBe(false);
  });

  it("an action's answer and a value set from elsewhere win over a load asked before them", async () => {
    const load = later<string>();
    const r = make(() => load.promise);
    expect(await r.run(async () => "tapped")).toBe(true);
    expect(r.value).toBe("tapped");
    r.set("saved");
    expect(r.loading).toBe(false);
    load.resolve("loaded");
    await settle();
    expect(r.value).toBe("saved");
  });

  it("`show` sees every new value just before it shows", async () => {
    const seen: [number, number | null][] = [];
    let n = 0;
    const r: Resource<number> = make(
      async () => ++n,
      (v) => seen.push([v, r.value]),
    );
    await settle();
    await r.run(async () => 10);
    r.set(20);
    expect(seen).toEqual([
      [1, null],
      [10, 1],
      [20, 10],
    ]);
  });
});
