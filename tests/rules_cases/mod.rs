//! Scenario tables of the rules engine, shared by the native tests (`tests/rules_*.rs`) and
//! the wasm tests (`tests/wasm_rules.rs`): a record, an as-of date, the expected answer with
//! its dates — at the boundaries (day before / of / after), across 2025-12-25 (Order 107), and
//! across the 2025 National Day holiday (10-01..10-08 off, Sun 09-28 and Sat 10-11 worked).
#![allow(dead_code)]

/// A company (organisation threshold for fines).
pub const CO: &str = "914403001922038216";
/// A second company.
pub const CO2: &str = "91330100716105852F";
/// An individual business (个体工商户).
pub const IND: &str = "92420112MA4K000015";
/// A company with a false commitment.
pub const CO3: &str = "91420112MA4K00002B";

/// Registration file.
pub fn registrations() -> String {
    format!(
        "uscc,name,entity_type,established,status,region,address\n\
         {CO},甲公司,公司,2010-05-01,存续,吴家山街道,一号\n\
         {CO2},乙食品公司,公司,2015-03-02,存续,径河街道,二号\n\
         {IND},丙商店,个体工商户,2018-03-02,存续,径河街道,三号\n\
         {CO3},丁公司,公司,2012-03-02,存续,径河街道,四号\n"
    )
}

/// Penalty file: CO has a general fine of 60,000 in pricing (2024-03-01); CO2 a food fine
/// (2024-03-01) and a licence revocation (2024-04-01).
pub fn penalties() -> String {
    format!(
        "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated\n\
         {CO},东市监罚〔2024〕1号,2024-03-01,普通,罚款,60000,价格,否,是,是\n\
         {CO2},东市监罚〔2024〕2号,2024-03-01,普通,罚款,80000,食品,否,是,是\n\
         {CO2},东市监罚〔2024〕3号,2024-04-01,普通,吊销许可证件,,食品,否,是,是\n"
    )
}

/// List file: IND marked abnormal (no annual report) on 2023-07-10; CO2 on the serious list
/// on 2024-02-29.
pub fn lists() -> String {
    format!(
        "uscc,list,reason,listed_date,removed_date,authority\n\
         {IND},经营异常名录,未按规定报送年度报告,2023-07-10,,东西湖区市场监督管理局\n\
         {CO2},严重违法失信名单,受到较重行政处罚,2024-02-29,,东西湖区市场监督管理局\n"
    )
}

/// Commitment file: CO3 made a false commitment, verified 2024-05-10.
pub fn commitments() -> String {
    format!(
        "uscc,item,committed_date,due_date,verified_date,outcome\n\
         {CO3},食品经营许可,2024-03-01,2024-05-01,2024-05-10,虚假承诺\n"
    )
}

/// The files, as (name, text).
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("registration.csv", registrations()),
        ("penalty.csv", penalties()),
        ("list_entry.csv", lists()),
        ("commitment.csv", commitments()),
    ]
}

/// (from, working days, due, uncovered years): deadlines in working days.
pub const WORKING_DAYS: &[(&str, u32, &str, &[i32])] = &[
    ("2025-09-26", 1, "2025-09-28", &[]), // Fri → Sun 09-28 is worked (调休)
    ("2025-09-27", 1, "2025-09-28", &[]), // Sat, not worked → Sun 09-28
    ("2025-09-28", 1, "2025-09-29", &[]),
    ("2025-09-29", 1, "2025-09-30", &[]), // day before the holiday
    ("2025-09-30", 1, "2025-10-09", &[]), // across 10-01..10-08
    ("2025-10-01", 1, "2025-10-09", &[]), // from a holiday: not counted
    ("2025-10-08", 1, "2025-10-09", &[]), // last day off
    ("2025-10-10", 1, "2025-10-11", &[]), // Sat 10-11 is worked
    ("2025-10-11", 1, "2025-10-13", &[]),
    ("2025-09-30", 20, "2025-11-04", &[]), // publication deadline of a decision of 09-30
    ("2025-12-25", 7, "2026-01-06", &[]), // Order 107 decision: 2026-01-01..03 off, Sun 01-04 worked
    ("2025-12-24", 15, "2026-01-15", &[]), // 2021 decision deadline
    ("2024-09-01", 15, "2024-09-23", &[]), // Sat 09-14 worked, 09-15..17 off
    ("2026-12-30", 3, "2027-01-04", &[2027]), // 2027: no data, weekends only, said so
    ("2025-10-04", 0, "2025-10-04", &[]),
];

