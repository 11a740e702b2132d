//! The FHIR R4 export: the Bundle is checked in code against the R4 rules
//! it relies on (required fields, id / uuid / dateTime formats, no empty
//! strings or arrays, value sets, invariants que-2, que-5, bdl-7, answer types
//! matching the Questionnaire, Meta.security codings from the HL7
//! confidentiality and act-code systems, Patient.identifier, Practitioner,
//! Communication with one payload content each), answers round-trip for
//! every session, ids are unique and every reference resolves inside the
//! Bundle.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use chrono::{DateTime, TimeZone, Utc};
use recap::export::fhir;
use recap::instrument::load::{content_hash, parse_str};
use recap::instrument::{AnswerValue, Answers, Catalog, Loaded, Origin};
use recap::store::{DumpFilter, Profile, SessionQuery, Store};
use serde_json::{Map, Value};
use tempfile::TempDir;

const KINDS: &str = r#"
id = "kinds"
version = 1
title = "Every kind of item <&>"
kind = "reflective"
terms = "Free to use."

[scales.often]
options = [
  { value = 0, label = "Never" },
  { value = 1, label = "Sometimes & then" },
  { value = 2, label = "Often" },
]

[[items]]
id = "often"
type = "choice"
scale = "often"
text = "How often?"

[[items]]
id = "walk"
type = "yes_no"
text = "Did you walk today?"

[[items]]
id = "cups"
type = "number"
min = 0
max = 20
unit = "cups"
text = "Cups of coffee?"

[[items]]
id = "words"
type = "text"
required = false
text = "Anything else?"

[[items]]
id = "skipped"
type = "choice"
scale = "often"
required = false
text = "An optional question"
"#;

fn at(m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, m, d, 12, 0, 0).unwrap()
}

fn user(source: &str) -> Loaded {
    Loaded {
        instrument: parse_str("kinds.toml", source).unwrap(),
        source: source.to_string(),
        hash: content_hash(source),
        origin: Origin::User(PathBuf::from("kinds.toml")),
    }
}

fn answers(loaded: &Loaded, values: &[Option<AnswerValue>]) -> Answers {
    loaded
        .instrument
        .items
        .iter()
        .zip(values)
        .filter_map(|(item, v)| v.clone().map(|v| (item.id.clone(), v)))
        .collect()
}

fn n(v: i64) -> Option<AnswerValue> {
    Some(AnswerValue::Number(v))
}

fn t(s: &str) -> Option<AnswerValue> {
    Some(AnswerValue::Text(s.into()))
}

struct Fixture {
    _dir: TempDir,
    store: Store,
    ann: Profile,
    ben: Profile,
    /// Sessions that are not completed (must not be exported).
    unfinished: Vec<String>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("f.db")).unwrap();
    let catalog = Catalog::bundled();
    let ann = store.add_profile("Ann", at(1, 1)).unwrap();
    let ben = store.add_profile("Ben <x> & \"y\"", at(1, 1)).unwrap();
    let who5 = catalog.get("who-5").unwrap();
    let barc = catalog.get("barc-10").unwrap();
    let samhsa = catalog.get("samhsa-dimensions").unwrap();
    let kinds = user(KINDS);
    // The same id and version, different text (edited without a new version).
    let edited_source = format!("# edited\n{KINDS}");
    let kinds_edited = user(&edited_source);

    let rec = |p: &Profile, l: &Loaded, a: Answers, when, counselor| {
        store.record_session(p.id, l, &a, when, counselor).unwrap()
    };
    let five = |v: [i64; 5]| v.iter().map(|x| n(*x)).collect::<Vec<_>>();
    rec(
        &ann,
        who5,
        answers(who5, &five([1, 2, 3, 4, 5])),
        at(1, 5),
        false,
    );
    rec(
        &ann,
        who5,
        answers(who5, &five([5, 5, 4, 4, 3])),
        at(2, 5),
        true,
    );
    let ten: Vec<_> = (0..10).map(|i| n(1 + i % 6)).collect();
    rec(&ann, barc, answers(barc, &ten), at(1, 6), false);
    let mut weekly: Vec<_> = (0..13).map(|i| n(i % 5)).collect();
    weekly[3] = None;
    weekly.push(t("A week with <tags> & \"quotes\"\nand a second line"));
    rec(&ann, samhsa, answers(samhsa, &weekly), at(1, 7), false);
    rec(
        &ann,
        &kinds,
        answers(&kinds, &[n(2), n(1), n(7), t("ok & fine"), None]),
        at(1, 8),
        false,
    );
    rec(
        &ann,
        &kinds_edited,
        answers(&kinds_edited, &[n(0), n(0), n(0), t("   "), n(1)]),
        at(2, 8),
        false,
    );
    rec(
        &ben,
        who5,
        answers(who5, &five([0, 0, 1, 0, 0])),
        at(3, 1),
        false,
    );
    rec(&ben, barc, answers(barc, &ten), at(1, 2), false);

    // Unfinished and discarded check-ins stay out of the export.
    let open = store.start_session(ann.id, who5, false, at(3, 2)).unwrap();
    store
        .save_answer(&open.id, "w1", &AnswerValue::Number(3), at(3, 2))
        .unwrap();
    let gone = store.start_session(ben.id, barc, false, at(3, 3)).unwrap();
    store
        .save_answer(&gone.id, "b1", &AnswerValue::Number(2), at(3, 3))
        .unwrap();
    store.discard_session(&gone.id).unwrap();

    Fixture {
        _dir: dir,
        store,
        ann,
        ben,
        unfinished: vec![open.id, gone.id],
    }
}

fn export(store: &Store, filter: &DumpFilter) -> Value {
    let mut out = Vec::new();
    fhir::write(store, filter, at(4, 1), &mut out).unwrap();
    serde_json::from_slice(&out).unwrap()
}

// ---------------------------------------------------------------------------
// R4 rules, in code
// ---------------------------------------------------------------------------

/// `[A-Za-z0-9\-\.]{1,64}`
fn is_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// `urn:uuid:` and a lowercase 8-4-4-4-12 hex UUID.
fn is_uuid_urn(s: &str) -> bool {
    let Some(u) = s.strip_prefix("urn:uuid:") else {
        return false;
    };
    u.len() == 36
        && u.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.chars().all(|c| c.is_ascii_digit())
}

/// `YYYY-MM-DDThh:mm:ss(.sss)?(Z|(+|-)hh:mm)`, and a real instant.
fn is_instant(s: &str) -> bool {
    let ok_shape = s.len() >= 20
        && digits(&s[0..4], 4)
        && &s[4..5] == "-"
        && digits(&s[5..7], 2)
        && &s[7..8] == "-"
        && digits(&s[8..10], 2)
        && &s[10..11] == "T"
        && digits(&s[11..13], 2)
        && &s[13..14] == ":"
        && digits(&s[14..16], 2)
        && &s[16..17] == ":"
        && digits(&s[17..19], 2)
        && {
            let rest = &s[19..];
            let rest = match rest.strip_prefix('.') {
                Some(r) => {
                    let d = r.chars().take_while(char::is_ascii_digit).count();
                    if d == 0 {
                        return false;
                    }
                    &r[d..]
                }
                None => rest,
            };
            rest == "Z"
                || (rest.len() == 6
                    && (rest.starts_with('+') || rest.starts_with('-'))
                    && digits(&rest[1..3], 2)
                    && &rest[3..4] == ":"
                    && digits(&rest[4..6], 2))
        };
    ok_shape && DateTime::parse_from_rfc3339(s).is_ok()
}

/// A FHIR dateTime: a year, year-month, date, or a full instant.
fn is_date_time(s: &str) -> bool {
    match s.len() {
        4 => digits(s, 4),
        7 => digits(&s[0..4], 4) && &s[4..5] == "-" && digits(&s[5..7], 2),
        10 => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        _ => is_instant(s),
    }
}

/// `[^\s]+(\s[^\s]+)*`
fn is_code(s: &str) -> bool {
    !s.is_empty() && s.trim() == s && !s.contains("  ") && !s.contains(['\n', '\t'])
}

fn is_uri(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(char::is_whitespace)
}

struct Check {
    problems: Vec<String>,
}

impl Check {
    fn fail(&mut self, at: &str, what: impl Into<String>) {
        self.problems.push(format!("{at}: {}", what.into()));
    }

