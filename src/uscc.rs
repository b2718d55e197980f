//! 统一社会信用代码 (Unified Social Credit Code, USCC) per GB 32100-2015.
//!
//! An USCC is 18 characters from the charset `0123456789ABCDEFGHJKLMNPQRTUWXY` (31 symbols,
//! no I, O, S, V, Z). The 18th character is a check digit over the first 17 with the weights
//! `1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28`: check = 31 − (Σ mod 31), where 31 maps
//! to `0`.

use std::fmt;

/// The 31 symbols an USCC may contain, in value order.
pub const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// The weights of positions 1–17 in the check-digit sum.
pub const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A validated USCC, stored as its 18 ASCII bytes (upper case).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uscc([u8; 18]);

/// Why a text is not a valid USCC.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsccError {
    /// The code does not have exactly 18 characters.
    #[error("USCC must have 18 characters, found {0}")]
    Length(usize),
    /// A character outside the GB 32100 charset at the given 1-based position.
    #[error("character {ch:?} at position {position} is not allowed in an USCC")]
    Charset {
        /// 1-based position of the character.
        position: usize,
        /// The offending character.
        ch: char,
    },
    /// The check digit does not match.
    #[error("check digit is {found:?} but should be {expected:?}")]
    CheckDigit {
        /// The 18th character as written.
        found: char,
        /// The check digit computed from the first 17 characters.
        expected: char,
    },
}

/// Value + 1 of each byte as an USCC symbol, lower-case letters included (0: not a symbol).
const VALUE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < CHARSET.len() {
        t[CHARSET[i] as usize] = i as u8 + 1;
        t[CHARSET[i].to_ascii_lowercase() as usize] = i as u8 + 1;
        i += 1;
    }
    t
};

/// The numeric value (0–30) of an USCC symbol, or `None` when it is not in the charset.
#[inline]
pub fn symbol_value(b: u8) -> Option<u32> {
    if b.is_ascii_lowercase() {
        return None;
    }
    match VALUE[b as usize] {
        0 => None,
        v => Some(u32::from(v) - 1),
    }
}

/// The match the table above was built from, kept to test it.
#[cfg(test)]
fn symbol_value_by_ranges(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some((b - b'0') as u32),
        b'A'..=b'H' => Some((b - b'A') as u32 + 10),
        b'J'..=b'N' => Some((b - b'J') as u32 + 18),
        b'P'..=b'R' => Some((b - b'P') as u32 + 23),
        b'T' | b'U' => Some((b - b'T') as u32 + 26),
        b'W'..=b'Y' => Some((b - b'W') as u32 + 28),
        _ => None,
    }
}

/// Computes the check digit for the first 17 symbols of a code.
///
/// Returns an error naming the first symbol that is not in the charset.
pub fn check_digit(first17: &[u8]) -> Result<u8, UsccError> {
    debug_assert_eq!(first17.len(), 17);
    let mut sum = 0u32;
    for (i, (&b, w)) in first17.iter().zip(WEIGHTS).enumerate() {
        let v = symbol_value(b).ok_or(UsccError::Charset {
            position: i + 1,
            ch: b as char,
        })?;
        sum += v * w;
    }
    let c = (31 - sum % 31) % 31;
    Ok(CHARSET[c as usize])
}

impl Uscc {
    /// Parses and validates a code. Surrounding white space is ignored and lower-case
    /// letters are accepted (codes are stored upper case).
    pub fn parse(text: &str) -> Result<Self, UsccError> {
        Self::parse_bytes(text.trim().as_bytes())
    }