/// (date, kind, working).
pub const DAYS: &[(&str, &str, bool)] = &[
    ("2025-09-27", "weekend", false),
    ("2025-09-28", "swapped_workday", true),
    ("2025-09-30", "workday", true),
    ("2025-10-01", "holiday", false),
    ("2025-10-08", "holiday", false),
    ("2025-10-09", "workday", true),
    ("2025-10-11", "swapped_workday", true),
    ("2025-10-12", "weekend", false),
    ("2020-02-01", "holiday", false), // the 2020 Spring Festival extension
    ("2026-02-28", "swapped_workday", true),
];

/// Publicity of CO's fine (60,000 > 50,000: 3 years under Order 45; 一般 under Order 107, 12
/// months, long past on 2025-12-25, so it stops that day) and CO2's licence revocation (严重,
/// 36 months either way).
/// One publicity scenario: (uscc, decision date, as of, published, months, ends, in force, regime).
pub type PublicityCase = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    u32,
    &'static str,
    bool,
    &'static str,
);

/// See [`PublicityCase`].
pub const PUBLICITY: &[PublicityCase] = &[
    (
        CO,
        "2024-03-01",
        "2024-03-01",
        true,
        36,
        "2027-03-01",
        true,
        "rules2021",
    ),
    (
        CO,
        "2024-03-01",
        "2025-12-24",
        true,
        36,
        "2027-03-01",
        true,
        "rules2021",
    ),
    (
        CO,
        "2024-03-01",
        "2025-12-25",
        true,
        12,
        "2025-12-25",
        false,
        "order107",
    ),
    (
        CO,
        "2024-03-01",
        "2027-03-02",
        true,
        12,
        "2025-12-25",
        false,
        "order107",
    ),
    (
        CO2,
        "2024-04-01",
        "2024-04-01",
        true,
        36,
        "2027-04-01",
        true,
        "rules2021",
    ),
    (
        CO2,
        "2024-04-01",
        "2026-06-01",
        true,
        36,
        "2027-04-01",
        true,
        "order107",
    ),
];

/// Repair of CO's fine (pricing, 6 months under 2021, accepted within 2 working days of the
/// application and decided within 15 of acceptance): (as of, eligible now, earliest, accept
/// by, decision due). From 2025-12-25 Order 107 answers both its publicity and its repair:
/// the publicity ended that day, so there is nothing left to repair.
pub type RepairCase = (&'static str, bool, &'static str, &'static str, &'static str);

/// See [`RepairCase`]; the application is made on the later of the as-of date and the
/// earliest day (Sun 2024-09-01: accepted by Tue 09-03; 15 working days with Sat 09-14 worked
/// and 09-15..17 off; 2025-12-24: accepted by 12-26, then across New Year 2026).
pub const REPAIR_CO: &[RepairCase] = &[
    (
        "2024-08-31",
        false,
        "2024-09-01",
        "2024-09-03",
        "2024-09-25",
    ),
    ("2024-09-01", true, "2024-09-01", "2024-09-03", "2024-09-25"),
    ("2024-09-02", true, "2024-09-01", "2024-09-04", "2024-09-26"),
    ("2025-12-24", true, "2024-09-01", "2025-12-26", "2026-01-19"),
];

/// As-of dates from which CO's fine has no repair option: its publicity ended on 2025-12-25.
pub const REPAIR_CO_ENDED: &[&str] = &["2025-12-25", "2025-12-26", "2026-06-01"];

/// The 经营异常 mark of IND (listed 2023-07-10), objections within 30 days:
/// (as of, objection open).
pub const OBJECTION_WINDOW: &[(&str, bool)] = &[
    ("2023-08-08", true),
    ("2023-08-09", true),
    ("2023-08-10", false),
];

