//! Figures quoted from published review reports, used as worked examples until the user's
//! own data is there. Each carries its source so nobody mistakes it for their data.

/// A labelled count, e.g. communes in one criteria band.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelledCount {
    pub label_vi: &'static str,
    pub label_en: &'static str,
    pub count: u32,
}

/// Thừa Thiên Huế, 12/2018: communes by number of criteria met (of 19).
/// Source: nongthonmoithuathienhue.vn, "Kết quả … 12-2018" (see shared/domain/ntm-reference.md).
pub const HUE_2018_12_BANDS: [LabelledCount; 4] = [
    LabelledCount {
        label_vi: "19 tiêu chí",
        label_en: "19 criteria",
        count: 44,
    },
    LabelledCount {
        label_vi: "15–18 tiêu chí",
        label_en: "15–18 criteria",
        count: 29,
    },
    LabelledCount {
        label_vi: "10–14 tiêu chí",
        label_en: "10–14 criteria",
        count: 28,
    },
    LabelledCount {
        label_vi: "Dưới 10 tiêu chí",
        label_en: "Under 10 criteria",
        count: 3,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hue_bands_cover_its_104_communes() {
        assert_eq!(HUE_2018_12_BANDS.iter().map(|b| b.count).sum::<u32>(), 104);
    }
}
