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

// Command crdref writes the book's API reference from the provider's CRDs, for `make generate`:
//
//	crdref [-crds config/crd/bases] [-out docs/book/src/reference/api]
//
// It owns the output directory: a Markdown file there that it did not write this time (a kind or version that
// went away) is removed. Files whose content is unchanged are not rewritten.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/oracle/cluster-api-provider-oci/hack/crdref"
)

func main() {
	crds := flag.String("crds", "config/crd/bases", "directory of the CRDs")
	out := flag.String("out", "docs/book/src/reference/api", "directory of the generated reference")
	flag.Parse()
	if err := run(*crds, *out); err != nil {
		fmt.Fprintln(os.Stderr, "crdref:", err)
		os.Exit(1)
	}
}

func run(crdDir, outDir string) error {
	crds, err := crdref.Load(crdDir)
	if err != nil {
		return err
	}
	if len(crds) == 0 {
		return fmt.Errorf("no CRDs in %s", crdDir)
	}
	pages := crdref.Pages(crds)
	for rel, content := range pages {
		if err := writeIfChanged(filepath.Join(outDir, filepath.FromSlash(rel)), content); err != nil {
			return err
		}
	}
	return removeStale(outDir, pages)
}

func writeIfChanged(file, content string) error {
	if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, []byte(content)) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		return err
	}
	return os.WriteFile(file, []byte(content), 0o644) //nolint:gosec // the book is world-readable source
}

// removeStale removes the Markdown files of outDir that are not pages, then the directories left empty.
func removeStale(outDir string, pages map[string]string) error {
	var dirs []string
	err := filepath.WalkDir(outDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(outDir, p)
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			dirs = append(dirs, p)
		case strings.HasSuffix(p, ".md"):
			if _, ok := pages[filepath.ToSlash(rel)]; !ok {
				return os.Remove(p) //nolint:gosec // the generator's own output directory, named by its caller
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i > 0; i-- { // deepest first; never outDir itself
		if entries, err := os.ReadDir(dirs[i]); err == nil && len(entries) == 0 {
			if err := os.Remove(dirs[i]); err != nil {
				return err
			}
		}
	}
	return nil
}