/// CO2 on the serious list since 2024-02-29: (as of, early removal open); early from
/// 2025-02-28 (12 months, end-of-month), period ends 2027-02-28.
pub const SERIOUS_EARLY: &[(&str, bool)] = &[
    ("2025-02-27", false),
    ("2025-02-28", true),
    ("2025-03-01", true),
    ("2027-02-27", true),
    ("2027-02-28", false),
];

/// A company whose pricing fine of 2025-06-10 was revoked on Tuesday 2025-09-30, the day
/// before the 2025 National Day holiday (10-01..10-08 off, Sat 10-11 worked); an earlier
/// pricing fine of 2025-03-01 is repairable after 6 months (2025-09-01).
pub const REV: &str = "91420112MA4K00003E";

/// Registration and penalty files of the revocation scenario (the revocation under the
/// header variant 撤销时间).
pub fn revocation_files() -> Vec<(&'static str, String)> {
    vec![
        (
            "registration.csv",
            format!("uscc,name,established\n{REV},戊公司,2012-01-01\n"),
        ),
        (
            "penalty.csv",
            format!(
                "uscc,decision_no,decision_date,penalty_kinds,fine,domain,fulfilled,harm_eliminated,撤销时间\n\
                 {REV},东市监罚〔2025〕1号,2025-03-01,罚款,60000,价格,是,是,\n\
                 {REV},东市监罚〔2025〕9号,2025-06-10,罚款,100000,价格,是,是,2025-09-30\n"
            ),
        ),
    ]
}

/// The revoked decision's date and the withdrawal deadline: 3 working days after 2025-09-30
/// are 10-09, 10-10 and Saturday 10-11 (调休).
pub const REVOKED_DECISION: &str = "2025-06-10";
/// See [`REVOKED_DECISION`].
pub const WITHDRAW_BY: &str = "2025-10-11";

