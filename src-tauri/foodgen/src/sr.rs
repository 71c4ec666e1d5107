//! Reading the USDA SR files: `^`-separated fields, text wrapped in `~`, CRLF line ends,
//! Latin-1 text, and (in `ABBREV.txt`) a blank line after every record. The text is decoded
//! here; the `csv` crate splits it into records (see [`crate::delimited`]).

use std::path::Path;

use crate::delimited::{self, Record};
use crate::model::GenError;

/// The SR files the generator reads.
pub(crate) const ABBREV: &str = "ABBREV.txt";
pub(crate) const FOOD_DES: &str = "SR26_FOOD_DES.txt";
pub(crate) const FD_GROUP: &str = "SR26_FD_GROUP.txt";
pub(crate) const WEIGHT: &str = "SR26_WEIGHT.txt";

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

/// The records of the SR file `name` in `dir`.
pub fn read(dir: &Path, name: &str) -> Result<Vec<Record>, GenError> {
    records(&read_text(&dir.join(name))?, name)
}

/// The records of SR text (from `file`, which errors name): one per non-blank line, `~`
/// quotes removed.
pub fn records(text: &str, file: &str) -> Result<Vec<Record>, GenError> {
    delimited::read(text, delimited::SR, file)
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

/// Collapses runs of white space and trims.
pub(crate) fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "1100" → "11"; `at` says where the code is, for the error.
pub(crate) fn group_code(code: &str, at: &str) -> Result<String, GenError> {
    let code = code.trim();
    if code.len() == 4 && code.ends_with("00") && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code[..2].to_string())
    } else {
        Err(GenError(format!("{at}: bad food group code {code:?}")))
    }
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
        let rows = records(text, "x").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].fields,
            ["01001", "BUTTER,WITH SALT", "15.87", "", ""]
        );
        assert_eq!(rows[1].fields, ["01002", "X", "1"]);
        assert_eq!((rows[0].line, rows[1].line), (1, 3));
    }

    #[test]
    fn numbers() {
        assert_eq!(number("", "x").unwrap(), None);
        assert_eq!(number(" 2.5", "x").unwrap(), Some(2.5));
        assert!(number("abc", "x").is_err());
    }
}
