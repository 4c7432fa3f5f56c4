//! Time functions on RFC 3339 timestamps.
//!
//! `timestamp()` and `plantimestamp()` are unknown by design. `formatdate`'s
//! `Z`/`ZZZ` of an explicit `+00:00` offset (UTC or not?) is unknown.

use super::{Args, FnError};
use isolint_model::Value;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Stamp {
    /// Seconds since the Unix epoch (UTC).
    secs: i64,
    nanos: u32,
    /// Offset from UTC in seconds; `None` for `Z`.
    offset: Option<i32>,
}

fn digits(s: &str, from: usize, len: usize) -> Option<i64> {
    let part = s.get(from..from + len)?;
    if !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn parse_rfc3339(s: &str) -> Option<Stamp> {
    let b = s.as_bytes();
    if b.len() < 20
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(10) != Some(&b'T')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let (y, mo, d) = (digits(s, 0, 4)?, digits(s, 5, 2)?, digits(s, 8, 2)?);
    let (h, mi, se) = (digits(s, 11, 2)?, digits(s, 14, 2)?, digits(s, 17, 2)?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59
    {
        return None;
    }
    let mut i = 19;
    let mut nanos: u32 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let frac = s.get(start..i)?;
        if frac.is_empty() || frac.len() > 9 {
            return None;
        }
        let scale = 10u32.pow(9 - frac.len() as u32);
        nanos = frac.parse::<u32>().ok()?.checked_mul(scale)?;
    }
    let offset = match s.get(i..)? {
        "Z" => None,
        z => {
            let zb = z.as_bytes();
            if zb.len() != 6 || zb.get(3) != Some(&b':') {
                return None;
            }
            let sign = match zb.first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let (oh, om) = (digits(z, 1, 2)?, digits(z, 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            Some(sign * (oh * 3600 + om * 60) as i32)
        }
    };
    let local = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se;
    Some(Stamp {
        secs: local - i64::from(offset.unwrap_or(0)),
        nanos,
        offset,
    })
}

struct Parts {
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    weekday: i64,
}

fn parts(t: &Stamp) -> Parts {
    let local = t.secs + i64::from(t.offset.unwrap_or(0));
    let days = local.div_euclid(86_400);
    let rem = local.rem_euclid(86_400);
    let (y, mo, d) = civil_from_days(days);
    Parts {
        y,
        mo,
        d,
        h: rem / 3600,
        mi: rem % 3600 / 60,
        s: rem % 60,
        // 1970-01-01 was a Thursday (4).
        weekday: (days + 4).rem_euclid(7),
    }
}

fn offset_text(offset: i32, colon: bool) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.unsigned_abs();
    if colon {
        format!("{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
    } else {
        format!("{sign}{:02}{:02}", a / 3600, a % 3600 / 60)
    }
}

fn format_rfc3339(t: &Stamp) -> Option<String> {
    let p = parts(t);
    if !(0..=9999).contains(&p.y) {
        return None;
    }
    // Go's "Z07:00" writes Z for any zero offset.
    let zone = match t.offset {
        None | Some(0) => "Z".to_string(),
        Some(o) => offset_text(o, true),
    };
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{zone}",
        p.y, p.mo, p.d, p.h, p.mi, p.s
    ))
}

/// A Go duration string in nanoseconds.
fn parse_duration(s: &str) -> Option<i128> {
    let (neg, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: i128 = 0;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let num = rest.get(..num_end)?;
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return None;
        }
        rest = rest.get(num_end..)?;
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = rest.get(..unit_end)?;
        rest = rest.get(unit_end..)?;
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        let (int, frac) = num.split_once('.').unwrap_or((num, ""));
        let int_v: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let mut v = int_v.checked_mul(scale)?;
        let mut place = scale;
        for d in frac.bytes() {
            place /= 10;
            v = v.checked_add(i128::from(d - b'0') * place)?;
        }
        total = total.checked_add(v)?;
        if total > i128::from(i64::MAX) {
            return None;
        }
    }
    Some(if neg { -total } else { total })
}

fn stamp_arg(a: &Args<'_>, i: usize) -> Result<Stamp, FnError> {
    let s = a.str(i)?;
    parse_rfc3339(&s).ok_or_else(|| a.invalid(format!("not a valid RFC3339 timestamp: {s:?}")))
}

