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

package earlier

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	nlb "github.com/oracle/oci-go-sdk/v65/networkloadbalancer"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/utils/ptr"
	clusterv1beta1 "sigs.k8s.io/cluster-api/api/core/v1beta1" //nolint:staticcheck // the earlier provider's objects are in the v1beta1 contract's shape
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	infrav1beta2 "github.com/oracle/cluster-api-provider-oci/api/v1beta2"
	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// Scheme knows Kubernetes', Cluster API's core (v1beta2) and the earlier provider's v1beta2 types.
func Scheme() (*runtime.Scheme, error) {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{clientgoscheme.AddToScheme, clusterv1.AddToScheme, infrav1beta2.AddToScheme} {
		if err := add(s); err != nil {
			return nil, fmt.Errorf("building the scheme: %w", err)
		}
	}
	return s, nil
}

// Provider stands in for the earlier provider's OCIMachine controller while Cluster API brings the cluster up
// (controllers/ocimachine_controller.go: reconcileNormal; cloud/scope/machine.go): it adds its finalizer, launches
// each machine's instance named after the OCIMachine with the cluster's tags, in its role's subnet and network
// security group and its failure domain's availability domain, with the bootstrap data as user data; records the
// instance's OCID and provider ID in the spec; and once the instance runs, its primary private address, a
// control plane's backend on the API server's load balancer, and ready with its conditions.
type Provider struct {
	c       client.Client
	cl      *Cluster
	compute core.ComputeClient
	vn      core.VirtualNetworkClient
	nlb     nlb.NetworkLoadBalancerClient

	mu      sync.Mutex
	lastErr error
}

// NewProvider returns the stand-in for cluster cl, reading and writing the management cluster through c.
func NewProvider(c client.Client, sim *ocisim.Sim, cl *Cluster) (*Provider, error) {
	p := &Provider{c: c, cl: cl}
	var err error
	if p.compute, err = sim.ComputeClient(cl.Region); err != nil {
		return nil, fmt.Errorf("compute client: %w", err)
	}
	if p.vn, err = sim.VirtualNetworkClient(cl.Region); err != nil {
		return nil, fmt.Errorf("virtual network client: %w", err)
	}
	if p.nlb, err = sim.NetworkLoadBalancerClient(cl.Region); err != nil {
		return nil, fmt.Errorf("network load balancer client: %w", err)
	}
	return p, nil
}

// Run reconciles the cluster's OCIMachines every interval until ctx ends.
func (p *Provider) Run(ctx context.Context, interval time.Duration) {
	for {
		list := &infrav1beta2.OCIMachineList{}
		err := p.c.List(ctx, list, client.InNamespace(p.cl.Namespace), client.MatchingLabels{clusterv1.ClusterNameLabel: p.cl.Name})
		for i := 0; err == nil && i < len(list.Items); i++ {
			err = p.reconcile(ctx, &list.Items[i])
		}
		p.mu.Lock()
		p.lastErr = err
		p.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(interval):
		}
	}
}

// Err is the last round's error, if it had one.
func (p *Provider) Err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastErr
}

func (p *Provider) reconcile(ctx context.Context, om *infrav1beta2.OCIMachine) error {
	if om.Status.Ready || !om.DeletionTimestamp.IsZero() {
		return nil
	}
	m, err := p.machine(ctx, om)
	if err != nil || m == nil {
		return err
	}
	if controllerutil.AddFinalizer(om, MachineFinalizer) {
		return p.update(ctx, om)
	}
	if om.Spec.InstanceID == "" {
		return p.launch(ctx, om, m)
	}
	return p.ready(ctx, om, m)
}

// machine is the OCIMachine's owner Machine, nil before Cluster API set it.
func (p *Provider) machine(ctx context.Context, om *infrav1beta2.OCIMachine) (*clusterv1.Machine, error) {
	for _, ref := range om.OwnerReferences {
		if ref.Kind != "Machine" {
			continue
		}
		m := &clusterv1.Machine{}
		if err := p.c.Get(ctx, client.ObjectKey{Namespace: om.Namespace, Name: ref.Name}, m); err != nil {
			return nil, fmt.Errorf("reading Machine %s: %w", ref.Name, err)
		}
		return m, nil
	}
	return nil, nil //nolint:nilnil // not owned yet: nothing to do
}

