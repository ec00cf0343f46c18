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

// Package rpc reconciles the remote peering connections of a cluster's DRG
// (spec.networkSpec.vcnPeering.remotePeeringConnections): for each entry, a connection on the cluster's DRG and,
// when the entry says so (managePeerRPC), its peer on the peer DRG in the peer's region, made through a client
// of that region. Once both are there, the cluster's connection is connected to its peer, once, and the service
// is "not done" until OCI reports them PEERED; a peering OCI revoked or found invalid is an error that needs a
// person.
package rpc

import (
	"context"
	"fmt"
	"strconv"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/drg"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_rpc/client_mock.go -package=mock_rpc github.com/oracle/cluster-api-provider-oci/cloud/services/rpc Client

// KeyPrefix begins the keys of the remote peering connections among the cluster's resources.
const KeyPrefix = "rpc/"

// Key names the cluster's connection of the i-th entry among the cluster's resources.
func Key(i int) string { return KeyPrefix + strconv.Itoa(i) }

// PeerKey names the peer connection of the i-th entry, which the cluster manages, among its resources.
func PeerKey(i int) string { return Key(i) + "/peer" }

// Scope is what the remote peering connection service needs of a cluster, self-managed or OKE.
type Scope interface {
	svc.Network
	// VCNPeering is the cluster's VCN peering spec, nil without peering: the service reads the DRG's OCID in
	// its DRG.ID and records the connections' in its RemotePeeringConnections.
	VCNPeering() *infrav1.VCNPeering
	// PeerClient returns a client of the region named region (such as us-phoenix-1) with the cluster's
	// identity: the peer connections the cluster manages are made, read and deleted through it.
	PeerClient(region string) (Client, error)
}

// Service reconciles the remote peering connections.
type Service struct{ svc.Service[Scope, Client] }

// New returns the remote peering connection service of scope, calling OCI in the cluster's region with client.
// Its name is the earlier provider's, so that the cluster's conditions keep their reasons.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService("drgrpcattachment", scope, client)}
}

// local returns the adapter of the connections on the cluster's DRG with drgID: one list of them serves the
// reads of all the entries' connections.
func (s *Service) local(drgID string) *adapter {
	return svc.NewAdapter(kind(s.Client, s.Scope.CompartmentID(), drgID, true), s.Scope.ResourceIdentifier())
}

// engine returns the engine of the connections that a reads, recording their OCIDs in conns.
func (s *Service) engine(a *adapter, conns []infrav1.RemotePeeringConnection) *async.Engine[core.RemotePeeringConnection] {
	return svc.NewEngine(s.Scope, a, func(key, id string) {
		for i := range conns {
			switch key {
			case Key(i):
				conns[i].RPCConnectionID = id
			case PeerKey(i):
				conns[i].PeerRPCConnectionID = id
			}
		}
	})
}

// peerEngine returns the engine of the peer connection of c, on its peer DRG through a client of its region.
func (s *Service) peerEngine(c *infrav1.RemotePeeringConnection) (*async.Engine[core.RemotePeeringConnection], error) {
	client, err := s.Scope.PeerClient(c.PeerRegionName)
	if err != nil {
		return nil, fmt.Errorf("making a client of region %s for the peer remote peering connection: %w", c.PeerRegionName, err)
	}
	a := svc.NewAdapter(kind(client, s.Scope.CompartmentID(), c.PeerDRGID, false), s.Scope.ResourceIdentifier())
	return svc.NewEngine(s.Scope, a, func(_, id string) { c.PeerRPCConnectionID = id }), nil
}

// Reconcile makes each entry's connections, or finds them, keeps their names and tags as declared, and peers
// them. It makes no call without entries; an entry that misses what it needs (see Validate), or a DRG not
// declared, is an error, and a DRG the cluster manages that is not recorded yet is "not done".
func (s *Service) Reconcile(ctx context.Context) error {
	p := s.Scope.VCNPeering()
	if p == nil || len(p.RemotePeeringConnections) == 0 {
		return nil
	}
	if err := Validate(p.RemotePeeringConnections, s.Scope.ClusterName()); err != nil {
		return err
	}
	drgID, err := drg.ID(p, "rpc")
	if err != nil {
		return err
	}
	a := s.local(drgID)
	e := s.engine(a, p.RemotePeeringConnections)
	steps := make([]func() error, len(p.RemotePeeringConnections))
	for i := range steps {
		steps[i] = func() error { return s.reconcileOne(ctx, a, e, drgID, i) }
	}
	return svc.RunAll(steps)
}

// reconcileOne makes the i-th entry's connection on the DRG with drgID and, when the cluster manages it, its
// peer; then it peers them. The connection is in place only once PEERED (see unsettle).
func (s *Service) reconcileOne(ctx context.Context, a *adapter, e *async.Engine[core.RemotePeeringConnection], drgID string, i int) error {
	c := &s.Scope.VCNPeering().RemotePeeringConnections[i]
	key, name := Key(i), DisplayName(c, s.Scope.ClusterName(), i)
	waits := s.Scope.Recorder(nil).Memo(key).Waits + 1
	if err := e.Reconcile(ctx, NewSpec(s.Scope, key, c.RPCConnectionID, name, drgID)); err != nil {
		return err
	}
	r := read(a, c.RPCConnectionID)
	if r != nil && r.PeeringStatus != core.RemotePeeringConnectionPeeringStatusPeered {
		s.unsettle(key, waits)
	}
	if c.ManagePeerRPC {
		pe, err := s.peerEngine(c)
		if err != nil {
			return err
		}
		if err := pe.Reconcile(ctx, NewSpec(s.Scope, PeerKey(i), c.PeerRPCConnectionID, name, c.PeerDRGID)); err != nil {
			return err
		}
	}
	if r == nil {
		return nil // in place: PEERED when last read
	}
	return s.peer(ctx, key, r, c, waits)
}

// Delete deletes each entry's connection and, when the cluster manages it, its peer, when the provider made
// them; connections brought by ID are left alone. It makes no call for a connection that was never recorded
// when its DRG was not either (then it was never made).
func (s *Service) Delete(ctx context.Context) error {
	p := s.Scope.VCNPeering()
	if p == nil || len(p.RemotePeeringConnections) == 0 {
		return nil
	}
	var drgID string
	if p.DRG != nil {
		drgID = p.DRG.ID
	}
	conns := p.RemotePeeringConnections
	e := s.engine(s.local(drgID), conns)
	var out svc.Outcome
	for i := range conns {
		c := &conns[i]
		name := DisplayName(c, s.Scope.ClusterName(), i)
		if c.RPCConnectionID != "" || drgID != "" {
			out.Add(e.Delete(ctx, NewSpec(s.Scope, Key(i), c.RPCConnectionID, name, drgID)))
		}
		if c.ManagePeerRPC && c.PeerRegionName != "" && (c.PeerRPCConnectionID != "" || c.PeerDRGID != "") {
			out.Add(s.deletePeer(ctx, c, i, name))
		}
	}
	return out.Err()
}

// deletePeer deletes the i-th entry's peer connection c, named name, through a client of its region.
func (s *Service) deletePeer(ctx context.Context, c *infrav1.RemotePeeringConnection, i int, name string) error {
	pe, err := s.peerEngine(c)
	if err != nil {
		return err
	}
	return pe.Delete(ctx, NewSpec(s.Scope, PeerKey(i), c.PeerRPCConnectionID, name, c.PeerDRGID))
}
