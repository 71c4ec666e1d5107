//! Writing iCalendar lines: folded at 75 octets, escaped, with CRLF endings.

use chrono::{DateTime, NaiveDateTime, Utc};

/// Content lines, folded and ended as RFC 5545 §3.1 asks.
#[derive(Default)]
pub(super) struct Writer {
    pub(super) out: String,
}

impl Writer {
    /// `name` (with any parameters) and a value already in its type's form.
    pub(super) fn prop(&mut self, name: &str, value: &str) {
        let mut width = 0;
        for ch in name.chars().chain([':']).chain(value.chars()) {
            let n = ch.len_utf8();
            if width + n > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(ch);
            width += n;
        }
        self.out.push_str("\r\n");
    }

    /// A TEXT value, escaped.
    pub(super) fn text(&mut self, name: &str, value: &str) {
        self.prop(name, &escape(value));
    }
}

/// A TEXT value's escapes (§3.3.11).
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

pub(super) fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

pub(super) fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}
