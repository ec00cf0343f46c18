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

// Package okecluster reconciles the OKE cluster of an OCIManagedControlPlane: created in the OCIManagedCluster's
// VCN with its API endpoint in the control-plane-endpoint subnet, then kept at the declared Kubernetes version,
// image policy, cluster type, OpenID Connect and admission settings, tags and endpoint NSGs and public IP. Its
// create is asynchronous and answers no cluster: the OCID is learned by name and ownership tags once the create's
// work request is done. What OKE cannot change in place is never sent; Unchangeable lists it for the controller.
package okecluster

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/containerengine"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

//go:generate ${MOCKGEN} -destination=mock_okecluster/client_mock.go -package=mock_okecluster github.com/oracle/cluster-api-provider-oci/cloud/services/okecluster Client

// Key is the cluster's key in the control plane's status.resources.
const Key = "okecluster"

// Network is what the OKE cluster is placed in, resolved by the controller from the OCIManagedCluster.
type Network struct {
	// VCNID is the OCID of the VCN the cluster is created in.
	VCNID string
	// EndpointSubnetID is the OCID of the subnet of the cluster's Kubernetes API endpoint.
	EndpointSubnetID string
	// EndpointPublic is true when the endpoint subnet is public: the endpoint gets a public IP.
	EndpointPublic bool
	// EndpointNSGIDs are the OCIDs of the network security groups of the endpoint.
	EndpointNSGIDs []string
	// ServiceLBSubnetIDs are the OCIDs of the subnets of the load balancers of Kubernetes services.
	ServiceLBSubnetIDs []string
	// PodsCIDR and ServicesCIDR are the first CIDR blocks of the Cluster's spec.clusterNetwork pods and services;
	// "" leaves OKE's default.
	PodsCIDR, ServicesCIDR string
}

// Scope is what the service needs of an OCIManagedControlPlane.
type Scope interface {
	svc.Owner
	// OKEClusterName is the OKE cluster's display name.
	OKEClusterName() string
	// ControlPlane is the control plane's spec; the service records the OCID in its ID field.
	ControlPlane() *infrav1.OCIManagedControlPlaneSpec
	// ClusterNetwork is where the cluster is placed.
	ClusterNetwork() Network
	// SetObserved is called with the cluster whenever the service read it (the create response excluded): the
	// controller takes the endpoint, the version and the unchangeable differences from it.
	SetObserved(c *containerengine.Cluster)
}

// Service reconciles the OKE cluster.
type Service struct{ svc.Service[Scope, Client] }

var _ async.ServiceReconciler = (*Service)(nil)

// New returns the OKE cluster service of scope, calling OCI with client.
func New(scope Scope, client Client) *Service {
	return &Service{svc.NewService(Key, scope, client)}
}

// Reconcile creates the cluster, or finds it, and keeps what OKE can change in place as declared. It waits until
// the controller has resolved the VCN and the endpoint subnet.
func (s *Service) Reconcile(ctx context.Context) error {
	n := s.Scope.ClusterNetwork()
	switch {
	case n.VCNID == "":
		return svc.Waiting(Key, "the VCN")
	case n.EndpointSubnetID == "":
		return svc.Waiting(Key, "the control-plane-endpoint subnet")
	}
	return s.run(func(e *async.Engine[containerengine.Cluster], spec *Spec) error { return e.Reconcile(ctx, spec) })
}

// Delete deletes the cluster when the provider created it (a cluster brought by ID is left alone), through its
// work request; a cluster already gone is deleted.
func (s *Service) Delete(ctx context.Context) error {
	return s.run(func(e *async.Engine[containerengine.Cluster], spec *Spec) error { return e.Delete(ctx, spec) })
}

// run runs f with the engine and the spec of the cluster, then hands the cluster the engine read, if any, to the
// scope, whatever f's result (a cluster being updated still has its endpoint).
func (s *Service) run(f func(*async.Engine[containerengine.Cluster], *Spec) error) error {
	a := svc.NewAdapter(kind(s.Client, s.Scope.CompartmentID()), s.Scope.ResourceIdentifier())
	cp := s.Scope.ControlPlane()
	err := f(svc.NewEngine(s.Scope, a, func(_, id string) { cp.ID = id }), NewSpec(s.Scope))
	if c := a.Seen(); c != nil {
		s.Scope.SetObserved(c)
	}
	return err
}
