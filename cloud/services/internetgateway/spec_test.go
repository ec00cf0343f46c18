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

package internetgateway

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	o.Freeform = map[string]string{"team": "a"}
	o.Defined = map[string]map[string]any{"ns": {"k": "v"}}
	got, err := NewSpec(o, &infrav1.VCN{ID: "ocid1.vcn.test"}).CreateDetails()
	if err != nil {
		t.Fatal(err)
	}
	want := core.CreateInternetGatewayDetails{CompartmentId: ptr.To(o.Compartment), VcnId: ptr.To("ocid1.vcn.test"),
		DisplayName: ptr.To("internet-gateway"), IsEnabled: ptr.To(true),
		FreeformTags: map[string]string{"team": "a", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"},
		DefinedTags:  o.Defined}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("CreateInternetGatewayDetails (-want +got):\n%s", d)
	}
}

func TestNewSpecReadsTheRecordedID(t *testing.T) {
	o := svctest.NewOwner()
	if id := NewSpec(o, &infrav1.VCN{}).OCID(); id != "" {
		t.Errorf("OCID %q without a gateway spec, want none", id)
	}
	v := &infrav1.VCN{InternetGateway: &infrav1.InternetGateway{ID: "ocid1.internetgateway.x"}}
	if id := NewSpec(o, v).OCID(); id != "ocid1.internetgateway.x" {
		t.Errorf("OCID %q, want the recorded one", id)
	}
}

func TestUpdateDetails(t *testing.T) {
	o := svctest.NewOwner()
	owned := o.OwnedTags()
	spec := NewSpec(o, &infrav1.VCN{ID: "ocid1.vcn.test"})
	for _, tc := range []struct {
		name     string
		existing core.InternetGateway
		want     any
	}{
		{"as desired, with tags of others kept", core.InternetGateway{DisplayName: ptr.To("internet-gateway"),
			IsEnabled: ptr.To(true), FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider",
				"ClusterResourceIdentifier": "cluster-uid", "x": "y"}}, nil},
		{"disabled behind our back: enabled again", core.InternetGateway{DisplayName: ptr.To("internet-gateway"),
			IsEnabled: ptr.To(false), FreeformTags: owned},
			core.UpdateInternetGatewayDetails{DisplayName: ptr.To("internet-gateway"), IsEnabled: ptr.To(true), FreeformTags: owned}},
		{"renamed behind our back: renamed back", core.InternetGateway{DisplayName: ptr.To("other"),
			IsEnabled: ptr.To(true), FreeformTags: owned},
			core.UpdateInternetGatewayDetails{DisplayName: ptr.To("internet-gateway"), IsEnabled: ptr.To(true), FreeformTags: owned}},
		{"a tag removed: put back, others kept", core.InternetGateway{DisplayName: ptr.To("internet-gateway"),
			IsEnabled: ptr.To(true), FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "x": "y"}},
			core.UpdateInternetGatewayDetails{DisplayName: ptr.To("internet-gateway"), IsEnabled: ptr.To(true),
				FreeformTags: map[string]string{"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := spec.UpdateDetails(&tc.existing)
			svctest.CheckUpdate(t, "UpdateInternetGatewayDetails", tc.want, got, err)
		})
	}
}
