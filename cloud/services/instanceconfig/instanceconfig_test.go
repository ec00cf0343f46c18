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
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/oracle/oci-go-sdk/v65/core"
	"go.uber.org/mock/gomock"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/svc/svctest"
)

// creates answers a create as OCI does, with the configuration made of the request under id, and keeps the request
// in got.
func creates(id string, got *[]core.CreateInstanceConfigurationRequest) func(context.Context, core.CreateInstanceConfigurationRequest) (core.CreateInstanceConfigurationResponse, error) {
	return func(_ context.Context, r core.CreateInstanceConfigurationRequest) (core.CreateInstanceConfigurationResponse, error) {
		*got = append(*got, r)
		d, ok := r.CreateInstanceConfiguration.(core.CreateInstanceConfigurationDetails)
		if !ok {
			return core.CreateInstanceConfigurationResponse{}, errors.New("not a CreateInstanceConfigurationDetails")
		}
		return core.CreateInstanceConfigurationResponse{InstanceConfiguration: core.InstanceConfiguration{Id: ptr.To(id),
			DisplayName: d.DisplayName, CompartmentId: d.CompartmentId, FreeformTags: d.FreeformTags, InstanceDetails: d.InstanceDetails}}, nil
	}
}

// token is the retry token of the i-th create.
func token(got []core.CreateInstanceConfigurationRequest, i int) string {
	return ptr.Deref(got[i].OpcRetryToken, "")
}

// inPlace are the steps that bring the recorded configuration id, of the desired name, in place: read once, and
// the pool's configurations swept once.
func inPlace(id string) []step {
	return []step{{
		name:   "recorded: read once, in place",
		before: func(s *scope) { s.config.InstanceConfigurationID = id },
		expect: func(t *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID(id)).Return(get(config(s, id, s.desired(t), nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), inCompartment(s, "")).Return(listed("", config(s, id, s.desired(t), nil)), nil)
		},
	}, {name: "in place: no call"}}
}

func recorded(id string) func(t *testing.T, s *scope) {
	return func(t *testing.T, s *scope) {
		t.Helper()
		if s.recorded() != id || s.memo().OwnedID != id {
			t.Errorf("recorded %q, memo %+v; want %s recorded and owned", s.recorded(), s.memo(), id)
		}
	}
}

func TestCreate(t *testing.T) {
	s := newScope()
	var got []core.CreateInstanceConfigurationRequest
	run(t, s, reconcile, step{
		name: "none of the desired name is the cluster's: every page listed, created with a retry token, recorded",
		expect: func(t *testing.T, s *scope, m *mockClient) {
			m.ListInstanceConfigurations(gomock.Any(), inCompartment(s, "")).Return(listed("p2",
				config(s, "ocid1.ic.theirs", s.desired(t), theirs), config(s, "ocid1.ic.other", "mp-a-0123456789", nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), inCompartment(s, "p2")).Return(listed(""), nil)
			m.CreateInstanceConfiguration(gomock.Any(), gomock.Any()).DoAndReturn(creates("ocid1.ic.new", &got))
		},
		wantErr: notDone("being created"),
		check: func(t *testing.T, s *scope) {
			recorded("ocid1.ic.new")(t, s)
			checkCreate(t, s, got[0])
		},
	}, step{
		name: "read once; the sweep deletes neither another pool's configuration nor another cluster's",
		expect: func(t *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.new")).Return(get(config(s, "ocid1.ic.new", s.desired(t), nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), inCompartment(s, "")).Return(listed("",
				config(s, "ocid1.ic.theirs", "mp-0123456789", theirs), config(s, "ocid1.ic.other", "mp-a-0123456789", nil),
				config(s, "ocid1.ic.new", s.desired(t), nil)), nil)
		},
		check: recorded("ocid1.ic.new"),
	}, step{name: "in place: no call", check: recorded("ocid1.ic.new")})
}

