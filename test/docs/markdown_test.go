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

package docs

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/oracle/cluster-api-provider-oci/hack/crdref"
)

// This file reads Markdown as mdBook does, as far as the checks need: where code is (never a link or a heading),
// the links of a page, and the ids mdBook gives its headings.

// fencePattern opens or closes a fenced code block: up to three spaces, then three or more backticks or tildes.
var fencePattern = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")

// proseLines returns the lines of text outside fenced code blocks (a fenced line is returned empty, so that line
// numbers stay).
func proseLines(text string) []string {
	lines := strings.Split(text, "\n")
	fence := ""
	for i, line := range lines {
		m := fencePattern.FindStringSubmatch(line)
		switch {
		case fence == "" && m != nil:
			fence = m[1]
			lines[i] = ""
		case fence != "":
			if len(m) == 2 && m[1][0] == fence[0] && len(m[1]) >= len(fence) &&
				strings.TrimSpace(line[len(m[0]):]) == "" {
				fence = ""
			}
			lines[i] = ""
		}
	}
	return lines
}

// splitCode splits inline Markdown into text and code spans (a run of backticks closed by a run of the same
// length; an unclosed run is text). keep receives each piece with whether it is code.
func splitCode(s string, keep func(piece string, code bool)) {
	for s != "" {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			keep(s, false)
			return
		}
		keep(s[:i], false)
		s = s[i:]
		n := len(s) - len(strings.TrimLeft(s, "`"))
		end := crdref.ClosingRun(s[n:], n)
		if end < 0 {
			keep(s[:n], false)
			s = s[n:]
			continue
		}
		keep(s[n:n+end], true)
		s = s[n+end+n:]
	}
}

// withoutCode is text with its fenced blocks and inline code spans removed: brackets there are not links.
func withoutCode(text string) string {
	var b strings.Builder
	splitCode(strings.Join(proseLines(text), "\n"), func(piece string, code bool) {
		if !code {
			b.WriteString(piece)
		}
	})
	return b.String()
}

var (
	// linkPattern matches inline links and images: [text](target) and ![alt](target "title").
	linkPattern = regexp.MustCompile(`\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)
	// definitionPattern matches a link reference definition: [label]: target.
	definitionPattern = regexp.MustCompile(`(?m)^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?`)
	// autolinkPattern matches an autolink: <https://example.com>.
	autolinkPattern = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>`)
)

// linkTargets returns the targets of the links of a page's text, in order: inline links and images, reference
// definitions and autolinks, none from code.
func linkTargets(text string) []string {
	text = withoutCode(text)
	var out []string
	for _, p := range []*regexp.Regexp{linkPattern, definitionPattern, autolinkPattern} {
		for _, m := range p.FindAllStringSubmatch(text, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

var (
	// headingPattern matches an ATX heading: up to three spaces, one to six #, then the text; closing #s go.
	headingPattern = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	// customIDPattern matches a heading's attribute block with an id: {#id .class}.
	customIDPattern = regexp.MustCompile(`\s*\{#([^\s}]+)[^}]*\}\s*$`)
	// inlineLinkText matches [text](target) and ![alt](target): a link shows its text, an image none.
	inlineLinkText = regexp.MustCompile(`(!?)\[([^\]]*)\]\([^)]*\)`)
	// htmlTag matches a raw HTML tag, which mdBook leaves out of an id.
	htmlTag = regexp.MustCompile(`</?[A-Za-z][^>]*>`)
	// underscoreEmphasis matches _text_ or __text__ not inside a word.
	underscoreEmphasis = regexp.MustCompile(`(^|[^\p{L}\p{N}_])_{1,2}([^_]+?)_{1,2}($|[^\p{L}\p{N}_])`)
)

// headingIDs returns the ids mdBook gives the headings of a page, in order: each heading's text as it renders
// (code spans' content kept, link text kept, images, HTML tags and emphasis marks dropped) made into an id by
// slug, a repeated id numbered -1, -2, ...; or the id a heading sets itself with {#id}.
func headingIDs(text string) []string {
	var ids []string
	seen := map[string]int{}
	for _, line := range proseLines(text) {
		m := headingPattern.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		heading := m[1]
		if c := customIDPattern.FindStringSubmatch(heading); c != nil {
			ids = append(ids, c[1])
			continue
		}
		id := slug(renderedText(heading))
		n := seen[id]
		seen[id]++
		if n > 0 {
			id += "-" + strconv.Itoa(n)
		}
		ids = append(ids, id)
	}
	return ids
}

// renderedText is the text a heading's inline Markdown renders to.
func renderedText(md string) string {
	var b strings.Builder
	splitCode(md, func(piece string, code bool) {
		if code {
			b.WriteString(piece)
			return
		}
		piece = inlineLinkText.ReplaceAllStringFunc(piece, func(l string) string {
			sub := inlineLinkText.FindStringSubmatch(l)
			if sub[1] == "!" {
				return ""
			}
			return sub[2]
		})
		piece = htmlTag.ReplaceAllString(piece, "")
		piece = underscoreEmphasis.ReplaceAllString(piece, "$1$2$3")
		b.WriteString(strings.ReplaceAll(piece, `\`, ""))
	})
	return b.String()
}

// slug makes a heading's text into an id as mdBook does (its normalize_id, after id_from_content): the HTML
// entities of <, >, &, ' and " go, the text is trimmed of white space and leading #s, letters and digits are kept
// (ASCII ones lower-cased), as are _ and -, each white-space character becomes -, and everything else goes.
func slug(text string) string {
	for _, entity := range []string{"&lt;", "&gt;", "&amp;", "&#39;", "&quot;"} {
		text = strings.ReplaceAll(text, entity, "")
	}
	text = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text), "#"))
	var b strings.Builder
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' || r == '-':
			if r < unicode.MaxASCII {
				r = unicode.ToLower(r)
			}
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	return b.String()
}
