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

package svctest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/core"
	"k8s.io/utils/ptr"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// UntilDone calls step until it is done, as the controller would requeue it: after each "not done" the
// emulator's clock is moved on by the requeue delay with advance. An error, or 50 looks without being done,
// fails the test.
func UntilDone(t *testing.T, advance func(time.Duration), step func() error) {
	t.Helper()
	for range 50 {
		err := step()
		var nd *async.NotDoneError
		if !errors.As(err, &nd) {
			if err != nil {
				t.Fatal(err)
			}
			return
		}
		advance(nd.RequeueAfter)
	}
	t.Fatal("not done after 50 looks")
}

// EmulatedSubnet creates a VCN and a subnet in the emulator through vn and returns the subnet's OCID.
func EmulatedSubnet(ctx context.Context, t *testing.T, vn core.VirtualNetworkClient, compartment string) string {
	t.Helper()
	v, err := vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{CompartmentId: &compartment,
		DisplayName: ptr.To("vcn"), CidrBlocks: []string{"10.0.0.0/16"}}})
	if err != nil {
		t.Fatal(err)
	}
	sn, err := vn.CreateSubnet(ctx, core.CreateSubnetRequest{CreateSubnetDetails: core.CreateSubnetDetails{CompartmentId: &compartment,
		VcnId: v.Id, DisplayName: ptr.To("cpe"), CidrBlock: ptr.To("10.0.0.8/29")}})
	if err != nil {
		t.Fatal(err)
	}
	return *sn.Id
}
