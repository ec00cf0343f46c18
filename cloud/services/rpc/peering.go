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

package rpc

import (
	"context"
	"fmt"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// ReasonPeeringFailed is the reason of a remote peering connection whose peering OCI revoked or found invalid.
const ReasonPeeringFailed = "RemotePeeringFailed"

// read is the cluster's connection with id when the engine read it in this reconcile, else nil: then the engine
// found it in place without a call (see unsettle).
func read(a *adapter, id string) *core.RemotePeeringConnection {
	if r := a.Seen(); r != nil && ptr.Deref(r.Id, "") == id {
		return r
	}
	return nil
}

// unsettle has the engine read the connection with key again at the next reconcile, after waits looks, while
// its peering is not PEERED: a connection is in place only once peered. So a connection that the engine finds in
// place without reading it was PEERED when it was last read (and it is read again at its drift checks).
func (s *Service) unsettle(key string, waits int) {
	rec := s.Scope.Recorder(nil)
	m := rec.Memo(key)
	m.CheckedAt, m.Waits = time.Time{}, waits
	rec.SetMemo(key, m)
}

// peer peers the entry c's connection r, recorded under key, with its peer: a connection in NEW is connected to
// it, once, and the peering is "not done" (the waits-th look) until OCI reports it PEERED. A peering that OCI
// revoked or found invalid is a terminal error.
func (s *Service) peer(ctx context.Context, key string, r *core.RemotePeeringConnection, c *infrav1.RemotePeeringConnection,
	waits int) error {
	switch r.PeeringStatus {
	case core.RemotePeeringConnectionPeeringStatusPeered:
		return nil
	case core.RemotePeeringConnectionPeeringStatusNew:
		if err := s.connect(ctx, key, c); err != nil {
			return err
		}
	case core.RemotePeeringConnectionPeeringStatusPending:
	default: // REVOKED, INVALID
		return &async.Error{Class: async.Terminal, Reason: ReasonPeeringFailed, Message: fmt.Sprintf(
			"%s %s has peering status %s with %s in %s: the peer connection was deleted, or cannot be peered with; "+
				"delete the connections in OCI (or give other OCIDs) to have them made and peered again",
			key, c.RPCConnectionID, r.PeeringStatus, c.PeerRPCConnectionID, c.PeerRegionName)}
	}
	return &async.NotDoneError{Key: key, What: "waiting for the peering to be PEERED (it is " + string(r.PeeringStatus) + ")",
		RequeueAfter: async.Backoff(waits)}
}

// connect connects the entry c's connection, recorded under key, with its peer.
func (s *Service) connect(ctx context.Context, key string, c *infrav1.RemotePeeringConnection) error {
	_, err := s.Client.ConnectRemotePeeringConnections(clients.WithOperation(ctx, "ConnectRemotePeeringConnections"),
		core.ConnectRemotePeeringConnectionsRequest{RemotePeeringConnectionId: &c.RPCConnectionID,
			ConnectRemotePeeringConnectionsDetails: core.ConnectRemotePeeringConnectionsDetails{
				PeerId: &c.PeerRPCConnectionID, PeerRegionName: &c.PeerRegionName}})
	return async.Classify(fmt.Sprintf("connecting %s to %s in %s", key, c.PeerRPCConnectionID, c.PeerRegionName), err)
}
