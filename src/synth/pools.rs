//! Word pools of the synthetic district: 街道, roads, 字号 characters, industries.
//!
//! The 街道 are the real subdivisions of 武汉市东西湖区; roads, parks and buildings are
//! plausible names of the district, not a gazetteer.

use crate::records::Domain;

/// The district code (武汉市东西湖区) used in USCCs and licence numbers.
pub(crate) const DISTRICT: &str = "420112";
/// The bureau that decides listings and penalties.
pub(crate) const BUREAU: &str = "武汉市东西湖区市场监督管理局";
/// The city bureau (a minority of serious-list decisions).
pub(crate) const CITY_BUREAU: &str = "武汉市市场监督管理局";

/// A 街道 (or 办事处) with its share of entities (weight) and its roads.
pub(crate) struct Region {
    pub name: &'static str,
    pub weight: u32,
    pub roads: &'static [&'static str],
    /// Weight of the region for cluster-registration addresses.
    pub cluster_weight: u32,
}

pub(crate) const REGIONS: &[Region] = &[
    Region {
        name: "吴家山街道",
        weight: 18,
        roads: &[
            "东吴大道",
            "七雄路",
            "三秀路",
            "四明路",
            "吴中街",
            "海口一路",
            "海口三路",
            "新城十一路",
            "新城十三路",
            "高桥二路",
            "田园大道",
        ],
        cluster_weight: 30,
    },
    Region {
        name: "将军路街道",
        weight: 10,
        roads: &["将军路", "宏图大道", "常青路", "金北一路", "金南一路"],
        cluster_weight: 15,
    },
    Region {
        name: "慈惠街道",
        weight: 5,
        roads: &["慈惠大道", "金银潭大道", "银潭路", "墨水湖路"],
        cluster_weight: 2,
    },
    Region {
        name: "走马岭街道",
        weight: 8,
        roads: &["革新大道", "走马岭路", "汉江大道", "创业路", "食品一路"],
        cluster_weight: 8,
    },
    Region {
        name: "径河街道",
        weight: 10,
        roads: &["径河路", "惠安大道", "十升路", "园博大道", "临空港大道"],
        cluster_weight: 10,
    },
    Region {
        name: "长青街道",
        weight: 9,
        roads: &["长青一路", "长青三路", "团结大道", "额头湾路"],
        cluster_weight: 3,
    },
    Region {
        name: "辛安渡办事处",
        weight: 3,
        roads: &["辛安渡大道", "辛安路", "东流港路"],
        cluster_weight: 0,
    },
    Region {
        name: "东山办事处",
        weight: 3,
        roads: &["东山大道", "东山路", "码头潭路"],
        cluster_weight: 0,
    },
    Region {
        name: "新沟镇街道",
        weight: 4,
        roads: &["新沟镇正街", "新沟大道", "汉江堤路"],
        cluster_weight: 1,
    },
    Region {
        name: "柏泉办事处",
        weight: 2,
        roads: &["柏泉大道", "柏泉路", "丰荷山路"],
        cluster_weight: 0,
    },
    Region {
        name: "金银湖街道",
        weight: 16,
        roads: &[
            "金银湖路",
            "金山大道",
            "马池路",
            "环湖中路",
            "金银湖南街",
            "金湖路",
            "银湖路",
        ],
        cluster_weight: 25,
    },
    Region {
        name: "常青花园新区街道",
        weight: 12,
        roads: &[
            "常青一路",
            "常青五路",
            "常青花园中路",
            "常青花园十一路",
            "学府路",
        ],
        cluster_weight: 6,
    },
];

/// Office buildings and parks (company addresses, cluster registration).
pub(crate) const PARKS: &[&str] = &[
    "金银湖科技园",
    "临空港产业园",
    "东西湖保税物流中心",
    "吴家山食品工业园",
    "径河工业园",
    "走马岭工业园",
    "金山大道商务中心",
    "常青花园商业广场",
    "网安基地产业园",
    "临空港创新中心",
    "金银湖国际大厦",
    "东吴商务大厦",
];

