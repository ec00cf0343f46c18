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

// Package specfields walks a spec type's fields for the tests that set each field in turn and check that it
// reaches an OCI request: a field added to the API and not mapped fails them. It imports no provider package, so
// that a package's internal tests may use it.
package specfields

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
)

// jsonType is the type of extended metadata values, a leaf although a struct.
var jsonType = reflect.TypeFor[apiextensionsv1.JSON]()

// Leaf is a leaf field of a spec type: its JSON path and how to reach it (struct field indexes; -1 steps into the
// first element of a slice or the value of key "k" of a map).
type Leaf struct {
	Path  string
	Steps []int
}

// Fields walks the struct type t for the tests that set each field of a spec in turn and check that it reaches
// the request: every leaf, and every path (of leaves and of the structs, slices and maps above them). A slice's
// elements are "[]" in paths, a map's values "{}".
func Fields(t reflect.Type) (leaves []Leaf, paths map[string]bool) {
	paths = map[string]bool{}
	walkFields(t, "", nil, paths, &leaves)
	return leaves, paths
}

func walkFields(t reflect.Type, path string, steps []int, paths map[string]bool, leaves *[]Leaf) {
	if path != "" {
		paths[path] = true
	}
	isStruct := func(t reflect.Type) bool { return t.Kind() == reflect.Struct && t != jsonType }
	switch {
	case isStruct(t):
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			walkFields(t.Field(i).Type, strings.TrimPrefix(path+"."+name, "."), append(slices.Clone(steps), i), paths, leaves)
		}
	case t.Kind() == reflect.Pointer && isStruct(t.Elem()):
		walkFields(t.Elem(), path, steps, paths, leaves)
	case (t.Kind() == reflect.Slice || t.Kind() == reflect.Map) && isStruct(t.Elem()):
		suffix := map[reflect.Kind]string{reflect.Slice: "[]", reflect.Map: "{}"}[t.Kind()]
		walkFields(t.Elem(), path+suffix, append(slices.Clone(steps), -1), paths, leaves)
	default:
		*leaves = append(*leaves, Leaf{Path: path, Steps: steps})
	}
}

// Reach goes down steps from v (addressable), allocating what is nil or empty on the way, and calls set on the
// field it reaches.
func Reach(v reflect.Value, steps []int, set func(reflect.Value)) {
	if len(steps) == 0 {
		set(v)
		return
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		Reach(v.Elem(), steps, set)
		return
	}
	switch v.Kind() {
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		Reach(v.Index(0), steps[1:], set)
	case reflect.Map:
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		key := reflect.ValueOf("k")
		elem := reflect.New(v.Type().Elem()).Elem()
		if old := v.MapIndex(key); old.IsValid() {
			elem.Set(old)
		}
		Reach(elem, steps[1:], set)
		v.SetMapIndex(key, elem)
	default:
		Reach(v.Field(steps[0]), steps[1:], set)
	}
}

// SetValue sets v, the leaf at path, to a valid non-zero value: values' for path, or one its type makes up.
func SetValue(t testing.TB, path string, v reflect.Value, values map[string]string) {
	t.Helper()
	if s, ok := values[path]; ok && v.Kind() == reflect.String {
		v.SetString(s)
		return
	}
	switch {
	case v.Type() == jsonType:
		v.Set(reflect.ValueOf(apiextensionsv1.JSON{Raw: []byte(`{"x":1}`)}))
	case v.Kind() == reflect.String:
		v.SetString("set")
	case v.Kind() == reflect.Bool:
		v.SetBool(true)
	case v.CanInt():
		v.SetInt(7)
	case v.Kind() == reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		SetValue(t, path, v.Elem(), values)
	case v.Kind() == reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		SetValue(t, path, v.Index(0), values)
	case v.Kind() == reflect.Map:
		elem := reflect.New(v.Type().Elem()).Elem()
		SetValue(t, path, elem, values)
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf("k"), elem)
	default:
		t.Fatalf("%s: no test value for a %s; add one to SetValue or the test's leaf values", path, v.Type())
	}
}