func (p *Provider) update(ctx context.Context, om *infrav1beta2.OCIMachine) error {
	if err := p.c.Update(ctx, om); err != nil {
		return fmt.Errorf("updating OCIMachine %s: %w", om.Name, err)
	}
	return nil
}

// role is the machine's subnet and network security group role.
func role(m *clusterv1.Machine) string {
	if _, ok := m.Labels[clusterv1.MachineControlPlaneLabel]; ok {
		return roleControlPlane
	}
	return roleWorker
}

// launch launches the instance once the bootstrap data is there (cloud/scope/machine.go: GetOrCreateMachine).
func (p *Provider) launch(ctx context.Context, om *infrav1beta2.OCIMachine, m *clusterv1.Machine) error {
	if m.Spec.Bootstrap.DataSecretName == nil {
		return nil
	}
	sec := &corev1.Secret{}
	if err := p.c.Get(ctx, client.ObjectKey{Namespace: m.Namespace, Name: *m.Spec.Bootstrap.DataSecretName}, sec); err != nil {
		return fmt.Errorf("reading the bootstrap data of %s: %w", m.Name, err)
	}
	subnet, nsg := p.cl.network(role(m))
	// A worker's Machine has no failure domain: the earlier provider picks one at random
	// (cloud/scope/machine.go: resolveAvailabilityAndFaultDomain), the stand-in the first.
	fd := m.Spec.FailureDomain
	if fd == "" {
		fd = "1"
	}
	metadata := map[string]string{"user_data": base64.StdEncoding.EncodeToString(sec.Data["value"])}
	for k, v := range om.Spec.Metadata {
		metadata[k] = v
	}
	ocpus, err := strconv.ParseFloat(ptr.Deref(om.Spec.ShapeConfig, infrav1beta2.ShapeConfig{}).OCPUs, 32)
	if err != nil {
		return fmt.Errorf("OCIMachine %s: ocpus: %w", om.Name, err)
	}
	tags := Tags(p.cl.Identifier)
	r, err := p.compute.LaunchInstance(ctx, core.LaunchInstanceRequest{OpcRetryToken: ptr.To(string(om.UID)),
		LaunchInstanceDetails: core.LaunchInstanceDetails{DisplayName: ptr.To(om.Name), CompartmentId: &om.Spec.CompartmentID,
			AvailabilityDomain: ptr.To(p.cl.FailureDomains[fd].Attributes[AvailabilityDomainAttribute]), Shape: &om.Spec.Shape,
			ShapeConfig:   &core.LaunchInstanceShapeConfigDetails{Ocpus: ptr.To(float32(ocpus))},
			SourceDetails: core.InstanceSourceViaImageDetails{ImageId: &om.Spec.ImageID},
			CreateVnicDetails: &core.CreateVnicDetails{SubnetId: &subnet, NsgIds: []string{nsg}, AssignIpv6Ip: ptr.To(false),
				AssignPublicIp: ptr.To(false), FreeformTags: tags, DefinedTags: map[string]map[string]any{}},
			Metadata: metadata, IsPvEncryptionInTransitEnabled: om.Spec.IsPvEncryptionInTransitEnabled,
			InstanceOptions: &core.InstanceOptions{AreLegacyImdsEndpointsDisabled: ptr.Deref(om.Spec.InstanceOptions,
				infrav1beta2.InstanceOptions{}).AreLegacyIMDSEndpointsDisabled},
			FreeformTags: tags, DefinedTags: map[string]map[string]any{}}})
	if err != nil {
		return fmt.Errorf("launching the instance of %s: %w", om.Name, err)
	}
	om.Spec.InstanceID, om.Spec.ProviderID = *r.Id, ptr.To(ProviderIDPrefix+*r.Id)
	return p.update(ctx, om)
}

