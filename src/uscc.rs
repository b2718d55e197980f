//! 统一社会信用代码 (Unified Social Credit Code, USCC) per GB 32100-2015.
//!
//! An USCC is 18 characters from the charset `0123456789ABCDEFGHJKLMNPQRTUWXY` (31 symbols,
//! no I, O, S, V, Z). The 18th character is a check digit over the first 17 with the weights
//! `1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28`: check = 31 − (Σ mod 31), where 31 maps
//! to `0`.
//!
//! Its structure is checked too (docs/RULES.md §2.1): position 1 is the registration
//! authority (1–9, A, N or Y), position 2 a category that authority registers (for 9, market
//! regulation: 1 enterprise, 2 individual business, 3 farmers' cooperative), positions 3–8 the
//! authority's region code (six digits; whether GB/T 2260 knows it is for the loaders to warn
//! about, not a reason to refuse), positions 9–17 the entity's identifier.

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
    /// Position 1 is no registration authority of GB 32100.
    #[error("{0:?} at position 1 is no registration authority (1–9, A, N or Y)")]
    Authority(char),
    /// Position 2 is no category the authority of position 1 registers.
    #[error("{category:?} at position 2 is no category that authority {authority:?} registers (it registers {allowed})")]
    Category {
        /// Position 1.
        authority: char,
        /// Position 2.
        category: char,
        /// The categories that authority registers.
        allowed: &'static str,
    },
    /// Positions 3–8 are not a six-digit region code.
    #[error("positions 3–8 ({0}) are not a six-digit region code")]
    Region(String),
}

/// The categories (position 2) each registration authority (position 1) registers, after
/// GB 32100-2015's table [S]: 1 机构编制 (机关, 事业单位, 群众团体, 其他), 2 外交, 3 司法行政,
/// 4 文化, 5 民政 (社会团体, 民办非企业单位, 基金会, 其他), 6 旅游, 7 宗教, 8 工会, 9 工商 /
/// 市场监管 (企业, 个体工商户, 农民专业合作社), A 中央军委改革和编制办公室, N 农业, Y 其他 (1).
fn categories(authority: u8) -> Option<&'static str> {
    Some(match authority {
        b'1' => "1239",
        b'2' => "129",
        b'3' => "1234569",
        b'4' => "19",
        b'5' => "1239",
        b'6' => "129",
        b'7' => "129",
        b'8' => "19",
        b'9' => "123",
        b'A' => "19",
        b'N' => "1239",
        b'Y' => "1",
        _ => return None,
    })
}

/// Checks positions 1–8 of a code whose symbols are already known to be valid.
fn structure(code: &[u8; 18]) -> Result<(), UsccError> {
    let allowed = categories(code[0]).ok_or(UsccError::Authority(code[0] as char))?;
    if !allowed.as_bytes().contains(&code[1]) {
        return Err(UsccError::Category {
            authority: code[0] as char,
            category: code[1] as char,
            allowed,
        });
    }
    if !code[2..8].iter().all(u8::is_ascii_digit) {
        let region = String::from_utf8_lossy(&code[2..8]).into_owned();
        return Err(UsccError::Region(region));
    }
    Ok(())
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
        structure(&code)?;
        Ok(Uscc(code))
    }

    /// Builds a code from 17 symbols by appending the check digit (the structure of positions
    /// 1–8 is not checked: [`Uscc::parse`] checks it).
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

    #[test]
    fn structure_is_checked_after_the_check_digit() {
        let with_check = |first17: &str| {
            let mut b = [0u8; 17];
            b.copy_from_slice(first17.as_bytes());
            Uscc::with_check_digit(&b).unwrap().as_str().to_string()
        };
        // Real codes of enterprises, an individual business and a cooperative pass.
        for ok in [
            "914403001922038216",
            "91330100716105852F",
            &with_check("92420112MA4K00001"),
            &with_check("93420112MA4K00001"),
            &with_check("51420100MJH000001"),
            &with_check("Y1420100000000001"),
        ] {
            assert!(Uscc::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            Uscc::parse(&with_check("B1440300192203821")),
            Err(UsccError::Authority('B'))
        );
        assert!(matches!(
            Uscc::parse(&with_check("94440300192203821")),
            Err(UsccError::Category {
                authority: '9',
                category: '4',
                ..
            })
        ));
        assert_eq!(
            Uscc::parse(&with_check("9144A300192203821")),
            Err(UsccError::Region("44A300".into()))
        );
    }

    #[test]
    fn random_strings_with_a_matching_check_digit_are_mostly_refused() {
        // Of random 17-symbol strings completed with their check digit, the structure lets
        // through only those with a real authority, category and a digit-only region.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 31) as usize
        };
        let mut passed = 0;
        for _ in 0..10_000 {
            let mut b = [0u8; 17];
            for x in &mut b {
                *x = CHARSET[next()];
            }
            if Uscc::parse(Uscc::with_check_digit(&b).unwrap().as_str()).is_ok() {
                passed += 1;
            }
        }
        assert!(passed < 10, "{passed} of 10,000 random codes passed");
    }
}
