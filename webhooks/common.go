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
	"net/url"
	"reflect"

	"github.com/google/uuid"
	"golang.org/x/crypto/ssh"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
	clusterv1 "sigs.k8s.io/cluster-api/api/core/v1beta2"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// Checks shared by OCICluster and OCIManagedCluster and their templates.

const (
	// DefaultAPIServerPort is the port of the Kubernetes API server behind the load balancer.
	DefaultAPIServerPort = 6443
	// identityKind is the only kind an identityRef may point to.
	identityKind = "OCIClusterIdentity"
)

// defaultResourceIdentifier sets a new UUID when the stable identifier is empty. It is called only for OCICluster
// and OCIManagedCluster objects, never for their templates.
func defaultResourceIdentifier(id *string) {
	if *id == "" {
		*id = uuid.NewString()
	}
}

// validateResourceIdentifier checks that a non-empty stable identifier is a UUID.
func validateResourceIdentifier(path *field.Path, id string) field.ErrorList {
	if id == "" {
		return nil
	}
	if _, err := uuid.Parse(id); err != nil {
		return field.ErrorList{field.Invalid(path, id, "must be a UUID")}
	}
	return nil
}

// noResourceIdentifierInTemplate refuses a stable identifier in a template: every cluster made from the template
// would share it, and with it the ownership of each other's OCI resources.
func noResourceIdentifierInTemplate(path *field.Path, id string) field.ErrorList {
	if id == "" {
		return nil
	}
	return field.ErrorList{field.Forbidden(path, "must not be set in a template: every cluster made from it would share it")}
}

// validateIdentityRef checks the reference to an OCIClusterIdentity.
func validateIdentityRef(path *field.Path, ref *corev1.ObjectReference) field.ErrorList {
	if ref == nil {
		return nil
	}
	var errs field.ErrorList
	if ref.Kind != identityKind {
		errs = append(errs, field.NotSupported(path.Child("kind"), ref.Kind, []string{identityKind}))
	}
	if ref.Name == "" {
		errs = append(errs, field.Required(path.Child("name"), "the name of the OCIClusterIdentity is required"))
	}
	if ref.Namespace != "" {
		errs = append(errs, validateNamespaceName(path.Child("namespace"), ref.Namespace)...)
	}
	return errs
}

// validateEndpoint checks the control plane endpoint's host length and port range.
func validateEndpoint(path *field.Path, e clusterv1.APIEndpoint) field.ErrorList {
	var errs field.ErrorList
	if len(e.Host) > 512 {
		errs = append(errs, field.TooLong(path.Child("host"), "", 512))
	}
	if e.Port < 0 || e.Port > 65535 {
		errs = append(errs, field.Invalid(path.Child("port"), e.Port, "must be from 1 to 65535"))
	}
	return errs
}

// validateEndpointUpdate lets the controller fill the endpoint once; after that host and port are fixed.
func validateEndpointUpdate(path *field.Path, oldE, newE clusterv1.APIEndpoint) field.ErrorList {
	errs := writeOnce(path.Child("host"), oldE.Host, newE.Host)
	if oldE.Host != "" {
		errs = append(errs, immutable(path.Child("port"), oldE.Port, newE.Port)...)
	}
	return errs
}

// validateAvailabilityDomains checks the fault domain names of each availability domain.
func validateAvailabilityDomains(path *field.Path, ads map[string]infrav1.OCIAvailabilityDomain) field.ErrorList {
	var errs field.ErrorList
	for name, ad := range ads {
		for i, fd := range ad.FaultDomains {
			if !faultDomainPattern.MatchString(fd) {
				errs = append(errs, field.Invalid(path.Key(name).Child("faultDomains").Index(i), fd,
					"must be a fault domain name FAULT-DOMAIN-1, -2 or -3"))
			}
		}
	}
	return errs
}

// validateClientOverrides checks that every endpoint override is an absolute http or https URL.
func validateClientOverrides(path *field.Path, o *infrav1.ClientOverrides) field.ErrorList {
	if o == nil {
		return nil
	}
	var errs field.ErrorList
	v, t := reflect.ValueOf(*o), reflect.TypeFor[infrav1.ClientOverrides]()
	for i := range t.NumField() {
		s, ok := v.Field(i).Interface().(string)
		if !ok || s == "" {
			continue
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, field.Invalid(path.Child(jsonName(t.Field(i))), s, "must be an absolute http or https URL"))
		}
	}
	return errs
}

// validateTags checks the number and length of free-form and defined tags against OCI's limits.
func validateTags(path *field.Path, freeform map[string]string, defined map[string]map[string]string) field.ErrorList {
	var errs field.ErrorList
	for k, v := range freeform {
		if len(k) > 100 {
			errs = append(errs, field.TooLong(path.Child("freeformTags").Key(k), "", 100))
		}
		if len(v) > 256 {
			errs = append(errs, field.TooLong(path.Child("freeformTags").Key(k), "", 256))
		}
	}
	for ns, tags := range defined {
		for k, v := range tags {
			if len(v) > 256 {
				errs = append(errs, field.TooLong(path.Child("definedTags").Key(ns).Key(k), "", 256))
			}
		}
	}
	return errs
}

// sshKeyWarnings warns about an SSH public key that does not parse in authorized_keys format. It is not refused:
// the earlier provider passes such keys to OCI as they are, and OCI's own answer, if it refuses the key, reaches the
// user in a condition of the object.
func sshKeyWarnings(path *field.Path, key string) admission.Warnings {
	if key == "" {
		return nil
	}
	if _, _, _, _, err := ssh.ParseAuthorizedKey([]byte(key)); err != nil {
		return admission.Warnings{path.String() + " does not parse as an SSH public key in authorized_keys format " +
			"(such as \"ssh-ed25519 AAAA... user@host\"); it is passed to OCI as written"}
	}
	return nil
}

// isZero reports whether v points to (or is) a value with no field set.
func isZero(v any) bool {
	r := reflect.ValueOf(v)
	if r.Kind() == reflect.Pointer {
		if r.IsNil() {
			return true
		}
		r = r.Elem()
	}
	return r.IsZero()
}
