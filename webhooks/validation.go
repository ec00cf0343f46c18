// Copyright 2026 The CAPOCI Authors.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package webhooks

import (
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The shared validation helpers: every kind uses these rather than its own copies.

const (
	// maxDisplayNameLength is OCI's limit on display names.
	maxDisplayNameLength = 255
	// maxDNSLabelLength is OCI's limit on VCN and subnet DNS labels.
	maxDNSLabelLength = 15
	// maxOCIDLength is a generous bound on the length of an OCID.
	maxOCIDLength = 255
)

var (
	// ocidPattern matches ocid1.<resource type>.<realm>.[region][.future use].<unique ID>.
	ocidPattern = regexp.MustCompile(`^ocid1\.[a-z0-9_-]+\.[a-z0-9-]+\.[a-z0-9_-]*(\.[a-z0-9_-]*)?\.[a-zA-Z0-9_-]+$`)
	// dnsLabelPattern is OCI's DNS label: a letter, then letters and digits.
	dnsLabelPattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9]*$`)
	// regionPattern matches region names (us-ashburn-1) and region keys (iad).
	regionPattern = regexp.MustCompile(`^([a-z]+(-[a-z]+)+-[0-9]+|[a-z]{3})$`)
	// kubernetesVersionPattern matches v<major>.<minor>.<patch>.
	kubernetesVersionPattern = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`)
	// faultDomainPattern matches OCI fault domain names.
	faultDomainPattern = regexp.MustCompile(`^FAULT-DOMAIN-[1-3]$`)
)

// invalid turns a list of field errors into the Invalid API error of the object, or nil when the list is empty.
func invalid(gk schema.GroupKind, name string, errs field.ErrorList) error {
	if len(errs) == 0 {
		return nil
	}
	return apierrors.NewInvalid(gk, name, errs)
}

// validateOCID checks that a non-empty value is a well-formed OCID.
func validateOCID(path *field.Path, value string) field.ErrorList {
	if value == "" {
		return nil
	}
	if len(value) > maxOCIDLength || !ocidPattern.MatchString(value) {
		return field.ErrorList{field.Invalid(path, value,
			"must be an OCID of the form ocid1.<resource type>.<realm>.[region].<unique ID>")}
	}
	return nil
}

// validateOCIDs checks each value of a list with validateOCID.
func validateOCIDs(path *field.Path, values []string) field.ErrorList {
	var errs field.ErrorList
	for i, v := range values {
		if v == "" {
			errs = append(errs, field.Required(path.Index(i), "an empty OCID is not allowed"))
			continue
		}
		errs = append(errs, validateOCID(path.Index(i), v)...)
	}
	return errs
}

// validateDisplayName checks a non-empty OCI display name against OCI's length limit.
func validateDisplayName(path *field.Path, value string) field.ErrorList {
	if len(value) > maxDisplayNameLength {
		return field.ErrorList{field.TooLong(path, "", maxDisplayNameLength)}
	}
	return nil
}

// validateDNSLabel checks a non-empty OCI DNS label: a letter then letters and digits, at most 15 characters.
func validateDNSLabel(path *field.Path, value string) field.ErrorList {
	if value == "" {
		return nil
	}
	if len(value) > maxDNSLabelLength {
		return field.ErrorList{field.TooLong(path, "", maxDNSLabelLength)}
	}
	if !dnsLabelPattern.MatchString(value) {
		return field.ErrorList{field.Invalid(path, value, "must start with a letter and contain only letters and digits")}
	}
	return nil
}

// validateRegion checks a non-empty OCI region name or key.
func validateRegion(path *field.Path, value string) field.ErrorList {
	if value == "" || regionPattern.MatchString(value) {
		return nil
	}
	return field.ErrorList{field.Invalid(path, value, "must be an OCI region name such as us-ashburn-1 or a region key such as iad")}
}

// validateKubernetesVersion checks a non-empty version of the form v1.34.1.
func validateKubernetesVersion(path *field.Path, value string) field.ErrorList {
	if value == "" || kubernetesVersionPattern.MatchString(value) {
		return nil
	}
	return field.ErrorList{field.Invalid(path, value, "must be a Kubernetes version of the form v<major>.<minor>.<patch>")}
}

// validateEnum checks that a non-empty value is one of the allowed ones.
func validateEnum(path *field.Path, value string, allowed ...string) field.ErrorList {
	if value == "" || slices.Contains(allowed, value) {
		return nil
	}
	return field.ErrorList{field.NotSupported(path, value, allowed)}
}

// validateNamespaceName checks a Kubernetes namespace name.
func validateNamespaceName(path *field.Path, value string) field.ErrorList {
	msgs := validation.IsDNS1123Label(value)
	errs := make(field.ErrorList, 0, len(msgs))
	for _, msg := range msgs {
		errs = append(errs, field.Invalid(path, value, msg))
	}
	return errs
}

