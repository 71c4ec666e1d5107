//! Just enough CSV (RFC 4180) for `featured-foods.csv`: comma-separated fields, optionally
//! wrapped in double quotes (a quote inside is doubled), one record per line.

use crate::GenError;

/// Parses CSV text into rows of fields. Quoted fields may not span lines (the featured list
/// has none that do); a stray quote is an error rather than a guess.
pub fn parse(text: &str) -> Result<Vec<Vec<String>>, GenError> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        rows.push(parse_line(line).map_err(|e| GenError(format!("CSV line {}: {e}", n + 1)))?);
    }
    Ok(rows)
}

fn parse_line(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                    None => return Err("unterminated quoted field".into()),
                }
            }
            match chars.next() {
                None => {
                    fields.push(field);
                    return Ok(fields);
                }
                Some(',') => fields.push(field),
                Some(c) => return Err(format!("unexpected {c:?} after a quoted field")),
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(field);
                        return Ok(fields);
                    }
                    Some(',') => break,
                    Some('"') => return Err("quote inside an unquoted field".into()),
                    Some(c) => field.push(c),
                }
            }
            fields.push(field);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_and_plain_fields() {
        let rows = parse("a,\"b, c\",,\"say \"\"hi\"\"\"\nx,y\n").unwrap();
        assert_eq!(rows[0], vec!["a", "b, c", "", "say \"hi\""]);
        assert_eq!(rows[1], vec!["x", "y"]);
    }

    #[test]
    fn trailing_empty_field() {
        assert_eq!(parse("a,b,\n").unwrap()[0], vec!["a", "b", ""]);
    }

    #[test]
    fn stray_quotes_are_errors() {
        assert!(parse("a\"b,c").is_err());
        assert!(parse("\"abc").is_err());
        assert!(parse("\"a\"b,c").is_err());
    }
}