/// One revocation scenario: (as of, revoked decision still counted in scoring, its publicity
/// withdrawn, it still has a repair option, the earlier fine's no-repeat condition met).
pub type RevocationCase = (&'static str, bool, bool, bool, bool);

/// The day before, of and after the revocation.
pub const REVOCATION: &[RevocationCase] = &[
    ("2025-09-29", true, false, true, false),
    ("2025-09-30", false, true, false, true),
    ("2025-10-01", false, true, false, true),
];

/// Decisions taken under Order 107 (from 2025-12-25), all on Monday 2026-01-05, each graded
/// by 第七条至第九条: CO's pricing fines of exactly 50,000 (轻微: the threshold is inclusive),
/// 50,001 (一般) and 30,000 decided 从重 (一般: never low); a food fine (严重: the field); a
/// licence revocation (严重, never repaired); a restriction of 48 months (严重, published while
/// it runs); IND's pricing fine of 40,000 (轻微: an individual business is a 经营主体, so the
/// 50,000 threshold applies, not Shanghai's 5,000 for persons of the 2021 rules); and a
/// negative inspection result of CO3 (第十条: stops after 3 months by itself).
pub fn order107_files() -> Vec<(&'static str, String)> {
    vec![
        ("registration.csv", registrations()),
        (
            "penalty.csv",
            format!(
                "uscc,decision_no,decision_date,procedure,penalty_kinds,fine,domain,aggravated,fulfilled,harm_eliminated,restriction_months\n\
                 {CO},东市监罚〔2026〕1号,2026-01-05,普通,罚款,50000,价格,否,是,是,\n\
                 {CO},东市监罚〔2026〕2号,2026-01-05,普通,罚款,50001,价格,否,是,是,\n\
                 {CO},东市监罚〔2026〕3号,2026-01-05,普通,罚款,30000,价格,是,是,是,\n\
                 {CO},东市监罚〔2026〕4号,2026-01-05,普通,罚款,80000,食品,否,是,是,\n\
                 {CO},东市监罚〔2026〕5号,2026-01-05,普通,吊销许可证件,,食品,否,是,是,\n\
                 {CO},东市监罚〔2026〕7号,2026-01-05,普通,限制开展生产经营活动,,广告,否,是,是,48\n\
                 {IND},东市监罚〔2026〕6号,2026-01-05,普通,罚款,40000,价格,否,是,是,\n"
            ),
        ),
        (
            "inspection.csv",
            format!(
                "uscc,task_id,inspection_date,inspection_kind,result\n\
                 {CO3},T2026-001,2026-01-05,双随机,发现问题待后续处理\n"
            ),
        ),
    ]
}

/// One Order 107 scenario, as of 2026-04-04 (the last day of the 轻微 ones): (uscc, decision
/// number, grade, period months, publicity ends, repairable, earliest repair, what the repair
/// option's basis ends with).
pub type Order107Case = (
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static str,
    bool,
    Option<&'static str>,
    &'static str,
);

/// See [`order107_files`].
pub const ORDER107: &[Order107Case] = &[
    (
        CO,
        "〔2026〕1号",
        "minor",
        3,
        "2026-04-05",
        false,
        None,
        "第七条",
    ),
    (
        CO,
        "〔2026〕2号",
        "general",
        12,
        "2027-01-05",
        true,
        Some("2026-04-05"),
        "第九条、第十一条",
    ),
    (
        CO,
        "〔2026〕3号",
        "general",
        12,
        "2027-01-05",
        true,
        Some("2026-04-05"),
        "第九条、第十一条",
    ),
    (
        CO,
        "〔2026〕4号",
        "serious",
        36,
        "2029-01-05",
        true,
        Some("2027-01-05"),
        "第八条、第十一条",
    ),
    (
        CO,
        "〔2026〕5号",
        "serious",
        36,
        "2029-01-05",
        false,
        None,
        "第八条、第十一条",
    ),
    (
        CO,
        "〔2026〕7号",
        "serious",
        48,
        "2030-01-05",
        true,
        Some("2027-01-05"),
        "第八条、第十一条",
    ),
    (
        IND,
        "〔2026〕6号",
        "minor",
        3,
        "2026-04-05",
        false,
        None,
        "第七条",
    ),
];

/// The as-of date of [`ORDER107`].
pub const ORDER107_AS_OF: &str = "2026-04-04";

/// A company with fines in food, drugs and special equipment (严重 under Order 107: 36 months,
/// repair after 12; 12 months under the 2021 rules too), decided on 2025-12-24, -25 and -26.
pub const TRANS: &str = "91420112MA4K00005L";

/// Registration and penalty files of the transition scenario.
pub fn transition_files() -> Vec<(&'static str, String)> {
    vec![
        (
            "registration.csv",
            format!("uscc,name,established\n{TRANS},庚食品公司,2012-01-01\n"),
        ),
        (
            "penalty.csv",
            format!(
                "uscc,decision_no,decision_date,penalty_kinds,fine,domain,fulfilled,harm_eliminated\n\
                 {TRANS},东市监罚〔2025〕24号,2025-12-24,罚款,100000,食品,是,是\n\
                 {TRANS},东市监罚〔2025〕25号,2025-12-25,罚款,100000,药品,是,是\n\
                 {TRANS},东市监罚〔2025〕26号,2025-12-26,罚款,100000,特种设备,是,是\n"
            ),
        ),
    ]
}

/// (decision date, as of, transition setting, regime of both answers, publicity ends,
/// earliest repair): one text answers the publicity and the repair of each decision.
pub const TRANSITION: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "2025-12-24",
        "2027-01-05",
        "question_date",
        "order107",
        "2028-12-24",
        "2026-12-24",
    ),
    (
        "2025-12-25",
        "2027-01-05",
        "question_date",
        "order107",
        "2028-12-25",
        "2026-12-25",
    ),
    (
        "2025-12-26",
        "2027-01-05",
        "question_date",
        "order107",
        "2028-12-26",
        "2026-12-26",
    ),
    (
        "2025-12-24",
        "2027-01-05",
        "record_date",
        "rules2021",
        "2028-12-24",
        "2026-12-24",
    ),
    (
        "2025-12-25",
        "2027-01-05",
        "record_date",
        "order107",
        "2028-12-25",
        "2026-12-25",
    ),
    (
        "2025-12-26",
        "2027-01-05",
        "record_date",
        "order107",
        "2028-12-26",
        "2026-12-26",
    ),
];
