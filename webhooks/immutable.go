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

package webhooks

import (
	"context"
	"reflect"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/cluster-api/util/topology"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// The update rules shared by every kind: immutable values, write-once IDs and immutable templates.

// immutable refuses any change of a value that OCI cannot change in place. Values are compared, never pointers.
func immutable[T comparable](path *field.Path, oldValue, newValue T) field.ErrorList {
	if oldValue == newValue {
		return nil
	}
	return field.ErrorList{field.Invalid(path, newValue, "field is immutable")}
}

// immutableDeep refuses any change of a structured value (a list or a struct), compared semantically.
func immutableDeep(path *field.Path, oldValue, newValue any) field.ErrorList {
	if equality.Semantic.DeepEqual(oldValue, newValue) {
		return nil
	}
	return field.ErrorList{field.Forbidden(path, "field is immutable")}
}

// writeOnce lets an empty value be filled (by the controller that discovered or created the resource, or by a
// user bringing their own) and refuses a change or the removal of a value once set.
func writeOnce(path *field.Path, oldValue, newValue string) field.ErrorList {
	if oldValue == "" || oldValue == newValue {
		return nil
	}
	if newValue == "" {
		return field.ErrorList{field.Forbidden(path, "cannot be removed once set (was "+oldValue+")")}
	}
	return field.ErrorList{field.Invalid(path, newValue, "cannot be changed once set (was "+oldValue+")")}
}

// immutableStruct compares two structs of the same type field by field and reports each top-level field that
// differs, with its JSON name in the path. Fields named in except (by JSON name) are skipped.
func immutableStruct(path *field.Path, oldValue, newValue any, except ...string) field.ErrorList {
	ov, nv := reflect.ValueOf(oldValue), reflect.ValueOf(newValue)
	if ov.Kind() == reflect.Pointer {
		ov, nv = ov.Elem(), nv.Elem()
	}
	var errs field.ErrorList
	t := ov.Type()
	for i := range t.NumField() {
		name := jsonName(t.Field(i))
		if name == "" || slices.Contains(except, name) {
			continue
		}
		if !equality.Semantic.DeepEqual(ov.Field(i).Interface(), nv.Field(i).Interface()) {
			errs = append(errs, field.Forbidden(path.Child(name), "field is immutable"))
		}
	}
	return errs
}

// jsonName returns the JSON name of a struct field, or "" when the field is not serialized.
func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

// immutableTemplate refuses changes to a template's spec.template.spec, except in Cluster API's server-side dry
// runs for ClusterClass (topology.IsDryRunRequest), which must be allowed through.
func immutableTemplate(ctx context.Context, obj metav1.Object, oldSpec, newSpec any) field.ErrorList {
	if req, err := admission.RequestFromContext(ctx); err == nil && topology.IsDryRunRequest(req, obj) {
		return nil
	}
	return immutableStruct(field.NewPath("spec", "template", "spec"), oldSpec, newSpec)
}