// checkCreate checks the create request: the pool's launch details under the desired name, with a retry token.
func checkCreate(t *testing.T, s *scope, r core.CreateInstanceConfigurationRequest) {
	t.Helper()
	d, ok := r.CreateInstanceConfiguration.(core.CreateInstanceConfigurationDetails)
	if !ok {
		t.Fatalf("create body %T", r.CreateInstanceConfiguration)
	}
	ci, ok := d.InstanceDetails.(core.ComputeInstanceDetails)
	if !ok || ci.LaunchDetails == nil {
		t.Fatalf("instance details %T, want compute launch details", d.InstanceDetails)
	}
	ld := ci.LaunchDetails
	switch {
	case !strings.HasPrefix(ptr.Deref(r.OpcRetryToken, ""), "capoci-"):
		t.Errorf("retry token %q", ptr.Deref(r.OpcRetryToken, ""))
	case ptr.Deref(d.DisplayName, "") != s.desired(t) || ptr.Deref(d.CompartmentId, "") != s.Compartment ||
		d.FreeformTags["ClusterResourceIdentifier"] != s.Identifier:
		t.Errorf("create %q in %q with tags %v", ptr.Deref(d.DisplayName, ""), ptr.Deref(d.CompartmentId, ""), d.FreeformTags)
	case ptr.Deref(ld.DisplayName, "") != "mp" || ptr.Deref(ld.Shape, "") != s.config.Shape ||
		ld.Metadata["user_data"] != base64.StdEncoding.EncodeToString(s.data) || ld.AvailabilityDomain != nil:
		t.Errorf("launch details %+v", ld)
	case ptr.Deref(ld.CreateVnicDetails.SubnetId, "") != s.subnet || len(ld.CreateVnicDetails.NsgIds) != 1:
		t.Errorf("VNIC %+v", ld.CreateVnicDetails)
	}
}

// TestRetryToken checks that a create repeated after a failure is the same request, and that a create for another
// spec is not.
func TestRetryToken(t *testing.T) {
	s := newScope()
	var got []core.CreateInstanceConfigurationRequest
	transient := func(err error) bool {
		var e *async.Error
		return errors.As(err, &e) && e.Class == async.Transient
	}
	run(t, s, reconcile, step{
		name: "the create fails",
		expect: func(_ *testing.T, s *scope, m *mockClient) {
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed(""), nil)
			m.CreateInstanceConfiguration(gomock.Any(), gomock.Any()).DoAndReturn(
				func(_ context.Context, r core.CreateInstanceConfigurationRequest) (core.CreateInstanceConfigurationResponse, error) {
					got = append(got, r)
					return core.CreateInstanceConfigurationResponse{}, svctest.ServiceError(http.StatusInternalServerError, "InternalError")
				})
		},
		wantErr: transient,
		check:   recorded(""),
	}, step{
		name: "tried again: the same retry token",
		expect: func(_ *testing.T, s *scope, m *mockClient) {
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed(""), nil)
			m.CreateInstanceConfiguration(gomock.Any(), gomock.Any()).DoAndReturn(creates("ocid1.ic.1", &got))
		},
		wantErr: async.IsNotDone,
		check: func(t *testing.T, s *scope) {
			if token(got, 1) != token(got, 0) {
				t.Errorf("retry tokens %q then %q, want the same", token(got, 0), token(got, 1))
			}
		},
	}, step{
		name:   "the spec changed before the configuration was read: superseded, the create of another one fails",
		before: func(s *scope) { s.config.Shape = "VM.Standard.E5.Flex" },
		expect: func(_ *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.1")).Return(get(config(s, "ocid1.ic.1", "mp-0123456789", nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed(""), nil)
			m.CreateInstanceConfiguration(gomock.Any(), gomock.Any()).DoAndReturn(
				func(_ context.Context, r core.CreateInstanceConfigurationRequest) (core.CreateInstanceConfigurationResponse, error) {
					got = append(got, r)
					return core.CreateInstanceConfigurationResponse{}, svctest.ServiceError(http.StatusBadGateway, "BadGateway")
				})
		},
		wantErr: transient,
		check: func(t *testing.T, s *scope) {
			if s.recorded() != "ocid1.ic.1" || s.memo().OwnedID != "" {
				t.Errorf("recorded %q, memo %+v; want the old one recorded until the new one is made", s.recorded(), s.memo())
			}
		},
	}, step{
		name: "tried again: the new name, under the same token, which is not the first one's",
		expect: func(_ *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.1")).Return(get(config(s, "ocid1.ic.1", "mp-0123456789", nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed(""), nil)
			m.CreateInstanceConfiguration(gomock.Any(), gomock.Any()).DoAndReturn(creates("ocid1.ic.2", &got))
		},
		wantErr: async.IsNotDone,
		check: func(t *testing.T, s *scope) {
			recorded("ocid1.ic.2")(t, s)
			checkCreate(t, s, got[3])
			if token(got, 2) == token(got, 0) || token(got, 3) != token(got, 2) {
				t.Errorf("retry tokens %q, %q, %q, %q; want the replacement's its own, the same when tried again",
					token(got, 0), token(got, 1), token(got, 2), token(got, 3))
			}
		},
	})
}

