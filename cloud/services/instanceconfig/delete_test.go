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

package instanceconfig_test

import (
	"errors"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// others are configurations the pool's delete leaves: another pool's, another cluster's, one without tags.
func others(s *scope) []core.InstanceConfiguration {
	return []core.InstanceConfiguration{config(s, "ocid1.ic.other", "mp-a-0123456789", nil),
		config(s, "ocid1.ic.theirs", "mp-0123456789", theirs), config(s, "ocid1.ic.untagged", "mp-0123456789", map[string]string{})}
}

func deleted(t *testing.T, s *scope) {
	t.Helper()
	if s.recorded() != "" || !s.memo().Deleted {
		t.Errorf("recorded %q, memo %+v; want none recorded and the memo deleted", s.recorded(), s.memo())
	}
}

func TestDelete(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []step
	}{{
		name: "the pool's configurations the cluster owns are deleted (every page listed, NotFound is success), then no call",
		steps: []step{{
			name:   "deleted",
			before: func(s *scope) { s.config.InstanceConfigurationID = "ocid1.ic.2" },
			expect: func(_ *testing.T, s *scope, m *mockClient) {
				m.ListInstanceConfigurations(gomock.Any(), inCompartment(s, "")).Return(listed("p2", append(others(s),
					config(s, "ocid1.ic.1", "mp-0123456789", nil))...), nil)
				m.ListInstanceConfigurations(gomock.Any(), inCompartment(s, "p2")).Return(listed("", config(s, "ocid1.ic.2", "mp-abcdef0123", nil)), nil)
				m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.1")).Return(core.DeleteInstanceConfigurationResponse{}, svctest.NotFound())
				m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.2")).Return(core.DeleteInstanceConfigurationResponse{}, nil)
			},
			check: deleted,
		}, {name: "done: no call", check: deleted}},
	}, {
		name: "one still in use (the pool not terminated yet): the others deleted, not done until it is let go of",
		steps: []step{{
			name: "waiting",
			before: func(s *scope) {
				s.config.InstanceConfigurationID = "ocid1.ic.2"
				s.inUse = []string{"ocid1.ic.2"}
			},
			expect: func(_ *testing.T, s *scope, m *mockClient) {
				m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("",
					config(s, "ocid1.ic.1", "mp-0123456789", nil), config(s, "ocid1.ic.2", "mp-abcdef0123", nil)), nil)
				m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.1")).Return(core.DeleteInstanceConfigurationResponse{}, nil)
			},
			wantErr: notDone("waiting for the instance pool to let go of instance configuration mp-abcdef0123"),
			check:   recordedAs("ocid1.ic.2"),
		}, {
			name:   "let go of: deleted",
			before: func(s *scope) { s.inUse = nil },
			expect: func(_ *testing.T, s *scope, m *mockClient) {
				m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("", config(s, "ocid1.ic.2", "mp-abcdef0123", nil)), nil)
				m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.2")).Return(core.DeleteInstanceConfigurationResponse{}, nil)
			},
			check: deleted,
		}},
	}, {
		name: "OCI refuses, something uses it: a transient error that says so; the others are still deleted",
		steps: []step{{
			name: "refused",
			expect: func(_ *testing.T, s *scope, m *mockClient) {
				m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("",
					config(s, "ocid1.ic.1", "mp-0123456789", nil), config(s, "ocid1.ic.2", "mp-abcdef0123", nil)), nil)
				m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.1")).Return(core.DeleteInstanceConfigurationResponse{}, svctest.Conflict())
				m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.2")).Return(core.DeleteInstanceConfigurationResponse{}, nil)
			},
			wantErr: func(err error) bool {
				var e *async.Error
				return errors.As(err, &e) && e.Class == async.Transient && e.Reason == svc.ReasonInUse
			},
			check: func(t *testing.T, s *scope) {
				if s.memo().Deleted {
					t.Error("memo deleted, with a configuration left")
				}
			},
		}},
	}, {
		name: "a brought configuration is neither deleted nor forgotten",
		steps: []step{{
			name:   "deleted",
			before: func(s *scope) { s.config.InstanceConfigurationID = "ocid1.ic.untagged" },
			expect: func(_ *testing.T, s *scope, m *mockClient) {
				m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("", others(s)...), nil)
			},
			check: recordedAs("ocid1.ic.untagged"),
		}},
	}} {
		t.Run(tc.name, func(t *testing.T) { run(t, newScope(), deleting, tc.steps...) })
	}
}

func recordedAs(id string) func(t *testing.T, s *scope) {
	return func(t *testing.T, s *scope) {
		t.Helper()
		if s.recorded() != id {
			t.Errorf("recorded %q, want %s", s.recorded(), id)
		}
	}
}
