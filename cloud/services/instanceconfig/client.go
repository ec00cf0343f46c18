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

package instanceconfig

import (
	"context"
	"errors"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/ociutil"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's ComputeManagementClient the instance configuration service calls;
// core.ComputeManagementClient is one.
type Client interface {
	GetInstanceConfiguration(ctx context.Context, req core.GetInstanceConfigurationRequest) (core.GetInstanceConfigurationResponse, error)
	ListInstanceConfigurations(ctx context.Context, req core.ListInstanceConfigurationsRequest) (core.ListInstanceConfigurationsResponse, error)
	CreateInstanceConfiguration(ctx context.Context, req core.CreateInstanceConfigurationRequest) (core.CreateInstanceConfigurationResponse, error)
	DeleteInstanceConfiguration(ctx context.Context, req core.DeleteInstanceConfigurationRequest) (core.DeleteInstanceConfigurationResponse, error)
}

// configKind is the kind the engine runs: instance configurations, created from a CreateInstanceConfigurationDetails
// and never updated.
type configKind = svc.Kind[core.InstanceConfiguration, core.CreateInstanceConfigurationDetails, struct{}]

// listing is the compartment's instance configurations, listed (every page) at most once per Reconcile or Delete:
// finding the pool's configuration by name and sweeping its old ones read the same list.
type listing struct {
	c           Client
	compartment string
	all         []core.InstanceConfiguration
	listed      bool
}

// load lists the compartment's configurations, the first time it is called. OCI lists them without their
// details (and without a name filter), which finding one by name and deleting old ones do not need.
func (l *listing) load(ctx context.Context) ([]core.InstanceConfiguration, error) {
	if l.listed {
		return l.all, nil
	}
	all, err := ociutil.ListAll(ctx, func(ctx context.Context, page *string) ([]core.InstanceConfiguration, *string, error) {
		r, err := l.c.ListInstanceConfigurations(ctx, core.ListInstanceConfigurationsRequest{CompartmentId: &l.compartment, Page: page})
		if err != nil {
			return nil, nil, err
		}
		items := make([]core.InstanceConfiguration, len(r.Items))
		for i := range r.Items {
			s := &r.Items[i]
			items[i] = core.InstanceConfiguration{Id: s.Id, CompartmentId: s.CompartmentId, DisplayName: s.DisplayName,
				TimeCreated: s.TimeCreated, FreeformTags: s.FreeformTags, DefinedTags: s.DefinedTags}
		}
		return items, r.OpcNextPage, nil
	})
	if err != nil {
		return nil, err
	}
	l.all, l.listed = all, true
	return all, nil
}

// named returns, as one page, the configurations of the listing that have the display name (all when name is nil).
func (l *listing) named(ctx context.Context, name, _ *string) ([]core.InstanceConfiguration, *string, error) {
	all, err := l.load(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []core.InstanceConfiguration
	for i := range all {
		if name == nil || ptr.Deref(all[i].DisplayName, "") == *name {
			out = append(out, all[i])
		}
	}
	return out, nil, nil
}

// errNoUpdate is what an update of an instance configuration would answer: the service never sends one (a
// configuration is immutable; a changed one is a new configuration).
var errNoUpdate = errors.New("an instance configuration is not updated in place")

// kind is the instance configurations of l's compartment, for the engine. Every call is synchronous; a
// configuration has no lifecycle state, so one that can be read is ready and one that is gone answers 404.
func kind(c Client, l *listing) configKind {
	return configKind{
		Noun: "InstanceConfiguration",
		Get: func(ctx context.Context, id string) (*core.InstanceConfiguration, error) {
			r, err := c.GetInstanceConfiguration(ctx, core.GetInstanceConfigurationRequest{InstanceConfigurationId: &id})
			if err != nil {
				return nil, err
			}
			return &r.InstanceConfiguration, nil
		},
		List: l.named,
		Create: func(ctx context.Context, d core.CreateInstanceConfigurationDetails, token string) (*core.InstanceConfiguration, string, error) {
			r, err := c.CreateInstanceConfiguration(ctx, core.CreateInstanceConfigurationRequest{CreateInstanceConfiguration: d,
				OpcRetryToken: &token})
			if err != nil {
				return nil, "", err
			}
			return &r.InstanceConfiguration, "", nil
		},
		Update: func(context.Context, string, struct{}) (string, error) { return "", errNoUpdate },
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.DeleteInstanceConfiguration(ctx, core.DeleteInstanceConfigurationRequest{InstanceConfigurationId: &id})
			return "", err
		},
		Meta: func(ic *core.InstanceConfiguration) svc.Meta {
			return svc.Meta{ID: ic.Id, Tags: ic.FreeformTags}
		},
	}
}
