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
    }
}
