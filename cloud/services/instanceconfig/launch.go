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

package instanceconfig

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/oracle/oci-go-sdk/v65/core"

	infrav1 "github.com/oracle/cluster-api-provider-oci/api/v1beta3"
	"github.com/oracle/cluster-api-provider-oci/cloud/async"
	"github.com/oracle/cluster-api-provider-oci/cloud/services/instance"
	infrav1exp "github.com/oracle/cluster-api-provider-oci/exp/api/v1beta3"
)

// nameHashLength is how many hex characters of the hash of its launch details a configuration's name ends with.
const nameHashLength = 10

// Name is the display name of pool's instance configuration whose launch details have hash (see Hash):
// "<pool>-<the first 10 characters of hash>", as the earlier provider named them.
func Name(pool, hash string) string {
	return pool + "-" + hash[:min(nameHashLength, len(hash))]
}

// Hash is the hash of launch details: the hex SHA-256 of their JSON, in which maps are ordered by key, so that
// the same details always hash the same.
func Hash(d *core.InstanceConfigurationLaunchInstanceDetails) (string, error) {
	raw, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("encoding the launch details: %w", err)
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:]), nil
}

// isPoolConfiguration reports whether name is one the provider gives pool's configurations: "<pool>-" and a hex
// suffix, the first 10 characters of a hash (the earlier provider's suffixes were hashes too, and before them
// the pool's resourceVersion, digits). A name with another dash after the pool's is another pool's ("<pool>-a").
func isPoolConfiguration(name, pool string) bool {
	suffix, ok := strings.CutPrefix(name, pool+"-")
	if !ok || suffix == "" {
		return false
	}
	return strings.Trim(suffix, "0123456789abcdef") == ""
}

// launch is what the launch details of a pool's instances are made of.
type launch struct {
	config            *infrav1exp.InstanceConfiguration
	pool, compartment string
	subnetID          string
	nsgIDs            []string
	userData          []byte
	tags              map[string]string
	definedTags       map[string]map[string]any
}

// machineSpec is the OCIMachine spec that declares the same instance as the pool's instance configuration c, so
// that the launch details are built by instance.LaunchDetails, as an OCIMachine's are. The VNIC's subnet and
// NSGs come resolved from the scope, not from it.
func machineSpec(c *infrav1exp.InstanceConfiguration) *infrav1.OCIMachineSpec {
	m := &infrav1.OCIMachineSpec{
		Shape:                          c.Shape,
		ShapeConfig:                    c.ShapeConfig,
		Metadata:                       c.Metadata,
		ExtendedMetadata:               c.ExtendedMetadata,
		AgentConfig:                    c.AgentConfig,
		LaunchOptions:                  c.LaunchOptions,
		InstanceOptions:                c.InstanceOptions,
		AvailabilityConfig:             c.AvailabilityConfig,
		PreemptibleInstanceConfig:      c.PreemptibleInstanceConfig,
		PlatformConfig:                 c.PlatformConfig,
		IsPvEncryptionInTransitEnabled: c.IsPvEncryptionInTransitEnabled,
		CapacityReservationID:          c.CapacityReservationID,
		DedicatedVMHostID:              c.DedicatedVMHostID,
		NetworkDetails:                 c.InstanceVnicConfiguration,
	}
	if src := c.InstanceSourceViaImageConfig; src != nil {
		m.ImageID = src.ImageID
		if src.BootVolumeSizeInGBs != nil {
			m.BootVolumeSizeInGBs = strconv.FormatInt(*src.BootVolumeSizeInGBs, 10)
		}
		if src.BootVolumeVpusPerGB != nil || src.KMSKeyID != "" {
			m.InstanceSourceViaImageConfig = &infrav1.InstanceSourceViaImageConfig{
				BootVolumeVpusPerGB: src.BootVolumeVpusPerGB, KMSKeyID: src.KMSKeyID}
		}
	}
	return m
}

// launchDetails builds the launch details of l's instances with instance.LaunchDetails and turns them into an
// instance configuration's, without an availability or a fault domain (the pool's placements give them).
func launchDetails(l launch) (core.InstanceConfigurationLaunchInstanceDetails, error) {
	var out core.InstanceConfigurationLaunchInstanceDetails
	if err := required(l.config); err != nil {
		return out, err
	}
	d, err := instance.LaunchDetails(instance.Launch{Spec: machineSpec(l.config), Name: l.pool, Compartment: l.compartment,
		SubnetID: l.subnetID, NSGIDs: l.nsgIDs, UserData: l.userData, Tags: l.tags, DefinedTags: l.definedTags})
	if err != nil {
		return out, fieldError(err)
	}
	d.AvailabilityDomain, d.FaultDomain = nil, nil
	// The two SDK types share their JSON: the polymorphic source and platform configurations are written with
	// their discriminators and read back as the instance configuration's variants.
	raw, err := json.Marshal(d)
	if err != nil {
		return out, fmt.Errorf("encoding the launch details: %w", err)
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return out, fmt.Errorf("decoding the launch details as an instance configuration's: %w", err)
	}
	if len(out.LicensingConfigs) == 0 {
		// Read back from null as an empty list, which would be sent.
		out.LicensingConfigs = nil
	}
	return out, nil
}

// required checks the fields without which no instance can be launched.
func required(c *infrav1exp.InstanceConfiguration) error {
	switch {
	case c == nil:
		return invalid(errors.New("spec.instanceConfiguration is not set: declare the pool's instances"))
	case c.Shape == "":
		return invalid(errors.New("spec.instanceConfiguration.shape is empty: name the compute shape of the pool's instances"))
	case c.InstanceSourceViaImageConfig == nil || c.InstanceSourceViaImageConfig.ImageID == "":
		return invalid(errors.New("spec.instanceConfiguration.instanceSourceViaImageConfig.imageId is empty: " +
			"give the OCID of the image the pool's instances boot from"))
	}
	return nil
}

// poolPaths turns the field paths of instance.LaunchDetails's errors, an OCIMachine's, into the pool's.
var poolPaths = strings.NewReplacer(
	"spec.bootVolumeSizeInGBs", "spec.instanceConfiguration.instanceSourceViaImageConfig.bootVolumeSizeInGBs",
	"spec.", "spec.instanceConfiguration.")

// fieldError is the terminal error of a pool spec that instance.LaunchDetails refused, naming the pool's field.
func fieldError(err error) error {
	reason := infrav1.ReconcileFailedReason
	var tl *instance.TooLargeError
	if errors.As(err, &tl) {
		reason = infrav1.BootstrapDataTooLargeReason
	}
	return &async.Error{Class: async.Terminal, Reason: reason, Message: poolPaths.Replace(err.Error()), Err: err}
}

// invalid is the terminal error of a pool spec that cannot be turned into an instance configuration.
func invalid(err error) error {
	return &async.Error{Class: async.Terminal, Reason: infrav1.ReconcileFailedReason, Message: err.Error(), Err: err}
}
