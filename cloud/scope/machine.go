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

package scope

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/apimachinery/pkg/api/equality"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instance"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Subnet and NSG roles of a machine.
const (
	roleControlPlane = "control-plane"
	roleWorker       = "worker"
)

// MachineCluster is what a machine needs of its infrastructure cluster. It is filled from an OCICluster (see
// MachineClusterOf), and from an OCIManagedCluster for self-managed nodes on OKE, so that the machine services
// are written once.
type MachineCluster struct {
	// Compartment, Identifier and the tags are the cluster's spec.compartmentId, spec.ociResourceIdentifier
	// (the ownership tag's value) and spec.freeformTags / spec.definedTags.
	Compartment, Identifier string
	Freeform                map[string]string
	Defined                 map[string]map[string]string
	// Network is the cluster's spec.networkSpec, with the OCIDs the cluster controller recorded.
	Network *infrav1.NetworkSpec
	// FailureDomains are the cluster's status.failureDomains.
	FailureDomains []clusterv1.FailureDomain
	// AvailabilityDomains are the cluster's spec.availabilityDomains.
	AvailabilityDomains map[string]infrav1.OCIAvailabilityDomain
	// ControlPlaneEndpoint is the cluster's spec.controlPlaneEndpoint: its port is the backends' port.
	ControlPlaneEndpoint clusterv1.APIEndpoint
	// APIServerLB is the cluster's API server load balancer the control-plane machines join; nil when the cluster
	// has none the provider manages (OKE, or the skip annotation).
	APIServerLB *infrav1.LoadBalancer
}

// MachineClusterOf returns what a machine needs of an OCICluster.
func MachineClusterOf(oc *infrav1.OCICluster) MachineCluster {
	mc := MachineCluster{Compartment: oc.Spec.CompartmentID, Identifier: oc.Spec.OCIResourceIdentifier,
		Freeform: oc.Spec.FreeformTags, Defined: oc.Spec.DefinedTags, Network: &oc.Spec.NetworkSpec,
		FailureDomains: oc.Status.FailureDomains, AvailabilityDomains: oc.Spec.AvailabilityDomains,
		ControlPlaneEndpoint: oc.Spec.ControlPlaneEndpoint, APIServerLB: oc.Spec.NetworkSpec.APIServerLoadBalancer}
	if _, skip := oc.Annotations[infrav1.SkipAPIServerLoadBalancerAnnotation]; skip {
		mc.APIServerLB = nil
	}
	return mc
}

// MachineClusterOfManaged returns what a self-managed node of an OKE cluster needs of its OCIManagedCluster: the
// same network, placement and tags as on an OCICluster, and no API server load balancer (OKE runs the control
// plane, so no machine of such a cluster joins one).
func MachineClusterOfManaged(mc *infrav1.OCIManagedCluster) MachineCluster {
	return MachineCluster{Compartment: mc.Spec.CompartmentID, Identifier: mc.Spec.OCIResourceIdentifier,
		Freeform: mc.Spec.FreeformTags, Defined: mc.Spec.DefinedTags, Network: &mc.Spec.NetworkSpec,
		FailureDomains: mc.Status.FailureDomains, AvailabilityDomains: mc.Spec.AvailabilityDomains,
		ControlPlaneEndpoint: mc.Spec.ControlPlaneEndpoint}
}

// MachineScope is what the services of one machine need: the Machine, its OCIMachine, its cluster and its
// clients. It makes no OCI call itself.
type MachineScope struct {
	Machine    *clusterv1.Machine
	OCIMachine *infrav1.OCIMachine
	Cluster    MachineCluster
	Clients    *clients.Clients
	// BootstrapData is the Machine's bootstrap data; nil once the instance is known.
	BootstrapData []byte
	// Drift is the time between drift checks; Due whether the machine's is due.
	Drift time.Duration
	Due   bool
	// PassStart is when the machine's drift check became due (see DriftPassStart).
	PassStart time.Time
	// Instance is the instance as last read in this reconcile, nil when it was not read.
	Instance *core.Instance
}

// NewMachineScope returns the scope of a Machine and its OCIMachine in cluster, calling OCI with c.
func NewMachineScope(m *clusterv1.Machine, om *infrav1.OCIMachine, cluster MachineCluster, c *clients.Clients, drift time.Duration) *MachineScope {
	return &MachineScope{Machine: m, OCIMachine: om, Cluster: cluster, Clients: c, Drift: drift,
		Due: DriftCheckDue(om.Status.Resources, drift, time.Now()), PassStart: DriftPassStart(om.Status.Resources, drift)}
}

// IsControlPlane reports whether the Machine is a control-plane machine.
func (m *MachineScope) IsControlPlane() bool {
	_, ok := m.Machine.Labels[clusterv1.MachineControlPlaneLabel]
	return ok
}

// CompartmentID is the machine's spec.compartmentId, or the cluster's.
func (m *MachineScope) CompartmentID() string {
	if m.OCIMachine.Spec.CompartmentID != "" {
		return m.OCIMachine.Spec.CompartmentID
	}
	return m.Cluster.Compartment
}

