// A tiny hash router: "#/today", "#/day/2026-11-20", "#/setup", ...

function parse(hash: string): { name: string; arg: string | null } {
  const parts = hash.replace(/^#\/?/, "").split("/");
  const name = parts[0] || "today";
  return { name, arg: parts[1] ?? null };
}

class Router {
  route = $state(parse(typeof location === "undefined" ? "" : location.hash));

  constructor() {
    if (typeof window !== "undefined") {
      window.addEventListener("hashchange", () => {
        // `go` has set the route already: the same route again would load the screen twice.
        const next = parse(location.hash);
        if (next.name !== this.route.name || next.arg !== this.route.arg) this.route = next;
      });
    }
  }

  go(path: string) {
    location.hash = path;
    this.route = parse(`#${path}`);
  }
}

export const router = new Router();
