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
	"context"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
)

// Network is the part of a cluster scope the network services use, shared by the self-managed (OCICluster) and
// the OKE (OCIManagedCluster) scopes: each points it at its object's fields, so no network logic is written twice.
type Network struct {
	// Name is the infrastructure cluster's name.
	Name string
	// Compartment is spec.compartmentId.
	Compartment string
	// Identifier is spec.ociResourceIdentifier.
	Identifier string
	// Freeform and Defined are spec.freeformTags and spec.definedTags.
	Freeform map[string]string
	Defined  map[string]map[string]string
	// Spec is spec.networkSpec: the services record the OCIDs they learn in it.
	Spec *infrav1.NetworkSpec
	// Resources is status.resources: the engine's memos.
	Resources *[]infrav1.OCIResource
	// ObjectGeneration is metadata.generation.
	ObjectGeneration int64
	// Drift is the time between drift checks.
	Drift time.Duration
	// Due is whether the object's drift check is due (see DriftCheckDue); PassStart when it became due (see
	// DriftPassStart), zero when every reconcile checks.
	Due       bool
	PassStart time.Time
	// Clients are the cluster's OCI clients.
	Clients *clients.Clients
	// RegionClients returns the cluster's clients (its identity's) in another region, for remote peering.
	RegionClients func(region string) (*clients.Clients, error)
}

// CompartmentID is where the cluster's resources are created.
func (n *Network) CompartmentID() string { return n.Compartment }

// ResourceIdentifier is the cluster's stable identifier: the ownership tag's value.
func (n *Network) ResourceIdentifier() string { return n.Identifier }

// FreeformTags are the user's freeform tags.
func (n *Network) FreeformTags() map[string]string { return n.Freeform }

// DefinedTags are the user's defined tags, as the SDK takes them.
func (n *Network) DefinedTags() map[string]map[string]any {
	if len(n.Defined) == 0 {
		return nil
	}
	out := make(map[string]map[string]any, len(n.Defined))
	for ns, kv := range n.Defined {
		out[ns] = make(map[string]any, len(kv))
		for k, v := range kv {
			out[ns][k] = v
		}
	}
	return out
}

// Recorder returns the engine's recorder over status.resources.
func (n *Network) Recorder(setID func(key, id string)) async.Recorder {
	return Resources{List: n.Resources, SetID: setID}
}

// Generation is the object's metadata.generation.
func (n *Network) Generation() int64 { return n.ObjectGeneration }

// DriftInterval is the time between drift checks of a resource in place.
func (n *Network) DriftInterval() time.Duration { return n.Drift }

// DriftDue reports whether the object's drift check is due: some resource of it was last found in place a drift
// interval ago or more.
func (n *Network) DriftDue() bool { return n.Due }

// DriftPassStart is when the drift check under way became due (see svc.Owner).
func (n *Network) DriftPassStart() time.Time { return n.PassStart }

// ClusterName is the infrastructure cluster's name.
func (n *Network) ClusterName() string { return n.Name }

// VCN is spec.networkSpec.vcn.
func (n *Network) VCN() *infrav1.VCN { return &n.Spec.VCN }

// VCNPeering is spec.networkSpec.vcnPeering (nil without peering).
func (n *Network) VCNPeering() *infrav1.VCNPeering { return n.Spec.VCNPeering }

// OracleServices lists the region's Oracle Services Network services (cached by the client factory).
func (n *Network) OracleServices(ctx context.Context) ([]core.Service, error) {
	return n.Clients.Services(ctx)
}

// DriftPassStart is when the drift check of an object with the resources of list became due: the oldest time one
// was last found in place, plus interval; zero when none was.
func DriftPassStart(list []infrav1.OCIResource, interval time.Duration) time.Time {
	if interval <= 0 {
		interval = async.DefaultDriftInterval
	}
	var oldest time.Time
	for i := range list {
		if t := list[i].LastChecked.Time; !t.IsZero() && (oldest.IsZero() || t.Before(oldest)) {
			oldest = t
		}
	}
	if oldest.IsZero() {
		return oldest
	}
	return oldest.Add(interval)
}

// DriftCheckDue reports whether some resource of list was last found in place interval ago or more: the object's
// drift check is then due, for all its resources at once.
func DriftCheckDue(list []infrav1.OCIResource, interval time.Duration, now time.Time) bool {
	if interval <= 0 {
		interval = async.DefaultDriftInterval
	}
	for i := range list {
		if t := list[i].LastChecked.Time; !t.IsZero() && !now.Before(t.Add(interval)) {
			return true
		}
	}
	return false
}
