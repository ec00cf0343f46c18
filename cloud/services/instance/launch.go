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

package instance

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/utils/ptr"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
)

// Launch is what a launch needs besides the OCIMachine's spec: what the machine scope resolved from the cluster.
type Launch struct {
	// Spec is the OCIMachine's spec; LaunchDetails only reads it.
	Spec *infrav1.OCIMachineSpec
	// Name is the instance's display name (the OCIMachine's name).
	Name string
	// Compartment is the resolved compartment (spec.compartmentId or the cluster's).
	Compartment string
	// AvailabilityDomain is the availability domain to launch in.
	AvailabilityDomain string
	// FaultDomain is the fault domain to launch in; "" lets OCI choose.
	FaultDomain string
	// SubnetID is the primary VNIC's subnet, resolved from networkDetails.subnetId / subnetName / the machine's role.
	SubnetID string
	// NSGIDs are the primary VNIC's network security groups, resolved from networkDetails.nsgIds / nsgId /
	// nsgNames / the machine's role.
	NSGIDs []string
	// UserData is the bootstrap data, raw; LaunchDetails base64-encodes it into metadata["user_data"].
	UserData []byte
	// Tags are the freeform tags, already merged by the caller.
	Tags map[string]string
	// DefinedTags are the defined tags, already merged by the caller (nil when none).
	DefinedTags map[string]map[string]any
}

// MaxMetadataBytes is OCI's limit on an instance's metadata and extended metadata together (32,000 bytes).
const MaxMetadataBytes = 32000

// userDataKey is the metadata key cloud-init reads the base64 bootstrap data from.
const userDataKey = "user_data"

// TooLargeError says the metadata (with the base64 bootstrap data) is over MaxMetadataBytes. LaunchDetails
// returns it as a *TooLargeError.
type TooLargeError struct {
	// Size is the size of the metadata and extended metadata together, in bytes: every key and value, extended
	// metadata values in their JSON encoding.
	Size int
}

// Error names what counts towards the limit and both numbers.
func (e *TooLargeError) Error() string {
	return fmt.Sprintf("spec.metadata, spec.extendedMetadata and the base64 bootstrap data (metadata[%q]) are "+
		"%d bytes together, over OCI's limit of %d bytes", userDataKey, e.Size, MaxMetadataBytes)
}

// LaunchDetails builds the LaunchInstanceDetails of l. Bad values (an ocpus that is not a number, an unknown enum
// value) give an error naming the spec field path, e.g. `spec.shapeConfig.ocpus: "abc" is not a number`; metadata
// over MaxMetadataBytes gives a *TooLargeError. It does no I/O.
func LaunchDetails(l Launch) (core.LaunchInstanceDetails, error) {
	spec := l.Spec
	if spec == nil {
		spec = &infrav1.OCIMachineSpec{}
	}
	metadata, extended, err := launchMetadata(spec, l.UserData)
	if err != nil {
		return core.LaunchInstanceDetails{}, err
	}
	source, err := sourceDetails(spec)
	if err != nil {
		return core.LaunchInstanceDetails{}, err
	}
	shape, err := shapeConfig(spec.ShapeConfig)
	if err != nil {
		return core.LaunchInstanceDetails{}, err
	}
	d := core.LaunchInstanceDetails{
		DisplayName:                    ptr.To(l.Name),
		CompartmentId:                  ptr.To(l.Compartment),
		AvailabilityDomain:             ptr.To(l.AvailabilityDomain),
		FaultDomain:                    optional(l.FaultDomain),
		Shape:                          ptr.To(spec.Shape),
		ShapeConfig:                    shape,
		SourceDetails:                  source,
		CreateVnicDetails:              vnicDetails(l, spec.NetworkDetails),
		Metadata:                       metadata,
		ExtendedMetadata:               extended,
		FreeformTags:                   l.Tags,
		DefinedTags:                    l.DefinedTags,
		IsPvEncryptionInTransitEnabled: orFalse(spec.IsPvEncryptionInTransitEnabled),
		CapacityReservationId:          optional(spec.CapacityReservationID),
		ComputeClusterId:               optional(spec.ComputeClusterID),
		DedicatedVmHostId:              optional(spec.DedicatedVMHostID),
		IpxeScript:                     optional(spec.IPXEScript),
		InstanceOptions:                instanceOptions(spec.InstanceOptions),
	}
	if err := setOptions(&d, spec); err != nil {
		return core.LaunchInstanceDetails{}, err
	}
	return d, nil
}