pub(super) fn timeadd(a: &Args<'_>) -> Result<Value, FnError> {
    let t = stamp_arg(a, 0)?;
    let dur_s = a.str(1)?;
    let dur =
        parse_duration(&dur_s).ok_or_else(|| a.invalid(format!("invalid duration {dur_s:?}")))?;
    let total = i128::from(t.secs) * 1_000_000_000 + i128::from(t.nanos) + dur;
    let secs = i64::try_from(total.div_euclid(1_000_000_000)).ok();
    let nanos = u32::try_from(total.rem_euclid(1_000_000_000)).unwrap_or(0);
    let out = secs.and_then(|secs| {
        format_rfc3339(&Stamp {
            secs,
            nanos,
            offset: t.offset,
        })
    });
    Ok(out.map(Value::string).unwrap_or_else(Value::unknown))
}

pub(super) fn timecmp(a: &Args<'_>) -> Result<Value, FnError> {
    let x = stamp_arg(a, 0)?;
    let y = stamp_arg(a, 1)?;
    let ord = (x.secs, x.nanos).cmp(&(y.secs, y.nanos));
    Ok(Value::number(match ord {
        std::cmp::Ordering::Less => -1.0,
        std::cmp::Ordering::Equal => 0.0,
        std::cmp::Ordering::Greater => 1.0,
    }))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

pub(super) fn formatdate(a: &Args<'_>) -> Result<Value, FnError> {
    let spec = a.str(0)?;
    let t = stamp_arg(a, 1)?;
    let p = parts(&t);
    let chars: Vec<char> = spec.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let month = MONTHS
        .get(usize::try_from(p.mo - 1).unwrap_or(0))
        .copied()
        .unwrap_or("");
    let day = DAYS
        .get(usize::try_from(p.weekday).unwrap_or(0))
        .copied()
        .unwrap_or("");
    let h12 = if p.h % 12 == 0 { 12 } else { p.h % 12 };
    while let Some(&c) = chars.get(i) {
        if c == '\'' {
            // Quoted literal; '' is a literal quote.
            i += 1;
            if chars.get(i) == Some(&'\'') {
                out.push('\'');
                i += 1;
                continue;
            }
            loop {
                match chars.get(i) {
                    // Terraform's handling of an unterminated quote is not documented.
                    None => return Ok(Value::unknown()),
                    Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                        out.push('\'');
                        i += 2;
                    }
                    Some('\'') => {
                        i += 1;
                        break;
                    }
                    Some(&ch) => {
                        out.push(ch);
                        i += 1;
                    }
                }
            }
            continue;
        }
        if !c.is_ascii_alphabetic() {
            out.push(c);
            i += 1;
            continue;
        }
        let mut n = 0;
        while chars.get(i + n) == Some(&c) {
            n += 1;
        }
        i += n;
        let tok: String = std::iter::repeat_n(c, n).collect();
        // "Z" and "ZZZ" special-case UTC; whether an explicit +00:00
        // counts as UTC is not documented.
        let zone_unsure = t.offset == Some(0);
        let piece = match tok.as_str() {
            "YYYY" => format!("{:04}", p.y),
            "YY" => format!("{:02}", p.y.rem_euclid(100)),
            "MMMM" => month.to_string(),
            "MMM" => month.get(..3).unwrap_or("").to_string(),
            "MM" => format!("{:02}", p.mo),
            "M" => p.mo.to_string(),
            "DD" => format!("{:02}", p.d),
            "D" => p.d.to_string(),
            "EEEE" => day.to_string(),
            "EEE" => day.get(..3).unwrap_or("").to_string(),
            "hh" => format!("{:02}", p.h),
            "h" => p.h.to_string(),
            "HH" => format!("{h12:02}"),
            "H" => h12.to_string(),
            "AA" => (if p.h < 12 { "AM" } else { "PM" }).to_string(),
            "aa" => (if p.h < 12 { "am" } else { "pm" }).to_string(),
            "mm" => format!("{:02}", p.mi),
            "m" => p.mi.to_string(),
            "ss" => format!("{:02}", p.s),
            "s" => p.s.to_string(),
            "ZZZZZ" => offset_text(t.offset.unwrap_or(0), true),
            "ZZZZ" => offset_text(t.offset.unwrap_or(0), false),
            "ZZZ" | "Z" if zone_unsure => return Ok(Value::unknown()),
            "ZZZ" => match t.offset {
                None => "UTC".to_string(),
                Some(o) => offset_text(o, false),
            },
            "Z" => match t.offset {
                None => "Z".to_string(),
                Some(o) => offset_text(o, true),
            },
            other => return Err(a.invalid(format!("invalid date format verb {other:?}"))),
        };
        out.push_str(&piece);
    }
    Ok(Value::string(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trip() {
        for days in [-800_000i64, -1, 0, 1, 59, 365, 11_016, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1h30m"), Some(5_400_000_000_000));
        assert_eq!(parse_duration("-1.5s"), Some(-1_500_000_000));
        assert_eq!(parse_duration("10"), None);
        assert_eq!(parse_duration("1d"), None);
    }
}