func TestFoundByName(t *testing.T) {
	s := newScope()
	run(t, s, reconcile, step{
		name: "found by name and tags, no create; the same listing serves the sweep, which deletes the unused old one",
		expect: func(t *testing.T, s *scope, m *mockClient) {
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("",
				config(s, "ocid1.ic.old", "mp-0000000000", nil), config(s, "ocid1.ic.found", s.desired(t), nil)), nil)
			m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.old")).Return(core.DeleteInstanceConfigurationResponse{}, nil)
		},
		check: recorded("ocid1.ic.found"),
	}, step{name: "in place: no call", check: recorded("ocid1.ic.found")})
}

func TestDriftCheck(t *testing.T) {
	s := newScope()
	var got []core.CreateInstanceConfigurationRequest
	run(t, s, reconcile, append(inPlace("ocid1.ic.1"), step{
		name:   "drift check due: one read",
		before: func(s *scope) { s.Due = true },
		expect: func(t *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.1")).Return(get(config(s, "ocid1.ic.1", s.desired(t), nil)), nil)
		},
		check: recorded("ocid1.ic.1"),
	}, step{
		name: "drift check finds it gone: created again, under the same name",
		expect: func(_ *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.1")).Return(core.GetInstanceConfigurationResponse{}, svctest.NotFound())
			m.CreateInstanceConfiguration(gomock.Any(), gomock.Any()).DoAndReturn(creates("ocid1.ic.2", &got))
		},
		wantErr: async.IsNotDone,
		check: func(t *testing.T, s *scope) {
			recorded("ocid1.ic.2")(t, s)
			checkCreate(t, s, got[0])
		},
	})...)
}

// TestSpecChange checks that a changed spec makes a new configuration, and that the old one is deleted once the
// pool no longer uses it.
func TestSpecChange(t *testing.T) {
	s := newScope()
	s.inUse = []string{"ocid1.ic.1"}
	var got []core.CreateInstanceConfigurationRequest
	run(t, s, reconcile, append(inPlace("ocid1.ic.1"), step{
		name:   "shape changed: the recorded configuration is superseded, a new one created",
		before: func(s *scope) { s.config.Shape = "VM.Standard.E5.Flex" },
		expect: func(_ *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.1")).Return(get(config(s, "ocid1.ic.1", "mp-0123456789", nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("", config(s, "ocid1.ic.1", "mp-0123456789", nil)), nil)
			m.CreateInstanceConfiguration(gomock.Any(), gomock.Any()).DoAndReturn(creates("ocid1.ic.2", &got))
		},
		wantErr: async.IsNotDone,
		check: func(t *testing.T, s *scope) {
			recorded("ocid1.ic.2")(t, s)
			checkCreate(t, s, got[0])
		},
	}, step{
		name: "the new one read; the sweep deletes an older unused one, not the one the pool uses",
		expect: func(t *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.2")).Return(get(config(s, "ocid1.ic.2", s.desired(t), nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("", config(s, "ocid1.ic.0", "mp-12345", nil),
				config(s, "ocid1.ic.1", "mp-0123456789", nil), config(s, "ocid1.ic.2", s.desired(t), nil)), nil)
			m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.0")).Return(core.DeleteInstanceConfigurationResponse{}, nil)
		},
		check: recorded("ocid1.ic.2"),
	}, step{name: "nothing changed: no call"}, step{
		name:   "the pool moved to the new one: the old one is deleted",
		before: func(s *scope) { s.inUse = []string{"ocid1.ic.2"} },
		expect: func(t *testing.T, s *scope, m *mockClient) {
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("",
				config(s, "ocid1.ic.1", "mp-0123456789", nil), config(s, "ocid1.ic.2", s.desired(t), nil)), nil)
			m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.1")).Return(core.DeleteInstanceConfigurationResponse{}, nil)
		},
	}, step{name: "in place: no call", check: recorded("ocid1.ic.2")})...)
}

