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

package instance

import (
	"context"
	"errors"

	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
)

// Client is the part of the SDK's ComputeClient the instance service calls; core.ComputeClient is one.
type Client interface {
	GetInstance(ctx context.Context, req core.GetInstanceRequest) (core.GetInstanceResponse, error)
	ListInstances(ctx context.Context, req core.ListInstancesRequest) (core.ListInstancesResponse, error)
	LaunchInstance(ctx context.Context, req core.LaunchInstanceRequest) (core.LaunchInstanceResponse, error)
	TerminateInstance(ctx context.Context, req core.TerminateInstanceRequest) (core.TerminateInstanceResponse, error)
}

// phase maps an instance's lifecycle state to the engine's phase: a stopped or moving instance is not ready, and
// is looked at again until it runs.
func phase(state string) async.Phase {
	switch core.InstanceLifecycleStateEnum(state) {
	case core.InstanceLifecycleStateRunning:
		return async.Ready
	case core.InstanceLifecycleStateTerminated:
		return async.Gone
	default:
		return async.Transitioning
	}
}

// deletePhase maps an instance's lifecycle state to the engine's phase when it is being deleted: only a
// termination in progress is waited for; an instance in any other state (stopped, starting) is terminated.
func deletePhase(state string) async.Phase {
	switch core.InstanceLifecycleStateEnum(state) {
	case core.InstanceLifecycleStateTerminated:
		return async.Gone
	case core.InstanceLifecycleStateTerminating:
		return async.Transitioning
	default:
		return async.Ready
	}
}

// kind is the compartment's instances, for the engine, with phase mapping their states. The launch and the
// termination are followed by reading the instance, not its work request; observed receives every instance read.
func kind(c Client, compartment string, preserveBoot, preserveData *bool, observed func(*core.Instance), phase func(string) async.Phase) svc.Kind[core.Instance, core.LaunchInstanceDetails, struct{}] {
	return svc.Kind[core.Instance, core.LaunchInstanceDetails, struct{}]{
		Noun: "Instance", CreateOp: "LaunchInstance", DeleteOp: "TerminateInstance", Phase: phase,
		Get: func(ctx context.Context, id string) (*core.Instance, error) {
			r, err := c.GetInstance(ctx, core.GetInstanceRequest{InstanceId: &id})
			return &r.Instance, err
		},
		List: func(ctx context.Context, name, page *string) ([]core.Instance, *string, error) {
			r, err := c.ListInstances(ctx, core.ListInstancesRequest{CompartmentId: &compartment, DisplayName: name, Page: page})
			return r.Items, r.OpcNextPage, err
		},
		Create: func(ctx context.Context, d core.LaunchInstanceDetails, token string) (*core.Instance, string, error) {
			r, err := c.LaunchInstance(ctx, core.LaunchInstanceRequest{LaunchInstanceDetails: d, OpcRetryToken: &token})
			return &r.Instance, "", err
		},
		Update: func(context.Context, string, struct{}) (string, error) {
			return "", errors.New("an instance is not updated in place")
		},
		Delete: func(ctx context.Context, id string) (string, error) {
			_, err := c.TerminateInstance(ctx, core.TerminateInstanceRequest{InstanceId: &id,
				PreserveBootVolume: preserveBoot, PreserveDataVolumesCreatedAtLaunch: preserveData})
			return "", err
		},
		Meta: func(in *core.Instance) svc.Meta {
			return svc.Meta{ID: in.Id, State: string(in.LifecycleState), Tags: in.FreeformTags}
		},
		Complete: func(_ context.Context, in *core.Instance) (*core.Instance, error) {
			if observed != nil {
				observed(in)
			}
			return in, nil
		},
	}
}
