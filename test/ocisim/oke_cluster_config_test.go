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

package ocisim

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// nsg creates a network security group in a VCN.
func (f *okeFixture) nsg(vcn *string) string {
	return *must(f.vn.CreateNetworkSecurityGroup(f.ctx, core.CreateNetworkSecurityGroupRequest{
		CreateNetworkSecurityGroupDetails: core.CreateNetworkSecurityGroupDetails{CompartmentId: common.String(f.sim.Tenancy()),
			VcnId: vcn, DisplayName: common.String("nsg")}})).Id
}

// updateEndpoint updates the endpoint config of a cluster, returning its work request's id.
func (f *okeFixture) updateEndpoint(cluster string, d ce.UpdateClusterEndpointConfigDetails) (string, error) {
	resp, err := f.ce.UpdateClusterEndpointConfig(f.ctx, ce.UpdateClusterEndpointConfigRequest{ClusterId: &cluster,
		UpdateClusterEndpointConfigDetails: d})
	return ptrVal(resp.OpcWorkRequestId), err
}

func (f *okeFixture) getCluster(id string) ce.Cluster {
	return must(f.ce.GetCluster(f.ctx, ce.GetClusterRequest{ClusterId: &id})).Cluster
}

func (f *okeFixture) deleteNSG(id string) error {
	_, err := f.vn.DeleteNetworkSecurityGroup(f.ctx, core.DeleteNetworkSecurityGroupRequest{NetworkSecurityGroupId: &id})
	return err
}

// wantEndpoint fails the test unless the cluster's endpoint has the NSGs and public IP, its public endpoint being
// there with the public IP only, and its subnet and private endpoint those it was created with.
func wantEndpoint(t *testing.T, f *okeFixture, c ce.Cluster, nsgs []string, public bool) {
	t.Helper()
	ec := c.EndpointConfig
	if !slices.Equal(ec.NsgIds, nsgs) || *ec.IsPublicIpEnabled != public || *ec.SubnetId != *f.subnet.Id ||
		c.Endpoints.PrivateEndpoint == nil {
		t.Fatalf("endpoint config %+v with endpoints %+v; want NSGs %v, public IP %t", ec, c.Endpoints, nsgs, public)
	}
	if got := c.Endpoints.PublicEndpoint; public != (got != nil) || public && *got != "127.0.0.1:7443" {
		t.Fatalf("public endpoint %q with the public IP %t", ptrVal(got), public)
	}
}

// TestOKEUpdateClusterEndpointConfig checks that UpdateClusterEndpointConfig changes the NSGs and the public IP of a
// cluster's endpoint through a CLUSTER_UPDATE work request, the cluster UPDATING until it ends, fields left out
// being left as they are.
func TestOKEUpdateClusterEndpointConfig(t *testing.T) {
	f := newOKEFixture(t, Options{KubeconfigServer: "https://127.0.0.1:7443", Delays: map[string]time.Duration{KindCluster: time.Minute}})
	f.sim.Advance(time.Minute)
	nsg := f.nsg(f.vcn.Id)
	wr := must(f.updateEndpoint(f.cluster, ce.UpdateClusterEndpointConfigDetails{NsgIds: []string{nsg}, IsPublicIpEnabled: common.Bool(false)}))
	w := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: &wr}))
	if w.OperationType != ce.WorkRequestOperationTypeClusterUpdate || *w.Resources[0].Identifier != f.cluster || w.Status == ce.WorkRequestStatusSucceeded {
		t.Fatalf("work request %s %s on %s; want a running CLUSTER_UPDATE of the cluster", w.OperationType, w.Status, *w.Resources[0].Identifier)
	}
	c := f.getCluster(f.cluster)
	if c.LifecycleState != ce.ClusterLifecycleStateUpdating {
		t.Fatalf("cluster %s while its endpoint is updated, want UPDATING", c.LifecycleState)
	}
	wantEndpoint(t, f, c, []string{nsg}, false)
	wantMessage(t, f.deleteNSG(nsg), http.StatusConflict, "Conflict", f.cluster)
	f.sim.Advance(time.Minute)
	if w = must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: &wr})); w.Status != ce.WorkRequestStatusSucceeded {
		t.Fatalf("work request %s after its delay", w.Status)
	}
	if c = f.getCluster(f.cluster); c.LifecycleState != ce.ClusterLifecycleStateActive {
		t.Fatalf("cluster %s after its endpoint update, want ACTIVE", c.LifecycleState)
	}
	must(f.updateEndpoint(f.cluster, ce.UpdateClusterEndpointConfigDetails{IsPublicIpEnabled: common.Bool(true)}))
	wantEndpoint(t, f, f.getCluster(f.cluster), []string{nsg}, true)
	must(f.updateEndpoint(f.cluster, ce.UpdateClusterEndpointConfigDetails{NsgIds: []string{}}))
	wantEndpoint(t, f, f.getCluster(f.cluster), []string{}, true)
	if err := f.deleteNSG(nsg); err != nil {
		t.Fatalf("deleting the NSG the endpoint no longer uses: %v", err)
	}
}

