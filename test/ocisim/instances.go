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
	"maps"
	"sort"

	"github.com/oracle/oci-go-sdk/v65/core"
)

// InstanceView is what a machine's first boot and its agents see of an instance: its identity, its state and
// the metadata it was launched with (user_data among them), as the instance metadata service shows them.
type InstanceView struct {
	ID                 string
	Region             string
	CompartmentID      string
	DisplayName        string
	AvailabilityDomain string
	FaultDomain        string
	LifecycleState     string
	// Live is false once a terminate was accepted.
	Live bool
	// Metadata is the instance's metadata (ssh_authorized_keys, user_data, ...), copied.
	Metadata map[string]string
}

// Instances returns every instance the emulator holds, terminated ones included (Live false), in launch order.
func (s *Sim) Instances() []InstanceView {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	type seqView struct {
		seq  uint64
		view InstanceView
	}
	var views []seqView
	for _, r := range s.st.recs {
		in, ok := r.obj.(*core.Instance)
		if r.kind != KindInstance || !ok {
			continue
		}
		s.advance(r, now)
		views = append(views, seqView{r.seq, InstanceView{ID: r.id, Region: r.region, CompartmentID: r.compartment,
			DisplayName: r.name, AvailabilityDomain: ptrVal(in.AvailabilityDomain), FaultDomain: ptrVal(in.FaultDomain),
			LifecycleState: r.state, Live: !r.deleted, Metadata: maps.Clone(in.Metadata)}})
	}
	sort.Slice(views, func(a, b int) bool { return views[a].seq < views[b].seq })
	out := make([]InstanceView, len(views))
	for i := range views {
		out[i] = views[i].view
	}
	return out
}
