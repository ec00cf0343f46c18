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

package drgattachment

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

func TestCreateDetails(t *testing.T) {
	o := svctest.NewOwner()
	o.Freeform = map[string]string{"team": "a"}
	o.Defined = map[string]map[string]any{"ns": {"k": "v"}}
	got, err := NewSpec(o, "c1", "", "ocid1.drg.test", "ocid1.vcn.test").CreateDetails()
	if err != nil {
		t.Fatal(err)
	}
	want := core.CreateDrgAttachmentDetails{DrgId: ptr.To("ocid1.drg.test"), DisplayName: ptr.To("c1"),
		NetworkDetails: core.VcnDrgAttachmentNetworkCreateDetails{Id: ptr.To("ocid1.vcn.test")},
		FreeformTags:   map[string]string{"team": "a", "CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid"},
		DefinedTags:    o.Defined}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("CreateDrgAttachmentDetails (-want +got):\n%s", d)
	}
}

func TestNewSpecReadsTheRecordedID(t *testing.T) {
	s := NewSpec(svctest.NewOwner(), "c1", "ocid1.drgattachment.x", "ocid1.drg.test", "ocid1.vcn.test")
	if s.OCID() != "ocid1.drgattachment.x" || s.Key() != "drgattachment" || s.Name() != "c1" {
		t.Errorf("OCID %q, key %q, name %q", s.OCID(), s.Key(), s.Name())
	}
}

func TestUpdateDetails(t *testing.T) {
	owned := svctest.NewOwner().OwnedTags()
	for _, tc := range []struct {
		name     string
		defined  map[string]map[string]any
		existing core.DrgAttachment
		want     any
	}{
		{"as desired, with tags of others kept", nil, core.DrgAttachment{DisplayName: ptr.To("c1"), FreeformTags: map[string]string{
			"CreatedBy": "OCIClusterAPIProvider", "ClusterResourceIdentifier": "cluster-uid", "x": "y"}}, nil},
		{"renamed behind our back: renamed back", nil, core.DrgAttachment{DisplayName: ptr.To("other"), FreeformTags: owned},
			core.UpdateDrgAttachmentDetails{DisplayName: ptr.To("c1"), FreeformTags: owned}},
		{"a defined tag changed: put back, others kept", map[string]map[string]any{"ns": {"k": "v"}},
			core.DrgAttachment{DisplayName: ptr.To("c1"), FreeformTags: owned, DefinedTags: map[string]map[string]any{"ns": {"k": "w", "o": "p"}}},
			core.UpdateDrgAttachmentDetails{DisplayName: ptr.To("c1"), FreeformTags: owned,
				DefinedTags: map[string]map[string]any{"ns": {"k": "v", "o": "p"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := svctest.NewOwner()
			o.Defined = tc.defined
			got, err := NewSpec(o, "c1", "ocid1.drgattachment.x", "ocid1.drg.test", "ocid1.vcn.test").UpdateDetails(&tc.existing)
			svctest.CheckUpdate(t, "UpdateDrgAttachmentDetails", tc.want, got, err)
		})
	}
}
