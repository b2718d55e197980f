//! The policy as a form a clerk can edit (the page's policy editor): the settings a bureau sets
//! most, grouped — the classes (scores and cut-offs), the five dimensions of indicators (each
//! indicator's switch, points, window and cap), the overrides, the inspection ratios, penalty
//! publicity (the provincial 较低数额 threshold) and the regime — each with its JSON path in the
//! policy, its labels, its kind, its range and its default. The page reads the values from the
//! policy JSON by path, writes them back, and the policy's own check ([`super::Policy::check`])
//! judges the result (its errors name the same paths). Nothing here is a second copy of a rule:
//! the defaults are read from [`super::defaults::policy`], the ranges are the check's.

use super::{
    Class, Dimension, Indicator, Policy, MAX_COUNT, MAX_ENTITIES, MAX_SCORE_MAGNITUDE, MAX_YEARS,
};
use serde::Serialize;
use serde_json::Value;

/// A group of fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormGroup {
    /// `classes`, `basic`, `dynamic`, `supervision`, `relations`, `social` (the five
    /// dimensions), `overrides`, `inspection`, `publicity`, `regime`.
    pub code: &'static str,
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A number (points, scores, amounts, ratios).
    Number,
    /// A whole number (months, counts, days).
    Integer,
    /// On or off.
    Boolean,
    /// A class letter A–D, or `null` (none) when `nullable`.
    Class,
    /// One of `options`.
    Choice,
}

/// One choice of a [`FieldKind::Choice`] field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldOption {
    /// The value in the policy JSON.
    pub value: &'static str,
    /// In Chinese.
    pub zh: &'static str,
    /// In English.
    pub en: &'static str,
}

/// One editable setting.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FormField {
    /// Its path in the policy JSON, dot-separated (`cutoffs.a`, `indicators.penalty.points`,
    /// `inspection.class_ratios.A`).
    pub path: String,
    /// Its group's code.
    pub group: &'static str,
    /// For an indicator's setting: the indicator's id (its label is the catalogue's).
    pub indicator: Option<&'static str>,
    /// In Chinese.
    pub zh: String,
    /// In English.
    pub en: String,
    /// What it holds.
    pub kind: FieldKind,
    /// Whether `null` is a value (no override, no decay).
    pub nullable: bool,
    /// The default policy's value.
    pub default: Value,
    /// The lowest value the check takes, when it sets one.
    pub min: Option<f64>,
    /// The highest.
    pub max: Option<f64>,
    /// The choices of a [`FieldKind::Choice`] field.
    pub options: Vec<FieldOption>,
}

/// The groups and fields of the policy editor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyForm {
    /// The groups, in order.
    pub groups: Vec<FormGroup>,
    /// The fields, group by group.
    pub fields: Vec<FormField>,
}

/// The value at a dot-separated path of a JSON document.
pub fn value_at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(doc, |v, key| v.get(key))
}

fn group(code: &'static str, zh: &str, en: &str) -> FormGroup {
    FormGroup {
        code,
        zh: zh.into(),
        en: en.into(),
    }
}

/// The code of a dimension's group.
fn dimension_code(d: Dimension) -> &'static str {
    match d {
        Dimension::Basic => "basic",
        Dimension::Dynamic => "dynamic",
        Dimension::Supervision => "supervision",
        Dimension::Relations => "relations",
        Dimension::Social => "social",
    }
}

fn dimension_en(d: Dimension) -> &'static str {
    match d {
        Dimension::Basic => "basic attributes",
        Dimension::Dynamic => "dynamic information",
        Dimension::Supervision => "supervision records",
        Dimension::Relations => "relations",
        Dimension::Social => "public feedback",
    }
}

/// The dimensions in the order of the national guidance.
const DIMENSIONS: [Dimension; 5] = [
    Dimension::Basic,
    Dimension::Dynamic,
    Dimension::Supervision,
    Dimension::Relations,
    Dimension::Social,
];

/// The lowest and highest value a field takes, when the check sets them.
type Range = (Option<f64>, Option<f64>);

/// Pushes one field, its default read from the default policy at its path.
#[allow(clippy::too_many_arguments)]
fn add(
    fields: &mut Vec<FormField>,
    defaults: &Value,
    path: String,
    group: &'static str,
    zh: String,
    en: String,
    kind: FieldKind,
    (min, max): Range,
) {
    let default = value_at(defaults, &path)
        .cloned()
        .unwrap_or_else(|| panic!("{path} is a path of the default policy"));
    fields.push(FormField {
        nullable: default.is_null() || kind == FieldKind::Class,
        path,
        group,
        indicator: None,
        zh,
        en,
        kind,
        default,
        min,
        max,
        options: Vec::new(),
    });
}

