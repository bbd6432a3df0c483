//! A CSV file read whole: decoded, its separator detected, its headers mapped
//! to fields, its date format and decimal separators decided from every value.

use std::path::Path;

use csv::StringRecord;

use super::amounts::{self, AmountError, DecimalSeparator};
use super::dates::{self, DateFormat};
use super::decode;
use super::error::ImportError;
use super::headers::{self, Field, FileKind, HeaderMap};
use super::sniff;
use crate::domain::currency::Currency;
use crate::domain::invoice::{EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT, plausible_date};
use crate::domain::text::printable;
use chrono::NaiveDate;

/// Fields read as dates.
const DATE_FIELDS: &[Field] = &[
    Field::IssuedOn,
    Field::DueOn,
    Field::SettledOn,
    Field::ReceivedOn,
    Field::PilotEndsOn,
    Field::HoldUntil,
];
/// Fields read as amounts.
const AMOUNT_FIELDS: &[Field] = &[Field::Amount, Field::CreditLimit, Field::LateFee];

pub struct Table {
    /// The file name as given, for messages.
    pub file: String,
    pub headers: Vec<String>,
    pub map: HeaderMap,
    /// `(line number, record)` for every data row.
    pub rows: Vec<(u64, StringRecord)>,
    pub date_format: DateFormat,
    /// Per amount column: the decimal separator, `None` when no value says.
    separators: Vec<(Field, Option<DecimalSeparator>)>,
    pub encoding: decode::Encoding,
    pub delimiter: u8,
}

impl Table {
    pub fn read(
        path: &Path,
        kind: FileKind,
        date_format: Option<DateFormat>,
        decimal_separator: Option<DecimalSeparator>,
    ) -> Result<Table, ImportError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| ImportError::Io {
            file: path.to_path_buf(),
            reason: crate::fault::io_reason(&e),
        })?;
        let whole = |reason: String| ImportError::File {
            file: file.clone(),
            reason,
        };
        let (text, encoding) = decode::decode(&bytes).map_err(|e| whole(e.to_string()))?;
        let delimiter = sniff::detect_delimiter(&text).map_err(|e| whole(e.to_string()))?;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| whole(format!("cannot read the header line: {e}")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let map = headers::map_headers(kind, &header_refs).map_err(|e| whole(e.to_string()))?;

        // Line numbers are counted from byte offsets: the reader's own count
        // is off by one on CRLF files.
        let mut lines = LineCounter::new(text.as_bytes());
        let mut rows = Vec::new();
        let mut last_line = 0;
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                ImportError::Line {
                    file: file.clone(),
                    line,
                    reason: csv_reason(&e),
                }
            })?;
            let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
            last_line = line;
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if record.len() != headers.len() {
                return Err(ImportError::Line {
                    file: file.clone(),
                    line,
                    reason: format!(
                        "{} fields where the header has {} (a truncated line or a stray separator?)",
                        record.len(),
                        headers.len()
                    ),
                });
            }
            if let Some(col) = swallowing_field(&record, delimiter, headers.len()) {
                return Err(ImportError::Cell {
                    file: file.clone(),
                    line,
                    column: headers[col].clone(),
                    reason: "a quote opened here is not closed until lines later: the lines \
                             in between would be read as this one value"
                        .to_string(),
                });
            }
            rows.push((line, record));
        }
        // A file cut short inside a quoted value: the reader takes the part
        // before the cut as the whole value (`"1` of `"1,000.00"`).
        if let Some(quote) = unclosed_quote(text.as_bytes(), delimiter) {
            let reason = "a quote opened here is not closed before the end of the file \
                          (is the file cut short?)"
                .to_string();
            return Err(match rows.last().filter(|(line, _)| *line == last_line) {
                // Every row has as many fields as the header: the open quote
                // runs to the end, so it is in the last column.
                Some((line, _)) => ImportError::Cell {
                    file,
                    line: *line,
                    column: headers.last().cloned().unwrap_or_default(),
                    reason,
                },
                None => ImportError::Line {
                    file,
                    line: LineCounter::new(text.as_bytes()).line_at(quote as u64),
                    reason,
                },
            });
        }

        let mut table = Table {
            file,
            headers,
            map,
            rows,
            date_format: DateFormat::Iso,
            separators: Vec::new(),
            encoding,
            delimiter,
        };
        table.date_format = match date_format {
            Some(f) => f,
            None => table.detect_dates()?,
        };
        for &field in AMOUNT_FIELDS {
            if let Some(col) = table.map.index(field) {
                let sep = match decimal_separator {
                    Some(sep) => Some(sep),
                    None => {
                        let values: Vec<&str> = table.column_values(col).collect();
                        amounts::column_separator(&values).map_err(|e| ImportError::File {
                            file: table.file.clone(),
                            reason: format!(
                                "column {}: {e}; give --decimal-separator dot or comma",
                                table.headers[col]
                            ),
                        })?
                    }
                };
                table.separators.push((field, sep));
            }
        }
        Ok(table)
    }

    fn column_values(&self, col: usize) -> impl Iterator<Item = &str> {
        self.rows
            .iter()
            .filter_map(move |(_, r)| r.get(col).map(str::trim).filter(|v| !v.is_empty()))
    }

    fn detect_dates(&self) -> Result<DateFormat, ImportError> {
        let cols: Vec<usize> = DATE_FIELDS
            .iter()
            .filter_map(|f| self.map.index(*f))
            .collect();
        let values: Vec<&str> = cols.iter().flat_map(|c| self.column_values(*c)).collect();
        if values.is_empty() {
            return Ok(DateFormat::Iso);
        }
        dates::detect(&values).map_err(|e| {
            // A value no format reads is a fault of its line: point at it.
            let readable = |v: &str| {
                [
                    DateFormat::Iso,
                    DateFormat::DayMonthYear,
                    DateFormat::MonthDayYear,
                ]
                .into_iter()
                .any(|f| dates::parse_date(v, f).is_ok())
            };
            for row in self.rows() {
                for &field in DATE_FIELDS {
                    if let Some(v) = row.get(field).filter(|v| !readable(v)) {
                        return row.error(field, format!("{v:?} is not a date"));
                    }
                }
            }
            ImportError::File {
                file: self.file.clone(),
                reason: e.to_string(),
            }
        })
    }

    /// The rows, each with the accessors that name line and column in errors.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, record)| Row {
            table: self,
            line: *line,
            record,
        })
    }

    fn separator(&self, field: Field) -> Option<DecimalSeparator> {
        self.separators
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, s)| *s)
    }

    pub fn has(&self, field: Field) -> bool {
        self.map.index(field).is_some()
    }
}

