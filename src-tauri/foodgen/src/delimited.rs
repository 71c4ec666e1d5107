//! Delimited text, read with the `csv` crate: the featured list is RFC 4180 CSV (`,` between
//! fields, `"` around them, a quote inside written twice); the USDA SR files put `^` between
//! fields and `~` around text, with no way to write a `~` inside one.
//!
//! The `csv` crate guesses its way through malformed quoting; these files are hand-edited
//! (featured) or fixed-format (SR), so a guess is an error instead: every record must read back
//! as exactly its own line. A stray or unclosed quote, or a quoted field running on to the next
//! line, names the file and the line. Lines end in LF or CRLF; blank and white-space-only lines
//! are skipped, as is a UTF-8 byte order mark at the start.

use csv::StringRecord;

use crate::model::GenError;

/// How a file separates and quotes its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: u8,
    pub quote: u8,
    /// A quote inside a quoted field is written twice (CSV); without this it cannot occur (SR).
    pub doubled_quotes: bool,
}

/// RFC 4180 CSV: `featured-foods.csv`.
pub const CSV: Dialect = Dialect {
    delimiter: b',',
    quote: b'"',
    doubled_quotes: true,
};

/// The USDA SR files: `~01001~^~BUTTER,WITH SALT~^15.87`.
pub const SR: Dialect = Dialect {
    delimiter: b'^',
    quote: b'~',
    doubled_quotes: false,
};

/// One record and the line it is on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: u64,
    pub fields: Vec<String>,
}

/// The records of `text`, which came from `file` (named in errors). Records may differ in
/// their number of fields; the callers check what they need.
pub fn read(text: &str, dialect: Dialect, file: &str) -> Result<Vec<Record>, GenError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(dialect.delimiter)
        .quote(dialect.quote)
        .double_quote(dialect.doubled_quotes)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = StringRecord::new();
    // Line numbers are counted here rather than taken from the reader, whose position for a
    // record is where it stood before skipping any blank lines.
    let (mut counted_to, mut line) = (0, 1);
    while reader
        .read_record(&mut record)
        .map_err(|e| GenError(format!("{file} line {line}: {e}")))?
    {
        let from = record.position().map_or(0, |p| p.byte() as usize);
        let start = from
            + text[from..]
                .bytes()
                .take_while(|b| *b == b'\r' || *b == b'\n')
                .count();
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted_to = start;
        let raw = text[start..].split('\n').next().unwrap_or_default();
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim().is_empty() {
            continue;
        }
        reads_back(raw, &record, dialect)
            .map_err(|e| GenError(format!("{file} line {line}: {e}")))?;
        records.push(Record {
            line,
            fields: record.iter().map(str::to_owned).collect(),
        });
    }
    Ok(records)
}

/// Checks that `raw` is exactly `record` written in `dialect`: each field bare (with no quote
/// in it) or quoted, the fields separated by the delimiter, nothing after the last.
fn reads_back(raw: &str, record: &StringRecord, dialect: Dialect) -> Result<(), String> {
    let delimiter = char::from(dialect.delimiter);
    let quote = char::from(dialect.quote);
    let mut rest = raw;
    for (i, field) in record.iter().enumerate() {
        let n = i + 1;
        if i > 0 {
            rest = rest
                .strip_prefix(delimiter)
                .ok_or_else(|| unexpected_after(rest, n - 1))?;
        }
        rest = if let Some(quoted) = rest.strip_prefix(quote) {
            if field.contains(quote) && !dialect.doubled_quotes {
                return Err(format!("field {n}: a {quote} inside a quoted field"));
            }
            let written = field.replace(quote, &format!("{quote}{quote}"));
            quoted
                .strip_prefix(written.as_str())
                .and_then(|r| r.strip_prefix(quote))
                .ok_or_else(|| {
                    format!("field {n}: a {quote} left open, or text after the closing {quote}")
                })?
        } else if field.contains(quote) {
            return Err(format!("field {n}: a {quote} inside an unquoted field"));
        } else {
            rest.strip_prefix(field)
                .ok_or_else(|| format!("field {n} does not read back as written"))?
        };
    }
    if rest.is_empty() {
        Ok(())
    } else {
        Err(unexpected_after(rest, record.len()))
    }
}

