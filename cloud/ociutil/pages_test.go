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

package ociutil

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

func TestListAllFollowsEveryPageOfTheEmulator(t *testing.T) {
	ctx := context.Background()
	sim := ocisim.StartT(t, ocisim.Options{PageSize: 2})
	vn, err := sim.VirtualNetworkClient(sim.Regions()[0])
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 5 {
		name := fmt.Sprintf("vcn-%d", i)
		want = append(want, name)
		if _, err := vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
			CompartmentId: common.String(sim.Tenancy()), DisplayName: common.String(name),
			CidrBlocks: []string{fmt.Sprintf("10.%d.0.0/16", i)}}}); err != nil {
			t.Fatal(err)
		}
	}
	sim.ResetStats()
	vcns, err := ListAll(ctx, func(ctx context.Context, page *string) ([]core.Vcn, *string, error) {
		r, err := vn.ListVcns(ctx, core.ListVcnsRequest{CompartmentId: common.String(sim.Tenancy()), Page: page})
		return r.Items, r.OpcNextPage, err
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vcns {
		got = append(got, *v.DisplayName)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("listed %v, want all of %v", got, want)
	}
	if n := sim.Stats()["ListVcns"].Total; n != 3 {
		t.Errorf("%d ListVcns calls for 5 VCNs in pages of 2, want 3", n)
	}
}

func TestListAllStopsOnErrorsAndEndlessListings(t *testing.T) {
	boom := errors.New("boom")
	_, err := ListAll(context.Background(), func(context.Context, *string) ([]int, *string, error) { return nil, nil, boom })
	if !errors.Is(err, boom) {
		t.Errorf("error %v, want boom", err)
	}
	calls := 0
	_, err = ListAll(context.Background(), func(context.Context, *string) ([]int, *string, error) {
		calls++
		return []int{1}, common.String("again"), nil
	})
	if !errors.Is(err, ErrTooManyPages) || calls != MaxPages {
		t.Errorf("endless listing: %v after %d calls", err, calls)
	}
}