/// The field of `record` that spans lines which look like whole records of
/// their own (as many separators as the header): the mark of a quote that
/// was never closed. A quoted address over two lines is fine.
fn swallowing_field(record: &StringRecord, delimiter: u8, columns: usize) -> Option<usize> {
    let needed = columns.saturating_sub(1).max(1);
    record.iter().position(|field| {
        field
            .split('\n')
            .skip(1)
            .any(|line| line.bytes().filter(|b| *b == delimiter).count() >= needed)
    })
}

/// The offset of a quote that opens a field and is still open at the end of
/// `text`, as the CSV reader reads quotes: only at the start of a field, `""`
/// inside for a quote.
fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<usize> {
    let mut open: Option<usize> = None;
    let mut field_start = true;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if open.is_some() {
            if b == b'"' {
                if text.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
        } else if b == b'"' && field_start {
            open = Some(i);
            field_start = false;
        } else {
            field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    open
}

/// Turns byte offsets, asked in increasing order, into 1-based line numbers.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: u64) -> u64 {
        let mut end = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // On CRLF files a record's offset can point at the `\n` before it.
        while matches!(self.text.get(end), Some(b'\r' | b'\n')) {
            end += 1;
        }
        if end > self.offset {
            // A line ends with `\n`, `\r\n` or a lone `\r` (old Mac files).
            let part = &self.text[self.offset..end];
            self.line += part
                .iter()
                .enumerate()
                .filter(|&(i, b)| *b == b'\n' || (*b == b'\r' && part.get(i + 1) != Some(&b'\n')))
                .count() as u64;
            self.offset = end;
        }
        self.line
    }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the line is not valid text".to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("{len} fields where the header has {expected_len}")
        }
        _ => format!("cannot read the line: {e}"),
    }
}

/// One data line of a [`Table`].
pub struct Row<'a> {
    table: &'a Table,
    pub line: u64,
    record: &'a StringRecord,
}

impl<'a> Row<'a> {
    /// The trimmed value of `field`, `None` when the column is absent or the cell empty.
    pub fn get(&self, field: Field) -> Option<&'a str> {
        let col = self.table.map.index(field)?;
        self.record
            .get(col)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// Whether the file has a column for `field`.
    pub fn has(&self, field: Field) -> bool {
        self.table.has(field)
    }

    /// Free text of `field`, shown but never obeyed: control characters,
    /// escape sequences and bidi overrides are neutralised.
    pub fn text(&self, field: Field) -> Option<String> {
        self.get(field).map(|v| printable(v).into_owned())
    }

