//! Property tests for the CIDR and port-range arithmetic the network rules
//! rely on, over many pseudo-random cases (a fixed-seed generator, so every
//! run checks the same cases and a failure reproduces).

use isolint_model::net::{overlaps, parse_v4};
use isolint_rules::nsg::port_matches;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn net(rng: &mut Lcg) -> (u32, u8) {
    let len = rng.below(33) as u8;
    let addr = (rng.next() as u32) ^ ((rng.next() as u32) << 16);
    let mask = if len == 0 {
        0
    } else {
        u32::MAX << (32 - len as u32)
    };
    (addr & mask, len)
}

fn contains(a: (u32, u8), ip: u32) -> bool {
    let mask = if a.1 == 0 {
        0
    } else {
        u32::MAX << (32 - a.1 as u32)
    };
    ip & mask == a.0
}

fn cidr(n: (u32, u8)) -> String {
    format!("{}/{}", std::net::Ipv4Addr::from(n.0), n.1)
}

#[test]
fn overlap_is_symmetric_and_agrees_with_address_arithmetic() {
    let mut rng = Lcg(0x1505_11e7);
    for _ in 0..20_000 {
        let (a, b) = (net(&mut rng), net(&mut rng));
        let (pa, pb) = (parse_v4(&cidr(a)).unwrap(), parse_v4(&cidr(b)).unwrap());
        let got = overlaps(&pa, &pb);
        assert_eq!(got, overlaps(&pb, &pa), "symmetry: {} {}", cidr(a), cidr(b));
        // Two prefixes overlap exactly when the shorter one contains the other's network address.
        let (short, long) = if a.1 <= b.1 { (a, b) } else { (b, a) };
        assert_eq!(got, contains(short, long.0), "{} vs {}", cidr(a), cidr(b));
        // A prefix always overlaps itself and anything inside it.
        assert!(overlaps(&pa, &pa));
    }
}

#[test]
fn subnets_carved_from_a_prefix_overlap_it_and_siblings_do_not() {
    let mut rng = Lcg(42);
    for _ in 0..5_000 {
        let parent = net(&mut rng);
        if parent.1 > 28 {
            continue;
        }
        let extra = 1 + rng.below(4) as u8;
        let child_len = parent.1 + extra;
        let count = 1u32 << extra;
        let i = rng.below(count as u64) as u32;
        let j = (i + 1 + rng.below(count as u64 - 1) as u32) % count;
        let size = 1u32 << (32 - child_len as u32);
        let ci = (parent.0 + i * size, child_len);
        let cj = (parent.0 + j * size, child_len);
        let (p, a, b) = (
            parse_v4(&cidr(parent)).unwrap(),
            parse_v4(&cidr(ci)).unwrap(),
            parse_v4(&cidr(cj)).unwrap(),
        );
        assert!(
            overlaps(&p, &a) && p.contains(&a),
            "{} in {}",
            cidr(ci),
            cidr(parent)
        );
        assert!(!overlaps(&a, &b), "siblings {} {}", cidr(ci), cidr(cj));
    }
}

#[test]
fn port_ranges_match_exactly_their_bounds() {
    let mut rng = Lcg(7);
    for _ in 0..20_000 {
        let lo = rng.below(65536) as u32;
        let hi = lo + rng.below(65536 - lo as u64) as u32;
        let port = rng.below(65536) as u16;
        let spec = format!("{lo}-{hi}");
        assert_eq!(
            port_matches(&spec, port),
            Some(lo <= port as u32 && port as u32 <= hi),
            "{spec} {port}"
        );
        assert_eq!(port_matches(&lo.to_string(), port), Some(lo == port as u32));
        assert_eq!(port_matches("*", port), Some(true));
    }
    assert_eq!(
        port_matches("443-80", 443),
        Some(false),
        "an inverted range matches nothing"
    );
    assert_eq!(
        port_matches("https", 443),
        None,
        "an unreadable port is unknown, not a mismatch"
    );
}
