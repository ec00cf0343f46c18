package ocisim

import (
	"net/http"
	"time"
)

// What every controller test asks of the emulator: faults of a common shape, and after a phase, whether it leaked
// or duplicated a resource and whether it changed anything.

// Flaky5xx makes every operation fail with 500 at the given rate.
func Flaky5xx(rate float64) map[string]Fault {
	return map[string]Fault{"*": {ErrorRate: rate, Status: http.StatusInternalServerError}}
}

// Throttling makes every operation answer 429 at the given rate.
func Throttling(rate float64) map[string]Fault {
	return map[string]Fault{"*": {ErrorRate: rate, Status: http.StatusTooManyRequests}}
}

// Unreliable mixes server errors, throttling and eventual consistency in every operation: errorRate of 500s,
// throttleRate of 429s, and new resources out of lists and reads for lag.
func Unreliable(errorRate, throttleRate float64, lag time.Duration) map[string]Fault {
	return map[string]Fault{"*": {ErrorRate: errorRate, Status: http.StatusInternalServerError, ThrottleRate: throttleRate,
		ListLag: lag, GetLag: lag}}
}

// EventuallyConsistent keeps every new resource out of lists and reads for lag, as OCI's eventual consistency
// does right after a create.
func EventuallyConsistent(lag time.Duration) map[string]Fault {
	return map[string]Fault{"*": {ListLag: lag, GetLag: lag}}
}

// Leaks returns the live resources of a compartment: after a cluster in its own compartment is deleted, none
// should be left.
func (s *Sim) Leaks(compartment string) []Resource {
	var out []Resource
	for _, r := range s.Live("") {
		if r.CompartmentID == compartment {
			out = append(out, r)
		}
	}
	return out
}

// Duplicates returns, for a compartment, each group of live resources of one kind, region, parent and display
// name that has more than one member: a create repeated without its retry token leaves such a group. Resources
// without a display name (an instance's primary VNIC and its attachment) are left out: they come with their
// instance, whose duplicates are counted.
func (s *Sim) Duplicates(compartment string) [][]Resource {
	groups := map[[4]string][]Resource{}
	var order [][4]string
	for _, r := range s.Leaks(compartment) {
		if r.DisplayName == "" {
			continue
		}
		k := [4]string{r.Kind, r.Region, r.Parent, r.DisplayName}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	var out [][]Resource
	for _, k := range order {
		if len(groups[k]) > 1 {
			out = append(out, groups[k])
		}
	}
	return out
}

// MutatingCalls counts the requests other than GET and HEAD since the start or the last ResetStats: a phase that
// should change nothing (a steady-state reconcile) must leave it at zero.
func (s *Sim) MutatingCalls() int {
	s.obs.mu.Lock()
	defer s.obs.mu.Unlock()
	return s.obs.mutating
}

// CallsIn returns the logged requests that touched a compartment since a time: what one cluster, in a compartment
// of its own, asked of OCI while other clusters ran beside it.
func (s *Sim) CallsIn(compartment string, since time.Time) []RequestLogEntry {
	var out []RequestLogEntry
	log := s.RequestLog()
	for i := range log {
		if log[i].Compartment == compartment && !log[i].Time.Before(since) {
			out = append(out, log[i])
		}
	}
	return out
}

// Mutating returns the requests of entries other than GET and HEAD.
func Mutating(entries []RequestLogEntry) []RequestLogEntry {
	var out []RequestLogEntry
	for i := range entries {
		if entries[i].Method != http.MethodGet && entries[i].Method != http.MethodHead {
			out = append(out, entries[i])
		}
	}
	return out
}
