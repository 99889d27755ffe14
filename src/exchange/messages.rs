//! What a refused file or a field problem says to the user, in Vietnamese and English.
//! Plain words, and where: the JSON path is shown with every field problem.

use super::check::{FileError, Problem};
use super::read::Refusal;
use super::MAX_FILE_BYTES;
use crate::domain::format::{format_date, format_int, format_number_short};
use crate::domain::profile::Lang;

impl Refusal {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Refusal::Empty => pick(vi, "Tệp rỗng: không có dữ liệu nào.", "The file is empty."),
            Refusal::TooLarge { bytes } => {
                let (size, max) = (megabytes(*bytes), megabytes(MAX_FILE_BYTES));
                if vi {
                    format!("Tệp quá lớn ({size}); giới hạn là {max}.")
                } else {
                    format!("The file is too large ({size}); the limit is {max}.")
                }
            }
            Refusal::BadCompression => pick(
                vi,
                "Tệp nén (.gz) bị hỏng, không giải nén được. Hãy nhờ người gửi gửi lại tệp.",
                "The compressed (.gz) file is damaged and cannot be opened. Ask the sender to send it again.",
            ),
            Refusal::Truncated => pick(
                vi,
                "Tệp bị cắt cụt (kết thúc giữa chừng). Hãy nhờ người gửi gửi lại tệp.",
                "The file is cut short (it ends midway). Ask the sender to send it again.",
            ),
            Refusal::NotJson { line, column } => {
                if vi {
                    format!("Tệp không đúng định dạng JSON (lỗi ở dòng {line}, cột {column}).")
                } else {
                    format!("The file is not valid JSON (error at line {line}, column {column}).")
                }
            }
            Refusal::NotOurFormat => pick(
                vi,
                "Đây không phải tệp trao đổi của Sổ theo dõi Nông thôn mới.",
                "This is not an exchange file of the NTM tracker.",
            ),
            Refusal::TooNew { version } => {
                if vi {
                    format!("Tệp được tạo bởi phiên bản mới hơn của ứng dụng (định dạng {version}). Hãy cập nhật ứng dụng rồi nhập lại.")
                } else {
                    format!("The file was made by a newer version of the app (format {version}). Update the app, then import again.")
                }
            }
            Refusal::BadVersion => pick(
                vi,
                "Tệp không ghi rõ phiên bản định dạng (schema_version).",
                "The file does not state its format version (schema_version).",
            ),
            Refusal::MissingHash => pick(
                vi,
                "Tệp thiếu mã kiểm tra (hash): không thể biết tệp có bị sửa hay không.",
                "The file has no hash: it cannot be checked for changes.",
            ),
            Refusal::HashMismatch => pick(
                vi,
                "Mã kiểm tra không khớp: tệp đã bị sửa hoặc hỏng trên đường gửi. Hãy nhờ người gửi xuất lại.",
                "The hash does not match: the file was changed or damaged in transit. Ask the sender to export again.",
            ),
            Refusal::Invalid(errors) => {
                if vi {
                    format!("Tệp có {} lỗi; không có gì được nhập.", errors.len())
                } else {
                    format!("The file has {} problems; nothing was imported.", errors.len())
                }
            }
        }
    }
}

/// "62,9 MB": sizes of files the way phones show them (decimal megabytes).
fn megabytes(bytes: usize) -> String {
    format!("{}\u{a0}MB", format_number_short(bytes as f64 / 1e6, 1))
}

fn pick(vi: bool, a: &str, b: &str) -> String {
    if vi { a } else { b }.to_string()
}

