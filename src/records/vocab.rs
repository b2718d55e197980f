//! Closed vocabularies of the records (entity types, statuses, penalty kinds, results…).
//!
//! Each vocabulary is an enum with a stable English code (used in JSON and the CLI), the
//! Chinese term of the national systems, and the spellings accepted on input. Matching is on
//! the trimmed text, case-insensitive for the English codes.

macro_rules! vocab {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $var:ident = ($code:literal, $zh:literal $(, $alias:literal)*) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $name {
            $( $(#[$vmeta])* $var ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The stable English code.
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),+ }
            }

            /// The Chinese term.
            pub fn zh(self) -> &'static str {
                match self { $($name::$var => $zh),+ }
            }

            /// The English term (the code in words, see [`english`]).
            pub fn en(self) -> &'static str {
                english(stringify!($name), self.code())
            }

            /// Parses the English code, the Chinese term or an accepted variant.
            pub fn parse(text: &str) -> Option<Self> {
                let t = text.trim();
                $(
                    if t.eq_ignore_ascii_case($code) || t == $zh $(|| t == $alias)* {
                        return Some($name::$var);
                    }
                )+
                None
            }

            /// The accepted spellings, for error messages and documentation.
            pub fn accepted() -> String {
                let mut out = Vec::new();
                $( out.push(format!("{}/{}", $zh, $code)); )+
                out.join(", ")
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| serde::de::Error::custom(format!(
                    "unknown {} {:?}; accepted: {}", stringify!($name), s, $name::accepted()
                )))
            }
        }
    };
}

