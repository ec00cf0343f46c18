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

// Package svc is what every OCI service package shares: the owner interface a scope implements for all of them,
// the engine built from it, the ownership tags, and the per-reconcile list snapshot that lets a drift check read
// a whole kind of resource with one call.
package svc

import (
	"fmt"
	"maps"
	"time"

	"github.com/oracle/cluster-api-provider-oci/cloud/async"
)

// The freeform tags that mark a resource as created by the provider for one cluster, as the earlier provider
// wrote them (so that the resources it created are found, adopted and deleted as ours).
const (
	TagCreatedBy         = "CreatedBy"
	TagCreatedByValue    = "OCIClusterAPIProvider"
	TagClusterResourceID = "ClusterResourceIdentifier"
)

// Owner is what every service needs of the object whose resources it reconciles; the scopes implement it.
type Owner interface {
	// CompartmentID is where the object's resources are created.
	CompartmentID() string
	// ResourceIdentifier is the object's stable identifier (spec.ociResourceIdentifier): the ownership tag's
	// value and part of every retry token.
	ResourceIdentifier() string
	// FreeformTags are the user's freeform tags.
	FreeformTags() map[string]string
	// DefinedTags are the user's defined tags.
	DefinedTags() map[string]map[string]any
	// Recorder returns the engine's recorder, with setID writing an OCID the engine learns where it belongs.
	Recorder(setID func(key, id string)) async.Recorder
	// Generation is the object's metadata.generation.
	Generation() int64
	// DriftInterval is the time between drift checks of a resource in place.
	DriftInterval() time.Duration
	// DriftDue reports whether the object's drift check is due: then every resource is looked at (in the
	// services' order, so that a resource replaced is in place before those that use it), whether or not its own
	// check is due.
	DriftDue() bool
	// DriftPassStart is when the object's drift check became due (zero: unknown, or a check every reconcile): a
	// resource found in place since then is not read again until the pass is over.
	DriftPassStart() time.Time
}

// Service is what every service is made of: its name in conditions and logs, the scope of the object whose
// resources it reconciles, and the client it calls OCI with. A service type embeds it for its Name.
type Service[S, C any] struct {
	// Scope is the object's scope.
	Scope S
	// Client is the part of an SDK client that the service calls.
	Client C
	name   string
}

// NewService returns the service called name of scope, calling OCI with client.
func NewService[S, C any](name string, scope S, client C) Service[S, C] {
	return Service[S, C]{Scope: scope, Client: client, name: name}
}

// Name is the service's name in conditions and logs.
func (s Service[S, C]) Name() string { return s.name }

// NewEngine returns the engine that runs client's resources for o.
func NewEngine[T any](o Owner, c async.Client[T], setID func(key, id string)) *async.Engine[T] {
	return &async.Engine[T]{Client: c, Recorder: o.Recorder(setID), Identifier: o.ResourceIdentifier(),
		Generation: o.Generation(), DriftInterval: o.DriftInterval(), DriftDue: o.DriftDue(), DriftSince: o.DriftPassStart()}
}

// Tags returns the freeform tags of a resource the provider creates for o: the user's and the ownership tags.
func Tags(o Owner) map[string]string {
	t := maps.Clone(o.FreeformTags())
	if t == nil {
		t = map[string]string{}
	}
	t[TagCreatedBy] = TagCreatedByValue
	t[TagClusterResourceID] = o.ResourceIdentifier()
	return t
}

// DefinedTags returns the defined tags of a resource the provider creates for o (nil when there are none).
func DefinedTags(o Owner) map[string]map[string]any {
	if len(o.DefinedTags()) == 0 {
		return nil
	}
	return o.DefinedTags()
}

// Owns reports whether a resource's freeform tags mark it as created by the provider for the object with the
// identifier.
func Owns(tags map[string]string, identifier string) bool {
	return identifier != "" && tags[TagCreatedBy] == TagCreatedByValue && tags[TagClusterResourceID] == identifier
}

// TagsDiffer reports whether a resource's tags lack any of the desired ones. Tags added by others (OCI's
// automatic tags, a person's) are left alone; only missing or changed desired tags count.
func TagsDiffer(have map[string]string, haveDefined map[string]map[string]any, want map[string]string,
	wantDefined map[string]map[string]any) bool {
	for k, v := range want {
		if have[k] != v {
			return true
		}
	}
	for ns, kv := range wantDefined {
		for k, v := range kv {
			if hv, ok := haveDefined[ns][k]; !ok || hv != v {
				return true
			}
		}
	}
	return false
}

// MergeTags returns have with want laid over it: an update puts the desired tags back and keeps the others.
func MergeTags(have, want map[string]string) map[string]string {
	out := maps.Clone(have)
	if out == nil {
		out = map[string]string{}
	}
	maps.Copy(out, want)
	return out
}

// MergeDefinedTags returns have with want laid over it, namespace by namespace (nil when both are empty).
func MergeDefinedTags(have, want map[string]map[string]any) map[string]map[string]any {
	if len(have) == 0 && len(want) == 0 {
		return nil
	}
	out := make(map[string]map[string]any, len(have)+len(want))
	for ns, kv := range have {
		out[ns] = maps.Clone(kv)
	}
	for ns, kv := range want {
		if out[ns] == nil {
			out[ns] = map[string]any{}
		}
		maps.Copy(out[ns], kv)
	}
	return out
}

// PhaseOf maps an OCI lifecycle state to the engine's phase. OCI's resources share these state names:
// PROVISIONING, CREATING, UPDATING, TERMINATING, DELETING and ATTACHING/DETACHING are on the way; TERMINATED,
// DELETED and DETACHED are gone; FAILED is failed; everything else (AVAILABLE, ACTIVE, ATTACHED, ...) is ready.
func PhaseOf(state string) async.Phase {
	switch state {
	case "PROVISIONING", "CREATING", "UPDATING", "TERMINATING", "DELETING", "ATTACHING", "DETACHING", "STARTING", "STOPPING":
		return async.Transitioning
	case "TERMINATED", "DELETED", "DETACHED":
		return async.Gone
	case "FAILED":
		return async.Failed
	default:
		return async.Ready
	}
}

// Body returns a request body the engine passes as any (from a spec's CreateDetails or UpdateDetails) as the type
// the SDK call of op takes; another type is a programming error, returned as an error rather than a panic.
func Body[T any](op string, details any) (T, error) {
	d, ok := details.(T)
	if !ok {
		var want T
		return want, fmt.Errorf("%s: the request body is a %T, not a %T", op, details, want)
	}
	return d, nil
}

// EngineOf returns the engine that runs kind's resources for o (see NewAdapter and NewEngine).
func EngineOf[T, C, U any](o Owner, kind Kind[T, C, U], setID func(key, id string)) *async.Engine[T] {
	return NewEngine(o, NewAdapter(kind, o.ResourceIdentifier()), setID)
}
