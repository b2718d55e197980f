//! The planning inputs that are not records of an enterprise: the inspector roster
//! (执法检查人员名录库) and the item list (抽查事项清单). A district holds a few thousand
//! inspectors and a few hundred items, so they keep their texts as owned strings.

use super::EntityType;
use serde::Serialize;

/// 执法检查人员: one inspector of the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inspector {
    /// 执法证号 (or the roster's own 人员编号): unique in the roster.
    pub id: String,
    /// 姓名.
    pub name: String,
    /// 所属单位/部门: the department the inspector belongs to.
    pub unit: String,
    /// 执法资质/专长: the qualifications held (each as written, trimmed); an item needing a
    /// qualification may only be checked by an inspector holding it.
    pub qualifications: Vec<String>,
    /// 所属区域: the region (street, office) the inspector works in; empty when not given.
    pub region: String,
    /// 回避: enterprises the inspector must not inspect, by USCC (18 characters, upper case).
    pub conflict_usccs: Vec<String>,
    /// 回避: enterprises (by registered name) or units the inspector must not inspect, as
    /// written.
    pub conflict_names: Vec<String>,
    /// 在岗: whether the inspector can be drawn (default yes).
    pub active: bool,
    /// The line of the roster file the inspector was read from (0 when generated).
    pub line: u64,
}

/// 抽查事项: one item of the item list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// 事项编码: unique in the list.
    pub code: String,
    /// 事项名称.
    pub name: String,
    /// 实施部门: the department that checks it.
    pub department: String,
    /// 检查依据: the legal basis, as written.
    pub basis: String,
    /// 检查对象类型: the entity types it applies to (empty: every type).
    pub entity_types: Vec<EntityType>,
    /// 行业代码: GB/T 4754 codes or prefixes it applies to (`F52`, `C`, `F5212`; empty: every
    /// industry). An enterprise matches when its industry code starts with one of them.
    pub industries: Vec<String>,
    /// 许可类别: licence kinds it applies to (empty: no licence needed). An enterprise
    /// matches when it holds a licence of one of these kinds.
    pub licence_kinds: Vec<String>,
    /// 重点检查事项 (`true`) or 一般检查事项.
    pub key: bool,
    /// 所需资质: the qualification an inspector needs to check it (empty: any inspector).
    pub qualification: String,
    /// The line of the item file the item was read from (0 when generated).
    pub line: u64,
}

/// The roster and the item list loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Roster {
    /// Inspectors, in the order read.
    pub inspectors: Vec<Inspector>,
    /// Items, in the order read.
    pub items: Vec<Item>,
}

impl Roster {
    /// Whether neither inspectors nor items are loaded.
    pub fn is_empty(&self) -> bool {
        self.inspectors.is_empty() && self.items.is_empty()
    }
}
