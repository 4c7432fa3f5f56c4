//! "Characters" as Terraform counts them: grapheme clusters.
//!
//! This is a deliberately small segmenter: a base character followed by
//! combining marks, variation selectors, emoji modifiers and zero-width-joiner
//! sequences, `\r\n`, and regional-indicator pairs. Scripts whose clustering
//! needs the full Unicode rules (Indic, Hangul jamo, Thai, ...) are reported
//! as unsure (`None`) so the caller can answer unknown instead of guessing.

/// Splits `s` into grapheme clusters, or `None` when unsure.
pub(crate) fn graphemes(s: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    if s.is_ascii() {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let len = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            out.push(s.get(i..i + len)?);
            i += len;
        }
        return Some(out);
    }
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut ri_run = 0usize;
    for (i, c) in s.char_indices() {
        if is_unsure(c) {
            return None;
        }
        let joins = match prev {
            None => false,
            Some(p) => {
                (p == '\r' && c == '\n')
                    || (is_extend(c) && p != '\n' && p != '\r')
                    || (p == '\u{200D}' && is_pictographic(c))
                    || (is_regional(p) && is_regional(c) && ri_run % 2 == 1)
            }
        };
        if !joins && i > start {
            out.push(s.get(start..i)?);
            start = i;
        }
        if is_regional(c) {
            ri_run = if joins { ri_run + 1 } else { 1 };
        } else {
            ri_run = 0;
        }
        prev = Some(c);
    }
    if start < s.len() {
        out.push(s.get(start..)?);
    }
    Some(out)
}

/// The number of characters, or `None` when unsure.
pub(crate) fn char_count(s: &str) -> Option<usize> {
    if s.is_ascii() {
        return Some(s.len() - s.matches("\r\n").count());
    }
    graphemes(s).map(|g| g.len())
}

fn in_ranges(c: char, ranges: &[(u32, u32)]) -> bool {
    let c = c as u32;
    ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

fn is_extend(c: char) -> bool {
    in_ranges(
        c,
        &[
            (0x0300, 0x036F),
            (0x0483, 0x0489),
            (0x0591, 0x05BD),
            (0x05BF, 0x05BF),
            (0x05C1, 0x05C2),
            (0x05C4, 0x05C5),
            (0x05C7, 0x05C7),
            (0x0610, 0x061A),
            (0x064B, 0x065F),
            (0x0670, 0x0670),
            (0x06D6, 0x06DC),
            (0x06DF, 0x06E4),
            (0x06E7, 0x06E8),
            (0x06EA, 0x06ED),
            (0x1AB0, 0x1AFF),
            (0x1DC0, 0x1DFF),
            (0x200C, 0x200D),
            (0x20D0, 0x20FF),
            (0x302A, 0x302F),
            (0x3099, 0x309A),
            (0xFE00, 0xFE0F),
            (0xFE20, 0xFE2F),
            (0x1F3FB, 0x1F3FF),
            (0xE0020, 0xE007F),
            (0xE0100, 0xE01EF),
        ],
    )
}

fn is_regional(c: char) -> bool {
    in_ranges(c, &[(0x1F1E6, 0x1F1FF)])
}

fn is_pictographic(c: char) -> bool {
    in_ranges(
        c,
        &[
            (0x00A9, 0x00A9),
            (0x00AE, 0x00AE),
            (0x2190, 0x21FF),
            (0x2300, 0x23FF),
            (0x2600, 0x27BF),
            (0x2B00, 0x2BFF),
            (0x1F000, 0x1FAFF),
        ],
    )
}

/// Characters whose clustering this segmenter does not model.
fn is_unsure(c: char) -> bool {
    in_ranges(
        c,
        &[
            (0x0600, 0x0605),
            (0x06DD, 0x06DD),
            (0x0700, 0x08FF),
            (0x0900, 0x0DFF),
            (0x0E00, 0x0FFF),
            (0x1000, 0x109F),
            (0x1100, 0x11FF),
            (0x1700, 0x1AAF),
            (0x1B00, 0x1CFF),
            (0xA800, 0xABFF),
            (0xD7B0, 0xD7FF),
            (0xFFF9, 0xFFFB),
            (0x10000, 0x1EFFF),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters() {
        assert_eq!(graphemes("abc").map(|g| g.len()), Some(3));
        assert_eq!(char_count("a\r\nb"), Some(3));
        assert_eq!(char_count("🤔🤷"), Some(2));
        assert_eq!(char_count("e\u{301}x"), Some(2));
        assert_eq!(char_count("👩\u{200D}👩\u{200D}👦"), Some(1));
        assert_eq!(char_count("🇫🇷🇩🇪"), Some(2));
        assert_eq!(char_count("नमस्ते"), None);
        assert_eq!(char_count("héllo"), Some(5));
    }
}
