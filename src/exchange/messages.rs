//! What a refused file or a field problem says to the user, in Vietnamese and English.
//! Plain words, and where: the JSON path is shown with every field problem.

use super::check::{FileError, Problem};
use super::read::Refusal;
use super::MAX_FILE_BYTES;
use crate::domain::format::{format_date, format_int, format_number_short};
use crate::domain::profile::Lang;

impl Refusal {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::Empty => pick(lang, "Tệp rỗng: không có dữ liệu nào.", "The file is empty."),
            Refusal::TooLarge { bytes } => {
                let (size, max) = (megabytes(*bytes), megabytes(MAX_FILE_BYTES));
                lang.pick(
                    format!("Tệp quá lớn ({size}); giới hạn là {max}."),
                    format!("The file is too large ({size}); the limit is {max}."),
                )
            }
            Refusal::BadCompression => pick(
                lang,
                "Tệp nén (.gz) bị hỏng, không giải nén được. Hãy nhờ người gửi gửi lại tệp.",
                "The compressed (.gz) file is damaged and cannot be opened. Ask the sender to send it again.",
            ),
            Refusal::Truncated => pick(
                lang,
                "Tệp bị cắt cụt (kết thúc giữa chừng). Hãy nhờ người gửi gửi lại tệp.",
                "The file is cut short (it ends midway). Ask the sender to send it again.",
            ),
            Refusal::NotJson { line, column } => {
                lang.pick(
                    format!("Tệp không đúng định dạng JSON (lỗi ở dòng {line}, cột {column})."),
                    format!("The file is not valid JSON (error at line {line}, column {column})."),
                )
            }
            Refusal::NotOurFormat => pick(
                lang,
                "Đây không phải tệp trao đổi của Sổ theo dõi Nông thôn mới.",
                "This is not an exchange file of the NTM tracker.",
            ),
            Refusal::TooNew { version } => {
                lang.pick(
                    format!("Tệp được tạo bởi phiên bản mới hơn của ứng dụng (định dạng {version}). Hãy cập nhật ứng dụng rồi nhập lại."),
                    format!("The file was made by a newer version of the app (format {version}). Update the app, then import again."),
                )
            }
            Refusal::BadVersion => pick(
                lang,
                "Tệp không ghi rõ phiên bản định dạng (schema_version).",
                "The file does not state its format version (schema_version).",
            ),
            Refusal::MissingHash => pick(
                lang,
                "Tệp thiếu mã kiểm tra (hash): không thể biết tệp có bị sửa hay không.",
                "The file has no hash: it cannot be checked for changes.",
            ),
            Refusal::BadSignature => pick(
                lang,
                "Chữ ký của tệp không khớp nội dung: tệp đã bị sửa sau khi ký. Hãy nhờ người gửi xuất lại.",
                "The file's signature does not match its content: it was changed after it was signed. Ask the sender to export again.",
            ),
            Refusal::OtherKey { device, known, found } => lang.pick(
                format!("Tệp ghi là từ máy {device}, nhưng được ký bằng khoá khác (mã máy {found}) với khoá máy này đã biết của máy đó ({known}). Tệp không được nhập: hãy gọi hỏi người gửi."),
                format!("The file says it comes from device {device}, but it is signed with another key (device code {found}) than the one this phone knows for that device ({known}). It was not imported: call the sender."),
            ),
            Refusal::HashMismatch => pick(
                lang,
                "Mã kiểm tra không khớp: tệp đã bị sửa hoặc hỏng trên đường gửi. Hãy nhờ người gửi xuất lại.",
                "The hash does not match: the file was changed or damaged in transit. Ask the sender to export again.",
            ),
            Refusal::Invalid(errors) => {
                lang.pick(
                    format!("Tệp có {} lỗi; không có gì được nhập.", errors.len()),
                    format!("The file has {} problems; nothing was imported.", errors.len()),
                )
            }
        }
    }
}

/// "62,9 MB": sizes of files the way phones show them (decimal megabytes).
fn megabytes(bytes: usize) -> String {
    format!("{}\u{a0}MB", format_number_short(bytes as f64 / 1e6, 1))
}

fn pick(lang: Lang, a: &str, b: &str) -> String {
    lang.pick(a, b).to_string()
}

