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

// Package docs checks the book as the site mdBook makes of docs/book/src: every page is reachable from SUMMARY.md;
// every relative link of the book, README.md and templates/README.md resolves to a file (from the book, one inside
// docs/book/src, the only directory mdBook publishes); every anchor names a heading of its page as mdBook ids
// them; every external link is a well-formed https URL (nothing is fetched); and every CRD field has a description.
package docs

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	. "github.com/onsi/gomega"

	"github.com/oracle/cluster-api-provider-oci/test/testenv"
)

func bookDir() string { return filepath.Join(testenv.RepoRoot(), "docs", "book", "src") }

// checkedFiles are the book's pages and the READMEs that link into the book.
func checkedFiles(t *testing.T) []string {
	t.Helper()
	root := testenv.RepoRoot()
	return append(markdownFiles(t, bookDir()), filepath.Join(root, "README.md"), filepath.Join(root, "templates", "README.md"))
}

func read(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func links(t *testing.T, file string) []string {
	t.Helper()
	return linkTargets(read(t, file))
}

// schemePattern matches a URL scheme: a link with one is external.
var schemePattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

func isRelative(target string) bool {
	return !schemePattern.MatchString(target) && !strings.HasPrefix(target, "#")
}

func markdownFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func rel(file string) string { return strings.TrimPrefix(file, testenv.RepoRoot()+"/") }

func inBook(path string) bool {
	return strings.HasPrefix(filepath.Clean(path), bookDir()+string(filepath.Separator))
}

// resolve is the file a relative link of file names (its anchor and query left out, %-escapes decoded).
func resolve(file, target string) string {
	target, _, _ = strings.Cut(target, "#")
	target, _, _ = strings.Cut(target, "?")
	if p, err := url.PathUnescape(target); err == nil {
		target = p
	}
	if target == "" {
		return file
	}
	return filepath.Join(filepath.Dir(file), target)
}

func TestEveryPageIsInSummary(t *testing.T) {
	g := NewWithT(t)
	summary := filepath.Join(bookDir(), "SUMMARY.md")
	linked := map[string]bool{}
	for _, l := range links(t, summary) {
		linked[resolve(summary, l)] = true
	}
	var orphans []string
	for _, f := range markdownFiles(t, bookDir()) {
		if f != summary && !linked[f] {
			orphans = append(orphans, strings.TrimPrefix(f, bookDir()+"/"))
		}
	}
	g.Expect(orphans).To(BeEmpty(), "pages not linked from SUMMARY.md")
}

func TestRelativeLinksResolve(t *testing.T) {
	g := NewWithT(t)
	var broken []string
	for _, f := range checkedFiles(t) {
		for _, l := range links(t, f) {
			if !isRelative(l) {
				continue
			}
			target := resolve(f, l)
			st, err := os.Stat(target)
			switch {
			case err != nil:
				broken = append(broken, rel(f)+": "+l+" (no such file)")
			case st.IsDir():
				broken = append(broken, rel(f)+": "+l+" (a directory: name the page)")
			case inBook(f) && !inBook(target):
				broken = append(broken, rel(f)+": "+l+" (outside docs/book/src, which is all mdBook publishes: link to GitHub)")
			}
		}
	}
	g.Expect(broken).To(BeEmpty(), "relative links that do not resolve")
}

func TestAnchorsResolve(t *testing.T) {
	g := NewWithT(t)
	ids := map[string][]string{}
	var broken []string
	for _, f := range checkedFiles(t) {
		for _, l := range links(t, f) {
			_, anchor, ok := strings.Cut(l, "#")
			if !ok || (!isRelative(l) && !strings.HasPrefix(l, "#")) {
				continue
			}
			page := resolve(f, l)
			if !strings.HasSuffix(page, ".md") {
				continue // a line of a source file, say: not a page with headings
			}
			if _, done := ids[page]; !done {
				b, err := os.ReadFile(page)
				if err != nil {
					continue // reported by TestRelativeLinksResolve
				}
				ids[page] = headingIDs(string(b))
			}
			if a, err := url.PathUnescape(anchor); err == nil && !slices.Contains(ids[page], a) {
				broken = append(broken, fmt.Sprintf("%s: %s (no heading of %s has the id %q)", rel(f), l, rel(page), a))
			}
		}
	}
	g.Expect(broken).To(BeEmpty(), "anchors that name no heading")
}

// externalProblem says what is wrong with an external link target, or "" when it is a well-formed https URL
// (or a mailto: address).
func externalProblem(target string) string {
	if rest, ok := strings.CutPrefix(target, "mailto:"); ok {
		if !strings.Contains(rest, "@") {
			return "not an e-mail address"
		}
		return ""
	}
	u, err := url.Parse(target)
	switch {
	case err != nil:
		return err.Error()
	case u.Scheme != "https":
		return "not https"
	case u.User != nil:
		return "has user information"
	case !strings.Contains(u.Hostname(), ".") || strings.HasPrefix(u.Hostname(), ".") || strings.HasSuffix(u.Hostname(), "."):
		return "no host name"
	}
	return ""
}

func TestExternalLinksAreWellFormed(t *testing.T) {
	g := NewWithT(t)
	var bad []string
	for _, f := range checkedFiles(t) {
		for _, l := range links(t, f) {
			if isRelative(l) || strings.HasPrefix(l, "#") {
				continue
			}
			if p := externalProblem(l); p != "" {
				bad = append(bad, fmt.Sprintf("%s: %s (%s)", rel(f), l, p))
			}
		}
	}
	g.Expect(bad).To(BeEmpty(), "external links that are not well-formed https URLs")
}
