//! Risk classes A–D.

use serde::{Deserialize, Serialize};

/// A credit-risk class (企业信用风险分类). An internal reference for allocating inspections,
/// not a public rating (docs/RULES.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[repr(u8)]
pub enum Class {
    /// 低风险 (low risk).
    A = 1,
    /// 一般风险 (general risk).
    B = 2,
    /// 较高风险 (higher risk).
    C = 3,
    /// 高风险 (high risk).
    D = 4,
}

impl Class {
    /// All classes, lowest risk first.
    pub const ALL: [Class; 4] = [Class::A, Class::B, Class::C, Class::D];

    /// The letter.
    pub fn letter(self) -> &'static str {
        match self {
            Class::A => "A",
            Class::B => "B",
            Class::C => "C",
            Class::D => "D",
        }
    }

    /// The Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            Class::A => "A类（低风险）",
            Class::B => "B类（一般风险）",
            Class::C => "C类（较高风险）",
            Class::D => "D类（高风险）",
        }
    }

    /// What no class means, in Chinese: inactive entities are not classified.
    pub const UNCLASSIFIED_ZH: &'static str = "未分类（注销、吊销、迁出）";
    /// What no class means, in English.
    pub const UNCLASSIFIED_EN: &'static str = "not classified (deregistered, revoked, moved out)";

    /// The risk level in Chinese (低风险…), as the page names a class beside its letter.
    pub fn risk_zh(self) -> &'static str {
        match self {
            Class::A => "低风险",
            Class::B => "一般风险",
            Class::C => "较高风险",
            Class::D => "高风险",
        }
    }

    /// The risk level in English.
    pub fn risk_en(self) -> &'static str {
        match self {
            Class::A => "low risk",
            Class::B => "general risk",
            Class::C => "higher risk",
            Class::D => "high risk",
        }
    }

    /// The class of a letter A–D (either case, spaces around ignored).
    pub fn from_letter(text: &str) -> Option<Class> {
        Class::ALL
            .into_iter()
            .find(|c| c.letter().eq_ignore_ascii_case(text.trim()))
    }

    /// The class of a code 1–4 (0 and others: none).
    pub fn from_code(code: u8) -> Option<Class> {
        match code {
            1 => Some(Class::A),
            2 => Some(Class::B),
            3 => Some(Class::C),
            4 => Some(Class::D),
            _ => None,
        }
    }

    /// Index 0–3.
    pub fn index(self) -> usize {
        self as usize - 1
    }
}

/// The code of an optional class: 0 for none, 1–4 for A–D.
pub fn class_code(c: Option<Class>) -> u8 {
    c.map_or(0, |c| c as u8)
}

/// The letter of an optional class, `-` for none.
pub fn class_letter(c: Option<Class>) -> &'static str {
    c.map_or("-", Class::letter)
}