    /// FHIR JSON: no nulls, no empty strings, arrays or objects.
    fn json(&mut self, v: &Value, at: &str) {
        match v {
            Value::Null => self.fail(at, "null"),
            Value::String(s) if s.trim().is_empty() => self.fail(at, "empty string"),
            Value::Array(a) if a.is_empty() => self.fail(at, "empty array"),
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.json(x, &format!("{at}[{i}]"));
                }
            }
            Value::Object(o) if o.is_empty() => self.fail(at, "empty object"),
            Value::Object(o) => {
                for (k, x) in o {
                    self.json(x, &format!("{at}.{k}"));
                }
            }
            _ => {}
        }
    }

    /// Only known keys, and the required ones present.
    fn keys(&mut self, o: &Map<String, Value>, at: &str, allowed: &[&str], required: &[&str]) {
        for k in o.keys() {
            if !allowed.contains(&k.as_str()) {
                self.fail(at, format!("unexpected field {k}"));
            }
        }
        for k in required {
            if !o.contains_key(*k) {
                self.fail(at, format!("missing required field {k}"));
            }
        }
    }

    fn str<'a>(&mut self, o: &'a Map<String, Value>, key: &str, at: &str) -> Option<&'a str> {
        match o.get(key) {
            Some(Value::String(s)) => Some(s),
            Some(_) => {
                self.fail(at, format!("{key} is not a string"));
                None
            }
            None => None,
        }
    }

    fn coding(&mut self, v: &Value, at: &str) -> Option<(String, String)> {
        let Some(c) = v.as_object() else {
            self.fail(at, "Coding is not an object");
            return None;
        };
        self.keys(c, at, &["system", "code", "display"], &["system", "code"]);
        let system = self.str(c, "system", at)?.to_string();
        let code = self.str(c, "code", at)?.to_string();
        if !is_uri(&system) {
            self.fail(at, "system is not a uri");
        }
        if !is_code(&code) {
            self.fail(at, format!("{code:?} is not a code"));
        }
        Some((system, code))
    }
}

/// `http://terminology.hl7.org/CodeSystem/v3-Confidentiality` (R4 value
/// set SecurityLabels, confidentiality part).
const CONFIDENTIALITY_CODES: [&str; 6] = ["U", "L", "M", "N", "R", "V"];

/// The `v3-ActCode` security codes recap may use: information sensitivity
/// (ActInformationSensitivityPolicy) and US privacy law (ActUSPrivacyLaw).
const ACT_CODES: [&str; 12] = [
    "ETH",
    "PSY",
    "SDV",
    "SEX",
    "STD",
    "HIV",
    "BH",
    "SUD",
    "42CFRPart2",
    "HIPAANOPP",
    "CommonRule",
    "PSYTHPN",
];

impl Check {
    /// `meta`: only `security` (Codings from the known systems and codes).
    fn meta(&mut self, r: &Map<String, Value>, at: &str) {
        let Some(meta) = r.get("meta") else {
            return;
        };
        let Some(m) = meta.as_object() else {
            self.fail(at, "meta is not an object");
            return;
        };
        self.keys(m, at, &["security"], &[]);
        for (i, coding) in m
            .get("security")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = format!("{at} meta.security[{i}]");
            let Some((system, code)) = self.coding(coding, &at) else {
                continue;
            };
            let known = match system.as_str() {
                "http://terminology.hl7.org/CodeSystem/v3-Confidentiality" => {
                    CONFIDENTIALITY_CODES.contains(&code.as_str())
                }
                "http://terminology.hl7.org/CodeSystem/v3-ActCode" => {
                    ACT_CODES.contains(&code.as_str())
                }
                _ => false,
            };
            if !known {
                self.fail(&at, format!("{system}|{code} is not a security label"));
            }
        }
    }

    /// A reference (or each of an array of them) resolving in the Bundle to
    /// one of `kinds`; `required` when it must be there.
    fn resolves(
        &mut self,
        r: &Map<String, Value>,
        key: &str,
        kinds: &[&str],
        required: bool,
        full_urls: &HashMap<String, String>,
        at: &str,
    ) {
        let Some(v) = r.get(key) else {
            if required {
                self.fail(at, format!("no {key}"));
            }
            return;
        };
        let refs = match v {
            Value::Array(a) => a.clone(),
            other => vec![other.clone()],
        };
        for x in refs {
            match x.as_object() {
                Some(o) => self.keys(o, at, &["reference", "type"], &["reference"]),
                None => self.fail(at, format!("{key} is not a Reference")),
            }
            let reference = x["reference"].as_str().unwrap_or_default();
            let found = full_urls.get(reference).map(String::as_str);
            if !found.is_some_and(|k| kinds.contains(&k)) {
                self.fail(
                    at,
                    format!("{key} {reference} does not resolve to {kinds:?}"),
                );
            }
            if let Some(t) = x.get("type").and_then(Value::as_str)
                && Some(t) != found
            {
                self.fail(at, format!("{key} says type {t} but is {found:?}"));
            }
        }
    }
}

const ITEM_TYPES: [&str; 16] = [
    "group",
    "display",
    "boolean",
    "decimal",
    "integer",
    "date",
    "dateTime",
    "time",
    "string",
    "text",
    "url",
    "choice",
    "open-choice",
    "attachment",
    "reference",
    "quantity",
];

/// What a Questionnaire item allows: its type, whether it is required or
/// repeats, its answer codings (choice items) and its nested items (groups).
#[derive(Debug, Default)]
struct ItemRules {
    ty: String,
    required: bool,
    repeats: bool,
    codings: Vec<(String, String)>,
    children: HashMap<String, ItemRules>,
}

/// The rules of a Questionnaire's items, nested groups included.
fn item_rules(items: Option<&Value>) -> HashMap<String, ItemRules> {
    let mut out = HashMap::new();
    for it in items.and_then(Value::as_array).into_iter().flatten() {
        let link = it["linkId"].as_str().unwrap_or_default().to_string();
        let codings: Vec<(String, String)> = it
            .get("answerOption")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|o| {
                let s = o["valueCoding"]["system"].as_str()?;
                let k = o["valueCoding"]["code"].as_str()?;
                Some((s.to_string(), k.to_string()))
            })
            .collect();
        let rules = ItemRules {
            ty: it["type"].as_str().unwrap_or_default().to_string(),
            required: it["required"].as_bool().unwrap_or(false),
            repeats: it["repeats"].as_bool().unwrap_or(false),
            codings,
            children: item_rules(it.get("item")),
        };
        out.insert(link, rules);
    }
    out
}