fn unexpected_after(rest: &str, field: usize) -> String {
    let c = rest.chars().next().unwrap_or_default();
    format!("unexpected {c:?} after field {field}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str, dialect: Dialect) -> Vec<Vec<String>> {
        read(text, dialect, "x")
            .unwrap()
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    fn error(text: &str, dialect: Dialect) -> String {
        read(text, dialect, "x.csv").unwrap_err().0
    }

    #[test]
    fn csv_quoted_and_plain_fields() {
        let rows = fields("a,\"b, c\",,\"say \"\"hi\"\"\"\nx,y\n", CSV);
        assert_eq!(rows[0], vec!["a", "b, c", "", "say \"hi\""]);
        assert_eq!(rows[1], vec!["x", "y"]);
    }

    #[test]
    fn csv_trailing_empty_field() {
        assert_eq!(fields("a,b,\n", CSV)[0], vec!["a", "b", ""]);
    }

    #[test]
    fn csv_crlf_blank_lines_and_byte_order_mark() {
        let text = "\u{feff}h,i\r\n\r\n  \r\n\"a\",b\r\nc,\"d\"\r\n";
        let records = read(text, CSV, "x").unwrap();
        let lines: Vec<u64> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 4, 5]);
        assert_eq!(records[0].fields, vec!["h", "i"]);
        assert_eq!(records[1].fields, vec!["a", "b"]);
        assert_eq!(records[2].fields, vec!["c", "d"]);
    }

    #[test]
    fn csv_stray_quotes_are_errors_with_the_file_and_line() {
        assert_eq!(
            error("h\n\na\"b,c\n", CSV),
            "x.csv line 3: field 1: a \" inside an unquoted field"
        );
        let open = "a \" left open, or text after the closing \"";
        assert_eq!(
            error("\"abc", CSV),
            format!("x.csv line 1: field 1: {open}")
        );
        assert_eq!(
            error("\"a\"b,c", CSV),
            format!("x.csv line 1: field 1: {open}")
        );
        assert_eq!(
            error("x,\"a\" ,c", CSV),
            format!("x.csv line 1: field 2: {open}")
        );
        // A quoted field may not run on to the next line.
        assert_eq!(
            error("h\n\"a\nb\",c\n", CSV),
            format!("x.csv line 2: field 1: {open}")
        );
        // A lone CR is not a line end.
        assert_eq!(
            error("a,b\rc,d\n", CSV),
            "x.csv line 1: unexpected '\\r' after field 2"
        );
    }

    #[test]
    fn sr_records_skip_blank_lines_and_unquote() {
        let text = "~01001~^~BUTTER,WITH SALT~^15.87^^~~\r\n\r\n~01002~^~\"X\"~^1\r\n\r\n";
        let records = read(text, SR, "x").unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(
            records[0].fields,
            vec!["01001", "BUTTER,WITH SALT", "15.87", "", ""]
        );
        assert_eq!(records[1].fields, vec!["01002", "\"X\"", "1"]);
        assert_eq!(records[1].line, 3);
    }

    #[test]
    fn sr_tildes_inside_fields_are_errors() {
        assert_eq!(
            error("~a~^b\r\n~a~~b~^c\r\n", SR),
            "x.csv line 2: field 1: a ~ inside a quoted field"
        );
        assert_eq!(
            error("ab~^c", SR),
            "x.csv line 1: field 1: a ~ inside an unquoted field"
        );
        assert_eq!(
            error("~ab^c", SR),
            "x.csv line 1: field 1: a ~ left open, or text after the closing ~"
        );
    }
}