    /// Like [`Uscc::parse`] over bytes (no trimming).
    pub fn parse_bytes(bytes: &[u8]) -> Result<Self, UsccError> {
        if bytes.len() != 18 {
            // Count characters, not bytes, for the message.
            let n = std::str::from_utf8(bytes)
                .map(|s| s.chars().count())
                .unwrap_or(bytes.len());
            return Err(UsccError::Length(n));
        }
        let mut code = [0u8; 18];
        let mut sum = 0u32;
        for (i, &b) in bytes.iter().enumerate() {
            let v = VALUE[b as usize];
            if v == 0 {
                return Err(UsccError::Charset {
                    position: i + 1,
                    ch: b as char,
                });
            }
            if i < 17 {
                sum += u32::from(v - 1) * WEIGHTS[i];
            }
            code[i] = b.to_ascii_uppercase();
        }
        let expected = CHARSET[((31 - sum % 31) % 31) as usize];
        if expected != code[17] {
            return Err(UsccError::CheckDigit {
                found: code[17] as char,
                expected: expected as char,
            });
        }
        Ok(Uscc(code))
    }

    /// Builds a valid code from 17 symbols by appending the check digit.
    pub fn with_check_digit(first17: &[u8; 17]) -> Result<Self, UsccError> {
        let mut code = [0u8; 18];
        code[..17].copy_from_slice(first17);
        code[17] = check_digit(first17)?;
        Ok(Uscc(code))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII symbols from CHARSET are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("??????????????????")
    }

    /// The 18 bytes of the code.
    pub fn as_bytes(&self) -> &[u8; 18] {
        &self.0
    }

    /// The code packed into 90 bits (5 bits a symbol): a cheap hash-map key.
    pub fn packed(&self) -> u128 {
        self.0.iter().fold(0u128, |acc, &b| {
            (acc << 5) | u128::from(VALUE[b as usize].saturating_sub(1))
        })
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uscc({})", self.as_str())
    }
}

impl serde::Serialize for Uscc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Uscc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Uscc::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_table_matches_the_charset_ranges() {
        for b in 0..=255u8 {
            assert_eq!(symbol_value(b), symbol_value_by_ranges(b), "byte {b}");
            assert_eq!(
                VALUE[b as usize] != 0,
                symbol_value_by_ranges(b.to_ascii_uppercase()).is_some(),
                "byte {b}"
            );
        }
    }

    #[test]
    fn real_codes_validate() {
        for code in ["914403001922038216", "91330100716105852F"] {
            assert_eq!(Uscc::parse(code).unwrap().as_str(), code);
        }
    }

    #[test]
    fn lower_case_is_normalised() {
        assert_eq!(
            Uscc::parse(" 91330100716105852f ").unwrap().as_str(),
            "91330100716105852F"
        );
    }

    #[test]
    fn wrong_check_digit_names_both() {
        assert_eq!(
            Uscc::parse("914403001922038217"),
            Err(UsccError::CheckDigit {
                found: '7',
                expected: '6'
            })
        );
    }

    #[test]
    fn bad_charset_and_length() {
        assert_eq!(
            Uscc::parse("91440300192203821I"),
            Err(UsccError::Charset {
                position: 18,
                ch: 'I'
            })
        );
        assert_eq!(Uscc::parse("9144"), Err(UsccError::Length(4)));
        assert_eq!(Uscc::parse("统一社会信用代码"), Err(UsccError::Length(8)));
    }

    #[test]
    fn check_digit_31_maps_to_zero() {
        // Find a 17-symbol prefix whose sum is a multiple of 31 and check it ends in '0'.
        let mut p = *b"91440300192203820";
        for last in CHARSET {
            p[16] = *last;
            let sum: u32 = p
                .iter()
                .zip(WEIGHTS)
                .map(|(&b, w)| symbol_value(b).unwrap() * w)
                .sum();
            if sum.is_multiple_of(31) {
                assert_eq!(Uscc::with_check_digit(&p).unwrap().as_bytes()[17], b'0');
                return;
            }
        }
        panic!("no prefix with sum ≡ 0 found");
    }

    #[test]
    fn symbol_values_cover_charset_in_order() {
        for (i, &b) in CHARSET.iter().enumerate() {
            assert_eq!(symbol_value(b), Some(i as u32));
        }
        for b in [b'I', b'O', b'S', b'V', b'Z', b'a', b'-'] {
            assert_eq!(symbol_value(b), None);
        }
    }
}
