//! The national code tables in WebAssembly: a registration export with every national
//! enterprise type and status loads whole through the binding, as natively.
#![cfg(target_arch = "wasm32")]

use credit_supervision::records::tables;
use credit_supervision::uscc::Uscc;
use credit_supervision::wasm::Workspace;
use js_sys::Reflect;
use wasm_bindgen_test::*;

fn code(i: usize) -> String {
    let first17 = format!("91420112{:09}", 100_000_000 + i);
    let mut b = [0u8; 17];
    b.copy_from_slice(first17.as_bytes());
    Uscc::with_check_digit(&b).unwrap().as_str().to_string()
}

#[wasm_bindgen_test]
fn national_types_and_statuses_load_whole() {
    let types: Vec<&str> = tables::entity_types()
        .entries()
        .iter()
        .map(|e| e.name)
        .collect();
    let statuses: Vec<&str> = tables::reg_statuses()
        .entries()
        .iter()
        .map(|e| e.name)
        .collect();
    let mut csv =
        String::from("统一社会信用代码,企业名称,市场主体类型,成立日期,登记状态,所属区域,住所\n");
    for (i, t) in types.iter().enumerate() {
        let s = statuses[i % statuses.len()];
        csv.push_str(&format!(
            "{},企业{i},\"{t}\",2015-03-02,\"{s}\",吴家山街道,{i}号\n",
            code(i)
        ));
    }
    let mut ws = Workspace::new();
    let r = ws.load_csv("登记.csv", csv.as_bytes(), None, None).unwrap();
    let accepted = Reflect::get(&r, &"accepted".into())
        .unwrap()
        .as_f64()
        .unwrap();
    let rejected = Reflect::get(&r, &"rejected".into())
        .unwrap()
        .as_f64()
        .unwrap();
    assert_eq!((accepted as usize, rejected as usize), (types.len(), 0));
}