/// The English term of a vocabulary's value: the code in words, with the few codes that say
/// too little on their own spelled out.
pub fn english(vocabulary: &str, code: &'static str) -> &'static str {
    match (vocabulary, code) {
        ("EntityType", "sole_proprietorship") => "sole proprietorship",
        ("EntityType", "individual") => "individual business",
        ("RegStatus", "moved_out") => "moved out",
        ("RegStatus", "revoked") => "business licence revoked",
        ("LicenceStatus", "cancelled") => "cancelled",
        ("Procedure", "general") => "general procedure",
        ("Procedure", "simple") => "simplified procedure",
        ("PenaltyKind", "criticism") => "public criticism",
        ("PenaltyKind", "confiscation") => "confiscation",
        ("PenaltyKind", "suspension") => "licence suspended",
        ("PenaltyKind", "demotion") => "qualification lowered",
        ("PenaltyKind", "licence_revoked") => "licence revoked",
        ("PenaltyKind", "business_licence_revoked") => "business licence revoked",
        ("PenaltyKind", "restrict_operation") => "operation restricted",
        ("PenaltyKind", "suspend_operation") => "production or business suspended",
        ("PenaltyKind", "restrict_practice") => "practice restricted",
        ("Domain", "special_equipment") => "special equipment",
        ("Domain", "product_quality") => "product quality",
        ("Domain", "unfair_competition") => "unfair competition",
        ("Domain", "consumer") => "consumer rights",
        ("Domain", "metrology") => "metrology, standards, certification",
        ("InspectionKind", "random") => "random check",
        ("InspectionKind", "targeted") => "targeted check",
        ("InspectionKind", "campaign") => "campaign check",
        ("InspectionKind", "complaint") => "complaint check",
        ("InspectionKind", "routine") => "routine check",
        ("InspectionResult", "no_problem") => "no problem found",
        ("InspectionResult", "no_activity") => "no activity of the check found",
        ("InspectionResult", "problem_corrected") => "problem found, ordered corrected",
        ("InspectionResult", "problem_pending") => "problem found, follow-up pending",
        ("InspectionResult", "not_published") => "required information not published",
        ("InspectionResult", "false_information") => "false published information",
        ("InspectionResult", "unreachable") => "unreachable at the registered address",
        ("InspectionResult", "obstruction") => "serious refusal to cooperate",
        ("InspectionResult", "closed") => "deregistered, revoked or moved out",
        ("ListKind", "abnormal") => "abnormal-operations list",
        ("ListKind", "serious") => "serious violations list",
        ("ListReason", "no_annual_report") => "no annual report filed",
        ("ListReason", "instant_info") => "instant information not published",
        ("ListReason", "false_information") => "false published information",
        ("ListReason", "unreachable") => "unreachable at the registered address",
        ("ListReason", "name_change") => "name change not registered",
        ("ListReason", "heavy_penalty") => "heavier administrative penalty",
        ("ListReason", "abnormal_three_years") => "3 years on the abnormal-operations list",
        ("CommitmentOutcome", "pending") => "to be verified",
        ("CommitmentOutcome", "kept") => "commitment kept",
        ("CommitmentOutcome", "broken") => "commitment broken",
        ("CommitmentOutcome", "false") => "false commitment",
        _ => code,
    }
}

vocab! {
    /// 市场主体类型: the legal form of a market entity.
    EntityType {
        /// 公司 (limited or joint-stock company).
        Company = ("company", "公司", "有限责任公司", "股份有限公司", "企业法人"),
        /// 个体工商户.
        Individual = ("individual", "个体工商户", "个体户", "个体"),
        /// 农民专业合作社.
        Cooperative = ("cooperative", "农民专业合作社", "合作社"),
        /// 合伙企业.
        Partnership = ("partnership", "合伙企业"),
        /// 个人独资企业.
        SoleProprietorship = ("sole_proprietorship", "个人独资企业"),
        /// 分支机构 (branch).
        Branch = ("branch", "分支机构", "分公司"),
        /// Any other form.
        Other = ("other", "其他"),
    }
}

vocab! {
    /// 登记状态: registration status.
    RegStatus {
        /// 存续 / 在业 / 开业: operating.
        Active = ("active", "存续", "在业", "开业", "在营"),
        /// 吊销 (business licence revoked).
        Revoked = ("revoked", "吊销", "吊销未注销"),
        /// 注销 (deregistered).
        Deregistered = ("deregistered", "注销"),
        /// 迁出 (moved out of the district).
        MovedOut = ("moved_out", "迁出"),
        /// 歇业 / 停业: registered, not operating for a time.
        Suspended = ("suspended", "歇业", "停业"),
        /// 清算中: being wound up.
        Liquidating = ("liquidating", "清算中", "清算"),
        /// Any other status (as written in the file).
        Other = ("other", "其他"),
    }
}

impl RegStatus {
    /// Whether the entity is still registered, so it is classified and drawn for inspection:
    /// operating, suspended (歇业), being wound up, or another status [P]. Revoked,
    /// deregistered and moved-out entities are not.
    pub fn is_active(self) -> bool {
        !matches!(
            self,
            RegStatus::Revoked | RegStatus::Deregistered | RegStatus::MovedOut
        )
    }
}

vocab! {
    /// 许可状态: licence status.
    LicenceStatus {
        /// 有效.
        Valid = ("valid", "有效"),
        /// 注销 (surrendered or lapsed).
        Cancelled = ("cancelled", "注销"),
        /// 撤销 (withdrawn by the authority).
        Withdrawn = ("withdrawn", "撤销"),
        /// 吊销 (revoked as a penalty).
        Revoked = ("revoked", "吊销"),
    }
}

vocab! {
    /// 程序类型: the procedure a penalty decision followed.
    Procedure {
        /// 普通程序.
        General = ("general", "普通", "普通程序", "一般程序"),
        /// 简易程序 (on-the-spot).
        Simple = ("simple", "简易", "简易程序"),
    }
}

vocab! {
    /// 处罚种类: one kind of administrative penalty (a decision may combine several).
    PenaltyKind {
        /// 警告.
        Warning = ("warning", "警告"),
        /// 通报批评.
        Criticism = ("criticism", "通报批评"),
        /// 罚款.
        Fine = ("fine", "罚款"),
        /// 没收违法所得、没收非法财物.
        Confiscation = ("confiscation", "没收", "没收违法所得", "没收非法财物", "没收违法所得、没收非法财物"),
        /// 暂扣许可证件.
        Suspension = ("suspension", "暂扣", "暂扣许可证件"),
        /// 降低资质等级.
        Demotion = ("demotion", "降低资质等级", "降级"),
        /// 吊销许可证件.
        LicenceRevoked = ("licence_revoked", "吊销许可证件", "吊销许可证"),
        /// 吊销营业执照.
        BusinessLicenceRevoked = ("business_licence_revoked", "吊销营业执照"),
        /// 限制开展生产经营活动.
        RestrictOperation = ("restrict_operation", "限制开展生产经营活动", "限制经营"),
        /// 责令停产停业.
        SuspendOperation = ("suspend_operation", "责令停产停业", "停产停业"),
        /// 责令关闭.
        Closure = ("closure", "责令关闭", "关闭"),
        /// 限制从业.
        RestrictPractice = ("restrict_practice", "限制从业"),
    }
}

impl PenaltyKind {
    /// Whether this kind makes a decision a 较重行政处罚 on its own (docs/RULES.md §5).
    pub fn is_heavy(self) -> bool {
        matches!(
            self,
            PenaltyKind::Demotion
                | PenaltyKind::LicenceRevoked
                | PenaltyKind::BusinessLicenceRevoked
                | PenaltyKind::RestrictOperation
                | PenaltyKind::SuspendOperation
                | PenaltyKind::Closure
                | PenaltyKind::RestrictPractice
        )
    }
}

/// What one part of a 处罚种类 cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// A kind of penalty on the enterprise.
    Kind(PenaltyKind),
    /// 行政拘留: a person's, not the enterprise's (see [`PenaltyKinds::parse`]).
    Detention,
}

