//! Guesses the column separator of a CSV file (`,` `;` or tab) from its header line.

/// The separators a file may use, in the order they are reported.
const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];

/// How many lines after the header are checked for the same column count.
const CHECK_LINES: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SniffError {
    #[error("the file has no header line")]
    NoHeader,
    #[error("cannot tell the column separator (, ; or tab)")]
    Ambiguous,
    #[error("cannot tell the column separator (, ; or tab): the header line has a single column")]
    SingleColumn,
    #[error(
        "cannot tell the column separator (, ; or tab): the header line has {header_count} {name}s \
         but {mismatched} of the next {checked} lines do not"
    )]
    Inconsistent {
        name: &'static str,
        header_count: usize,
        mismatched: usize,
        checked: usize,
    },
}

/// A human name for a separator: `comma`, `semicolon`, `tab`.
pub fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "comma",
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "separator",
    }
}

/// Picks the separator of `text`: the most frequent of `,` `;` and tab in the
/// header line (the first non-empty one), counted outside double quotes.
///
/// A tie, or a header with none of them (a single column), is an error. The
/// following lines (up to 20) must mostly (more than half) have the same
/// count; records whose quoted fields span several lines count as one.
pub fn detect_delimiter(text: &str) -> Result<u8, SniffError> {
    let mut records = Records::new(text.as_bytes());
    let header = loop {
        match records.next() {
            None => return Err(SniffError::NoHeader),
            Some(r) if r.blank => continue,
            Some(r) => break r,
        }
    };
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if header.counts[i] > header.counts[best] {
            best = i;
        }
    }
    let top = header.counts[best];
    if top == 0 {
        return Err(SniffError::SingleColumn);
    }
    if header.counts.iter().filter(|&&c| c == top).count() > 1 {
        return Err(SniffError::Ambiguous);
    }

    let mut checked = 0;
    let mut mismatched = 0;
    for r in records.filter(|r| !r.blank).take(CHECK_LINES) {
        checked += 1;
        if r.counts[best] != top {
            mismatched += 1;
        }
    }
    if mismatched * 2 > checked {
        return Err(SniffError::Inconsistent {
            name: delimiter_name(CANDIDATES[best]),
            header_count: top,
            mismatched,
            checked,
        });
    }
    Ok(CANDIDATES[best])
}

/// One CSV record as seen by the sniffer.
struct Record {
    /// Separator counts outside quotes, in the order of [`CANDIDATES`].
    counts: [usize; 3],
    /// Nothing but whitespace.
    blank: bool,
}

/// Splits text into records: a line end inside double quotes does not end a record.
struct Records<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Records<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Records { bytes, pos: 0 }
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.pos >= self.bytes.len() {
            return None;
        }
        let mut counts = [0usize; 3];
        let mut blank = true;
        let mut in_quotes = false;
        // A quote opens a quoted field only at the start of a field.
        let mut field_start = true;
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            self.pos += 1;
            if in_quotes {
                if b == b'"' {
                    if self.bytes.get(self.pos) == Some(&b'"') {
                        self.pos += 1; // escaped quote
                    } else {
                        in_quotes = false;
                    }
                }
                continue;
            }
            match b {
                b'\n' => break,
                b'\r' => {
                    if self.bytes.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    break;
                }
                b'"' if field_start => {
                    in_quotes = true;
                    blank = false;
                    field_start = false;
                }
                _ => {
                    if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                        counts[i] += 1;
                        field_start = true;
                        if b != b'\t' {
                            blank = false;
                        }
                    } else if !b.is_ascii_whitespace() {
                        blank = false;
                        field_start = false;
                    }
                }
            }
        }
        Some(Record { counts, blank })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_most_frequent_separator() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n").unwrap(), b',');
        assert_eq!(detect_delimiter("a;b;c\r\n1,5;2;3\r\n").unwrap(), b';');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3").unwrap(), b'\t');
        // A comma inside a header name does not outvote two semicolons.
        assert_eq!(
            detect_delimiter("Nom, prénom;Montant;Devise\nDupont, Jean;1 234,56;EUR\n").unwrap(),
            b';'
        );
    }

    #[test]
    fn the_ibm_sample_is_comma_separated() {
        let text = std::fs::read_to_string("/work/shared/data/ibm-accounts-receivable.csv");
        if let Ok(text) = text {
            assert_eq!(detect_delimiter(&text).unwrap(), b',');
        }
    }

    #[test]
    fn separators_inside_quotes_do_not_count() {
        let text = "\"a;b;c\",d\n\"x;y;z\",1\n";
        assert_eq!(detect_delimiter(text).unwrap(), b',');
        let text = "name;\"address, city, country\";amount\n\"Smith; Co\";\"1 Main St,\nSpringfield\";12,50\n";
        assert_eq!(detect_delimiter(text).unwrap(), b';');
        // Escaped quotes inside a quoted field.
        let text = "a,\"say \"\"hi;there\"\"\",c\n1,\"x\",3\n";
        assert_eq!(detect_delimiter(text).unwrap(), b',');
    }

    #[test]
    fn leading_blank_lines_are_skipped() {
        assert_eq!(detect_delimiter("\n\r\n  \na;b\n1;2\n").unwrap(), b';');
    }

    #[test]
    fn ties_and_single_columns_are_refused() {
        let err = detect_delimiter("a,b;c\n1,2;3\n").unwrap_err();
        assert_eq!(err, SniffError::Ambiguous);
        assert_eq!(
            err.to_string(),
            "cannot tell the column separator (, ; or tab)"
        );
        assert_eq!(
            detect_delimiter("amount\n12\n").unwrap_err(),
            SniffError::SingleColumn
        );
        assert_eq!(detect_delimiter("").unwrap_err(), SniffError::NoHeader);
        assert_eq!(detect_delimiter("\n\n").unwrap_err(), SniffError::NoHeader);
    }

    #[test]
    fn most_lines_must_agree_with_the_header() {
        // One odd line in five is tolerated.
        let text = "a,b,c\n1,2,3\n1,2,3\n1,2\n1,2,3\n1,2,3\n";
        assert_eq!(detect_delimiter(text).unwrap(), b',');
        // A header written with commas above data written with semicolons is not.
        let text = "a,b,c\n1;2;3\n4;5;6\n7;8;9\n";
        let err = detect_delimiter(text).unwrap_err();
        assert_eq!(
            err,
            SniffError::Inconsistent {
                name: "comma",
                header_count: 2,
                mismatched: 3,
                checked: 3
            }
        );
        assert!(
            err.to_string()
                .contains("2 commas but 3 of the next 3 lines")
        );
    }

    #[test]
    fn only_twenty_lines_are_checked() {
        let mut text = String::from("a;b\n");
        for _ in 0..20 {
            text.push_str("1;2\n");
        }
        for _ in 0..100 {
            text.push_str("1,2,3\n");
        }
        assert_eq!(detect_delimiter(&text).unwrap(), b';');
    }
}
