// Package ocisim is a local emulator of the Oracle Cloud Infrastructure REST APIs
// that the Cluster API provider for OCI calls.
//
// The emulator runs real HTTP servers on loopback addresses, one per service and
// region (OCI carries the region only in the host name), and speaks OCI's wire
// format so that unmodified oci-go-sdk clients can be pointed at it. State lives
// in memory; lifecycle transitions are evaluated lazily on read against a
// controllable clock, so tests stay fast and deterministic.
//
// A test starts an emulator, takes SDK clients from it and drives them:
//
//	sim, err := ocisim.Start(ctx, ocisim.Options{})
//	defer sim.Close()
//	vn, err := sim.VirtualNetworkClient("us-ashburn-1")
//	vcn, err := vn.CreateVcn(ctx, core.CreateVcnRequest{...})
//	sim.Advance(time.Minute)
//
// Clients built elsewhere are pointed at it with Configure, EndpointFunc or
// ClientOverrides, and sign with ConfigurationProvider. Faults are injected
// with Options.Faults or SetFault; Stats, RequestLog, Snapshot and Live report
// what happened. See docs/book/src/topics/emulator.md for the whole picture.
package ocisim