// validateObjectName checks the name of a Kubernetes object such as a Secret.
func validateObjectName(path *field.Path, value string) field.ErrorList {
	msgs := validation.IsDNS1123Subdomain(value)
	errs := make(field.ErrorList, 0, len(msgs))
	for _, msg := range msgs {
		errs = append(errs, field.Invalid(path, value, msg))
	}
	return errs
}

// validateResourceName checks a name that refers to another object of the spec (a subnet or an NSG by name).
func validateResourceName(path *field.Path, value string) field.ErrorList {
	if strings.TrimSpace(value) == "" {
		return field.ErrorList{field.Required(path, "a name is required")}
	}
	return validateDisplayName(path, value)
}

// validateCount checks that a non-empty string holds a number (fractions allowed) from 1 to high, as OCPUs and
// memory sizes are given.
func validateCount(path *field.Path, value string, high float64) field.ErrorList {
	if value == "" {
		return nil
	}
	n, err := strconv.ParseFloat(value, 64)
	if err != nil || n < 1 || n > high {
		return field.ErrorList{field.Invalid(path, value, fmt.Sprintf("must be a number from 1 to %g", high))}
	}
	return nil
}

// validateWholeNumber checks that a non-empty string holds a whole number within [low, high].
func validateWholeNumber(path *field.Path, value string, low, high int) field.ErrorList {
	if value == "" {
		return nil
	}
	n, err := strconv.Atoi(value)
	if err != nil || n < low || n > high {
		return field.ErrorList{field.Invalid(path, value, fmt.Sprintf("must be a whole number from %d to %d", low, high))}
	}
	return nil
}

// validateRange checks that an optional integer lies within [low, high].
func validateRange(path *field.Path, value *int, low, high int) field.ErrorList {
	if value == nil || (*value >= low && *value <= high) {
		return nil
	}
	return field.ErrorList{field.Invalid(path, *value, fmt.Sprintf("must be from %d to %d", low, high))}
}

// validateRange64 checks that an optional 64-bit integer lies within [low, high].
func validateRange64(path *field.Path, value *int64, low, high int64) field.ErrorList {
	if value == nil || (*value >= low && *value <= high) {
		return nil
	}
	return field.ErrorList{field.Invalid(path, *value, fmt.Sprintf("must be from %d to %d", low, high))}
}

// validateUnique reports the values of a list of names that occur more than once.
func validateUnique(path *field.Path, values []string) field.ErrorList {
	var errs field.ErrorList
	seen := map[string]bool{}
	for i, v := range values {
		if seen[v] {
			errs = append(errs, field.Duplicate(path.Index(i), v))
		}
		seen[v] = true
	}
	return errs
}

// parseCIDR parses an IPv4 or IPv6 CIDR block given in its canonical (masked) form.
func parseCIDR(path *field.Path, value string) (netip.Prefix, field.ErrorList) {
	p, err := netip.ParsePrefix(value)
	if err != nil {
		return netip.Prefix{}, field.ErrorList{field.Invalid(path, value, "must be a CIDR block such as 10.0.0.0/16")}
	}
	if p.Masked() != p {
		return netip.Prefix{}, field.ErrorList{field.Invalid(path, value,
			fmt.Sprintf("host bits must be zero: did you mean %s?", p.Masked()))}
	}
	return p, nil
}

// contains tells whether the prefix inner lies entirely within outer.
func contains(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// cidrWithin reports an error when the prefix lies in none of the given blocks.
func cidrWithin(path *field.Path, p netip.Prefix, blocks []netip.Prefix) field.ErrorList {
	if len(blocks) == 0 {
		return nil
	}
	for _, b := range blocks {
		if contains(b, p) {
			return nil
		}
	}
	names := make([]string, 0, len(blocks))
	for _, b := range blocks {
		names = append(names, b.String())
	}
	return field.ErrorList{field.Invalid(path, p.String(),
		fmt.Sprintf("must lie within the VCN's CIDR blocks (%s)", strings.Join(names, ", ")))}
}

// namedPrefix is a parsed CIDR with the path it was read from, for overlap checks.
type namedPrefix struct {
	path   *field.Path
	prefix netip.Prefix
}

// noOverlaps reports every prefix that overlaps one listed before it.
func noOverlaps(prefixes []namedPrefix) field.ErrorList {
	var errs field.ErrorList
	for i, p := range prefixes {
		for _, q := range prefixes[:i] {
			if p.prefix.Overlaps(q.prefix) {
				errs = append(errs, field.Invalid(p.path, p.prefix.String(),
					fmt.Sprintf("overlaps %s (%s)", q.prefix, q.path)))
				break
			}
		}
	}
	return errs
}