// TestSweepLeavesWhatOCIRefuses checks that an old configuration OCI refuses to delete (something the scope does
// not know of uses it) is left, without an error and without a listing at every reconcile.
func TestSweepLeavesWhatOCIRefuses(t *testing.T) {
	s := newScope()
	s.config.InstanceConfigurationID = "ocid1.ic.1"
	run(t, s, reconcile, step{
		name: "in use by something else: left",
		expect: func(t *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.1")).Return(get(config(s, "ocid1.ic.1", s.desired(t), nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("",
				config(s, "ocid1.ic.0", "mp-0000000000", nil), config(s, "ocid1.ic.1", s.desired(t), nil)), nil)
			m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.0")).Return(core.DeleteInstanceConfigurationResponse{}, svctest.Conflict())
		},
	}, step{name: "no call until what is in use changes"})
}

// TestBroughtConfiguration checks that a configuration the user recorded, without the cluster's tags, is used as
// it is: never replaced, never deleted.
func TestBroughtConfiguration(t *testing.T) {
	s := newScope()
	s.config.InstanceConfigurationID = "ocid1.ic.mine"
	mine := func(s *scope) core.InstanceConfiguration {
		return config(s, "ocid1.ic.mine", "my-config", map[string]string{})
	}
	run(t, s, reconcile, step{
		name: "read, used as it is; the pool's own unused ones are deleted",
		expect: func(_ *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.mine")).Return(get(mine(s)), nil)
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("", mine(s), config(s, "ocid1.ic.0", "mp-0000000000", nil)), nil)
			m.DeleteInstanceConfiguration(gomock.Any(), deleteOf("ocid1.ic.0")).Return(core.DeleteInstanceConfigurationResponse{}, nil)
		},
	}, step{
		name:   "the spec changed: read again, still used as it is",
		before: func(s *scope) { s.config.Shape = "VM.Standard.E5.Flex" },
		expect: func(_ *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.mine")).Return(get(mine(s)), nil)
		},
		check: func(t *testing.T, s *scope) {
			if s.recorded() != "ocid1.ic.mine" || s.memo().OwnedID != "" {
				t.Errorf("recorded %q, memo %+v; want the brought configuration, not owned", s.recorded(), s.memo())
			}
		},
	})
}

