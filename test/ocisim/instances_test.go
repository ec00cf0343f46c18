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
	"testing"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/core"
)

// TestInstances checks the instance view a boot simulator reads: launch order, the state reached after the
// instance's delay, the metadata it was launched with (a copy), and Live false once terminated.
func TestInstances(t *testing.T) {
	f := newFixture(t, Options{Delays: map[string]time.Duration{KindInstance: time.Minute}})
	d := core.LaunchInstanceDetails{CompartmentId: common.String(f.sim.Tenancy()), AvailabilityDomain: common.String(f.sim.ADNames(iad)[0]),
		Shape: common.String("VM.Standard2.1"), DisplayName: common.String("first"), Metadata: map[string]string{"user_data": "I2Nsb3VkLWNvbmZpZw=="},
		SourceDetails:     core.InstanceSourceViaImageDetails{ImageId: common.String(f.sim.Images(iad)[0].ID)},
		CreateVnicDetails: &core.CreateVnicDetails{SubnetId: f.subnet.Id}}
	first := must(f.comp.LaunchInstance(f.ctx, core.LaunchInstanceRequest{LaunchInstanceDetails: d}))
	second := must(f.launch(t, "second", "VM.Standard2.1"))
	got := f.sim.Instances()
	if len(got) != 2 || got[0].ID != *first.Id || got[1].ID != *second.Id {
		t.Fatalf("want the two instances in launch order, got %+v", got)
	}
	if got[0].Metadata["user_data"] != "I2Nsb3VkLWNvbmZpZw==" || got[0].DisplayName != "first" || got[0].FaultDomain == "" {
		t.Errorf("the view lacks what the instance was launched with: %+v", got[0])
	}
	got[0].Metadata["user_data"] = "changed"
	if f.sim.Instances()[0].Metadata["user_data"] != "I2Nsb3VkLWNvbmZpZw==" {
		t.Error("changing a view changed the instance's metadata")
	}
	if s := got[0].LifecycleState; s != stProvisioning {
		t.Errorf("a just launched instance is %s, want PROVISIONING", s)
	}
	f.sim.Advance(time.Minute)
	if s := f.sim.Instances()[0].LifecycleState; s != stRunning {
		t.Errorf("after its delay the instance is %s, want RUNNING", s)
	}
	must(f.comp.TerminateInstance(f.ctx, core.TerminateInstanceRequest{InstanceId: first.Id}))
	if v := f.sim.Instances()[0]; v.Live || v.LifecycleState != stTerminating {
		t.Errorf("a terminating instance reads Live=%v %s, want false TERMINATING", v.Live, v.LifecycleState)
	}
	f.sim.Advance(time.Minute)
	if v := f.sim.Instances()[0]; v.LifecycleState != stTerminated {
		t.Errorf("after its delay a terminated instance reads %s, want TERMINATED", v.LifecycleState)
	}
}
