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
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/oracle/oci-go-sdk/v65/common"
	"github.com/oracle/oci-go-sdk/v65/containerengine"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// requeueAfter is the delay before the next look at add-ons on their way: OKE takes a minute or more to install,
// update or disable one.
const requeueAfter = 15 * time.Second

// pass is one reconcile of the add-ons: the cluster's add-ons as listed, and what the reconcile finds and does.
type pass struct {
	client  Client
	cluster string
	listed  map[string]containerengine.AddonSummary
	// status is the status.addonStatus being built.
	status map[string]infrav1.AddonStatus
	states []State
	// err is the first error; waiting says which add-ons are on their way.
	err     error
	waiting []string
}

// observed is an add-on as OKE reports it; its configurations are known only when it was read whole.
type observed struct {
	state   containerengine.AddonLifecycleStateEnum
	version *string
	err     *containerengine.AddonError
	configs []containerengine.AddonConfiguration
	whole   bool
}

// declared reconciles spec.addons[i]: installed when the cluster lacks it, else settled from its state.
func (p *pass) declared(ctx context.Context, i int, want *infrav1.Addon) {
	s, ok := p.listed[want.Name]
	if !ok || s.LifecycleState == containerengine.AddonLifecycleStateDeleted {
		p.install(ctx, i, want)
		return
	}
	p.status[want.Name] = statusOf(s.LifecycleState, s.CurrentInstalledVersion, s.AddonError)
	p.settle(ctx, i, want, observed{state: s.LifecycleState, version: s.Version, err: s.AddonError})
}

// settle waits for an add-on on its way, reports a FAILED one, and updates one that needs attention or, ACTIVE,
// differs from the spec. An add-on being updated or FAILED is never updated.
func (p *pass) settle(ctx context.Context, i int, want *infrav1.Addon, o observed) {
	name := want.Name
	switch o.state {
	case containerengine.AddonLifecycleStateCreating:
		p.wait(name, ReasonInstalling, "being installed")
	case containerengine.AddonLifecycleStateUpdating:
		p.wait(name, ReasonUpdating, "being updated")
	case containerengine.AddonLifecycleStateDeleting:
		p.wait(name, ReasonDisabling, "being disabled, to be installed again once gone")
	case containerengine.AddonLifecycleStateFailed:
		p.failed(name, o.err)
	case containerengine.AddonLifecycleStateNeedsAttention:
		p.update(ctx, i, want, ReasonNeedsAttention, "needing attention ("+errorMessage(o.err)+"), updated as declared")
	case containerengine.AddonLifecycleStateActive:
		p.active(ctx, i, want, o)
	default:
		p.wait(name, ReasonUpdating, "in state "+string(o.state))
	}
}

// active updates an ACTIVE add-on whose selected version or configurations differ from the spec; the
// configurations, which a list leaves out, are read when the version does not already call for an update.
func (p *pass) active(ctx context.Context, i int, want *infrav1.Addon, o observed) {
	name := want.Name
	if want.Version != "" && want.Version != ptr.Deref(o.version, "") {
		p.update(ctx, i, want, ReasonUpdating, "being updated to version "+want.Version)
		return
	}
	if !o.whole {
		a, err := get(ctx, p.client, p.cluster, name)
		switch {
		case async.IsNotFound(err):
			p.wait(name, ReasonInstalling, "gone since it was listed, to be installed again")
		case err != nil:
			p.callFailed(name, ReasonUpdating, classify(i, name, "GetAddon", err))
		default:
			p.status[name] = statusOf(a.LifecycleState, a.CurrentInstalledVersion, a.AddonError)
			p.settle(ctx, i, want, observed{state: a.LifecycleState, version: a.Version, err: a.AddonError,
				configs: a.Configurations, whole: true})
		}
		return
	}
	if !sameConfigurations(want.Configurations, o.configs) {
		p.update(ctx, i, want, ReasonUpdating, "being updated to its declared configurations")
		return
	}
	p.states = append(p.states, State{Name: name, Ready: true, Reason: ReasonReady,
		Message: fmt.Sprintf("version %s is ACTIVE", p.status[name].CurrentlyInstalledVersion)})
}

// install installs spec.addons[i].
func (p *pass) install(ctx context.Context, i int, want *infrav1.Addon) {
	if err := install(ctx, p.client, p.cluster, want); err != nil {
		p.callFailed(want.Name, ReasonInstalling, classify(i, want.Name, "InstallAddon", err))
		return
	}
	p.status[want.Name] = infrav1.AddonStatus{LifecycleState: string(containerengine.AddonLifecycleStateCreating)}
	p.wait(want.Name, ReasonInstalling, "being installed")
}

// update brings spec.addons[i] to its declared version and configurations; doing says why, for its state.
func (p *pass) update(ctx context.Context, i int, want *infrav1.Addon, reason, doing string) {
	name := want.Name
	err := update(ctx, p.client, p.cluster, want)
	switch {
	case async.IsNotFound(err):
		p.wait(name, ReasonInstalling, "gone since it was listed, to be installed again")
	case err != nil:
		p.callFailed(name, reason, classify(i, name, "UpdateAddon", err))
	default:
		st := p.status[name]
		st.LifecycleState = string(containerengine.AddonLifecycleStateUpdating)
		p.status[name] = st
		p.wait(name, reason, doing)
	}
}