/// Whether a text is only an amount (`5000元`, `人民币5,000.00元`, `2万元`).
fn is_amount(t: &str) -> bool {
    let t = t.trim_start_matches("人民币");
    let t = t.trim_end_matches('元').trim_end_matches('万');
    !t.is_empty()
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

impl PenaltyKind {
    /// Reads one kind as decisions and exports write it: the term, its variants, and the
    /// usual long forms — a leading 给予/处以/并处/处 (`处以罚款`), an amount after it
    /// (`罚款5000元`, `没收违法所得1200元`), and a named licence (`吊销食品经营许可证`,
    /// `暂扣药品经营许可证`).
    fn read(part: &str) -> Option<Read> {
        let mut t = part.trim();
        for lead in ["给予", "处以", "并处", "处"] {
            if let Some(rest) = t.strip_prefix(lead) {
                if !rest.is_empty() {
                    t = rest;
                    break;
                }
            }
        }
        if t == "行政拘留" || t == "拘留" {
            return Some(Read::Detention);
        }
        if let Some(k) = PenaltyKind::parse(t) {
            return Some(Read::Kind(k));
        }
        // A kind followed by its amount.
        for (term, k) in [
            ("罚款", PenaltyKind::Fine),
            ("没收违法所得", PenaltyKind::Confiscation),
            ("没收非法财物", PenaltyKind::Confiscation),
            ("没收", PenaltyKind::Confiscation),
        ] {
            if let Some(rest) = t.strip_prefix(term) {
                if is_amount(rest.trim()) {
                    return Some(Read::Kind(k));
                }
            }
        }
        let k = match t {
            "责令停业" | "责令停产" | "停业整顿" | "责令停业整顿" | "责令停产整顿" => {
                PenaltyKind::SuspendOperation
            }
            "限制生产经营活动" | "限制生产经营" => PenaltyKind::RestrictOperation,
            "吊销执照" => PenaltyKind::BusinessLicenceRevoked,
            _ if t.starts_with("吊销") && t.contains("许可") => PenaltyKind::LicenceRevoked,
            _ if t.starts_with("暂扣") && t.contains("许可") => PenaltyKind::Suspension,
            _ if t.starts_with("降低") && t.contains("资质") => PenaltyKind::Demotion,
            _ if t.starts_with("限制从业") || t.starts_with("限制从事") => {
                PenaltyKind::RestrictPractice
            }
            _ => return None,
        };
        Some(Read::Kind(k))
    }
}

/// A set of penalty kinds, as one decision may impose several.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PenaltyKinds(u16);

impl PenaltyKinds {
    /// The empty set.
    pub const EMPTY: PenaltyKinds = PenaltyKinds(0);

    /// Adds a kind.
    pub fn insert(&mut self, k: PenaltyKind) {
        self.0 |= 1 << (k as u8);
    }

    /// Whether the set holds `k`.
    pub fn contains(self, k: PenaltyKind) -> bool {
        self.0 & (1 << (k as u8)) != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The set as bits, one per [`PenaltyKind`] (bit `k as u8`).
    pub fn bits(self) -> u16 {
        self.0
    }

    /// The kinds in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = PenaltyKind> {
        PenaltyKind::ALL
            .iter()
            .copied()
            .filter(move |k| self.contains(*k))
    }

    /// Whether any kind is heavy (see [`PenaltyKind::is_heavy`]).
    pub fn any_heavy(self) -> bool {
        self.iter().any(PenaltyKind::is_heavy)
    }

    /// Whether the decision is a warning and nothing else.
    pub fn warning_only(self) -> bool {
        self.0 == 1 << (PenaltyKind::Warning as u8)
    }

    /// Parses a list as offices write it: `警告;罚款`, `罚款、没收违法所得`, `罚款/没收违法所得`,
    /// `警告 罚款` — separated by any of `;` `；` `、` `,` `，` `/` `／` `|` or white space —
    /// with the kinds of the Administrative Penalty Law 第九条 in their usual long forms
    /// ([`PenaltyKind::read`]: `处以罚款`, `罚款5000元`, `吊销食品经营许可证`…). A bare amount
    /// after a fine or a confiscation (`罚款 5000元`) belongs to it. 行政拘留 (第九条(五)) falls
    /// on a natural person and is decided by the public-security organ, never on an enterprise
    /// by a market-regulation bureau: it is recognised and left out of the set (a cell naming
    /// nothing else is empty, and the row is rejected as missing its kinds).
    /// Returns the first part that is not a known kind as the error.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut set = PenaltyKinds::EMPTY;
        for part in text.split(is_list_separator) {
            let p = part.trim();
            if p.is_empty() {
                continue;
            }
            match PenaltyKind::read(p) {
                Some(Read::Kind(k)) => set.insert(k),
                Some(Read::Detention) => {}
                None if is_amount(p)
                    && (set.contains(PenaltyKind::Fine)
                        || set.contains(PenaltyKind::Confiscation)) => {}
                None => return Err(p.to_string()),
            }
        }
        Ok(set)
    }

    /// The kinds joined with `;` as Chinese terms.
    pub fn to_zh(self) -> String {
        self.iter().map(|k| k.zh()).collect::<Vec<_>>().join(";")
    }

    /// The kinds joined with `; ` as English terms.
    pub fn to_en(self) -> String {
        self.iter().map(|k| k.en()).collect::<Vec<_>>().join("; ")
    }
}

