// What a screen shows from the core: the value a command answered, the message when it failed,
// and whether an answer is awaited. Made while a component starts, it loads at once, again when
// what `get` reads changes (the day shown), and again at every `refresh.n` bump (the record
// changed elsewhere). Answers can come back out of order (a slow load, then a tap): each ask is
// numbered, and an answer older than the one shown is dropped.
//
// A function keeping its state in closures rather than a class: its inner names minify, which
// the UI's size budget needs.
import { messageOf } from "./api";
import { refresh } from "./refresh.svelte";

export type Resource<T> = ReturnType<typeof resource<T>>;

/** `show` sees every new value, whatever brought it, just before it is shown. */
export function resource<T>(get: () => Promise<T>, show?: (v: T) => void) {
  let value = $state<T | null>(null);
  let error = $state<string | null>(null);
  let loading = $state(false);
  let asked = 0; // asks made
  let shown = 0; // the ask whose answer shows

  /** Show what an action answered (a tap returns the new view), or its message; false on failure. */
  async function run(action: () => Promise<T>) {
    const n = ++asked;
    loading = true;
    try {
      const v = await action();
      if (n > shown) {
        set(v, n);
        error = null;
      }
      return true;
    } catch (e) {
      if (n > shown) {
        shown = n;
        error = messageOf(e);
      }
      return false;
    } finally {
      loading = shown < asked;
    }
  }

  /** Show a value answered elsewhere (a component's own command): newer than any ask pending.
   * (`n` is for `run`: the ask that answered.) */
  function set(v: T, n = ++asked) {
    shown = n;
    loading = n < asked;
    show?.(v);
    value = v;
  }

  const r = {
    get value() {
      return value;
    },
    get error() {
      return error;
    },
    set error(e) {
      error = e;
    },
    get loading() {
      return loading;
    },
    /** The first load, for what should wait until the screen has its data. */
    first: undefined as Promise<boolean> | undefined,
    /** Ask again. */
    load: () => run(get),
    run,
    set,
  };

  $effect(() => {
    void refresh.n;
    const p = r.load();
    r.first ??= p;
  });
  return r;
}