// removed disables an add-on the status reports but the spec no longer declares, once it is not on its way; it
// stays in the status until it is gone.
func (p *pass) removed(ctx context.Context, name string) {
	s, ok := p.listed[name]
	if !ok || s.LifecycleState == containerengine.AddonLifecycleStateDeleted {
		return
	}
	p.status[name] = statusOf(s.LifecycleState, s.CurrentInstalledVersion, s.AddonError)
	switch s.LifecycleState {
	case containerengine.AddonLifecycleStateDeleting:
		p.wait(name, ReasonDisabling, "being disabled")
		return
	case containerengine.AddonLifecycleStateCreating, containerengine.AddonLifecycleStateUpdating:
		p.wait(name, ReasonDisabling, "to be disabled once no longer "+string(s.LifecycleState))
		return
	default:
	}
	err := disable(ctx, p.client, p.cluster, name)
	switch {
	case async.IsNotFound(err):
		delete(p.status, name)
	case err != nil:
		p.callFailed(name, ReasonDisabling, classify(-1, name, "DisableAddon", err))
	default:
		st := p.status[name]
		st.LifecycleState = string(containerengine.AddonLifecycleStateDeleting)
		p.status[name] = st
		p.wait(name, ReasonDisabling, "being disabled")
	}
}

// wait records an add-on on its way.
func (p *pass) wait(name, reason, doing string) {
	p.states = append(p.states, State{Name: name, Reason: reason, Message: doing})
	p.waiting = append(p.waiting, name+" "+doing)
}

// failed records a FAILED add-on: a terminal error, for a person to act on.
func (p *pass) failed(name string, e *containerengine.AddonError) {
	msg := "FAILED: " + errorMessage(e) + "; remove it from spec.addons to disable it, then declare it again"
	p.states = append(p.states, State{Name: name, Reason: ReasonFailed, Message: msg})
	p.fail(&async.Error{Class: async.Terminal, Reason: async.ReasonResourceFailed, Message: "add-on " + name + " is " + msg})
}

// callFailed records the failed call of an add-on: a terminal error fails it, another leaves it on its way
// (reason) until the next look.
func (p *pass) callFailed(name, reason string, e *async.Error) {
	if e.Class == async.Terminal {
		reason = ReasonFailed
	}
	p.states = append(p.states, State{Name: name, Reason: reason, Message: e.Message})
	p.fail(e)
}

func (p *pass) fail(err error) {
	if p.err == nil {
		p.err = err
	}
}

// result is the first error, else "not done" naming the add-ons on their way, else nil.
func (p *pass) result() error {
	if p.err != nil {
		return p.err
	}
	if len(p.waiting) == 0 {
		return nil
	}
	slices.Sort(p.waiting)
	return &async.NotDoneError{Key: Name, What: "waiting for " + strings.Join(p.waiting, ", "), RequeueAfter: async.Jitter(requeueAfter)}
}

// classify turns the error of op on an add-on into a classified error. OCI's 400 (a BASIC cluster, an unknown
// add-on or version, a bad configuration) is terminal, and its message names the add-on and the field of
// spec.addons[i] to check (i < 0 for an add-on the spec no longer declares).
func classify(i int, name, op string, err error) *async.Error {
	var se common.ServiceError
	if errors.As(err, &se) && se.GetHTTPStatusCode() == http.StatusBadRequest {
		check := "it is no longer in spec.addons"
		if i >= 0 {
			check = "check " + fieldOf(i, se.GetMessage())
		}
		return &async.Error{Class: async.Terminal, Reason: async.ReasonRequestRefused, Err: err, Message: fmt.Sprintf(
			"add-on %s: OCI refused %s: %s; %s", name, op, strings.TrimSuffix(se.GetMessage(), "."), check)}
	}
	var e *async.Error
	if !errors.As(async.Classify(fmt.Sprintf("%s of add-on %s", op, name), err), &e) {
		return &async.Error{Class: async.Transient, Reason: async.ReasonServiceError, Err: err, Message: err.Error()}
	}
	return e
}

// fieldOf is the field OCI's refusal of spec.addons[i] is about, as its message says.
func fieldOf(i int, msg string) string {
	at, m := fmt.Sprintf("spec.addons[%d]", i), strings.ToLower(msg)
	switch {
	case strings.Contains(m, "enhanced") || strings.Contains(m, "basic"):
		return at + " and spec.clusterType: add-ons need an ENHANCED_CLUSTER"
	case strings.Contains(m, "version"):
		return at + ".version"
	case strings.Contains(m, "configuration"):
		return at + ".configurations"
	case strings.Contains(m, "unknown") || strings.Contains(m, "name"):
		return at + ".name"
	default:
		return at
	}
}