// TestOKEUpdateClusterEndpointConfigRefused checks the refusals of UpdateClusterEndpointConfig, none of which
// changes the cluster: an unknown cluster or NSG (404), an NSG of another VCN and a cluster without an endpoint
// config (400).
func TestOKEUpdateClusterEndpointConfigRefused(t *testing.T) {
	f := newOKEFixture(t, Options{KubeconfigServer: "https://127.0.0.1:7443"})
	other := must(f.vn.CreateVcn(f.ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(f.sim.Tenancy()), CidrBlocks: []string{"10.1.0.0/16"}, DisplayName: common.String("other")}})).Vcn
	foreign, mine := f.nsg(other.Id), f.nsg(f.vcn.Id)
	_, err := f.updateEndpoint(f.cluster, ce.UpdateClusterEndpointConfigDetails{
		NsgIds: []string{mine, "ocid1.networksecuritygroup.oc1.iad.missing"}, IsPublicIpEnabled: common.Bool(false)})
	wantMessage(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound", "ocid1.networksecuritygroup.oc1.iad.missing")
	_, err = f.updateEndpoint(f.cluster, ce.UpdateClusterEndpointConfigDetails{NsgIds: []string{foreign}})
	wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", foreign)
	_, err = f.updateEndpoint("ocid1.cluster.oc1.iad.missing", ce.UpdateClusterEndpointConfigDetails{IsPublicIpEnabled: common.Bool(false)})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	c := f.getCluster(f.cluster)
	if c.LifecycleState != ce.ClusterLifecycleStateActive {
		t.Fatalf("cluster %s after refused endpoint updates, want ACTIVE", c.LifecycleState)
	}
	wantEndpoint(t, f, c, nil, true)
	bare := must(f.createCluster("no-endpoint", "", nil))
	_, err = f.updateEndpoint(bare, ce.UpdateClusterEndpointConfigDetails{NsgIds: []string{mine}})
	wantMessage(t, err, http.StatusBadRequest, "InvalidParameter", "without an endpoint config")
	if c = f.getCluster(bare); c.EndpointConfig != nil || c.LifecycleState != ce.ClusterLifecycleStateActive {
		t.Fatalf("cluster without an endpoint config after a refused update: %s with %+v", c.LifecycleState, c.EndpointConfig)
	}
}