// TestNoCall checks what makes no call: no bootstrap data yet (waited for), and a spec that cannot be sent.
func TestNoCall(t *testing.T) {
	for _, tc := range []struct {
		name    string
		set     func(s *scope)
		wantErr func(error) bool
	}{
		{"no bootstrap data: waits", func(s *scope) { s.data = nil }, notDone("waiting for the MachinePool's bootstrap data")},
		{"no spec.instanceConfiguration", func(s *scope) { s.config = nil },
			terminal(infrav1.ReconcileFailedReason, "spec.instanceConfiguration is not set")},
		{"no shape", func(s *scope) { s.config.Shape = "" },
			terminal(infrav1.ReconcileFailedReason, "spec.instanceConfiguration.shape is empty")},
		{"ocpus not a number", func(s *scope) { s.config.ShapeConfig = &infrav1.ShapeConfig{OCPUs: "x"} },
			terminal(infrav1.ReconcileFailedReason, `spec.instanceConfiguration.shapeConfig.ocpus: "x" is not a number`)},
		{"bootstrap data over the metadata limit", func(s *scope) { s.data = []byte(strings.Repeat("x", 32000)) },
			terminal(infrav1.BootstrapDataTooLargeReason, "spec.instanceConfiguration.metadata")},
		{"bad launch option", func(s *scope) { s.config.LaunchOptions = &infrav1.LaunchOptions{Firmware: "BIOS-2"} },
			terminal(infrav1.ReconcileFailedReason, `spec.instanceConfiguration.launchOptions.firmware: "BIOS-2" is not one of`)},
		{"VNIC not resolved", func(s *scope) { s.vnicErr = errors.New("no subnet worker in the cluster's network") },
			func(err error) bool {
				return strings.Contains(err.Error(), "resolving the primary VNIC of the pool's instances: no subnet worker")
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScope()
			run(t, s, reconcile, step{name: tc.name, before: tc.set, wantErr: tc.wantErr})
		})
	}
}

// TestSpecBackAgain checks that a configuration of a name made and deleted before is made again under a new retry
// token: OCI may answer a token it saw with what it created then, which is deleted.
func TestSpecBackAgain(t *testing.T) {
	s := newScope()
	var got []core.CreateInstanceConfigurationRequest
	e4, e5 := func(s *scope) { s.config.Shape = "VM.Standard.E4.Flex" }, func(s *scope) { s.config.Shape = "VM.Standard.E5.Flex" }
	// replaced is the reconcile after a change of the spec: the recorded configuration old is read, superseded,
	// and one of the new name created as id.
	replaced := func(change func(*scope), old, id string) step {
		return step{name: "superseded: " + id + " created", before: change, expect: func(_ *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID(old)).Return(get(config(s, old, "mp-0123456789", nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed(""), nil)
			m.CreateInstanceConfiguration(gomock.Any(), gomock.Any()).DoAndReturn(creates(id, &got))
		}, wantErr: async.IsNotDone}
	}
	// swept is the reconcile after a create: id is read, and old, listed, deleted.
	swept := func(id, old string) step {
		return step{name: id + " in place, " + old + " deleted", expect: func(t *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID(id)).Return(get(config(s, id, s.desired(t), nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed("",
				config(s, old, "mp-0123456789", nil), config(s, id, s.desired(t), nil)), nil)
			m.DeleteInstanceConfiguration(gomock.Any(), deleteOf(old)).Return(core.DeleteInstanceConfigurationResponse{}, nil)
		}}
	}
	s.config.InstanceConfigurationID = "ocid1.ic.0"
	run(t, s, reconcile, replaced(e4, "ocid1.ic.0", "ocid1.ic.1"), swept("ocid1.ic.1", "ocid1.ic.0"),
		replaced(e5, "ocid1.ic.1", "ocid1.ic.2"), swept("ocid1.ic.2", "ocid1.ic.1"),
		replaced(e4, "ocid1.ic.2", "ocid1.ic.3"), step{name: "checked", check: func(t *testing.T, _ *scope) {
			name := func(i int) string {
				return ptr.Deref(got[i].CreateInstanceConfiguration.(core.CreateInstanceConfigurationDetails).DisplayName, "")
			}
			if name(2) != name(0) || token(got, 2) == token(got, 0) {
				t.Errorf("created %q under %q, then %q under %q; want the same name under another token",
					name(0), token(got, 0), name(2), token(got, 2))
			}
		}, expect: func(t *testing.T, s *scope, m *mockClient) {
			m.GetInstanceConfiguration(gomock.Any(), ofID("ocid1.ic.3")).Return(get(config(s, "ocid1.ic.3", s.desired(t), nil)), nil)
			m.ListInstanceConfigurations(gomock.Any(), gomock.Any()).Return(listed(""), nil)
		}})
}
