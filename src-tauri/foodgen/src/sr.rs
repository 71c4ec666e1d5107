//! Reading the USDA SR files: `^`-separated fields, text wrapped in `~`, CRLF line ends,
//! Latin-1 text, and (in `ABBREV.txt`) a blank line after every record.

use std::path::Path;

use crate::GenError;

/// Decodes Latin-1 (ISO 8859-1): every byte is the Unicode code point of the same number.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Reads a whole SR file as text.
pub fn read_text(path: &Path) -> Result<String, GenError> {
    let bytes = std::fs::read(path)
        .map_err(|e| GenError(format!("cannot read {}: {e}", path.display())))?;
    Ok(latin1(&bytes))
}

/// The records of an SR file: one `Vec` of fields per non-blank line, `~` quotes removed.
pub fn records(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.split('^').map(unquote).collect())
}

fn unquote(field: &str) -> &str {
    field
        .strip_prefix('~')
        .and_then(|f| f.strip_suffix('~'))
        .unwrap_or(field)
}

/// A numeric field: `None` when empty.
pub fn number(field: &str, what: &str) -> Result<Option<f64>, GenError> {
    let f = field.trim();
    if f.is_empty() {
        return Ok(None);
    }
    f.parse::<f64>()
        .map(Some)
        .map_err(|_| GenError(format!("{what}: {f:?} is not a number")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_decodes_accents() {
        assert_eq!(latin1(b"cr\xe8me \xb5g"), "crème µg");
    }

    #[test]
    fn records_skip_blank_lines_and_unquote() {
        let text = "~01001~^~BUTTER,WITH SALT~^15.87^^~~\r\n\r\n~01002~^~X~^1\r\n\r\n";
        let rows: Vec<Vec<&str>> = records(text).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], vec!["01001", "BUTTER,WITH SALT", "15.87", "", ""]);
        assert_eq!(rows[1], vec!["01002", "X", "1"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(number("", "x").unwrap(), None);
        assert_eq!(number(" 2.5", "x").unwrap(), Some(2.5));
        assert!(number("abc", "x").is_err());
    }
}