// TestOKEWorkRequestErrorsAndLogs checks ListWorkRequestErrors and ListWorkRequestLogs of Container Engine: no
// errors for a running or succeeded work request, the error of a failed one, 404 for an unknown one or another
// compartment; logs of each step.
func TestOKEWorkRequestErrorsAndLogs(t *testing.T) {
	f := newOKEFixture(t, Options{Delays: map[string]time.Duration{KindCluster: time.Minute},
		Faults: map[string]Fault{"containerengine/UpdateClusterEndpointConfig": {WorkRequest: "fail"}}})
	created := *f.getCluster(f.cluster).Metadata.CreatedByWorkRequestId
	list := func(wr, compartment string) ([]ce.WorkRequestError, error) {
		r, err := f.ce.ListWorkRequestErrors(f.ctx, ce.ListWorkRequestErrorsRequest{WorkRequestId: &wr, CompartmentId: &compartment})
		return r.Items, err
	}
	logs := func(wr string) []ce.WorkRequestLogEntry {
		return must(f.ce.ListWorkRequestLogs(f.ctx, ce.ListWorkRequestLogsRequest{WorkRequestId: &wr,
			CompartmentId: common.String(f.sim.Tenancy())})).Items
	}
	if errs := must(list(created, f.sim.Tenancy())); len(errs) != 0 {
		t.Fatalf("errors of a running work request: %+v", errs)
	}
	if l := logs(created); len(l) != 1 || *l[0].Message != "CLUSTER_CREATE accepted" {
		t.Fatalf("logs of an accepted work request: %+v", l)
	}
	f.sim.Advance(time.Minute)
	if errs := must(list(created, f.sim.Tenancy())); len(errs) != 0 {
		t.Fatalf("errors of a succeeded work request: %+v", errs)
	}
	if l := logs(created); len(l) != 3 || *l[2].Message != "CLUSTER_CREATE succeeded" || l[2].Timestamp == nil {
		t.Fatalf("logs of a succeeded work request: %+v", l)
	}
	failed := must(f.updateEndpoint(f.cluster, ce.UpdateClusterEndpointConfigDetails{IsPublicIpEnabled: common.Bool(false)}))
	f.sim.Advance(time.Minute)
	if w := must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: &failed})); w.Status != ce.WorkRequestStatusFailed {
		t.Fatalf("work request %s, want FAILED", w.Status)
	}
	errs := must(list(failed, f.sim.Tenancy()))
	if len(errs) != 1 || *errs[0].Code != "InternalError" || !strings.Contains(*errs[0].Message, "CLUSTER_UPDATE failed") || errs[0].Timestamp == nil {
		t.Fatalf("errors of a failed work request: %+v", errs)
	}
	if l := logs(failed); len(l) != 3 || *l[2].Message != "CLUSTER_UPDATE failed" {
		t.Fatalf("logs of a failed work request: %+v", l)
	}
	_, err := list("ocid1.clustersworkrequest.oc1.iad.missing", f.sim.Tenancy())
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	_, err = list(failed, "ocid1.compartment.oc1..other")
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
	_, err = f.ce.ListWorkRequestLogs(f.ctx, ce.ListWorkRequestLogsRequest{WorkRequestId: common.String("ocid1.clustersworkrequest.oc1.iad.missing"),
		CompartmentId: common.String(f.sim.Tenancy())})
	wantCode(t, err, http.StatusNotFound, "NotAuthorizedOrNotFound")
}

// kmsKeys are the KMS key OCIDs of an image policy, nil without a policy.
func kmsKeys(p *ce.ImagePolicyConfig) []string {
	if p == nil {
		return nil
	}
	keys := []string{}
	for _, k := range p.KeyDetails {
		keys = append(keys, *k.KmsKeyId)
	}
	return keys
}

func keyDetails(ids ...string) []ce.KeyDetails {
	out := []ce.KeyDetails{}
	for _, id := range ids {
		out = append(out, ce.KeyDetails{KmsKeyId: common.String(id)})
	}
	return out
}

// wantImagePolicy fails the test unless GetCluster and ListClusters give the cluster the image policy.
func wantImagePolicy(t *testing.T, f *okeFixture, id string, enabled bool, keys ...string) {
	t.Helper()
	c := f.getCluster(id)
	if p := c.ImagePolicyConfig; p == nil || *p.IsPolicyEnabled != enabled || !slices.Equal(kmsKeys(p), keys) {
		t.Fatalf("image policy %+v with keys %v, want enabled %t with keys %v", p, kmsKeys(p), enabled, keys)
	}
	l := must(f.ce.ListClusters(f.ctx, ce.ListClustersRequest{CompartmentId: common.String(f.sim.Tenancy()), Name: c.Name}))
	if p := l.Items[0].ImagePolicyConfig; p == nil || *p.IsPolicyEnabled != enabled || !slices.Equal(kmsKeys(p), keys) {
		t.Fatalf("listed image policy %+v, want enabled %t with keys %v", p, enabled, keys)
	}
}

