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

package async_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/scope"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// The engine's call economy, measured by the emulator's counters: one VCN through the real SDK, the client
// factory, the engine and the status-backed recorder, with OCI's delays (RealisticDelays) on a simulated clock.

// vcnClient is a minimal VCN client for the measurement (the real one comes with the VCN service).
type vcnClient struct {
	vn          core.VirtualNetworkClient
	compartment string
}

func (c vcnClient) Get(ctx context.Context, id string) (*core.Vcn, error) {
	r, err := c.vn.GetVcn(ctx, core.GetVcnRequest{VcnId: &id})
	return &r.Vcn, err
}

func (c vcnClient) Find(ctx context.Context, spec async.Spec[core.Vcn]) (*core.Vcn, error) {
	vcns, err := ociutil.ListAll(ctx, func(ctx context.Context, page *string) ([]core.Vcn, *string, error) {
		r, err := c.vn.ListVcns(ctx, core.ListVcnsRequest{CompartmentId: &c.compartment, DisplayName: common.String(spec.Key()), Page: page})
		return r.Items, r.OpcNextPage, err
	})
	if err != nil || len(vcns) == 0 {
		return nil, err
	}
	return &vcns[0], nil
}

func (c vcnClient) Create(ctx context.Context, details any, token string) (*core.Vcn, string, error) {
	d, _ := details.(core.CreateVcnDetails)
	r, err := c.vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: d, OpcRetryToken: &token})
	return &r.Vcn, "", err
}

func (c vcnClient) Update(ctx context.Context, id string, details any) (string, error) {
	d, _ := details.(core.UpdateVcnDetails)
	_, err := c.vn.UpdateVcn(ctx, core.UpdateVcnRequest{VcnId: &id, UpdateVcnDetails: d})
	return "", err
}

func (c vcnClient) Delete(ctx context.Context, id string) (string, error) {
	_, err := c.vn.DeleteVcn(ctx, core.DeleteVcnRequest{VcnId: &id})
	return "", err
}

func (c vcnClient) Observe(v *core.Vcn) async.Observed {
	phase := map[core.VcnLifecycleStateEnum]async.Phase{core.VcnLifecycleStateAvailable: async.Ready,
		core.VcnLifecycleStateProvisioning: async.Transitioning, core.VcnLifecycleStateUpdating: async.Transitioning,
		core.VcnLifecycleStateTerminating: async.Transitioning, core.VcnLifecycleStateTerminated: async.Gone}[v.LifecycleState]
	return async.Observed{ID: ptr.Deref(v.Id, ""), State: string(v.LifecycleState), Phase: phase}
}

func (c vcnClient) WorkRequest(context.Context, string) (bool, string, error) {
	return true, "", nil // VCNs change without work requests
}

// vcnSpec is the desired VCN of a cluster.
type vcnSpec struct {
	cluster     *infrav1.OCICluster
	compartment string
}

func (s vcnSpec) Key() string  { return "vcn" }
func (s vcnSpec) OCID() string { return s.cluster.Spec.NetworkSpec.VCN.ID }
func (s vcnSpec) CreateDetails() (any, error) {
	return core.CreateVcnDetails{CompartmentId: &s.compartment, DisplayName: common.String("vcn"), CidrBlocks: []string{"10.0.0.0/16"}}, nil
}
func (s vcnSpec) UpdateDetails(*core.Vcn) (any, error) { return nil, nil }

// economy is what one VCN's life costs, in requests by operation and in simulated time.
type economy struct {
	toReady, idleHour, toGone map[string]int
	timeToReady               time.Duration
}

