// Package ocisim is a local emulator of the Oracle Cloud Infrastructure REST APIs
// that the Cluster API provider for OCI calls.
//
// The emulator runs real HTTP servers on loopback addresses, one per service and
// region, and speaks OCI's wire format so that unmodified oci-go-sdk clients can
// be pointed at it. State lives in memory; lifecycle transitions are evaluated
// lazily on read against a controllable clock, so tests stay fast and
// deterministic. See docs/book/src/topics/emulator.md for an overview.
package ocisim