/// Characters for 字号 (trade names).
pub(crate) const TRADE_CHARS: &[&str] = &[
    "鑫", "华", "泰", "源", "恒", "盛", "达", "丰", "隆", "兴", "瑞", "祥", "福", "康", "宏", "博",
    "创", "新", "佳", "美", "金", "汇", "安", "信", "诚", "德", "和", "合", "宇", "益", "通", "嘉",
    "润", "鸿", "运", "昌", "荣", "发", "辉", "腾", "越", "远", "成", "东", "方", "正", "中", "天",
    "明", "海", "江", "湖", "汉", "楚", "荆", "长", "顺", "吉", "利", "旺", "众", "联", "龙", "凤",
    "星", "辰", "豪", "奥", "升", "惠", "万", "家", "乐", "晨", "阳", "光", "耀", "永", "久", "乾",
    "坤", "泽", "峰", "森", "林", "禾", "雅", "尚", "品", "优", "卓", "凯", "骏", "驰", "航", "宸",
    "悦", "怡", "欣", "沐", "锦", "绣", "同", "仁", "君", "威", "峻", "铭", "朗", "睿", "智", "思",
    "弘", "洪", "茂", "亿", "兆", "晟", "昊", "熙", "璟", "琪", "臻", "蓝", "青", "绿", "红", "橙",
    "云", "雨", "山", "川", "田", "景", "城", "致", "远", "格", "启", "聚", "鼎", "立", "迪", "捷",
    "逸", "贤", "莱", "朗", "湘", "楠",
];

/// Surnames for individual businesses named `张记…`.
pub(crate) const SURNAMES: &[&str] = &[
    "张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
];

/// Licence families an industry may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lic {
    /// 食品经营许可.
    FoodSale,
    /// 食品生产许可.
    FoodProd,
    /// 药品经营许可.
    Drug,
    /// 医疗器械经营许可.
    Device,
    /// 特种设备使用登记 (one per device).
    SpecEq,
    /// 工业产品生产许可.
    IndProd,
}

impl Lic {
    /// The 许可类别 text.
    pub fn zh(self) -> &'static str {
        match self {
            Lic::FoodSale => "食品经营许可",
            Lic::FoodProd => "食品生产许可",
            Lic::Drug => "药品经营许可",
            Lic::Device => "医疗器械经营许可",
            Lic::SpecEq => "特种设备使用登记",
            Lic::IndProd => "工业产品生产许可",
        }
    }
}

/// One industry (GB/T 4754 code) with what the generator needs to know about it.
pub(crate) struct Industry {
    pub code: &'static str,
    /// Words of company names (`武汉…<word>有限公司`).
    pub co: &'static [&'static str],
    /// Words of individual businesses' names (`东西湖区…<word>`).
    pub shop: &'static [&'static str],
    /// The name ending of a cooperative (empty when none).
    pub coop: &'static str,
    /// Weights for individual businesses, enterprises, cooperatives.
    pub w: [u32; 3],
    /// Licence families and the percentage of entities holding each.
    pub lic: &'static [(Lic, u8)],
    /// Violation domains, most likely first.
    pub domains: [Domain; 3],
    /// Exposure to consumer complaints, 0–10.
    pub consumer: i32,
    /// Adjustment of the latent risk (per mille).
    pub risk: i32,
}

use Domain::*;

/// An [`Industry`] from its fields in declaration order.
macro_rules! ind {
    ($code:expr, $co:expr, $shop:expr, $coop:expr, $w:expr, $lic:expr, $domains:expr, $consumer:expr, $risk:expr $(,)?) => {
        Industry {
            code: $code,
            co: $co,
            shop: $shop,
            coop: $coop,
            w: $w,
            lic: $lic,
            domains: $domains,
            consumer: $consumer,
            risk: $risk,
        }
    };
}

