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
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/rpc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/rpc/mock_rpc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

const (
	phx       = "us-phoenix-1"
	localDRG  = "ocid1.drg.test"
	peerDRG   = "ocid1.drg.peer"
	givenPeer = "ocid1.remotepeeringconnection.given"
	// ours is the cluster's connection, theirs its peer.
	ours   = "ocid1.remotepeeringconnection.ours"
	theirs = "ocid1.remotepeeringconnection.peer"
)

// scope is a cluster "c1" whose VCN peers through the DRG localDRG, with clients of other regions in peers.
type scope struct {
	*svctest.Network
	peering *infrav1.VCNPeering
	peers   map[string]rpc.Client
	asked   []string
}

func (s *scope) VCNPeering() *infrav1.VCNPeering { return s.peering }

func (s *scope) PeerClient(region string) (rpc.Client, error) {
	s.asked = append(s.asked, region)
	if c, ok := s.peers[region]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("no client of region %s", region)
}

func (s *scope) conn(i int) *infrav1.RemotePeeringConnection {
	return &s.peering.RemotePeeringConnections[i]
}

func newScope(conns ...infrav1.RemotePeeringConnection) *scope {
	n := svctest.NewNetwork(infrav1.VCN{ID: "ocid1.vcn.test"})
	n.ServicesErr = errors.New("remote peering needs no services")
	return &scope{Network: n, peering: &infrav1.VCNPeering{DRG: &infrav1.DRG{Manage: true, ID: localDRG},
		RemotePeeringConnections: conns}}
}

// toGiven is an entry peering with the connection givenPeer, which the cluster does not manage, with the
// cluster's connection recorded as id.
func toGiven(id string) infrav1.RemotePeeringConnection {
	return infrav1.RemotePeeringConnection{RPCConnectionID: id, PeerRegionName: phx, PeerRPCConnectionID: givenPeer}
}

// toManaged is an entry whose peer on peerDRG the cluster manages, with the connections recorded as id and peer.
func toManaged(id, peer string) infrav1.RemotePeeringConnection {
	return infrav1.RemotePeeringConnection{RPCConnectionID: id, PeerRegionName: phx, ManagePeerRPC: true, PeerDRGID: peerDRG,
		PeerRPCConnectionID: peer}
}

func conn(id, name string, status core.RemotePeeringConnectionPeeringStatusEnum, tags map[string]string) core.RemotePeeringConnection {
	return core.RemotePeeringConnection{Id: ptr.To(id), DisplayName: ptr.To(name), DrgId: ptr.To(localDRG),
		LifecycleState: core.RemotePeeringConnectionLifecycleStateAvailable, PeeringStatus: status, FreeformTags: tags}
}

func listed(items ...core.RemotePeeringConnection) core.ListRemotePeeringConnectionsResponse {
	return core.ListRemotePeeringConnectionsResponse{Items: items}
}

func got(c core.RemotePeeringConnection) core.GetRemotePeeringConnectionResponse {
	return core.GetRemotePeeringConnectionResponse{RemotePeeringConnection: c}
}

// onDRG matches a list of the compartment's connections on the DRG drg.
func onDRG(drg string) gomock.Matcher {
	return gomock.Cond(func(r core.ListRemotePeeringConnectionsRequest) bool {
		return *r.CompartmentId == "ocid1.compartment.oc1..test" && ptr.Deref(r.DrgId, "") == drg
	})
}

// connects matches the connection of the cluster's connection ours with peer in phx.
func connects(peer string) gomock.Matcher {
	return gomock.Cond(func(r core.ConnectRemotePeeringConnectionsRequest) bool {
		return *r.RemotePeeringConnectionId == ours && *r.PeerId == peer && *r.PeerRegionName == phx
	})
}

func created(id string) core.CreateRemotePeeringConnectionResponse {
	return core.CreateRemotePeeringConnectionResponse{RemotePeeringConnection: core.RemotePeeringConnection{Id: ptr.To(id),
		LifecycleState: core.RemotePeeringConnectionLifecycleStateProvisioning, PeeringStatus: core.RemotePeeringConnectionPeeringStatusNew}}
}

type expectations func(s *scope, local, peer *mock_rpc.MockClientMockRecorder)

// run makes the mock clients of the cluster's region and of phx, sets their expectations, makes the call with
// the service and checks its error with svctest.CheckErr.
func run(t *testing.T, op string, s *scope, expect expectations, wantErr func(error) bool, call func(*rpc.Service) error) {
	t.Helper()
	ctrl := gomock.NewController(t)
	local, peer := mock_rpc.NewMockClient(ctrl), mock_rpc.NewMockClient(ctrl)
	s.peers = map[string]rpc.Client{phx: peer}
	if expect != nil {
		expect(s, local.EXPECT(), peer.EXPECT())
	}
	svctest.CheckErr(t, op, call(rpc.New(s, local)), wantErr)
}

func reconcile(svc *rpc.Service) error { return svc.Reconcile(context.Background()) }
func remove(svc *rpc.Service) error    { return svc.Delete(context.Background()) }

// isPeeringFailed accepts the terminal error of a peering in status.
func isPeeringFailed(status string) func(error) bool {
	return func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == async.Terminal && e.Reason == rpc.ReasonPeeringFailed &&
			strings.Contains(e.Message, "peering status "+status)
	}
}