// TestOKEImagePolicy checks that the image policy given to CreateCluster and UpdateCluster is the cluster's: a
// field an update leaves out is left as it is, an empty key list removes the keys.
func TestOKEImagePolicy(t *testing.T) {
	f := newOKEFixture(t, Options{})
	resp := must(f.ce.CreateCluster(f.ctx, ce.CreateClusterRequest{CreateClusterDetails: ce.CreateClusterDetails{
		Name: common.String("signed"), CompartmentId: common.String(f.sim.Tenancy()), VcnId: f.vcn.Id,
		KubernetesVersion: common.String("v1.32.1"),
		ImagePolicyConfig: &ce.CreateImagePolicyConfigDetails{IsPolicyEnabled: common.Bool(true), KeyDetails: keyDetails("key-1")}}}))
	id := *must(f.ce.GetWorkRequest(f.ctx, ce.GetWorkRequestRequest{WorkRequestId: resp.OpcWorkRequestId})).Resources[0].Identifier
	wantImagePolicy(t, f, id, true, "key-1")
	update := func(d ce.UpdateClusterDetails) {
		t.Helper()
		must(f.ce.UpdateCluster(f.ctx, ce.UpdateClusterRequest{ClusterId: &id, UpdateClusterDetails: d}))
	}
	update(ce.UpdateClusterDetails{ImagePolicyConfig: &ce.UpdateImagePolicyConfigDetails{KeyDetails: keyDetails("key-2", "key-3")}})
	wantImagePolicy(t, f, id, true, "key-2", "key-3")
	update(ce.UpdateClusterDetails{Name: common.String("renamed")})
	wantImagePolicy(t, f, id, true, "key-2", "key-3")
	update(ce.UpdateClusterDetails{ImagePolicyConfig: &ce.UpdateImagePolicyConfigDetails{IsPolicyEnabled: common.Bool(false),
		KeyDetails: keyDetails()}})
	wantImagePolicy(t, f, id, false)
	plain := must(f.createCluster("plain", "", nil))
	if p := f.getCluster(plain).ImagePolicyConfig; p != nil {
		t.Fatalf("image policy of a cluster created without one: %+v", p)
	}
	update = func(d ce.UpdateClusterDetails) {
		must(f.ce.UpdateCluster(f.ctx, ce.UpdateClusterRequest{ClusterId: &plain, UpdateClusterDetails: d}))
	}
	update(ce.UpdateClusterDetails{ImagePolicyConfig: &ce.UpdateImagePolicyConfigDetails{IsPolicyEnabled: common.Bool(true),
		KeyDetails: keyDetails("key-4")}})
	wantImagePolicy(t, f, plain, true, "key-4")
}

// TestOKEUpdateClusterOptions checks that each option UpdateCluster gives replaces the cluster's and that those it
// leaves out are left as they are.
func TestOKEUpdateClusterOptions(t *testing.T) {
	f := newOKEFixture(t, Options{})
	id := must(f.createCluster("opts", ce.ClusterTypeEnhancedCluster, &ce.ClusterCreateOptions{
		ServiceLbSubnetIds: []string{*f.subnet.Id}, ServiceLbConfig: &ce.ServiceLbConfigDetails{FreeformTags: map[string]string{"lb": "1"}}}))
	update := func(o ce.UpdateClusterOptionsDetails) *ce.ClusterCreateOptions {
		t.Helper()
		must(f.ce.UpdateCluster(f.ctx, ce.UpdateClusterRequest{ClusterId: &id, UpdateClusterDetails: ce.UpdateClusterDetails{Options: &o}}))
		return f.getCluster(id).Options
	}
	o := update(ce.UpdateClusterOptionsDetails{
		AdmissionControllerOptions:             &ce.AdmissionControllerOptions{IsPodSecurityPolicyEnabled: common.Bool(true)},
		PersistentVolumeConfig:                 &ce.PersistentVolumeConfigDetails{FreeformTags: map[string]string{"pv": "1"}},
		OpenIdConnectTokenAuthenticationConfig: oidcAuth(), OpenIdConnectDiscovery: oidcDiscovery()})
	if !*o.AdmissionControllerOptions.IsPodSecurityPolicyEnabled || o.PersistentVolumeConfig.FreeformTags["pv"] != "1" ||
		*o.OpenIdConnectTokenAuthenticationConfig.IssuerUrl != "https://issuer.example.com" ||
		!*o.OpenIdConnectDiscovery.IsOpenIdConnectDiscoveryEnabled || o.ServiceLbConfig.FreeformTags["lb"] != "1" ||
		!slices.Equal(o.ServiceLbSubnetIds, []string{*f.subnet.Id}) {
		t.Fatalf("options after an update: %+v", o)
	}
	o = update(ce.UpdateClusterOptionsDetails{ServiceLbConfig: &ce.ServiceLbConfigDetails{FreeformTags: map[string]string{"lb": "2"}},
		AdmissionControllerOptions: &ce.AdmissionControllerOptions{IsPodSecurityPolicyEnabled: common.Bool(false)}})
	if o.ServiceLbConfig.FreeformTags["lb"] != "2" || *o.AdmissionControllerOptions.IsPodSecurityPolicyEnabled ||
		o.PersistentVolumeConfig.FreeformTags["pv"] != "1" || !*o.OpenIdConnectTokenAuthenticationConfig.IsOpenIdConnectAuthEnabled {
		t.Fatalf("options after a second update: %+v", o)
	}
}