vocab! {
    /// 违法领域: the field of law a violation belongs to.
    Domain {
        /// 食品.
        Food = ("food", "食品", "食品安全"),
        /// 药品 (including medical devices and cosmetics).
        Drugs = ("drugs", "药品", "药品安全", "医疗器械", "化妆品"),
        /// 特种设备.
        SpecialEquipment = ("special_equipment", "特种设备"),
        /// 产品质量 / 工业产品.
        ProductQuality = ("product_quality", "产品质量", "工业产品"),
        /// 价格.
        Price = ("price", "价格"),
        /// 广告.
        Advertising = ("advertising", "广告"),
        /// 不正当竞争 / 反垄断.
        UnfairCompetition = ("unfair_competition", "不正当竞争", "反不正当竞争", "垄断"),
        /// 消费者权益.
        Consumer = ("consumer", "消费者权益", "侵害消费者权益"),
        /// 登记注册.
        Registration = ("registration", "登记注册", "登记"),
        /// 计量、标准、认证.
        Metrology = ("metrology", "计量", "标准", "认证认可"),
        /// Any other field.
        Other = ("other", "其他"),
    }
}

vocab! {
    /// 检查类型: why an inspection took place.
    InspectionKind {
        /// 双随机 (random draw).
        Random = ("random", "双随机", "双随机抽查", "随机抽查"),
        /// 定向 (targeted draw).
        Targeted = ("targeted", "定向", "定向抽查"),
        /// 专项 (campaign).
        Campaign = ("campaign", "专项", "专项检查"),
        /// 投诉核查 (complaint follow-up).
        Complaint = ("complaint", "投诉核查", "投诉举报核查"),
        /// 日常 / other.
        Routine = ("routine", "日常检查", "日常", "其他"),
    }
}

