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

package svc

import "k8s.io/utils/ptr"

// Desired is what the desired state of every resource holds: its key among the object's resources, its recorded
// OCID and its display name, and the compartment and tags it is created with. A spec embeds it for its Key, OCID
// and Name.
type Desired struct {
	key, id, name string
	// Compartment is the OCID of the compartment the resource is created in.
	Compartment string
	// Tags are the resource's freeform tags: the user's and the ownership tags.
	Tags map[string]string
	// Defined are the resource's defined tags, nil when there are none.
	Defined map[string]map[string]any
}

// NewDesired returns the desired state of o's resource with key, recorded OCID id (or "") and display name.
func NewDesired(o Owner, key, id, name string) Desired {
	return Desired{key: key, id: id, name: name, Compartment: o.CompartmentID(), Tags: Tags(o), Defined: DefinedTags(o)}
}

// Key names the resource among the object's resources.
func (d *Desired) Key() string { return d.key }

// OCID is the recorded ID of the resource, "" before it is created or found.
func (d *Desired) OCID() string { return d.id }

// Name is the resource's display name, by which it is found when no OCID is recorded.
func (d *Desired) Name() string { return d.name }

// NameAndTagsMatch reports whether a resource has the desired display name and carries the desired tags (tags of
// others do not count).
func (d *Desired) NameAndTagsMatch(name *string, tags map[string]string, defined map[string]map[string]any) bool {
	return ptr.Deref(name, "") == d.name && !TagsDiffer(tags, defined, d.Tags, d.Defined)
}

// MergedTags returns a resource's freeform and defined tags with the desired ones laid over them: what an update
// sends to put the desired tags back and keep the others.
func (d *Desired) MergedTags(tags map[string]string, defined map[string]map[string]any) (map[string]string, map[string]map[string]any) {
	return MergeTags(tags, d.Tags), MergeDefinedTags(defined, d.Defined)
}
