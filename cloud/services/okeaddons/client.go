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

package okeaddons

import (
	"context"

	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/clients"
	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
)

//go:generate ${MOCKGEN} -destination=mock_okeaddons/client_mock.go -package=mock_okeaddons github.com/oracle/cluster-api-provider-oci/cloud/services/okeaddons Client

// Client is the part of the SDK's ContainerEngineClient the add-on service calls;
// containerengine.ContainerEngineClient is one.
type Client interface {
	ListAddons(ctx context.Context, req containerengine.ListAddonsRequest) (containerengine.ListAddonsResponse, error)
	GetAddon(ctx context.Context, req containerengine.GetAddonRequest) (containerengine.GetAddonResponse, error)
	InstallAddon(ctx context.Context, req containerengine.InstallAddonRequest) (containerengine.InstallAddonResponse, error)
	UpdateAddon(ctx context.Context, req containerengine.UpdateAddonRequest) (containerengine.UpdateAddonResponse, error)
	DisableAddon(ctx context.Context, req containerengine.DisableAddonRequest) (containerengine.DisableAddonResponse, error)
}

var _ Client = containerengine.ContainerEngineClient{}

// list returns the add-ons of the cluster, of every page, by name. A list answers summaries: everything but the
// configurations.
func list(ctx context.Context, c Client, cluster string) (map[string]containerengine.AddonSummary, error) {
	items, err := ociutil.ListAll(clients.WithOperation(ctx, "ListAddons"),
		func(ctx context.Context, page *string) ([]containerengine.AddonSummary, *string, error) {
			r, err := c.ListAddons(ctx, containerengine.ListAddonsRequest{ClusterId: &cluster, Page: page})
			if err != nil {
				return nil, nil, err
			}
			return r.Items, r.OpcNextPage, nil
		})
	if err != nil {
		return nil, err
	}
	out := make(map[string]containerengine.AddonSummary, len(items))
	for _, a := range items {
		out[ptr.Deref(a.Name, "")] = a
	}
	return out, nil
}

// get reads one add-on of the cluster whole.
func get(ctx context.Context, c Client, cluster, name string) (*containerengine.Addon, error) {
	r, err := c.GetAddon(clients.WithOperation(ctx, "GetAddon"), containerengine.GetAddonRequest{ClusterId: &cluster, AddonName: &name})
	if err != nil {
		return nil, err
	}
	return &r.Addon, nil
}

// install installs the add-on as declared: the latest version when none is, and no configurations when none are.
func install(ctx context.Context, c Client, cluster string, want *infrav1.Addon) error {
	_, err := c.InstallAddon(clients.WithOperation(ctx, "InstallAddon"), containerengine.InstallAddonRequest{ClusterId: &cluster,
		InstallAddonDetails: containerengine.InstallAddonDetails{AddonName: &want.Name, Version: versionOf(want),
			Configurations: configurations(want.Configurations, false)}})
	return err
}

// update brings the add-on to the declared version and configurations. The configurations are always sent, an
// empty list when none are declared, so that an update clears the configurations the spec no longer has.
func update(ctx context.Context, c Client, cluster string, want *infrav1.Addon) error {
	_, err := c.UpdateAddon(clients.WithOperation(ctx, "UpdateAddon"), containerengine.UpdateAddonRequest{ClusterId: &cluster,
		AddonName: &want.Name, UpdateAddonDetails: containerengine.UpdateAddonDetails{Version: versionOf(want),
			Configurations: configurations(want.Configurations, true)}})
	return err
}

// disable disables the add-on and removes what it installed in the cluster.
func disable(ctx context.Context, c Client, cluster, name string) error {
	_, err := c.DisableAddon(clients.WithOperation(ctx, "DisableAddon"), containerengine.DisableAddonRequest{ClusterId: &cluster,
		AddonName: &name, IsRemoveExistingAddOn: ptr.To(true)})
	return err
}