impl FileError {
    /// "content.units[3].data.unit.name: Tên dài quá 120 ký tự."
    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", self.path, self.problem.message(lang))
    }
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Shape(serde) => shape(serde, lang),
            Problem::UnknownList(name) => {
                lang.pick(
                    format!("danh sách “{name}” không có trong định dạng"),
                    format!("the format has no list “{name}”"),
                )
            }
            Problem::TooMany { max } => {
                let max = format_int(*max as i64);
                lang.pick(
                    format!("quá nhiều phần tử (tối đa {max})"),
                    format!("too many items (at most {max})"),
                )
            }
            Problem::TooLong { max } => {
                lang.pick(
                    format!("dài quá {max} ký tự"),
                    format!("longer than {max} characters"),
                )
            }
            Problem::EmptyText => pick(lang, "không được để trống", "must not be empty"),
            Problem::Markup => pick(
                lang,
                "tên không được chứa dấu < hoặc > (tên là chữ, không phải mã HTML)",
                "names must not contain < or > (names are text, not HTML)",
            ),
            Problem::HiddenCharacter(r) => r.message(lang),
            Problem::BadId(id) => {
                lang.pick(
                    format!("mã “{id}” không hợp lệ (chỉ gồm chữ, số, - và _, tối đa 64 ký tự)"),
                    format!("id “{id}” is invalid (letters, digits, - and _ only, at most 64)"),
                )
            }
            Problem::BadCode { code, digits } => {
                lang.pick(
                    format!("mã “{code}” phải gồm đúng {digits} chữ số"),
                    format!("code “{code}” must be exactly {digits} digits"),
                )
            }
            Problem::IdMismatch { expected } => {
                lang.pick(
                    format!("mã không khớp với nội dung (phải là “{expected}”)"),
                    format!("the id does not match the content (should be “{expected}”)"),
                )
            }
            Problem::Negative => pick(lang, "giá trị không được âm", "must not be negative"),
            Problem::TooLarge { max } => {
                let max = format_int(*max as i64);
                lang.pick(
                    format!("giá trị ngoài phạm vi cho phép (tối đa {max})"),
                    format!("out of range (at most {max})"),
                )
            }
            Problem::YearOutOfRange { year } => {
                lang.pick(
                    format!("năm {year} ngoài khoảng 2000–2100"),
                    format!("year {year} is outside 2000–2100"),
                )
            }
            Problem::DateOutOfRange {
                date,
                earliest_year: y,
            } => {
                let d = format_date(*date);
                lang.pick(
                    format!("ngày {d} không hợp lý (trước {y} hoặc sau ngày tạo tệp)"),
                    format!("date {d} is implausible (before {y} or after the file was made)"),
                )
            }
            Problem::FutureStamp => pick(
                lang,
                "thời điểm sửa muộn hơn thời điểm tạo tệp (đồng hồ máy gửi sai?)",
                "edited after the file was made (is the sender's clock wrong?)",
            ),
            Problem::BadTimestamp(t) => {
                lang.pick(
                    format!("thời điểm “{t}” không hợp lệ"),
                    format!("time “{t}” is invalid"),
                )
            }
            Problem::Duplicate(id) => {
                lang.pick(
                    format!("trùng lặp: “{id}” xuất hiện hơn một lần"),
                    format!("duplicate: “{id}” appears more than once"),
                )
            }
            Problem::BuiltinSet => pick(
                lang,
                "bộ tiêu chí có sẵn không thể bị thay bằng tệp",
                "a built-in criteria set cannot be replaced by a file",
            ),
            Problem::BadSet(p) => {
                lang.pick(
                    format!("bộ tiêu chí có lỗi: {}", p.message(Lang::Vi)),
                    format!("the criteria set has a defect: {}", p.message(Lang::En)),
                )
            }
            Problem::NotNormalized => pick(
                lang,
                "chữ trong bộ tiêu chí chưa ở dạng chuẩn (NFC, không có khoảng trắng thừa): hãy nhờ người gửi xuất lại bằng ứng dụng",
                "text of a criteria set is not in the stored form (NFC, no extra white space): ask the sender to export it again with the app",
            ),
            Problem::SelfMerge => pick(
                lang,
                "một thôn không thể gộp vào chính nó",
                "a village cannot be merged into itself",
            ),
            Problem::VersionMismatch { expected } => {
                lang.pick(
                    format!("nội dung bộ tiêu chí không khớp mã phiên bản (đúng ra là {expected}): tệp đã bị sửa hoặc hỏng"),
                    format!("the criteria set's content does not match its version id (it should be {expected}): the file was altered or damaged"),
                )
            }
            Problem::WrongRecordKey => pick(
                lang,
                "khóa lịch sử không khớp với đối tượng được sửa",
                "the history key does not match its target",
            ),
            Problem::BadHistoryValue(e) => {
                lang.pick(
                    format!("giá trị trong lịch sử không đúng kiểu ({e})"),
                    format!("the history value has the wrong shape ({e})"),
                )
            }
            Problem::Points { part, max } => {
                lang.pick(
                    format!("điểm phần {part} phải từ 0 đến {max}"),
                    format!("part {part} points must be 0 to {max}"),
                )
            }
            Problem::LevelDoesNotFit => pick(
                lang,
                "mức công nhận không dành cho loại đơn vị này (mức của xã cho thôn hoặc ngược lại)",
                "this recognition level is not for this kind of unit (a commune level for a village or the reverse)",
            ),
            Problem::NotForStep => pick(
                lang,
                "chỉ bước đăng ký mới có năm đăng ký đạt chuẩn",
                "only a registration has a target year",
            ),
            Problem::BuiltinQuantity => pick(
                lang,
                "mã này thuộc một đại lượng có sẵn, tệp không được định nghĩa lại",
                "this id belongs to a built-in quantity; a file may not redefine it",
            ),
            Problem::SetNotListed(id) => {
                lang.pick(
                    format!("bộ tiêu chí {id} không có trong danh sách sets_used"),
                    format!("criteria set {id} is missing from sets_used"),
                )
            }
        }
    }
}

