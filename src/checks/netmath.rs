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
}