impl Check {
    /// A Questionnaire's items at one level and below: known fields, que-1
    /// (a group has nested items, a display item none), que-2 (linkIds
    /// unique in the whole questionnaire), que-5 (answer options only on
    /// choice items).
    fn questionnaire_items(
        &mut self,
        items: Option<&Value>,
        at: &str,
        links: &mut BTreeSet<String>,
    ) {
        for (k, it) in items
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = format!("{at} item[{k}]");
            let Some(it) = it.as_object() else {
                self.fail(&at, "not an object");
                continue;
            };
            self.keys(
                it,
                &at,
                &[
                    "linkId",
                    "text",
                    "type",
                    "required",
                    "repeats",
                    "answerOption",
                    "item",
                ],
                &["linkId", "type"],
            );
            let link = self.str(it, "linkId", &at).unwrap_or_default();
            if !links.insert(link.to_string()) {
                self.fail(&at, format!("linkId {link} twice"));
            }
            let ty = self.str(it, "type", &at).unwrap_or_default();
            if !ITEM_TYPES.contains(&ty) {
                self.fail(&at, format!("type {ty:?}"));
            }
            for flag in ["required", "repeats"] {
                if it.get(flag).is_some_and(|v| !v.is_boolean()) {
                    self.fail(&at, format!("{flag} is not a boolean"));
                }
            }
            let nested = it
                .get("item")
                .and_then(Value::as_array)
                .is_some_and(|a| !a.is_empty());
            if ty == "group" && !nested {
                self.fail(&at, "a group without nested items (que-1)");
            }
            if ty == "display" && nested {
                self.fail(&at, "a display item with nested items (que-1)");
            }
            if let Some(options) = it.get("answerOption") {
                // que-5: only choice items have answer options.
                if !["choice", "open-choice"].contains(&ty) {
                    self.fail(&at, "answerOption on a non-choice item");
                }
                for (o, opt) in options.as_array().into_iter().flatten().enumerate() {
                    let at = format!("{at} answerOption[{o}]");
                    match opt.as_object() {
                        Some(m) => {
                            self.keys(m, &at, &["valueCoding"], &["valueCoding"]);
                            self.coding(&opt["valueCoding"], &at);
                        }
                        None => self.fail(&at, "not an object"),
                    }
                }
            } else if ty == "choice" {
                self.fail(&at, "a choice item without answer options");
            }
            self.questionnaire_items(it.get("item"), &at, links);
        }
    }

    /// A response's items at one level and below, against the
    /// questionnaire's rules at that level: known linkIds, a linkId more
    /// than once only for a repeating item, groups with nested items and no
    /// answers, answers of the item's type, and (completed) every required
    /// item of the level answered.
    fn response_items(
        &mut self,
        items: Option<&Value>,
        rules: &HashMap<String, ItemRules>,
        at: &str,
        completed: bool,
    ) {
        let mut links = BTreeSet::new();
        for (k, it) in items
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = format!("{at} item[{k}]");
            let Some(it) = it.as_object() else {
                self.fail(&at, "not an object");
                continue;
            };
            self.keys(it, &at, &["linkId", "text", "answer", "item"], &["linkId"]);
            let link = self.str(it, "linkId", &at).unwrap_or_default();
            let Some(rule) = rules.get(link) else {
                self.fail(&at, format!("linkId {link} is not in the questionnaire"));
                continue;
            };
            if !links.insert(link.to_string()) && !rule.repeats {
                self.fail(&at, format!("linkId {link} twice"));
            }
            if rule.ty == "group" {
                if it.contains_key("answer") {
                    self.fail(&at, "a group item with answers");
                }
                if !it.contains_key("item") {
                    self.fail(&at, "a group item without nested items");
                }
                self.response_items(it.get("item"), &rule.children, &at, completed);
                continue;
            }
            if it.contains_key("item") {
                self.fail(
                    &at,
                    "nested items under a question are not written by recap",
                );
            }
            for a in it
                .get("answer")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let Some(a) = a.as_object() else {
                    self.fail(&at, "answer is not an object");
                    continue;
                };
                if a.len() != 1 {
                    self.fail(&at, "an answer needs exactly one value[x]");
                }
                let (key, value) = a.iter().next().unwrap();
                let want = match rule.ty.as_str() {
                    "choice" => "valueCoding",
                    "boolean" => "valueBoolean",
                    "integer" => "valueInteger",
                    "decimal" => "valueDecimal",
                    _ => "valueString",
                };
                if key != want {
                    self.fail(&at, format!("{key} for a {} item", rule.ty));
                }
                match key.as_str() {
                    "valueCoding" => {
                        if let Some(coding) = self.coding(value, &at)
                            && !rule.codings.contains(&coding)
                        {
                            self.fail(&at, format!("{coding:?} is not an answer option"));
                        }
                    }
                    "valueBoolean" if !value.is_boolean() => self.fail(&at, "not a boolean"),
                    "valueInteger" if value.as_i64().is_none_or(|v| i32::try_from(v).is_err()) => {
                        self.fail(&at, "not a 32-bit integer")
                    }
                    "valueString" if !value.is_string() => self.fail(&at, "not a string"),
                    _ => {}
                }
            }
        }
        // A completed response answers every required item.
        if completed {
            for (link, rule) in rules {
                if rule.required && !links.contains(link) {
                    self.fail(at, format!("required item {link} unanswered"));
                }
            }
        }
    }
}

