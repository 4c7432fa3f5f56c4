//! IPv4 prefix helpers shared by the rules and the evaluators.

use ipnet::Ipv4Net;

/// Parses an IPv4 CIDR prefix (`10.0.0.0/16`); a bare address is a /32.
pub fn parse_v4(s: &str) -> Option<Ipv4Net> {
    let s = s.trim();
    if let Ok(n) = s.parse::<Ipv4Net>() {
        return Some(n);
    }
    s.parse::<std::net::Ipv4Addr>()
        .ok()
        .and_then(|a| Ipv4Net::new(a, 32).ok())
}

/// Do two prefixes share any address (one contains the other)?
pub fn overlaps(a: &Ipv4Net, b: &Ipv4Net) -> bool {
    a.trunc().contains(&b.network()) || b.trunc().contains(&a.network())
}

/// Is a prefix inside one of these ranges?
fn within(n: &Ipv4Net, ranges: &[([u8; 4], u8)]) -> bool {
    ranges.iter().any(|(a, len)| {
        Ipv4Net::new(std::net::Ipv4Addr::from(*a), *len).is_ok_and(|r| r.contains(n))
    })
}

/// Is a prefix inside private address space (RFC 1918, and the shared
/// 100.64.0.0/10)?
pub fn is_private(n: &Ipv4Net) -> bool {
    within(
        n,
        &[
            ([10, 0, 0, 0], 8),
            ([172, 16, 0, 0], 12),
            ([192, 168, 0, 0], 16),
            ([100, 64, 0, 0], 10),
        ],
    )
}

/// Is a prefix inside space no public service holds: private space, and
/// loopback, link-local, multicast and reserved addresses?
pub fn is_non_public(n: &Ipv4Net) -> bool {
    is_private(n)
        || within(
            n,
            &[
                ([127, 0, 0, 0], 8),
                ([169, 254, 0, 0], 16),
                ([224, 0, 0, 0], 4),
                ([240, 0, 0, 0], 4),
            ],
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_containment_either_way() {
        let docker = parse_v4("172.17.0.0/16").unwrap();
        assert!(overlaps(&docker, &parse_v4("172.16.0.0/12").unwrap()));
        assert!(overlaps(&docker, &parse_v4("172.17.5.0/24").unwrap()));
        assert!(!overlaps(&docker, &parse_v4("172.18.0.0/16").unwrap()));
        assert!(!overlaps(&docker, &parse_v4("10.0.0.0/8").unwrap()));
        assert!(parse_v4("not a cidr").is_none());
        assert_eq!(parse_v4("10.1.2.3").unwrap().prefix_len(), 32);
        let p = |s: &str| parse_v4(s).unwrap();
        assert!(is_private(&p("10.1.0.0/16")) && is_private(&p("100.64.1.0/24")));
        assert!(!is_private(&p("127.0.0.1")) && is_non_public(&p("127.0.0.1")));
        assert!(!is_non_public(&p("20.0.0.0/8")) && !is_non_public(&p("0.0.0.0/0")));
    }
}
