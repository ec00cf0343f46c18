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

	ce "github.com/oracle/oci-go-sdk/v65/containerengine"
)

// updateClusterEndpointConfig serves UpdateClusterEndpointConfig: the NSGs, public IP and security attributes of the
// endpoint of a cluster created with an endpoint config (400 for one without), through a CLUSTER_UPDATE work
// request during which the cluster is UPDATING. A field left out is left as it is; an empty NSG list removes them.
// The change shows at once, the public endpoint appearing or disappearing with the public IP.
func updateClusterEndpointConfig(c *call) error {
	r, err := c.liveOKE(KindCluster, "clusterId")
	if err != nil {
		return err
	}
	var d ce.UpdateClusterEndpointConfigDetails
	if err := c.decode(&d); err != nil {
		return err
	}
	cl := r.obj.(*ce.Cluster)
	ec := cl.EndpointConfig
	if ec == nil {
		return errInvalid("Cluster %s was created without an endpoint config (endpointConfig); its endpoint cannot be "+
			"updated.", r.id)
	}
	if err := c.checkEndpointNSGs(ptrVal(cl.VcnId), d.NsgIds); err != nil {
		return err
	}
	if d.NsgIds != nil {
		ec.NsgIds = append([]string{}, d.NsgIds...)
	}
	if d.SecurityAttributes != nil {
		ec.SecurityAttributes = d.SecurityAttributes
	}
	if d.IsPublicIpEnabled != nil {
		ec.IsPublicIpEnabled = ptr(*d.IsPublicIpEnabled)
		cl.Endpoints.PublicEndpoint = nil
		if *d.IsPublicIpEnabled && cl.Endpoints.Kubernetes != nil {
			cl.Endpoints.PublicEndpoint = ptr(*cl.Endpoints.Kubernetes)
		}
	}
	wr := c.async(r, KindCluster, string(ce.WorkRequestOperationTypeClusterUpdate), "cluster", "UPDATED", stUpdating,
		stActive, nil)
	c.writeJSON(http.StatusAccepted, nil, wrHeader(wr))
	return nil
}

// checkEndpointNSGs checks that the NSGs of a cluster endpoint are live (404 otherwise) and in the cluster's VCN,
// as the NSGs of any VNIC must be (400 otherwise).
func (c *call) checkEndpointNSGs(vcnID string, ids []string) error {
	for _, id := range ids {
		nsg, err := c.live(kindNSG, id)
		if err != nil {
			return err
		}
		if v := stringField(nsg.obj, "VcnId"); v != vcnID {
			return errInvalid("Network security group %s is in VCN %s, not in the cluster's VCN %s.", id, v, vcnID)
		}
	}
	return nil
}

// updateImagePolicy applies the enabled flag and keys of an image policy given to CreateCluster or UpdateCluster to
// p (a new policy when nil) and returns it: a field left out is left as it is, an empty key list removes the keys.
func updateImagePolicy(p *ce.ImagePolicyConfig, enabled *bool, keys []ce.KeyDetails) *ce.ImagePolicyConfig {
	if p == nil {
		p = &ce.ImagePolicyConfig{}
	}
	if enabled != nil {
		p.IsPolicyEnabled = ptr(*enabled)
	}
	if keys != nil {
		p.KeyDetails = make([]ce.KeyDetails, len(keys))
		for i, k := range keys {
			p.KeyDetails[i] = ce.KeyDetails{KmsKeyId: k.KmsKeyId}
		}
	}
	return p
}

// applyOptionsUpdate applies the options of an UpdateCluster to a cluster's options, field by field (their types
// differ, so copyFields would drop them): each option given replaces the cluster's, one left out is left as it is.
func applyOptionsUpdate(o *ce.ClusterCreateOptions, d *ce.UpdateClusterOptionsDetails) {
	if d.AdmissionControllerOptions != nil {
		o.AdmissionControllerOptions = d.AdmissionControllerOptions
	}
	if d.PersistentVolumeConfig != nil {
		o.PersistentVolumeConfig = d.PersistentVolumeConfig
	}
	if d.ServiceLbConfig != nil {
		o.ServiceLbConfig = d.ServiceLbConfig
	}
	if d.OpenIdConnectTokenAuthenticationConfig != nil {
		o.OpenIdConnectTokenAuthenticationConfig = d.OpenIdConnectTokenAuthenticationConfig
	}
	if d.OpenIdConnectDiscovery != nil {
		o.OpenIdConnectDiscovery = d.OpenIdConnectDiscovery
	}
}