impl FileError {
    /// "content.units[3].data.unit.name: Tên dài quá 120 ký tự."
    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", self.path, self.problem.message(lang))
    }
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Problem::Shape(serde) => shape(serde, vi),
            Problem::UnknownList(name) => {
                if vi {
                    format!("danh sách “{name}” không có trong định dạng")
                } else {
                    format!("the format has no list “{name}”")
                }
            }
            Problem::TooMany { max } => {
                let max = format_int(*max as i64);
                if vi {
                    format!("quá nhiều phần tử (tối đa {max})")
                } else {
                    format!("too many items (at most {max})")
                }
            }
            Problem::TooLong { max } => {
                if vi {
                    format!("dài quá {max} ký tự")
                } else {
                    format!("longer than {max} characters")
                }
            }
            Problem::EmptyText => pick(vi, "không được để trống", "must not be empty"),
            Problem::Markup => pick(
                vi,
                "tên không được chứa dấu < hoặc > (tên là chữ, không phải mã HTML)",
                "names must not contain < or > (names are text, not HTML)",
            ),
            Problem::HiddenCharacter(r) => r.message(if vi { Lang::Vi } else { Lang::En }),
            Problem::BadId(id) => {
                if vi {
                    format!("mã “{id}” không hợp lệ (chỉ gồm chữ, số, - và _, tối đa 64 ký tự)")
                } else {
                    format!("id “{id}” is invalid (letters, digits, - and _ only, at most 64)")
                }
            }
            Problem::BadCode { code, digits } => {
                if vi {
                    format!("mã “{code}” phải gồm đúng {digits} chữ số")
                } else {
                    format!("code “{code}” must be exactly {digits} digits")
                }
            }
            Problem::IdMismatch { expected } => {
                if vi {
                    format!("mã không khớp với nội dung (phải là “{expected}”)")
                } else {
                    format!("the id does not match the content (should be “{expected}”)")
                }
            }
            Problem::Negative => pick(vi, "giá trị không được âm", "must not be negative"),
            Problem::TooLarge { max } => {
                let max = format_int(*max as i64);
                if vi {
                    format!("giá trị ngoài phạm vi cho phép (tối đa {max})")
                } else {
                    format!("out of range (at most {max})")
                }
            }
            Problem::YearOutOfRange { year } => {
                if vi {
                    format!("năm {year} ngoài khoảng 2000–2100")
                } else {
                    format!("year {year} is outside 2000–2100")
                }
            }
            Problem::DateOutOfRange(d) => {
                let d = format_date(*d);
                if vi {
                    format!("ngày {d} không hợp lý (trước 2018 hoặc sau ngày tạo tệp)")
                } else {
                    format!("date {d} is implausible (before 2018 or after the file was made)")
                }
            }
            Problem::FutureStamp => pick(
                vi,
                "thời điểm sửa muộn hơn thời điểm tạo tệp (đồng hồ máy gửi sai?)",
                "edited after the file was made (is the sender's clock wrong?)",
            ),
            Problem::BadTimestamp(t) => {
                if vi {
                    format!("thời điểm “{t}” không hợp lệ")
                } else {
                    format!("time “{t}” is invalid")
                }
            }
            Problem::Duplicate(id) => {
                if vi {
                    format!("trùng lặp: “{id}” xuất hiện hơn một lần")
                } else {
                    format!("duplicate: “{id}” appears more than once")
                }
            }
            Problem::BuiltinSet => pick(
                vi,
                "bộ tiêu chí có sẵn không thể bị thay bằng tệp",
                "a built-in criteria set cannot be replaced by a file",
            ),
            Problem::BadSet(p) => {
                if vi {
                    format!("bộ tiêu chí có lỗi: {}", p.message(Lang::Vi))
                } else {
                    format!("the criteria set has a defect: {}", p.message(Lang::En))
                }
            }
            Problem::NotNormalized => pick(
                vi,
                "chữ trong bộ tiêu chí chưa ở dạng chuẩn (NFC, không có khoảng trắng thừa): hãy nhờ người gửi xuất lại bằng ứng dụng",
                "text of a criteria set is not in the stored form (NFC, no extra white space): ask the sender to export it again with the app",
            ),
            Problem::SelfMerge => pick(
                vi,
                "một thôn không thể gộp vào chính nó",
                "a village cannot be merged into itself",
            ),
            Problem::VersionMismatch { expected } => {
                if vi {
                    format!("nội dung bộ tiêu chí không khớp mã phiên bản (đúng ra là {expected}): tệp đã bị sửa hoặc hỏng")
                } else {
                    format!("the criteria set's content does not match its version id (it should be {expected}): the file was altered or damaged")
                }
            }
            Problem::WrongRecordKey => pick(
                vi,
                "khóa lịch sử không khớp với đối tượng được sửa",
                "the history key does not match its target",
            ),
            Problem::BadHistoryValue(e) => {
                if vi {
                    format!("giá trị trong lịch sử không đúng kiểu ({e})")
                } else {
                    format!("the history value has the wrong shape ({e})")
                }
            }
            Problem::Points { part, max } => {
                if vi {
                    format!("điểm phần {part} phải từ 0 đến {max}")
                } else {
                    format!("part {part} points must be 0 to {max}")
                }
            }
            Problem::SetNotListed(id) => {
                if vi {
                    format!("bộ tiêu chí {id} không có trong danh sách sets_used")
                } else {
                    format!("criteria set {id} is missing from sets_used")
                }
            }
        }
    }
}

/// serde's messages in plain words: "missing field `name`" → "thiếu trường “name”".
fn shape(msg: &str, vi: bool) -> String {
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
                return if vi { v } else { e }.to_string();
            }
        }
        w.replace("struct ", "")
            .replace("internally tagged enum ", "")
    };
    if let Some(field) = between(msg, "missing field `", "`") {
        return if vi {
            format!("thiếu trường “{field}”")
        } else {
            format!("missing field “{field}”")
        };
    }
    if let Some(field) = between(msg, "unknown field `", "`") {
        return if vi {
            format!("trường “{field}” không có trong định dạng")
        } else {
            format!("the format has no field “{field}”")
        };
    }
    if let Some(variant) = between(msg, "unknown variant `", "`") {
        let allowed = msg.split("expected ").nth(1).unwrap_or("").replace('`', "");
        return if vi {
            format!("giá trị “{variant}” không được phép (cho phép: {allowed})")
        } else {
            format!("value “{variant}” is not allowed (allowed: {allowed})")
        };
    }
    for (prefix, vi_word, en_word) in [
        ("invalid type: ", "sai kiểu", "wrong type"),
        ("invalid value: ", "giá trị không hợp lệ", "invalid value"),
    ] {
        if let Some(rest) = msg.strip_prefix(prefix) {
            let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let got = got.replace('`', "");
            return if vi {
                format!("{vi_word}: có {got}, cần {}", kind(want))
            } else {
                format!("{en_word}: got {got}, expected {}", kind(want))
            };
        }
    }
    if msg.contains("expected an object") {
        return pick(vi, "phải là một đối tượng JSON", "must be a JSON object");
    }
    if msg.contains("expected a sequence") {
        return pick(vi, "phải là một danh sách", "must be a list");
    }
    if msg.contains("not a finite number") {
        return pick(vi, "không phải là số hữu hạn", "is not a finite number");
    }
    if msg.contains("input contains invalid characters")
        || msg.contains("premature end of input")
        || msg.contains("input is out of range")
        || msg.contains("trailing input")
    {
        return if vi {
            format!("ngày không hợp lệ (cần dạng YYYY-MM-DD): {msg}")
        } else {
            format!("invalid date (YYYY-MM-DD expected): {msg}")
        };
    }
    if vi {
        format!("dữ liệu không hợp lệ: {msg}")
    } else {
        format!("invalid data: {msg}")
    }
}