/// Every problem with the Bundle as FHIR R4 (empty when valid).
fn r4_problems(bundle: &Value) -> Vec<String> {
    let mut c = Check {
        problems: Vec::new(),
    };
    c.json(bundle, "Bundle");
    let Some(b) = bundle.as_object() else {
        return vec!["not an object".into()];
    };
    c.keys(
        b,
        "Bundle",
        &["resourceType", "id", "meta", "type", "timestamp", "entry"],
        &["resourceType", "type"],
    );
    c.meta(b, "Bundle");
    if b.get("resourceType") != Some(&Value::from("Bundle")) {
        c.fail("Bundle", "resourceType is not Bundle");
    }
    if b.get("type") != Some(&Value::from("collection")) {
        c.fail("Bundle", "type is not collection");
    }
    if let Some(id) = c.str(b, "id", "Bundle")
        && !is_id(id)
    {
        c.fail("Bundle", format!("id {id:?}"));
    }
    if let Some(ts) = c.str(b, "timestamp", "Bundle")
        && !is_instant(ts)
    {
        c.fail("Bundle", format!("timestamp {ts:?} is not an instant"));
    }
    let entries: Vec<Value> = b
        .get("entry")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();

    // bdl-7: fullUrls unique; each is urn:uuid:<the resource's id>.
    let mut full_urls: HashMap<String, String> = HashMap::new();
    let mut ids: BTreeSet<(String, String)> = BTreeSet::new();
    let mut questionnaires: HashMap<String, HashMap<String, ItemRules>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let at = format!("entry[{i}]");
        let Some(e) = e.as_object() else {
            c.fail(&at, "not an object");
            continue;
        };
        c.keys(e, &at, &["fullUrl", "resource"], &["fullUrl", "resource"]);
        let full = c.str(e, "fullUrl", &at).unwrap_or_default().to_string();
        if !is_uuid_urn(&full) {
            c.fail(&at, format!("fullUrl {full:?} is not urn:uuid"));
        }
        let Some(r) = e.get("resource").and_then(Value::as_object) else {
            c.fail(&at, "no resource");
            continue;
        };
        let kind = c
            .str(r, "resourceType", &at)
            .unwrap_or_default()
            .to_string();
        let id = c.str(r, "id", &at).unwrap_or_default().to_string();
        if !is_id(&id) {
            c.fail(&at, format!("id {id:?}"));
        }
        if full != format!("urn:uuid:{id}") {
            c.fail(&at, "fullUrl disagrees with the id");
        }
        if full_urls.insert(full.clone(), kind.clone()).is_some() {
            c.fail(&at, format!("fullUrl {full} twice"));
        }
        if !ids.insert((kind.clone(), id.clone())) {
            c.fail(&at, format!("{kind}/{id} twice"));
        }
        if kind == "Questionnaire" {
            let url = c.str(r, "url", &at).unwrap_or_default();
            let version = c.str(r, "version", &at).unwrap_or_default();
            questionnaires.insert(format!("{url}|{version}"), item_rules(r.get("item")));
        }
    }

    for (i, e) in entries.iter().enumerate() {
        let Some(r) = e.get("resource").and_then(Value::as_object) else {
            continue;
        };
        let kind = r["resourceType"].as_str().unwrap_or_default();
        let at = format!("entry[{i}] {kind}");
        c.meta(r, &at);
        match kind {
            "Patient" => {
                c.keys(
                    r,
                    &at,
                    &["resourceType", "id", "meta", "identifier", "name"],
                    &["resourceType"],
                );
                for (k, ident) in r
                    .get("identifier")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let at = format!("{at} identifier[{k}]");
                    let Some(o) = ident.as_object() else {
                        c.fail(&at, "not an object");
                        continue;
                    };
                    c.keys(o, &at, &["use", "system", "value"], &["system", "value"]);
                    if let Some(u) = c.str(o, "use", &at)
                        && !["usual", "official", "temp", "secondary", "old"].contains(&u)
                    {
                        c.fail(&at, format!("use {u:?}"));
                    }
                    if !c.str(o, "system", &at).is_some_and(is_uri) {
                        c.fail(&at, "system is not a uri");
                    }
                    c.str(o, "value", &at);
                }
                for name in r
                    .get("name")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    match name.as_object() {
                        Some(n) => c.keys(n, &at, &["text"], &["text"]),
                        None => c.fail(&at, "name is not an object"),
                    }
                }
            }
            "Questionnaire" => {
                c.keys(
                    r,
                    &at,
                    &[
                        "resourceType",
                        "id",
                        "url",
                        "version",
                        "title",
                        "status",
                        "subjectType",
                        "description",
                        "purpose",
                        "copyright",
                        "item",
                    ],
                    &["resourceType", "status"],
                );
                // R4 markdown: when present, some words.
                if r.get("purpose")
                    .is_some_and(|p| p.as_str().is_none_or(|p| p.trim().is_empty()))
                {
                    c.fail(&at, "purpose is not a non-empty string");
                }
                let status = c.str(r, "status", &at).unwrap_or_default();
                if !["draft", "active", "retired", "unknown"].contains(&status) {
                    c.fail(&at, format!("status {status:?}"));
                }
                let url = c.str(r, "url", &at).unwrap_or_default();
                if !is_uri(url) || url.contains('|') || !url.starts_with(fhir::BASE) {
                    c.fail(&at, format!("url {url:?}"));
                }
                c.questionnaire_items(r.get("item"), &at, &mut BTreeSet::new());
            }
            "QuestionnaireResponse" => {
                c.keys(
                    r,
                    &at,
                    &[
                        "resourceType",
                        "id",
                        "meta",
                        "extension",
                        "questionnaire",
                        "status",
                        "subject",
                        "authored",
                        "author",
                        "source",
                        "item",
                    ],
                    &["resourceType", "status"],
                );
                c.resolves(
                    r,
                    "author",
                    &["Practitioner", "Patient"],
                    false,
                    &full_urls,
                    &at,
                );
                c.resolves(r, "source", &["Patient"], false, &full_urls, &at);
                let status = c.str(r, "status", &at).unwrap_or_default();
                if ![
                    "in-progress",
                    "completed",
                    "amended",
                    "entered-in-error",
                    "stopped",
                ]
                .contains(&status)
                {
                    c.fail(&at, format!("status {status:?}"));
                }
                for x in r
                    .get("extension")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    let m = x.as_object().cloned().unwrap_or_default();
                    c.keys(&m, &at, &["url", "valueBoolean"], &["url", "valueBoolean"]);
                    if !m.get("url").and_then(Value::as_str).is_some_and(is_uri) {
                        c.fail(&at, "extension url");
                    }
                }
                if let Some(a) = c.str(r, "authored", &at)
                    && !is_date_time(a)
                {
                    c.fail(&at, format!("authored {a:?} is not a dateTime"));
                }
                // The subject resolves to a Patient in the Bundle.
                match r.get("subject").and_then(Value::as_object) {
                    Some(s) => {
                        c.keys(s, &at, &["reference", "type"], &["reference"]);
                        let reference = s["reference"].as_str().unwrap_or_default();
                        if full_urls.get(reference).map(String::as_str) != Some("Patient") {
                            c.fail(&at, format!("subject {reference} does not resolve"));
                        }
                    }
                    None => c.fail(&at, "no subject"),
                }
                // The questionnaire canonical (with version) resolves too.
                let canonical = c.str(r, "questionnaire", &at).unwrap_or_default();
                if !canonical.contains('|') {
                    c.fail(&at, format!("questionnaire {canonical:?} has no version"));
                }
                let Some(rules) = questionnaires.get(canonical) else {
                    c.fail(
                        &at,
                        format!("questionnaire {canonical} is not in the Bundle"),
                    );
                    continue;
                };
                c.response_items(r.get("item"), rules, &at, status == "completed");
            }
            "Observation" => {
                c.keys(
                    r,
                    &at,
                    &[
                        "resourceType",
                        "id",
                        "meta",
                        "status",
                        "category",
                        "code",
                        "subject",
                        "effectiveDateTime",
                        "valueQuantity",
                        "interpretation",
                        "note",
                        "derivedFrom",
                    ],
                    &["resourceType", "status", "code"],
                );
                let status = c.str(r, "status", &at).unwrap_or_default();
                if !["registered", "preliminary", "final", "amended"].contains(&status) {
                    c.fail(&at, format!("status {status:?}"));
                }
                for coding in r["code"]["coding"].as_array().into_iter().flatten() {
                    c.coding(coding, &at);
                }
                if let Some(t) = c.str(r, "effectiveDateTime", &at)
                    && !is_date_time(t)
                {
                    c.fail(&at, format!("effectiveDateTime {t:?}"));
                }
                if !r["valueQuantity"]["value"].is_number() {
                    c.fail(&at, "valueQuantity.value is not a number");
                }
                let resolves = |key: &str, kind: &str| {
                    r.get(key)
                        .map(|v| match v {
                            Value::Array(a) => a.clone(),
                            other => vec![other.clone()],
                        })
                        .unwrap_or_default()
                        .iter()
                        .all(|x| {
                            x["reference"]
                                .as_str()
                                .and_then(|reference| full_urls.get(reference))
                                .map(String::as_str)
                                == Some(kind)
                        })
                };
                if r.get("subject").is_none() || !resolves("subject", "Patient") {
                    c.fail(&at, "subject does not resolve to a Patient");
                }
                if r.get("derivedFrom").is_none()
                    || !resolves("derivedFrom", "QuestionnaireResponse")
                {
                    c.fail(&at, "derivedFrom does not resolve to a response");
                }
            }
            "Practitioner" => {
                c.keys(
                    r,
                    &at,
                    &["resourceType", "id", "meta", "name"],
                    &["resourceType"],
                );
                for name in r
                    .get("name")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    match name.as_object() {
                        Some(n) => c.keys(n, &at, &["text"], &["text"]),
                        None => c.fail(&at, "name is not an object"),
                    }
                }
            }
            "Communication" => {
                c.keys(
                    r,
                    &at,
                    &[
                        "resourceType",
                        "id",
                        "meta",
                        "status",
                        "subject",
                        "about",
                        "sent",
                        "sender",
                        "payload",
                    ],
                    &["resourceType", "status"],
                );
                let status = c.str(r, "status", &at).unwrap_or_default();
                if ![
                    "preparation",
                    "in-progress",
                    "not-done",
                    "on-hold",
                    "stopped",
                    "completed",
                    "entered-in-error",
                    "unknown",
                ]
                .contains(&status)
                {
                    c.fail(&at, format!("status {status:?}"));
                }
                if let Some(t) = c.str(r, "sent", &at)
                    && !is_date_time(t)
                {
                    c.fail(&at, format!("sent {t:?} is not a dateTime"));
                }
                c.resolves(r, "subject", &["Patient"], true, &full_urls, &at);
                c.resolves(
                    r,
                    "sender",
                    &["Practitioner", "Patient"],
                    false,
                    &full_urls,
                    &at,
                );
                c.resolves(
                    r,
                    "about",
                    &["QuestionnaireResponse", "Observation"],
                    false,
                    &full_urls,
                    &at,
                );
                for (k, payload) in r
                    .get("payload")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let at = format!("{at} payload[{k}]");
                    let Some(o) = payload.as_object() else {
                        c.fail(&at, "not an object");
                        continue;
                    };
                    // cmc: exactly one content[x].
                    c.keys(
                        o,
                        &at,
                        &["contentString", "contentAttachment", "contentReference"],
                        &[],
                    );
                    if o.len() != 1 {
                        c.fail(&at, "a payload needs exactly one content[x]");
                    }
                }
            }
            "Goal" => {
                // R4 Goal: lifecycleStatus, description and subject required;
                // gol-1 (a target's detail needs a measure): recap writes
                // only target.dueDate.
                c.keys(
                    r,
                    &at,
                    &[
                        "resourceType",
                        "id",
                        "meta",
                        "lifecycleStatus",
                        "achievementStatus",
                        "category",
                        "description",
                        "subject",
                        "startDate",
                        "target",
                        "statusDate",
                        "addresses",
                        "note",
                    ],
                    &["resourceType", "lifecycleStatus", "description", "subject"],
                );
                let status = c.str(r, "lifecycleStatus", &at).unwrap_or_default();
                if ![
                    "proposed",
                    "planned",
                    "accepted",
                    "active",
                    "on-hold",
                    "completed",
                    "cancelled",
                    "entered-in-error",
                    "rejected",
                ]
                .contains(&status)
                {
                    c.fail(&at, format!("lifecycleStatus {status:?}"));
                }
                if let Some(a) = r.get("achievementStatus") {
                    for coding in a["coding"].as_array().into_iter().flatten() {
                        let (system, code) = c.coding(coding, &at).unwrap_or_default();
                        if system != "http://terminology.hl7.org/CodeSystem/goal-achievement"
                            || ![
                                "in-progress",
                                "improving",
                                "worsening",
                                "no-change",
                                "achieved",
                                "sustaining",
                                "not-achieved",
                                "no-progress",
                                "not-attainable",
                            ]
                            .contains(&code.as_str())
                        {
                            c.fail(&at, format!("achievementStatus {system}|{code}"));
                        }
                    }
                }
                for cat in r
                    .get("category")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    for coding in cat["coding"].as_array().into_iter().flatten() {
                        c.coding(coding, &at);
                    }
                }
                match r.get("description").and_then(Value::as_object) {
                    Some(d) => {
                        c.keys(d, &at, &["coding", "text"], &[]);
                        if d.get("text")
                            .and_then(Value::as_str)
                            .is_none_or(str::is_empty)
                            && d.get("coding").is_none()
                        {
                            c.fail(&at, "description has neither text nor coding");
                        }
                    }
                    None => c.fail(&at, "description is not a CodeableConcept"),
                }
                let is_date = |s: &str| {
                    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
                };
                for key in ["startDate", "statusDate"] {
                    if let Some(d) = c.str(r, key, &at)
                        && !is_date(d)
                    {
                        c.fail(&at, format!("{key} {d:?} is not a date"));
                    }
                }
                for t in r
                    .get("target")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    match t.as_object() {
                        Some(o) => {
                            c.keys(
                                o,
                                &at,
                                &["measure", "detailQuantity", "dueDate", "dueDuration"],
                                &[],
                            );
                            if o.keys().any(|k| k.starts_with("detail"))
                                && !o.contains_key("measure")
                            {
                                c.fail(&at, "gol-1: a target's detail needs a measure");
                            }
                            if let Some(d) = o.get("dueDate").and_then(Value::as_str)
                                && !is_date(d)
                            {
                                c.fail(&at, format!("dueDate {d:?} is not a date"));
                            }
                        }
                        None => c.fail(&at, "target is not an object"),
                    }
                }
                c.resolves(r, "subject", &["Patient"], true, &full_urls, &at);
                c.resolves(
                    r,
                    "addresses",
                    &[
                        "Condition",
                        "Observation",
                        "MedicationStatement",
                        "NutritionOrder",
                        "ServiceRequest",
                        "RiskAssessment",
                    ],
                    false,
                    &full_urls,
                    &at,
                );
                for n in r
                    .get("note")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    match n.as_object() {
                        Some(o) => c.keys(o, &at, &["text", "time"], &["text"]),
                        None => c.fail(&at, "note is not an Annotation"),
                    }
                }
            }
            other => c.fail(&at, format!("unexpected resource {other}")),
        }
    }
    c.problems
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

