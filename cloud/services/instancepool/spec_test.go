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

package instancepool_test

import (
	"testing"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/services/instancepool"
)

func TestSpecUpdateDetails(t *testing.T) {
	s := newScope()
	spec, err := instancepool.NewSpec(s, 3)
	NewWithT(t).Expect(err).NotTo(HaveOccurred())
	reordered := func(p *core.InstancePool) {
		p.PlacementConfigurations[0].FaultDomains = []string{"FAULT-DOMAIN-2", "FAULT-DOMAIN-1"}
	}
	for _, tc := range []struct {
		name string
		edit func(*core.InstancePool)
		want any
	}{
		{name: "in place (any size)", edit: func(p *core.InstancePool) { p.Size = ptr.To(7) }},
		{name: "fault domains in another order", edit: reordered},
		{name: "another configuration", edit: func(p *core.InstancePool) { p.InstanceConfigurationId = ptr.To("ocid1.ic.old") },
			want: core.UpdateInstancePoolDetails{InstanceConfigurationId: ptr.To("ocid1.ic.new")}},
		{name: "another subnet", edit: func(p *core.InstancePool) {
			p.PlacementConfigurations[0].PrimarySubnetId = ptr.To("ocid1.subnet.other")
		},
			want: core.UpdateInstancePoolDetails{PlacementConfigurations: []core.UpdateInstancePoolPlacementConfigurationDetails{
				{AvailabilityDomain: ptr.To("AD-1"), PrimarySubnetId: ptr.To("ocid1.subnet.worker"), FaultDomains: []string{"FAULT-DOMAIN-1", "FAULT-DOMAIN-2"}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := running(s, 3, "ocid1.ic.new")
			tc.edit(&p)
			got, err := spec.UpdateDetails(&p)
			g := NewWithT(t)
			g.Expect(err).NotTo(HaveOccurred())
			if tc.want == nil {
				g.Expect(got).To(BeNil())
				return
			}
			g.Expect(got).To(Equal(tc.want))
		})
	}
	d, err := spec.CreateDetails()
	NewWithT(t).Expect(err).NotTo(HaveOccurred())
	NewWithT(t).Expect(d.(core.CreateInstancePoolDetails).Size).To(HaveValue(Equal(3)))
}