func measureVCN(t testing.TB) economy {
	sim := ocisim.StartT(t, ocisim.Options{Delays: ocisim.RealisticDelays()})
	region := sim.Regions()[0]
	set, err := clients.NewFactory(clients.Options{RateLimit: -1}).ClientsFor(clients.Identity{Provider: sim.ConfigurationProvider()},
		region, clients.Endpoints{clients.ServiceVirtualNetwork: sim.Endpoint(ocisim.ServiceCore, region)})
	if err != nil {
		t.Fatal(err)
	}
	cluster := &infrav1.OCICluster{}
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	e := &async.Engine[core.Vcn]{
		Client:     vcnClient{vn: set.VirtualNetwork, compartment: sim.Tenancy()},
		Recorder:   scope.Resources{List: &cluster.Status.Resources, SetID: func(_, id string) { cluster.Spec.NetworkSpec.VCN.ID = id }},
		Identifier: "4b4c0e7e-0000-4000-8000-000000000001", Generation: 1, Now: func() time.Time { return now },
	}
	spec := vcnSpec{cluster: cluster, compartment: sim.Tenancy()}
	ctx := context.Background()
	advance := func(d time.Duration) { now = now.Add(d); sim.Advance(d) }
	// run reconciles (or deletes) until done, advancing the clock by each requeue delay; it returns the time taken.
	run := func(step func() error) time.Duration {
		var took time.Duration
		for range 50 {
			err := step()
			var nd *async.NotDoneError
			if !errors.As(err, &nd) {
				if err != nil {
					t.Fatal(err)
				}
				return took
			}
			took += nd.RequeueAfter
			advance(nd.RequeueAfter)
		}
		t.Fatal("not done after 50 looks")
		return took
	}
	var m economy
	m.timeToReady = run(func() error { return e.Reconcile(ctx, spec) })
	m.toReady = counts(sim)
	sim.ResetStats()
	for range 60 { // a reconcile every minute for an hour: far more often than a controller's resync
		advance(time.Minute)
		if err := e.Reconcile(ctx, spec); err != nil {
			t.Fatal(err)
		}
	}
	m.idleHour = counts(sim)
	sim.ResetStats()
	run(func() error { return e.Delete(ctx, spec) })
	m.toGone = counts(sim)
	if l := sim.Leaks(sim.Tenancy()); len(l) != 0 {
		t.Errorf("leaked %+v", l)
	}
	return m
}

func counts(sim *ocisim.Sim) map[string]int {
	out := map[string]int{}
	for op, st := range sim.Stats() {
		out[op] = st.Total
	}
	return out
}

func TestEngineCallEconomy(t *testing.T) {
	m := measureVCN(t)
	want := economy{
		toReady:  map[string]int{"ListVcns": 1, "CreateVcn": 1, "GetVcn": 1},
		idleHour: map[string]int{"GetVcn": 6},
		toGone:   map[string]int{"GetVcn": 2, "DeleteVcn": 1},
	}
	for _, c := range []struct {
		phase     string
		got, want map[string]int
	}{{"to ready", m.toReady, want.toReady}, {"idle hour", m.idleHour, want.idleHour}, {"to gone", m.toGone, want.toGone}} {
		if len(c.got) != len(c.want) {
			t.Errorf("%s: calls %v, want %v", c.phase, c.got, c.want)
			continue
		}
		for op, n := range c.want {
			if c.got[op] != n {
				t.Errorf("%s: calls %v, want %v", c.phase, c.got, c.want)
			}
		}
	}
}

// BenchmarkEngineCallEconomy reports the figures: requests to ready, per idle hour and to gone, and the simulated
// time to ready. Run it with "go test -run x -bench EngineCallEconomy -benchtime 1x ./cloud/async/".
func BenchmarkEngineCallEconomy(b *testing.B) {
	for b.Loop() {
		m := measureVCN(b)
		b.ReportMetric(float64(total(m.toReady)), "calls-to-ready")
		b.ReportMetric(float64(total(m.idleHour)), "calls-per-idle-hour")
		b.ReportMetric(float64(total(m.toGone)), "calls-to-gone")
		b.ReportMetric(m.timeToReady.Seconds(), "simulated-s-to-ready")
	}
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