/// serde's messages in plain words: "missing field `name`" → "thiếu trường “name”".
fn shape(msg: &str, lang: Lang) -> String {
    let between = |s: &str, a: &str, b: &str| -> Option<String> {
        let start = s.find(a)? + a.len();
        let end = s[start..].find(b)? + start;
        Some(s[start..end].to_string())
    };
    let kind = |what: &str| -> String {
        let w = what.trim();
        let table: [(&str, &str, &str); 10] = [
            ("a string", "chuỗi ký tự", "text"),
            ("string", "chuỗi ký tự", "text"),
            ("u32", "số nguyên không âm", "a whole number ≥ 0"),
            ("u64", "số nguyên không âm", "a whole number ≥ 0"),
            ("u16", "số nguyên không âm", "a whole number ≥ 0"),
            ("f64", "số", "a number"),
            ("a boolean", "đúng/sai", "true/false"),
            ("a sequence", "danh sách", "a list"),
            ("a map", "đối tượng", "an object"),
            ("map", "đối tượng", "an object"),
        ];
        for (k, v, e) in table {
            if w == k || w.starts_with(&format!("{k} ")) {
                return lang.pick(v, e).to_string();
            }
        }
        w.replace("struct ", "")
            .replace("internally tagged enum ", "")
    };
    if let Some(field) = between(msg, "missing field `", "`") {
        return lang.pick(
            format!("thiếu trường “{field}”"),
            format!("missing field “{field}”"),
        );
    }
    if let Some(field) = between(msg, "unknown field `", "`") {
        return lang.pick(
            format!("trường “{field}” không có trong định dạng"),
            format!("the format has no field “{field}”"),
        );
    }
    if let Some(variant) = between(msg, "unknown variant `", "`") {
        let allowed = msg.split("expected ").nth(1).unwrap_or("").replace('`', "");
        return lang.pick(
            format!("giá trị “{variant}” không được phép (cho phép: {allowed})"),
            format!("value “{variant}” is not allowed (allowed: {allowed})"),
        );
    }
    for (prefix, vi_word, en_word) in [
        ("invalid type: ", "sai kiểu", "wrong type"),
        ("invalid value: ", "giá trị không hợp lệ", "invalid value"),
    ] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let got = got.replace('`', "");
            return lang.pick(
                format!("{vi_word}: có {got}, cần {}", kind(want)),
                format!("{en_word}: got {got}, expected {}", kind(want)),
            );
        }
    }
    if msg.contains("expected an object") {
        return pick(lang, "phải là một đối tượng JSON", "must be a JSON object");
    }
    if msg.contains("expected a sequence") {
        return pick(lang, "phải là một danh sách", "must be a list");
    }
    if msg.contains("not a finite number") {
        return pick(lang, "không phải là số hữu hạn", "is not a finite number");
    }
    if let Some(value) = msg.strip_prefix(crate::domain::iso_date::NOT_A_DATE) {
        let value = value.trim_start_matches(':').trim();
        return lang.pick(
            format!("ngày không hợp lệ (cần dạng YYYY-MM-DD): {value}"),
            format!("invalid date (YYYY-MM-DD expected): {value}"),
        );
    }
    lang.pick(
        format!("dữ liệu không hợp lệ: {msg}"),
        format!("invalid data: {msg}"),
    )
}