// setOptions sets the parts of d that have enums to check: agent, launch, availability, preemption and platform
// settings and the volumes attached at launch.
func setOptions(d *core.LaunchInstanceDetails, spec *infrav1.OCIMachineSpec) error {
	var err error
	if d.AgentConfig, err = agentConfig(spec.AgentConfig); err != nil {
		return err
	}
	if d.LaunchOptions, err = launchOptions(spec.LaunchOptions); err != nil {
		return err
	}
	if d.AvailabilityConfig, err = availabilityConfig(spec.AvailabilityConfig); err != nil {
		return err
	}
	d.PreemptibleInstanceConfig = preemptibleConfig(spec.PreemptibleInstanceConfig)
	if d.PlatformConfig, err = platformConfig(spec.PlatformConfig); err != nil {
		return err
	}
	d.LaunchVolumeAttachments, err = launchVolumeAttachments(spec.LaunchVolumeAttachments)
	return err
}

// launchMetadata returns spec.metadata with the base64 user data added under user_data (when there is user data)
// and spec.extendedMetadata decoded, after checking their size against MaxMetadataBytes.
func launchMetadata(spec *infrav1.OCIMachineSpec, userData []byte) (map[string]string, map[string]any, error) {
	var metadata map[string]string
	if len(spec.Metadata) > 0 || len(userData) > 0 {
		metadata = make(map[string]string, len(spec.Metadata)+1)
		for k, v := range spec.Metadata {
			metadata[k] = v
		}
	}
	if len(userData) > 0 {
		metadata[userDataKey] = base64.StdEncoding.EncodeToString(userData)
	}
	extended, err := extendedMetadata(spec.ExtendedMetadata)
	if err != nil {
		return nil, nil, err
	}
	size, err := metadataSize(metadata, extended)
	if err != nil {
		return nil, nil, err
	}
	if size > MaxMetadataBytes {
		return nil, nil, &TooLargeError{Size: size}
	}
	return metadata, extended, nil
}

// metadataSize is the size OCI's limit applies to: the bytes of every key and value of metadata, and of every key
// and JSON-encoded value of extended.
func metadataSize(metadata map[string]string, extended map[string]any) (int, error) {
	size := 0
	for k, v := range metadata {
		size += len(k) + len(v)
	}
	for k, v := range extended {
		raw, err := json.Marshal(v)
		if err != nil {
			return 0, fmt.Errorf("spec.extendedMetadata[%s]: encoding the value: %w", k, err)
		}
		size += len(k) + len(raw)
	}
	return size, nil
}

// extendedMetadata decodes the JSON values of spec.extendedMetadata; an empty value is a JSON null.
func extendedMetadata(in map[string]apiextensionsv1.JSON) (map[string]any, error) {
	if len(in) == 0 {
		return nil, nil
	}
	out := make(map[string]any, len(in))
	for k, v := range in {
		if len(v.Raw) == 0 {
			out[k] = nil
			continue
		}
		var value any
		if err := json.Unmarshal(v.Raw, &value); err != nil {
			return nil, fmt.Errorf("spec.extendedMetadata[%s]: not valid JSON: %w", k, err)
		}
		out[k] = value
	}
	return out, nil
}

// sourceDetails boots the instance from spec.imageId, with the boot volume's size, performance and key.
func sourceDetails(spec *infrav1.OCIMachineSpec) (core.InstanceSourceViaImageDetails, error) {
	source := core.InstanceSourceViaImageDetails{ImageId: ptr.To(spec.ImageID)}
	if spec.BootVolumeSizeInGBs != "" {
		// A float ("50.0") is accepted and truncated, as the v1beta2 provider did.
		size, err := parseNumber("spec.bootVolumeSizeInGBs", spec.BootVolumeSizeInGBs, 64)
		if err != nil {
			return source, err
		}
		if size < math.MinInt64 || size >= math.MaxInt64 {
			return source, fmt.Errorf("spec.bootVolumeSizeInGBs: %q is out of range", spec.BootVolumeSizeInGBs)
		}
		source.BootVolumeSizeInGBs = ptr.To(int64(size))
	}
	if c := spec.InstanceSourceViaImageConfig; c != nil {
		source.KmsKeyId = optional(c.KMSKeyID)
		source.BootVolumeVpusPerGB = c.BootVolumeVpusPerGB
	}
	return source, nil
}