// ready reports a running instance (controllers/ocimachine_controller.go: reconcileNormal, the RUNNING case).
func (p *Provider) ready(ctx context.Context, om *infrav1beta2.OCIMachine, m *clusterv1.Machine) error {
	in, err := p.compute.GetInstance(ctx, core.GetInstanceRequest{InstanceId: &om.Spec.InstanceID})
	if err != nil {
		return fmt.Errorf("reading the instance of %s: %w", om.Name, err)
	}
	if in.LifecycleState != core.InstanceLifecycleStateRunning {
		return nil
	}
	ip, err := p.primaryIP(ctx, om)
	if err != nil {
		return err
	}
	om.Status.Addresses = []clusterv1beta1.MachineAddress{{Type: clusterv1beta1.MachineInternalIP, Address: ip}}
	if role(m) == roleControlPlane {
		if om.Status.CreateBackendWorkRequestID, err = p.backend(ctx, om.Name, ip); err != nil {
			return err
		}
	}
	om.Status.Ready = true
	om.Status.Conditions = readyConditions(InstanceReadyCondition, time.Now())
	if err := p.c.Status().Update(ctx, om); err != nil {
		return fmt.Errorf("writing the status of OCIMachine %s: %w", om.Name, err)
	}
	return nil
}

// primaryIP is the private address of the instance's primary VNIC (cloud/scope/machine.go: GetInstanceIp).
func (p *Provider) primaryIP(ctx context.Context, om *infrav1beta2.OCIMachine) (string, error) {
	atts, err := p.compute.ListVnicAttachments(ctx, core.ListVnicAttachmentsRequest{InstanceId: &om.Spec.InstanceID,
		CompartmentId: &om.Spec.CompartmentID})
	if err != nil {
		return "", fmt.Errorf("listing the VNIC attachments of %s: %w", om.Name, err)
	}
	for _, a := range atts.Items {
		if a.LifecycleState != core.VnicAttachmentLifecycleStateAttached || a.VnicId == nil {
			continue
		}
		v, err := p.vn.GetVnic(ctx, core.GetVnicRequest{VnicId: a.VnicId})
		if err != nil {
			return "", fmt.Errorf("reading a VNIC of %s: %w", om.Name, err)
		}
		if ptr.Deref(v.IsPrimary, false) {
			return ptr.Deref(v.PrivateIp, ""), nil
		}
	}
	return "", fmt.Errorf("the instance of %s has no attached primary VNIC yet", om.Name)
}

// backend adds the control plane to the API server's backend set, named after its OCIMachine, on the endpoint's
// port (cloud/scope/machine.go: ReconcileCreateInstanceOnLB), and returns the work request's OCID.
func (p *Provider) backend(ctx context.Context, name, ip string) (string, error) {
	id := p.cl.Spec.NetworkSpec.APIServerLoadBalancer.LoadBalancerID
	lb, err := p.nlb.GetNetworkLoadBalancer(ctx, nlb.GetNetworkLoadBalancerRequest{NetworkLoadBalancerId: &id})
	if err != nil {
		return "", fmt.Errorf("reading the API server's load balancer: %w", err)
	}
	for _, b := range lb.BackendSets[BackendSetName].Backends {
		if ptr.Deref(b.Name, "") == name {
			return "", nil // added by an earlier round whose status update failed
		}
	}
	r, err := p.nlb.CreateBackend(ctx, nlb.CreateBackendRequest{NetworkLoadBalancerId: &id, BackendSetName: ptr.To(BackendSetName),
		CreateBackendDetails: nlb.CreateBackendDetails{IpAddress: &ip, Port: ptr.To(int(p.cl.Port)), Name: &name}})
	if err != nil {
		return "", fmt.Errorf("adding backend %s: %w", name, err)
	}
	return ptr.Deref(r.OpcWorkRequestId, ""), nil
}

// network is the OCIDs of a role's subnet and network security group.
func (c *Cluster) network(role string) (subnet, nsg string) {
	v := c.Spec.NetworkSpec.VCN
	for i := range v.Subnets {
		if v.Subnets[i].Role == role {
			subnet = v.Subnets[i].ID
		}
	}
	for _, g := range v.NetworkSecurityGroup.List {
		if g.Role == role {
			nsg = g.ID
		}
	}
	return subnet, nsg
}