/// The stored answers as they come back out of a QuestionnaireResponse.
fn decoded(qr: &Value) -> Answers {
    let mut out = Answers::new();
    for item in qr["item"].as_array().into_iter().flatten() {
        let link = item["linkId"].as_str().unwrap().to_string();
        let answer = &item["answer"][0];
        let value = if let Some(c) = answer.get("valueCoding") {
            AnswerValue::Number(c["code"].as_str().unwrap().parse().unwrap())
        } else if let Some(b) = answer.get("valueBoolean") {
            AnswerValue::Number(i64::from(b.as_bool().unwrap()))
        } else if let Some(i) = answer.get("valueInteger") {
            AnswerValue::Number(i.as_i64().unwrap())
        } else {
            AnswerValue::Text(answer["valueString"].as_str().unwrap().to_string())
        };
        out.insert(link, value);
    }
    out
}

#[test]
fn the_bundle_follows_the_r4_rules() {
    let f = fixture();
    let bundle = export(&f.store, &DumpFilter::default());
    let problems = r4_problems(&bundle);
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(resources(&bundle, "Patient").len(), 2);
    assert_eq!(resources(&bundle, "QuestionnaireResponse").len(), 8);
    // who-5, barc-10, samhsa-dimensions, and two texts of kinds v1.
    assert_eq!(resources(&bundle, "Questionnaire").len(), 5);
    assert_eq!(bundle["timestamp"], "2026-04-01T12:00:00.000Z");

    // The checker finds what it is meant to find.
    let mut broken = bundle.clone();
    let qr = broken["entry"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["resource"]["resourceType"] == "QuestionnaireResponse")
        .unwrap();
    qr["resource"]["subject"]["reference"] = "Patient/nobody".into();
    qr["resource"]["status"] = "done".into();
    qr["resource"]["authored"] = "2026-13-01".into();
    qr["resource"]["item"][0]["linkID"] = "typo".into();
    broken["entry"][0]["resource"]["id"] = "has space".into();
    broken["entry"][0]["resource"]["name"] = Value::Array(Vec::new());
    broken["entry"][1]["resource"]["meta"]["security"][0]["code"] = "Q".into();
    broken["entry"][1]["resource"]["identifier"] = serde_json::json!([{"value": "x"}]);
    let found = r4_problems(&broken).join("\n");
    for want in [
        "does not resolve",
        "status \"done\"",
        "not a dateTime",
        "unexpected field linkID",
        "id \"has space\"",
        "empty array",
        "v3-Confidentiality|Q is not a security label",
        "missing required field system",
    ] {
        assert!(found.contains(want), "{want} not found in:\n{found}");
    }
}

#[test]
fn answers_round_trip_for_every_session() {
    let f = fixture();
    let bundle = export(&f.store, &DumpFilter::default());
    let patients: HashMap<String, String> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "Patient")
        .map(|e| {
            (
                e["fullUrl"].as_str().unwrap().to_string(),
                e["resource"]["name"][0]["text"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    let responses: HashMap<&str, &Value> = resources(&bundle, "QuestionnaireResponse")
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap(), r))
        .collect();
    let questionnaires: HashMap<String, &Value> = resources(&bundle, "Questionnaire")
        .into_iter()
        .map(|q| {
            (
                format!(
                    "{}|{}",
                    q["url"].as_str().unwrap(),
                    q["version"].as_str().unwrap()
                ),
                q,
            )
        })
        .collect();
    let mut seen = 0;
    for profile in [&f.ann, &f.ben] {
        for session in f
            .store
            .sessions(profile.id, &SessionQuery::default())
            .unwrap()
        {
            seen += 1;
            let qr = responses[session.id.as_str()];
            let stored = f.store.answers(&session.id).unwrap();
            // Empty text is no answer; everything else comes back exactly.
            let expected: Answers = stored
                .into_iter()
                .filter(|(_, v)| !matches!(v, AnswerValue::Text(t) if t.trim().is_empty()))
                .collect();
            assert_eq!(decoded(qr), expected, "session {}", session.id);
            assert_eq!(
                patients[qr["subject"]["reference"].as_str().unwrap()],
                profile.name
            );
            assert_eq!(
                qr["authored"].as_str().unwrap(),
                recap::store::timestamp(session.completed_at.unwrap())
            );
            assert_eq!(
                qr.get("extension").is_some(),
                session.with_counselor,
                "with counselor"
            );
            // The canonical names the questionnaire and its version, and the
            // Questionnaire it resolves to is the session's own text.
            let canonical = qr["questionnaire"].as_str().unwrap();
            let (url, version) = canonical.split_once('|').unwrap();
            assert_eq!(url, fhir::questionnaire_url(&session.questionnaire_id));
            assert!(
                version == session.questionnaire_version.to_string()
                    || version.starts_with(&format!("{}+sha256.", session.questionnaire_version)),
                "{version}"
            );
            let q = questionnaires[canonical];
            let instrument = f.store.snapshot_instrument(&session.snapshot_hash).unwrap();
            let links: Vec<&str> = q["item"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["linkId"].as_str().unwrap())
                .collect();
            let item_ids: Vec<&str> = instrument.items.iter().map(|i| i.id.as_str()).collect();
            assert_eq!(links, item_ids);
            for (qi, item) in q["item"].as_array().unwrap().iter().zip(&instrument.items) {
                assert_eq!(qi["text"].as_str().unwrap(), item.text.trim());
                assert_eq!(qi["required"].as_bool().unwrap(), item.required);
                let labels: Vec<&str> = qi
                    .get("answerOption")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|o| o["valueCoding"]["display"].as_str().unwrap())
                    .collect();
                let want: Vec<String> = match &item.response {
                    recap::instrument::Response::Choice { options, .. } => {
                        options.iter().map(|o| o.label.clone()).collect()
                    }
                    _ => Vec::new(),
                };
                assert_eq!(labels, want);
            }
            // Choice answers carry their option's label.
            for item in qr["item"].as_array().unwrap() {
                if let Some(c) = item["answer"][0].get("valueCoding") {
                    let i = instrument.item(item["linkId"].as_str().unwrap()).unwrap();
                    let v: i64 = c["code"].as_str().unwrap().parse().unwrap();
                    assert_eq!(c["display"].as_str().unwrap(), i.label_for(v));
                }
            }
        }
    }
    assert_eq!(seen, responses.len());
    for id in &f.unfinished {
        assert!(
            !responses.contains_key(id.as_str()),
            "unfinished {id} exported"
        );
    }
}

