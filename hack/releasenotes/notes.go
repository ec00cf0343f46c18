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

package main

import (
	"fmt"
	"regexp"
	"strings"
)

// Kind is the group a commit is listed under in the release notes.
type Kind int

// The kinds, in the order the notes list them.
const (
	Breaking Kind = iota
	Feature
	Fix
	Docs
	Other
	Unsorted
	// Skip leaves a commit out of the notes (trailer "Release-Note: none").
	Skip
)

// headings are the section titles of the kinds that are listed.
var headings = map[Kind]string{
	Breaking: "⚠️ Breaking changes",
	Feature:  "✨ New features",
	Fix:      "🐛 Bug fixes",
	Docs:     "📖 Documentation",
	Other:    "🌱 Other changes",
	Unsorted: "❓ No kind given (sort these before publishing)",
}

// Commit is one commit of the range: its full hash, subject line and body.
type Commit struct {
	Hash    string
	Subject string
	Body    string
}

// Entry is a commit as the notes list it: its kind, the subject without the kind's marker, and a short hash.
type Entry struct {
	Kind  Kind
	Title string
	Hash  string
}

// LogFormat is the `git log --format` whose output ParseLog reads: hash, subject and body separated by the
// unit separator, each commit ended by the record separator.
const LogFormat = "%H%x1f%s%x1f%b%x1e"

// ParseLog splits `git log --format=LogFormat` output into commits, in the order given.
func ParseLog(out string) []Commit {
	var commits []Commit
	for _, rec := range strings.Split(out, "\x1e") {
		rec = strings.TrimLeft(rec, "\n")
		if strings.TrimSpace(rec) == "" {
			continue
		}
		fields := strings.SplitN(rec, "\x1f", 3)
		for len(fields) < 3 {
			fields = append(fields, "")
		}
		commits = append(commits, Commit{
			Hash:    strings.TrimSpace(fields[0]),
			Subject: strings.TrimSpace(fields[1]),
			Body:    strings.TrimSpace(fields[2]),
		})
	}
	return commits
}

// markers are the subject prefixes of Cluster API's pull-request convention: an emoji (the warning sign with or
// without its emoji variation selector) or its GitHub shortcode.
var markers = []struct {
	prefix string
	kind   Kind
}{
	{"⚠", Breaking}, {":warning:", Breaking},
	{"✨", Feature}, {":sparkles:", Feature},
	{"🐛", Fix}, {":bug:", Fix},
	{"📖", Docs}, {":book:", Docs},
	{"🌱", Other}, {":seedling:", Other},
}

// kindWords name a kind in a trailer ("Release-Note: fix") or as a conventional-commit type ("fix(scope): ...").
var kindWords = map[string]Kind{
	"breaking": Breaking,
	"feat":     Feature, "feature": Feature,
	"fix": Fix, "bugfix": Fix,
	"docs":  Docs,
	"other": Other, "chore": Other, "test": Other, "tests": Other, "ci": Other, "build": Other,
	"refactor": Other, "perf": Other, "deps": Other, "style": Other,
	"none": Skip,
}

// typePrefix matches a conventional-commit type, lower case as the convention writes it: "feat: x",
// "fix(webhooks): x", "feat!: x". A capitalised word ("Tests: x") is an area, not a type.
var typePrefix = regexp.MustCompile(`^([a-z]+)(?:\(([^)]*)\))?(!)?:\s+(.+)$`)

// trailerLine matches the Release-Note trailer in a commit body.
var trailerLine = regexp.MustCompile(`(?im)^release-note:\s*([a-z]+)\s*$`)

// breakingBody matches a "BREAKING CHANGE:" paragraph in a commit body.
var breakingBody = regexp.MustCompile(`(?m)^BREAKING[ -]CHANGE:`)

// docsAreas and otherAreas are this repository's "<area>: <sentence>" prefixes whose kind is plain without a
// marker; a subject is kept as written when classified by its area.
var (
	docsAreas  = map[string]bool{"book": true, "readme": true, "developer guide": true}
	otherAreas = map[string]bool{"e2e": true, "lint": true, "gofmt": true, "go mod tidy": true, "tests": true, "mocks": true, "hack": true, "makefile": true, "workflows": true}
)

// Classify returns a commit's entry. In order of precedence: a "Release-Note: <kind>" trailer, a
// "BREAKING CHANGE:" paragraph, an emoji or shortcode marker, a conventional-commit type ("!" marks it
// breaking), this repository's documentation and tooling areas; anything else is Unsorted.
func Classify(c Commit) Entry {
	kind, title := subjectKind(c.Subject)
	if k, ok := trailerKind(c.Body); ok {
		kind = k
	} else if breakingBody.MatchString(c.Body) {
		kind = Breaking
	}
	return Entry{Kind: kind, Title: title, Hash: shortHash(c.Hash)}
}

// trailerKind returns the kind of the last Release-Note trailer naming a known kind, and whether there was one.
func trailerKind(body string) (Kind, bool) {
	kind, found := Unsorted, false
	for _, m := range trailerLine.FindAllStringSubmatch(body, -1) {
		if k, ok := kindWords[strings.ToLower(m[1])]; ok {
			kind, found = k, true
		}
	}
	return kind, found
}

// subjectKind classifies a subject by its marker, conventional type or area, and returns the title to list:
// the subject without its marker or type, or the whole subject when its area decided.
func subjectKind(subject string) (Kind, string) {
	for _, m := range markers {
		if rest, ok := strings.CutPrefix(subject, m.prefix); ok {
			return m.kind, strings.TrimLeft(rest, "\ufe0f \t")
		}
	}
	if m := typePrefix.FindStringSubmatch(subject); m != nil {
		if k, ok := kindWords[m[1]]; ok && k != Skip {
			if m[3] == "!" {
				k = Breaking
			}
			if m[2] != "" {
				return k, m[2] + ": " + m[4]
			}
			return k, m[4]
		}
	}
	if area, _, ok := strings.Cut(subject, ": "); ok {
		area = strings.ToLower(area)
		switch {
		case docsAreas[area] || strings.HasSuffix(area, " page"):
			return Docs, subject
		case otherAreas[area]:
			return Other, subject
		}
	}
	return Unsorted, subject
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// Render prints the notes in Markdown: a heading naming the previous tag (none for a first release), then one
// section per kind that has entries, in the order of the kinds, each entry oldest first. Commits come in
// `git log` order (newest first).
func Render(previous string, commits []Commit) string {
	groups := map[Kind][]Entry{}
	listed := 0
	for i := len(commits) - 1; i >= 0; i-- {
		e := Classify(commits[i])
		if e.Kind == Skip {
			continue
		}
		groups[e.Kind] = append(groups[e.Kind], e)
		listed++
	}
	var b strings.Builder
	if previous == "" {
		fmt.Fprintf(&b, "## Changes (%d)\n", listed)
	} else {
		fmt.Fprintf(&b, "## Changes since %s (%d)\n", previous, listed)
	}
	if listed == 0 {
		b.WriteString("\nNo changes.\n")
	}
	for k := Breaking; k <= Unsorted; k++ {
		if len(groups[k]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n### %s\n\n", headings[k])
		for _, e := range groups[k] {
			fmt.Fprintf(&b, "- %s (%s)\n", e.Title, e.Hash)
		}
	}
	return b.String()
}
