// The one script of welcome.html, the page the shell opens on a first start (see
// scripts/first-run.ts). It runs before the page is drawn: the theme is the system's from the
// first paint, and the welcome's button opens Setup even before the app has loaded. The app's
// script is added once the page has loaded and painted: the welcome shows without waiting for
// it, and its input is not queued behind the app's start.
{
  const d = document;
  const app = d.currentScript.dataset.app;
  d.documentElement.dataset.theme = matchMedia("(prefers-color-scheme:dark)").matches ? "dark" : "light";
  onclick = (e) => {
    if (e.target.closest("#first button")) location.hash = "#/setup";
  };
  onload = () =>
    requestAnimationFrame(() =>
      setTimeout(() => d.head.append(Object.assign(d.createElement("script"), { type: "module", src: app }))),
    );
}