#[test]
fn ids_are_unique_and_versions_are_told_apart() {
    let f = fixture();
    let bundle = export(&f.store, &DumpFilter::default());
    let full: Vec<&str> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    let unique: BTreeSet<&&str> = full.iter().collect();
    assert_eq!(unique.len(), full.len());
    let versions: BTreeMap<String, Vec<String>> = resources(&bundle, "Questionnaire")
        .into_iter()
        .fold(BTreeMap::new(), |mut m, q| {
            m.entry(q["url"].as_str().unwrap().to_string())
                .or_default()
                .push(q["version"].as_str().unwrap().to_string());
            m
        });
    assert_eq!(versions[&fhir::questionnaire_url("who-5")], ["3"]);
    let kinds = &versions[&fhir::questionnaire_url("kinds")];
    assert_eq!(kinds.len(), 2);
    assert_ne!(kinds[0], kinds[1]);
    assert!(
        kinds.iter().all(|v| v.starts_with("1+sha256.")),
        "{kinds:?}"
    );
    // Stable: the same data gives the same resource ids.
    let again = export(&f.store, &DumpFilter::default());
    let ids = |b: &Value| -> Vec<String> {
        b["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&bundle), ids(&again));
}

#[test]
fn a_profile_and_a_since_date_limit_the_bundle() {
    let f = fixture();
    let filter = DumpFilter {
        profile_id: Some(f.ben.id),
        since: Some(at(2, 1)),
        ..DumpFilter::default()
    };
    let bundle = export(&f.store, &filter);
    assert!(
        r4_problems(&bundle).is_empty(),
        "{:#?}",
        r4_problems(&bundle)
    );
    let patients = resources(&bundle, "Patient");
    assert_eq!(patients.len(), 1);
    assert_eq!(patients[0]["name"][0]["text"], f.ben.name.as_str());
    assert_eq!(
        patients[0].as_object().unwrap().len(),
        4,
        "only type, id, the labels, name (no client id given)"
    );
    let responses = resources(&bundle, "QuestionnaireResponse");
    assert_eq!(responses.len(), 1, "Ben's WHO-5 of 1 March only");
    assert_eq!(responses[0]["authored"], "2026-03-01T12:00:00.000Z");
    let questionnaires = resources(&bundle, "Questionnaire");
    assert_eq!(questionnaires.len(), 1);
    assert_eq!(questionnaires[0]["url"], fhir::questionnaire_url("who-5"));
}

#[test]
fn an_empty_database_is_an_empty_valid_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("e.db")).unwrap();
    let bundle = export(&store, &DumpFilter::default());
    assert!(r4_problems(&bundle).is_empty());
    assert!(bundle.get("entry").is_none(), "no empty arrays");
    // A profile without check-ins: just its Patient.
    store.add_profile("Solo", at(1, 1)).unwrap();
    let bundle = export(&store, &DumpFilter::default());
    assert!(r4_problems(&bundle).is_empty());
    assert_eq!(bundle["entry"].as_array().unwrap().len(), 1);
}

#[test]
fn number_items_beyond_32_bits_are_decimals() {
    let source = r#"
id = "big"
version = 3
title = "Big numbers"
kind = "reflective"

[[items]]
id = "steps"
type = "number"
min = 0
max = 10000000000
text = "Steps this year?"
"#;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("b.db")).unwrap();
    let p = store.add_profile("Big", at(1, 1)).unwrap();
    let loaded = user(source);
    let mut a = Answers::new();
    a.insert("steps".into(), AnswerValue::Number(5_000_000_000));
    store
        .record_session(p.id, &loaded, &a, at(1, 2), false)
        .unwrap();
    let bundle = export(&store, &DumpFilter::default());
    assert!(
        r4_problems(&bundle).is_empty(),
        "{:#?}",
        r4_problems(&bundle)
    );
    let q = resources(&bundle, "Questionnaire")[0];
    assert_eq!(q["item"][0]["type"], "decimal");
    assert_eq!(q["version"], "3");
    let qr = resources(&bundle, "QuestionnaireResponse")[0];
    assert_eq!(qr["item"][0]["answer"][0]["valueDecimal"], 5_000_000_000i64);
}

// ---------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------

fn recap(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("recap").unwrap();
    cmd.env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", dir.join("config"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(dir.join("c.db"));
    cmd
}

