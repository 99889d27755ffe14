// The write rules of a province's sync database (issue 30), installed as `_design/ntm`'s
// validate_doc_update by scripts/couch-setup.mjs, which writes the province's code and
// the app's reserved ids into the @…@ places. CouchDB runs it on every write.
//
// This is the JavaScript copy of the Rust contract `src/exchange/access/` (ids.rs,
// roles.rs, mod.rs, identity.rs, and the field checks of src/exchange/check*.rs): the same
// steps in the same order, the same reasons. `tests/access_contract.rs` runs this file in
// Node against the Rust contract on thousands of generated documents × accounts and
// requires the same verdict for every one; change both together.
//
// Written in ES5 (CouchDB's JavaScript engines). A refusal throws {forbidden: reason}.
function (newDoc, oldDoc, userCtx, secObj) {
  var PROVINCE = "@PROVINCE@";
  var BUILTIN_LINEAGES = @BUILTIN_LINEAGES@;
  var BUILTIN_QUANTITIES = @BUILTIN_QUANTITIES@;
  var OFFICIAL_DEVICE = "danh-muc-chinh-thuc";
  var OFFICIAL_AUTHOR = "Danh mục chính thức";
  var OFFICIAL_WALL_MS = 1420070400000;
  var EARLIEST_MS = 1420070400000;
  var MAX_NAME = 120, MAX_SHORT = 200, MAX_NOTE = 2000, MAX_NUMBER = 1e12;
  var MAX_COUNTER = 1000000, MAX_DOC_HISTORY = 10000;
  var INVALID = "Dữ liệu không hợp lệ";

  function Refused(reason) { this.reason = reason; }
  function no(reason) { throw new Refused(reason); }
  function invalid(detail) { no(INVALID + ": " + detail); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObj(v) { return v !== null && typeof v === "object" && !(v instanceof Array); }
  function indexOf(list, x) { for (var i = 0; i < list.length; i++) { if (list[i] === x) return i; } return -1; }
  function digits(s, n) { return typeof s === "string" && s.length === n && /^[0-9]+$/.test(s); }
  function validId(s) { return typeof s === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(s); }
  function itemId(s) { return typeof s === "string" && /^[A-Za-z0-9._-]{1,20}$/.test(s); }
  // Characters as Rust counts them (code points, not UTF-16 units).
  function chars(s) { return s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length; }

  // ---- roles (roles.rs) ----
  function parseRole(r) {
    if (r === "_admin") return { kind: "admin" };
    var m;
    if ((m = /^province:([0-9]{2})$/.exec(r))) return { kind: "member", p: m[1] };
    if ((m = /^province-official:([0-9]{2})$/.exec(r))) return { kind: "official", p: m[1] };
    if ((m = /^commune:([0-9]{5})$/.exec(r))) return { kind: "commune", c: m[1] };
    if ((m = /^village:([0-9]{5})\/([A-Za-z0-9_-]{1,64})$/.exec(r))) return { kind: "village", c: m[1], v: m[2] };
    return null;
  }
  var roles = [];
  var given = (userCtx && userCtx.roles) || [];
  for (var ri = 0; ri < given.length; ri++) {
    var parsed = typeof given[ri] === "string" ? parseRole(given[ri]) : null;
    if (parsed) roles.push(parsed);
  }
  function hasRole(test) { for (var i = 0; i < roles.length; i++) { if (test(roles[i])) return true; } return false; }

  // ---- ids (ids.rs) ----
  function unitFromKey(key) {
    var m = /^(province|district|commune|village):(.*)$/.exec(key);
    if (!m || !validId(m[2])) return null;
    var ok = m[1] === "province" ? digits(m[2], 2) : m[1] === "district" ? digits(m[2], 3) : m[1] === "commune" ? digits(m[2], 5) : true;
    return ok ? { level: m[1], id: m[2] } : null;
  }
  function unitKey(u) { return u.level + ":" + u.id; }
  function setIdOf(s) {
    var at = s.indexOf("@");
    if (at < 0) return null;
    var id = s.slice(0, at), version = s.slice(at + 1);
    if (!validId(id) || !validId(version)) return null;
    return { id: id, version: version };
  }
  function parsePeriod(s) {
    var m = /^([0-9]+)(-H1)?$/.exec(s);
    if (!m || m[1].length > 5 || Number(m[1]) > 65535) return null;
    var year = Number(m[1]);
    if (String(year) !== m[1] || year < 2000 || year > 2100) return null;
    return { year: year, part: m[2] ? "first_half" : "full_year" };
  }
  function periodText(p) { return p.part === "first_half" ? p.year + "-H1" : String(p.year); }
  var RECORD_KINDS = { "ocop-product": "product", "ocop-rating": "rating", "plan": "plan", "recognition": "recognition", "quantity": "quantity", "resource": "resource" };
  function parseKey(id) {
    if (id.length > 300) return null;
    var hash = id.indexOf("#");
    if (hash >= 0) {
      var kind = id.slice(0, hash), rest = id.slice(hash + 1);
      if (kind === "unit") {
        var u = unitFromKey(rest);
        return u && u.level !== "district" ? { kind: "unit", unit: u } : null;
      }
      if (kind === "set") { var s = setIdOf(rest); return s ? { kind: "set", set: s } : null; }
      if (has(RECORD_KINDS, kind)) return validId(rest) ? { kind: RECORD_KINDS[kind], id: rest } : null;
    }
    var assessment = id, item = null;
    if (hash >= 0) {
      assessment = id.slice(0, hash);
      var m = /^(mark|value):(.*)$/.exec(id.slice(hash + 1));
      if (!m || !itemId(m[2])) return null;
      item = { kind: m[1], id: m[2] };
    }
    var parts = assessment.split("|");
    if (parts.length !== 3) return null;
    var unit = unitFromKey(parts[0]), set = setIdOf(parts[1]), period = parsePeriod(parts[2]);
    if (!unit || !set || !period) return null;
    return { kind: "assessment", unit: unit, set: set, period: period, item: item };
  }
  function keyText(k) {
    if (k.kind === "unit") return "unit#" + unitKey(k.unit);
    if (k.kind === "set") return "set#" + k.set.id + "@" + k.set.version;
    if (k.kind === "assessment") {
      var a = unitKey(k.unit) + "|" + k.set.id + "@" + k.set.version + "|" + periodText(k.period);
      return k.item ? a + "#" + k.item.kind + ":" + k.item.id : a;
    }
    for (var name in RECORD_KINDS) { if (RECORD_KINDS[name] === k.kind) return name + "#" + k.id; }
    return "";
  }
  function lineageOwner(lineage) {
    var m = /^([pc])([0-9]+)-/.exec(lineage);
    if (m && m[1] === "p" && m[2].length === 2) return { kind: "province", p: m[2] };
    if (m && m[1] === "c" && m[2].length === 5) return { kind: "commune", c: m[2] };
    return { kind: "unmarked" };
  }
  function planScope(id) {
    var m = /^(province|district|commune)-([^-]+)-([0-9]+)$/.exec(id);
    if (!m) return null;
    var year = Number(m[3]);
    if (String(year) !== m[3] || year > 65535) return null;
    return unitFromKey(m[1] + ":" + m[2]);
  }

  // ---- types: serde's reading of src/domain/couch_docs.rs ValueDoc ----
  var STR = { t: "str" }, BOOL = { t: "bool" }, F64 = { t: "num" }, ANY = { t: "any" }, DATE = { t: "date" };
  var U16 = { t: "int", max: 65535 }, U32 = { t: "int", max: 4294967295 }, U64 = { t: "int", max: 18446744073709551615 };
  function opt(T) { return { t: "opt", of: T }; }
  function def(T) { return { t: "def", of: T }; }
  function vec(T) { return { t: "vec", of: T }; }
  function obj(fields) { return { t: "obj", of: fields }; }
  function oneOf(list) { return { t: "enum", of: list }; }
  function adj(tag, content, variants) { return { t: "adj", tag: tag, content: content, of: variants }; }
  var STAMP = obj({ hlc: obj({ wall_ms: U64, counter: U32 }), device: STR, author: STR });
  var SET_ID = obj({ id: STR, version: STR });
  var UNIT_REF = adj("level", "id", { province: STR, district: STR, commune: STR, village: STR });
  var PERIOD = obj({ year: U16, part: oneOf(["first_half", "full_year"]) });
  var KEY = obj({ unit: UNIT_REF, set: SET_ID, period: PERIOD });
  var REGION = oneOf(["TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL"]);
  var GROUP = oneOf(["NHOM1", "NHOM2", "NHOM3"]);
  var LEVEL = oneOf(["xa_ntm", "xa_nang_cao", "xa_kieu_mau", "xa_ntm_hien_dai", "thon_ntm", "thon_kieu_mau", "custom"]);
  var MARK_ENTRY = obj({ value: opt(oneOf(["met", "not_met", "not_applicable"])), note: def(STR) });
  var VALUE_ENTRY = obj({ value: opt(adj("type", "value", { number: F64, yes_no: BOOL, text: STR })), note: def(STR) });
  var UNIT = adj("kind", "unit", {
    province: obj({ code: STR, name: STR }),
    commune: obj({ code: STR, name: STR, kind: oneOf(["xa", "phuong", "dac_khu"]), province_code: STR,
      legacy_district: opt(obj({ code: STR, name: STR })), region: opt(REGION), group: opt(GROUP),
      village_set: opt(SET_ID), archived: def(BOOL) }),
    village: obj({ id: STR, commune_code: STR, name: STR, kind: oneOf(["thon", "ban", "ap", "khu_dan_cu", "to_dan_pho"]),
      merged_into: opt(STR), archived: def(BOOL) })
  });
  var PRODUCT = obj({ id: STR, name: STR, group: oneOf(["thuc_pham", "do_uong", "duoc_lieu", "thu_cong_my_nghe", "sinh_vat_canh", "dich_vu_du_lich"]),
    subgroup: def(STR), producer: STR, producer_kind: oneOf(["doanh_nghiep", "hop_tac_xa", "to_hop_tac", "ho_san_xuat_kinh_doanh"]),
    commune_code: STR, archived: def(BOOL) });
  var RATING = obj({ id: STR, product_id: STR, points: obj({ a: F64, b: F64, c: F64 }),
    certified_by: oneOf(["district", "province", "central"]), decision_no: def(STR), issue_date: DATE });
  var PLAN = obj({ id: STR, scope: adj("level", "code", { province: STR, district: STR, commune: STR }), year: U16,
    targets: vec({ t: "tup", of: [oneOf(["communes_ntm", "communes_nang_cao", "communes_kieu_mau", "villages_ntm", "ocop_products"]), U32] }),
    average_criteria: opt(F64), min_criteria: opt(U32) });
  var SOURCE = obj({ citation: STR, url: opt(STR), note: opt(STR) });
  var THRESHOLD = obj({ scope: { t: "ext", of: { all: null, region: REGION, group: GROUP } }, year: opt(U16), value: F64, source: SOURCE, verified: BOOL });
  var INDICATOR = obj({ id: STR, code: STR, text: STR,
    kind: oneOf(["pass_fail", "percent_at_least", "percent_at_most", "number_at_least", "number_at_most", "count_at_least", "text"]),
    unit: opt(STR), thresholds: def(vec(THRESHOLD)), source: SOURCE, verified: BOOL });
  var CRITERION = obj({ id: STR, code: STR, name: STR, group: opt(STR), indicators: def(vec(INDICATOR)),
    auto: opt(oneOf(["nang_cao_achieved"])), source: SOURCE, verified: BOOL });
  var SET = obj({ id: STR, version: STR, number: U32, parents: opt(vec(STR)), code: STR, title: STR, legal_basis: STR,
    period: obj({ from: U16, to: U16 }), level: LEVEL, dimension: oneOf(["regions", "commune_groups", "none"]),
    groups: def(vec(obj({ id: STR, name: STR }))), criteria: vec(CRITERION), source: SOURCE, builtin: BOOL,
    derived_from: opt(SET_ID), notes: opt(STR) });
  var RECOGNITION = obj({ id: STR, unit: UNIT_REF, level: LEVEL, step: oneOf(["registered", "appraised", "recognised", "withdrawn"]),
    target_year: opt(U16), date: DATE, decision_no: def(STR), issuer: def(STR), note: def(STR) });
  var QUANTITY = obj({ id: STR, group: STR, name: STR, name_en: opt(STR), unit: STR });
  var RESOURCE = obj({ id: STR, unit: UNIT_REF, period: PERIOD, quantity: STR, value: F64, source: def(STR), note: def(STR) });
  var DATA = { unit: UNIT, ocop_product: PRODUCT, ocop_rating: RATING, plan: PLAN, criteria_set: SET, recognition: RECOGNITION, quantity: QUANTITY, resource: RESOURCE };
  function record(T) { return obj({ id: STR, data: T, stamp: STAMP, archived: def(BOOL) }); }
  function recordBody(T) { return obj({ data: T, archived: BOOL }); }
  var TARGET = { t: "int_tag", tag: "kind", of: {
    mark: obj({ assessment: STR, criterion: STR }), value: obj({ assessment: STR, indicator: STR }),
    unit: obj({ id: STR }), ocop_product: obj({ id: STR }), ocop_rating: obj({ id: STR }), plan: obj({ id: STR }),
    criteria_set: obj({ id: STR }), recognition: obj({ id: STR }), quantity: obj({ id: STR }), resource: obj({ id: STR }) } };
  var HISTORY = obj({ record_key: STR, target: TARGET, old: opt(ANY), "new": opt(ANY), stamp: STAMP, reverts: opt(STAMP), base: opt(vec(STAMP)) });
  var DOC = obj({ _id: STR, scope: obj({ province: opt(STR), commune: opt(STR) }),
    body: adj("kind", "data", { unit: record(UNIT), ocop_product: record(PRODUCT), ocop_rating: record(RATING), plan: record(PLAN),
      set: record(SET), recognition: record(RECOGNITION), quantity: record(QUANTITY), resource: record(RESOURCE), assessment: KEY,
      mark: obj({ key: KEY, criterion: STR, mark: obj({ value: MARK_ENTRY, stamp: STAMP }) }),
      value: obj({ key: KEY, indicator: STR, value: obj({ value: VALUE_ENTRY, stamp: STAMP }) }), history: null }),
    history: def(vec(HISTORY)) });

  // A date as chrono reads one (src/domain/iso_date.rs): a real calendar date.
  function isDate(s) {
    var m = /^\s*([+-][0-9]+|[0-9]{1,4})\s*-\s*([0-9]{1,2})\s*-\s*([0-9]{1,2})\s*$/.exec(s);
    if (!m) return false;
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    if (Math.abs(y) > 262142 || mo < 1 || mo > 12 || d < 1) return false;
    var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
    return d <= days;
  }
  function dateParts(s) {
    var m = /^\s*([+-]?[0-9]+)\s*-\s*([0-9]+)\s*-\s*([0-9]+)\s*$/.exec(s);
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  // Whether `v` reads as type T (serde's rules: unknown fields refused, Option fields may be
  // absent or null, default fields absent, integers whole and in range).
  function fits(v, T) {
    var k, i;
    switch (T.t) {
      case "any": return true;
      case "str": return typeof v === "string";
      case "bool": return typeof v === "boolean";
      case "num": return typeof v === "number";
      case "int": return typeof v === "number" && v >= 0 && v <= T.max && Math.floor(v) === v;
      case "date": return typeof v === "string" && isDate(v);
      case "opt": return v === null || fits(v, T.of);
      case "def": return fits(v, T.of);
      case "enum": return typeof v === "string" && indexOf(T.of, v) >= 0;
      case "vec":
        if (!(v instanceof Array)) return false;
        for (i = 0; i < v.length; i++) { if (!fits(v[i], T.of)) return false; }
        return true;
      case "tup": return v instanceof Array && v.length === 2 && fits(v[0], T.of[0]) && fits(v[1], T.of[1]);
      case "obj":
        if (!isObj(v)) return false;
        for (k in v) { if (has(v, k) && !has(T.of, k)) return false; }
        for (k in T.of) {
          if (!has(T.of, k)) continue;
          var F = T.of[k];
          if (!has(v, k)) { if (F.t === "opt" || F.t === "def") continue; return false; }
          if (!fits(v[k], F)) return false;
        }
        return true;
      case "adj":
        if (!isObj(v)) return false;
        for (k in v) { if (has(v, k) && k !== T.tag && k !== T.content) return false; }
        if (typeof v[T.tag] !== "string" || !has(T.of, v[T.tag])) return false;
        var C = T.of[v[T.tag]];
        if (C === null) return !has(v, T.content) || v[T.content] === null;
        return has(v, T.content) && fits(v[T.content], C);
      case "ext":
        if (typeof v === "string") return has(T.of, v) && T.of[v] === null;
        if (!isObj(v)) return false;
        var keys = [];
        for (k in v) { if (has(v, k)) keys.push(k); }
        if (keys.length !== 1 || !has(T.of, keys[0])) return false;
        return T.of[keys[0]] === null ? v[keys[0]] === null : fits(v[keys[0]], T.of[keys[0]]);
      case "int_tag":
        if (!isObj(v) || typeof v[T.tag] !== "string" || !has(T.of, v[T.tag])) return false;
        var rest = {};
        for (k in v) { if (has(v, k) && k !== T.tag) rest[k] = v[k]; }
        return fits(rest, T.of[v[T.tag]]);
    }
    return false;
  }

  // ---- field checks: what a file's record must hold (src/exchange/check*.rs), no clock ----
  var REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u0600-\u0605\u061C\u06DD\u070F\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/;
  function refused(s, multiline) { return REFUSED.test(s) || (!multiline && /[\t\n\r]/.test(s)); }
  // "chứa … U+202E ở vị trí 5", as text.rs RefusedChar::message words it (position in
  // characters from 1), or null.
  function firstRefused(s, multiline) {
    var at = 0;
    for (var i = 0; i < s.length; i++) {
      at++;
      var c = s.charAt(i);
      if (/[\uD800-\uDBFF]/.test(c) && i + 1 < s.length) { i++; continue; }
      if (refused(c, multiline)) {
        var hex = c.charCodeAt(0).toString(16).toUpperCase();
        while (hex.length < 4) hex = "0" + hex;
        return "chứa ký tự điều khiển hoặc ký tự ẩn U+" + hex + " ở vị trí " + at;
      }
    }
    return null;
  }
  function trim(s) { return s.replace(/^\s+|\s+$/g, ""); }
  function nfc(s) { return typeof s.normalize === "function" ? s.normalize("NFC") : s; }
  function clean(s) { return trim(nfc(s)).split(/\s+/).join(" "); }
  function bad(path, what) { invalid(path + ": " + what); }
  function name(path, s, max) {
    var t = trim(s);
    if (!t) bad(path, "không được để trống");
    if (chars(t) > max) bad(path, "dài quá " + max + " ký tự");
    if (refused(t, false)) bad(path, "chứa ký tự điều khiển hoặc ký tự ẩn");
    if (/[<>]/.test(s)) bad(path, "không được chứa < hoặc >");
  }
  function text(path, s, max) {
    var t = trim(s);
    if (chars(t) > max) bad(path, "dài quá " + max + " ký tự");
    if (refused(t, true)) bad(path, "chứa ký tự điều khiển hoặc ký tự ẩn");
  }
  function setText(path, s) { if (s !== clean(s)) bad(path, "chưa ở dạng chuẩn (NFC, một dấu cách)"); }
  function id(path, s) { if (!validId(s)) bad(path, "mã không hợp lệ"); }
  function code(path, s, n) { if (!digits(s, n)) bad(path, "phải gồm " + n + " chữ số"); }
  function itemCode(path, s) { if (!itemId(s)) bad(path, "mã không hợp lệ"); }
  function count(path, n, max) { if (n > max) bad(path, "quá " + max + " mục"); }
  function year(path, y) { if (y < 2000 || y > 2100) bad(path, "năm ngoài 2000–2100"); }
  function stamp(path, s) {
    id(path + ".device", s.device);
    name(path + ".author", s.author, MAX_NAME);
    if (s.hlc.counter > MAX_COUNTER) bad(path + ".hlc.counter", "quá lớn");
    if (s.hlc.wall_ms < EARLIEST_MS) bad(path + ".hlc.wall_ms", "trước năm 2015");
  }
  function pastDate(path, d, earliestYear) { if (dateParts(d)[0] < earliestYear) bad(path, "trước năm " + earliestYear); }
  function dataId(path, dataIdValue, recordId) { if (dataIdValue !== recordId) bad(path + ".data.id", "không khớp với mã bản ghi"); }
  function rec(path, r) { id(path + ".id", r.id); stamp(path + ".stamp", r.stamp); }
  function unitRefCode(path, u) {
    if (u.level === "province") code(path, u.id, 2);
    else if (u.level === "district") code(path, u.id, 3);
    else if (u.level === "commune") code(path, u.id, 5);
    else id(path, u.id);
  }
  function unitName(path, raw) {
    var c = clean(raw);
    if (refused(c, false)) bad(path, "chứa ký tự ẩn");
    if (!c) bad(path, "không được để trống");
    if (chars(c) > MAX_NAME) bad(path, "dài quá " + MAX_NAME + " ký tự");
    if (/[<>]/.test(c)) bad(path, "không được chứa < hoặc >");
  }
  function checkUnit(path, r, withStamp) {
    if (withStamp) stamp(path + ".stamp", r.stamp);
    var u = r.data.unit, kind = r.data.kind;
    var key = kind === "village" ? "village:" + u.id : kind + ":" + u.code;
    if (r.id !== key) bad(path + ".id", "không khớp với đơn vị");
    var d = path + ".data.unit";
    if (kind === "province") { code(d, u.code, 2); unitName(d, u.name); }
    if (kind === "commune") {
      code(d, u.code, 5); code(d, u.province_code, 2);
      if (u.legacy_district) { code(d, u.legacy_district.code, 3); unitName(d, u.legacy_district.name); }
      unitName(d, u.name);
      if (u.legacy_district) name(d + ".legacy_district.name", u.legacy_district.name, MAX_NAME);
      if (u.village_set) { id(d + ".village_set.id", u.village_set.id); id(d + ".village_set.version", u.village_set.version); }
    }
    if (kind === "village") {
      if (!validId(u.id)) bad(d, "mã không hợp lệ");
      if (u.merged_into !== undefined && u.merged_into !== null) {
        if (u.merged_into === u.id) bad(d, "không thể gộp vào chính nó");
        if (!validId(u.merged_into)) bad(d, "mã không hợp lệ");
      }
      code(d, u.commune_code, 5); unitName(d, u.name);
    }
  }
  function checkProduct(path, r) {
    rec(path, r); var p = r.data; dataId(path, p.id, r.id);
    name(path + ".data.name", p.name, MAX_SHORT); name(path + ".data.producer", p.producer, MAX_SHORT);
    text(path + ".data.subgroup", p.subgroup || "", MAX_SHORT); code(path + ".data.commune_code", p.commune_code, 5);
  }
  function checkRating(path, r) {
    rec(path, r); var x = r.data; dataId(path, x.id, r.id); id(path + ".data.product_id", x.product_id);
    var parts = [["a", 40], ["b", 25], ["c", 35]];
    for (var i = 0; i < 3; i++) {
      var v = x.points[parts[i][0]];
      if (!(v >= 0 && v <= parts[i][1])) { bad(path + ".data.points." + parts[i][0], "ngoài 0–" + parts[i][1]); }
    }
    text(path + ".data.decision_no", x.decision_no || "", MAX_SHORT);
    pastDate(path + ".data.issue_date", x.issue_date, 2018);
  }
  function checkPlan(path, r) {
    rec(path, r); var p = r.data; dataId(path, p.id, r.id); year(path + ".data.year", p.year);
    var n = { province: 2, district: 3, commune: 5 }[p.scope.level];
    code(path + ".data.scope", p.scope.code, n);
    count(path + ".data.targets", p.targets.length, 20);
    var a = p.average_criteria;
    if (a !== undefined && a !== null) {
      if (!isFinite(a) || a > 100) bad(path + ".data.average_criteria", "quá 100");
      else if (a < 0) bad(path + ".data.average_criteria", "âm");
    }
    if (p.min_criteria !== undefined && p.min_criteria !== null && p.min_criteria > 100) bad(path + ".data.min_criteria", "quá 100");
    for (var i = 0; i < p.targets.length; i++) { if (p.targets[i][1] > 100000) bad(path + ".data.targets", "quá 100.000"); }
  }
  function checkRecognition(path, r) {
    rec(path, r); var x = r.data; dataId(path, x.id, r.id); unitRefCode(path + ".data.unit", x.unit);
    var village = x.level === "thon_ntm" || x.level === "thon_kieu_mau";
    var fitsLevel = x.unit.level === "commune" ? !village && x.level !== "custom" : x.unit.level === "village" ? village : false;
    if (!fitsLevel) bad(path + ".data.level", "không hợp với đơn vị");
    var ty = x.target_year;
    if (x.step === "registered") { if (ty === undefined || ty === null) bad(path + ".data.target_year", "thiếu"); else year(path + ".data.target_year", ty); }
    else if (ty !== undefined && ty !== null) bad(path + ".data.target_year", "không dùng cho bước này");
    pastDate(path + ".data.date", x.date, 2010);
    text(path + ".data.decision_no", x.decision_no || "", MAX_SHORT);
    text(path + ".data.issuer", x.issuer || "", MAX_SHORT);
    text(path + ".data.note", x.note || "", MAX_NOTE);
  }
  function checkQuantity(path, r) {
    rec(path, r); var q = r.data; dataId(path, q.id, r.id);
    if (indexOf(BUILTIN_QUANTITIES, q.id) >= 0) bad(path + ".data.id", "trùng đại lượng có sẵn");
    id(path + ".data.group", q.group); name(path + ".data.name", q.name, MAX_NAME);
    if (q.name_en !== undefined && q.name_en !== null) name(path + ".data.name_en", q.name_en, MAX_NAME);
    name(path + ".data.unit", q.unit, 40);
  }
  function resourceId(e) { return "r-" + sha256(unitKey(e.unit) + "|" + periodText(e.period) + "|" + e.quantity).slice(0, 24); }
  function checkResource(path, r) {
    rec(path, r); var e = r.data;
    if (e.id !== r.id || e.id !== resourceId(e)) bad(path + ".id", "không khớp với nội dung");
    unitRefCode(path + ".data.unit", e.unit); year(path + ".data.period.year", e.period.year); id(path + ".data.quantity", e.quantity);
    if (!isFinite(e.value) || e.value > MAX_NUMBER) bad(path + ".data.value", "quá lớn");
    else if (e.value < 0) bad(path + ".data.value", "âm");
    text(path + ".data.source", e.source || "", MAX_SHORT); text(path + ".data.note", e.note || "", MAX_NOTE);
  }
  function checkSet(path, r) {
    stamp(path + ".stamp", r.stamp);
    var s = r.data;
    if (r.id !== s.id + "@" + s.version) bad(path + ".id", "không khớp với bộ tiêu chí");
    id(path + ".data.id", s.id); id(path + ".data.version", s.version); id(path + ".data.code", s.code);
    if (s.builtin || indexOf(BUILTIN_LINEAGES, s.id) >= 0) bad(path + ".data", "bộ tiêu chí có sẵn không đi qua đồng bộ");
    else if (s.version !== setVersion(s)) bad(path + ".data.version", "phiên bản không khớp với nội dung");
    var i, j;
    if (s.parents) { count(path + ".data.parents", s.parents.length, 100); for (i = 0; i < s.parents.length; i++) id(path + ".data.parents", s.parents[i]); }
    if (s.derived_from) { id(path + ".data.derived_from.id", s.derived_from.id); id(path + ".data.derived_from.version", s.derived_from.version); }
    name(path + ".data.title", s.title, MAX_SHORT); setText(path + ".data.title", s.title); setText(path + ".data.legal_basis", s.legal_basis);
    text(path + ".data.legal_basis", s.legal_basis, MAX_NOTE);
    count(path + ".data.criteria", s.criteria.length, 200);
    for (i = 0; i < s.criteria.length; i++) {
      var c = s.criteria[i], cp = path + ".data.criteria[" + i + "]";
      itemCode(cp + ".id", c.id); itemCode(cp + ".code", c.code); name(cp + ".name", c.name, MAX_NOTE); setText(cp + ".name", c.name);
      var inds = c.indicators || [];
      count(cp + ".indicators", inds.length, 100);
      for (j = 0; j < inds.length; j++) {
        itemCode(cp + ".indicators.id", inds[j].id); itemCode(cp + ".indicators.code", inds[j].code);
        name(cp + ".indicators.text", inds[j].text, MAX_NOTE); setText(cp + ".indicators.text", inds[j].text);
      }
    }
    setProblems(path + ".data", s);
  }
  // CriteriaSet::problems (src/domain/criteria.rs).
  function setProblems(path, s) {
    function hidden(t, multiline) { if (refused(trim(t), multiline)) bad(path, "chứa ký tự ẩn"); }
    function source(src) { hidden(src.citation, false); if (src.note != null) hidden(src.note, true); if (src.url != null) hidden(src.url, false); }
    hidden(s.code, false); hidden(s.title, false); hidden(s.legal_basis, true);
    if (s.notes != null) hidden(s.notes, true);
    source(s.source);
    var i, j, k, groups = s.groups || [];
    for (i = 0; i < groups.length; i++) hidden(groups[i].name, false);
    for (i = 0; i < s.criteria.length; i++) {
      var c = s.criteria[i], inds = c.indicators || [];
      hidden(c.code, false); hidden(c.name, false); source(c.source);
      for (j = 0; j < inds.length; j++) {
        hidden(inds[j].code, false); hidden(inds[j].text, false);
        if (inds[j].unit != null) hidden(inds[j].unit, false);
        source(inds[j].source);
        var ths = inds[j].thresholds || [];
        for (k = 0; k < ths.length; k++) source(ths[k].source);
      }
    }
    if (!trim(s.code)) bad(path, "thiếu mã bộ tiêu chí");
    if (!trim(s.source.citation)) bad(path, "thiếu nguồn");
    var codes = {}, ids = {}, icodes = {}, iids = {};
    for (i = 0; i < s.criteria.length; i++) {
      var cr = s.criteria[i];
      if (!itemId(cr.id)) bad(path, "mã tiêu chí không hợp lệ");
      if (has(codes, cr.code) || has(ids, cr.id)) bad(path, "tiêu chí trùng");
      codes[cr.code] = true; ids[cr.id] = true;
      if (cr.group != null) {
        var known = false;
        for (k = 0; k < groups.length; k++) { if (groups[k].id === cr.group) known = true; }
        if (!known) bad(path, "nhóm không có trong bộ");
      }
      if (!trim(cr.source.citation)) bad(path, "thiếu nguồn");
      var list = cr.indicators || [];
      for (j = 0; j < list.length; j++) {
        var ind = list[j];
        if (!itemId(ind.id)) bad(path, "mã chỉ tiêu không hợp lệ");
        if (has(icodes, ind.code) || has(iids, ind.id)) bad(path, "chỉ tiêu trùng");
        icodes[ind.code] = true; iids[ind.id] = true;
        if (!trim(ind.source.citation)) bad(path, "thiếu nguồn");
        var th = ind.thresholds || [];
        for (k = 0; k < th.length; k++) {
          var t = th[k];
          if (ind.kind === "pass_fail" || ind.kind === "text") bad(path, "ngưỡng cho chỉ tiêu không phải số");
          if (!trim(t.source.citation)) bad(path, "ngưỡng thiếu nguồn");
          if (!isFinite(t.value)) bad(path, "ngưỡng không phải số");
          else if ((ind.kind === "percent_at_least" || ind.kind === "percent_at_most") && !(t.value >= 0 && t.value <= 100)) bad(path, "tỷ lệ ngoài 0–100");
          var scope = typeof t.scope === "string" ? t.scope : isObj(t.scope) && has(t.scope, "all") ? "all" : isObj(t.scope) && has(t.scope, "region") ? "region" : "group";
          var fitsDim = scope === "all" || (scope === "region" && s.dimension === "regions") || (scope === "group" && s.dimension === "commune_groups");
          if (!fitsDim) bad(path, "ngưỡng không hợp với cách phân vùng của bộ");
        }
      }
    }
  }
  function indicatorValue(path, v) {
    if (v.type === "number") {
      if (!isFinite(v.value)) bad(path, "không phải số");
      else if (v.value < 0) bad(path, "âm");
      else if (v.value > MAX_NUMBER) bad(path, "quá lớn");
    } else if (v.type === "text") text(path, v.value, MAX_NOTE);
  }
  function checkAssessment(path, key, marks, values) {
    var kp = path + ".key";
    unitRefCode(kp + ".unit.id", key.unit);
    id(kp + ".set.id", key.set.id); id(kp + ".set.version", key.set.version);
    year(kp + ".period.year", key.period.year);
    var c;
    for (c in marks) {
      if (!has(marks, c)) continue;
      itemCode(path + ".marks", c); text(path + ".marks.note", marks[c].value.note || "", MAX_NOTE); stamp(path + ".marks.stamp", marks[c].stamp);
    }
    for (c in values) {
      if (!has(values, c)) continue;
      itemCode(path + ".values", c);
      if (values[c].value.value != null) indicatorValue(path + ".values.value", values[c].value.value);
      text(path + ".values.note", values[c].value.note || "", MAX_NOTE); stamp(path + ".values.stamp", values[c].stamp);
    }
  }
  var TARGET_KEYS = { unit: "unit#", ocop_product: "ocop-product#", ocop_rating: "ocop-rating#", plan: "plan#", criteria_set: "set#", recognition: "recognition#", quantity: "quantity#", resource: "resource#" };
  function targetKey(t) {
    if (t.kind === "mark") return t.assessment + "#mark:" + t.criterion;
    if (t.kind === "value") return t.assessment + "#value:" + t.indicator;
    return TARGET_KEYS[t.kind] + t.id;
  }
  function asRecord(tid, data) {
    return { id: tid, data: data, stamp: { hlc: { wall_ms: EARLIEST_MS, counter: 0 }, device: "history", author: "history" }, archived: false };
  }
  function historyValue(path, t, v) {
    if (t.kind === "mark") {
      if (!fits(v, MARK_ENTRY)) bad(path, "không đúng kiểu giá trị");
      text(path + ".note", v.note || "", MAX_NOTE);
      return;
    }
    if (t.kind === "value") {
      if (!fits(v, VALUE_ENTRY)) bad(path, "không đúng kiểu giá trị");
      if (v.value != null) indicatorValue(path + ".value.value", v.value);
      text(path + ".note", v.note || "", MAX_NOTE);
      return;
    }
    if (!fits(v, recordBody(DATA[t.kind]))) bad(path, "không đúng kiểu giá trị");
    checkRecord(t.kind, path, asRecord(t.id, v.data));
  }
  function checkRecord(kind, path, r) {
    if (kind === "unit") checkUnit(path, r, true);
    else if (kind === "ocop_product") checkProduct(path, r);
    else if (kind === "ocop_rating") checkRating(path, r);
    else if (kind === "plan") checkPlan(path, r);
    else if (kind === "criteria_set" || kind === "set") checkSet(path, r);
    else if (kind === "recognition") checkRecognition(path, r);
    else if (kind === "quantity") checkQuantity(path, r);
    else if (kind === "resource") checkResource(path, r);
  }
  function checkHistory(path, h) {
    if (h.record_key !== targetKey(h.target)) bad(path + ".record_key", "không khớp với nội dung sửa");
    stamp(path + ".stamp", h.stamp);
    if (h.base) { count(path + ".base", h.base.length, 100); for (var i = 0; i < h.base.length; i++) stamp(path + ".base", h.base[i]); }
    if (h.old != null) historyValue(path + ".old", h.target, h.old);
    if (h["new"] != null) historyValue(path + ".new", h.target, h["new"]);
  }
  // mod.rs `fields`.
  function fields(doc) {
    if (doc.scope.province != null) code("scope.province", doc.scope.province, 2);
    if (doc.scope.commune != null) code("scope.commune", doc.scope.commune, 5);
    var b = doc.body, p = "body.data", one = {};
    if (b.kind === "assessment") checkAssessment(p, b.data, {}, {});
    else if (b.kind === "mark") { one[b.data.criterion] = b.data.mark; checkAssessment(p, b.data.key, one, {}); }
    else if (b.kind === "value") { one[b.data.indicator] = b.data.value; checkAssessment(p, b.data.key, {}, one); }
    else if (b.kind !== "history") checkRecord(b.kind, p, b.data);
    var history = doc.history || [];
    for (var i = 0; i < history.length; i++) checkHistory("history[" + i + "]", history[i]);
  }

  // ---- a set's version and a resource's id (set_versions.rs, resources.rs) ----
  // The set as serde writes it (Option fields that are None left out, default lists
  // present), with `version` empty and `parents` left out; RFC 8785; SHA-256.
  function setVersion(s) {
    function typed(v) {
      if (v instanceof Array) { var a = []; for (var i = 0; i < v.length; i++) a.push(typed(v[i])); return a; }
      if (!isObj(v)) return v;
      var o = {};
      for (var k in v) { if (has(v, k) && v[k] !== null) o[k] = typed(v[k]); }
      return o;
    }
    var c = typed(s);
    c.version = ""; delete c.parents;
    if (!c.groups) c.groups = [];
    for (var i = 0; i < c.criteria.length; i++) {
      if (!c.criteria[i].indicators) c.criteria[i].indicators = [];
      for (var j = 0; j < c.criteria[i].indicators.length; j++) {
        if (!c.criteria[i].indicators[j].thresholds) c.criteria[i].indicators[j].thresholds = [];
      }
    }
    return s.number + "-" + sha256(canonical(c)).slice(0, 12);
  }
  // RFC 8785: keys sorted by UTF-16 code units, ECMAScript numbers and strings.
  function canonical(v) {
    if (v instanceof Array) { var a = []; for (var i = 0; i < v.length; i++) a.push(canonical(v[i])); return "[" + a.join(",") + "]"; }
    if (isObj(v)) {
      var keys = [];
      for (var k in v) { if (has(v, k)) keys.push(k); }
      keys.sort();
      var parts = [];
      for (var j = 0; j < keys.length; j++) parts.push(JSON.stringify(keys[j]) + ":" + canonical(v[keys[j]]));
      return "{" + parts.join(",") + "}";
    }
    return JSON.stringify(v);
  }
  // SHA-256 of a string's UTF-8 bytes, in hex (FIPS 180-4).
  function sha256(str) {
    var bytes = [], i, j;
    for (i = 0; i < str.length; i++) {
      var c = str.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < str.length) { c = 0x10000 + ((c - 0xd800) << 10) + (str.charCodeAt(++i) - 0xdc00); }
      if (c < 0x80) bytes.push(c);
      else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    var K = [], H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var n = 2, found = 0;
    while (found < 64) {
      var prime = true;
      for (j = 2; j * j <= n; j++) { if (n % j === 0) { prime = false; break; } }
      if (prime) { K.push((Math.pow(n, 1 / 3) % 1) * 4294967296 | 0); found++; }
      n++;
    }
    var bitLength = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) bytes.push(0);
    for (i = 7; i >= 0; i--) bytes.push(i >= 4 ? 0 : (bitLength >>> (i * 8)) & 255);
    var w = [];
    for (i = 0; i < bytes.length; i += 64) {
      for (j = 0; j < 64; j++) {
        if (j < 16) w[j] = (bytes[i + 4 * j] << 24) | (bytes[i + 4 * j + 1] << 16) | (bytes[i + 4 * j + 2] << 8) | bytes[i + 4 * j + 3];
        else {
          var a0 = w[j - 15], a1 = w[j - 2];
          var s0 = ((a0 >>> 7) | (a0 << 25)) ^ ((a0 >>> 18) | (a0 << 14)) ^ (a0 >>> 3);
          var s1 = ((a1 >>> 17) | (a1 << 15)) ^ ((a1 >>> 19) | (a1 << 13)) ^ (a1 >>> 10);
          w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
        }
      }
      var h = H.slice();
      for (j = 0; j < 64; j++) {
        var e = h[4], a = h[0];
        var t1 = (h[7] + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & h[5]) ^ (~e & h[6])) + K[j] + w[j]) | 0;
        var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & h[1]) ^ (a & h[2]) ^ (h[1] & h[2]))) | 0;
        h = [(t1 + t2) | 0, a, h[1], h[2], (h[3] + t1) | 0, e, h[5], h[6]];
      }
      for (j = 0; j < 8; j++) H[j] = (H[j] + h[j]) | 0;
    }
    var hex = "";
    for (i = 0; i < 8; i++) hex += ("00000000" + (H[i] >>> 0).toString(16)).slice(-8);
    return hex;
  }

  // ---- identity (identity.rs): the owner from the id; every unit field agrees ----
  function mismatch(field) { no("Đơn vị ghi ở " + field + " không khớp với mã tài liệu."); }
  function otherProvince(p, province) { if (province !== null && p !== province) no("Dữ liệu của tỉnh " + p + ", không thuộc cơ sở dữ liệu này."); }
  function bodyMatches(doc, key) {
    var b = doc.body, d = b.data;
    function recordId(got, want) { if (got !== want) mismatch("body.data.id"); }
    if (b.kind === "history") { /* any id */ }
    else if (key.kind === "unit" && b.kind === "unit") recordId(d.id, unitKey(key.unit));
    else if (key.kind === "assessment" && !key.item && b.kind === "assessment") { if (assessmentId(d) !== doc._id) mismatch("body.data"); }
    else if (key.kind === "assessment" && key.item && key.item.kind === "mark" && b.kind === "mark" && d.criterion === key.item.id) {
      if (assessmentId(d.key) + "#mark:" + key.item.id !== doc._id) mismatch("body.data.key");
    }
    else if (key.kind === "assessment" && key.item && key.item.kind === "value" && b.kind === "value" && d.indicator === key.item.id) {
      if (assessmentId(d.key) + "#value:" + key.item.id !== doc._id) mismatch("body.data.key");
    }
    else if (key.kind === "product" && b.kind === "ocop_product") recordId(d.id, key.id);
    else if (key.kind === "rating" && b.kind === "ocop_rating") recordId(d.id, key.id);
    else if (key.kind === "plan" && b.kind === "plan") {
      recordId(d.id, key.id);
      if (d.data.scope.level + "-" + d.data.scope.code + "-" + d.data.year !== key.id || !d.data.scope.code) mismatch("body.data.data.scope");
    }
    else if (key.kind === "set" && b.kind === "set") recordId(d.id, key.set.id + "@" + key.set.version);
    else if (key.kind === "recognition" && b.kind === "recognition") recordId(d.id, key.id);
    else if (key.kind === "quantity" && b.kind === "quantity") recordId(d.id, key.id);
    else if (key.kind === "resource" && b.kind === "resource") recordId(d.id, key.id);
    else mismatch("body.kind");
    var history = doc.history || [];
    for (var i = 0; i < history.length; i++) { if (history[i].record_key !== doc._id) mismatch("history[" + i + "].record_key"); }
  }
  function assessmentId(k) { return unitKey({ level: k.unit.level, id: k.unit.id }) + "|" + k.set.id + "@" + k.set.version + "|" + periodText(k.period); }
  function ownerOf(doc, key, province) {
    if (doc.scope.province != null) otherProvince(doc.scope.province, province);
    bodyMatches(doc, key);
    var scope = doc.scope.commune != null ? doc.scope.commune : null;
    function provinceLevel() { if (scope !== null) mismatch("scope.commune"); return { kind: "province" }; }
    function commune(c) { if (scope !== c) mismatch("scope.commune"); return { kind: "commune", c: c }; }
    function village(v) { if (scope === null) mismatch("scope.commune"); return { kind: "village", c: scope, v: v }; }
    function ofUnit(u) {
      if (u.level === "province") { otherProvince(u.id, province); return provinceLevel(); }
      if (u.level === "district") return provinceLevel();
      if (u.level === "commune") return commune(u.id);
      return village(u.id);
    }
    var b = doc.body;
    if (key.kind === "unit") {
      var owner = ofUnit(key.unit);
      if (b.kind === "unit") {
        if (b.data.data.kind === "commune") otherProvince(b.data.data.unit.province_code, province);
        else if (b.data.data.kind === "village" && b.data.data.unit.commune_code !== scope) mismatch("body.data.unit.commune_code");
      }
      return owner;
    }
    if (key.kind === "assessment") return ofUnit(key.unit);
    if (key.kind === "product") {
      if (scope === null) mismatch("scope.commune");
      if (b.kind === "ocop_product" && b.data.data.commune_code !== scope) mismatch("body.data.commune_code");
      return commune(scope);
    }
    if (key.kind === "rating") { if (scope === null) mismatch("scope.commune"); return commune(scope); }
    if (key.kind === "plan") { var u = planScope(key.id); if (!u) mismatch("_id"); return ofUnit(u); }
    if (key.kind === "set") {
      var lo = lineageOwner(key.set.id);
      if (lo.kind === "province") { otherProvince(lo.p, province); return provinceLevel(); }
      if (lo.kind === "commune") return commune(lo.c);
      return provinceLevel();
    }
    if (key.kind === "recognition" || key.kind === "resource") {
      if (b.kind === "recognition" || b.kind === "resource") return ofUnit(b.data.data.unit);
      return scope !== null ? commune(scope) : provinceLevel();
    }
    return provinceLevel();
  }
  // mod.rs `official_stamps`.
  function officialStamps(doc, key) {
    var listed = key.kind === "unit" && (key.unit.level === "province" || key.unit.level === "commune");
    function ok(s) {
      if (s.device !== OFFICIAL_DEVICE) return true;
      return listed && s.hlc.wall_ms === OFFICIAL_WALL_MS && s.hlc.counter === 0 && s.author === OFFICIAL_AUTHOR;
    }
    var b = doc.body, stamps = [];
    if (b.kind === "mark" || b.kind === "value") stamps.push(b.data[b.kind].stamp);
    else if (b.kind !== "assessment" && b.kind !== "history") stamps.push(b.data.stamp);
    var history = doc.history || [];
    for (var i = 0; i < history.length; i++) {
      stamps.push(history[i].stamp);
      if (history[i].reverts != null) stamps.push(history[i].reverts);
      if (history[i].base) { for (var j = 0; j < history[i].base.length; j++) stamps.push(history[i].base[j]); }
    }
    for (var k = 0; k < stamps.length; k++) { if (!ok(stamps[k])) no("Chỉ bản ghi của danh mục chính thức được mang tên máy “danh-muc-chinh-thuc”."); }
  }
  // Every string (keys too): at most MAX_NOTE characters, no refused character.
  function texts(path, v) {
    function check(p, s) {
      if (chars(s) > MAX_NOTE) invalid(p + ": dài quá " + MAX_NOTE + " ký tự");
      var hidden = firstRefused(s, true);
      if (hidden) invalid(p + ": " + hidden);
    }
    var i;
    if (typeof v === "string") check(path, v);
    else if (v instanceof Array) { for (i = 0; i < v.length; i++) texts(path + "[" + i + "]", v[i]); }
    else if (isObj(v)) {
      for (var k in v) {
        if (!has(v, k)) continue;
        var here = path ? path + "." + k : k;
        check(here, k);
        texts(here, v[k]);
      }
    }
  }
  var FIELDS = ["_id", "_rev", "_revisions", "_deleted", "scope", "body", "history"];
  // mod.rs `check_document`.
  function checkDocument(raw, province) {
    if (!isObj(raw)) invalid("tài liệu không phải một đối tượng JSON");
    for (var k in raw) { if (has(raw, k) && indexOf(FIELDS, k) < 0) invalid("trường “" + k + "” không có trong định dạng"); }
    if (typeof raw._id !== "string") invalid("thiếu _id");
    var key = parseKey(raw._id);
    if (!key || keyText(key) !== raw._id) invalid("mã tài liệu không đúng quy tắc");
    texts("", raw);
    var bare = {};
    for (k in raw) { if (has(raw, k) && k !== "_rev" && k !== "_revisions" && k !== "_deleted") bare[k] = raw[k]; }
    if (!fits(bare, DOC)) invalid("sai kiểu dữ liệu");
    if ((bare.history || []).length > MAX_DOC_HISTORY) invalid("history: quá " + MAX_DOC_HISTORY + " mục");
    fields(bare);
    var owner = ownerOf(bare, key, province);
    officialStamps(bare, key);
    return { key: key, owner: owner };
  }

  // ---- the verdict (mod.rs verdict) ----
  function belongsTo(p) { return hasRole(function (r) { return (r.kind === "member" || r.kind === "official") && r.p === p; }); }
  function mayWrite(official, owner) {
    if (official) return;
    if (owner.kind === "province") no("Chỉ cán bộ tỉnh được ghi dữ liệu cấp tỉnh.");
    var c = owner.c, v = owner.kind === "village" ? owner.v : null;
    if (hasRole(function (r) { return r.kind === "commune" && r.c === c; })) return;
    if (v !== null && hasRole(function (r) { return r.kind === "village" && r.c === c && r.v === v; })) return;
    if (hasRole(function (r) { return r.kind === "village"; })) no("Trưởng thôn chỉ được ghi dữ liệu của thôn mình.");
    no("Chỉ được ghi dữ liệu của xã mình (xã " + c + ").");
  }
  function ownerOfStored(doc, official) {
    try { return checkDocument(doc, PROVINCE).owner; } catch (e) {
      if (!(e instanceof Refused)) throw e;
      if (official) return null;
      no("Chỉ cán bộ tỉnh được ghi dữ liệu cấp tỉnh.");
    }
  }
  function verdict() {
    if (hasRole(function (r) { return r.kind === "admin"; })) return;
    if (!belongsTo(PROVINCE)) no("Tài khoản không thuộc tỉnh " + PROVINCE + ": không được ghi vào cơ sở dữ liệu này.");
    if (!hasRole(function (r) { return r.kind !== "member"; })) no("Tài khoản chỉ được xem dữ liệu, không được ghi.");
    var official = hasRole(function (r) { return r.kind === "official" && r.p === PROVINCE; });
    var old = oldDoc && oldDoc._deleted !== true ? oldDoc : null;
    if (isObj(newDoc) && newDoc._deleted === true) {
      for (var k in newDoc) {
        if (has(newDoc, k) && indexOf(["_id", "_rev", "_revisions", "_deleted"], k) < 0) invalid("một bản xoá chỉ gồm _id, _rev, _revisions và _deleted");
      }
      if (!old) no("Không có phiên bản nào để xoá.");
      var deleted = ownerOfStored(old, official);
      if (deleted) mayWrite(official, deleted);
      return;
    }
    var checked = checkDocument(newDoc, PROVINCE);
    if (old) {
      var before = ownerOfStored(old, official);
      if (before) mayWrite(official, before);
    }
    mayWrite(official, checked.owner);
  }

  try {
    verdict();
  } catch (e) {
    if (e instanceof Refused) throw ({ forbidden: e.reason });
    // A fault in these rules refuses the write rather than letting it through.
    throw ({ forbidden: INVALID + ": " + String(e && e.message ? e.message : e) });
  }
}
