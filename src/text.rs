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
        Some(c) if formula_start(c) => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

fn formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠'
    )
}

/// [`formula_safe`] for a file the program reads back (the audit trail): a text beginning with
/// `'` also gets one, so [`formula_restore`] can take exactly the `'` added and no other. The
/// spreadsheet shows the text as before, with the `'` in front.
pub fn formula_safe_reversible(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some(c) if c == '\'' || formula_start(c) => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// The text [`formula_safe_reversible`] was given: one leading `'` taken off when what follows
/// begins with a formula character or another `'` (the only cases it adds one).
pub fn formula_restore(s: &str) -> Cow<'_, str> {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c: char| c == '\'' || formula_start(c)) => {
            Cow::Borrowed(rest)
        }
        _ => Cow::Borrowed(s),
    }
}

/// Whether `s` holds a CJK character (ideographs, CJK punctuation, full-width forms): what
/// an English text must not.
pub fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c as u32,
            0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F
            | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
    })
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

    #[test]
    fn reversible_form_restores_exactly() {
        for t in [
            "=1+1", "+86", "-", "@x", "\tx", "\rx", "＝x", "'", "'=x", "''", "'abc", "abc", "",
            "李四", "a'=b",
        ] {
            let safe = formula_safe_reversible(t);
            assert!(!safe.starts_with(|c: char| formula_start(c)), "{t:?}");
            assert_eq!(formula_restore(&safe), t, "{t:?}");
        }
        assert_eq!(formula_safe_reversible("'abc"), "''abc");
        assert_eq!(formula_restore("'abc"), "'abc");
    }
}
