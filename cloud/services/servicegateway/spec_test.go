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

package servicegateway

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

const all = "ocid1.service.all"

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	o.Freeform = map[string]string{"team": "a"}
	o.Defined = map[string]map[string]any{"ns": {"k": "v"}}
	got, err := NewSpec(o, &infrav1.VCN{ID: "ocid1.vcn.test"}, all).CreateDetails()
	if err != nil {
		t.Fatal(err)
	}
	want := core.CreateServiceGatewayDetails{CompartmentId: ptr.To(o.Compartment), VcnId: ptr.To("ocid1.vcn.test"),
		DisplayName: ptr.To("service-gateway"), Services: []core.ServiceIdRequestDetails{{ServiceId: ptr.To(all)}},
		FreeformTags: map[string]string{"team": "a", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"},
		DefinedTags:  o.Defined}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("CreateServiceGatewayDetails (-want +got):\n%s", d)
	}
}

func TestCreateDetailsWithoutAServiceIsRefused(t *testing.T) {
	if _, err := NewSpec(svctest.NewOwner(), &infrav1.VCN{ID: "ocid1.vcn.test"}, "").CreateDetails(); err == nil {
		t.Fatal("a service gateway serving nothing was asked for")
	}
}

func TestNewSpecReadsTheRecordedID(t *testing.T) {
	o := svctest.NewOwner()
	if id := NewSpec(o, &infrav1.VCN{}, all).OCID(); id != "" {
		t.Errorf("OCID %q without a gateway spec, want none", id)
	}
	v := &infrav1.VCN{ServiceGateway: &infrav1.ServiceGateway{ID: "ocid1.servicegateway.x"}}
	if id := NewSpec(o, v, all).OCID(); id != "ocid1.servicegateway.x" {
		t.Errorf("OCID %q, want the recorded one", id)
	}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	spec := NewSpec(o, &infrav1.VCN{ID: "ocid1.vcn.test"}, all)
	serving := func(ids ...string) []core.ServiceIdResponseDetails {
		var out []core.ServiceIdResponseDetails
		for _, id := range ids {
			out = append(out, core.ServiceIdResponseDetails{ServiceId: ptr.To(id), ServiceName: ptr.To(id)})
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		existing core.ServiceGateway
		want     any
	}{
		{"as desired, with tags of others kept", core.ServiceGateway{DisplayName: ptr.To("service-gateway"),
			Services: serving(all), FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider",
				"ClusterResourceIdentifier": "cluster-uid", "x": "y"}}, nil},
		{"renamed behind our back: renamed back, services not sent", core.ServiceGateway{DisplayName: ptr.To("other"),
			Services: serving(all), FreeformTags: owned},
			core.UpdateServiceGatewayDetails{DisplayName: ptr.To("service-gateway"), FreeformTags: owned}},
		{"serving object storage only: all services put back", core.ServiceGateway{DisplayName: ptr.To("service-gateway"),
			Services: serving("ocid1.service.objectstorage"), FreeformTags: owned},
			core.UpdateServiceGatewayDetails{DisplayName: ptr.To("service-gateway"), FreeformTags: owned,
				Services: []core.ServiceIdRequestDetails{{ServiceId: ptr.To(all)}}}},
		{"serving nothing: all services put back", core.ServiceGateway{DisplayName: ptr.To("service-gateway"),
			FreeformTags: owned},
			core.UpdateServiceGatewayDetails{DisplayName: ptr.To("service-gateway"), FreeformTags: owned,
				Services: []core.ServiceIdRequestDetails{{ServiceId: ptr.To(all)}}}},
		{"a tag removed: put back, others kept", core.ServiceGateway{DisplayName: ptr.To("service-gateway"),
			Services: serving(all), FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}},
			core.UpdateServiceGatewayDetails{DisplayName: ptr.To("service-gateway"),
				FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := spec.UpdateDetails(&tc.existing)
			svctest.CheckUpdate(t, "UpdateServiceGatewayDetails", tc.want, got, err)
		})
	}
}
