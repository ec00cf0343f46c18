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

// The spec tests are of the external package, like the others: the scopes that svctest builds on may come to
// implement this package's Scope.
package rpc_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/rpc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestDisplayName(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    infrav1.RemotePeeringConnection
		i    int
		want string
	}{
		{"named", infrav1.RemotePeeringConnection{Name: "to-phx"}, 3, "to-phx"},
		{"the first, unnamed: the cluster's name", infrav1.RemotePeeringConnection{}, 0, "c1"},
		{"a later one, unnamed: the cluster's name and its index", infrav1.RemotePeeringConnection{}, 2, "c1-2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := rpc.DisplayName(&tc.c, "c1", tc.i); got != tc.want {
				t.Errorf("DisplayName = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	ok := infrav1.RemotePeeringConnection{PeerRegionName: "us-phoenix-1", PeerRPCConnectionID: "ocid1.remotepeeringconnection.peer"}
	managed := infrav1.RemotePeeringConnection{PeerRegionName: "us-phoenix-1", ManagePeerRPC: true, PeerDRGID: "ocid1.drg.peer"}
	named := managed
	named.Name = "c1"
	for _, tc := range []struct {
		name  string
		conns []infrav1.RemotePeeringConnection
		want  string
	}{
		{"a given peer and a managed one", []infrav1.RemotePeeringConnection{ok, managed}, ""},
		{"no peer region", []infrav1.RemotePeeringConnection{{PeerRPCConnectionID: "ocid1.remotepeeringconnection.peer"}},
			"remotePeeringConnections[0].peerRegionName is not set"},
		{"a managed peer without its DRG", []infrav1.RemotePeeringConnection{ok, {PeerRegionName: "us-phoenix-1", ManagePeerRPC: true}},
			"remotePeeringConnections[1].peerDRGId is not set"},
		{"a peer neither managed nor given", []infrav1.RemotePeeringConnection{{PeerRegionName: "us-phoenix-1", PeerDRGID: "ocid1.drg.peer"}},
			"remotePeeringConnections[0].peerRPCConnectionId is not set"},
		{"two of one name", []infrav1.RemotePeeringConnection{ok, named},
			`remotePeeringConnections[1] and remotePeeringConnections[0] have the same display name "c1"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := rpc.Validate(tc.conns, "c1")
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("Validate = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	o.Freeform = map[string]string{"team": "a"}
	o.Defined = map[string]map[string]any{"ns": {"k": "v"}}
	s := rpc.NewSpec(o, rpc.PeerKey(1), "", "c1-1", "ocid1.drg.peer")
	if s.Key() != "rpc/1/peer" || rpc.Key(1) != "rpc/1" {
		t.Errorf("keys %q and %q", rpc.Key(1), s.Key())
	}
	got, err := s.CreateDetails()
	if err != nil {
		t.Fatal(err)
	}
	want := core.CreateRemotePeeringConnectionDetails{CompartmentId: ptr.To(o.Compartment), DrgId: ptr.To("ocid1.drg.peer"),
		DisplayName:  ptr.To("c1-1"),
		FreeformTags: map[string]string{"team": "a", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"},
		DefinedTags:  o.Defined}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("CreateRemotePeeringConnectionDetails (-want +got):\n%s", d)
	}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	spec := rpc.NewSpec(o, rpc.Key(0), "ocid1.remotepeeringconnection.x", "c1", "ocid1.drg.test")
	for _, tc := range []struct {
		name     string
		existing core.RemotePeeringConnection
		want     any
	}{
		{"as desired, with tags of others kept", core.RemotePeeringConnection{DisplayName: ptr.To("c1"), FreeformTags: map[string]string{
			"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}, nil},
		{"renamed behind our back: renamed back", core.RemotePeeringConnection{DisplayName: ptr.To("other"), FreeformTags: owned},
			core.UpdateRemotePeeringConnectionDetails{DisplayName: ptr.To("c1"), FreeformTags: owned}},
		{"a tag removed: put back, others kept", core.RemotePeeringConnection{DisplayName: ptr.To("c1"),
			FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}},
			core.UpdateRemotePeeringConnectionDetails{DisplayName: ptr.To("c1"), FreeformTags: map[string]string{
				"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := spec.UpdateDetails(&tc.existing)
			svctest.CheckUpdate(t, "UpdateRemotePeeringConnectionDetails", tc.want, got, err)
		})
	}
}
