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

	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// The rules every template follows: nothing is defaulted in it, its spec.template.spec is validated as the object's
// spec would be, and it is immutable except in Cluster API's server-side dry runs.

// templateSpecPath is where a template holds the spec of the objects made from it.
var templateSpecPath = field.NewPath("spec", "template", "spec")

// validateTemplateUpdate validates the new spec and refuses any change from the old one.
func validateTemplateUpdate[S any](ctx context.Context, newObj client.Object, oldSpec, newSpec *S,
	validate func(*field.Path, *S) field.ErrorList,
) error {
	errs := validate(templateSpecPath, newSpec)
	errs = append(errs, immutableTemplate(ctx, newObj, oldSpec, newSpec)...)
	return invalid(gkOf(newObj), newObj.GetName(), errs)
}
