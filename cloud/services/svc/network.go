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

package svc

import (
	"context"
	"fmt"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// Network is what the network services need of a cluster, self-managed (OCICluster) or OKE (OCIManagedCluster):
// both scopes implement it, so no network logic is written twice.
type Network interface {
	Owner
	// ClusterName is the infrastructure cluster's name: the default name of its VCN and load balancer.
	ClusterName() string
	// VCN is the cluster's network spec; the services record the OCIDs they learn in it.
	VCN() *infrav1.VCN
	// OracleServices lists the region's Oracle Services Network services (cached by the client factory).
	OracleServices(ctx context.Context) ([]core.Service, error)
}

// allServicesSuffix ends the CIDR label of the Oracle Services Network service that covers every service.
const allServicesSuffix = "-services-in-oracle-services-network"

// AllServices returns the Oracle Services Network service that covers every service of the region (its CIDR
// label is "all-<region key>-services-in-oracle-services-network"): what a service gateway serves and what a
// SERVICE_CIDR_BLOCK rule names.
func AllServices(ctx context.Context, n Network) (core.Service, error) {
	services, err := n.OracleServices(ctx)
	if err != nil {
		return core.Service{}, fmt.Errorf("listing the Oracle Services Network services: %w", err)
	}
	for _, s := range services {
		if label := ptr.Deref(s.CidrBlock, ""); strings.HasPrefix(label, "all-") && strings.HasSuffix(label, allServicesSuffix) {
			return s, nil
		}
	}
	return core.Service{}, fmt.Errorf("the region lists no Oracle Services Network service for all services (%d listed)", len(services))
}

// ServiceCIDRLabel is the destination of a SERVICE_CIDR_BLOCK rule to every Oracle service of the region.
func ServiceCIDRLabel(ctx context.Context, n Network) (string, error) {
	s, err := AllServices(ctx, n)
	if err != nil {
		return "", err
	}
	return ptr.Deref(s.CidrBlock, ""), nil
}

// VCNNotReady is the error of what (a gateway, the route tables) of a VCN whose OCID is not recorded yet: it
// cannot be created.
func VCNNotReady(what string) error {
	return fmt.Errorf("the VCN is not ready: its OCID is not recorded yet, so its %s cannot be created", what)
}

// DeleteInVCN deletes the resource of spec with e, unless neither it nor the VCN v was ever recorded: then it was
// never created, and no call is made.
func DeleteInVCN[T any](ctx context.Context, e *async.Engine[T], v *infrav1.VCN, spec async.Spec[T]) error {
	if v.ID == "" && spec.OCID() == "" {
		return nil
	}
	return e.Delete(ctx, spec)
}
