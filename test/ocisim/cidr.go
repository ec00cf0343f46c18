package ocisim

import (
	"net/netip"
)

// parseCIDR validates a CIDR as OCI does: IPv4, canonical (no host bits) and
// with a prefix between minBits and 30.
func parseCIDR(cidr string, minBits int) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() {
		return netip.Prefix{}, errInvalid("%q is not a valid IPv4 CIDR block.", cidr)
	}
	if p.Masked() != p {
		return netip.Prefix{}, errInvalid("CIDR block %q has host bits set.", cidr)
	}
	if p.Bits() < minBits || p.Bits() > 30 {
		return netip.Prefix{}, errInvalid("CIDR block %q must have a prefix between /%d and /30.", cidr, minBits)
	}
	return p, nil
}

// overlaps reports whether two prefixes share an address.
func overlaps(a, b netip.Prefix) bool {
	return a.Overlaps(b)
}

// contains reports whether outer holds all of inner.
func contains(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// hostAt returns the n-th address of a prefix.
func hostAt(p netip.Prefix, n int) netip.Addr {
	a := p.Addr()
	for range n {
		a = a.Next()
	}
	return a
}