    /// Text of several lines (a postal address): each line made printable
    /// and trimmed, blank lines dropped, joined by `\n` (a `\r\n` or `\r`
    /// in the file is a line break too); `None` when no line is left.
    pub fn lines(&self, field: Field) -> Option<String> {
        crate::domain::client_field::address(self.get(field)?)
    }

    /// An identifier (invoice number, client code): present, at most 64
    /// characters, and free of control characters.
    pub fn key(&self, field: Field) -> Result<&'a str, ImportError> {
        let v = self.required(field)?;
        if v.chars().count() > 64 {
            return Err(self.error(field, "is longer than 64 characters"));
        }
        if v.chars().any(crate::domain::text::is_unsafe) {
            return Err(self.error(
                field,
                format!("{:?} contains control characters", printable(v)),
            ));
        }
        Ok(v)
    }

    /// The value of a field that must be present.
    pub fn required(&self, field: Field) -> Result<&'a str, ImportError> {
        self.get(field).ok_or_else(|| self.error(field, "is empty"))
    }

    /// An error about this line's `field`: `FILE:LINE: column COLUMN: reason`.
    pub fn error(&self, field: Field, reason: impl Into<String>) -> ImportError {
        let column = self
            .table
            .map
            .index(field)
            .and_then(|c| self.table.headers.get(c).cloned())
            .unwrap_or_else(|| field.name().to_string());
        ImportError::Cell {
            file: self.table.file.clone(),
            line: self.line,
            column,
            reason: reason.into(),
        }
    }

    /// An error about this line as a whole.
    pub fn line_error(&self, reason: impl Into<String>) -> ImportError {
        ImportError::Line {
            file: self.table.file.clone(),
            line: self.line,
            reason: reason.into(),
        }
    }

    pub fn date(&self, field: Field) -> Result<Option<NaiveDate>, ImportError> {
        let Some(v) = self.get(field) else {
            return Ok(None);
        };
        let d = dates::parse_date(v, self.table.date_format)
            .map_err(|e| self.error(field, e.to_string()))?;
        if !plausible_date(d) {
            return Err(self.error(
                field,
                format!("{v} is outside {EARLIEST_DATE} … {LATEST_DATE}; check the year"),
            ));
        }
        Ok(Some(d))
    }

    pub fn required_date(&self, field: Field) -> Result<NaiveDate, ImportError> {
        self.date(field)?
            .ok_or_else(|| self.error(field, "is empty"))
    }

    /// An amount in minor units of `currency`.
    pub fn amount(&self, field: Field, currency: Currency) -> Result<Option<i64>, ImportError> {
        let Some(v) = self.get(field) else {
            return Ok(None);
        };
        if let Err(marker) = amounts::check_marker(v, currency.code()) {
            return Err(self.error(
                field,
                format!(
                    "{:?} is written in {}, but the line's currency is {currency}",
                    printable(v),
                    amounts::written_as(&marker)
                ),
            ));
        }
        let exponent = currency.exponent();
        let sep = amounts::separator_for(v, self.table.separator(field), exponent).map_err(|_| {
            self.error(
                field,
                format!(
                    "{v:?} could be read either way in {currency}; give --decimal-separator dot or comma"
                ),
            )
        })?;
        let minor = amounts::parse_in(v, sep, currency).map_err(|e| match e {
            AmountError::TooLarge(_) => self.error(
                field,
                format!(
                    "{v:?} is more than dun accepts for one amount ({} {currency})",
                    crate::domain::money::decimal_string(MAX_AMOUNT, exponent)
                ),
            ),
            e => self.error(field, e.to_string()),
        })?;
        Ok(Some(minor))
    }

    /// The currency of this line: its own column, else `default`.
    pub fn currency(&self, default: Option<Currency>) -> Result<Currency, ImportError> {
        match self.get(Field::Currency) {
            Some(v) => {
                Currency::from_code(v).map_err(|e| self.error(Field::Currency, e.to_string()))
            }
            None => default.ok_or_else(|| {
                self.error(
                    Field::Currency,
                    "no currency on this line; give --currency (e.g. --currency EUR)",
                )
            }),
        }
    }

    /// Reads yes/no in English, French, Norwegian or Spanish.
    pub fn flag(&self, field: Field) -> Result<bool, ImportError> {
        let Some(v) = self.get(field) else {
            return Ok(false);
        };
        match v.to_lowercase().as_str() {
            "yes" | "y" | "true" | "1" | "x" | "oui" | "o" | "vrai" | "ja" | "j" | "sí" | "si"
            | "s" | "verdadero" => Ok(true),
            "no" | "n" | "false" | "0" | "non" | "faux" | "nei" | "falso" | "-" => Ok(false),
            _ => Err(self.error(field, format!("{v:?} is neither yes nor no"))),
        }
    }
}