/// The policy editor's groups and fields, defaults from the default policy.
pub fn policy_form() -> PolicyForm {
    let defaults =
        serde_json::to_value(Policy::default()).expect("the default policy serialises to JSON");
    let mut fields: Vec<FormField> = Vec::new();
    let score = Some(MAX_SCORE_MAGNITUDE);
    let neg = Some(-MAX_SCORE_MAGNITUDE);
    let s = |a: &str| a.to_string();

    // The classes: scores and cut-offs.
    add(
        &mut fields,
        &defaults,
        s("base_score"),
        "classes",
        s("基础分"),
        s("base score"),
        FieldKind::Number,
        (neg, score),
    );
    add(
        &mut fields,
        &defaults,
        s("min_score"),
        "classes",
        s("最低分"),
        s("lowest score"),
        FieldKind::Number,
        (neg, score),
    );
    add(
        &mut fields,
        &defaults,
        s("max_score"),
        "classes",
        s("最高分"),
        s("highest score"),
        FieldKind::Number,
        (neg, score),
    );
    for (c, zh) in [
        ("a", "A 类最低分"),
        ("b", "B 类最低分"),
        ("c", "C 类最低分"),
    ] {
        add(
            &mut fields,
            &defaults,
            format!("cutoffs.{c}"),
            "classes",
            s(zh),
            format!("lowest score of class {}", c.to_uppercase()),
            FieldKind::Number,
            (neg, score),
        );
    }

    // The five dimensions: each indicator's switch, points, window and cap.
    for d in DIMENSIONS {
        for &ind in Indicator::ALL.iter().filter(|i| i.dimension() == d) {
            let id = ind.id();
            let base = format!("indicators.{id}");
            let parts: [(&str, &str, &str, FieldKind, Range); 4] = [
                (
                    "enabled",
                    "启用",
                    "counts",
                    FieldKind::Boolean,
                    (None, None),
                ),
                (
                    "points",
                    "每次分值",
                    "points each",
                    FieldKind::Number,
                    (neg, score),
                ),
                (
                    "window_months",
                    "影响期（月）",
                    "window (months)",
                    FieldKind::Integer,
                    (Some(1.0), Some(f64::from(crate::calendar::MAX_MONTHS))),
                ),
                (
                    "max_count",
                    "最多计次",
                    "at most (times)",
                    FieldKind::Integer,
                    (Some(1.0), Some(f64::from(MAX_COUNT))),
                ),
            ];
            for (key, zh, en, kind, range) in parts {
                add(
                    &mut fields,
                    &defaults,
                    format!("{base}.{key}"),
                    dimension_code(d),
                    s(zh),
                    s(en),
                    kind,
                    range,
                );
                if let Some(f) = fields.last_mut() {
                    f.indicator = Some(id);
                }
            }
        }
    }

    // The overrides.
    add(
        &mut fields,
        &defaults,
        s("overrides.serious_list"),
        "overrides",
        s("列入严重违法失信名单的企业直接认定为"),
        s("class of an enterprise on the serious-violation list"),
        FieldKind::Class,
        (None, None),
    );
    add(
        &mut fields,
        &defaults,
        s("overrides.abnormal_list"),
        "overrides",
        s("列入经营异常名录的企业至少为"),
        s("lowest class of an enterprise on the abnormal-operation list"),
        FieldKind::Class,
        (None, None),
    );
    add(
        &mut fields,
        &defaults,
        s("overrides.classify_inactive"),
        "overrides",
        s("对注销、吊销、迁出的主体也分类"),
        s("classify deregistered, revoked and moved-out entities"),
        FieldKind::Boolean,
        (None, None),
    );
    add(
        &mut fields,
        &defaults,
        s("params.long_established_years"),
        "overrides",
        s("持续经营年限较长的起算年数"),
        s("years from which an enterprise is long established"),
        FieldKind::Integer,
        (Some(1.0), Some(f64::from(MAX_YEARS))),
    );
    add(
        &mut fields,
        &defaults,
        s("params.address_cluster_size"),
        "overrides",
        s("同一地址主体数达到即计“地址集中”"),
        s("entities at one address from which it counts as shared"),
        FieldKind::Integer,
        (Some(2.0), Some(f64::from(MAX_ENTITIES))),
    );

    // The inspection ratios.
    add(
        &mut fields,
        &defaults,
        s("inspection.overall_ratio"),
        "inspection",
        s("随机抽查总比例"),
        s("overall inspection ratio"),
        FieldKind::Number,
        (Some(0.0), Some(1.0)),
    );
    add(
        &mut fields,
        &defaults,
        s("inspection.min_overall_ratio"),
        "inspection",
        s("最低抽查比例"),
        s("lowest overall ratio"),
        FieldKind::Number,
        (Some(0.0), Some(1.0)),
    );
    for c in Class::ALL {
        add(
            &mut fields,
            &defaults,
            format!("inspection.class_ratios.{}", c.letter()),
            "inspection",
            format!("{} 类相对抽查强度", c.letter()),
            format!("relative draw intensity of class {}", c.letter()),
            FieldKind::Number,
            (Some(0.0), None),
        );
        if let Some(f) = fields.last_mut() {
            f.nullable = false;
        }
    }
    add(
        &mut fields,
        &defaults,
        s("inspection.min_per_class"),
        "inspection",
        s("每类至少抽取户数"),
        s("at least this many from each class"),
        FieldKind::Integer,
        (Some(0.0), Some(f64::from(MAX_ENTITIES))),
    );

    // Penalty publicity: the provincial 较低数额 threshold.
    add(
        &mut fields,
        &defaults,
        s("rules.publicity.low_fine.person"),
        "publicity",
        s("较低数额罚款标准：自然人（元）"),
        s("lower-amount fine threshold, natural person (yuan)"),
        FieldKind::Number,
        (Some(0.0), None),
    );
    add(
        &mut fields,
        &defaults,
        s("rules.publicity.low_fine.organisation"),
        "publicity",
        s("较低数额罚款标准：法人或其他组织（元）"),
        s("lower-amount fine threshold, organisation (yuan)"),
        FieldKind::Number,
        (Some(0.0), None),
    );
    add(
        &mut fields,
        &defaults,
        s("rules.publicity.low_fine.inclusive"),
        "publicity",
        s("罚款等于标准时也属较低数额"),
        s("a fine equal to the threshold is a lower amount"),
        FieldKind::Boolean,
        (None, None),
    );
    add(
        &mut fields,
        &defaults,
        s("rules.publicity.low_fine.individual_business_as_person"),
        "publicity",
        s("个体工商户适用自然人标准"),
        s("individual businesses take the person threshold"),
        FieldKind::Boolean,
        (None, None),
    );
    add(
        &mut fields,
        &defaults,
        s("rules.order107.low_fine"),
        "publicity",
        s("第107号令较低数额罚款（元）"),
        s("Order 107 lower-amount fine (yuan)"),
        FieldKind::Number,
        (Some(0.0), None),
    );
    add(
        &mut fields,
        &defaults,
        s("rules.publicity.scoring_ends_with_publicity"),
        "publicity",
        s("公示期满即不再计分"),
        s("a penalty stops counting when its publicity ends"),
        FieldKind::Boolean,
        (None, None),
    );

    // The regime.
    add(
        &mut fields,
        &defaults,
        s("rules.transition"),
        "regime",
        s("第107号令施行前的记录适用"),
        s("records made before Order 107 are answered by"),
        FieldKind::Choice,
        (None, None),
    );
    if let Some(f) = fields.last_mut() {
        f.options = vec![
            FieldOption {
                value: "question_date",
                zh: "询问之日有效的规定",
                en: "the texts in force on the day asked",
            },
            FieldOption {
                value: "record_date",
                zh: "记录之日有效的规定",
                en: "the texts in force on the record's date",
            },
        ];
    }

    let mut groups = vec![group("classes", "分类与分数线", "classes and cut-offs")];
    for d in DIMENSIONS {
        groups.push(FormGroup {
            code: dimension_code(d),
            zh: format!("{}指标", d.zh()),
            en: format!("indicators: {}", dimension_en(d)),
        });
    }
    groups.extend([
        group("overrides", "直接认定与参数", "overrides and parameters"),
        group("inspection", "抽查比例", "inspection ratios"),
        group(
            "publicity",
            "处罚公示（较低数额罚款标准）",
            "penalty publicity (lower-amount threshold)",
        ),
        group("regime", "新旧规定衔接", "old and new rules"),
    ]);
    PolicyForm { groups, fields }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_a_path_of_the_policy_with_its_default() {
        let form = policy_form();
        let doc = serde_json::to_value(Policy::default()).unwrap();
        let codes: Vec<&str> = form.groups.iter().map(|g| g.code).collect();
        for f in &form.fields {
            assert_eq!(value_at(&doc, &f.path), Some(&f.default), "{}", f.path);
            assert!(codes.contains(&f.group), "{}", f.group);
            assert!(!f.zh.is_empty() && !f.en.is_empty(), "{}", f.path);
        }
        // Every indicator is there, in its dimension, with its four settings.
        for &ind in Indicator::ALL {
            let n = form
                .fields
                .iter()
                .filter(|f| f.indicator == Some(ind.id()))
                .count();
            assert_eq!(n, 4, "{}", ind.id());
        }
        let mut paths: Vec<&str> = form.fields.iter().map(|f| f.path.as_str()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), form.fields.len());
    }

    #[test]
    fn a_value_out_of_a_fields_range_is_refused_by_the_check_at_that_path() {
        let form = policy_form();
        for path in [
            "cutoffs.b",
            "indicators.penalty.window_months",
            "inspection.overall_ratio",
        ] {
            let f = form.fields.iter().find(|f| f.path == path).unwrap();
            let mut doc = serde_json::to_value(Policy::default()).unwrap();
            let too_big = (f.max.unwrap() * 10.0 + 10.0).round();
            let too_big = if f.kind == FieldKind::Integer {
                serde_json::json!(too_big as u64)
            } else {
                serde_json::json!(too_big)
            };
            let mut v = &mut doc;
            for key in path.split('.') {
                v = v.get_mut(key).unwrap();
            }
            *v = too_big;
            let e = serde_json::from_value::<Policy>(doc)
                .unwrap()
                .check()
                .unwrap_err();
            assert!(
                e.path.starts_with(path) || path.starts_with(&e.path),
                "{path}: {e}"
            );
        }
    }
}
