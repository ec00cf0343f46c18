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

package drg

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	o.Freeform = map[string]string{"team": "a"}
	o.Defined = map[string]map[string]any{"ns": {"k": "v"}}
	tags := map[string]string{"team": "a", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"}
	for _, tc := range []struct {
		name string
		drg  infrav1.DRG
		want string
	}{
		{"no name: the cluster's", infrav1.DRG{Manage: true}, "c1"},
		{"named", infrav1.DRG{Manage: true, Name: "peering"}, "peering"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NewSpec(o, "c1", &tc.drg).CreateDetails()
			if err != nil {
				t.Fatal(err)
			}
			want := core.CreateDrgDetails{CompartmentId: ptr.To(o.Compartment), DisplayName: ptr.To(tc.want),
				FreeformTags: tags, DefinedTags: o.Defined}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("CreateDrgDetails (-want +got):\n%s", d)
			}
		})
	}
}

func TestNewSpecReadsTheRecordedID(t *testing.T) {
	s := NewSpec(svctest.NewOwner(), "c1", &infrav1.DRG{Manage: true, ID: "ocid1.drg.x"})
	if s.OCID() != "ocid1.drg.x" || s.Key() != "drg" {
		t.Errorf("OCID %q, key %q; want the recorded OCID under drg", s.OCID(), s.Key())
	}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	spec := NewSpec(o, "c1", &infrav1.DRG{Manage: true})
	for _, tc := range []struct {
		name     string
		existing core.Drg
		want     any
	}{
		{"as desired, with tags of others kept", core.Drg{DisplayName: ptr.To("c1"), FreeformTags: map[string]string{
			"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}, nil},
		{"renamed behind our back: renamed back", core.Drg{DisplayName: ptr.To("other"), FreeformTags: owned},
			core.UpdateDrgDetails{DisplayName: ptr.To("c1"), FreeformTags: owned}},
		{"a tag removed: put back, others kept", core.Drg{DisplayName: ptr.To("c1"),
			FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}},
			core.UpdateDrgDetails{DisplayName: ptr.To("c1"), FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider",
				"ClusterResourceIdentifier": "cluster-uid", "x": "y"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := spec.UpdateDetails(&tc.existing)
			svctest.CheckUpdate(t, "UpdateDrgDetails", tc.want, got, err)
		})
	}
}

func TestID(t *testing.T) {
	for _, tc := range []struct {
		name    string
		drg     *infrav1.DRG
		want    string
		wantErr func(error) bool
	}{
		{"recorded", &infrav1.DRG{Manage: true, ID: "ocid1.drg.x"}, "ocid1.drg.x", nil},
		{"given", &infrav1.DRG{ID: "ocid1.drg.x"}, "ocid1.drg.x", nil},
		{"managed, not recorded yet: not done", &infrav1.DRG{Manage: true}, "", async.IsNotDone},
		{"not managed and no OCID", &infrav1.DRG{}, "", func(err error) bool { return errors.Is(err, ErrNoID) }},
		{"no DRG", nil, "", func(err error) bool { return errors.Is(err, ErrNoDRG) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ID(&infrav1.VCNPeering{DRG: tc.drg}, "drgattachment")
			svctest.CheckErr(t, "ID", err, tc.wantErr)
			if got != tc.want {
				t.Errorf("ID = %q, want %q", got, tc.want)
			}
		})
	}
}