vocab! {
    /// 检查结果: the result categories of the national publicity system.
    InspectionResult {
        /// 未发现问题.
        NoProblem = ("no_problem", "未发现问题", "正常"),
        /// 未发现开展本次抽查涉及的经营活动.
        NoActivity = ("no_activity", "未发现开展本次抽查涉及的经营活动"),
        /// 发现问题已责令改正.
        ProblemCorrected = ("problem_corrected", "发现问题已责令改正"),
        /// 发现问题待后续处理.
        ProblemPending = ("problem_pending", "发现问题待后续处理"),
        /// 未按规定公示应当公示的信息.
        NotPublished = ("not_published", "未按规定公示应当公示的信息"),
        /// 公示信息隐瞒真实情况弄虚作假.
        FalseInformation = ("false_information", "公示信息隐瞒真实情况弄虚作假", "公示信息隐瞒真实情况、弄虚作假"),
        /// 通过登记的住所(经营场所)无法联系.
        Unreachable = ("unreachable", "通过登记的住所(经营场所)无法联系", "通过登记的住所（经营场所）无法联系", "通过登记的住所无法联系", "无法联系"),
        /// 不予配合情节严重.
        Obstruction = ("obstruction", "不予配合情节严重"),
        /// 已注销 / 已吊销 / 已迁出.
        Closed = ("closed", "已注销", "已吊销", "已迁出", "已注销/已吊销/已迁出"),
    }
}

impl InspectionResult {
    /// Whether the inspection found a problem of the enterprise's own making.
    pub fn found_problem(self) -> bool {
        matches!(
            self,
            InspectionResult::ProblemCorrected
                | InspectionResult::ProblemPending
                | InspectionResult::NotPublished
                | InspectionResult::FalseInformation
                | InspectionResult::Obstruction
        )
    }
}

vocab! {
    /// 名单类型: which list an entry is on.
    ListKind {
        /// 经营异常名录 (or, for individual businesses, 标记经营异常状态).
        Abnormal = ("abnormal", "经营异常名录", "经营异常", "标记经营异常状态", "异常名录"),
        /// 严重违法失信名单.
        Serious = ("serious", "严重违法失信名单", "严重违法失信", "严重违法失信企业名单", "黑名单"),
    }
}

vocab! {
    /// 列入原因: why an entity was put on a list.
    ListReason {
        /// 未按规定报送年度报告.
        NoAnnualReport = ("no_annual_report", "未按规定报送年度报告", "未按时报送年报", "未报送年报", "未按照规定期限公示年度报告"),
        /// 未在责令期限内公示即时信息.
        InstantInfo = ("instant_info", "未在责令期限内公示即时信息", "未公示即时信息"),
        /// 公示信息隐瞒真实情况、弄虚作假 (an abnormal-list reason for enterprises until SAMR
        /// Order 101, 2025).
        FalseInformation = ("false_information", "公示信息隐瞒真实情况弄虚作假", "公示信息隐瞒真实情况、弄虚作假"),
        /// 通过登记的住所(经营场所)无法联系.
        Unreachable = ("unreachable", "通过登记的住所(经营场所)无法联系", "通过登记的住所（经营场所）无法联系", "通过登记的住所无法联系", "无法联系"),
        /// 未依照《企业名称登记管理规定》第二十三条规定办理企业名称变更登记 (an abnormal-list
        /// reason from SAMR Order 101, 2025).
        NameChange = ("name_change", "未依法办理企业名称变更登记", "未办理企业名称变更登记", "未按规定办理企业名称变更登记"),
        /// 较重行政处罚 (serious list).
        HeavyPenalty = ("heavy_penalty", "受到较重行政处罚", "较重行政处罚"),
        /// 列入经营异常名录届满3年 (moved to the serious list).
        AbnormalThreeYears = ("abnormal_three_years", "列入经营异常名录届满3年", "经营异常名录届满三年"),
        /// Any other reason.
        Other = ("other", "其他"),
    }
}

