package ocisim_test

import (
	"context"
	"fmt"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"

	"github.com/oracle/cluster-api-provider-oci/test/ocisim"
)

// ExampleStart starts an emulator, creates a VCN through the real SDK client
// and watches it become available on the emulator's clock.
func ExampleStart() {
	ctx := context.Background()
	sim, err := ocisim.Start(ctx, ocisim.Options{Delays: map[string]time.Duration{ocisim.KindVcn: time.Minute}})
	if err != nil {
		panic(err)
	}
	defer sim.Close()
	vn, err := sim.VirtualNetworkClient("us-ashburn-1")
	if err != nil {
		panic(err)
	}
	created, err := vn.CreateVcn(ctx, core.CreateVcnRequest{CreateVcnDetails: core.CreateVcnDetails{
		CompartmentId: common.String(sim.Tenancy()), CidrBlocks: []string{"10.0.0.0/16"}}})
	if err != nil {
		panic(err)
	}
	fmt.Println(created.LifecycleState)
	sim.Advance(time.Minute)
	got, err := vn.GetVcn(ctx, core.GetVcnRequest{VcnId: created.Id})
	if err != nil {
		panic(err)
	}
	fmt.Println(got.LifecycleState, len(sim.Live(ocisim.KindVcn)))
	// Output:
	// PROVISIONING
	// AVAILABLE 1
}
