//! Text as bureaus write it: full-width forms read as their ASCII twins.

use std::borrow::Cow;

/// Maps full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space to a space.
/// Borrows when there is nothing to map (the common case).
pub fn halfwidth(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || !s.chars().any(is_fullwidth) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect(),
    )
}

fn is_fullwidth(c: char) -> bool {
    c == '\u{3000}' || ('\u{FF01}'..='\u{FF5E}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fullwidth_maps_to_ascii() {
        assert_eq!(
            halfwidth("９１４４０３００１９２２０３８２１６"),
            "914403001922038216"
        );
        assert_eq!(halfwidth("２０２３年１月５日"), "2023年1月5日");
        assert_eq!(halfwidth("（万元）\u{3000}"), "(万元) ");
        assert!(matches!(halfwidth("plain"), Cow::Borrowed(_)));
    }
}
