//! Address-range arithmetic for rule evaluation: does a set of CIDRs cover another?

use ipnet::IpNet;

/// Inclusive address range as u128 (IPv4 mapped into the low 32 bits, kept apart by family).
pub(super) fn range(net: &IpNet) -> (bool, u128, u128) {
    match net {
        IpNet::V4(n) => (
            false,
            u32::from(n.network()) as u128,
            u32::from(n.broadcast()) as u128,
        ),
        IpNet::V6(n) => (true, u128::from(n.network()), u128::from(n.broadcast())),
    }
}

/// Whether the union of `rules` contains every address of `target`.
pub fn covered_by(target: &IpNet, rules: &[IpNet]) -> bool {
    let (v6, lo, hi) = range(target);
    let mut spans: Vec<(u128, u128)> = rules
        .iter()
        .map(range)
        .filter(|(f, _, _)| *f == v6)
        .map(|(_, a, b)| (a, b))
        .collect();
    spans.sort();
    let mut next = lo;
    for (a, b) in spans {
        if a > next {
            break;
        }
        if b >= next {
            if b == u128::MAX || b >= hi {
                return true;
            }
            next = b + 1;
        }
    }
    next > hi
}

/// Whether two ranges share an address.
pub fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    let (fa, alo, ahi) = range(a);
    let (fb, blo, bhi) = range(b);
    fa == fb && alo <= bhi && blo <= ahi
}

/// A set of addresses of one family as sorted, disjoint inclusive ranges.
pub type Spans = Vec<(u128, u128)>;

/// `set` without the addresses of `minus`.
pub fn subtract(set: &Spans, minus: &Spans) -> Spans {
    let mut out = Vec::new();
    for &(lo, hi) in set {
        let mut pieces = vec![(lo, hi)];
        for &(mlo, mhi) in minus {
            let mut next = Vec::new();
            for (a, b) in pieces {
                if mhi < a || mlo > b {
                    next.push((a, b));
                    continue;
                }
                if mlo > a {
                    next.push((a, mlo - 1));
                }
                if mhi < b {
                    next.push((mhi + 1, b));
                }
            }
            pieces = next;
        }
        out.extend(pieces);
    }
    out.sort();
    out
}

/// The addresses in both sets.
pub fn intersect(a: &Spans, b: &Spans) -> Spans {
    let mut out = Vec::new();
    for &(alo, ahi) in a {
        for &(blo, bhi) in b {
            let (lo, hi) = (alo.max(blo), ahi.min(bhi));
            if lo <= hi {
                out.push((lo, hi));
            }
        }
    }
    out.sort();
    out
}

/// The fewest CIDRs that cover exactly `lo..=hi`.
pub fn to_cidrs(v6: bool, lo: u128, hi: u128) -> Vec<IpNet> {
    let bits: u32 = if v6 { 128 } else { 32 };
    let mut out = Vec::new();
    let mut cur = lo;
    loop {
        // The largest aligned block starting at `cur` that stays within `hi`.
        let mut size_bits = if cur == 0 {
            bits
        } else {
            cur.trailing_zeros().min(bits)
        };
        while size_bits > 0 {
            let last = if size_bits >= 128 {
                u128::MAX
            } else {
                cur + ((1u128 << size_bits) - 1)
            };
            if last <= hi {
                break;
            }
            size_bits -= 1;
        }
        let prefix = (bits - size_bits) as u8;
        let net = if v6 {
            IpNet::V6(ipnet::Ipv6Net::new(std::net::Ipv6Addr::from(cur), prefix).expect("prefix"))
        } else {
            IpNet::V4(
                ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(cur as u32), prefix).expect("prefix"),
            )
        };
        out.push(net);
        let last = if size_bits >= 128 {
            u128::MAX
        } else {
            cur + ((1u128 << size_bits) - 1)
        };
        if last >= hi {
            break;
        }
        cur = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> IpNet {
        s.parse().unwrap()
    }

    #[test]
    fn coverage_by_one_or_many_ranges() {
        assert!(covered_by(&n("10.0.1.0/24"), &[n("10.0.0.0/16")]));
        assert!(covered_by(&n("10.0.0.0/16"), &[n("0.0.0.0/0")]));
        assert!(covered_by(
            &n("10.0.0.0/16"),
            &[n("10.0.128.0/17"), n("10.0.0.0/17")]
        ));
        assert!(!covered_by(&n("10.0.0.0/16"), &[n("10.0.0.0/17")]));
        assert!(!covered_by(
            &n("10.0.0.0/16"),
            &[n("10.0.0.0/17"), n("10.0.129.0/24")]
        ));
        assert!(!covered_by(&n("10.0.0.0/16"), &[]));
        assert!(!covered_by(&n("10.0.0.0/16"), &[n("::/0")]));
        assert!(covered_by(&n("fd00::/64"), &[n("::/0")]));
    }

    #[test]
    fn range_sets_subtract_intersect_and_name_themselves() {
        let (_, lo, hi) = range(&n("0.0.0.0/0"));
        let (_, dlo, dhi) = range(&n("10.10.0.0/16"));
        let rest = subtract(&vec![(lo, hi)], &vec![(dlo, dhi)]);
        assert_eq!(rest.len(), 2);
        let names: Vec<String> = rest
            .iter()
            .flat_map(|(a, b)| to_cidrs(false, *a, *b))
            .map(|c| c.to_string())
            .collect();
        assert!(names.contains(&"0.0.0.0/5".to_string()), "{names:?}");
        assert!(names.contains(&"10.11.0.0/16".to_string()), "{names:?}");
        assert!(!names.iter().any(|c| c.starts_with("10.10.")), "{names:?}");
        assert_eq!(to_cidrs(false, lo, hi), vec![n("0.0.0.0/0")]);
        let (_, v6lo, v6hi) = range(&n("::/0"));
        assert_eq!(to_cidrs(true, v6lo, v6hi), vec![n("::/0")]);
        let (_, a, b) = range(&n("10.0.0.0/16"));
        let (_, c, d) = range(&n("10.0.1.0/24"));
        assert_eq!(intersect(&vec![(a, b)], &vec![(c, d)]), vec![(c, d)]);
        assert!(overlaps(&n("10.0.0.0/8"), &n("10.0.1.0/24")));
        assert!(!overlaps(&n("10.0.0.0/16"), &n("10.1.0.0/16")));
        assert!(!overlaps(&n("10.0.0.0/8"), &n("::/0")));
    }
}