#[rustfmt::skip]
pub(crate) const INDUSTRIES: &[Industry] = &[
    // Retail.
    ind!("F5211", &["商贸", "百货"], &["百货店", "日杂店"], "", [40, 30, 0], &[(Lic::FoodSale, 40)], [Consumer, Price, ProductQuality], 6, 0),
    ind!("F5212", &["超市", "商贸"], &["超市"], "", [40, 15, 0], &[(Lic::FoodSale, 95)], [Food, Price, Consumer], 9, 20),
    ind!("F5213", &["便利店", "商业连锁"], &["便利店", "便民店"], "", [60, 8, 0], &[(Lic::FoodSale, 90)], [Food, Price, Consumer], 7, 10),
    ind!("F5223", &["果业", "农产品"], &["水果店", "蔬菜店"], "", [60, 3, 0], &[(Lic::FoodSale, 50)], [Food, Metrology, Price], 5, 10),
    ind!("F5224", &["生鲜", "食品"], &["生鲜店", "冷鲜肉店", "水产店"], "", [50, 3, 0], &[(Lic::FoodSale, 85)], [Food, Metrology, Consumer], 5, 30),
    ind!("F5226", &["酒业", "茶业"], &["烟酒商行", "茶叶店"], "", [40, 5, 0], &[(Lic::FoodSale, 80)], [Food, ProductQuality, Price], 4, 20),
    ind!("F5232", &["服饰", "服装"], &["服装店", "童装店"], "", [60, 6, 0], &[], [ProductQuality, Consumer, Price], 5, 0),
    ind!("F5251", &["大药房", "医药"], &["药店"], "", [8, 6, 0], &[(Lic::Drug, 98), (Lic::Device, 30)], [Drugs, Price, Advertising], 5, 20),
    ind!("F5254", &["医疗器械", "医疗科技"], &["医疗器械店"], "", [4, 4, 0], &[(Lic::Device, 90)], [Drugs, Advertising, Consumer], 3, 40),
    ind!("F5261", &["汽车销售", "汽车贸易"], &[], "", [0, 5, 0], &[], [Consumer, Advertising, ProductQuality], 6, 10),
    ind!("F5265", &["石油", "能源"], &[], "", [0, 2, 0], &[(Lic::SpecEq, 95)], [ProductQuality, Metrology, SpecialEquipment], 3, 20),
    ind!("F5274", &["通讯", "数码"], &["手机店", "通讯店"], "", [20, 4, 0], &[], [Consumer, ProductQuality, Price], 6, 10),
    ind!("F5281", &["五金", "建材"], &["五金店", "建材店"], "", [30, 5, 0], &[], [ProductQuality, Metrology, Other], 2, 0),
    // Wholesale.
    ind!("F5121", &["粮油", "粮油贸易"], &["粮油店"], "", [10, 8, 0], &[(Lic::FoodSale, 90)], [Food, ProductQuality, Price], 2, 10),
    ind!("F5151", &["医药", "药业"], &[], "", [0, 2, 0], &[(Lic::Drug, 98)], [Drugs, Drugs, Advertising], 1, 20),
    ind!("F5181", &["贸易", "商贸", "国际贸易"], &[], "", [0, 40, 0], &[], [Registration, UnfairCompetition, Other], 1, 30),
    // Accommodation and catering.
    ind!("H6210", &["餐饮", "餐饮管理"], &["餐馆", "酒楼", "饭店", "土菜馆"], "", [70, 10, 0], &[(Lic::FoodSale, 97)], [Food, Price, Consumer], 8, 40),
    ind!("H6220", &["快餐", "餐饮"], &["快餐店", "盒饭店"], "", [45, 5, 0], &[(Lic::FoodSale, 97)], [Food, Consumer, Price], 7, 40),
    ind!("H6291", &["小吃", "餐饮"], &["热干面馆", "小吃店", "面馆", "早餐店", "烧烤店"], "", [60, 1, 0], &[(Lic::FoodSale, 95)], [Food, Consumer, Price], 6, 50),
    ind!("H6231", &["茶业", "茶文化"], &["茶馆", "茶楼"], "", [10, 1, 0], &[(Lic::FoodSale, 90)], [Food, Price, Consumer], 3, 20),
    ind!("H6121", &["酒店管理", "宾馆"], &["宾馆", "旅社"], "", [10, 3, 0], &[(Lic::FoodSale, 30), (Lic::SpecEq, 30)], [Consumer, Price, SpecialEquipment], 4, 30),
    // Household services.
    ind!("O8040", &["美容", "美发"], &["理发店", "美发店", "美容店"], "", [50, 3, 0], &[], [Consumer, Advertising, Price], 7, 30),
    ind!("O8111", &["汽车服务", "汽车维修"], &["汽车修理部", "汽修店", "洗车行"], "", [25, 4, 0], &[], [Consumer, Price, ProductQuality], 6, 20),
    ind!("O8030", &["洗涤服务"], &["干洗店", "洗衣店"], "", [8, 1, 0], &[], [Consumer, Price, Other], 4, 0),
    // Food and other manufacturing.
    ind!("C1399", &["食品", "农副产品"], &["食品加工坊"], "", [3, 4, 0], &[(Lic::FoodProd, 90), (Lic::SpecEq, 30)], [Food, ProductQuality, Food], 2, 40),
    ind!("C1411", &["食品", "烘焙"], &["糕点坊", "面包坊"], "", [8, 3, 0], &[(Lic::FoodProd, 90)], [Food, Food, ProductQuality], 4, 40),
    ind!("C1431", &["食品", "面业"], &["面条加工坊"], "", [4, 2, 0], &[(Lic::FoodProd, 90)], [Food, Food, ProductQuality], 2, 40),
    ind!("C1432", &["食品", "冷冻食品"], &[], "", [0, 2, 0], &[(Lic::FoodProd, 95), (Lic::SpecEq, 50)], [Food, ProductQuality, SpecialEquipment], 1, 30),
    ind!("C1524", &["饮品", "乳业"], &[], "", [0, 1, 0], &[(Lic::FoodProd, 95), (Lic::SpecEq, 50)], [Food, ProductQuality, SpecialEquipment], 1, 30),
    ind!("C2231", &["包装", "纸业"], &[], "", [0, 2, 0], &[(Lic::IndProd, 30), (Lic::SpecEq, 30)], [ProductQuality, SpecialEquipment, Other], 1, 10),
    ind!("C2929", &["塑料制品", "塑业"], &[], "", [0, 3, 0], &[(Lic::IndProd, 30), (Lic::SpecEq, 40)], [ProductQuality, SpecialEquipment, Other], 1, 10),
    ind!("C3311", &["钢结构", "金属制品"], &[], "", [0, 3, 0], &[(Lic::SpecEq, 60)], [ProductQuality, SpecialEquipment, Other], 1, 10),
    ind!("C3670", &["汽车零部件", "汽车配件"], &[], "", [0, 3, 0], &[(Lic::SpecEq, 60)], [ProductQuality, SpecialEquipment, Other], 1, 0),
    // Information technology, science.
    ind!("I6513", &["科技", "软件", "信息技术"], &[], "", [0, 30, 0], &[], [Registration, Advertising, Other], 1, -20),
    ind!("I6520", &["网络科技", "信息技术"], &[], "", [0, 10, 0], &[], [Registration, UnfairCompetition, Other], 1, 0),
    ind!("M7519", &["科技", "生物科技", "新材料"], &[], "", [0, 15, 0], &[], [Registration, Advertising, Other], 1, 0),
    // Transport and storage.
    ind!("G5431", &["物流", "运输"], &["货运部"], "", [20, 20, 0], &[(Lic::SpecEq, 15)], [Registration, Other, SpecialEquipment], 1, 30),
    ind!("G5920", &["仓储", "供应链"], &[], "", [0, 8, 0], &[(Lic::SpecEq, 50)], [SpecialEquipment, Registration, Other], 1, 20),
    ind!("G5437", &["配送", "物流"], &["配送站"], "", [8, 5, 0], &[], [Registration, Other, Consumer], 2, 20),
    // Business services.
    ind!("L7212", &["投资", "资产管理"], &[], "", [0, 6, 0], &[], [Registration, Advertising, UnfairCompetition], 2, 150),
    ind!("L7224", &["供应链管理"], &[], "", [0, 8, 0], &[], [Registration, Other, UnfairCompetition], 1, 40),
    ind!("L7259", &["广告", "文化传媒"], &["广告部", "图文店"], "", [10, 10, 0], &[], [Advertising, Registration, Other], 2, 20),
    ind!("L7299", &["企业管理", "商务咨询"], &[], "", [0, 25, 0], &[], [Registration, Other, UnfairCompetition], 1, 70),
    // Construction and real estate.
    ind!("E5012", &["装饰工程", "建筑装饰"], &["装饰部"], "", [15, 15, 0], &[], [Consumer, Registration, Advertising], 5, 30),
    ind!("E4790", &["建筑工程", "建设工程"], &[], "", [0, 8, 0], &[], [Registration, Other, ProductQuality], 1, 20),
    ind!("K7020", &["物业管理", "物业服务"], &[], "", [0, 6, 0], &[(Lic::SpecEq, 90)], [SpecialEquipment, Price, Consumer], 5, 10),
    ind!("K7030", &["房地产经纪", "置业"], &["房产中介"], "", [8, 5, 0], &[], [Advertising, Price, Consumer], 5, 30),
    ind!("K7010", &["房地产开发", "置业"], &[], "", [0, 2, 0], &[(Lic::SpecEq, 50)], [Advertising, Consumer, Price], 4, 20),
    ind!("D4511", &["燃气", "能源"], &[], "", [0, 1, 0], &[(Lic::SpecEq, 95)], [SpecialEquipment, Price, ProductQuality], 3, 10),
    // Agriculture (mostly cooperatives).
    ind!("A0141", &["农业科技", "生态农业"], &["蔬菜种植场"], "蔬菜种植专业合作社", [5, 3, 40], &[], [ProductQuality, Food, Other], 1, 0),
    ind!("A0152", &["生态农业", "农业发展"], &["葡萄园"], "葡萄种植专业合作社", [2, 1, 15], &[], [ProductQuality, Food, Other], 1, 0),
    ind!("A0412", &["水产", "渔业"], &["养殖场"], "水产养殖专业合作社", [2, 1, 20], &[], [Food, Other, ProductQuality], 1, 0),
    ind!("A0313", &["畜牧", "养殖"], &["生猪养殖场"], "生猪养殖专业合作社", [2, 1, 10], &[], [Food, Other, ProductQuality], 1, 10),
    ind!("A0512", &["农机服务"], &[], "农机专业合作社", [0, 1, 15], &[], [Other, SpecialEquipment, Registration], 1, 0),
];

