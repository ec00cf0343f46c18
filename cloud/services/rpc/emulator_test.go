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

package rpc_test

import (
	"context"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drg"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/rpc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// regional is the test scope with clients of every region of the emulator.
type regional struct {
	*scope
	clientsOf func(region string) core.VirtualNetworkClient
}

func (s *regional) PeerClient(region string) (rpc.Client, error) { return s.clientsOf(region), nil }

// TestAgainstTheEmulator runs the DRG and two remote peering connections through the real SDK against the
// emulator, in two regions, with OCI's delays on a simulated clock and lists of two a page: one entry's peer is
// made by the service on a peer DRG in the other region, the other's is given; both are connected and PEERED, a
// steady state changes nothing, then all is deleted without a leak.
func TestAgainstTheEmulator(t *testing.T) {
	sim := ocisim.StartT(t, ocisim.Options{Delays: ocisim.RealisticDelays(), PageSize: 2})
	home, peerRegion := sim.Regions()[0], sim.Regions()[1]
	factory := clients.NewFactory(clients.Options{RateLimit: -1})
	clientsOf := func(region string) core.VirtualNetworkClient {
		set, err := factory.ClientsFor(clients.Identity{Provider: sim.ConfigurationProviderFor(region)}, region,
			clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region)})
		if err != nil {
			t.Fatal(err)
		}
		return set.VirtualNetwork
	}
	ctx, vn, peerVN := context.Background(), clientsOf(home), clientsOf(peerRegion)
	tenancy := ptr.To(sim.Tenancy())
	peerDRG, err := peerVN.CreateDrg(ctx, core.CreateDrgRequest{CreateDrgDetails: core.CreateDrgDetails{CompartmentId: tenancy}})
	if err != nil {
		t.Fatal(err)
	}
	given, err := peerVN.CreateRemotePeeringConnection(ctx, core.CreateRemotePeeringConnectionRequest{
		CreateRemotePeeringConnectionDetails: core.CreateRemotePeeringConnectionDetails{CompartmentId: tenancy, DrgId: peerDRG.Id,
			DisplayName: ptr.To("theirs")}})
	if err != nil {
		t.Fatal(err)
	}
	s := &regional{scope: newScope(
		infrav1.RemotePeeringConnection{PeerRegionName: peerRegion, ManagePeerRPC: true, PeerDRGID: *peerDRG.Id},
		infrav1.RemotePeeringConnection{PeerRegionName: peerRegion, PeerRPCConnectionID: *given.Id}), clientsOf: clientsOf}
	s.peering.DRG.ID = ""
	s.Compartment, s.Identifier = sim.Tenancy(), "4b4c0e7e-0000-4000-8000-000000000006"
	services := []async.ServiceReconciler{drg.New(s, vn), rpc.New(s, vn)}
	run := func(step func() error) {
		t.Helper()
		svctest.UntilDone(t, sim.Advance, step)
	}
	reconcile := func() {
		t.Helper()
		for _, svc := range services {
			run(func() error { return svc.Reconcile(ctx) })
		}
	}
	reconcile()
	for i, c := range s.peering.RemotePeeringConnections {
		r, err := vn.GetRemotePeeringConnection(ctx, core.GetRemotePeeringConnectionRequest{RemotePeeringConnectionId: ptr.To(c.RPCConnectionID)})
		if err != nil {
			t.Fatal(err)
		}
		if r.PeeringStatus != core.RemotePeeringConnectionPeeringStatusPeered || *r.PeerId != c.PeerRPCConnectionID ||
			*r.PeerRegionName != peerRegion || *r.DrgId != s.peering.DRG.ID || *r.DisplayName != rpc.DisplayName(&c, "c1", i) {
			t.Errorf("connection %d: %+v, want it on the DRG, PEERED with %s", i, r.RemotePeeringConnection, c.PeerRPCConnectionID)
		}
	}
	sim.ResetStats()
	s.Gen++
	reconcile()
	if n := sim.MutatingCalls(); n != 0 {
		t.Errorf("%d mutating calls in a steady state, want none", n)
	}
	if d := sim.Duplicates(sim.Tenancy()); len(d) != 0 {
		t.Errorf("duplicates %+v", d)
	}
	for i := len(services) - 1; i >= 0; i-- {
		run(func() error { return services[i].Delete(ctx) })
	}
	g, err := peerVN.GetRemotePeeringConnection(ctx, core.GetRemotePeeringConnectionRequest{RemotePeeringConnectionId: given.Id})
	if err != nil || g.PeeringStatus != core.RemotePeeringConnectionPeeringStatusRevoked {
		t.Errorf("the given peer: %+v, %v; want it kept, REVOKED", g.RemotePeeringConnection, err)
	}
	_, err = peerVN.DeleteRemotePeeringConnection(ctx, core.DeleteRemotePeeringConnectionRequest{RemotePeeringConnectionId: given.Id})
	if err != nil {
		t.Fatal(err)
	}
	sim.Advance(async.DefaultDriftInterval)
	if _, err := peerVN.DeleteDrg(ctx, core.DeleteDrgRequest{DrgId: peerDRG.Id}); err != nil {
		t.Fatal(err)
	}
	if left := sim.Leaks(sim.Tenancy()); len(left) != 0 {
		t.Errorf("left %+v", left)
	}
}
