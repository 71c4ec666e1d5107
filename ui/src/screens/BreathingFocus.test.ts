// Where focus goes as a breathing session moves on: to what comes next, so a keyboard or screen
// reader user is never left on a control that has gone.
import "../test/ipc";
import { fireEvent, render, screen } from "@testing-library/svelte";
import { tick } from "svelte";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import Breathing from "./Breathing.svelte";
import { answer } from "../test/ipc";
import { breathingOptions, dayView } from "../test/fixtures";

const id = (t: string) => screen.getByTestId(t);
const focused = () => document.activeElement;

async function wait(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

beforeEach(async () => {
  vi.useFakeTimers();
  answer((cmd) => {
    if (cmd === "get_breathing_options") return breathingOptions();
    if (cmd === "tap") return dayView();
    throw { code: "unexpected", message: `unexpected command ${cmd}`, field: null };
  });
  render(Breathing);
  await wait(0);
});

afterEach(() => {
  vi.useRealTimers();
});

it("opening the screen moves no focus; starting focuses Pause, and pausing keeps it there", async () => {
  expect(focused()).toBe(document.body);
  await fireEvent.click(id("breathing-start"));
  await wait(0);
  expect(focused()).toBe(id("breathing-pause"));
  await fireEvent.click(id("breathing-pause"));
  await wait(0);
  expect(focused()).toBe(id("breathing-resume"));
});

it("a stop under a minute focuses its message; going on focuses Pause; discarding focuses Start", async () => {
  await fireEvent.click(id("breathing-start"));
  await wait(10_000);
  await fireEvent.click(id("breathing-stop"));
  await wait(0);
  expect(focused()).toBe(id("breathing-too-short"));
  await fireEvent.click(id("breathing-resume"));
  await wait(0);
  expect(focused()).toBe(id("breathing-pause"));
  await fireEvent.click(id("breathing-stop"));
  await wait(0);
  await fireEvent.click(id("breathing-discard"));
  await wait(0);
  expect(focused()).toBe(id("breathing-start"));
});

it("the end focuses its heading, whether reached or stopped, and saving focuses the saved line", async () => {
  await fireEvent.click(id("breathing-minutes-3"));
  await fireEvent.click(id("breathing-start"));
  await wait(180_000);
  expect(focused()).toBe(screen.getByRole("heading", { level: 2, name: "Session finished" }));
  await fireEvent.click(id("breathing-save"));
  await wait(0);
  expect(focused()).toBe(id("breathing-done"));
});

it("stopping after a minute focuses the heading of the stopped session", async () => {
  await fireEvent.click(id("breathing-start"));
  await wait(75_000);
  await fireEvent.click(id("breathing-stop"));
  await wait(0);
  expect(focused()).toBe(screen.getByRole("heading", { level: 2, name: "Session stopped" }));
});
