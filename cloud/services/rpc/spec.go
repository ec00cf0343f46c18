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

package rpc

import (
	"fmt"
	"strconv"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Spec is the desired state of one remote peering connection: the cluster's on its DRG, or its peer on the
// peer DRG.
type Spec struct {
	svc.Desired
	drgID string
}

var _ async.Spec[core.RemotePeeringConnection] = (*Spec)(nil)

// DisplayName is the name of the connections of the i-th entry, the cluster's and its peer: the entry's, else
// the cluster's for the first entry (as the earlier provider named it, so that its connection is adopted) and
// "<cluster>-<i>" for the others (so that no two entries' connections share a name, by which they are found).
func DisplayName(c *infrav1.RemotePeeringConnection, clusterName string, i int) string {
	switch {
	case c.Name != "":
		return c.Name
	case i == 0:
		return clusterName
	}
	return clusterName + "-" + strconv.Itoa(i)
}

// Validate checks the entries of spec.networkSpec.vcnPeering.remotePeeringConnections: each names its peer's
// region; one whose peer the cluster manages names the peer DRG, and one whose peer it does not manage names the
// peer connection; and no two entries' connections share a display name.
func Validate(conns []infrav1.RemotePeeringConnection, clusterName string) error {
	names := make(map[string]int, len(conns))
	for i := range conns {
		c := &conns[i]
		field := fmt.Sprintf("spec.networkSpec.vcnPeering.remotePeeringConnections[%d]", i)
		switch {
		case c.PeerRegionName == "":
			return fmt.Errorf("%s.peerRegionName is not set: give the region of the peer DRG", field)
		case c.ManagePeerRPC && c.PeerDRGID == "":
			return fmt.Errorf("%s.peerDRGId is not set and managePeerRPC is true: give the OCID of the peer DRG "+
				"the peer connection is made on", field)
		case !c.ManagePeerRPC && c.PeerRPCConnectionID == "":
			return fmt.Errorf("%s.peerRPCConnectionId is not set and managePeerRPC is false: give the OCID of the peer "+
				"connection, or set managePeerRPC to have it made", field)
		}
		name := DisplayName(c, clusterName, i)
		if j, dup := names[name]; dup {
			return fmt.Errorf("%s and remotePeeringConnections[%d] have the same display name %q: name them apart", field, j, name)
		}
		names[name] = i
	}
	return nil
}

// NewSpec builds the desired state of the connection with key (see Key and PeerKey), its recorded OCID id (or
// "") and display name, on the DRG with drgID, in the owner's compartment with the cluster's tags.
func NewSpec(o svc.Owner, key, id, name, drgID string) *Spec {
	return &Spec{Desired: svc.NewDesired(o, key, id, name), drgID: drgID}
}

// CreateDetails is the CreateRemotePeeringConnection request body.
func (s *Spec) CreateDetails() (any, error) {
	return core.CreateRemotePeeringConnectionDetails{CompartmentId: &s.Compartment, DrgId: &s.drgID,
		DisplayName: ptr.To(s.Name()), FreeformTags: s.Tags, DefinedTags: s.Defined}, nil
}

// UpdateDetails brings the connection's name and tags back; tags of others are kept.
func (s *Spec) UpdateDetails(existing *core.RemotePeeringConnection) (any, error) {
	if s.NameAndTagsMatch(existing.DisplayName, existing.FreeformTags, existing.DefinedTags) {
		return nil, nil
	}
	tags, defined := s.MergedTags(existing.FreeformTags, existing.DefinedTags)
	return core.UpdateRemotePeeringConnectionDetails{DisplayName: ptr.To(s.Name()), FreeformTags: tags, DefinedTags: defined}, nil
}