// shapeConfig is the flexible shape configuration, nil when no field of it is set: the compute API rejects an
// empty one for fixed shapes.
func shapeConfig(s *infrav1.ShapeConfig) (*core.LaunchInstanceShapeConfigDetails, error) {
	if s == nil || *s == (infrav1.ShapeConfig{}) {
		return nil, nil
	}
	c := &core.LaunchInstanceShapeConfigDetails{Nvmes: s.Nvmes}
	var err error
	if c.Ocpus, err = parseFloat32("spec.shapeConfig.ocpus", s.OCPUs); err != nil {
		return nil, err
	}
	if c.MemoryInGBs, err = parseFloat32("spec.shapeConfig.memoryInGBs", s.MemoryInGBs); err != nil {
		return nil, err
	}
	c.BaselineOcpuUtilization, err = enumValue("spec.shapeConfig.baselineOcpuUtilization", s.BaselineOcpuUtilization,
		core.GetMappingLaunchInstanceShapeConfigDetailsBaselineOcpuUtilizationEnum,
		core.GetLaunchInstanceShapeConfigDetailsBaselineOcpuUtilizationEnumStringValues)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// vnicDetails is the primary VNIC: the resolved subnet and NSGs, networkDetails, and the instance's tags. The
// public and IPv6 address choices are always sent, false when unset, as the v1beta2 provider sent them.
func vnicDetails(l Launch, n *infrav1.NetworkDetails) *core.CreateVnicDetails {
	if n == nil {
		n = &infrav1.NetworkDetails{}
	}
	return &core.CreateVnicDetails{
		SubnetId:               optional(l.SubnetID),
		NsgIds:                 l.NSGIDs,
		AssignPublicIp:         orFalse(n.AssignPublicIP),
		AssignIpv6Ip:           orFalse(n.AssignIPv6IP),
		AssignPrivateDnsRecord: n.AssignPrivateDNSRecord,
		HostnameLabel:          optional(n.HostnameLabel),
		SkipSourceDestCheck:    n.SkipSourceDestCheck,
		DisplayName:            optional(n.DisplayName),
		FreeformTags:           l.Tags,
		DefinedTags:            l.DefinedTags,
	}
}

// parseFloat32 parses an optional number of a float32 field; "" is nil.
func parseFloat32(path, s string) (*float32, error) {
	if s == "" {
		return nil, nil
	}
	f, err := parseNumber(path, s, 32)
	if err != nil {
		return nil, err
	}
	return ptr.To(float32(f)), nil
}

// parseNumber parses s as a finite number of bitSize bits, with an error naming path.
func parseNumber(path, s string, bitSize int) (float64, error) {
	f, err := strconv.ParseFloat(s, bitSize)
	if err != nil {
		var numErr *strconv.NumError
		if errors.As(err, &numErr) {
			err = numErr.Err
		}
		return 0, fmt.Errorf("%s: %q is not a number: %w", path, s, err)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%s: %q is not a finite number", path, s)
	}
	return f, nil
}

// enumValue maps value to the SDK enum with mapping (which ignores case), with an error naming path and the
// allowed values when it is not one of them; "" is the unset enum.
func enumValue[E ~string](path, value string, mapping func(string) (E, bool), allowed func() []string) (E, error) {
	if value == "" {
		return "", nil
	}
	e, ok := mapping(value)
	if !ok {
		return "", fmt.Errorf("%s: %q is not one of %s", path, value, strings.Join(allowed(), ", "))
	}
	return e, nil
}

// optional is &s, or nil when s is empty.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// orFalse is b, or a pointer to false when b is nil: for the fields the v1beta2 provider always sent.
func orFalse(b *bool) *bool {
	if b == nil {
		return ptr.To(false)
	}
	return b
}