/// The topic code of an inspection task for a domain (`05` is the public-information check).
pub(crate) fn topic(domain: Domain) -> u32 {
    match domain {
        Food => 1,
        Drugs => 2,
        SpecialEquipment => 3,
        ProductQuality => 4,
        Registration | Other | UnfairCompetition => 5,
        Price => 6,
        Advertising => 7,
        Metrology => 8,
        Consumer => 9,
    }
}

/// 告知承诺 items.
pub(crate) const ITEM_ADDRESS: &str = "住所(经营场所)申报承诺";
pub(crate) const ITEM_FOOD_SALE: &str = "食品经营许可告知承诺";
pub(crate) const ITEM_FOOD_PROD: &str = "食品生产许可告知承诺";
pub(crate) const ITEM_IND_PROD: &str = "工业产品生产许可告知承诺";
pub(crate) const ITEM_PROOF: &str = "证明事项告知承诺";
pub(crate) const ITEM_REPAIR: &str = "信用修复承诺";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pools_hold_no_csv_specials_and_valid_codes() {
        let special = |s: &str| s.contains([',', '"', '\n', '\r']);
        for r in REGIONS {
            assert!(!special(r.name) && !r.roads.is_empty());
            assert!(r.roads.iter().all(|x| !special(x)));
        }
        for i in INDUSTRIES {
            assert_eq!(i.code.len(), 5, "{}", i.code);
            assert!(i.code.as_bytes()[0].is_ascii_uppercase());
            assert!(!i.co.is_empty());
            assert!(i.w[0] == 0 || !i.shop.is_empty(), "{}", i.code);
            assert!(i.w[2] == 0 || !i.coop.is_empty(), "{}", i.code);
        }
        assert!(INDUSTRIES.iter().all(|i| i.w.iter().sum::<u32>() > 0));
        assert!(TRADE_CHARS.len() >= 150);
    }
}