// ResourceIdentifier is the cluster's identifier: the machine's resources carry the cluster's ownership tags, as
// with the earlier provider.
func (m *MachineScope) ResourceIdentifier() string { return m.Cluster.Identifier }

// FreeformTags are the cluster's freeform tags with the machine's laid over them.
func (m *MachineScope) FreeformTags() map[string]string {
	out := maps.Clone(m.Cluster.Freeform)
	if out == nil {
		out = map[string]string{}
	}
	maps.Copy(out, m.OCIMachine.Spec.FreeformTags)
	return out
}

// DefinedTags are the cluster's defined tags with the machine's laid over them (nil when there are none).
func (m *MachineScope) DefinedTags() map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, src := range []map[string]map[string]string{m.Cluster.Defined, m.OCIMachine.Spec.DefinedTags} {
		for ns, kv := range src {
			if out[ns] == nil {
				out[ns] = map[string]any{}
			}
			for k, v := range kv {
				out[ns][k] = v
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Recorder returns the engine's recorder over status.resources.
func (m *MachineScope) Recorder(setID func(key, id string)) async.Recorder {
	return Resources{List: &m.OCIMachine.Status.Resources, SetID: setID}
}

// Generation is the OCIMachine's metadata.generation.
func (m *MachineScope) Generation() int64 { return m.OCIMachine.Generation }

// DriftInterval is the time between drift checks.
func (m *MachineScope) DriftInterval() time.Duration { return m.Drift }

// DriftDue reports whether the machine's drift check is due.
func (m *MachineScope) DriftDue() bool { return m.Due }

// DriftPassStart is when the machine's drift check under way became due (see svc.Owner).
func (m *MachineScope) DriftPassStart() time.Time { return m.PassStart }

// LaunchNonce is the OCIMachine's launch nonce annotation.
func (m *MachineScope) LaunchNonce() string {
	return m.OCIMachine.Annotations[infrav1.LaunchNonceAnnotation]
}

// InstanceID is spec.instanceId.
func (m *MachineScope) InstanceID() string { return m.OCIMachine.Spec.InstanceID }

// SetInstanceID records spec.instanceId.
func (m *MachineScope) SetInstanceID(id string) { m.OCIMachine.Spec.InstanceID = id }

// PreserveVolumes are spec.preserveBootVolume and spec.preserveDataVolumesCreatedAtLaunch.
func (m *MachineScope) PreserveVolumes() (boot, data *bool) {
	return m.OCIMachine.Spec.PreserveBootVolume, m.OCIMachine.Spec.PreserveDataVolumesCreatedAtLaunch
}

// Observed keeps the instance read in this reconcile.
func (m *MachineScope) Observed(in *core.Instance) { m.Instance = in }

// Placement resolves the Machine's failure domain among the cluster's.
func (m *MachineScope) Placement() (Placement, error) {
	return Place(m.OCIMachine.Name, m.Machine.Spec.FailureDomain, m.Cluster.FailureDomains, m.Cluster.AvailabilityDomains)
}

// Launch is the instance's launch: the machine's spec with its compartment, placement, subnet, NSGs, bootstrap
// data and tags resolved; and the fault domains to fall back to.
func (m *MachineScope) Launch() (instance.Launch, []string, error) {
	l := instance.Launch{Spec: &m.OCIMachine.Spec, Name: m.OCIMachine.Name, Compartment: m.CompartmentID(),
		UserData: m.BootstrapData, DefinedTags: m.DefinedTags()}
	p, err := m.Placement()
	if err != nil {
		return l, nil, terminal(infrav1.ReconcileFailedReason, err)
	}
	l.AvailabilityDomain, l.FaultDomain = p.AvailabilityDomain, p.FaultDomain
	if l.SubnetID, err = m.subnetID(); err != nil {
		return l, nil, terminal(infrav1.ReconcileFailedReason, err)
	}
	if l.NSGIDs, err = m.nsgIDs(); err != nil {
		return l, nil, terminal(infrav1.ReconcileFailedReason, err)
	}
	l.Tags = svc.Tags(m)
	return l, p.Fallbacks, nil
}

// terminal is a terminal error with reason.
func terminal(reason string, err error) error {
	return &async.Error{Class: async.Terminal, Reason: reason, Message: err.Error(), Err: err}
}

// role is the machine's subnet and NSG role.
func (m *MachineScope) role() string {
	if m.IsControlPlane() {
		return roleControlPlane
	}
	return roleWorker
}

// subnetID resolves the machine's subnet: spec.networkDetails.subnetId, else the cluster's subnet named by
// spec.networkDetails.subnetName (or spec.subnetName), else the cluster's subnet of the machine's role.
func (m *MachineScope) subnetID() (string, error) {
	nd := m.networkDetails()
	if nd.SubnetID != "" {
		return nd.SubnetID, nil
	}
	subnets := m.Cluster.Network.VCN.Subnets
	name, fieldName := nd.SubnetName, "spec.networkDetails.subnetName"
	if name == "" {
		name, fieldName = m.OCIMachine.Spec.SubnetName, "spec.subnetName"
	}
	i := slices.IndexFunc(subnets, func(s infrav1.Subnet) bool {
		if name != "" {
			return s.Name == name
		}
		return s.Role == m.role()
	})
	switch {
	case i < 0 && name != "":
		return "", fmt.Errorf("%s: the cluster has no subnet named %q", fieldName, name)
	case i < 0:
		return "", fmt.Errorf("the cluster has no subnet of role %s for the machine: set spec.networkDetails.subnetId or subnetName", m.role())
	case subnets[i].ID == "":
		return "", fmt.Errorf("the cluster's subnet %q has no OCID yet", subnets[i].Name)
	}
	return subnets[i].ID, nil
}

// nsgIDs resolves the machine's NSGs: spec.networkDetails.nsgIds, else nsgId, else the cluster's NSGs named by
// spec.networkDetails.nsgNames (or spec.nsgName), else the cluster's NSGs of the machine's role.
func (m *MachineScope) nsgIDs() ([]string, error) {
	nd := m.networkDetails()
	switch {
	case len(nd.NSGIDs) > 0:
		return slices.Clone(nd.NSGIDs), nil
	case nd.NSGID != "":
		return []string{nd.NSGID}, nil
	}
	var list []infrav1.NSG
	if g := m.Cluster.Network.VCN.NetworkSecurityGroup; g != nil {
		list = g.List
	}
	names, fieldName := slices.Clone(nd.NSGNames), "spec.networkDetails.nsgNames"
	if len(names) == 0 && m.OCIMachine.Spec.NSGName != "" {
		names, fieldName = []string{m.OCIMachine.Spec.NSGName}, "spec.nsgName"
	}
	var ids []string
	for _, name := range names {
		i := slices.IndexFunc(list, func(n infrav1.NSG) bool { return n.Name == name })
		if i < 0 || list[i].ID == "" {
			return nil, fmt.Errorf("%s: the cluster has no network security group named %q with an OCID", fieldName, name)
		}
		ids = append(ids, list[i].ID)
	}
	if len(names) > 0 {
		return ids, nil
	}
	for _, n := range list {
		if n.Role == m.role() && n.ID != "" {
			ids = append(ids, n.ID)
		}
	}
	return ids, nil
}

func (m *MachineScope) networkDetails() infrav1.NetworkDetails {
	if m.OCIMachine.Spec.NetworkDetails == nil {
		return infrav1.NetworkDetails{}
	}
	return *m.OCIMachine.Spec.NetworkDetails
}

// MachineName is the OCIMachine's name.
func (m *MachineScope) MachineName() string { return m.OCIMachine.Name }

// APIServerLoadBalancer is the OCID of the cluster's API server load balancer ("" when there is none to join),
// and whether it is a flexible load balancer rather than a network load balancer.
func (m *MachineScope) APIServerLoadBalancer() (string, bool) {
	lb := m.Cluster.APIServerLB
	if lb == nil {
		return "", false
	}
	return lb.LoadBalancerID, lb.IsFlexibleLoadBalancer()
}

// BackendPort is the API server's port: the cluster endpoint's, or 6443.
func (m *MachineScope) BackendPort() int {
	if p := m.Cluster.ControlPlaneEndpoint.Port; p != 0 {
		return int(p)
	}
	return DefaultAPIServerPort
}

// Addresses are status.addresses.
func (m *MachineScope) Addresses() []clusterv1.MachineAddress { return m.OCIMachine.Status.Addresses }

// SetAddresses writes status.addresses.
func (m *MachineScope) SetAddresses(a []clusterv1.MachineAddress) { m.OCIMachine.Status.Addresses = a }

// VnicAttachments are spec.vnicAttachments.
func (m *MachineScope) VnicAttachments() []infrav1.VnicAttachment {
	return m.OCIMachine.Spec.VnicAttachments
}

// SubnetID resolves a subnet of the cluster by name; "" is the machine's own subnet.
func (m *MachineScope) SubnetID(name string) (string, error) {
	if name == "" {
		return m.subnetID()
	}
	for i := range m.Cluster.Network.VCN.Subnets {
		if s := &m.Cluster.Network.VCN.Subnets[i]; s.Name == name && s.ID != "" {
			return s.ID, nil
		}
	}
	return "", fmt.Errorf("the cluster has no subnet named %q with an OCID", name)
}

// BlockVolume is spec.blockvolumeSpec, nil when the machine asks for no block volume.
func (m *MachineScope) BlockVolume() *infrav1.BlockVolumeSpec {
	bv := m.OCIMachine.Spec.BlockvolumeSpec
	if bv == nil || equality.Semantic.DeepEqual(*bv, infrav1.BlockVolumeSpec{}) {
		return nil
	}
	return bv
}

// AvailabilityDomain is the availability domain the machine is placed in.
func (m *MachineScope) AvailabilityDomain() (string, error) {
	p, err := m.Placement()
	return p.AvailabilityDomain, err
}
