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

package okecluster

import (
	"context"
	"errors"
	"fmt"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/okewr"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's ContainerEngineClient the OKE cluster service calls;
// containerengine.ContainerEngineClient is one.
type Client interface {
	GetCluster(ctx context.Context, req containerengine.GetClusterRequest) (containerengine.GetClusterResponse, error)
	ListClusters(ctx context.Context, req containerengine.ListClustersRequest) (containerengine.ListClustersResponse, error)
	CreateCluster(ctx context.Context, req containerengine.CreateClusterRequest) (containerengine.CreateClusterResponse, error)
	UpdateCluster(ctx context.Context, req containerengine.UpdateClusterRequest) (containerengine.UpdateClusterResponse, error)
	UpdateClusterEndpointConfig(ctx context.Context, req containerengine.UpdateClusterEndpointConfigRequest) (containerengine.UpdateClusterEndpointConfigResponse, error)
	DeleteCluster(ctx context.Context, req containerengine.DeleteClusterRequest) (containerengine.DeleteClusterResponse, error)
	GetWorkRequest(ctx context.Context, req containerengine.GetWorkRequestRequest) (containerengine.GetWorkRequestResponse, error)
	ListWorkRequestErrors(ctx context.Context, req containerengine.ListWorkRequestErrorsRequest) (containerengine.ListWorkRequestErrorsResponse, error)
}

// liveStates are the lifecycle states a cluster is looked up by name among: all but DELETED.
var liveStates = []containerengine.ClusterLifecycleStateEnum{
	containerengine.ClusterLifecycleStateCreating, containerengine.ClusterLifecycleStateActive,
	containerengine.ClusterLifecycleStateUpdating, containerengine.ClusterLifecycleStateFailed,
	containerengine.ClusterLifecycleStateDeleting,
}

// calls makes the SDK calls of the clusters of a compartment. listed holds the OCIDs of the clusters a list
// returned: a list answers summaries, without the KMS key, so the one the engine keeps is read whole.
type calls struct {
	c           Client
	compartment string
	listed      map[string]bool
}

// kind is the OKE clusters of the compartment, for the engine; their creates, updates and deletes run as work
// requests.
func kind(c Client, compartment string) svc.Kind[containerengine.Cluster, containerengine.CreateClusterDetails, Update] {
	k := &calls{c: c, compartment: compartment, listed: map[string]bool{}}
	return svc.Kind[containerengine.Cluster, containerengine.CreateClusterDetails, Update]{
		Noun:   "Cluster",
		Get:    k.get,
		List:   k.list,
		Create: k.create,
		Update: k.update,
		Delete: k.delete,
		WorkRequest: func(ctx context.Context, id string) (bool, string, error) {
			return okewr.Look(ctx, k.c, k.compartment, id)
		},
		Meta: func(cl *containerengine.Cluster) svc.Meta {
			return svc.Meta{ID: cl.Id, State: string(cl.LifecycleState), Tags: cl.FreeformTags}
		},
		Complete: k.complete,
	}
}

func (k *calls) get(ctx context.Context, id string) (*containerengine.Cluster, error) {
	r, err := k.c.GetCluster(ctx, containerengine.GetClusterRequest{ClusterId: &id})
	if err != nil {
		return nil, err
	}
	return &r.Cluster, nil
}

func (k *calls) list(ctx context.Context, name, page *string) ([]containerengine.Cluster, *string, error) {
	r, err := k.c.ListClusters(ctx, containerengine.ListClustersRequest{CompartmentId: &k.compartment, Name: name,
		Page: page, LifecycleState: liveStates})
	if err != nil {
		return nil, nil, err
	}
	items := make([]containerengine.Cluster, len(r.Items))
	for i := range r.Items {
		items[i] = fromSummary(&r.Items[i])
		k.listed[ptr.Deref(items[i].Id, "")] = true
	}
	return items, r.OpcNextPage, nil
}

// complete reads whole a cluster that a list returned; one read by OCID is whole already. A cluster gone since the
// list is kept as listed: the engine sees its state at the next look.
func (k *calls) complete(ctx context.Context, cl *containerengine.Cluster) (*containerengine.Cluster, error) {
	id := ptr.Deref(cl.Id, "")
	if !k.listed[id] {
		return cl, nil
	}
	delete(k.listed, id)
	whole, err := k.get(clients.WithOperation(ctx, "GetCluster"), id)
	switch {
	case async.IsNotFound(err):
		return cl, nil
	case err != nil:
		return nil, fmt.Errorf("reading cluster %s found by name: %w", id, err)
	}
	return whole, nil
}

// create sends the create; OKE answers its work request and no cluster, which is found by name once it is done.
func (k *calls) create(ctx context.Context, d containerengine.CreateClusterDetails, token string) (*containerengine.Cluster, string, error) {
	r, err := k.c.CreateCluster(ctx, containerengine.CreateClusterRequest{CreateClusterDetails: d, OpcRetryToken: &token})
	if err != nil {
		return nil, "", err
	}
	return nil, ptr.Deref(r.OpcWorkRequestId, ""), nil
}

// update makes the one call the Update names.
func (k *calls) update(ctx context.Context, id string, u Update) (string, error) {
	switch {
	case u.Cluster != nil:
		r, err := k.c.UpdateCluster(ctx, containerengine.UpdateClusterRequest{ClusterId: &id, UpdateClusterDetails: *u.Cluster})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	case u.Endpoint != nil:
		r, err := k.c.UpdateClusterEndpointConfig(clients.WithOperation(ctx, "UpdateClusterEndpointConfig"),
			containerengine.UpdateClusterEndpointConfigRequest{ClusterId: &id, UpdateClusterEndpointConfigDetails: *u.Endpoint})
		return ptr.Deref(r.OpcWorkRequestId, ""), err
	}
	return "", errors.New("updating an OKE cluster with an update that names no change")
}

func (k *calls) delete(ctx context.Context, id string) (string, error) {
	r, err := k.c.DeleteCluster(ctx, containerengine.DeleteClusterRequest{ClusterId: &id})
	return ptr.Deref(r.OpcWorkRequestId, ""), err
}

// fromSummary is the cluster of a list's summary: all but the KMS key and the OpenID Connect discovery endpoint.
func fromSummary(s *containerengine.ClusterSummary) containerengine.Cluster {
	return containerengine.Cluster{Id: s.Id, Name: s.Name, CompartmentId: s.CompartmentId, EndpointConfig: s.EndpointConfig,
		VcnId: s.VcnId, KubernetesVersion: s.KubernetesVersion, FreeformTags: s.FreeformTags, DefinedTags: s.DefinedTags,
		SystemTags: s.SystemTags, Options: s.Options, Metadata: s.Metadata, LifecycleState: s.LifecycleState,
		LifecycleDetails: s.LifecycleDetails, Endpoints: s.Endpoints, AvailableKubernetesUpgrades: s.AvailableKubernetesUpgrades,
		ImagePolicyConfig: s.ImagePolicyConfig, ClusterPodNetworkOptions: s.ClusterPodNetworkOptions, Type: s.Type}
}