vocab! {
    /// 核查结果: how a 告知承诺 commitment turned out.
    CommitmentOutcome {
        /// 待核查: not verified yet.
        Pending = ("pending", "待核查", "未核查"),
        /// 履行承诺: kept.
        Kept = ("kept", "履行承诺", "已履行", "履行", "符合承诺"),
        /// 未履行承诺: broken.
        Broken = ("broken", "未履行承诺", "未履行", "不符合承诺"),
        /// 虚假承诺: false.
        False = ("false", "虚假承诺", "虚假"),
    }
}

vocab! {
    /// 投诉类型: complaint or report.
    ComplaintKind {
        /// 投诉 (by a consumer about their own dispute).
        Complaint = ("complaint", "投诉"),
        /// 举报 (a report of a violation).
        Report = ("report", "举报"),
    }
}

/// Whether `c` separates the entries of a list written in one cell: any of `;` `；` `、` `,`
/// `，` `/` `／` `|` `｜` or white space (the separators of 处罚种类, see
/// [`PenaltyKinds::parse`]).
pub fn is_list_separator(c: char) -> bool {
    matches!(c, ';' | '；' | '、' | ',' | '，' | '/' | '／' | '|' | '｜') || c.is_whitespace()
}

/// The entries of a list written in one cell (`食品安全、特种设备`, `C;F52`,
/// `914403001922038216，某某餐饮店`): split at [`is_list_separator`] — but not inside brackets,
/// so `股份有限公司（上市、自然人投资或控股）` stays one entry — each trimmed, empty ones left
/// out.
pub fn split_list(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' | '[' | '【' | '〔' | '［' => depth += 1,
            ')' | '）' | ']' | '】' | '〕' | '］' => depth = depth.saturating_sub(1),
            _ if depth == 0 && is_list_separator(c) => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out.retain(|p| !p.trim().is_empty());
    out.iter_mut().for_each(|p| *p = p.trim());
    out
}

/// Parses 是/否, Y/N, true/false, 1/0 (case-insensitive); `None` when none of these.
pub fn parse_bool(text: &str) -> Option<bool> {
    let t = text.trim();
    match t {
        "是" | "1" | "已" | "有" => Some(true),
        "否" | "0" | "未" | "无" => Some(false),
        _ if t.eq_ignore_ascii_case("y")
            || t.eq_ignore_ascii_case("yes")
            || t.eq_ignore_ascii_case("true") =>
        {
            Some(true)
        }
        _ if t.eq_ignore_ascii_case("n")
            || t.eq_ignore_ascii_case("no")
            || t.eq_ignore_ascii_case("false") =>
        {
            Some(false)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_at_any_separator_outside_brackets() {
        assert_eq!(
            split_list(" 食品安全、特种设备;;计量 ／广告 "),
            ["食品安全", "特种设备", "计量", "广告"]
        );
        assert_eq!(
            split_list("股份有限公司（上市、自然人投资或控股），个体工商户"),
            ["股份有限公司（上市、自然人投资或控股）", "个体工商户"]
        );
        assert_eq!(split_list("a(b,c))d,e"), ["a(b,c))d", "e"]);
        assert!(split_list(" ；、 ").is_empty());
        assert!(split_list("").is_empty());
    }

    #[test]
    fn vocab_parses_code_term_and_alias() {
        assert_eq!(EntityType::parse("个体户"), Some(EntityType::Individual));
        assert_eq!(EntityType::parse(" COMPANY "), Some(EntityType::Company));
        assert_eq!(RegStatus::parse("在业"), Some(RegStatus::Active));
        assert_eq!(RegStatus::parse("歇业"), Some(RegStatus::Suspended));
        assert_eq!(RegStatus::parse("营业执照丢失"), None);
        assert_eq!(
            InspectionResult::parse("通过登记的住所（经营场所）无法联系"),
            Some(InspectionResult::Unreachable)
        );
    }

    #[test]
    fn penalty_kinds_set() {
        let k = PenaltyKinds::parse("警告；罚款、没收违法所得").unwrap();
        assert!(k.contains(PenaltyKind::Warning) && k.contains(PenaltyKind::Fine));
        assert!(k.contains(PenaltyKind::Confiscation));
        assert!(!k.any_heavy() && !k.warning_only());
        assert!(PenaltyKinds::parse("警告").unwrap().warning_only());
        assert!(PenaltyKinds::parse("责令停产停业").unwrap().any_heavy());
        assert_eq!(
            PenaltyKinds::parse("罚款;打屁股"),
            Err("打屁股".to_string())
        );
        assert_eq!(k.to_zh(), "警告;罚款;没收");
    }

    #[test]
    fn penalty_kinds_as_offices_write_them() {
        use PenaltyKind::*;
        let set = |t: &str| PenaltyKinds::parse(t).map(|k| k.iter().collect::<Vec<_>>());
        for t in [
            "罚款/没收违法所得",
            "罚款／没收违法所得",
            "罚款 没收违法所得",
            "罚款\u{3000}没收违法所得",
            "罚款，没收违法所得",
            "罚款,没收违法所得",
            "罚款；没收违法所得",
            "罚款;没收违法所得",
            "罚款、没收违法所得",
            "处以罚款、没收违法所得",
            "罚款5000元；没收违法所得1200元",
            "罚款 5000元 没收违法所得",
        ] {
            assert_eq!(set(t), Ok(vec![Fine, Confiscation]), "{t}");
        }
        // Administrative Penalty Law 第九条, every kind in its statutory words.
        let all = "警告、通报批评；罚款、没收违法所得、没收非法财物；暂扣许可证件、降低资质等级、\
                   吊销许可证件；限制开展生产经营活动、责令停产停业、责令关闭、限制从业";
        let k = PenaltyKinds::parse(all).unwrap();
        for want in [
            Warning,
            Criticism,
            Fine,
            Confiscation,
            Suspension,
            Demotion,
            LicenceRevoked,
            RestrictOperation,
            SuspendOperation,
            Closure,
            RestrictPractice,
        ] {
            assert!(k.contains(want), "{want:?}");
        }
        assert_eq!(set("给予警告"), Ok(vec![Warning]));
        assert_eq!(set("吊销食品经营许可证"), Ok(vec![LicenceRevoked]));
        assert_eq!(set("暂扣药品经营许可证"), Ok(vec![Suspension]));
        assert_eq!(set("责令停业整顿"), Ok(vec![SuspendOperation]));
        // 行政拘留 falls on a person: left out, and alone it leaves nothing.
        assert_eq!(set("罚款;行政拘留"), Ok(vec![Fine]));
        assert_eq!(set("行政拘留"), Ok(vec![]));
        // A bare amount belongs to a fine before it, and is nothing on its own.
        assert_eq!(set("5000元"), Err("5000元".to_string()));
        assert_eq!(set("罚款/打屁股"), Err("打屁股".to_string()));
    }

    #[test]
    fn booleans() {
        for t in ["是", "Y", "true", "1", "YES"] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for t in ["否", "n", "False", "0"] {
            assert_eq!(parse_bool(t), Some(false), "{t}");
        }
        assert_eq!(parse_bool("maybe"), None);
    }

    #[test]
    fn serde_round_trip_uses_codes() {
        let j = serde_json::to_string(&Domain::SpecialEquipment).unwrap();
        assert_eq!(j, "\"special_equipment\"");
        let d: Domain = serde_json::from_str("\"特种设备\"").unwrap();
        assert_eq!(d, Domain::SpecialEquipment);
        assert!(serde_json::from_str::<Domain>("\"x\"").is_err());
    }
}