#[test]
fn export_command_writes_a_private_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["Ann", "Ben"] {
        recap(d).args(["profiles", "add", name]).assert().success();
    }
    recap(d)
        .args(["--profile", "Ann", "record", "barc-10"])
        .args(["--answers", "1,2,3,4,5,6,1,2,3,4", "--date", "2026-01-10"])
        .assert()
        .success();
    recap(d)
        .args(["--profile", "Ben", "record", "who-5"])
        .args([
            "--answers",
            "5,4,3,2,1",
            "--date",
            "2026-02-10",
            "--with-counselor",
        ])
        .assert()
        .success();
    let file = d.join("bundle.json");
    let out = recap(d)
        .args(["export", "--format", "fhir", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let bundle: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert!(
        r4_problems(&bundle).is_empty(),
        "{:#?}",
        r4_problems(&bundle)
    );
    assert_eq!(resources(&bundle, "Patient").len(), 2);
    let qrs = resources(&bundle, "QuestionnaireResponse");
    assert_eq!(qrs.len(), 2);
    let barc = qrs
        .iter()
        .find(|q| q["questionnaire"] == format!("{}|2", fhir::questionnaire_url("barc-10")))
        .unwrap();
    let codes: Vec<&str> = barc["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["answer"][0]["valueCoding"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["1", "2", "3", "4", "5", "6", "1", "2", "3", "4"]);

    // --profile and --since to standard output.
    let out = recap(d)
        .args([
            "--profile",
            "Ben",
            "export",
            "--format",
            "fhir",
            "--since",
            "2026-02-01",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let bundle: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(r4_problems(&bundle).is_empty());
    assert_eq!(resources(&bundle, "Patient").len(), 1);
    let qrs = resources(&bundle, "QuestionnaireResponse");
    assert_eq!(qrs.len(), 1);
    assert_eq!(qrs[0]["extension"][0]["url"], fhir::WITH_COUNSELOR);
    assert_eq!(qrs[0]["extension"][0]["valueBoolean"], true);
}

// ---------------------------------------------------------------------------
// Recovery-network reviews
// ---------------------------------------------------------------------------

/// The fixture with network reviews: two for Ann (the second a day of
/// changes), one for Ben with no entries left.
fn with_network() -> (Fixture, Vec<recap::network::Review>) {
    use recap::network::{Change, Contact, Entry, Kind, Support};
    let f = fixture();
    let mut mum = Entry::new("Mum <&>", Kind::Person, Support::Supportive).unwrap();
    mum.closeness = Some(5);
    mum.contact = Some(Contact::Weekly);
    mum.role_model = true;
    let mut peers = Entry::new("Peer group", Kind::Group, Support::Supportive).unwrap();
    peers.belonging = Some(4);
    let mut clinic = Entry::new("Clinic", Kind::Place, Support::Mixed).unwrap();
    clinic.available = true;
    clinic.uses = true;
    for e in [&mum, &peers, &clinic] {
        f.store
            .network_change(f.ann.id, at(1, 10), &Change::Add(e.clone()))
            .unwrap();
    }
    f.store.network_walked_through(f.ann.id, at(1, 10)).unwrap();
    f.store
        .network_change(f.ann.id, at(2, 10), &Change::Remove(peers.id.clone()))
        .unwrap();
    let solo = Entry::new("B", Kind::Person, Support::Unsupportive).unwrap();
    f.store
        .network_change(f.ben.id, at(3, 1), &Change::Add(solo.clone()))
        .unwrap();
    f.store
        .network_change(f.ben.id, at(3, 1), &Change::Remove(solo.id))
        .unwrap();
    let mut reviews = f.store.network_reviews(f.ann.id).unwrap();
    reviews.extend(f.store.network_reviews(f.ben.id).unwrap());
    (f, reviews)
}

/// A network response's entries as the store holds them.
fn decoded_entries(qr: &Value) -> Vec<recap::network::Entry> {
    use recap::network::{Contact, Entry, Kind, Support};
    qr["item"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|group| {
            assert_eq!(group["linkId"], "entry");
            let get = |link: &str| {
                group["item"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|i| i["linkId"] == link)
                    .map(|i| i["answer"][0].clone())
            };
            let text = |link: &str| {
                get(link).unwrap()["valueString"]
                    .as_str()
                    .unwrap()
                    .to_string()
            };
            let code = |link: &str| {
                get(link).map(|a| a["valueCoding"]["code"].as_str().unwrap().to_string())
            };
            let int = |link: &str| get(link).map(|a| a["valueInteger"].as_u64().unwrap() as u8);
            let yes = |link: &str| get(link).is_some_and(|a| a["valueBoolean"] == true);
            Entry {
                id: text("entry-id"),
                name: text("name"),
                kind: Kind::parse(&code("kind").unwrap()).unwrap(),
                support: Support::parse(&code("support").unwrap()).unwrap(),
                closeness: int("closeness"),
                belonging: int("belonging"),
                contact: code("contact").map(|c| Contact::parse(&c).unwrap()),
                role_model: yes("role-model"),
                available: yes("available"),
                reachable: yes("reachable"),
                uses: yes("uses"),
            }
        })
        .collect()
}

#[test]
fn network_reviews_are_r4_responses_with_a_repeating_group_per_entry() {
    let (f, reviews) = with_network();
    let bundle = export(&f.store, &DumpFilter::default());
    let problems = r4_problems(&bundle);
    assert!(problems.is_empty(), "{problems:#?}");
    let canonical = format!(
        "{}|1",
        fhir::questionnaire_url(fhir::network::QUESTIONNAIRE_ID)
    );
    let network: Vec<&Value> = resources(&bundle, "QuestionnaireResponse")
        .into_iter()
        .filter(|r| r["questionnaire"] == canonical.as_str())
        .collect();
    assert_eq!(network.len(), reviews.len());
    assert_eq!(network.len(), 3);
    // One network Questionnaire, with a repeating group.
    let q: Vec<&Value> = resources(&bundle, "Questionnaire")
        .into_iter()
        .filter(|q| q["url"] == fhir::questionnaire_url("recap-network"))
        .collect();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0]["item"][0]["type"], "group");
    assert_eq!(q[0]["item"][0]["repeats"], true);
    // Each response holds its review's entries exactly, for its person.
    for review in &reviews {
        let qr = network
            .iter()
            .find(|r| r["id"] == review.id.as_str())
            .unwrap();
        assert_eq!(decoded_entries(qr), review.entries, "{}", review.id);
        let owner = if review.profile_id == f.ann.id {
            &f.ann
        } else {
            &f.ben
        };
        assert_eq!(
            qr["subject"]["reference"],
            format!("urn:uuid:{}", owner.uuid)
        );
        assert_eq!(qr["status"], "completed");
    }
    // A review with no entries is a response without items.
    assert!(network.iter().any(|r| r.get("item").is_none()));

    // The checker finds broken groups.
    let mut broken = bundle.clone();
    let qr = broken["entry"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| {
            e["resource"]["questionnaire"] == canonical.as_str()
                && e["resource"].get("item").is_some()
        })
        .unwrap();
    qr["resource"]["item"][0]["item"][1]["answer"][0] = serde_json::json!({"valueInteger": 3});
    let first = qr["resource"]["item"][0]["item"][0].clone();
    qr["resource"]["item"][0]["item"]
        .as_array_mut()
        .unwrap()
        .push(first);
    qr["resource"]["item"][0]["answer"] = serde_json::json!([{"valueString": "x"}]);
    qr["resource"]["item"][1]["item"]
        .as_array_mut()
        .unwrap()
        .retain(|i| i["linkId"] != "support");
    let found = r4_problems(&broken).join("\n");
    for want in [
        "valueInteger for a string item",
        "linkId entry-id twice",
        "a group item with answers",
        "required item support unanswered",
    ] {
        assert!(found.contains(want), "{want} not found in:\n{found}");
    }

    // One profile: only its reviews.
    let ben = export(
        &f.store,
        &DumpFilter {
            profile_id: Some(f.ben.id),
            ..DumpFilter::default()
        },
    );
    assert!(r4_problems(&ben).is_empty());
    let ben_network = resources(&ben, "QuestionnaireResponse")
        .into_iter()
        .filter(|r| r["questionnaire"] == canonical.as_str())
        .count();
    assert_eq!(ben_network, 1);
}

// ---------------------------------------------------------------------------
// Records an agency can take: identifiers, author, scores, labels, notes
// ---------------------------------------------------------------------------

/// The labels every resource about a person carries.
fn labels(r: &Value) -> Vec<(String, String)> {
    r["meta"]["security"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["system"].as_str().unwrap().to_string(),
                c["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// `recap` on the database `db` in `d` (as `recap`, another file).
fn recap_at(d: &Path, db: &str) -> Command {
    let mut cmd = Command::cargo_bin("recap").unwrap();
    cmd.env_remove("RECAP_DB")
        .env("RECAP_CONFIG_DIR", d.join("config"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .arg("--db")
        .arg(d.join(db));
    cmd
}

fn fhir_export(d: &Path, db: &str, extra: &[&str]) -> Value {
    let out = recap_at(d, db)
        .args(["export", "--format", "fhir"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn identifiers_author_scores_labels_and_shared_notes_are_valid_r4_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("config")).unwrap();
    std::fs::write(
        d.join("config/config.toml"),
        "[counselor]\nname = \"Dana Reyes\"\nprogram = \"Harbor Outpatient\"\nclient_id_system = \"urn:oid:2.16.840.1.113883.19.5\"\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = recap(d).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["profiles", "add", "A.L.", "--client-id", "MRN-0042"]);
    run(&["profiles", "add", "B.K."]);
    let al = ["--profile", "A.L."];
    run(&[
        &al[..],
        &[
            "record",
            "who-5",
            "--answers",
            "4,4,4,4,4",
            "--date",
            "2026-01-05",
            "--with-counselor",
        ],
    ]
    .concat());
    run(&[
        &al[..],
        &[
            "record",
            "who-5",
            "--answers",
            "1,1,1,1,1",
            "--date",
            "2026-01-19",
        ],
    ]
    .concat());
    run(&[
        "--profile",
        "B.K.",
        "record",
        "barc-10",
        "--answers",
        "3,3,3,3,3,3,3,3,3,3",
        "--date",
        "2026-01-07",
    ]);
    let history = run(&[&al[..], &["history", "--json"]].concat());
    let history: Value = serde_json::from_str(&history).unwrap();
    let together = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["date"].as_str().unwrap().starts_with("2026-01-05"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    run(&[
        &al[..],
        &[
            "notes",
            "add",
            "--shared",
            "--about",
            &together,
            "Walk daily; call Sam on Fridays.",
        ],
    ]
    .concat());
    run(&[&al[..], &["notes", "add", "Private: unsure about housing."]].concat());

    // Without --with-notes: no Communication at all.
    let plain = fhir_export(d, "c.db", &[]);
    assert!(resources(&plain, "Communication").is_empty());

    let bundle = fhir_export(d, "c.db", &["--with-notes"]);
    let problems = r4_problems(&bundle);
    assert!(problems.is_empty(), "{problems:#?}");

    // The Patient carries the client id under the configured system; a
    // profile without one has no identifier.
    let patients = resources(&bundle, "Patient");
    let al_patient = patients
        .iter()
        .find(|p| p["name"][0]["text"] == "A.L.")
        .unwrap();
    assert_eq!(
        al_patient["identifier"],
        serde_json::json!([{"use": "usual", "system": "urn:oid:2.16.840.1.113883.19.5", "value": "MRN-0042"}])
    );
    let bk_patient = patients
        .iter()
        .find(|p| p["name"][0]["text"] == "B.K.")
        .unwrap();
    assert!(bk_patient.get("identifier").is_none());

    // The counselor is a Practitioner, the author of the response done
    // together, never of the one done alone; the person is the source.
    let practitioners = resources(&bundle, "Practitioner");
    assert_eq!(practitioners.len(), 1);
    assert_eq!(practitioners[0]["name"][0]["text"], "Dana Reyes");
    let dana = format!("urn:uuid:{}", practitioners[0]["id"].as_str().unwrap());
    let al_ref = format!("urn:uuid:{}", al_patient["id"].as_str().unwrap());
    let responses = resources(&bundle, "QuestionnaireResponse");
    let together_qr = responses
        .iter()
        .find(|r| r["id"] == together.as_str())
        .unwrap();
    assert_eq!(together_qr["author"]["reference"], dana.as_str());
    assert_eq!(together_qr["source"]["reference"], al_ref.as_str());
    let alone: Vec<_> = responses
        .iter()
        .filter(|r| r["subject"]["reference"] == al_ref.as_str() && r["id"] != together.as_str())
        .collect();
    assert_eq!(alone.len(), 1);
    assert!(alone[0].get("author").is_none());

    // One Observation per score, derived from its response, with the
    // stored score's value.
    let observations = resources(&bundle, "Observation");
    assert_eq!(observations.len(), 3, "WHO-5 twice, BARC-10 once");
    for qr in &responses {
        let derived: Vec<_> = observations
            .iter()
            .filter(|o| {
                o["derivedFrom"][0]["reference"]
                    == format!("urn:uuid:{}", qr["id"].as_str().unwrap()).as_str()
            })
            .collect();
        assert_eq!(derived.len(), 1, "{}", qr["id"]);
        assert_eq!(derived[0]["subject"], qr["subject"]);
    }
    let together_score = observations
        .iter()
        .find(|o| o["derivedFrom"][0]["reference"] == format!("urn:uuid:{together}").as_str())
        .unwrap();
    assert_eq!(together_score["valueQuantity"]["value"], 80.0);

    // Every resource about a person is labelled restricted, substance use
    // information, 42 CFR Part 2; so is the Bundle.
    let want = [
        (
            "http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
            "R",
        ),
        ("http://terminology.hl7.org/CodeSystem/v3-ActCode", "ETH"),
        (
            "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "42CFRPart2",
        ),
    ]
    .map(|(s, c)| (s.to_string(), c.to_string()));
    assert_eq!(labels(&bundle), want);
    for kind in [
        "Patient",
        "Practitioner",
        "QuestionnaireResponse",
        "Observation",
        "Communication",
    ] {
        for r in resources(&bundle, kind) {
            assert_eq!(labels(r), want, "{kind}");
        }
    }

    // Shared notes only, from their author, about their check-in.
    let notes = resources(&bundle, "Communication");
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0]["payload"][0]["contentString"],
        "Walk daily; call Sam on Fridays."
    );
    assert_eq!(notes[0]["sender"]["reference"], dana.as_str());
    assert_eq!(notes[0]["subject"]["reference"], al_ref.as_str());
    assert_eq!(
        notes[0]["about"][0]["reference"],
        format!("urn:uuid:{together}").as_str()
    );
    let text = serde_json::to_string(&bundle).unwrap();
    assert!(
        !text.contains("unsure about housing"),
        "a private note left"
    );

    // Round trip: the complete JSON export imported elsewhere gives the same
    // Bundle (client ids, notes with their author, check-ins and scores).
    let file = d.join("all.json");
    run(&[
        "export",
        "--format",
        "json",
        "--with-private-notes",
        "--out",
        file.to_str().unwrap(),
    ]);
    let out = recap_at(d, "copy.db")
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = fhir_export(d, "copy.db", &["--with-notes"]);
    let entries = |b: &Value| b["entry"].clone();
    assert_eq!(entries(&again), entries(&bundle));
}

#[test]
fn goals_are_valid_r4_goals_addressing_their_score() {
    use recap::plan::{Dimension, GoalStatus, Source, SourceKind};
    use recap::store::{NewGoal, StepReview};
    let f = fixture();
    let weekly = f
        .store
        .sessions(
            f.ann.id,
            &SessionQuery {
                questionnaire_id: Some("samhsa-dimensions".into()),
                ..SessionQuery::default()
            },
        )
        .unwrap()
        .pop()
        .unwrap();
    let from_score = Source {
        kind: SourceKind::Score,
        questionnaire_id: Some("samhsa-dimensions".into()),
        item_id: None,
        score_id: Some("home".into()),
        session_id: Some(weekly.id.clone()),
        entry_id: None,
        words: "Weekly check-in, Home: 25 of 100".into(),
    };
    let goal = f
        .store
        .add_goal(
            f.ann.id,
            &NewGoal {
                text: "Fix the lock on my door".into(),
                dimension: Some(Dimension::Home),
                steps: vec!["Call the landlord".into()],
                due: chrono::NaiveDate::from_ymd_opt(2026, 5, 1),
                source: Some(from_score),
            },
            at(3, 10),
        )
        .unwrap();
    f.store
        .review_steps(
            Some(&weekly.id),
            &[StepReview {
                goal_id: goal.id.clone(),
                step_id: goal.steps[0].id.clone(),
                state: recap::plan::StepState::Done,
            }],
            at(3, 11),
        )
        .unwrap();
    let other = f
        .store
        .add_goal(
            f.ben.id,
            &NewGoal {
                text: "Rest".into(),
                dimension: Some(Dimension::Health),
                ..NewGoal::default()
            },
            at(3, 10),
        )
        .unwrap();
    for (status, lifecycle) in [
        (GoalStatus::Paused, "on-hold"),
        (GoalStatus::LetGo, "cancelled"),
        (GoalStatus::Achieved, "completed"),
    ] {
        f.store
            .set_goal_status(&other.id, status, Some("a note"), at(3, 12))
            .unwrap();
        let bundle = export(&f.store, &DumpFilter::default());
        let problems = r4_problems(&bundle);
        assert!(problems.is_empty(), "{problems:#?}");
        let goals = resources(&bundle, "Goal");
        assert_eq!(goals.len(), 2);
        let g = goals.iter().find(|g| g["id"] == other.id.as_str()).unwrap();
        assert_eq!(g["lifecycleStatus"], lifecycle);
        if status == GoalStatus::Achieved {
            assert_eq!(g["achievementStatus"]["coding"][0]["code"], "achieved");
        } else {
            assert!(g.get("achievementStatus").is_none());
        }
    }
    let bundle = export(&f.store, &DumpFilter::default());
    let g = resources(&bundle, "Goal")
        .into_iter()
        .find(|g| g["id"] == goal.id.as_str())
        .unwrap()
        .clone();
    assert_eq!(g["lifecycleStatus"], "active");
    assert_eq!(g["achievementStatus"]["coding"][0]["code"], "in-progress");
    assert_eq!(g["description"]["text"], "Fix the lock on my door");
    assert_eq!(g["target"][0]["dueDate"], "2026-05-01");
    assert_eq!(g["category"][0]["coding"][0]["code"], "home");
    // It addresses the Home score's Observation of that check-in, in the Bundle.
    let reference = g["addresses"][0]["reference"].as_str().unwrap();
    let observation = resources(&bundle, "Observation")
        .into_iter()
        .find(|o| format!("urn:uuid:{}", o["id"].as_str().unwrap()) == reference)
        .unwrap();
    assert_eq!(observation["code"]["coding"][0]["code"], "home");
    let notes: Vec<&str> = g["note"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        notes,
        [
            "From: Weekly check-in, Home: 25 of 100",
            "Step: Call the landlord (done)"
        ]
    );
    // The checker finds a broken Goal.
    let mut broken = bundle.clone();
    let entry = broken["entry"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["resource"]["id"] == goal.id.as_str())
        .unwrap();
    entry["resource"]["lifecycleStatus"] = "paused".into();
    entry["resource"]["subject"]["reference"] = "urn:uuid:nobody".into();
    entry["resource"]["target"][0]["dueDate"] = "soon".into();
    let found = r4_problems(&broken).join("\n");
    for want in [
        "lifecycleStatus \"paused\"",
        "does not resolve",
        "dueDate \"soon\"",
    ] {
        assert!(found.contains(want), "{want} not found in:\n{found}");
    }
    // A profile's export holds only its goals; with the check-in left out
    // by --since, the goal addresses nothing.
    let only_ben = export(
        &f.store,
        &DumpFilter {
            profile_id: Some(f.ben.id),
            ..DumpFilter::default()
        },
    );
    assert_eq!(resources(&only_ben, "Goal").len(), 1);
    let later = export(
        &f.store,
        &DumpFilter {
            since: Some(at(3, 9)),
            ..DumpFilter::default()
        },
    );
    assert!(r4_problems(&later).is_empty());
    for g in resources(&later, "Goal") {
        assert!(g.get("addresses").is_none());
    }
}
