//! Turns the bytes of an imported file into text: UTF-8 (with or without BOM) or Windows-1252.

/// The text encoding a file was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 starting with the byte order mark EF BB BF (Excel's "CSV UTF-8").
    Utf8Bom,
    /// Not valid UTF-8, read as Windows-1252 (Excel's "CSV" on Western Windows).
    Windows1252,
}

impl Encoding {
    /// A human name for messages: `UTF-8`, `UTF-8 with BOM`, `Windows-1252`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 with BOM",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("the file is empty")]
    Empty,
    #[error("UTF-16 or binary file; save it as CSV UTF-8")]
    Utf16OrBinary,
    #[error(
        "the file starts with a UTF-8 byte order mark but byte {offset} is not UTF-8; save it as CSV UTF-8"
    )]
    BadUtf8AfterBom {
        /// Byte offset in the file (counting the BOM) of the first invalid byte.
        offset: usize,
    },
}

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Decodes a whole file.
///
/// A UTF-8 BOM is stripped; valid UTF-8 is taken as is; anything else is read
/// as Windows-1252 (which maps every byte). UTF-16 (BOM `FF FE` / `FE FF`) and
/// files containing NUL bytes are refused, as are files with no content
/// (nothing, only a BOM, or only whitespace).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || bytes.contains(&0) {
        return Err(DecodeError::Utf16OrBinary);
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        match std::str::from_utf8(rest) {
            Ok(s) => (s.to_string(), Encoding::Utf8Bom),
            Err(e) => {
                return Err(DecodeError::BadUtf8AfterBom {
                    offset: UTF8_BOM.len() + e.valid_up_to(),
                });
            }
        }
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), Encoding::Utf8),
            Err(_) => {
                let (cow, _had_errors) =
                    encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                (cow.into_owned(), Encoding::Windows1252)
            }
        }
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok((text, encoding))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_taken_as_is() {
        let (t, e) = decode("Échéance;Montant\n".as_bytes()).unwrap();
        assert_eq!(t, "Échéance;Montant\n");
        assert_eq!(e, Encoding::Utf8);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Beløp,Kunde\r\n".as_bytes());
        let (t, e) = decode(&b).unwrap();
        assert_eq!(t, "Beløp,Kunde\r\n");
        assert_eq!(e, Encoding::Utf8Bom);
    }

    #[test]
    fn windows_1252_is_decoded() {
        // "Échéance;Beløp;€" in Windows-1252.
        let b = [
            0xC9, b'c', b'h', 0xE9, b'a', b'n', b'c', b'e', b';', b'B', b'e', b'l', 0xF8, b'p',
            b';', 0x80,
        ];
        let (t, e) = decode(&b).unwrap();
        assert_eq!(t, "Échéance;Beløp;€");
        assert_eq!(e, Encoding::Windows1252);
    }

    #[test]
    fn utf16_and_binary_are_refused() {
        let msg = "UTF-16 or binary file; save it as CSV UTF-8";
        let le = [0xFF, 0xFE, b'a', 0, b',', 0, b'b', 0];
        assert_eq!(decode(&le).unwrap_err().to_string(), msg);
        let be = [0xFE, 0xFF, 0, b'a', 0, b',', 0, b'b'];
        assert_eq!(decode(&be).unwrap_err(), DecodeError::Utf16OrBinary);
        // UTF-16 without BOM still has NULs.
        let nobom = [b'a', 0, b',', 0, b'b', 0];
        assert_eq!(decode(&nobom).unwrap_err(), DecodeError::Utf16OrBinary);
        let binary = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]; // a .xlsx (zip)
        assert_eq!(decode(&binary).unwrap_err(), DecodeError::Utf16OrBinary);
    }

    #[test]
    fn empty_files_are_refused() {
        assert_eq!(decode(b"").unwrap_err().to_string(), "the file is empty");
        assert_eq!(decode(&[0xEF, 0xBB, 0xBF]).unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \r\n\r\n").unwrap_err(), DecodeError::Empty);
    }

    #[test]
    fn bom_then_invalid_utf8_is_refused() {
        let b = [0xEF, 0xBB, 0xBF, b'a', b';', 0xE9];
        let err = decode(&b).unwrap_err();
        assert_eq!(err, DecodeError::BadUtf8AfterBom { offset: 5 });
        assert!(err.to_string().contains("byte 5"));
    }

    #[test]
    fn labels() {
        assert_eq!(Encoding::Utf8Bom.label(), "UTF-8 with BOM");
    }
}
