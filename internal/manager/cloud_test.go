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

package manager

import (
	"context"
	"testing"

	. "github.com/onsi/gomega"
	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/credentials"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// TestCloudSignsWithTheManagersCredentialsAndCountsCalls builds the cloud layer as Run does, from the auth-config
// directory the emulator writes, and makes calls through it without a rate limit (--oci-rate-limit=0).
func TestCloudSignsWithTheManagersCredentialsAndCountsCalls(t *testing.T) {
	g := NewWithT(t)
	ctx := context.Background()
	sim := ocisim.StartT(t, ocisim.Options{})
	files, err := sim.WriteCredentials(t.TempDir())
	g.Expect(err).NotTo(HaveOccurred())
	creds, err := credentials.LoadDir(files.AuthConfigDir)
	g.Expect(err).NotTo(HaveOccurred())

	o, err := parse(t, "--oci-rate-limit=0", "--oci-rate-burst=1")
	g.Expect(err).NotTo(HaveOccurred())
	reg := prometheus.NewRegistry()
	cloud, err := NewCloud(o, creds, nil, reg)
	g.Expect(err).NotTo(HaveOccurred())
	_, err = NewCloud(o, creds, nil, reg) // a second manager in the process counts into the same metrics
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(cloud.DriftInterval).To(Equal(o.OCI.DriftInterval))

	id, err := cloud.Identities.Resolve(ctx, "default", nil)
	g.Expect(err).NotTo(HaveOccurred())
	region := sim.Regions()[0]
	set, err := cloud.Clients.ClientsFor(id, region, clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region)})
	g.Expect(err).NotTo(HaveOccurred())
	for range 3 {
		_, err := set.VirtualNetwork.ListVcns(clients.WithOperation(ctx, "ListVcns"), core.ListVcnsRequest{CompartmentId: common.String(sim.Tenancy())})
		g.Expect(err).NotTo(HaveOccurred(), "with the rate limit off, a burst of 1 does not hold calls back")
	}
	families, err := reg.Gather()
	g.Expect(err).NotTo(HaveOccurred())
	var counted float64
	for _, f := range families {
		if f.GetName() == "capoci_oci_requests_total" {
			for _, m := range f.GetMetric() {
				counted += m.GetCounter().GetValue()
			}
		}
	}
	g.Expect(counted).To(BeEquivalentTo(sim.Stats()["ListVcns"].Total))
	g.Expect(counted).To(BeEquivalentTo(3))
}
