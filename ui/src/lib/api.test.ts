import { describe, expect, it } from "vitest";
import { messageOf } from "./api";

describe("messageOf", () => {
  it("a refusal is its own message", () => {
    expect(messageOf({ code: "before_course", message: "Your course starts on 2 March.", field: null, details: null })).toBe(
      "Your course starts on 2 March.",
    );
  });

  it("a failure of the system below is the app's words with a code for support, never the system's text", () => {
    const m = messageOf({
      code: "storage",
      message: "Magday could not read or save your record, so nothing was changed.",
      field: null,
      details: "error returned from database: (code: 26) file is not a database",
    });
    expect(m).toBe("Magday could not read or save your record, so nothing was changed. Support code: storage.");
    expect(m).not.toMatch(/error returned from database|\(code:|org\.freedesktop/);
  });
});
