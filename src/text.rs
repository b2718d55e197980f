//! Text as bureaus write it and as spreadsheets read it: full-width forms read as their ASCII
//! twins; a text cell that a spreadsheet would take for a formula written so it is not.

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

/// A text cell made safe for a spreadsheet (OWASP, CSV injection): a text beginning with `=`,
/// `+`, `-`, `@`, a tab or a carriage return (or the full-width ＝＋－＠) is written with a
/// leading `'`, so Excel shows it as text instead of evaluating it. Other texts are borrowed.
/// For text cells only: numbers written by the program are never passed through this.
pub fn formula_safe(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => {
            Cow::Owned(format!("'{s}"))
        }
        _ => Cow::Borrowed(s),
    }
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

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for bad in [
            "=1+1",
            "+86",
            "-3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "＝HYPERLINK()",
            "＠x",
        ] {
            assert_eq!(formula_safe(bad), format!("'{bad}"), "{bad:?}");
        }
        assert!(matches!(
            formula_safe("东西湖区"),
            Cow::Borrowed("东西湖区")
        ));
        assert!(matches!(formula_safe(""), Cow::Borrowed("")));
    }
}
